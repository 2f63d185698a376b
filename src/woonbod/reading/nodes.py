"""Build the tree from libyaml's composer (C), the fast path for ordinary files.

libyaml composes nested nodes by recursion in C, so a file is only given to it when its nesting
cannot be deep: nesting needs a new line or a bracket per level, so fewer than SAFE_NESTING of
those together bound the depth. An alias comes out of the composer as its anchor's node, with
the anchor's position; a file that uses one is read from the event stream instead (NeedsEvents),
which knows where the alias stands and bounds what aliases expand to.

An ordinary file (no duplicate key, no limit reached, no alias) takes a quicker way: its data is
built first, and the positions only when something asks for one (most files have no problem to
place); anything unusual is left to _Builder, which says exactly what and where.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import yaml

from woonbod.problems import Problem
from woonbod.reading.tree import (
    MAX_DEPTH,
    MAX_NODES,
    PLAIN_TAGS,
    STR_TAGS,
    Document,
    NeedsEvents,
    Path_,
    Positions,
    Stop,
    bad_tag,
    complex_key,
    duplicate_key,
    only_comments,
    scalar_value,
    several_documents,
    too_deep,
    too_many_values,
)

SAFE_NESTING = 400
_STR, _SEQ, _MAP = PLAIN_TAGS  # what the composer gives a node without a tag


def may_compose(text: str) -> bool:
    """True when the text cannot nest deeply enough to strain libyaml's recursive composer."""
    return text.count("\n") + text.count("[") + text.count("{") < SAFE_NESTING


def _pos(node: yaml.Node) -> tuple[int, int]:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1)


class _Builder:
    def __init__(self, name: str, *, aliases: bool) -> None:
        self.name = name
        self.doc = Document(data=None)
        self.found: list[Problem] = []
        self.nodes = 0
        # id(node) of every node built: one met twice is an alias. Only a file with an anchor
        # (`&`) can have one, so the others skip the bookkeeping.
        self.seen: set[int] | None = set() if aliases else None

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise too_many_values(self.name, _pos(node))
        if self.seen is not None:
            if id(node) in self.seen:
                # An alias: the composer hands us the anchor's node, with the anchor's position.
                # Problems must point at the alias itself, which only the event stream knows.
                raise NeedsEvents
            self.seen.add(id(node))
        mark = node.start_mark
        self.doc.value_at[path] = (mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            # Most nodes are scalars: one test, and the text kept for the messages.
            if node.tag != _STR and node.tag not in STR_TAGS:
                raise self._bad_tag(node)
            self.doc.text_at[path] = node.value
            return scalar_value(node.value, not node.style)
        if depth >= MAX_DEPTH:
            raise too_deep(self.name, _pos(node))
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                raise self._bad_tag(node)
            return [self.build(child, (*path, index), depth + 1) for index, child in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        if node.tag != _MAP:
            raise self._bad_tag(node)
        return self._mapping(node, path, depth)

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        key_at = self.doc.key_at
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise complex_key(self.name, _pos(key_node))
            if key_node.tag != _STR and key_node.tag not in STR_TAGS:
                raise self._bad_tag(key_node)
            self.nodes += 1
            key = key_node.value
            child = (*path, key)
            mark = key_node.start_mark
            position = (mark.line + 1, mark.column + 1)
            if key in mapping:
                self.found.append(duplicate_key(self.name, key, key_at[child][0], *position))
            key_at[child] = position
            mapping[key] = self.build(value_node, child, depth + 1)
        return mapping

    def _bad_tag(self, node: yaml.Node) -> Stop:
        return bad_tag(self.name, node.tag, _pos(node))


class _Unusual(Exception):
    """What the quick walk leaves to _Builder: a duplicate key, a tag, a complex key, a limit."""


class _Quick:
    """The data of an ordinary file, and the positions in a compact record; _Unusual for
    anything else. Per node, in order: its kind (-1 a scalar, n >= 0 a mapping of n pairs,
    -2 - n a list of n items), line and column, each key's line and column before its value;
    ``texts``: each key and scalar as written. Flat lists of numbers and text cost the garbage
    collector next to nothing while the file's bid is kept; the nodes themselves would not."""

    def __init__(self) -> None:
        self.nodes = 1  # the root; each list item, key and value is counted as _Builder counts it
        self.marks: list[int] = []
        self.texts: list[str] = []

    def value(self, node: yaml.Node, depth: int) -> Any:
        mark = node.start_mark
        if isinstance(node, yaml.ScalarNode):
            if node.tag != _STR:
                raise _Unusual
            self.marks += (-1, mark.line, mark.column)
            self.texts.append(node.value)
            return scalar_value(node.value, not node.style)
        if depth >= MAX_DEPTH:
            raise _Unusual
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                raise _Unusual
            self.count(len(node.value))
            self.marks += (-2 - len(node.value), mark.line, mark.column)
            return [self.value(item, depth + 1) for item in node.value]
        if node.tag != _MAP:
            raise _Unusual
        self.count(2 * len(node.value))
        self.marks += (len(node.value), mark.line, mark.column)
        return self.mapping(node.value, depth)

    def mapping(self, pairs: list[tuple[yaml.Node, yaml.Node]], depth: int) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        marks, texts = self.marks, self.texts
        for key_node, value_node in pairs:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR or key_node.value in mapping:
                raise _Unusual
            key = key_node.value
            at = key_node.start_mark
            if isinstance(value_node, yaml.ScalarNode) and value_node.tag == _STR:  # most values
                mark = value_node.start_mark
                marks += (at.line, at.column, -1, mark.line, mark.column)
                texts += (key, value_node.value)
                mapping[key] = scalar_value(value_node.value, not value_node.style)
            else:
                marks += (at.line, at.column)
                texts.append(key)
                mapping[key] = self.value(value_node, depth + 1)
        return mapping

    def count(self, more: int) -> None:
        self.nodes += more
        if self.nodes > MAX_NODES:
            raise _Unusual


def _positions(marks: list[int], texts: list[str]) -> Positions:
    """The tables _Builder fills in, from the record of a file the quick walk took (_Quick)."""
    value_at: dict[Path_, tuple[int, int]] = {}
    key_at: dict[Path_, tuple[int, int]] = {}
    text_at: dict[Path_, str] = {}
    numbers, words = iter(marks), iter(texts)

    def walk(path: Path_) -> None:
        kind = next(numbers)
        value_at[path] = (next(numbers) + 1, next(numbers) + 1)
        if kind == -1:
            text_at[path] = next(words)
        elif kind < -1:
            for index in range(-2 - kind):
                walk((*path, index))
        else:
            for _ in range(kind):
                child = (*path, next(words))
                key_at[child] = (next(numbers) + 1, next(numbers) + 1)
                walk(child)

    walk(())
    return value_at, key_at, text_at


def build_from_nodes(text: str, name: str, loader: Callable[[str], Any]) -> tuple[Document, list[Problem]]:
    """Compose ``text`` with libyaml and turn the nodes into plain data with positions."""
    parser = loader(text)
    try:
        try:
            root = parser.get_single_node()
        except yaml.composer.ComposerError as exc:
            said = f"{exc.context or ''} {exc.problem or ''}"
            if "expected a single document" in said and exc.problem_mark is not None:
                mark = exc.problem_mark
                raise several_documents(name, mark.line + 1, mark.column + 1) from None
            raise
    finally:
        parser.dispose()
    if root is None:
        raise only_comments(name)
    if "&" not in text:  # without an anchor, no node can be met twice (an alias)
        quick = _Quick()
        try:
            data = quick.value(root, 0)
            return Document(data, partial(_positions, quick.marks, quick.texts)), []
        except _Unusual:
            pass
    builder = _Builder(name, aliases="&" in text)
    builder.doc.data = builder.build(root, (), 0)
    return builder.doc, builder.found

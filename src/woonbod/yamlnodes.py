"""Build the tree from libyaml's composer (C), the fast path for ordinary files.

libyaml composes nested nodes by recursion in C, so a file is only given to it when its nesting
cannot be deep: nesting needs a new line or a bracket per level, so fewer than SAFE_NESTING of
those together bound the depth. An alias comes out of the composer as its anchor's node, with
the anchor's position; a file that uses one is read from the event stream instead (NeedsEvents),
which knows where the alias stands and bounds what aliases expand to.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from woonbod.problems import Level, Problem
from woonbod.yamltree import (
    MAX_DEPTH,
    MAX_NODES,
    PLAIN_TAGS,
    STR_TAGS,
    Document,
    NeedsEvents,
    Path_,
    Stop,
    duplicate_key,
    only_comments,
    scalar_value,
    several_documents,
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

    def stop(self, node: yaml.Node, rule: str, message: str, hint: str = "") -> Stop:
        line, col = _pos(node)
        return Stop(Problem(self.name, line, col, rule, Level.ERROR, message, hint))

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.stop(
                node,
                "too-many-values",
                f"the file has more than {MAX_NODES:,} values",
                "a bid has a few hundred at most; check that this is a bid file",
            )
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
            raise self.stop(
                node,
                "too-deep",
                f"the file is nested more than {MAX_DEPTH} levels deep",
                "a bid is at most four levels deep; check the indentation",
            )
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
                raise self.stop(
                    key_node,
                    "yaml-complex-key",
                    "a key must be a plain word, not a list or mapping",
                    "write keys such as `totaal:`; a value starting with [ or { goes after the colon",
                )
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
        shown = node.tag.replace("tag:yaml.org,2002:", "!!")
        return self.stop(
            node,
            "yaml-tag",
            f"the YAML tag {shown} is not allowed: woonbod only reads plain data",
            "remove the tag and write the value itself",
        )


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
    builder = _Builder(name, aliases="&" in text)
    builder.doc.data = builder.build(root, (), 0)
    return builder.doc, builder.found

"""Build the tree from libyaml's event stream, with explicit bounds on depth and size.

Slower than the composer (yamlnodes) but it never recurses, so it is what reads files whose
nesting could be deep enough to exhaust the C stack in libyaml's composer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from woonbod.problems import Level, Problem
from woonbod.yamltree import (
    MAX_DEPTH,
    MAX_NODES,
    STR_TAGS,
    Document,
    Path_,
    Stop,
    duplicate_key,
    only_comments,
    scalar_value,
    several_documents,
)


@dataclass(slots=True)
class _Frame:
    path: Path_
    container: dict[str, Any] | list[Any]
    anchor: str | None
    pending_key: str | None = None
    size: int = 1


def _pos(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (1, 1) if mark is None else (mark.line + 1, mark.column + 1)


def build_from_events(text: str, name: str, loader: Callable[[str], Any]) -> tuple[Document, list[Problem]]:
    doc = Document(data=None)
    found: list[Problem] = []
    parser = loader(text)
    stack: list[_Frame] = []
    anchors: dict[str, tuple[Any, int]] = {}
    nodes = 0
    documents = 0
    root_set = False

    def stop(event: yaml.Event, rule: str, message: str, hint: str = "") -> Stop:
        line, col = _pos(event)
        return Stop(Problem(name, line, col, rule, Level.ERROR, message, hint))

    def place(event: yaml.Event, value: Any, size: int) -> Path_ | None:
        """Put a finished value into its parent; returns its path, or None if it was a key."""
        nonlocal root_set
        if not stack:
            doc.data = value
            root_set = True
            doc.value_at[()] = _pos(event)
            return ()
        top = stack[-1]
        top.size += size
        if isinstance(top.container, list):
            path = (*top.path, len(top.container))
            top.container.append(value)
            doc.value_at[path] = _pos(event)
            return path
        if top.pending_key is None:
            if not isinstance(value, str | int | float | bool) and value is not None:
                raise stop(
                    event,
                    "yaml-complex-key",
                    "a key must be a plain word, not a list or mapping",
                    "write keys such as `totaal:`; a value starting with [ or { goes after the colon",
                )
            key = event.value if isinstance(event, yaml.ScalarEvent) else str(value)
            path = (*top.path, key)
            if key in top.container:
                first = doc.key_at[path][0]
                line, col = _pos(event)
                duplicate = duplicate_key(name, key, first, line, col)
                found.append(duplicate)
            doc.key_at[path] = _pos(event)
            top.pending_key = key
            return None
        path = (*top.path, top.pending_key)
        top.container[top.pending_key] = value
        top.pending_key = None
        doc.value_at[path] = _pos(event)
        return path

    def child_path() -> Path_:
        top = stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container))
        return (*top.path, top.pending_key) if top.pending_key is not None else (*top.path, "?")

    def check_tag(event: yaml.Event) -> None:
        tag = getattr(event, "tag", None)
        if tag is None or tag in STR_TAGS:
            return
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise stop(
            event,
            "yaml-tag",
            f"the YAML tag {shown} is not allowed: woonbod only reads plain data",
            "remove the tag and write the value itself",
        )

    try:
        while True:
            event = parser.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                break
            if isinstance(event, yaml.StreamStartEvent | yaml.DocumentEndEvent):
                continue
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    line, col = _pos(event)
                    raise several_documents(name, line, col)
                continue
            nodes += 1
            if nodes > MAX_NODES:
                raise stop(
                    event,
                    "too-many-values",
                    f"the file has more than {MAX_NODES:,} values",
                    "a bid has a few hundred at most; check that this is a bid file",
                )
            if isinstance(event, yaml.ScalarEvent):
                check_tag(event)
                value = scalar_value(event.value, not event.style and event.implicit[0])
                path = place(event, value, 1)
                if path is not None:
                    doc.text_at[path] = event.value
                if event.anchor:
                    anchors[event.anchor] = (value, 1)
            elif isinstance(event, yaml.AliasEvent):
                if event.anchor not in anchors:
                    raise stop(event, "yaml-syntax", f"the alias *{event.anchor} refers to no anchor")
                value, size = anchors[event.anchor]
                nodes += size
                if nodes > MAX_NODES:
                    raise stop(
                        event,
                        "alias-expansion",
                        f"aliases here expand to more than {MAX_NODES:,} values",
                        "write the values out instead of repeating anchors (&) and aliases (*)",
                    )
                place(event, value, size)
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                check_tag(event)
                if len(stack) >= MAX_DEPTH:
                    raise stop(
                        event,
                        "too-deep",
                        f"the file is nested more than {MAX_DEPTH} levels deep",
                        "a bid is at most four levels deep; check the indentation",
                    )
                container: dict[str, Any] | list[Any] = (
                    {} if isinstance(event, yaml.MappingStartEvent) else []
                )
                path = child_path() if stack else ()
                if stack and isinstance(stack[-1].container, dict) and stack[-1].pending_key is None:
                    raise stop(
                        event,
                        "yaml-complex-key",
                        "a key must be a plain word, not a list or mapping",
                        "write keys such as `totaal:`; a value starting with [ or { goes after the colon",
                    )
                stack.append(_Frame(path, container, event.anchor))
                doc.value_at.setdefault(path, _pos(event))
                if not path:
                    doc.value_at[()] = _pos(event)
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                frame = stack.pop()
                start = doc.value_at.get(frame.path, _pos(event))
                if stack:
                    top = stack[-1]
                    top.size += frame.size
                    if isinstance(top.container, list):
                        top.container.append(frame.container)
                    else:
                        assert top.pending_key is not None
                        top.container[top.pending_key] = frame.container
                        top.pending_key = None
                else:
                    doc.data = frame.container
                    root_set = True
                doc.value_at[frame.path] = start
                if frame.anchor:
                    anchors[frame.anchor] = (frame.container, frame.size)
    finally:
        if hasattr(parser, "dispose"):
            parser.dispose()
    if not root_set:
        raise only_comments(name)
    return doc, found

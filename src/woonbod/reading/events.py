"""Build the tree from libyaml's event stream, with explicit bounds on depth and size.

Slower than the composer (reading.nodes) but it never recurses, so it is what reads files whose
nesting could be deep enough to exhaust the C stack in libyaml's composer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from woonbod.problems import Problem
from woonbod.reading.tree import (
    MAX_DEPTH,
    MAX_NODES,
    Document,
    Path_,
    alias_expansion,
    bad_tag,
    complex_key,
    duplicate_key,
    only_comments,
    scalar_value,
    several_documents,
    tag_allowed,
    too_deep,
    too_many_values,
    unknown_alias,
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


class _Builder:
    """The open containers (a stack, never recursion), the anchors, and the counts."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.doc = Document(data=None)
        self.found: list[Problem] = []
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.nodes = 0
        self.documents = 0
        self.root_set = False

    def feed(self, event: yaml.Event) -> None:
        """Take one event of the stream."""
        if isinstance(event, yaml.StreamStartEvent | yaml.DocumentEndEvent):
            return
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise several_documents(self.name, *_pos(event))
            return
        self.count(event, 1)
        if isinstance(event, yaml.ScalarEvent):
            self.scalar(event)
        elif isinstance(event, yaml.AliasEvent):
            self.alias(event)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            self.open(event)
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            self.close(event)

    def count(self, event: yaml.Event, size: int, *, alias: bool = False) -> None:
        self.nodes += size
        if self.nodes > MAX_NODES:
            raise (alias_expansion if alias else too_many_values)(self.name, _pos(event))

    def check_tag(self, event: yaml.ScalarEvent | yaml.CollectionStartEvent) -> None:
        if event.tag is not None and not tag_allowed(event.tag):
            raise bad_tag(self.name, event.tag, _pos(event))

    def scalar(self, event: yaml.ScalarEvent) -> None:
        self.check_tag(event)
        value = scalar_value(event.value, not event.style and event.implicit[0])
        path = self.place(event, value, 1)
        if path is not None:
            self.doc.text_at[path] = event.value
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)

    def alias(self, event: yaml.AliasEvent) -> None:
        if event.anchor not in self.anchors:
            raise unknown_alias(self.name, str(event.anchor), _pos(event))
        value, size = self.anchors[event.anchor]
        self.count(event, size, alias=True)
        self.place(event, value, size)

    def open(self, event: yaml.MappingStartEvent | yaml.SequenceStartEvent) -> None:
        self.check_tag(event)
        if len(self.stack) >= MAX_DEPTH:
            raise too_deep(self.name, _pos(event))
        container: dict[str, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
        path = self.child_path() if self.stack else ()
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.container, dict) and top.pending_key is None:
            raise complex_key(self.name, _pos(event))
        self.stack.append(_Frame(path, container, event.anchor))
        self.doc.value_at.setdefault(path, _pos(event))
        if not path:
            self.doc.value_at[()] = _pos(event)

    def close(self, event: yaml.MappingEndEvent | yaml.SequenceEndEvent) -> None:
        frame = self.stack.pop()
        start = self.doc.value_at.get(frame.path, _pos(event))
        if self.stack:
            top = self.stack[-1]
            top.size += frame.size
            if isinstance(top.container, list):
                top.container.append(frame.container)
            else:
                assert top.pending_key is not None
                top.container[top.pending_key] = frame.container
                top.pending_key = None
        else:
            self.doc.data = frame.container
            self.root_set = True
        self.doc.value_at[frame.path] = start
        if frame.anchor:
            self.anchors[frame.anchor] = (frame.container, frame.size)

    def child_path(self) -> Path_:
        top = self.stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container))
        return (*top.path, top.pending_key) if top.pending_key is not None else (*top.path, "?")

    def place(self, event: yaml.Event, value: Any, size: int) -> Path_ | None:
        """Put a finished value into its parent; returns its path, or None if it was a key."""
        if not self.stack:
            self.doc.data = value
            self.root_set = True
            self.doc.value_at[()] = _pos(event)
            return ()
        top = self.stack[-1]
        top.size += size
        if isinstance(top.container, list):
            path = (*top.path, len(top.container))
            top.container.append(value)
            self.doc.value_at[path] = _pos(event)
            return path
        if top.pending_key is None:
            self.key(event, value, top)
            return None
        path = (*top.path, top.pending_key)
        top.container[top.pending_key] = value
        top.pending_key = None
        self.doc.value_at[path] = _pos(event)
        return path

    def key(self, event: yaml.Event, value: Any, top: _Frame) -> None:
        """A mapping's next key: a plain scalar; a second time in one mapping is a problem."""
        if not isinstance(value, str | int | float | bool) and value is not None:
            raise complex_key(self.name, _pos(event))
        key = event.value if isinstance(event, yaml.ScalarEvent) else str(value)
        path = (*top.path, key)
        if key in top.container:
            self.found.append(duplicate_key(self.name, key, self.doc.key_at[path][0], *_pos(event)))
        self.doc.key_at[path] = _pos(event)
        top.pending_key = key


def build_from_events(text: str, name: str, loader: Callable[[str], Any]) -> tuple[Document, list[Problem]]:
    """Read ``text`` event by event into plain data with positions."""
    builder = _Builder(name)
    parser = loader(text)
    try:
        while True:
            event = parser.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                break
            builder.feed(event)
    finally:
        if hasattr(parser, "dispose"):
            parser.dispose()
    if not builder.root_set:
        raise only_comments(name)
    return builder.doc, builder.found

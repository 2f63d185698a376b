"""Read one YAML file into plain data, remembering where every key and value stands.

The tree is built from libyaml's event stream rather than ``yaml.load``: that way no tag is
ever constructed (only plain data comes out), YAML 1.1 surprises (``yes`` as true, ``1:30``
as 90, ``12.000`` as 12.0) are not applied silently, duplicate keys are seen, and nesting,
size and alias expansion are bounded without recursion, so no input can crash or hang us.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from woonbod.problems import Level, Problem

try:  # libyaml is ~10x faster; the pure-Python parser gives the same events.
    from yaml import CBaseLoader as _Parser
except ImportError:  # pragma: no cover - only on installs without libyaml
    from yaml import BaseLoader as _Parser  # type: ignore[assignment]

HAS_LIBYAML = _Parser.__name__ == "CBaseLoader"

Key = str | int
Path_ = tuple[Key, ...]

DEFAULT_MAX_BYTES = 1_000_000
MAX_DEPTH = 64
MAX_NODES = 100_000

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_STR_TAGS = frozenset({"tag:yaml.org,2002:str", "!"})


def dotted(path: Path_) -> str:
    """A path as people read it: segmenten.sociale_huur, knelpunten[1].woningen (items from 1)."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


@dataclass(slots=True)
class Document:
    """Plain data plus where each part of it was written (1-based line and column)."""

    data: Any
    value_at: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_at: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    text_at: dict[Path_, str] = field(default_factory=dict)

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """The position of ``path``, or of its nearest written ancestor."""
        table = self.key_at if key else self.value_at
        probe = path
        while probe:
            if probe in table:
                return table[probe]
            if not key and probe in self.key_at:
                return self.key_at[probe]
            probe = probe[:-1]
        return self.value_at.get((), (1, 1))


@dataclass(slots=True)
class _Frame:
    path: Path_
    container: dict[str, Any] | list[Any]
    anchor: str | None
    pending_key: str | None = None
    size: int = 1


class _Stop(Exception):
    """Building stops at the first problem that makes the rest meaningless."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def read_document(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Document | None, list[Problem]]:
    """Read and parse ``path``; on failure the document is None and the problems say why."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return None, [
                Problem(
                    name,
                    1,
                    1,
                    "file-too-large",
                    Level.ERROR,
                    f"the file is {size:,} bytes, more than the limit of {max_bytes:,}",
                    "a bid file is a few kilobytes; check that this is the right file, "
                    "or raise the limit with --max-bytes",
                )
            ]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [
            Problem(
                name,
                1,
                1,
                "file-unreadable",
                Level.ERROR,
                f"cannot read the file: {exc.strerror or exc}",
                "check that it exists and that you may read it",
            )
        ]
    return parse_bytes(raw, name)


def parse_bytes(raw: bytes, name: str, *, pure: bool = False) -> tuple[Document | None, list[Problem]]:
    """Decode and parse one file's bytes (``pure``: with PyYAML's Python parser, for tests)."""
    text, problem = _decode(raw, name)
    if problem is not None:
        return None, [problem]
    assert text is not None
    if not text.strip():
        return None, [
            Problem(
                name,
                1,
                1,
                "empty-file",
                Level.ERROR,
                "the file is empty",
                "write a bid (see `woonbod init PROVINCE`) or remove the file",
            )
        ]
    try:
        return _build(text, name, yaml.BaseLoader if pure else _Parser)
    except _Stop as stop:
        return None, [stop.problem]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, text, name)]
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        return None, [
            Problem(
                name,
                line,
                col,
                "control-character",
                Level.ERROR,
                f"the file contains the control character #x{exc.character:04x}, "
                "which text files do not have",
                "remove it; if the file came from a word processor, save it again as plain text",
            )
        ]
    except yaml.YAMLError as exc:  # anything else without a mark
        return None, [Problem(name, 1, 1, "yaml-syntax", Level.ERROR, f"not valid YAML: {exc}")]


def _decode(raw: bytes, name: str) -> tuple[str | None, Problem | None]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Problem(
            name,
            1,
            1,
            "not-utf8",
            Level.ERROR,
            "the file is UTF-16 text, not UTF-8",
            "save it as UTF-8 (in most editors: Save as… → encoding UTF-8)",
        )
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, Problem(
            name,
            line,
            col,
            "not-utf8",
            Level.ERROR,
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} here)",
            "save it as UTF-8; if it is a spreadsheet or a PDF, it is not a bid file",
        )


def _scalar(event: yaml.ScalarEvent) -> Any:
    value: str = event.value
    if event.style or not event.implicit[0]:  # libyaml gives '' for plain, PyYAML None
        return value  # quoted or block text is always text
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def _pos(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (1, 1) if mark is None else (mark.line + 1, mark.column + 1)


def _build(text: str, name: str, loader: Callable[[str], Any] = _Parser) -> tuple[Document, list[Problem]]:
    doc = Document(data=None)
    found: list[Problem] = []
    parser = loader(text)
    stack: list[_Frame] = []
    anchors: dict[str, tuple[Any, int]] = {}
    nodes = 0
    documents = 0
    root_set = False

    def stop(event: yaml.Event, rule: str, message: str, hint: str = "") -> _Stop:
        line, col = _pos(event)
        return _Stop(Problem(name, line, col, rule, Level.ERROR, message, hint))

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
                duplicate = Problem(
                    name,
                    line,
                    col,
                    "duplicate-key",
                    Level.ERROR,
                    f"'{key}' appears twice in the same mapping (first on line {first}); "
                    "YAML would silently keep only the last one",
                    "remove one of the two, or merge them",
                )
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
        if tag is None or tag in _STR_TAGS:
            return
        if tag in ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq") and not isinstance(
            event, yaml.ScalarEvent
        ):
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
                    raise stop(
                        event,
                        "several-documents",
                        "the file holds more than one YAML document (a second '---')",
                        "keep one bid per file: remove the second '---' and what follows, "
                        "or move it to its own file",
                    )
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
                value = _scalar(event)
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
        raise _Stop(
            Problem(
                name,
                1,
                1,
                "empty-file",
                Level.ERROR,
                "the file holds only comments or blank lines",
                "write a bid (see `woonbod init PROVINCE`) or remove the file",
            )
        )
    return doc, found


_FRIENDLY: tuple[tuple[str, str, str, str], ...] = (
    (
        "cannot start any token",
        "yaml-tab",
        "a tab character: YAML only allows spaces for indentation",
        "replace the tab with spaces",
    ),
    (
        "tab character",
        "yaml-tab",
        "a tab character: YAML only allows spaces for indentation",
        "replace the tab with spaces",
    ),
    (
        "end of stream",
        "unclosed-quote",
        "a quote is opened but never closed",
        "add the closing quote at the end of the value",
    ),
    (
        "unacceptable character",
        "control-character",
        "the file contains a control character (such as a NUL byte) that text files do not have",
        "remove it; if the file came from a spreadsheet or word processor, save it again as plain text",
    ),
    (
        "mapping values are not allowed",
        "yaml-syntax",
        "a ':' where YAML did not expect one (a value containing ': ' or a wrongly indented key)",
        "put the value in quotes, or align the key with the keys above it",
    ),
    (
        "expected <block end>",
        "yaml-indentation",
        "this line is indented differently from the lines above it",
        "indent keys of the same mapping with the same number of spaces",
    ),
    (
        "did not find expected key",
        "yaml-indentation",
        "this line is not aligned with the keys above it",
        "indent it with the same number of spaces",
    ),
    (
        "could not find expected ':'",
        "yaml-syntax",
        "a line without ':' where a key was expected",
        "write it as `key: value`",
    ),
    (
        "did not find expected '-'",
        "yaml-indentation",
        "this line is not aligned with the list items above it",
        "start it with '- ' at the same indentation as the other items",
    ),
)


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, name: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    said = f"{exc.context or ''} {exc.problem or ''}"
    for needle, rule, message, hint in _FRIENDLY:
        if needle in said:
            if rule == "unclosed-quote" and exc.context_mark is not None:
                line, col = exc.context_mark.line + 1, exc.context_mark.column + 1
            return Problem(name, line, col, rule, Level.ERROR, message, hint)
    lines = text.splitlines()
    if 0 < line <= len(lines) and "\t" in lines[line - 1]:
        return Problem(
            name,
            line,
            col,
            "yaml-tab",
            Level.ERROR,
            "a tab character: YAML only allows spaces for indentation",
            "replace the tab with spaces",
        )
    return Problem(
        name,
        line,
        col,
        "yaml-syntax",
        Level.ERROR,
        f"not valid YAML: {(exc.problem or exc.context or 'syntax error').strip()}",
        "compare the line with the examples in docs/format.md",
    )

"""Read one YAML file into plain data, remembering where every key and value stands.

No tag is ever constructed (only plain data comes out), YAML 1.1 surprises (``yes`` as true,
``1:30`` as 90, ``12.000`` as 12.0) are not applied silently, duplicate keys are seen, and
nesting, size and alias expansion are bounded, so no input can crash, hang or exhaust memory.
An ordinary file is composed by libyaml in C (reading.nodes); a file that could nest deeper than
that composer's recursion safely allows goes through the event stream (reading.events).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

import yaml

from woonbod.formatting import excerpt, homes, quoted
from woonbod.i18n import N_, _
from woonbod.problems import Level, Problem
from woonbod.reading.nodes import build_from_nodes, may_compose
from woonbod.reading.tree import (
    DEFAULT_MAX_BYTES,
    PLAIN_TAGS,
    Document,
    NeedsEvents,
    Path_,
    Stop,
    dotted,
)

try:  # libyaml is ~10x faster than PyYAML's pure-Python parser, which gives the same results.
    from yaml._yaml import CParser

    HAS_LIBYAML = True
except ImportError:  # pragma: no cover - only on installs without libyaml
    HAS_LIBYAML = False

if HAS_LIBYAML:

    class _Composer(CParser):
        """libyaml's parser and composer, with the one tag resolution woonbod needs.

        Only plain data is read, so every untagged node is text, a list or a mapping; PyYAML's
        Python resolver would be asked once per node for the same answer, at twice the cost.
        """

        # Tags no file can write, so that a written !!str or !!map is still seen (and refused).
        _TAGS: ClassVar[dict[type, str]] = {
            yaml.ScalarNode: PLAIN_TAGS[0],
            yaml.SequenceNode: PLAIN_TAGS[1],
            yaml.MappingNode: PLAIN_TAGS[2],
        }

        def resolve(self, kind: type, value: object, implicit: object) -> str:
            return self._TAGS[kind]

        def descend_resolver(self, *args: object) -> None:
            return None

        def ascend_resolver(self, *args: object) -> None:
            return None


__all__ = [
    "DEFAULT_MAX_BYTES",
    "HAS_LIBYAML",
    "Document",
    "Path_",
    "dotted",
    "parse_bytes",
    "read_bytes",
    "read_document",
]


def _unreadable(name: str, message: str, hint: str) -> tuple[None, list[Problem]]:
    return None, [Problem(name, 1, 1, "file-unreadable", Level.ERROR, message, hint)]


def read_document(
    path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Document | None, list[Problem]]:
    """Read and parse ``path``; on failure the document is None and the problems say why."""
    raw, problems = read_bytes(path, max_bytes=max_bytes)
    return (None, problems) if raw is None else parse_bytes(raw, str(path))


def read_bytes(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes | None, list[Problem]]:
    """The bytes of ``path`` if it is a readable regular file within the limit; else the problem."""
    name = str(path)
    try:
        # Open first and ask the open file: a FIFO or device named *.yaml must not block or
        # stream forever, and a file that grows while read is cut at the limit.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                message = (
                    _("this is a folder, not a YAML file")
                    if stat.S_ISDIR(info.st_mode)
                    else _("this is not a regular file (a device, pipe or socket), not a YAML file")
                )
                return _unreadable(name, message, _("rename it, or move it out of the folder"))
            if info.st_size > max_bytes:
                return None, [
                    Problem(
                        name,
                        1,
                        1,
                        "file-too-large",
                        Level.ERROR,
                        _("the file is {size} bytes, more than the limit of {limit}").format(
                            size=homes(info.st_size), limit=homes(max_bytes)
                        ),
                        _(
                            "a bid file is a few kilobytes; check that this is the right file, "
                            "or raise the limit with --max-bytes"
                        ),
                    )
                ]
            raw = _read_up_to(fd, info.st_size, max_bytes)
        finally:
            os.close(fd)
    except OSError as exc:
        return _unreadable(
            name,
            # Translators: {reason} is the operating system's reason, in English.
            _("cannot read the file: {reason}").format(reason=exc.strerror or exc),
            _("check that it exists and that you may read it"),
        )
    if len(raw) > max_bytes:
        return None, [
            Problem(
                name,
                1,
                1,
                "file-too-large",
                Level.ERROR,
                _("the file is more than the limit of {limit} bytes").format(limit=homes(max_bytes)),
                _("a bid file is a few kilobytes; check that this is the right file"),
            )
        ]
    return raw, []


def _read_up_to(fd: int, size: int, max_bytes: int) -> bytes:
    """The file's bytes, up to one past ``max_bytes``. Asks for what fstat said is there (asking
    for max_bytes at once would allocate that much for every file); a file that grew since, or
    a short read, is read on in blocks up to the limit."""
    chunks: list[bytes] = []
    total = 0
    ask = size + 1
    while total <= max_bytes:
        more = os.read(fd, min(ask, max_bytes + 1 - total))
        if not more:
            break
        chunks.append(more)
        total += len(more)
        ask = 1 << 16
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def parse_bytes(raw: bytes, name: str, *, pure: bool = False) -> tuple[Document | None, list[Problem]]:
    """Decode and parse one file's bytes (``pure``: PyYAML's Python parser's events, for tests)."""
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
                _("the file is empty"),
                _("write a bid (see `woonbod init PROVINCE`) or remove the file"),
            )
        ]
    separator = _line_separator(text, name)
    if separator is not None:
        return None, [separator]
    try:
        doc, problems = _build(text, name, pure)
    except Stop as stop:
        return None, [_inside(stop.problem, text)]
    except yaml.MarkedYAMLError as exc:
        return None, [_inside(_syntax_problem(exc, text, name), text)]
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        return None, [
            _control_character(
                name,
                (line, col),
                _("the file contains the control character #x{code}, which text files do not have").format(
                    code=f"{exc.character:04x}"
                ),
                _("remove it; if the file came from a word processor, save it again as plain text"),
            )
        ]
    except yaml.YAMLError as exc:  # anything else without a mark
        return None, [
            Problem(
                name,
                1,
                1,
                "yaml-syntax",
                Level.ERROR,
                # Translators: {detail} is the YAML parser's own explanation, in English.
                _("not valid YAML: {detail}").format(detail=excerpt(str(exc), 200)),
            )
        ]
    # Only an escape (a backslash) or, in non-ASCII text, a direction mark can put one in a key
    # or value: the reader refuses raw control characters. Both tests are cheap; the search is not.
    if "\\" in text or (not text.isascii() and _HIDDEN.search(text)):
        problems += hidden_characters(doc, name)
    return doc, problems


def _inside(problem: Problem, text: str) -> Problem:
    """The problem moved to the end of the last line when the parser's mark lies past it (libyaml
    counts a line after a last line that has no line break): a position is always in the file."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if problem.line <= len(lines) or problem.line < 1:
        return problem
    return replace(problem, line=len(lines), col=len(lines[-1]) + 1)


# Characters YAML takes for a line break that editors, grep and the line numbers of every other
# tool do not: positions after one would point past the line the user sees (or past the file).
_YAML_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")


def _line_separator(text: str, name: str) -> Problem | None:
    """A problem at the first NEL, LINE or PARAGRAPH SEPARATOR in ``text``, if there is one."""
    if text.isascii():
        return None
    found = [i for i in (text.find(c) for c in _YAML_ONLY_BREAKS) if i >= 0]
    if not found:
        return None
    at = min(found)
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    return _control_character(
        name,
        (line, col),
        _(
            "the file holds {code}, a line separator that YAML reads as a new line "
            "but editors do not show as one"
        ).format(code=f"U+{ord(text[at]):04X}"),
        _("remove it, or replace it with a real line break or a space"),
    )


def _build(text: str, name: str, pure: bool) -> tuple[Document, list[Problem]]:
    # libyaml's composer takes the bare tag "!" for no tag at all; only the event stream shows it.
    if HAS_LIBYAML and not pure and may_compose(text) and "!" not in text:
        with contextlib.suppress(NeedsEvents):
            return build_from_nodes(text, name, _Composer)
    from woonbod.reading.events import build_from_events  # the rare path: loaded when needed

    if HAS_LIBYAML and not pure:
        try:
            return build_from_events(text, name, CParser)
        except yaml.MarkedYAMLError as exc:
            # libyaml 0.2.6 (PyYAML 6.0.4's wheels) refuses more than 1,000 levels while its
            # scanner looks ahead, before the events reach woonbod's own MAX_DEPTH: the Python
            # parser streams, so it stops at the same place whichever libyaml is installed.
            if "nesting depth" not in str(exc.problem):
                raise
    return build_from_events(text, name, yaml.BaseLoader)


# What no key or value of a bid needs, and what could disguise it on screen: control characters
# (which only YAML's escapes, such as "\e" or "\x07", can put in a value: the reader refuses
# them raw), and the direction marks and overrides that make text show in another order.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def hidden_characters(doc: Document, name: str) -> list[Problem]:
    """A problem for each key or value that holds a character from _HIDDEN."""
    found = [(path, True) for path in doc.key_at if isinstance(path[-1], str) and _HIDDEN.search(path[-1])]
    found += [(path, False) for path, value in doc.text_at.items() if _HIDDEN.search(value)]
    problems = []
    for path, is_key in sorted(found, key=lambda item: doc.where(item[0], key=item[1])):
        text = path[-1] if is_key else doc.text_at[path]
        key = quoted(repr(str(text))[1:-1])
        match = _HIDDEN.search(str(text))
        assert match is not None
        char = match.group()
        what = _("a direction mark") if char >= "\u200e" else _("a control character")
        problems.append(
            _control_character(
                name,
                doc.where(path, key=is_key),
                # Translators: {where} is "the key 'x'" or a path such as segmenten.sociale_huur;
                # {what} is "a direction mark" or "a control character"; {code} is U+001B.
                _("{where} holds {what}, {code}, which can hide or disguise text on screen").format(
                    where=_("the key {key}").format(key=key) if is_key else dotted(path),
                    what=what,
                    code=f"U+{ord(char):04X}",
                ),
                _(
                    "remove it (it may come from an escape such as \\e in double quotes); "
                    "these files hold plain words and numbers"
                ),
            )
        )
    return problems


def _control_character(name: str, where: tuple[int, int], message: str, hint: str) -> Problem:
    return Problem(name, *where, "control-character", Level.ERROR, message, hint)


def _decode(raw: bytes, name: str) -> tuple[str | None, Problem | None]:
    # UTF-32's little-endian mark starts with UTF-16's: ask for the longer one first.
    encoding = (
        "UTF-32"
        if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"))
        else "UTF-16"
        if raw.startswith((b"\xff\xfe", b"\xfe\xff"))
        else None
    )
    if encoding is not None:
        return None, Problem(
            name,
            1,
            1,
            "not-utf8",
            Level.ERROR,
            _("the file is {encoding} text, not UTF-8").format(encoding=encoding),
            _("save it as UTF-8 (in most editors: Save as… → encoding UTF-8)"),
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
            _("the file is not UTF-8 text (byte {byte} here)").format(byte=f"0x{raw[exc.start]:02x}"),
            _("save it as UTF-8; if it is a spreadsheet or a PDF, it is not a bid file"),
        )


_FRIENDLY: tuple[tuple[str, str, str, str], ...] = (
    (
        "cannot start any token",
        "yaml-tab",
        N_("a tab character: YAML only allows spaces for indentation"),
        N_("replace the tab with spaces"),
    ),
    (
        "tab character",
        "yaml-tab",
        N_("a tab character: YAML only allows spaces for indentation"),
        N_("replace the tab with spaces"),
    ),
    (
        "end of stream",
        "unclosed-quote",
        N_("a quote is opened but never closed"),
        N_("add the closing quote at the end of the value"),
    ),
    (
        "unacceptable character",
        "control-character",
        N_("the file contains a control character (such as a NUL byte) that text files do not have"),
        N_("remove it; if the file came from a spreadsheet or word processor, save it again as plain text"),
    ),
    (
        "mapping values are not allowed",
        "yaml-syntax",
        N_("a ':' where YAML did not expect one (a value containing ': ' or a wrongly indented key)"),
        N_("put the value in quotes, or align the key with the keys above it"),
    ),
    (
        "expected <block end>",
        "yaml-indentation",
        N_("this line is indented differently from the lines above it"),
        N_("indent keys of the same mapping with the same number of spaces"),
    ),
    (
        "did not find expected key",
        "yaml-indentation",
        N_("this line is not aligned with the keys above it"),
        N_("indent it with the same number of spaces"),
    ),
    (
        "could not find expected ':'",
        "yaml-syntax",
        N_("a line without ':' where a key was expected"),
        N_("write it as `key: value`"),
    ),
    (
        "did not find expected '-'",
        "yaml-indentation",
        N_("this line is not aligned with the list items above it"),
        N_("start it with '- ' at the same indentation as the other items"),
    ),
)


_KEY_LIMIT = 1024  # YAML's longest implicit key (spec 1.2, 7.4.2), enforced by libyaml


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, name: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    said = f"{exc.context or ''} {exc.problem or ''}"
    lines = text.splitlines()
    if "could not find expected ':'" in said and 0 < line <= len(lines) and col > _KEY_LIMIT:
        return Problem(
            name,
            line,
            col,
            "yaml-syntax",
            Level.ERROR,
            _("a key longer than {limit} characters, which YAML does not allow").format(
                limit=homes(_KEY_LIMIT)
            ),
            _("shorten the key (keys are words such as `totaal`); long text belongs in a value"),
        )
    for needle, rule, message, hint in _FRIENDLY:
        if needle in said:
            if rule == "unclosed-quote" and exc.context_mark is not None:
                line, col = exc.context_mark.line + 1, exc.context_mark.column + 1
            return Problem(name, line, col, rule, Level.ERROR, _(message), _(hint))
    if 0 < line <= len(lines) and "\t" in lines[line - 1]:
        return Problem(
            name,
            line,
            col,
            "yaml-tab",
            Level.ERROR,
            _("a tab character: YAML only allows spaces for indentation"),
            _("replace the tab with spaces"),
        )
    return Problem(
        name,
        line,
        col,
        "yaml-syntax",
        Level.ERROR,
        _("not valid YAML: {detail}").format(
            detail=excerpt((exc.problem or exc.context or "syntax error").strip(), 200)
        ),
        _("compare the line with the examples in docs/format.md"),
    )

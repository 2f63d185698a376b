"""The plain data read from a YAML file, with the position of every key and value.

Shared by the two builders (reading.nodes: libyaml's composer, for ordinary files; reading.events:
libyaml's event stream, for anything unusual) and by everything that reports a position.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from woonbod.formatting import homes, quoted
from woonbod.i18n import N_, _
from woonbod.problems import Level, Problem

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
_NUMBER_START = frozenset("+-.0123456789")  # how every _INT and _FLOAT begins: others skip both
# Tags that mean "untagged": none. A written tag, even !!str or the bare !, is refused (docs/rules.md:
# yaml-tag); the composer marks the nodes it resolved itself with PLAIN_TAGS instead.
STR_TAGS: frozenset[str] = frozenset()
PLAIN_TAGS = ("woonbod:str", "woonbod:seq", "woonbod:map")


def scalar_value(value: str, plain: bool) -> Any:
    """A scalar as YAML 1.2's core schema reads it: quoted text stays text, and `yes`, `on`,
    `1:30` or `12_500` are text too (YAML 1.1 would turn them into true, 90 and 12500)."""
    if not plain:
        return value
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if value[0] not in _NUMBER_START:  # not empty: "" is in _NULLS
        return value
    if _INT.fullmatch(value):
        # Beyond 18 digits it is no number of homes, and Python refuses very long ones anyway.
        # A leading zero (017) stays text: YAML 1.1 tools read it as octal (15), YAML 1.2 as 17,
        # so which was meant is for a message to ask, not for the reader to guess.
        digits = value.lstrip("+-")
        if len(digits) > 1 and digits[0] == "0":
            return value
        return int(value) if len(value) <= 19 else value
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def dotted(path: Path_) -> str:
    """A path as people read it: segmenten.sociale_huur, knelpunten[1].woningen (items from 1)."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or _("the file")


Position = tuple[int, int]
# value_at, key_at and text_at, as Document keeps them.
Positions = tuple[dict[Path_, Position], dict[Path_, Position], dict[Path_, str]]


class Document:
    """Plain data plus where each part of it was written (1-based line and column).

    The positions are either filled in while the data is built, or worked out by ``later`` the
    first time one is asked for: a file without problems never needs them (reading.nodes)."""

    __slots__ = ("_key_at", "_later", "_text_at", "_text_given", "_value_at", "data")

    def __init__(self, data: Any, later: Callable[[], Positions] | None = None) -> None:
        self.data = data
        self._later = later
        self._value_at: dict[Path_, Position] = {}
        self._key_at: dict[Path_, Position] = {}
        self._text_at: dict[Path_, str] = {}
        self._text_given = False

    def _work_out(self) -> None:
        if self._later is None:
            return
        later, self._later = self._later, None
        self._value_at, self._key_at, text_at = later()
        if not self._text_given:  # text_at set since (the loader drops it once validated)
            self._text_at = text_at

    @property
    def value_at(self) -> dict[Path_, Position]:
        """Where each value starts, by its path."""
        self._work_out()
        return self._value_at

    @property
    def key_at(self) -> dict[Path_, Position]:
        """Where each mapping key stands, by the path of its value."""
        self._work_out()
        return self._key_at

    @property
    def text_at(self) -> dict[Path_, str]:
        """Each scalar's text as written, by its path."""
        self._work_out()
        return self._text_at

    @text_at.setter
    def text_at(self, table: dict[Path_, str]) -> None:
        self._text_at, self._text_given = table, True

    def _fields(self) -> tuple[Any, ...]:
        return (self.data, self.value_at, self.key_at, self.text_at)

    def __eq__(self, other: object) -> bool:
        return self._fields() == other._fields() if isinstance(other, Document) else NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable: equal by value, as the dataclass it was

    def __repr__(self) -> str:
        data, value_at, key_at, text_at = self._fields()
        return f"Document(data={data!r}, value_at={value_at!r}, key_at={key_at!r}, text_at={text_at!r})"

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


class Stop(Exception):
    """Building stops at the first problem that makes the rest meaningless."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class NeedsEvents(Exception):
    """The composer cannot say where an alias stands: read this file from the event stream."""


def only_comments(name: str) -> Stop:
    """The file has no document: only comments or blank lines."""
    return Stop(
        Problem(
            name,
            1,
            1,
            "empty-file",
            Level.ERROR,
            _("the file holds only comments or blank lines"),
            _("write a bid (see `woonbod init PROVINCE`) or remove the file"),
        )
    )


def several_documents(name: str, line: int, col: int) -> Stop:
    """A second YAML document starts at line:col."""
    return Stop(
        Problem(
            name,
            line,
            col,
            "several-documents",
            Level.ERROR,
            _("the file holds more than one YAML document (a second '---')"),
            _("keep one bid per file: remove the second '---' and what follows, or move it to its own file"),
        )
    )


def duplicate_key(name: str, key: str, first_line: int, line: int, col: int) -> Problem:
    """The same key a second time in one mapping (YAML loaders keep the last one silently)."""
    return Problem(
        name,
        line,
        col,
        "duplicate-key",
        Level.ERROR,
        # Translators: {key} is the key in quotes, {line} the line where it was written first.
        _(
            "{key} appears twice in the same mapping (first on line {line}); "
            "YAML would silently keep only the last one"
        ).format(key=quoted(key), line=first_line),
        _("remove one of the two, or merge them"),
    )


# The limits and the tag rule, the same for both builders (reading.nodes and reading.events).


def _stop(name: str, at: tuple[int, int], rule: str, message: str, hint: str = "") -> Stop:
    return Stop(Problem(name, at[0], at[1], rule, Level.ERROR, message, hint))


def tag_allowed(tag: str | None) -> bool:
    """Only plain data: no tag written (the composer's own PLAIN_TAGS are checked by reading.nodes)."""
    return tag is None or tag in STR_TAGS


def bad_tag(name: str, tag: str, at: tuple[int, int]) -> Stop:
    """A tag that would construct something other than plain data."""
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return _stop(
        name,
        at,
        "yaml-tag",
        _("the YAML tag {tag} is not allowed: woonbod only reads plain data").format(tag=shown),
        _("remove the tag and write the value itself"),
    )


# What each limit says, and how to get within it ({limit}: MAX_NODES or MAX_DEPTH). Both texts
# are filled in with .format(), so a brace the user should see is written {{.
_LIMITS: dict[str, tuple[str, str]] = {
    "too-many-values": (
        N_("the file has more than {limit} values"),
        N_("a bid has a few hundred at most; check that this is a bid file"),
    ),
    "too-deep": (
        N_("the file is nested more than {limit} levels deep"),
        N_("a bid is at most four levels deep; check the indentation"),
    ),
    "yaml-complex-key": (
        N_("a key must be a plain word, not a list or mapping"),
        N_("write keys such as `totaal:`; a value starting with [ or {{ goes after the colon"),
    ),
    "alias-expansion": (
        N_("aliases here expand to more than {limit} values"),
        N_("write the values out instead of repeating anchors (&) and aliases (*)"),
    ),
}


def _limit(name: str, at: tuple[int, int], rule: str, limit: int) -> Stop:
    message, hint = _LIMITS[rule]
    return _stop(name, at, rule, _(message).format(limit=homes(limit)), _(hint).format())


def too_many_values(name: str, at: tuple[int, int]) -> Stop:
    """More than MAX_NODES values (keys, scalars, containers) in one file."""
    return _limit(name, at, "too-many-values", MAX_NODES)


def too_deep(name: str, at: tuple[int, int]) -> Stop:
    """Nesting deeper than MAX_DEPTH."""
    return _limit(name, at, "too-deep", MAX_DEPTH)


def complex_key(name: str, at: tuple[int, int]) -> Stop:
    """A list or mapping used as a key."""
    return _limit(name, at, "yaml-complex-key", 0)


def alias_expansion(name: str, at: tuple[int, int]) -> Stop:
    """Aliases that expand to more than MAX_NODES values."""
    return _limit(name, at, "alias-expansion", MAX_NODES)


def unknown_alias(name: str, anchor: str, at: tuple[int, int]) -> Stop:
    """An alias (*name) with no anchor (&name) before it."""
    return _stop(name, at, "yaml-syntax", _("the alias *{anchor} refers to no anchor").format(anchor=anchor))

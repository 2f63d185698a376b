"""The one record every stage reports through: a problem at a file, line and column."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


class Level(str, enum.Enum):
    """How bad a problem is; ``off`` silences a rule (only valid in a round file)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    OFF = "off"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def label(self) -> str:
        """The level as a word in the language in use ("error", Dutch "fout"); ``value`` stays."""
        from woonbod.i18n import pgettext

        if self is Level.ERROR:
            return pgettext("level", "error")
        if self is Level.WARNING:
            return pgettext("level", "warning")
        if self is Level.INFO:
            return pgettext("level", "info")
        return pgettext("level", "off")


_RANK = {Level.OFF: 0, Level.INFO: 1, Level.WARNING: 2, Level.ERROR: 3}


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding, from the YAML parser, the schema, a check or the gaps analysis."""

    path: str
    line: int
    col: int
    rule: str
    level: Level
    message: str
    hint: str = ""

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.rule)


class CannotRun(Exception):
    """The run cannot start at all (missing path, unusable round file, bad option): exit 2."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []

    def __reduce__(self) -> tuple[type[CannotRun], tuple[str, list[Problem]]]:
        # Raised in a worker process, it must arrive whole in the parent.
        return (CannotRun, (self.message, self.problems))


def count_levels(problems: Iterable[Problem]) -> dict[Level, int]:
    """Count problems per level."""
    counts = dict.fromkeys((Level.ERROR, Level.WARNING, Level.INFO), 0)
    for problem in problems:
        counts[problem.level] = counts.get(problem.level, 0) + 1
    return counts


def paths_with_errors(problems: Iterable[Problem]) -> set[str]:
    """The paths that have a problem at error level: a bid file among them counts for nothing."""
    return {p.path for p in problems if p.level is Level.ERROR}


def at_or_above(problems: Iterable[Problem], level: Level) -> int:
    """How many problems are at ``level`` or worse."""
    return sum(1 for p in problems if p.level.rank >= level.rank)

"""Renderers for lists of problems, picked by format name."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import groupby
from typing import TextIO

from woonbod import __version__
from woonbod.i18n import _, ngettext
from woonbod.problems import Level, Problem, count_levels, paths_with_errors
from woonbod.render.escaping import printable
from woonbod.render.terminal import wrap, wrap_line

JSON_VERSION = 1


@dataclass(slots=True)
class ProblemReport:
    """What a problem-reporting command found."""

    command: str
    problems: list[Problem]
    files: list[str]
    max_problems: int | None = None
    color: bool = False
    width: int | None = None  # wrap text lines at this width (a terminal); None: one line each
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def invalid_files(self) -> set[str]:
        """The files read that have an error (and so count for nothing)."""
        return paths_with_errors(self.problems) & set(self.files)


_COLORS = {Level.ERROR: "31", Level.WARNING: "33", Level.INFO: "36"}


def _paint(text: str, code: str, color: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if color else text


def format_problem(p: Problem, color: bool = False, width: int | None = None) -> str:
    """One line: ``file:line:col: level [rule] message — hint``; with a ``width`` (a terminal),
    wrapped at word boundaries, the location whole at the start."""
    level = _paint(p.level.label, _COLORS.get(p.level, "0"), color)
    hint = f" — {printable(p.hint)}" if p.hint else ""
    # Line 0: the problem is about a whole file, or a folder, not a place in a file.
    path = printable(p.path)
    where = _paint(f"{path}:{p.line}:{p.col}:" if p.line else f"{path}:", "1", color)
    return wrap_line(where, f"{level} [{p.rule}] {printable(p.message)}{hint}", width)


def summary_line(report: ProblemReport) -> str:
    """The closing line: how many files, how many valid, how many problems of each level."""
    counts = count_levels(report.problems)
    n = len(report.files)
    files = ngettext("{n} bid file", "{n} bid files", n).format(n=n)
    if not report.problems:
        return _("{files} checked: all valid, no problems.").format(files=files)
    valid = n - len(report.invalid_files)
    errors, warnings = counts[Level.ERROR], counts[Level.WARNING]
    parts = [
        ngettext("{n} error", "{n} errors", errors).format(n=errors),
        ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
    ]
    if counts[Level.INFO]:
        parts.append(ngettext("{n} info", "{n} info", counts[Level.INFO]).format(n=counts[Level.INFO]))
    # Translators: "12 bid files checked: 11 valid, 1 error, 0 warnings."
    return _("{files} checked: {valid} valid, {problems}.").format(
        files=files, valid=valid, problems=", ".join(parts)
    )


TALLY_FROM = 20  # problems; from here on a tally by rule says what to fix first


def rule_tally(problems: list[Problem], top: int = 5) -> str:
    """The most frequent rules, most frequent first: '300 × unknown-key, 12 × …'."""
    counts = Counter(p.rule for p in problems)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    shown = ", ".join(f"{n} × {rule}" for rule, n in ranked[:top])
    rest = len(ranked) - top
    if rest <= 0:
        return shown
    return shown + ngettext(" and {n} more rule", " and {n} more rules", rest).format(n=rest)


def render_text(report: ProblemReport, out: TextIO) -> None:
    """Problems grouped by file, one line each; past TALLY_FROM a tally by rule; then the
    summary line. With a width (a terminal), each wraps between words."""

    def say(text: str) -> None:
        out.write(("\n".join(wrap(text, report.width)) if report.width else text) + "\n")

    shown = report.problems if report.max_problems is None else report.problems[: report.max_problems]
    for index, (_path, group) in enumerate(groupby(shown, key=lambda p: p.path)):
        if index:
            out.write("\n")
        for problem in group:
            out.write(format_problem(problem, report.color, report.width) + "\n")
    hidden = len(report.problems) - len(shown)
    if hidden > 0:
        say(
            ngettext(
                "… and {n} more problem (--max-problems {max}); the exit code counts them all.",
                "… and {n} more problems (--max-problems {max}); the exit code counts them all.",
                hidden,
            ).format(n=hidden, max=report.max_problems)
        )
    if shown:
        out.write("\n")
    if len(report.problems) >= TALLY_FROM:
        say(_("Most frequent: {rules}.").format(rules=rule_tally(report.problems)))
    say(summary_line(report))


def problem_dict(p: Problem) -> dict[str, object]:
    """A problem as documented in docs/json.md."""
    return {
        "path": p.path,
        "line": p.line,
        "column": p.col,
        "rule": p.rule,
        "level": p.level.value,
        "message": p.message,
        "hint": p.hint,
    }


def render_json(report: ProblemReport, out: TextIO) -> None:
    """A versioned JSON document (docs/json.md)."""
    import json  # only here: the text output of every validate run does not need it

    counts = count_levels(report.problems)
    document = {
        "version": JSON_VERSION,
        "tool": {"name": "woonbod", "version": __version__},
        "command": report.command,
        "files": list(report.files),
        "summary": {
            "files": len(report.files),
            "errors": counts[Level.ERROR],
            "warnings": counts[Level.WARNING],
            "info": counts[Level.INFO],
        },
        "problems": [problem_dict(p) for p in report.problems],
        **report.extra,
    }
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")

"""Renderers for the gaps: the province × item matrix, then the gaps, then a summary line."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TextIO

from woonbod import __version__
from woonbod.analysis.gaps import Cell, GapReport, summarize
from woonbod.formatting import date, days
from woonbod.i18n import N_, _, pgettext
from woonbod.render.csv_format import write_csv
from woonbod.render.escaping import md_code, md_text, printable
from woonbod.render.problems import format_problem, problem_dict
from woonbod.render.terminal import Column, print_prose, print_table, wrap, wrap_width
from woonbod.render.terminal import console as terminal_console

JSON_VERSION = 1
SYMBOL = {
    "given": "✓",
    "derived": "✓*",
    "deferred": "→",
    "due": "…",
    "missing": "✗",
    "late": N_("late"),
    "overdue": N_("overdue"),
    "on time": "✓",
    "submitted": "✓ n.p.",
    "unpublished": "n.p.",
    "invalid": "!",
}
STYLE = {
    "given": "green",
    "derived": "green",
    "deferred": "cyan",
    "due": "yellow",
    "missing": "bold red",
    "late": "red",
    "overdue": "red",
    "on time": "green",
    "submitted": "green",
    "unpublished": "dim",
    "invalid": "red",
}
WORDS = ("late", "overdue")  # the symbols that are words, translated where shown
LEGEND = N_(
    "✓ given, ✓* derived, ca. approximate, → deferred (until the date), … still due, ✗ missing after "
    "the deadline, late / overdue: past its date, n.p. not published (closed round; for bod: "
    "submitted, date not published)"
)


def cell_symbol(cell: Cell) -> str:
    """What a cell shows: a symbol, the deferral date, or ca. for an approximate figure."""
    if cell.state == "deferred" and cell.on is not None:
        return f"→ {date(cell.on)}"
    symbol = SYMBOL[cell.state]
    if cell.state in WORDS:
        symbol = _(symbol)
    return f"{symbol} ca." if cell.approx else symbol


def _reason(reason: str) -> str:
    """Why a cell is as it is, in words (the analysis names the reason, the renderer says it)."""
    words = {
        "errors": pgettext("gap reason", "errors"),
        "indicative": pgettext("gap reason", "indicative"),
        "no ingediend": pgettext("gap reason", "no ingediend"),
        "date not published": pgettext("gap reason", "date not published"),
    }
    return words.get(reason, reason)


def cell_detail(cell: Cell) -> str:
    """A cell's detail in words (JSON, the spreadsheet, the report's tooltip): a date, the days
    late, why, or ca.; empty when the state says it all."""
    if cell.reason is not None:
        return _reason(cell.reason)
    if cell.approx:
        return "ca."
    if cell.days_late is not None:
        # Translators: {days} is "12 days".
        return _("{days} late").format(days=days(cell.days_late))
    if cell.on is None:
        return ""
    if cell.state == "on time":
        return date(cell.on)
    if cell.state == "overdue":
        return _("since {date}").format(date=date(cell.on))
    return _("until {date}").format(date=date(cell.on))


def _header(column: str) -> str:
    return column.replace("_", " ")


def render_table(report: GapReport, out: TextIO, color: bool) -> None:
    """The matrix (Rich), the list of gaps, and the summary line."""
    from rich.text import Text

    console = terminal_console(out, color)
    columns = [
        Column(_("Province"), justify="left"),
        *(Column(_header(c), justify="center") for c in report.columns),
    ]
    rows: list[list[str | Text]] = []
    for row in report.rows:
        cells: list[str | Text] = [row.province.name]
        for column in report.columns:
            cell = row.cells.get(column)
            if cell is None:
                cells.append("")
                continue
            cells.append(Text(printable(cell_symbol(cell)), style=STYLE[cell.state]))
        rows.append(cells)
    print_table(console, columns, rows)
    print_prose(console, _(LEGEND), style="dim")
    width = wrap_width(out)
    if report.problems:
        out.write("\n")
        for problem in report.problems:
            out.write(format_problem(problem, color, width) + "\n")
    out.write("\n" + ("\n".join(wrap(summarize(report), width)) if width else summarize(report)) + "\n")


def render_json(report: GapReport, out: TextIO, color: bool) -> None:
    """Versioned JSON (docs/json.md)."""
    document = {
        "version": JSON_VERSION,
        "tool": {"name": "woonbod", "version": __version__},
        "command": "gaps",
        "as_of": report.as_of.isoformat(),
        "deadline": None if report.deadline is None else report.deadline.isoformat(),
        "days_left": report.days_left,
        "closed": report.closed,
        "closed_on": None if report.closed_on is None else report.closed_on.isoformat(),
        "not_published": report.unpublished(),
        "columns": report.columns,
        "provinces": [
            {
                "provincie": row.province.name,
                "code": row.province.iso,
                "file": row.path,
                "cells": {k: {"state": c.state, "detail": cell_detail(c)} for k, c in row.cells.items()},
            }
            for row in report.rows
        ],
        "problems": [problem_dict(p) for p in report.problems],
        "summary": summarize(report),
    }
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _state(cell: Cell | None) -> str:
    return "" if cell is None else cell.state


def render_csv(report: GapReport, out: TextIO, color: bool, delimiter: str | None = None) -> None:
    """A machine table (render.csv_format's rule): one row per province, one column per item,
    the state in each cell (the JSON's ``state``, the same in every language)."""
    header = ["provincie", "code", *report.columns]
    rows = (
        [row.province.name, row.province.iso, *(_state(row.cells.get(c)) for c in report.columns)]
        for row in report.rows
    )
    write_csv(out, header, rows, delimiter)


def render_markdown(report: GapReport, out: TextIO, color: bool) -> None:
    """The matrix as a Markdown table, the gaps as a list, and the summary."""
    from woonbod.render.markdown_table import markdown_table

    body = []
    for row in report.rows:
        cells = []
        for column in report.columns:
            cell = row.cells.get(column)
            cells.append("" if cell is None else md_text(cell_symbol(cell)))
        body.append([row.province.name, *cells])
    headers = [_("Province"), *(md_text(_header(c)) for c in report.columns)]
    out.write(markdown_table(body, headers) + "\n\n")
    out.write(_(LEGEND).replace("*", "\\*") + "\n\n")
    for problem in report.problems:
        where = md_code(f"{problem.path}:{problem.line}" if problem.line else problem.path)
        out.write(f"- {where} **{problem.level.value}** [{problem.rule}] {md_text(problem.message)}\n")
    out.write(f"\n{summarize(report)}\n")


GapsRenderer = Callable[[GapReport, TextIO, bool], None]
GAPS_RENDERERS: dict[str, GapsRenderer] = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
    "markdown": render_markdown,
}

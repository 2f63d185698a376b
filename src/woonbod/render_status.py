"""Renderers for the status screen: a terminal summary and JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TextIO

from woonbod import __version__
from woonbod.escaping import rich_text
from woonbod.formatting import homes, percent
from woonbod.gaps import summarize
from woonbod.render_totals import national_cell, need_dict, need_summary, share_text, total_dict
from woonbod.status import Status
from woonbod.terminal import Column, print_prose, print_table
from woonbod.terminal import console as terminal_console
from woonbod.totals import segment_label

JSON_VERSION = 1


def render_table(status: Status, out: TextIO, color: bool) -> None:
    """One screen: bids, totals against targets with coverage, gaps and norms."""
    from rich.text import Text

    console = terminal_console(out, color, 120)
    info = status.dataset.round
    source = info.path or "built-in 2022 definitive round"
    closed = ""
    if info.ronde.closed:
        closed = f", closed on {info.ronde.closed_on}" if info.ronde.closed_on else ", closed"
    console.print(f"[bold]{rich_text(info.ronde.naam or info.ronde.ronde)}[/] ({rich_text(source)}{closed})")
    errors = status.invalid_files
    console.print(
        f"Bids: {status.files} file{'s' if status.files != 1 else ''} for "
        f"{status.provinces_with_bid} of 12 provinces; {status.files - errors} valid"
        + (f", [red]{errors} with errors[/] (woonbod validate)" if errors else "")
        + "."
    )
    columns = [
        Column("Segment", justify="left"),
        Column("Sum"),
        Column("Provinces"),
        Column("Target"),
        Column("Of target"),
        Column("", justify="left"),
    ]
    rows: list[list[str | Text]] = []
    for total in status.totals:
        share = share_text(total)  # empty for a partial sum: never a share of the national target
        own = total.share_of_own_totaal()
        partial = "partial sum" + (
            f" ({'ca. ' if total.approx else ''}{percent(own)} of own totaal)"
            if own is not None and total.segment != "totaal"
            else ""
        )
        nothing = "not published" if total.unpublished else "unknown"
        note = "national" if total.complete else (nothing if total.known == 0 else partial)
        style = "green" if total.complete else ("dim" if total.known == 0 else "yellow")
        rows.append(
            [
                segment_label(total.segment),
                national_cell(total),
                f"{total.known}/{len(total.rows)}",
                ""
                if total.target is None
                else homes(total.target.value) + ("*" if total.target.derived else ""),
                share,
                Text(note, style=style),
            ]
        )
    print_table(console, columns, rows)
    print_prose(
        console,
        "* derived (from a share or from the other segments); ca. approximate; a partial sum covers "
        "only the provinces that reported the segment and is held against their own totaal, not "
        "against the national target",
        style="dim",
    )
    if status.need is not None:
        print_prose(console, need_summary(status.need))
    counts = status.gap_counts()
    if counts:
        listed = ", ".join(f"{n} × {rule}" for rule, n in counts.most_common())
        label = "Not owed (closed round)" if status.gaps.closed else "Gaps"
        print_prose(console, f"{label}: {listed} (details: woonbod gaps).")
    print_prose(console, summarize(status.gaps))
    print_prose(console, norms_line(status))


def norms_line(status: Status) -> str:
    """The norms: the national figure against them, and provinces below them as information."""
    national = [p for p in status.norms if p.rule == "norm-national"]
    provinces = [p for p in status.norms if p.rule.startswith("norm-") and p.rule != "norm-national"]
    other = len(status.norms) - len(national) - len(provinces)
    parts = []
    if national:
        parts.append(f"the national figure is below {len(national)} norm{'s' if len(national) != 1 else ''}")
    if provinces:
        parts.append(
            f"{len(provinces)} province figure{'s' if len(provinces) != 1 else ''} below a national "
            "norm (information: the norms are national averages)"
        )
    if other:
        parts.append(f"{other} other round problem{'s' if other != 1 else ''}")
    if not parts:
        return (
            "Norms: nothing below the round's norms (the national figure is held against them "
            "once every province reported it)."
        )
    return "Norms: " + "; ".join(parts) + " (woonbod check)."


def render_json(status: Status, out: TextIO, color: bool) -> None:
    """Versioned JSON (docs/json.md)."""
    info = status.dataset.round
    document = {
        "version": JSON_VERSION,
        "tool": {"name": "woonbod", "version": __version__},
        "command": "status",
        "round": {
            "file": info.path,
            "naam": info.ronde.naam,
            "ronde": info.ronde.ronde,
            "deadline": None if info.ronde.deadline is None else info.ronde.deadline.isoformat(),
            "closed": info.ronde.closed,
            "closed_on": None if info.ronde.closed_on is None else info.ronde.closed_on.isoformat(),
        },
        "bids": {
            "files": status.files,
            "invalid_files": status.invalid_files,
            "provinces": status.provinces_with_bid,
        },
        "segments": [total_dict(t) for t in status.totals],
        "gaps": {
            "as_of": status.gaps.as_of.isoformat(),
            "days_left": status.gaps.days_left,
            "by_rule": dict(status.gap_counts()),
            "not_published": status.gaps.unpublished(),
            "summary": summarize(status.gaps),
        },
        "norms": {
            "warnings": sum(1 for p in status.norms if p.level.value == "warning"),
            "info": sum(1 for p in status.norms if p.level.value == "info"),
            "summary": norms_line(status),
        },
    }
    if status.need is not None:
        document["benodigd"] = need_dict(status.need)
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")


StatusRenderer = Callable[[Status, TextIO, bool], None]
STATUS_RENDERERS: dict[str, StatusRenderer] = {"table": render_table, "json": render_json}

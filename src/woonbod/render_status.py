"""Renderers for the status screen: a terminal summary and JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TextIO

from woonbod import __version__
from woonbod.escaping import rich_text
from woonbod.formatting import homes
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
    console.print(f"[bold]{rich_text(info.ronde.naam or info.ronde.ronde)}[/] ({rich_text(source)})")
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
        share = "" if total.target is None or total.known == 0 else share_text(total)
        note = "national" if total.complete else ("unknown" if total.known == 0 else "partial sum")
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
        "* derived (from a share or from the other segments); a partial sum covers only the "
        "provinces that reported the segment",
        style="dim",
    )
    if status.need is not None:
        print_prose(console, need_summary(status.need))
    counts = status.gap_counts()
    if counts:
        listed = ", ".join(f"{n} × {rule}" for rule, n in counts.most_common())
        print_prose(console, f"Gaps: {listed} (details: woonbod gaps).")
    print_prose(console, summarize(status.gaps))
    if status.norms:
        print_prose(
            console,
            f"Norms: {len(status.norms)} warning{'s' if len(status.norms) != 1 else ''} "
            "against the round's norms (woonbod check).",
        )
    else:
        print_prose(console, "Norms: no bid below the round's norms (as far as its figures are known).")


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
            "summary": summarize(status.gaps),
        },
        "norms": {"warnings": len(status.norms)},
    }
    if status.need is not None:
        document["benodigd"] = need_dict(status.need)
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")


StatusRenderer = Callable[[Status, TextIO, bool], None]
STATUS_RENDERERS: dict[str, StatusRenderer] = {"table": render_table, "json": render_json}

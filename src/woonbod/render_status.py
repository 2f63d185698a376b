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
from woonbod.terminal import console as terminal_console
from woonbod.totals import segment_label

JSON_VERSION = 1


def render_table(status: Status, out: TextIO, color: bool) -> None:
    """One screen: bids, totals against targets with coverage, gaps and norms."""
    from rich.table import Table

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
    table = Table()
    table.add_column("Segment", no_wrap=True)
    table.add_column("Sum", justify="right", no_wrap=True)
    table.add_column("Provinces", justify="right", no_wrap=True)
    table.add_column("Target", justify="right", no_wrap=True)
    table.add_column("Of target", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    for total in status.totals:
        share = "" if total.target is None or total.known == 0 else share_text(total)
        note = "national" if total.complete else ("unknown" if total.known == 0 else "partial sum")
        style = "green" if total.complete else ("dim" if total.known == 0 else "yellow")
        table.add_row(
            segment_label(total.segment),
            national_cell(total),
            f"{total.known}/{len(total.rows)}",
            "" if total.target is None else homes(total.target.value) + ("*" if total.target.derived else ""),
            share,
            f"[{style}]{note}[/]",
        )
    console.print(table)
    console.print(
        "* derived (from a share or from the other segments); a partial sum covers only the "
        "provinces that reported the segment",
        style="dim",
    )
    if status.need is not None:
        console.print(need_summary(status.need), markup=False)
    counts = status.gap_counts()
    if counts:
        listed = ", ".join(f"{n} × {rule}" for rule, n in counts.most_common())
        console.print(f"Gaps: {listed} (details: woonbod gaps).", markup=False)
    console.print(summarize(status.gaps), markup=False)
    if status.norms:
        console.print(
            f"Norms: {len(status.norms)} warning{'s' if len(status.norms) != 1 else ''} "
            "against the round's norms (woonbod check)."
        )
    else:
        console.print("Norms: no bid below the round's norms (as far as its figures are known).")


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

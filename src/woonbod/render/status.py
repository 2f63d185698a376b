"""Renderers for the status screen: a terminal summary and JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from woonbod import __version__
from woonbod.analysis.gaps import BID_COLUMN, summarize
from woonbod.analysis.status import Status
from woonbod.analysis.totals import SegmentTotal, segment_label
from woonbod.formatting import date, percent
from woonbod.i18n import _, ngettext
from woonbod.model.provinces import PROVINCES
from woonbod.render.escaping import rich_text
from woonbod.render.terminal import Column, print_markup, print_prose, print_table
from woonbod.render.terminal import console as terminal_console

if TYPE_CHECKING:
    from rich.text import Text

from woonbod.render.totals import (
    national_cell,
    need_dict,
    need_summary,
    share_text,
    target_cell,
    total_dict,
)

JSON_VERSION = 1


def render_table(status: Status, out: TextIO, color: bool) -> None:
    """One screen: bids, totals against targets with coverage, gaps and norms."""
    console = terminal_console(out, color, 120)
    for line in _heading(status):
        print_markup(console, line)
    columns = [
        Column(_("Segment"), justify="left"),
        Column(_("Sum")),
        Column(_("Provinces")),
        Column(_("Target")),
        Column(_("Of target")),
        Column("", justify="left"),
    ]
    rows: list[list[str | Text]] = [_total_row(total) for total in status.totals]
    print_table(console, columns, rows)
    print_prose(
        console,
        _(
            "* derived (from a share or from the other segments); ca. approximate; a partial sum covers "
            "only the provinces that reported the segment and is held against their own totaal, not "
            "against the national target"
        ),
        style="dim",
    )
    if status.need is not None:
        print_prose(console, need_summary(status.need))
    for line in gap_lines(status):
        print_prose(console, line)
    print_prose(console, summarize(status.gaps))
    print_prose(console, norms_line(status))


def gap_lines(status: Status) -> list[str]:
    """The gaps per rule. In a closed round what was not published is owed by nobody; a bid file
    with errors or no bid file is lost data, said apart and named, never filed under "not owed"."""
    counts = status.gap_counts()
    if not status.gaps.closed:
        listed = ", ".join(f"{n} × {rule}" for rule, n in counts.most_common())
        return [_("Gaps: {gaps} (details: woonbod gaps).").format(gaps=listed)] if counts else []
    lines = []
    if counts["not-published"]:
        lines.append(
            _("Not owed (closed round): {n} × not-published (details: woonbod gaps).").format(
                n=counts["not-published"]
            )
        )
    broken = [r for r in status.gaps.rows if r.cells[BID_COLUMN].reason == "errors"]
    absent = [r for r in status.gaps.rows if r.path is None]
    if broken:
        files = ", ".join(f"{r.province.name} ({rich_text(r.path or '')})" for r in broken)
        lines.append(_("No usable bid, the file has errors (woonbod validate): {files}.").format(files=files))
    if absent:
        names = ", ".join(r.province.name for r in absent)
        lines.append(_("No bid file, though the round closed: {provinces}.").format(provinces=names))
    rest = [(rule, n) for rule, n in counts.most_common() if rule not in ("not-published", "missing-bid")]
    if rest:
        listed = ", ".join(f"{n} × {rule}" for rule, n in rest)
        lines.append(_("Other gaps: {gaps} (details: woonbod gaps).").format(gaps=listed))
    return lines


def _heading(status: Status) -> list[str]:
    """The round (Rich markup) and the bids line."""
    info = status.dataset.round
    source = info.path or _("built-in 2022 definitive round")
    closed = ""
    if info.ronde.closed:
        on = info.ronde.closed_on
        closed = _(", closed on {date}").format(date=date(on)) if on else _(", closed")
    errors = status.invalid_file_count
    broken = ""
    if errors:
        # Translators: the part of the bids line in red, followed by " (woonbod validate)".
        broken = ", [red]" + _("{n} with errors").format(n=errors) + "[/] (woonbod validate)"
    files = ngettext("{n} file", "{n} files", status.files).format(n=status.files)
    # Translators: {files} is "12 files"; {errors} is empty or ", 2 with errors (woonbod validate)".
    bids = _("Bids: {files} for {provinces} of {count} provinces; {valid} valid{errors}.").format(
        files=files,
        provinces=status.provinces_with_bid,
        count=len(PROVINCES),
        valid=status.files - errors,
        errors=broken,
    )
    return [f"[bold]{rich_text(info.ronde.title)}[/] ({rich_text(source)}{closed})", bids]


def _total_row(total: SegmentTotal) -> list[str | Text]:
    """One segment: its sum, coverage, target, share of the target, and whether it is national."""
    from rich.text import Text

    share = share_text(total)  # empty for a partial sum: never a share of the national target
    own = total.share_of_own_totaal()
    partial = _("partial sum")
    if own is not None and total.segment != "totaal":
        basis = ("ca. " if total.own_share_approx else "") + percent(own)
        partial = _("partial sum ({share} of own totaal)").format(share=basis)
    nothing = _("not published") if total.unpublished else _("unknown")
    note = _("national") if total.complete else (nothing if total.known == 0 else partial)
    style = "green" if total.complete else ("dim" if total.known == 0 else "yellow")
    target = target_cell(total)
    return [
        segment_label(total.segment),
        national_cell(total),
        f"{total.known}/{len(total.rows)}",
        target,
        share,
        Text(note, style=style),
    ]


def norms_line(status: Status) -> str:
    """The norms: the national figure against them, and provinces below them as information."""
    national = [p for p in status.norms if p.rule == "norm-national"]
    provinces = [p for p in status.norms if p.rule.startswith("norm-") and p.rule != "norm-national"]
    other = len(status.norms) - len(national) - len(provinces)
    parts = []
    if national:
        n = len(national)
        parts.append(
            ngettext(
                "the national figure is below {n} norm", "the national figure is below {n} norms", n
            ).format(n=n)
        )
    if provinces:
        n = len(provinces)
        parts.append(
            ngettext(
                "{n} province figure below a national norm (information: the norms are national averages)",
                "{n} province figures below a national norm (information: the norms are national averages)",
                n,
            ).format(n=n)
        )
    if other:
        parts.append(ngettext("{n} other round problem", "{n} other round problems", other).format(n=other))
    if not parts:
        return _(
            "Norms: nothing below the round's norms (the national figure is held against them "
            "once every province reported it)."
        )
    return _("Norms: {findings} (woonbod check).").format(findings="; ".join(parts))


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
            "ronde": info.ronde.soort,
            "deadline": None if info.ronde.deadline is None else info.ronde.deadline.isoformat(),
            "closed": info.ronde.closed,
            "closed_on": None if info.ronde.closed_on is None else info.ronde.closed_on.isoformat(),
        },
        "bids": {
            "files": status.files,
            "invalid_files": status.invalid_file_count,
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

"""Renderers for the regions of a round (`woonbod total --by regio`): table, JSON, CSV, Markdown."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TextIO

from woonbod import __version__
from woonbod.analysis.regions import RegionRow, RegionTable
from woonbod.analysis.totals import segment_label
from woonbod.formatting import homes, span
from woonbod.i18n import N_, _, ngettext, pgettext
from woonbod.loading.loader import RoundInfo
from woonbod.model.provinces import PROVINCES
from woonbod.render.csv_format import write_csv
from woonbod.render.escaping import md_text, printable
from woonbod.render.terminal import Column, print_prose, print_table
from woonbod.render.terminal import console as terminal_console

JSON_VERSION = 1
# The legend of an open round ("?": not given yet) and of a closed one ("n.p.": not published),
# as `woonbod total` without --by writes them.
LEGEND_OPEN = N_(
    "* derived; ? not known; per province: each province's part of a region that crosses a "
    "border (– that province's bid does not name the region)"
)
LEGEND_CLOSED = N_(
    "* derived; n.p. not published; per province: each province's part of a region that crosses "
    "a border (– that province's bid does not name the region)"
)


def legend(closed: bool) -> str:
    """The legend under a table of regions of an open or a closed round."""
    return _(LEGEND_CLOSED if closed else LEGEND_OPEN)


def unknown_cell(closed: bool) -> str:
    """A figure a bid does not give: not published in a closed round, not known in an open one."""
    return "n.p." if closed else "?"


def region_cell(row: RegionRow, segment: str, closed: bool = False) -> str:
    """The whole region's figure for a segment."""
    figure = row.figures.get(segment)
    if figure is None:
        return unknown_cell(closed)
    return span(*figure.rounded(), derived=figure.derived, approx=figure.approx)


def parts_text(row: RegionRow, segment: str, closed: bool = False) -> str:
    """Each province's part of a cross-border region: 'Groningen ?, Drenthe 3 790'."""
    if not row.cross_border:
        return ""
    named = {p.province.code for p in row.parts}
    shown = []
    for province in row.provinces:
        if province.code not in named:
            shown.append(f"{province.name} –")
            continue
        part = row.part_figure(province, segment)
        if part is None:
            shown.append(f"{province.name} {unknown_cell(closed)}")
        else:
            shown.append(f"{province.name} {span(*part.rounded(), derived=part.derived, approx=part.approx)}")
    return ", ".join(shown)


def sum_cell(table: RegionTable, segment: str) -> str:
    """The regions' sum for a segment with the regions it covers: '429 562 (14/27)'."""
    return f"{homes(table.total(segment))} ({len(table.known(segment))}/{len(table.rows)})"


def summary(table: RegionTable, segment: str) -> str:
    """How many regions, which cross a border, and what the sum covers."""
    rows = table.rows
    if not rows:
        return _("No bid names its regions.")
    crossing = [r for r in rows if r.cross_border]
    known = table.known(segment)
    without = [p.name for p in PROVINCES if p not in table.provinces_with_regions]
    text = ngettext(
        "{n} region named in the bids of {provinces} of {count} provinces",
        "{n} regions named in the bids of {provinces} of {count} provinces",
        len(rows),
    ).format(n=len(rows), provinces=len(table.provinces_with_regions), count=len(PROVINCES))
    if crossing:
        text += ngettext(
            "; {n} crosses a province border ({regions}), listed once, so no region is counted twice",
            "; {n} cross a province border ({regions}), listed once, so no region is counted twice",
            len(crossing),
        ).format(n=len(crossing), regions=", ".join(r.naam for r in crossing))
    # Translators: {segment} is a segment (totaal, sociale huur, …); {known} of {count} regions.
    text += _(
        ". The sum, {sum}, adds up the whole-region {segment} of the {known} of {count} regions "
        "that give it; it is not the national figure"
    ).format(
        sum=homes(table.total(segment)), segment=segment_label(segment), known=len(known), count=len(rows)
    )
    if without:
        text += _(" (no regions given for {provinces})").format(provinces=", ".join(without))
    return text + "."


def render_table(
    table: RegionTable, segments: Sequence[str], info: RoundInfo, out: TextIO, color: bool
) -> None:
    """A Rich table of the regions for the terminal."""
    console = terminal_console(out, color)
    title = _("Regions — {round}").format(round=printable(info.ronde.title))
    console.print(title, markup=False, style="bold")
    closed = info.ronde.closed
    header = headers(segments)
    columns = [
        Column(header[0], justify="left"),
        Column(header[1], justify="left", wrap=True),
        *(Column(h) for h in header[2:-1]),
        Column(header[-1], justify="left", wrap=True),
    ]
    rows = [
        [
            printable(row.naam),
            ", ".join(p.name for p in row.provinces),
            *(region_cell(row, s, closed) for s in segments),
            parts_text(row, segments[0], closed),
        ]
        for row in table.rows
    ]
    rows.append([_("Sum"), _("each region once"), *(sum_cell(table, s) for s in segments), ""])
    print_table(console, columns, rows, sections=[len(table.rows)])
    print_prose(console, legend(closed), style="dim")
    print_prose(console, printable(summary(table, segments[0])))


def headers(segments: Sequence[str]) -> list[str]:
    """The headers of a table of regions, in the language in use."""
    return [
        _("Region"),
        pgettext("table header", "Province(s)"),
        *(segment_label(s) for s in segments),
        pgettext("table header", "per province"),
    ]


def region_dict(row: RegionRow, segments: Sequence[str]) -> dict[str, object]:
    """One region as documented in docs/json.md."""

    def figure(segment: str) -> dict[str, object] | None:
        f = row.figures.get(segment)
        if f is None:
            return None
        low, high = f.rounded()
        return {"value": low if high == low else None, "min": low, "max": high, "derived": f.derived}

    return {
        "naam": row.naam,
        "provincies": [p.name for p in row.provinces],
        "cross_border": row.cross_border,
        "figures": {s: figure(s) for s in segments},
        "parts": [
            {
                "provincie": part.province.name,
                "file": part.path,
                "figures": {s: row.part(part.province, s) for s in segments},
            }
            for part in row.parts
        ],
    }


def render_json(
    table: RegionTable, segments: Sequence[str], info: RoundInfo, out: TextIO, color: bool
) -> None:
    """Versioned JSON (docs/json.md)."""
    document = {
        "version": JSON_VERSION,
        "tool": {"name": "woonbod", "version": __version__},
        "command": "total",
        "by": "regio",
        "round": {"file": info.path, "naam": info.ronde.naam, "ronde": info.ronde.soort},
        "regions": [region_dict(r, segments) for r in table.rows],
        "sum": {s: {"value": table.total(s), "regions": len(table.known(s))} for s in segments},
        "provinces_with_regions": [p.name for p in table.provinces_with_regions],
    }
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")


def render_csv(
    table: RegionTable,
    segments: Sequence[str],
    info: RoundInfo,
    out: TextIO,
    color: bool,
    delimiter: str | None = None,
) -> None:
    """A machine table (render.csv_format's rule): one row per region and province part, the
    whole region's figures and the part."""
    header = ["regio", "provincies", *segments, "provincie", *(f"{s}_deel" for s in segments)]
    rows = []
    for row in table.rows:
        whole = ["" if (v := row.value(s)) is None or v[1] != v[0] else v[0] for s in segments]
        for part in row.parts:
            own = ["" if (x := row.part(part.province, s)) is None else x for s in segments]
            spans = "; ".join(p.name for p in row.provinces)
            rows.append([row.naam, spans, *whole, part.province.name, *own])
    write_csv(out, header, rows, delimiter)


def render_markdown(
    table: RegionTable, segments: Sequence[str], info: RoundInfo, out: TextIO, color: bool
) -> None:
    """A Markdown table of the regions, with the summary under it."""
    closed = info.ronde.closed
    out.write(markdown_table(table, segments, closed=closed))
    out.write(f"\n{md_text(legend(closed))}\n\n{md_text(summary(table, segments[0]))}\n")


def markdown_table(table: RegionTable, segments: Sequence[str], *, closed: bool = False) -> str:
    """The region table in GitHub Markdown (``closed``: the round is closed, so a figure a bid
    does not give was not published)."""
    from woonbod.render.markdown_table import markdown_table

    body = [
        [
            md_text(row.naam),
            ", ".join(p.name for p in row.provinces),
            *(region_cell(row, s, closed).replace("*", "\\*") for s in segments),
            parts_text(row, segments[0], closed).replace("*", "\\*"),
        ]
        for row in table.rows
    ]
    body.append(
        [
            "**" + _("Sum") + "**",
            _("each region once"),
            # the sum in bold, the regions it covers after it, as in the terminal
            *(f"**{homes(table.total(s))}** ({len(table.known(s))}/{len(table.rows)})" for s in segments),
            "",
        ]
    )
    colalign = ["left", "left", *(["right"] * len(segments)), "left"]
    return markdown_table(body, headers(segments), colalign) + "\n"


RegionRenderer = Callable[[RegionTable, Sequence[str], RoundInfo, TextIO, bool], None]
REGION_RENDERERS: dict[str, RegionRenderer] = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
    "markdown": render_markdown,
}

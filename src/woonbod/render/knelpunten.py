"""Renderers for the bottleneck matrix: table, JSON, CSV and Markdown."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TextIO

from woonbod import __version__
from woonbod.analysis.knelpunten import KnelpuntCell, KnelpuntMatrix
from woonbod.formatting import homes
from woonbod.i18n import N_, _, ngettext
from woonbod.render.csv_format import write_csv
from woonbod.render.terminal import Column, print_prose, print_table
from woonbod.render.terminal import console as terminal_console

JSON_VERSION = 1
LEGEND = N_(
    "homes at stake per bottleneck; +N: extra homes offered on top of the bid if it is resolved "
    "(a conditional offer, never added to the homes at stake); R: the state (Rijk) plays a decisive "
    "role; • named without a number"
)


def cell_text(cell: KnelpuntCell | None) -> str:
    """`5 000 R`, `+20 000 R`, `5 000 +2 000`, `• R`, or empty."""
    if cell is None:
        return ""
    parts = []
    if cell.homes is not None:
        parts.append(homes(cell.homes))
    if cell.extra is not None:
        parts.append(f"+{homes(cell.extra)}")
    text = " ".join(parts) or "•"
    return f"{text} R" if cell.rijksrol else text


def _total(n: int, counted: bool) -> str:
    return homes(n) if counted else ""


def _extra_total(n: int) -> str:
    return f"+{homes(n)}" if n else ""


def _label(soort: str) -> str:
    return soort.replace("_", " ")


def _summary(matrix: KnelpuntMatrix) -> str:
    named = sum(1 for r in matrix.rows if r.cells)
    if not matrix.soorten:
        return _("No bid names a bottleneck (knelpunten).")
    if any(r.counted for r in matrix.rows):
        text = _(
            "{named} of {count} provinces name bottlenecks; {homes} homes at stake in total "
            "(as far as the bids give a number)."
        )
    else:
        text = _("{named} of {count} provinces name bottlenecks; no bid gives a number of homes at stake.")
    text = text.format(named=named, count=len(matrix.rows), homes=homes(matrix.total_homes))
    if matrix.total_extra:
        offering = sum(1 for r in matrix.rows if r.extra)
        # Translators: {n} provinces offer {homes} extra homes (a number) if bottlenecks are resolved.
        extra = ngettext(
            "Separately, {n} province offers {homes} extra homes on top of its bid if bottlenecks are "
            "resolved: a conditional offer, not homes at stake, and not added to them.",
            "Separately, {n} provinces offer {homes} extra homes on top of their bids if bottlenecks are "
            "resolved: a conditional offer, not homes at stake, and not added to them.",
            offering,
        )
        text += " " + extra.format(n=offering, homes=homes(matrix.total_extra))
    return text


def national_cell(matrix: KnelpuntMatrix, soort: str) -> str:
    """Homes at stake for a bottleneck nationally, and apart from them the extra homes offered."""
    parts = [homes(matrix.homes(soort))] if matrix.counted(soort) else []
    if matrix.extra(soort):
        parts.append(f"+{homes(matrix.extra(soort))}")
    return " ".join(parts)


def render_table(matrix: KnelpuntMatrix, out: TextIO, color: bool) -> None:
    """Rich table: provinces × bottlenecks, with national totals."""
    console = terminal_console(out, color)
    extra = matrix.total_extra > 0
    columns = [
        Column(_("Province"), justify="left"),
        *(Column(_label(soort)) for soort in matrix.soorten),
        Column(_("at stake")),
        *([Column(_("extra offered"))] if extra else []),
    ]
    rows = [
        [
            row.province.name if row.has_bid else _("{province} (no bid)").format(province=row.province.name),
            *(cell_text(row.cells.get(s)) for s in matrix.soorten),
            _total(row.homes, row.counted),
            *([_extra_total(row.extra)] if extra else []),
        ]
        for row in matrix.rows
    ]
    rows.append(
        [
            _("National"),
            *(national_cell(matrix, s) for s in matrix.soorten),
            _total(matrix.total_homes, any(r.counted for r in matrix.rows)),
            *([_extra_total(matrix.total_extra)] if extra else []),
        ]
    )
    rows.append(
        [_("Provinces"), *(str(matrix.provinces(s)) for s in matrix.soorten), "", *([""] if extra else [])]
    )
    rows.append(
        ["Rijksrol", *(str(matrix.rijksrol(s)) for s in matrix.soorten), "", *([""] if extra else [])]
    )
    print_table(console, columns, rows, sections=[len(matrix.rows)])
    print_prose(console, _(LEGEND), style="dim")
    print_prose(console, _summary(matrix))


def render_json(matrix: KnelpuntMatrix, out: TextIO, color: bool) -> None:
    """Versioned JSON (docs/json.md)."""
    document = {
        "version": JSON_VERSION,
        "tool": {"name": "woonbod", "version": __version__},
        "command": "knelpunten",
        "soorten": [
            {
                "soort": s,
                "homes": matrix.homes(s),
                "extra_homes": matrix.extra(s),
                "provinces": matrix.provinces(s),
                "rijksrol": matrix.rijksrol(s),
            }
            for s in matrix.soorten
        ],
        "provinces": [
            {
                "provincie": r.province.name,
                "code": r.province.iso,
                "has_bid": r.has_bid,
                "homes": r.homes,
                "extra_homes": r.extra,
                "knelpunten": {
                    s: {
                        "count": c.count,
                        "homes": c.homes,
                        "extra_homes": c.extra,
                        "rijksrol": c.rijksrol,
                        "toelichting": list(c.toelichting),
                    }
                    for s, c in r.cells.items()
                },
            }
            for r in matrix.rows
        ],
        "total_homes": matrix.total_homes,
        "total_extra_homes": matrix.total_extra,
    }
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")


def render_csv(matrix: KnelpuntMatrix, out: TextIO, color: bool, delimiter: str | None = None) -> None:
    """A machine table (render.csv_format's rule): one row per province and bottleneck that
    plays there; ``rijksrol`` true or false, as in the JSON, in every language."""
    header = ["provincie", "code", "soort", "woningen", "extra_woningen", "rijksrol", "aantal"]
    rows = (
        [
            row.province.name,
            row.province.iso,
            soort,
            "" if c.homes is None else c.homes,
            "" if c.extra is None else c.extra,
            c.rijksrol,
            c.count,
        ]
        for row in matrix.rows
        for soort, c in row.cells.items()
    )
    write_csv(out, header, rows, delimiter)


def render_markdown(matrix: KnelpuntMatrix, out: TextIO, color: bool) -> None:
    """The matrix as a Markdown table."""
    from woonbod.render.markdown_table import markdown_table

    extra = matrix.total_extra > 0
    headers = [
        _("Province"),
        *(_label(s) for s in matrix.soorten),
        _("at stake"),
        *([_("extra offered")] if extra else []),
    ]
    body = [
        [
            r.province.name,
            *(cell_text(r.cells.get(s)) for s in matrix.soorten),
            _total(r.homes, r.counted),
            *([_extra_total(r.extra)] if extra else []),
        ]
        for r in matrix.rows
    ]
    body.append(
        [
            "**" + _("National") + "**",
            *(national_cell(matrix, s) for s in matrix.soorten),
            _total(matrix.total_homes, any(r.counted for r in matrix.rows)),
            *([_extra_total(matrix.total_extra)] if extra else []),
        ]
    )
    out.write(markdown_table(body, headers) + "\n\n")
    out.write(f"{_(LEGEND)}\n\n{_summary(matrix)}\n")


KnelpuntRenderer = Callable[[KnelpuntMatrix, TextIO, bool], None]
KNELPUNT_RENDERERS: dict[str, KnelpuntRenderer] = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
    "markdown": render_markdown,
}

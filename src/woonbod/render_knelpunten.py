"""Renderers for the bottleneck matrix: table, JSON, CSV and Markdown."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from typing import TextIO

from woonbod import __version__
from woonbod.formatting import homes
from woonbod.knelpunten import KnelpuntCell, KnelpuntMatrix
from woonbod.terminal import Column, print_prose, print_table
from woonbod.terminal import console as terminal_console

JSON_VERSION = 1
LEGEND = "homes at stake per bottleneck; R: the state (Rijk) plays a decisive role; • named without a number"


def cell_text(cell: KnelpuntCell | None) -> str:
    """`20 000 R`, `• R`, or empty."""
    if cell is None:
        return ""
    text = "•" if cell.homes is None else homes(cell.homes)
    return f"{text} R" if cell.rijksrol else text


def _label(soort: str) -> str:
    return soort.replace("_", " ")


def _summary(matrix: KnelpuntMatrix) -> str:
    named = sum(1 for r in matrix.rows if r.cells)
    if not matrix.soorten:
        return "No bid names a bottleneck (knelpunten)."
    return (
        f"{named} of {len(matrix.rows)} provinces name bottlenecks; "
        f"{homes(matrix.total_homes)} homes at stake in total (as far as the bids give a number)."
    )


def render_table(matrix: KnelpuntMatrix, out: TextIO, color: bool) -> None:
    """Rich table: provinces × bottlenecks, with national totals."""
    console = terminal_console(out, color)
    columns = [
        Column("Provincie", justify="left"),
        *(Column(_label(soort)) for soort in matrix.soorten),
        Column("total"),
    ]
    rows = [
        [
            row.province.name if row.has_bid else f"{row.province.name} (no bid)",
            *(cell_text(row.cells.get(s)) for s in matrix.soorten),
            homes(row.homes) if row.cells else "",
        ]
        for row in matrix.rows
    ]
    rows.append(["National", *(homes(matrix.homes(s)) for s in matrix.soorten), homes(matrix.total_homes)])
    rows.append(["Provinces", *(str(matrix.provinces(s)) for s in matrix.soorten), ""])
    rows.append(["Rijksrol", *(str(matrix.rijksrol(s)) for s in matrix.soorten), ""])
    print_table(console, columns, rows, sections=[len(matrix.rows)])
    print_prose(console, LEGEND, style="dim")
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
                "knelpunten": {
                    s: {
                        "count": c.count,
                        "homes": c.homes,
                        "rijksrol": c.rijksrol,
                        "toelichting": list(c.toelichting),
                    }
                    for s, c in r.cells.items()
                },
            }
            for r in matrix.rows
        ],
        "total_homes": matrix.total_homes,
    }
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")


def render_csv(matrix: KnelpuntMatrix, out: TextIO, color: bool) -> None:
    """One row per province and bottleneck that plays there."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["provincie", "code", "soort", "woningen", "rijksrol", "aantal"])
    for row in matrix.rows:
        for soort, c in row.cells.items():
            writer.writerow(
                [
                    row.province.name,
                    row.province.iso,
                    soort,
                    "" if c.homes is None else c.homes,
                    "ja" if c.rijksrol else "nee",
                    c.count,
                ]
            )


def render_markdown(matrix: KnelpuntMatrix, out: TextIO, color: bool) -> None:
    """The matrix as a Markdown table."""
    from tabulate import tabulate

    headers = ["Provincie", *(_label(s) for s in matrix.soorten), "total"]
    body = [
        [
            r.province.name,
            *(cell_text(r.cells.get(s)) for s in matrix.soorten),
            homes(r.homes) if r.cells else "",
        ]
        for r in matrix.rows
    ]
    body.append(
        ["**National**", *(homes(matrix.homes(s)) for s in matrix.soorten), homes(matrix.total_homes)]
    )
    out.write(tabulate(body, headers=headers, tablefmt="github") + "\n\n")
    out.write(f"{LEGEND}\n\n{_summary(matrix)}\n")


KnelpuntRenderer = Callable[[KnelpuntMatrix, TextIO, bool], None]
KNELPUNT_RENDERERS: dict[str, KnelpuntRenderer] = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
    "markdown": render_markdown,
}

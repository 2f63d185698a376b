"""One row per province with every segment figure, for a spreadsheet (xlsx) or CSV."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from woonbod.derive import SEGMENT_ORDER
from woonbod.escaping import spreadsheet_cell
from woonbod.gaps import BID_COLUMN, find_gaps
from woonbod.knelpunten import build_matrix
from woonbod.loader import Dataset, bids_by_province
from woonbod.provinces import PROVINCES
from woonbod.totals import SegmentTotal, sum_all


@dataclass(frozen=True, slots=True)
class Table:
    """The province rows and the national rows, as plain values."""

    header: list[str]
    rows: list[list[object]]
    national_header: list[str]
    national: list[list[object]]


def build_table(dataset: Dataset, as_of: dt.date) -> Table:
    """Every figure per province (with how it was found) and the national sums against the targets."""
    totals = {t.segment: t for t in sum_all(dataset.bids, dataset.round.ronde)}
    gaps = {row.province.code: row for row in find_gaps(dataset, as_of).rows}
    first = bids_by_province(dataset.bids)
    knelpunten = {r.province.code: r for r in build_matrix(dataset.bids).rows}
    header = ["provincie", "code", "bestand", "ronde", "ingediend", "status"]
    for segment in SEGMENT_ORDER:
        header += [segment, f"{segment}_max", f"{segment}_herkomst"]
    # Homes at stake and extra homes offered on conditions: two columns, never added.
    header += ["knelpunten_woningen_op_het_spel", "knelpunten_extra_woningen_aangeboden"]
    rows: list[list[object]] = []
    for i, province in enumerate(PROVINCES):
        found = first.get(province.code)
        bid = found.bid if found is not None else None
        cell = gaps[province.code].cells[BID_COLUMN]
        status = cell.state + (f" ({cell.detail})" if cell.detail else "")
        row: list[object] = [
            province.name,
            province.iso,
            found.path if found else "",
            bid.ronde if bid else "",
            bid.ingediend if bid and bid.ingediend else "",
            status,
        ]
        for segment in SEGMENT_ORDER:
            figure = totals[segment].rows[i]
            high = "" if figure.high is None or figure.high == figure.low else figure.high
            how = {
                "given": "gegeven",
                "derived": f"afgeleid ({figure.how})",
                "unknown": "onbekend",
                "unpublished": "niet gepubliceerd",
                "missing": "geen bod",
                "invalid": "fout in bestand",
            }[figure.status] + (", bij benadering (ca.)" if figure.approx else "")
            row += ["" if figure.low is None else figure.low, high, how]
        stake = knelpunten[province.code]
        row += [stake.homes if stake.counted else "", stake.extra if stake.extra else ""]
        rows.append(row)
    national_header = [
        "segment",
        "som",
        "som_max",
        "provincies_bekend",
        "van",
        "volledig",
        "doel",
        "doel_afgeleid",
        "verschil",
        "aandeel_van_doel",
        "aandeel_eigen_totaal",
        "bij_benadering",
    ]
    national = [_national_row(totals[s]) for s in SEGMENT_ORDER]
    return Table(header, rows, national_header, national)


def _national_row(total: SegmentTotal) -> list[object]:
    share = total.share_of_target()
    return [
        total.segment,
        total.low if total.known else "",
        "" if total.high is None or total.high == total.low or not total.known else total.high,
        total.known,
        len(total.rows),
        "ja" if total.complete else "nee (deelsom)",
        "" if total.target is None else total.target.value,
        "" if total.target is None else ("ja" if total.target.derived else "nee"),
        "" if total.difference() is None else total.difference(),
        "" if share is None else float(share),
        "" if total.share_of_own_totaal() is None else float(total.share_of_own_totaal() or 0),
        "ja" if total.approx else "nee",
    ]


def write_csv(table: Table, out: TextIO) -> None:
    """The province rows as CSV."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.header)
    writer.writerows(
        [spreadsheet_cell(v.isoformat() if isinstance(v, dt.date) else v) for v in row] for row in table.rows
    )


def write_xlsx(table: Table, path: Path | BinaryIO) -> None:
    """A workbook: provinces (bold frozen header, number formats) and the national totals."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Provincies"
    _fill(sheet, table.header, table.rows, Font)
    for column, name in enumerate(table.header, start=1):
        if name in SEGMENT_ORDER or name.endswith("_max"):
            for cell in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
                cell[0].number_format = "#,##0"
        if name == "ingediend":
            for cell in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
                cell[0].number_format = "yyyy-mm-dd"
    national = book.create_sheet("Landelijk")
    _fill(national, table.national_header, table.national, Font)
    for column, name in enumerate(table.national_header, start=1):
        fmt = "0.0%" if name.startswith("aandeel_") else "#,##0"
        if name in ("som", "som_max", "doel", "verschil", "aandeel_van_doel", "aandeel_eigen_totaal"):
            for cell in national.iter_rows(min_row=2, min_col=column, max_col=column):
                cell[0].number_format = fmt
    for ws in (sheet, national):
        for column in range(1, ws.max_column + 1):
            letter = get_column_letter(column)
            width = max(len(str(c.value or "")) for c in ws[letter])
            ws.column_dimensions[letter].width = min(max(width + 2, 8), 60)
    book.save(path)


def _fill(sheet: object, header: list[str], rows: list[list[object]], font: type) -> None:
    sheet.append(header)  # type: ignore[attr-defined]
    for cell in sheet[1]:  # type: ignore[index]
        cell.font = font(bold=True)
    for row in rows:
        sheet.append([spreadsheet_cell(v) for v in row])  # type: ignore[attr-defined]
    sheet.freeze_panes = "A2"  # type: ignore[attr-defined]

"""One row per province with every segment figure, for a spreadsheet (xlsx) or CSV.

Headers and words follow the language in use (English, or Dutch: ``provincie``, ``gegeven``,
``afgeleid (aandeel)``); the format's keys (``totaal``, ``sociale_huur``, ``definitief``) and
the numbers stay as they are: a cell holding a number holds a plain number, never "917.193".
The CSV follows the one rule of render.csv_format: in Dutch ``;`` between cells and a UTF-8
byte order mark, so that Dutch Excel opens it on a double click with "Fryslân" intact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, TextIO

from woonbod.analysis.gaps import BID_COLUMN, find_gaps
from woonbod.analysis.knelpunten import build_matrix
from woonbod.analysis.totals import ProvinceFigure, SegmentTotal, sum_all
from woonbod.formatting import yes_no
from woonbod.i18n import N_, _, pgettext
from woonbod.loading.loader import Dataset, bids_by_province
from woonbod.model.derive import PARENT, TREE
from woonbod.model.models import Bid
from woonbod.model.provinces import PROVINCES
from woonbod.model.vocabulary import SEGMENTS
from woonbod.render.csv_format import write_csv as write_rows
from woonbod.render.escaping import spreadsheet_cell
from woonbod.render.gaps import cell_detail

# How a figure was found (ProvinceFigure.status), as the export says it.
HOW = {
    "given": N_("given"),
    "unknown": N_("unknown"),
    "unpublished": N_("not published"),
    "missing": N_("no bid"),
    "invalid": N_("error in file"),
}
# How a derived figure was derived (Figure.how).
DERIVED = {"share": N_("share"), "sum": N_("sum"), "difference": N_("difference")}
# The state of a province's bid (analysis.gaps.State), as the status column says it.
STATES = {
    "given": N_("given"),
    "derived": N_("derived"),
    "deferred": N_("deferred"),
    "due": N_("due"),
    "missing": N_("missing"),
    "late": N_("late"),
    "overdue": N_("overdue"),
    "on time": N_("on time"),
    "submitted": N_("submitted"),
    "unpublished": N_("unpublished"),
    "invalid": N_("invalid"),
}
SOURCE_SEPARATOR = " "  # between two URLs in a source cell (a URL holds no space)


@dataclass(frozen=True, slots=True)
class Table:
    """The province rows and the national rows, as plain values; ``formats``: the number format
    of a column (by its index), for the workbook."""

    header: list[str]
    rows: list[list[object]]
    national_header: list[str]
    national: list[list[object]]
    formats: dict[int, str] = field(default_factory=dict)
    national_formats: dict[int, str] = field(default_factory=dict)


def _header() -> tuple[list[str], dict[int, str]]:
    header = [
        pgettext("export column", "province"),
        pgettext("export column", "code"),
        pgettext("export column", "file"),
        pgettext("export column", "round"),
        pgettext("export column", "submitted"),
        pgettext("export column", "status"),
    ]
    formats = {4: "yyyy-mm-dd"}
    for segment in SEGMENTS:
        formats[len(header)] = formats[len(header) + 1] = "#,##0"
        header += [
            segment,
            # Translators: {segment} is a key of the bid format (sociale_huur); keep the _.
            pgettext("export column", "{segment}_max").format(segment=segment),
            pgettext("export column", "{segment}_origin").format(segment=segment),
            pgettext("export column", "{segment}_source").format(segment=segment),
        ]
    # Homes at stake and extra homes offered on conditions: two columns, never added.
    header += [
        pgettext("export column", "knelpunten_homes_at_stake"),
        pgettext("export column", "knelpunten_extra_homes_offered"),
    ]
    return header, formats


def _national_header() -> tuple[list[str], dict[int, str]]:
    header = [
        pgettext("export column", "segment"),
        pgettext("export column", "sum"),
        pgettext("export column", "sum_max"),
        pgettext("export column", "provinces_known"),
        pgettext("export column", "of"),
        pgettext("export column", "complete"),
        pgettext("export column", "target"),
        pgettext("export column", "target_derived"),
        pgettext("export column", "difference"),
        pgettext("export column", "share_of_target"),
        pgettext("export column", "share_of_own_totaal"),
        pgettext("export column", "approximate"),
    ]
    formats = {1: "#,##0", 2: "#,##0", 6: "#,##0", 8: "#,##0", 9: "0.0%", 10: "0.0%"}
    return header, formats


def build_table(dataset: Dataset, as_of: dt.date) -> Table:
    """Every figure per province (with how it was found and where it was published) and the
    national sums against the targets."""
    totals = {t.segment: t for t in sum_all(dataset.bids, dataset.round.ronde)}
    gaps = {row.province.code: row for row in find_gaps(dataset, as_of).rows}
    first = bids_by_province(dataset.bids)
    knelpunten = {r.province.code: r for r in build_matrix(dataset.bids).rows}
    header, formats = _header()
    rows: list[list[object]] = []
    for i, province in enumerate(PROVINCES):
        found = first.get(province.code)
        bid = found.bid if found is not None else None
        cell = gaps[province.code].cells[BID_COLUMN]
        detail = cell_detail(cell)
        state = _(STATES[cell.state]) if cell.state in STATES else cell.state
        row: list[object] = [
            province.name,
            province.iso,
            str(found.path) if found else (gaps[province.code].path or ""),
            bid.ronde if bid else "",
            bid.ingediend if bid and bid.ingediend else "",
            state + (f" ({detail})" if detail else ""),
        ]
        for segment in SEGMENTS:
            figure = totals[segment].rows[i]
            high = "" if figure.high is None or figure.high == figure.low else figure.high
            sources = (
                ""
                if bid is None or figure.low is None
                else SOURCE_SEPARATOR.join(figure_sources(bid, segment))
            )
            row += ["" if figure.low is None else figure.low, high, how_found(figure), sources]
        stake = knelpunten[province.code]
        row += [stake.homes if stake.counted else "", stake.extra if stake.extra else ""]
        rows.append(row)
    national_header, national_formats = _national_header()
    national = [_national_row(totals[s]) for s in SEGMENTS]
    return Table(header, rows, national_header, national, formats, national_formats)


def how_found(figure: ProvinceFigure) -> str:
    """How a figure was found: given, derived (share), not published, …; ca. when approximate."""
    if figure.status == "derived":
        how = _(DERIVED[figure.how]) if figure.how in DERIVED else str(figure.how)
        # Translators: {how} says how the figure was derived: share, sum or difference.
        text = _("derived ({how})").format(how=how)
    else:
        text = _(HOW[figure.status])
    return _("{how}, approximate (ca.)").format(how=text) if figure.approx else text


def _fields(segment: str) -> set[str]:
    """The names a source's ``over`` may give a segment by (``totaal``, ``segmenten.sociale_huur``)."""
    return {segment, f"segmenten.{segment}"}


def figure_sources(bid: Bid, segment: str) -> list[str]:
    """The URLs of the sources that name ``segment`` in their ``over``; for a figure that names
    none, the sources of the figures it is worked out from (its whole and its parts), else the
    sources that do not say what they cover."""
    bronnen = bid.bronnen or ()
    named = [b.url for b in bronnen if _fields(segment) & set(b.over)]
    if not named:
        parent = PARENT.get(segment)
        related = {*TREE.get(segment, ()), *([parent, *TREE[parent]] if parent else [])} - {segment}
        named = [b.url for b in bronnen if any(_fields(r) & set(b.over) for r in related)]
    if not named:
        named = [b.url for b in bronnen if not b.over]
    return list(dict.fromkeys(named))


def _national_row(total: SegmentTotal) -> list[object]:
    share = total.share_of_target()
    return [
        total.segment,
        total.low if total.known else "",
        "" if total.high is None or total.high == total.low or not total.known else total.high,
        total.known,
        len(total.rows),
        _completeness(total),
        "" if total.target is None else total.target.value,
        "" if total.target is None else yes_no(total.target.derived),
        "" if total.difference() is None else total.difference(),
        "" if share is None else float(share),
        "" if total.share_of_own_totaal() is None else float(total.share_of_own_totaal() or 0),
        yes_no(total.approx),
    ]


def _completeness(total: SegmentTotal) -> str:
    """Whether the sum covers every province: yes; no (a partial sum); or, where no province
    gave a figure, no sum at all: not published (a closed round) or no figure (an open one)."""
    if total.complete:
        return yes_no(True)
    if total.known:
        return _("no (partial sum)")
    if total.unpublished:
        return _("not published")
    # Translators: the national sheet's "complete" column where no province gave a figure (open round).
    return _("no figure")


def refusal(output_format: str, delimiter: str | None, to_file: bool) -> str | None:
    """Why these options of `woonbod export` cannot make an export (None: they can)."""
    if delimiter is not None and output_format != "csv":
        return _("--delimiter is for --format csv; a workbook has no separator")
    if output_format == "xlsx" and not to_file:
        return _(
            "--format xlsx needs --output FILE (a workbook cannot go to the terminal or "
            "standard output; -o - is only for text formats such as csv)"
        )
    return None


def write_csv(table: Table, out: TextIO, delimiter: str | None = None) -> None:
    """The province rows as CSV, by the one rule of render.csv_format (numbers plain, dates ISO;
    in Dutch ``;`` and a byte order mark)."""
    write_rows(out, table.header, table.rows, delimiter)


def write_xlsx(table: Table, path: Path | BinaryIO) -> None:
    """A workbook: provinces (bold frozen header, number formats) and the national totals."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Provinces")
    _fill(sheet, table.header, table.rows, Font)
    national = book.create_sheet(_("National"))
    _fill(national, table.national_header, table.national, Font)
    for ws, formats in ((sheet, table.formats), (national, table.national_formats)):
        for index, fmt in formats.items():
            for cell in ws.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
                cell[0].number_format = fmt
        for number in range(1, ws.max_column + 1):
            letter = get_column_letter(number)
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

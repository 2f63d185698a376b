"""The one rule for every CSV woonbod writes (`total`, `total --by regio`, `gaps`, `knelpunten`,
`export`): how its cells are separated, whether it starts with a byte order mark, how a cell
holds a number, a date or text.

In Dutch: ``;`` between cells and a UTF-8 byte order mark, the way Dutch Excel opens a CSV on a
double click with "Fryslân" intact; in English: ``,`` and no byte order mark. ``--delimiter``
(``,`` ``;`` or ``tab``) chooses the separator in either language. A number stays a plain
integer (917193, never "917.193"), a date is ISO (2022-10-01), and text that a spreadsheet would
run as a formula gets a leading apostrophe (escaping.spreadsheet_cell).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TextIO

from woonbod.i18n import language
from woonbod.render.escaping import spreadsheet_cell

BOM = "\ufeff"  # so that Excel reads a CSV as UTF-8 (without it, Fryslân becomes FryslÃ¢n)
# What --delimiter accepts, and the character each stands for.
DELIMITERS = {",": ",", ";": ";", "tab": "\t"}


def dialect(delimiter: str | None = None) -> tuple[str, bool]:
    """The separator (``,`` ``;`` or ``tab``, as --delimiter gives it; default: ``;`` in Dutch,
    ``,`` in English) and whether the file starts with a byte order mark (in Dutch)."""
    dutch = language() == "nl"
    chosen = DELIMITERS[delimiter] if delimiter else (";" if dutch else ",")
    return chosen, dutch


def cell(value: object) -> object:
    """A value as a CSV cell: a date in ISO, a boolean as ``true``/``false``, text that could
    start a formula defused; numbers and other text as they are."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return spreadsheet_cell(value)


def write_csv(
    out: TextIO, header: Sequence[object], rows: Iterable[Sequence[object]], delimiter: str | None = None
) -> None:
    """A header and rows as CSV, separated and marked as ``dialect`` says.

    The byte order mark is written before the first cell, never into it, so the first header is
    still "provincie" to a reader that decodes utf-8-sig, and no cell escaping sees it."""
    separator, bom = dialect(delimiter)
    if bom:
        out.write(BOM)
    writer = csv.writer(out, delimiter=separator, lineterminator="\n")
    writer.writerow([cell(v) for v in header])
    writer.writerows([cell(v) for v in row] for row in rows)

"""What a woondeal region gives its bid's province, and when two region names are one region."""

from __future__ import annotations

import unicodedata

from woonbod.model.derive import Figure, derive, written_amounts
from woonbod.model.models import Regio
from woonbod.model.provinces import Province
from woonbod.model.quantities import Amount


def province_part(regio: Regio, own: Province) -> tuple[Amount | None, dict[str, Amount]]:
    """What the region gives the bid's own province: its own figures when it lies wholly
    inside, the ``toegerekend`` part when it crosses a border (nothing when not published)."""
    if not regio.crosses_border(own):
        return regio.totaal, written_amounts(regio.segmenten, regio.corporaties)
    deel = regio.deel()
    if deel is None:
        return None, {}
    return deel.totaal, written_amounts(deel.segmenten, deel.corporaties)


def part_figures(regio: Regio, own: Province) -> dict[str, Figure]:
    """The figures (given and derived) of the region's part in the bid's own province."""
    totaal, written = province_part(regio, own)
    figures, conflicts = derive(totaal, written)
    return {} if conflicts else figures


def region_key(name: str) -> str:
    """Names that differ only in case, accents, spaces or dashes are one region."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())

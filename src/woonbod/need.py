"""Each bid against the minister's estimate of the province's need (the round's ``benodigd``).

The need was published for a few provinces only, so every comparison says for how many
provinces it is known; a sum over those provinces is never presented as a national figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from woonbod.loader import LoadedBid
from woonbod.models import Ronde
from woonbod.provinces import Province
from woonbod.totals import ProvinceFigure, province_figures


@dataclass(frozen=True, slots=True)
class NeedRow:
    """One province: its bid's totaal and the need, either of which may be unknown."""

    bid: ProvinceFigure
    need: int | None

    @property
    def province(self) -> Province:
        return self.bid.province

    @property
    def comparable(self) -> bool:
        """Both a single-number bid and a need are known."""
        return self.need is not None and self.bid.known and not self.bid.is_range

    def ratio(self) -> Fraction | None:
        """The bid as a share of the need."""
        if not self.comparable or not self.need or self.bid.low is None:
            return None
        return Fraction(self.bid.low, self.need)

    def difference(self) -> int | None:
        """Bid minus need."""
        if not self.comparable or self.need is None or self.bid.low is None:
            return None
        return self.bid.low - self.need


@dataclass(frozen=True, slots=True)
class NeedComparison:
    """Every province's bid against its need, with the coverage of the need figures."""

    rows: tuple[NeedRow, ...]

    @property
    def with_need(self) -> list[NeedRow]:
        return [r for r in self.rows if r.need is not None]

    @property
    def comparable(self) -> list[NeedRow]:
        return [r for r in self.rows if r.comparable]

    def sums(self) -> tuple[int, int] | None:
        """The bids and the needs of the provinces where both are known, or None."""
        rows = self.comparable
        if not rows:
            return None
        return sum(r.bid.low or 0 for r in rows), sum(r.need or 0 for r in rows)


def compare_need(bids: Sequence[LoadedBid], ronde: Ronde) -> NeedComparison | None:
    """Each province's totaal against the round's benodigd; None when the round gives no need."""
    if not ronde.benodigd:
        return None
    need = {province.code: count.value for province, count in ronde.benodigd.items()}
    return NeedComparison(
        tuple(NeedRow(row, need.get(row.province.code)) for row in province_figures(bids, "totaal"))
    )

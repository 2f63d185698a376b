"""Every figure of one bid, worked out once and kept: its own, and each region's."""

from __future__ import annotations

from woonbod.model.derive import Derivation, Figure, derive, written_amounts
from woonbod.model.models import Bid
from woonbod.model.regions import part_figures


class BidFigures:
    """What a bid gives or implies through the segment tree, asked for by every check, sum,
    gap and report: each worked out on first use and kept."""

    __slots__ = ("_own", "_parts", "_regions", "bid")

    def __init__(self, bid: Bid) -> None:
        self.bid = bid
        self._own: Derivation | None = None
        self._regions: dict[int, Derivation] = {}
        self._parts: dict[int, dict[str, Figure]] = {}

    def own(self) -> Derivation:
        """The bid's figures and the conflicts among them."""
        if self._own is None:
            bid = self.bid
            self._own = Derivation(*derive(bid.totaal, written_amounts(bid.segmenten, bid.corporaties)))
        return self._own

    def region(self, index: int) -> Derivation:
        """The whole of region number ``index`` (from 0), and the conflicts among its figures."""
        if index not in self._regions:
            regio = (self.bid.regios or [])[index]
            written = written_amounts(regio.segmenten, regio.corporaties)
            self._regions[index] = Derivation(*derive(regio.totaal, written))
        return self._regions[index]

    def part(self, index: int) -> dict[str, Figure]:
        """What region number ``index`` gives the bid's own province (model.regions.part_figures)."""
        if index not in self._parts:
            self._parts[index] = part_figures((self.bid.regios or [])[index], self.bid.provincie)
        return self._parts[index]

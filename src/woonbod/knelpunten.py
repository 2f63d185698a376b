"""The bottleneck agenda: which bottleneck plays in which province, and how many homes it holds up."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from woonbod.loader import LoadedBid, bids_by_province
from woonbod.models import KNELPUNT_SOORTEN
from woonbod.provinces import PROVINCES, Province


@dataclass(frozen=True, slots=True)
class KnelpuntCell:
    """One province × bottleneck: how often it is named, homes at stake, and the state's role."""

    count: int
    homes: int | None  # None: named, but no number of homes given
    rijksrol: bool
    toelichting: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class KnelpuntRow:
    """A province and its bottlenecks."""

    province: Province
    has_bid: bool
    cells: dict[str, KnelpuntCell]

    @property
    def homes(self) -> int:
        return sum(c.homes or 0 for c in self.cells.values())


@dataclass(frozen=True, slots=True)
class KnelpuntMatrix:
    """Provinces and bottlenecks, both sorted by the homes at stake (most first)."""

    soorten: list[str]
    rows: list[KnelpuntRow]

    def homes(self, soort: str) -> int:
        return sum((r.cells[soort].homes or 0) for r in self.rows if soort in r.cells)

    def provinces(self, soort: str) -> int:
        return sum(1 for r in self.rows if soort in r.cells)

    def rijksrol(self, soort: str) -> int:
        return sum(1 for r in self.rows if soort in r.cells and r.cells[soort].rijksrol)

    @property
    def total_homes(self) -> int:
        return sum(r.homes for r in self.rows)


def build_matrix(bids: Sequence[LoadedBid]) -> KnelpuntMatrix:
    """Collect every bid's knelpunten into the province × bottleneck matrix."""
    first = bids_by_province(bids)
    rows: list[KnelpuntRow] = []
    for province in PROVINCES:
        found = first.get(province.code)
        cells: dict[str, KnelpuntCell] = {}
        for knelpunt in (found.bid.knelpunten or []) if found is not None and found.bid is not None else []:
            old = cells.get(knelpunt.soort, KnelpuntCell(0, None, False, ()))
            homes = knelpunt.woningen.value if knelpunt.woningen is not None else None
            cells[knelpunt.soort] = KnelpuntCell(
                old.count + 1,
                old.homes if homes is None else (old.homes or 0) + homes,
                old.rijksrol or bool(knelpunt.rijksrol),
                (*old.toelichting, *([knelpunt.toelichting.strip()] if knelpunt.toelichting else [])),
            )
        rows.append(KnelpuntRow(province, found is not None, cells))
    used = [s for s in KNELPUNT_SOORTEN if any(s in r.cells for r in rows)]
    matrix = KnelpuntMatrix(used, rows)
    # Most homes at stake first; ties keep the format's order (soorten) or the provinces' order.
    soorten = sorted(used, key=lambda s: -matrix.homes(s))
    ordered = sorted(rows, key=lambda r: -r.homes)
    return KnelpuntMatrix(soorten, ordered)

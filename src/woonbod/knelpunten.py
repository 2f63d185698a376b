"""The bottleneck agenda: which bottleneck plays in which province, and how many homes it holds up.

Two different numbers are kept apart and never added: the homes of the bid at stake while a
bottleneck is unresolved (`woningen`), and the extra homes a province offers on top of its bid
if the state resolves it (`extra_woningen`, a conditional offer).
"""

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
    homes: int | None  # homes at stake; None: no number given
    rijksrol: bool
    toelichting: tuple[str, ...]
    extra: int | None = None  # extra homes offered if it is resolved; None: none offered


@dataclass(frozen=True, slots=True)
class KnelpuntRow:
    """A province and its bottlenecks."""

    province: Province
    has_bid: bool
    cells: dict[str, KnelpuntCell]

    @property
    def homes(self) -> int:
        return sum(c.homes or 0 for c in self.cells.values())

    @property
    def extra(self) -> int:
        return sum(c.extra or 0 for c in self.cells.values())

    @property
    def counted(self) -> bool:
        """Whether any of its bottlenecks gives a number of homes at stake."""
        return any(c.homes is not None for c in self.cells.values())


@dataclass(frozen=True, slots=True)
class KnelpuntMatrix:
    """Provinces and bottlenecks, both sorted by the homes at stake (most first)."""

    soorten: list[str]
    rows: list[KnelpuntRow]

    def homes(self, soort: str) -> int:
        return sum((r.cells[soort].homes or 0) for r in self.rows if soort in r.cells)

    def extra(self, soort: str) -> int:
        return sum((r.cells[soort].extra or 0) for r in self.rows if soort in r.cells)

    def counted(self, soort: str) -> bool:
        """Whether any province gives a number of homes at stake for this bottleneck."""
        return any(soort in r.cells and r.cells[soort].homes is not None for r in self.rows)

    def provinces(self, soort: str) -> int:
        return sum(1 for r in self.rows if soort in r.cells)

    def rijksrol(self, soort: str) -> int:
        return sum(1 for r in self.rows if soort in r.cells and r.cells[soort].rijksrol)

    @property
    def total_homes(self) -> int:
        return sum(r.homes for r in self.rows)

    @property
    def total_extra(self) -> int:
        return sum(r.extra for r in self.rows)


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
            extra = knelpunt.extra_woningen.value if knelpunt.extra_woningen is not None else None
            cells[knelpunt.soort] = KnelpuntCell(
                old.count + 1,
                old.homes if homes is None else (old.homes or 0) + homes,
                old.rijksrol or bool(knelpunt.rijksrol),
                (*old.toelichting, *([knelpunt.toelichting.strip()] if knelpunt.toelichting else [])),
                old.extra if extra is None else (old.extra or 0) + extra,
            )
        rows.append(KnelpuntRow(province, found is not None, cells))
    used = [s for s in KNELPUNT_SOORTEN if any(s in r.cells for r in rows)]
    matrix = KnelpuntMatrix(used, rows)
    # Most homes at stake first, then most extra homes offered; ties keep the format's order
    # (soorten) or the provinces' order.
    soorten = sorted(used, key=lambda s: (-matrix.homes(s), -matrix.extra(s)))
    ordered = sorted(rows, key=lambda r: (-r.homes, -r.extra))
    return KnelpuntMatrix(soorten, ordered)

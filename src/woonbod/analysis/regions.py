"""Woondeal regions: what each region gives its province, and the regions listed once nationally.

A region lies wholly inside its bid's province, or crosses a border (``provincies`` lists more
than the bid's own province). The region's ``totaal`` and ``segmenten`` are the whole region's;
a cross-border region gives its province only the part under ``toegerekend`` (unknown when
that was not published). Nationally each region is listed once, however many bids name it:
a cross-border region is never counted twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from woonbod.loading.loader import LoadedBid, bids_by_province
from woonbod.model.derive import Figure
from woonbod.model.provinces import PROVINCES, Province
from woonbod.model.regions import region_key


@dataclass(frozen=True, slots=True)
class RegionPart:
    """One province's part of a region, as its bid gives it (None: not published)."""

    province: Province
    figures: dict[str, Figure]
    path: str


@dataclass(frozen=True, slots=True)
class RegionRow:
    """A region, listed once: the whole region's figures and each named province's part."""

    naam: str
    provinces: tuple[Province, ...]  # every province the region spans, in the fixed order
    figures: dict[str, Figure]  # the whole region's figures, from the first bid that gives them
    parts: tuple[RegionPart, ...]  # the bids that name the region, in the fixed order

    @property
    def cross_border(self) -> bool:
        return len(self.provinces) > 1

    def value(self, segment: str) -> tuple[int, int | None] | None:
        """The whole region's figure for a segment, rounded; None when unknown."""
        figure = self.figures.get(segment)
        return None if figure is None else figure.rounded()

    def part(self, province: Province, segment: str) -> int | None:
        """A province's part for a segment, when published as a single number."""
        figure = self.part_figure(province, segment)
        return figure.rounded()[0] if figure is not None and figure.is_point else None

    def part_figure(self, province: Province, segment: str) -> Figure | None:
        """A province's part for a segment as its bid gives it (a number or a range)."""
        for p in self.parts:
            if p.province.code == province.code:
                figure = p.figures.get(segment)
                if figure is not None:
                    return figure
        return None


@dataclass(frozen=True, slots=True)
class RegionTable:
    """Every region named by the bids of one round, each once."""

    rows: tuple[RegionRow, ...]
    provinces_with_regions: tuple[Province, ...]

    def known(self, segment: str) -> list[RegionRow]:
        return [r for r in self.rows if (v := r.value(segment)) is not None and v[1] == v[0]]

    def total(self, segment: str) -> int:
        """The sum of the regions' own figures, each region once (single numbers only)."""
        return sum(v[0] for r in self.known(segment) if (v := r.value(segment)) is not None)


@dataclass(slots=True)
class _Builder:
    naam: str
    spans: dict[str, Province]
    figures: dict[str, Figure]
    parts: list[RegionPart]


def list_regions(bids: Sequence[LoadedBid]) -> RegionTable:
    """Each region once, with the provinces it spans and what each bid attributes to it."""
    order = {p.code: i for i, p in enumerate(PROVINCES)}
    found: dict[str, _Builder] = {}
    first = bids_by_province(bids)
    for province in PROVINCES:
        lb = first.get(province.code)
        if lb is None or lb.bid is None:
            continue
        for i, regio in enumerate(lb.bid.regios or ()):
            entry = found.setdefault(region_key(regio.naam), _Builder(regio.naam, {}, {}, []))
            for p in (province, *(regio.provincies or ())):
                entry.spans[p.code] = p
            if not entry.figures:  # the first bid that gives the whole region's figures
                whole, conflicts = lb.figures().region(i)
                if not conflicts:
                    entry.figures.update(whole)
            entry.parts.append(RegionPart(province, lb.figures().part(i), lb.path))
    rows = tuple(
        RegionRow(
            e.naam,
            tuple(sorted(e.spans.values(), key=lambda p: order[p.code])),
            e.figures,
            tuple(e.parts),
        )
        for e in found.values()
    )
    with_regions = tuple(p for p in PROVINCES if any(part.province == p for r in rows for part in r.parts))
    return RegionTable(rows, with_regions)

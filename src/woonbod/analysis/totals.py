"""Add up one segment over the provinces, held against the round's national target.

The national figure is the sum of the per-province figures as shown (each rounded to whole
homes), so a reader can add up the table and get the national row. It is only called the
national figure when every province reported; otherwise it is a partial sum that says how
many provinces it covers and which are missing, and it is held only against the same
provinces' own totaal, never against the national target. A sum that includes an approximate
figure is approximate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from woonbod.formatting import homes
from woonbod.loading.loader import LoadedBid, bids_by_province, unusable_by_province
from woonbod.model.derive import Figure, derive
from woonbod.model.models import CorporatieDoel, Doelen, Ronde
from woonbod.model.provinces import PROVINCES, Province
from woonbod.model.quantities import APPROX_TOLERANCE, Amount
from woonbod.model.vocabulary import SEGMENTS

# unknown: the bid does not say; unpublished: the same in a closed round, where it means the
# figure was not published (never "missing").
Status = Literal["given", "derived", "unknown", "unpublished", "invalid", "missing"]


def segment_label(segment: str) -> str:
    """`sociale_huur` as people write it: `sociale huur`."""
    return segment.replace("_", " ")


@dataclass(frozen=True, slots=True)
class ProvinceFigure:
    """One province's figure for one segment, or why there is none."""

    province: Province
    path: str | None
    status: Status
    low: int | None = None
    high: int | None = None  # equal to low for a single number; None with a low: open-ended
    how: str | None = None  # given, share, sum, difference
    approx: bool = False  # the figure is approximate ({ca: …} somewhere in its making)

    @property
    def known(self) -> bool:
        return self.low is not None

    @property
    def is_range(self) -> bool:
        return self.known and self.high != self.low

    def record(self) -> dict[str, object]:
        """As a plain record (JSON, the library's ``records()``): ``value`` only for a single
        number, ``range`` True for a range or an open-ended figure (then ``value`` is None and
        ``min``/``max`` hold it; ``max`` None: open-ended or unknown)."""
        return {
            "provincie": self.province.name,
            "code": self.province.iso,
            "file": self.path,
            "status": self.status,
            "value": self.low if self.known and not self.is_range else None,
            "range": self.is_range,
            "min": self.low,
            "max": self.high if self.known else None,
            "how": self.how,
            "approximate": self.approx,
        }


@dataclass(frozen=True, slots=True)
class Target:
    """The national target for a segment; derived when the round gives it as a share; ``note``
    names its parts when the round gives it per segment (the corporations' agreement)."""

    value: int
    derived: bool
    note: str = ""


@dataclass(frozen=True, slots=True)
class SegmentTotal:
    """A segment added up over the provinces that reported it."""

    segment: str
    rows: tuple[ProvinceFigure, ...]
    low: int
    high: int | None
    target: Target | None
    basis_totaal: int | None  # the totaal of the same provinces, for "share of their totaal"
    of_totaal: tuple[Fraction | None, ...]  # each province's figure as a share of its own totaal
    # whether each of those shares is approximate (the figure or the totaal is); the same for
    # the reporting provinces' totaal as a whole
    of_totaal_approx: tuple[bool, ...] = ()
    basis_approx: bool = False

    @property
    def known(self) -> int:
        return sum(1 for r in self.rows if r.known)

    @property
    def complete(self) -> bool:
        return self.known == len(self.rows)

    @property
    def missing(self) -> list[str]:
        return [r.province.name for r in self.rows if not r.known]

    @property
    def unpublished(self) -> bool:
        """Every province without a figure has a bid that did not publish it (a closed round)."""
        return all(r.status == "unpublished" for r in self.rows if not r.known)

    @property
    def derived(self) -> bool:
        return any(r.known and r.status == "derived" for r in self.rows)

    @property
    def approx(self) -> bool:
        """The sum includes an approximate figure."""
        return any(r.known and r.approx for r in self.rows)

    def tolerance(self) -> Fraction:
        """How far the sum may be off: the tolerance of each approximate figure in it."""
        return sum(
            (
                APPROX_TOLERANCE * (r.high if r.high is not None else r.low or 0)
                for r in self.rows
                if r.approx
            ),
            start=Fraction(0),
        )

    @property
    def is_range(self) -> bool:
        return self.high != self.low

    def share_of_target(self) -> Fraction | None:
        """The national figure as a share of the target; None for a partial sum, which is never
        set against the national target (it covers only some provinces)."""
        if self.target is None or self.target.value == 0 or not self.complete:
            return None
        return Fraction(self.low, self.target.value)

    def share_of_own_totaal(self) -> Fraction | None:
        """The sum as a share of the same provinces' totaal."""
        if not self.basis_totaal or self.known == 0:
            return None
        return Fraction(self.low, self.basis_totaal)

    @property
    def own_share_approx(self) -> bool:
        """The share of the provinces' own totaal is approximate: the sum or that totaal is."""
        return self.approx or self.basis_approx

    def share_approx(self, index: int) -> bool:
        """Province ``index``'s share of its own totaal is approximate."""
        return index < len(self.of_totaal_approx) and self.of_totaal_approx[index]

    def difference(self) -> int | None:
        """Sum minus target, only when every province reported a single number."""
        if self.target is None or not self.complete or self.is_range:
            return None
        return self.low - self.target.value


def bid_figures(lb: LoadedBid) -> dict[str, Figure]:
    """All figures a valid bid gives or implies."""
    figures, conflicts = lb.figures().own()
    return {} if conflicts else figures


def province_figures(
    bids: Sequence[LoadedBid], segment: str, closed: bool = False
) -> tuple[ProvinceFigure, ...]:
    """One row per province, in the fixed order of the provinces (``closed``: the round is
    closed, so a figure a bid does not give was not published)."""
    first = bids_by_province(bids)
    invalid = unusable_by_province(bids)
    rows: list[ProvinceFigure] = []
    for province in PROVINCES:
        found = first.get(province.code)
        if found is None:
            path = invalid.get(province.code)
            rows.append(ProvinceFigure(province, path, "missing" if path is None else "invalid"))
            continue
        figure = bid_figures(found).get(segment)
        if figure is None:
            rows.append(ProvinceFigure(province, found.path, "unpublished" if closed else "unknown"))
            continue
        low, high = figure.rounded()
        status: Status = "derived" if figure.derived else "given"
        rows.append(ProvinceFigure(province, found.path, status, low, high, figure.how, figure.approx))
    return tuple(rows)


def national_targets(doelen: Doelen) -> dict[str, Target]:
    """The targets the round states, per segment; one given as a share of the total target is
    marked derived. A figure that only follows from other targets (overig = totaal − betaalbaar)
    is no policy target and is left out."""
    written: dict[str, Amount] = {
        k: v for k, v in doelen if k not in ("totaal", "corporaties") and v is not None
    }
    figures, _ = derive(doelen.totaal, written)
    # A target of 0 (a share of a total that rounds to nothing) is no target: the round model
    # refuses one written, and a derived one is left out, so no renderer divides by it.
    targets = {
        node: Target(figure.rounded()[0], figure.derived)
        for node, figure in figures.items()
        if figure.is_point and figure.how in ("given", "share") and figure.rounded()[0] > 0
    }
    corporaties = doelen.corporaties
    if isinstance(corporaties, CorporatieDoel):
        parts = [
            f"{homes(c.value)} {segment_label(k)}"
            for k, c in (("sociale_huur", corporaties.sociale_huur), ("middenhuur", corporaties.middenhuur))
            if c is not None
        ]
        targets["corporaties"] = Target(corporaties.total(), False, " + ".join(parts))
    elif corporaties is not None:
        figure, _ = derive(doelen.totaal, {"corporaties": corporaties})
        found = figure.get("corporaties")
        if found is not None and found.is_point and found.rounded()[0] > 0:
            targets["corporaties"] = Target(found.rounded()[0], found.derived)
    return targets


def sum_segment(bids: Sequence[LoadedBid], ronde: Ronde, segment: str) -> SegmentTotal:
    """The segment over all provinces, with coverage and the national target."""
    rows = province_figures(bids, segment, ronde.closed)
    known = [r for r in rows if r.known]
    low = sum(r.low or 0 for r in known)
    high = None if any(r.high is None for r in known) else sum(r.high or 0 for r in known)
    totaal_rows = {r.province.code: r for r in province_figures(bids, "totaal")}
    basis = [totaal_rows[r.province.code] for r in known]
    basis_totaal = (
        sum(b.low or 0 for b in basis)
        if basis and all(b.known and not b.is_range for b in basis) and not any(r.is_range for r in known)
        else None
    )
    of_totaal = tuple(
        Fraction(r.low, t.low) if r.low is not None and not r.is_range and t.low and not t.is_range else None
        for r, t in zip(rows, totaal_rows.values(), strict=True)
    )
    of_totaal_approx = tuple(
        share is not None and (r.approx or t.approx)
        for r, t, share in zip(rows, totaal_rows.values(), of_totaal, strict=True)
    )
    target = national_targets(ronde.doelen).get(segment)
    basis_approx = any(b.approx for b in basis)
    return SegmentTotal(
        segment, rows, low, high, target, basis_totaal, of_totaal, of_totaal_approx, basis_approx
    )


def sum_all(bids: Sequence[LoadedBid], ronde: Ronde) -> list[SegmentTotal]:
    """Every segment, in the order of the segment tree."""
    return [sum_segment(bids, ronde, s) for s in SEGMENTS]

"""Everything the report shows, computed once from a dataset (drawn by render.report and render.svg)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from woonbod.analysis.gaps import GapReport, find_gaps
from woonbod.analysis.knelpunten import KnelpuntMatrix, build_matrix
from woonbod.analysis.need import NeedComparison, compare_need
from woonbod.analysis.regions import RegionTable, list_regions
from woonbod.analysis.totals import ProvinceFigure, SegmentTotal, bid_figures, segment_label, sum_all
from woonbod.formatting import homes, round_half_up, span
from woonbod.i18n import _
from woonbod.loading.loader import Dataset, bids_by_province, unusable_by_province
from woonbod.model.derive import Figure
from woonbod.model.provinces import PROVINCES
from woonbod.problems import Problem

# The finest split of a bid's totaal that its figures allow, finest first.
_SPLITS = (
    ("sociale_huur", "middenhuur", "betaalbare_koop", "overig"),
    ("sociale_huur", "middensegment", "overig"),
    ("betaalbaar", "overig"),
)


@dataclass(frozen=True, slots=True)
class TargetBar:
    """One row of a bars-against-targets chart."""

    label: str
    value: int | None
    target: int | None
    note: str  # e.g. "12 of 12 provinces" or "3 of 12 provinces — partial sum, not the national figure"
    complete: bool
    approx: bool = False
    target_derived: bool = False  # the target comes from a share in the round file
    unpublished: bool = False  # no figure because none was published (a closed round), not unknown


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a province's bar: a segment, its homes, and whether it is derived or about."""

    key: str
    value: int
    derived: bool = False
    approx: bool = False


@dataclass(frozen=True, slots=True)
class Stack:
    """One province's bar: its parts in order."""

    label: str
    parts: tuple[Part, ...]
    total: int | None
    note: str = ""
    shown: str | None = None  # the figure as written, when it is not the one number ``total`` (a range)


@dataclass(frozen=True, slots=True)
class Source:
    """A source URL named by a bid, and what it covers."""

    province: str
    url: str
    over: tuple[str, ...]
    titel: str | None


@dataclass(frozen=True, slots=True)
class ReportData:
    """The content of one report."""

    dataset: Dataset
    as_of: dt.date
    totals: list[SegmentTotal]
    gaps: GapReport
    knelpunten: KnelpuntMatrix
    stacks: list[Stack]
    map_segment: str
    map_values: dict[str, ProvinceFigure]  # by province code: the figure, or why there is none
    sources: list[Source]
    errors: int
    regions: RegionTable
    need: NeedComparison | None
    notes: list[tuple[str, str]]  # (province, toelichting): what the figures alone do not say

    @property
    def national(self) -> SegmentTotal:
        return self.totals[0]

    def gap_count(self) -> int:
        """What the gaps heading counts: in a closed round what was not published; in an open one
        what is still owed (due, missing, overdue: the items `status` counts as owed), never a
        bid already submitted late or a topic deferred too far, which are not owed but wrong."""
        if self.gaps.closed:
            return self.gaps.heading_count()
        owed = ("due", "missing", "overdue")
        return sum(1 for row in self.gaps.rows for cell in row.cells.values() if cell.state in owed)

    def target_bars(self) -> list[TargetBar]:
        """Each segment with a target (or any province reporting it) against that target."""
        rows = []
        for total in self.totals:
            if total.target is None and total.known == 0:
                continue
            note = provinces_known(total.known, len(total.rows))
            if total.known and not total.complete:
                note += " — " + _("partial sum, not the national figure")
            if total.derived:
                note += " — " + _("partly derived")
            if total.approx:
                note += " — " + _("approximate (ca.)")
            value = None if total.known == 0 else total.low
            target = None if total.target is None else total.target.value
            rows.append(
                TargetBar(
                    segment_label(total.segment),
                    value,
                    target,
                    note,
                    total.complete,
                    total.approx,
                    total.target is not None and total.target.derived,
                    total.unpublished,
                )
            )
        return rows


def provinces_known(known: int, count: int) -> str:
    """'3 of 12 provinces': how many provinces a sum rests on."""
    # Translators: {known} provinces have a figure, out of {count}.
    return _("{known} of {count} provinces").format(known=homes(known), count=homes(count))


def _stack(name: str, figures: dict[str, Figure]) -> Stack:
    total = figures.get("totaal")
    if total is None:
        return Stack(name, (), None, " " + _("(no total known)"))
    if not total.is_point:
        low, high = total.rounded()
        about = total.approx
        return Stack(
            name,
            (Part("onbekend", low, approx=about),),
            low,
            " " + _("(range)"),
            shown=span(low, high, approx=about),
        )
    whole = round_half_up(total.low)
    for split in _SPLITS:
        if all(key in figures and figures[key].is_point for key in split):
            parts = tuple(
                Part(key, round_half_up(figures[key].low), figures[key].derived, figures[key].approx)
                for key in split
            )
            approx = any(part.approx for part in parts)
            return Stack(name, parts, whole, " " + _("(split approximate, ca.)") if approx else "")
    return Stack(
        name, (Part("onbekend", whole, total.derived, total.approx),), whole, " " + _("(split unknown)")
    )


def build_report(
    dataset: Dataset, problems: list[Problem], as_of: dt.date, map_segment: str = "totaal"
) -> ReportData:
    """Run every stage once for the report, on a checked dataset (checks.validation.checked)."""
    totals = sum_all(dataset.bids, dataset.round.ronde)
    first = bids_by_province(dataset.bids)
    unusable = unusable_by_province(dataset.bids)
    stacks = []
    sources = []
    notes: list[tuple[str, str]] = []
    for province in PROVINCES:
        found = first.get(province.code)
        if found is None or found.bid is None:
            why = _("(file with errors)") if province.code in unusable else _("(no bid)")
            stacks.append(Stack(province.name, (), None, " " + why))
            continue
        stacks.append(_stack(province.name, bid_figures(found)))
        sources += [Source(province.name, b.url, tuple(b.over), b.titel) for b in found.bid.bronnen or ()]
        if found.bid.toelichting:
            notes.append((province.name, found.bid.toelichting.strip()))
    chosen = next(t for t in totals if t.segment == map_segment)
    map_values = {row.province.code: row for row in chosen.rows}
    return ReportData(
        dataset,
        as_of,
        totals,
        find_gaps(dataset, as_of),
        build_matrix(dataset.bids),
        stacks,
        map_segment,
        map_values,
        sources,
        sum(1 for p in problems if p.level.value == "error"),
        list_regions(dataset.bids),
        compare_need(dataset.bids, dataset.round.ronde),
        notes,
    )

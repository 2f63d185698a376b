"""What changed between two rounds, per province and nationally (e.g. June → October 2022)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from woonbod.analysis.totals import SegmentTotal, bid_figures, sum_segment
from woonbod.formatting import date, homes, span
from woonbod.i18n import _
from woonbod.loading.loader import Dataset, bids_by_province, unusable_by_province
from woonbod.model.derive import Figure
from woonbod.model.models import Bid, Uitstel
from woonbod.model.provinces import PROVINCES, Province
from woonbod.model.quantities import Count
from woonbod.model.regions import part_figures, region_key
from woonbod.model.vocabulary import SEGMENTS, TOPICS

COMPARED = tuple(s for s in SEGMENTS if s != "overig")  # overig follows from the others


def show(figure: Figure | None, unknown: str | None = None) -> str:
    """A figure as text: 18 000, 153 000–225 000, ≥ 90 000, ca. 11 000, or unknown (``unknown``:
    "not published" for a bid of a closed round)."""
    if figure is None:
        return _("unknown") if unknown is None else unknown
    return span(*figure.rounded(), derived=figure.derived, approx=figure.approx)


@dataclass(frozen=True, slots=True)
class Change:
    """One thing that changed: what, from, to, and the difference where both are numbers."""

    what: str
    old: str
    new: str
    delta: int | None = None
    approx: bool = False  # either side is "ca.": so is the difference


@dataclass(slots=True)
class ProvinceDiff:
    """The changes of one province; ``presence`` is 'both', 'added' or 'removed' (a bid file in
    only one of the rounds), 'invalid-earlier', 'invalid-later' or 'invalid-both' (a bid file
    there, with errors: nothing to compare, ``paths`` names it), or 'not-compared' (a side given
    as a file, not a folder, that does not include this province). A bid in both whose figures
    were not published in the earlier round is 'both', with its figures shown as "not published"."""

    province: Province
    presence: str
    changes: list[Change] = field(default_factory=list)
    paths: tuple[str, ...] = ()  # the files with errors, for an 'invalid-…' presence


@dataclass(frozen=True, slots=True)
class RoundDiff:
    """Every province's changes and the national totaal in both rounds."""

    old_name: str
    new_name: str
    provinces: list[ProvinceDiff]
    old_total: SegmentTotal
    new_total: SegmentTotal


def _about(before: Figure | None, after: Figure | None, delta: int | None) -> bool:
    """A difference is approximate when either figure it is taken from is."""
    return delta is not None and any(f is not None and f.approx for f in (before, after))


def _topic(bid: Bid | None, topic: str, closed: bool = False) -> str:
    value = None if bid is None or bid.onderwerpen is None else getattr(bid.onderwerpen, topic)
    if isinstance(value, Count):
        return homes(value.value)
    if isinstance(value, Uitstel):
        return _("deferred until {date}").format(date=date(value.uitgesteld_tot))
    return _("not published") if closed and bid is not None else _("not given")


def _knelpunten(bid: Bid | None) -> dict[str, tuple[int | None, int | None]]:
    """Per bottleneck: homes at stake and extra homes offered (kept apart, never added); None
    where the bid gives no number."""
    found: dict[str, tuple[int | None, int | None]] = {}
    for knelpunt in (bid.knelpunten or []) if bid is not None else []:
        at_stake, extra = found.get(knelpunt.soort, (None, None))
        if knelpunt.woningen is not None:
            at_stake = (at_stake or 0) + knelpunt.woningen.value
        if knelpunt.extra_woningen is not None:
            extra = (extra or 0) + knelpunt.extra_woningen.value
        found[knelpunt.soort] = (at_stake, extra)
    return found


def _stake(value: tuple[int | None, int | None]) -> str:
    at_stake, extra = value
    parts = [] if at_stake is None else [_("{n} homes at stake").format(n=homes(at_stake))]
    if extra is not None:
        parts.append(_("{n} extra homes offered on conditions").format(n=homes(extra)))
    return ", ".join(parts) or _("named, no number of homes")


def _submitted(bid: Bid | None, closed: bool) -> str:
    if bid is None or bid.ingediend is None:
        return _("submitted, date not published") if bid is not None and closed else _("not recorded")
    if bid.ingediend == "onbekend":
        return _("submitted, date not published")
    return date(bid.ingediend)


def _compare(
    old: Bid | None,
    new: Bid | None,
    old_figures: dict[str, Figure],
    new_figures: dict[str, Figure],
    closed: tuple[bool, bool] = (False, False),
) -> list[Change]:
    changes: list[Change] = []
    # Unknown in a bid of a closed round means not published; without a bid it is just unknown.
    unknown_old, unknown_new = (
        _("not published") if c and bid is not None else _("unknown")
        for c, bid in zip(closed, (old, new), strict=True)
    )
    for segment in COMPARED:
        before, after = old_figures.get(segment), new_figures.get(segment)
        if before is None and after is None:
            continue
        if show(before, unknown_old) != show(after, unknown_new):
            delta = None
            if before is not None and after is not None and before.is_point and after.is_point:
                delta = after.rounded()[0] - before.rounded()[0]
            changes.append(
                Change(
                    segment,
                    show(before, unknown_old),
                    show(after, unknown_new),
                    delta,
                    _about(before, after, delta),
                )
            )
    if old is not None and new is not None and old.ronde != new.ronde:
        changes.append(Change("ronde", old.ronde, new.ronde))
    old_date, new_date = _submitted(old, closed[0]), _submitted(new, closed[1])
    dated = any(b is not None and isinstance(b.ingediend, dt.date) for b in (old, new))
    if old_date != new_date and dated:  # "date not published" and "not recorded": no date either way
        changes.append(Change("ingediend", old_date, new_date))
    before_k, after_k = _knelpunten(old), _knelpunten(new)
    for soort in sorted(set(before_k) | set(after_k)):
        if soort not in before_k:
            added = _("added ({what})").format(what=_stake(after_k[soort]))
            changes.append(Change(f"knelpunt {soort}", "—", added))
        elif soort not in after_k:
            # Only a bid that lists its knelpunten can say one is gone; absent is unknown. Even
            # then, a bottleneck no longer named is not known to be resolved.
            listed = new is not None and new.knelpunten is not None
            gone = _("no longer named") if listed else _("not listed")
            changes.append(Change(f"knelpunt {soort}", _stake(before_k[soort]), gone))
        elif before_k[soort] != after_k[soort]:
            (old_at, old_extra), (new_at, new_extra) = before_k[soort], after_k[soort]
            same_extra = old_extra == new_extra
            delta = new_at - old_at if old_at is not None and new_at is not None and same_extra else None
            changes.append(
                Change(f"knelpunt {soort}", _stake(before_k[soort]), _stake(after_k[soort]), delta)
            )
    changes += _compare_regions(old, new)
    for topic in TOPICS:
        before_t, after_t = _topic(old, topic, closed[0]), _topic(new, topic, closed[1])
        if before_t != after_t and {before_t, after_t} != {_("not given"), _("not published")}:
            changes.append(Change(topic, before_t, after_t))
    return changes


def _regions(bid: Bid | None) -> dict[str, tuple[str, Figure | None]]:
    """Each region's label and what it gives the province: the whole region when it lies
    inside, the province's part when it crosses a border."""
    found: dict[str, tuple[str, Figure | None]] = {}
    for regio in (bid.regios or []) if bid is not None else []:
        assert bid is not None
        label = f"regio {regio.naam}"
        if regio.crosses_border(bid.provincie):
            label = _("regio {region} (part in {province})").format(
                region=regio.naam, province=bid.provincie.name
            )
        found[region_key(regio.naam)] = (label, part_figures(regio, bid.provincie).get("totaal"))
    return found


def _compare_regions(old: Bid | None, new: Bid | None) -> list[Change]:
    """Regions added or dropped, or giving the province another totaal."""
    before, after = _regions(old), _regions(new)
    changes: list[Change] = []
    for key in [*before, *(k for k in after if k not in before)]:
        if key not in after:
            changes.append(Change(before[key][0], show(before[key][1]), _("not listed")))
        elif key not in before:
            figure = after[key][1]
            changes.append(
                Change(
                    after[key][0],
                    _("not listed"),
                    _("listed, figure unknown") if figure is None else show(figure),
                )
            )
        elif show(before[key][1]) != show(after[key][1]):
            b, a = before[key][1], after[key][1]
            delta = None
            if b is not None and a is not None and b.is_point and a.is_point:
                delta = a.rounded()[0] - b.rounded()[0]
            changes.append(Change(after[key][0], show(b), show(a), delta, _about(b, a, delta)))
    return changes


def diff_rounds(old: Dataset, new: Dataset, partial: tuple[bool, bool] = (False, False)) -> RoundDiff:
    """Compare two rounds province by province. ``partial``: a side is a file named, not a
    folder; a province without a file on that side is not compared (it is not known removed)."""
    old_bids, new_bids = bids_by_province(old.bids), bids_by_province(new.bids)
    old_bad, new_bad = unusable_by_province(old.bids), unusable_by_province(new.bids)
    provinces: list[ProvinceDiff] = []
    for province in PROVINCES:
        before, after = old_bids.get(province.code), new_bids.get(province.code)
        bad = (old_bad.get(province.code), new_bad.get(province.code))
        there = (before is not None or bad[0] is not None, after is not None or bad[1] is not None)
        if not any(there):
            continue
        if any(p and not t for p, t in zip(partial, there, strict=True)):
            provinces.append(ProvinceDiff(province, "not-compared"))
            continue
        invalid = (before is None and bad[0] is not None, after is None and bad[1] is not None)
        if any(invalid):
            which = "both" if all(invalid) else ("earlier" if invalid[0] else "later")
            paths = tuple(p for p, i in zip(bad, invalid, strict=True) if i and p is not None)
            provinces.append(ProvinceDiff(province, f"invalid-{which}", paths=paths))
            continue
        presence = "both" if before and after else ("added" if after else "removed")
        changes = _compare(
            before.bid if before else None,
            after.bid if after else None,
            bid_figures(before) if before else {},
            bid_figures(after) if after else {},
            (old.round.ronde.closed, new.round.ronde.closed),
        )
        provinces.append(ProvinceDiff(province, presence, changes))
    return RoundDiff(
        old.round.ronde.naam or (str(old.folders[0]) if old.folders else _("old")),
        new.round.ronde.naam or (str(new.folders[0]) if new.folders else _("new")),
        provinces,
        sum_segment(old.bids, old.round.ronde, "totaal"),
        sum_segment(new.bids, new.round.ronde, "totaal"),
    )

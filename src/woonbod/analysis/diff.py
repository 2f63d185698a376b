"""What changed between two rounds, per province and nationally (e.g. June → October 2022)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

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


# A value as a program reads it: a whole number, {"min", "max"} (max None: open-ended), an ISO
# date, {"homes_at_stake", "extra_homes_offered"} for a knelpunt, a round kind, or None.
Value = int | str | dict[str, int | None] | None


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a change as a program reads it, the same in every language. ``state``: given,
    derived (worked out from what the bid gives), deferred (``value`` the ISO date), unpublished
    (unknown in a bid of a closed round), unknown (not given in an open round), not-listed (the
    bid lists its regions or knelpunten, not this one) or absent (no bid on this side)."""

    state: str
    value: Value = None
    approx: bool = False


ABSENT = Side("absent")


@dataclass(frozen=True, slots=True)
class Change:
    """One thing that changed: what, from, to (as text for people), the difference where both
    are numbers, and both sides as values (``before``, ``after``); ``kind`` (segment, ronde,
    ingediend, knelpunt, region, topic) and ``key`` name the item, ``part`` a region's part in
    this province when it crosses the border."""

    what: str
    old: str
    new: str
    delta: int | None = None
    approx: bool = False  # either side is "ca.": so is the difference
    before: Side = ABSENT
    after: Side = ABSENT
    kind: str = ""
    key: str = ""
    part: bool = False


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


def _missing(bid: Bid | None, closed: bool) -> Side:
    """What is not there: no bid; in a bid of a closed round, not published; else unknown."""
    if bid is None:
        return ABSENT
    return Side("unpublished" if closed else "unknown")


def _figure_side(figure: Figure | None, bid: Bid | None, closed: bool) -> Side:
    if figure is None:
        return _missing(bid, closed)
    low, high = figure.rounded()
    value: Value = low if figure.is_point else {"min": low, "max": high}
    return Side("derived" if figure.derived else "given", value, figure.approx)


def _unknown_text(side: Side) -> str:
    """A figure that is not there, in words: "not published" in a bid of a closed round."""
    return _("not published") if side.state == "unpublished" else _("unknown")


def _figure_change(
    what: str, figures: tuple[Figure | None, Figure | None], sides: tuple[Side, Side], kind: str, key: str
) -> Change | None:
    """The change of one figure, or None when it reads the same in both rounds."""
    before, after = figures
    old, new = (show(f, _unknown_text(s)) for f, s in zip(figures, sides, strict=True))
    if old == new:
        return None
    delta = None
    if before is not None and after is not None and before.is_point and after.is_point:
        delta = after.rounded()[0] - before.rounded()[0]
    return Change(what, old, new, delta, _about(before, after, delta), *sides, kind, key)


def _topic(bid: Bid | None, topic: str, closed: bool = False) -> tuple[str, Side]:
    value = None if bid is None or bid.onderwerpen is None else getattr(bid.onderwerpen, topic)
    if isinstance(value, Count):
        return homes(value.value), Side("given", value.value, value.approx)
    if isinstance(value, Uitstel):
        until = value.uitgesteld_tot
        return _("deferred until {date}").format(date=date(until)), Side("deferred", until.isoformat())
    side = _missing(bid, closed)
    return (_("not published") if side.state == "unpublished" else _("not given")), side


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


def _stake_side(value: tuple[int | None, int | None]) -> Side:
    return Side("given", {"homes_at_stake": value[0], "extra_homes_offered": value[1]})


def _unnamed(bid: Bid | None, closed: bool) -> Side:
    """A knelpunt a bid does not name: not listed when the bid lists its knelpunten."""
    if bid is not None and bid.knelpunten is not None:
        return Side("not-listed")
    return _missing(bid, closed)


def _submitted(bid: Bid | None, closed: bool) -> tuple[str, Side]:
    if bid is None or bid.ingediend is None:
        side = _missing(bid, closed)
        if side.state == "unpublished":
            return _("submitted, date not published"), side
        return _("not recorded"), side
    if bid.ingediend == "onbekend":
        return _("submitted, date not published"), Side("unpublished")
    return date(bid.ingediend), Side("given", bid.ingediend.isoformat())


def _compare(
    old: Bid | None,
    new: Bid | None,
    old_figures: dict[str, Figure],
    new_figures: dict[str, Figure],
    closed: tuple[bool, bool] = (False, False),
) -> list[Change]:
    changes: list[Change] = []
    # Unknown in a bid of a closed round means not published; without a bid it is just unknown.
    for segment in COMPARED:
        before, after = old_figures.get(segment), new_figures.get(segment)
        if before is None and after is None:
            continue
        sides = (_figure_side(before, old, closed[0]), _figure_side(after, new, closed[1]))
        change = _figure_change(segment, (before, after), sides, "segment", segment)
        if change is not None:
            changes.append(change)
    if old is not None and new is not None and old.ronde != new.ronde:
        ronde = (Side("given", old.ronde), Side("given", new.ronde))
        changes.append(Change("ronde", old.ronde, new.ronde, None, False, *ronde, "ronde", "ronde"))
    (old_date, old_side), (new_date, new_side) = _submitted(old, closed[0]), _submitted(new, closed[1])
    dated = any(b is not None and isinstance(b.ingediend, dt.date) for b in (old, new))
    if old_date != new_date and dated:  # "date not published" and "not recorded": no date either way
        changes.append(
            Change("ingediend", old_date, new_date, None, False, old_side, new_side, "ingediend", "ingediend")
        )
    changes += _compare_knelpunten(old, new, closed)
    changes += _compare_regions(old, new, closed)
    for topic in TOPICS:
        (before_t, old_side), (after_t, new_side) = (
            _topic(old, topic, closed[0]),
            _topic(new, topic, closed[1]),
        )
        if before_t != after_t and {before_t, after_t} != {_("not given"), _("not published")}:
            changes.append(Change(topic, before_t, after_t, None, False, old_side, new_side, "topic", topic))
    return changes


def _compare_knelpunten(old: Bid | None, new: Bid | None, closed: tuple[bool, bool]) -> list[Change]:
    """Knelpunten named, dropped, or with other numbers of homes."""
    changes: list[Change] = []
    before_k, after_k = _knelpunten(old), _knelpunten(new)
    for soort in sorted(set(before_k) | set(after_k)):
        what = f"knelpunt {soort}"
        if soort not in before_k:
            added = _("added ({what})").format(what=_stake(after_k[soort]))
            sides = (_unnamed(old, closed[0]), _stake_side(after_k[soort]))
            changes.append(Change(what, "—", added, None, False, *sides, "knelpunt", soort))
        elif soort not in after_k:
            # Only a bid that lists its knelpunten can say one is gone; absent is unknown (in a
            # closed round: not published). Even then, a bottleneck no longer named is not known
            # to be resolved.
            side = _unnamed(new, closed[1])
            gone = {"not-listed": _("no longer named"), "unpublished": _("not published")}.get(
                side.state, _("not listed")
            )
            sides = (_stake_side(before_k[soort]), side)
            changes.append(
                Change(what, _stake(before_k[soort]), gone, None, False, *sides, "knelpunt", soort)
            )
        elif before_k[soort] != after_k[soort]:
            (old_at, old_extra), (new_at, new_extra) = before_k[soort], after_k[soort]
            same_extra = old_extra == new_extra
            delta = new_at - old_at if old_at is not None and new_at is not None and same_extra else None
            sides = (_stake_side(before_k[soort]), _stake_side(after_k[soort]))
            texts = (_stake(before_k[soort]), _stake(after_k[soort]))
            changes.append(Change(what, *texts, delta, False, *sides, "knelpunt", soort))
    return changes


def _regions(bid: Bid | None) -> dict[str, tuple[str, Figure | None, str, bool]]:
    """Each region's label, what it gives the province (the whole region when it lies inside,
    the province's part when it crosses a border), its name, and whether it crosses."""
    found: dict[str, tuple[str, Figure | None, str, bool]] = {}
    for regio in (bid.regios or []) if bid is not None else []:
        assert bid is not None
        label = f"regio {regio.naam}"
        crosses = regio.crosses_border(bid.provincie)
        if crosses:
            label = _("regio {region} (part in {province})").format(
                region=regio.naam, province=bid.provincie.name
            )
        figure = part_figures(regio, bid.provincie).get("totaal")
        found[region_key(regio.naam)] = (label, figure, regio.naam, crosses)
    return found


def _compare_regions(
    old: Bid | None, new: Bid | None, closed: tuple[bool, bool] = (False, False)
) -> list[Change]:
    """Regions added or dropped, or giving the province another totaal; a region's figure that
    is unknown in a bid of a closed round was not published."""
    before, after = _regions(old), _regions(new)
    changes: list[Change] = []
    for key in [*before, *(k for k in after if k not in before)]:
        label, _figure, naam, crosses = after[key] if key in after else before[key]
        b, a = (before[key][1] if key in before else None), (after[key][1] if key in after else None)
        sides = (
            _figure_side(b, old, closed[0]) if key in before else Side("not-listed"),
            _figure_side(a, new, closed[1]) if key in after else Side("not-listed"),
        )
        if key not in after:
            old_text = show(b, _unknown_text(sides[0]))
            changes.append(
                Change(label, old_text, _("not listed"), None, False, *sides, "region", naam, crosses)
            )
        elif key not in before:
            if a is not None:
                new_text = show(a)
            elif sides[1].state == "unpublished":
                new_text = _("listed, figure not published")
            else:
                new_text = _("listed, figure unknown")
            changes.append(
                Change(label, _("not listed"), new_text, None, False, *sides, "region", naam, crosses)
            )
        else:
            change = _figure_change(label, (b, a), sides, "region", naam)
            if change is not None:
                changes.append(replace(change, part=crosses))
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

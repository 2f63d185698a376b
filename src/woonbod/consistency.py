"""Checks inside one bid: parts add up to their wholes, and nothing exceeds what contains it."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Iterator
from fractions import Fraction

from woonbod.derive import Conflict, derive, written_amounts
from woonbod.formatting import homes, quoted
from woonbod.loader import LoadedBid
from woonbod.models import SEGMENT_KEYS, TOPICS, Bid, Periode, Ronde, parse_period
from woonbod.problems import Problem
from woonbod.quantities import Count, Range
from woonbod.regions import part_figures
from woonbod.rules import level_of
from woonbod.yamlsource import Path_, dotted

BidCheck = Callable[[LoadedBid, Bid, Ronde], Iterator[Problem]]


def _node_path(prefix: Path_, node: str) -> Path_:
    if node in ("totaal", "corporaties"):
        return (*prefix, node)
    return (*prefix, "segmenten", node)


def _conflict_problems(lb: LoadedBid, prefix: Path_, conflicts: list[Conflict]) -> Iterator[Problem]:
    label = f"regios{dotted(prefix[1:])}: " if prefix else ""
    for conflict in conflicts:
        yield lb.problem(
            _node_path(prefix, conflict.node),
            conflict.rule,
            level_of(conflict.rule),
            label + conflict.message,
            "make the parts add up to the whole, or leave the derived one out (null)",
        )


def check_segments(lb: LoadedBid, bid: Bid, ronde: Ronde) -> Iterator[Problem]:
    """Segments given next to their whole add up to it, and none exceeds totaal."""
    _, conflicts = derive(bid.totaal, written_amounts(bid.segmenten, bid.corporaties))
    yield from _conflict_problems(lb, (), conflicts)
    for i, regio in enumerate(bid.regios or ()):
        _, conflicts = derive(regio.totaal, written_amounts(regio.segmenten, regio.corporaties))
        yield from _conflict_problems(lb, ("regios", i), conflicts)


def check_fasering(lb: LoadedBid, bid: Bid, ronde: Ronde) -> Iterator[Problem]:
    """The fasering's periods do not overlap and add up to totaal."""
    if not bid.fasering:
        return
    periods = sorted(bid.fasering, key=lambda p: (p.start, p.end))
    for before, after in itertools.pairwise(periods):
        if after.start <= before.end:
            yield lb.problem(
                ("fasering", _key_text(lb, after)),
                "fasering-overlap",
                level_of("fasering-overlap"),
                f"the fasering periods {before} and {after} overlap",
                "split the years so that each year is in one period",
            )
    total = sum(c.value for c in bid.fasering.values())
    if isinstance(bid.totaal, Count) and total != bid.totaal.value:
        yield lb.problem(
            ("fasering",),
            "fasering-sum",
            level_of("fasering-sum"),
            f"the fasering adds up to {homes(total)}, but totaal is {homes(bid.totaal.value)}",
            "make the periods add up to totaal",
        )


def _key_text(lb: LoadedBid, period: Periode) -> str:
    """The fasering key as it was written (a period or a year), to find its line."""
    for path in lb.doc.key_at if lb.doc is not None else ():
        if len(path) == 2 and path[0] == "fasering":
            with contextlib.suppress(ValueError):
                if parse_period(path[1]) == period:
                    return str(path[1])
    return str(period)


def check_regios(lb: LoadedBid, bid: Bid, ronde: Ronde) -> Iterator[Problem]:
    """What the regions give the province adds up to no more than the province, in totaal and in
    every segment; a cross-border region counts with its toegerekend part only."""
    regios = bid.regios or []
    if not regios:
        return
    own, _ = derive(bid.totaal, written_amounts(bid.segmenten, bid.corporaties))
    parts = [part_figures(r, bid.provincie) for r in regios]
    for node in ("totaal", *SEGMENT_KEYS, "corporaties"):
        whole = own.get(node)
        figures = [p.get(node) for p in parts]
        if whole is None or not whole.is_point or any(f is not None and not f.is_point for f in figures):
            continue
        known = [f for f in figures if f is not None]
        if not known:
            continue
        total = sum(f.low for f in known)
        slack: Fraction | int = len(known) if whole.from_share or any(f.from_share for f in known) else 0
        slack += whole.tolerance() + sum((f.tolerance() for f in known), start=0)
        label = node.replace("_", " ")
        some = (
            ""
            if len(known) == len(figures)
            else f" (the {len(known)} of {len(figures)} regions that give it)"
        )
        if total - whole.low > slack:
            yield lb.problem(
                ("regios",),
                "regios-sum",
                level_of("regios-sum"),
                f"the regions' {label} adds up to {homes(total)}{some}, more than the province's "
                f"{homes(whole.low)}",
                "correct the regions or the province figure; a region that crosses a province border "
                "counts only with its toegerekend part",
            )
        elif len(known) == len(figures) and whole.low - total > slack:
            yield lb.problem(
                ("regios",),
                "regios-short",
                level_of("regios-short"),
                f"the regions' {label} adds up to {homes(total)} of the province's {homes(whole.low)}: "
                f"{homes(whole.low - total)} not assigned to a region",
                "kept as published; if the source's regions do cover the whole province, correct them",
            )


def check_regio_grens(lb: LoadedBid, bid: Bid, ronde: Ronde) -> Iterator[Problem]:
    """A cross-border region names the bid's own province, and only such a region gives a
    toegerekend part, no larger than the region."""
    own = bid.provincie
    for i, regio in enumerate(bid.regios or ()):
        if regio.provincies is not None and all(p.code != own.code for p in regio.provincies):
            listed = ", ".join(p.name for p in regio.provincies)
            yield lb.problem(
                ("regios", i, "provincies"),
                "regio-provincies",
                level_of("regio-provincies"),
                f"region {quoted(regio.naam)} lists the provinces {listed}, "
                f"but not {own.name}, whose bid this is",
                f"add {own.name} to provincies, or move the region to the bid of a province it lies in",
            )
        if regio.toegerekend is None:
            continue
        if not regio.crosses_border(own):
            yield lb.problem(
                ("regios", i, "toegerekend"),
                "regio-toegerekend",
                level_of("regio-toegerekend"),
                f"region {quoted(regio.naam)} gives a toegerekend part, but lies wholly in {own.name}: "
                "provincies names no other province",
                "list every province the region spans under provincies, or drop toegerekend",
            )
            continue
        deel = regio.deel()
        part = None if deel is None or deel.totaal is None else deel.totaal.value
        if part is not None and isinstance(regio.totaal, Count) and part > regio.totaal.value:
            yield lb.problem(
                ("regios", i, "toegerekend"),
                "regio-toegerekend",
                level_of("regio-toegerekend"),
                f"the part of region '{regio.naam}' in {own.name} ({homes(part)}) is "
                f"larger than the whole region ({homes(regio.totaal.value)})",
                "totaal is the whole region's figure, toegerekend the part in this province",
            )


def check_range(lb: LoadedBid, bid: Bid, ronde: Ronde) -> Iterator[Problem]:
    """A definitive bid gives numbers, not {min, max} ranges."""
    if bid.ronde != "definitief":
        return
    ranged: list[Path_] = []
    if isinstance(bid.totaal, Range):
        ranged.append(("totaal",))
    for key in SEGMENT_KEYS:
        if bid.segmenten is not None and isinstance(getattr(bid.segmenten, key), Range):
            ranged.append(("segmenten", key))
    if isinstance(bid.corporaties, Range):
        ranged.append(("corporaties",))
    for path in ranged:
        yield lb.problem(
            path,
            "range-in-definitive",
            level_of("range-in-definitive"),
            f"{dotted(path)} is a range, but a definitive bid states one number",
            "write the number of homes the province commits to",
        )


_SOURCE_FIELDS = frozenset(
    [
        *Bid.model_fields,
        *(f"segmenten.{k}" for k in SEGMENT_KEYS),
        *(f"onderwerpen.{t}" for t in TOPICS),
    ]
)


def check_source_fields(lb: LoadedBid, bid: Bid, ronde: Ronde) -> Iterator[Problem]:
    """Each source's `over` names fields that exist in a bid."""
    for i, bron in enumerate(bid.bronnen or ()):
        for j, name in enumerate(bron.over):
            if name not in _SOURCE_FIELDS:
                yield lb.problem(
                    ("bronnen", i, "over", j),
                    "source-field-unknown",
                    level_of("source-field-unknown"),
                    f"the source says it covers {quoted(name)}, which is not a field of a bid",
                    "name fields such as totaal, segmenten.sociale_huur or corporaties",
                )


BID_CHECKS: tuple[BidCheck, ...] = (
    check_segments,
    check_fasering,
    check_regios,
    check_regio_grens,
    check_range,
    check_source_fields,
)

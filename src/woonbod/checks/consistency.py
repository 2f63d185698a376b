"""Checks inside one bid: parts add up to their wholes, and nothing exceeds what contains it."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Iterator
from fractions import Fraction

from woonbod.formatting import homes, quoted
from woonbod.i18n import _
from woonbod.loading.loader import LoadedBid
from woonbod.model.derive import Conflict
from woonbod.model.models import Bid, Periode, Ronde, parse_period
from woonbod.model.quantities import Count, Range
from woonbod.model.vocabulary import SEGMENT_KEYS, TOPICS
from woonbod.problems import Problem
from woonbod.reading.source import Path_, dotted
from woonbod.rules import level_of

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
            _("make the parts add up to the whole, or leave the derived one out (null)"),
        )


def check_segments(lb: LoadedBid, bid: Bid, ronde: Ronde) -> Iterator[Problem]:
    """Segments given next to their whole add up to it, and none exceeds totaal."""
    yield from _conflict_problems(lb, (), lb.figures().own().conflicts)
    for i in range(len(bid.regios or ())):
        yield from _conflict_problems(lb, ("regios", i), lb.figures().region(i).conflicts)


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
                _("the fasering periods {before} and {after} overlap").format(before=before, after=after),
                _("split the years so that each year is in one period"),
            )
    total = sum(c.value for c in bid.fasering.values())
    if isinstance(bid.totaal, Count) and total != bid.totaal.value:
        yield lb.problem(
            ("fasering",),
            "fasering-sum",
            level_of("fasering-sum"),
            _("the fasering adds up to {sum}, but totaal is {totaal}").format(
                sum=homes(total), totaal=homes(bid.totaal.value)
            ),
            _("make the periods add up to totaal"),
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
    own = lb.figures().own().figures
    parts = [lb.figures().part(i) for i in range(len(regios))]
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
        if total - whole.low > slack:
            yield lb.problem(
                ("regios",),
                "regios-sum",
                level_of("regios-sum"),
                _regios_sum(label, total, whole.low, len(known), len(figures)),
                _(
                    "correct the regions or the province figure; a region that crosses a province "
                    "border counts only with its toegerekend part"
                ),
            )
        elif len(known) == len(figures) and whole.low - total > slack:
            yield lb.problem(
                ("regios",),
                "regios-short",
                level_of("regios-short"),
                # Translators: {segment} is a segment such as "sociale huur"; {rest} a number of homes.
                _(
                    "the regions' {segment} adds up to {sum} of the province's {whole}: "
                    "{rest} not assigned to a region"
                ).format(
                    segment=label, sum=homes(total), whole=homes(whole.low), rest=homes(whole.low - total)
                ),
                _("kept as published; if the source's regions do cover the whole province, correct them"),
            )


def _regios_sum(label: str, total: Fraction | int, whole: Fraction | int, known: int, regions: int) -> str:
    """The regions add up to more than the province (perhaps only some of them give the figure)."""
    if known == regions:
        # Translators: {segment} is a segment such as "sociale huur"; {sum} and {whole} numbers of homes.
        text = _("the regions' {segment} adds up to {sum}, more than the province's {whole}")
        return text.format(segment=label, sum=homes(total), whole=homes(whole))
    # Translators: {known} of {regions} regions give the figure that is added up.
    text = _(
        "the regions' {segment} adds up to {sum} (the {known} of {regions} regions that give it), "
        "more than the province's {whole}"
    )
    return text.format(segment=label, sum=homes(total), whole=homes(whole), known=known, regions=regions)


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
                _(
                    "region {region} lists the provinces {listed}, but not {province}, whose bid this is"
                ).format(region=quoted(regio.naam), listed=listed, province=own.name),
                _(
                    "add {province} to provincies, or move the region to the bid of a province it lies in"
                ).format(province=own.name),
            )
        if regio.toegerekend is None:
            continue
        if not regio.crosses_border(own):
            yield lb.problem(
                ("regios", i, "toegerekend"),
                "regio-toegerekend",
                level_of("regio-toegerekend"),
                _(
                    "region {region} gives a toegerekend part, but lies wholly in {province}: "
                    "provincies names no other province"
                ).format(region=quoted(regio.naam), province=own.name),
                _("list every province the region spans under provincies, or drop toegerekend"),
            )
            continue
        deel = regio.deel()
        part = None if deel is None or deel.totaal is None else deel.totaal.value
        if part is not None and isinstance(regio.totaal, Count) and part > regio.totaal.value:
            yield lb.problem(
                ("regios", i, "toegerekend"),
                "regio-toegerekend",
                level_of("regio-toegerekend"),
                _(
                    "the part of region '{region}' in {province} ({part}) is larger than the whole "
                    "region ({whole})"
                ).format(
                    region=regio.naam, province=own.name, part=homes(part), whole=homes(regio.totaal.value)
                ),
                _("totaal is the whole region's figure, toegerekend the part in this province"),
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
            _("{field} is a range, but a definitive bid states one number").format(field=dotted(path)),
            _("write the number of homes the province commits to"),
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
                    _("the source says it covers {field}, which is not a field of a bid").format(
                        field=quoted(name)
                    ),
                    _("name fields such as totaal, segmenten.sociale_huur or corporaties"),
                )


BID_CHECKS: tuple[BidCheck, ...] = (
    check_segments,
    check_fasering,
    check_regios,
    check_regio_grens,
    check_range,
    check_source_fields,
)

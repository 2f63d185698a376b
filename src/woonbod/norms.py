"""Checks of a bid against its round: the round itself, the period, and the norms.

The round's norms (two thirds affordable, 30% social rent) are national averages: a province
below one is information (``norm-*``, info), not a fault of its bid. The national figure is
held against the norm (``norm-national``, a warning) once every province has reported it.
An approximate figure is below a norm only when it is below it by more than its tolerance.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from woonbod.consistency import BidCheck
from woonbod.derive import derive, written_amounts
from woonbod.formatting import homes, homes_word, percent, round_half_up
from woonbod.loader import Dataset, LoadedBid
from woonbod.models import Bid, Ronde
from woonbod.problems import Problem
from woonbod.rules import level_of


def check_round(lb: LoadedBid, bid: Bid, ronde: Ronde) -> Iterator[Problem]:
    """The bid belongs to the round of its folder (indicatief or definitief)."""
    if bid.ronde != ronde.ronde:
        yield lb.problem(
            ("ronde",),
            "ronde-mismatch",
            level_of("ronde-mismatch"),
            f"the bid says ronde: {bid.ronde}, but this folder's round is {ronde.ronde}",
            "correct ronde, or move the file to the folder of its round",
        )


def check_period(lb: LoadedBid, bid: Bid, ronde: Ronde) -> Iterator[Problem]:
    """The bid covers the round's period, and its fasering lies inside the bid's period."""
    period = bid.periode or ronde.periode
    if bid.periode is not None and bid.periode != ronde.periode:
        yield lb.problem(
            ("periode",),
            "periode-mismatch",
            level_of("periode-mismatch"),
            f"the bid covers {bid.periode}, but the round covers {ronde.periode}",
            "give figures for the round's period, or explain the difference in toelichting",
        )
    for key in bid.fasering or {}:
        if not key.within(period):
            yield lb.problem(
                ("fasering",),
                "fasering-outside-period",
                level_of("fasering-outside-period"),
                f"the fasering period {key} lies outside the bid's period {period}",
                f"keep the fasering within {period}",
            )


def check_norms(lb: LoadedBid, bid: Bid, ronde: Ronde) -> Iterator[Problem]:
    """Each segment with a norm in the round reaches it as a share of totaal."""
    figures, conflicts = derive(bid.totaal, written_amounts(bid.segmenten, bid.corporaties))
    total = figures.get("totaal")
    if conflicts or total is None or not total.is_point or total.low == 0:
        return
    for node, norm in ronde.normen:
        if norm is None:
            continue
        figure = figures.get(node)
        if figure is None or not figure.is_point:
            continue
        # Half a home of slack: a count rounded from the norm itself must not be flagged; an
        # approximate figure (or totaal) may be off by its tolerance.
        slack = Fraction(1, 2) + figure.tolerance() + norm.fraction * total.tolerance()
        if figure.low + slack < norm.fraction * total.low:
            rule = f"norm-{node.replace('_', '-')}"
            path = ("corporaties",) if node == "corporaties" else ("segmenten", node)
            derived = " (derived)" if figure.derived else ""
            about = "about " if figure.approx else ""
            needed = round_half_up(norm.fraction * total.low)
            yield lb.problem(
                path,
                rule,
                level_of(rule),
                f"{node.replace('_', ' ')} is {about}{homes(figure.low)}{derived} "
                f"({percent(figure.low / total.low)} of totaal), below the national norm of {norm.text} "
                f"= {homes(needed)}: {about}{homes_word(needed - round_half_up(figure.low))} short "
                "(information: the norm is a national average)",
                "nothing to fix in the file; the national figure is held against the norm",
            )


NORM_CHECKS: tuple[BidCheck, ...] = (check_round, check_period, check_norms)


def check_national_norms(dataset: Dataset) -> list[Problem]:
    """The national figure of each segment with a norm reaches it, once every province reported."""
    from woonbod.totals import segment_label, sum_segment  # not on `validate`'s start-up path

    ronde = dataset.round.ronde
    where = dataset.round.path or (str(dataset.folders[0]) if dataset.folders else "")
    totaal = sum_segment(dataset.bids, ronde, "totaal")
    problems: list[Problem] = []
    if not totaal.complete or totaal.is_range or totaal.low == 0:
        return problems
    for node, norm in ronde.normen:
        if norm is None:
            continue
        total = sum_segment(dataset.bids, ronde, node)
        if not total.complete or total.is_range:
            continue
        slack = Fraction(len(total.rows), 2) + total.tolerance() + norm.fraction * totaal.tolerance()
        if total.low + slack >= norm.fraction * totaal.low:
            continue
        about = "about " if total.approx or totaal.approx else ""
        needed = round_half_up(norm.fraction * totaal.low)
        problems.append(
            Problem(
                where,
                0,
                0,
                "norm-national",
                level_of("norm-national"),
                f"nationally, {segment_label(node)} is {about}{homes(total.low)} "
                f"({percent(Fraction(total.low, totaal.low))} of {homes(totaal.low)}), below the norm of "
                f"{norm.text} = {homes(needed)}: {about}{homes_word(needed - total.low)} short",
                "the provinces' bids together stay below the national norm",
            )
        )
    return problems

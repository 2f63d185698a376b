"""Checks of a bid against its round: the round itself, the period, and the per-bid norms."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from woonbod.consistency import BidCheck
from woonbod.derive import derive, written_amounts
from woonbod.formatting import homes, homes_word, percent, round_half_up
from woonbod.loader import LoadedBid
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
        # Half a home of slack: a count rounded from the norm itself must not be flagged.
        if figure.low + Fraction(1, 2) < norm.fraction * total.low:
            rule = f"norm-{node.replace('_', '-')}"
            path = ("corporaties",) if node == "corporaties" else ("segmenten", node)
            derived = " (derived)" if figure.derived else ""
            needed = round_half_up(norm.fraction * total.low)
            yield lb.problem(
                path,
                rule,
                level_of(rule),
                f"{node.replace('_', ' ')} is {homes(figure.low)}{derived} "
                f"({percent(figure.low / total.low)} of totaal), below the norm of {norm.text} = "
                f"{homes(needed)}: {homes_word(needed - round_half_up(figure.low))} short",
                "raise it, or explain in toelichting why this province stays below the norm",
            )


NORM_CHECKS: tuple[BidCheck, ...] = (check_round, check_period, check_norms)

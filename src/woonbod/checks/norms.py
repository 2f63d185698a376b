"""Checks of a bid against its round: the round itself, the period, and the norms.

The round's norms (two thirds affordable, 30% social rent) are national averages: a province
below one is information (``norm-*``, info), not a fault of its bid. The national figure is
held against the norm (``norm-national``, a warning) once every province has reported it.
An approximate figure is below a norm only when it is below it by more than its tolerance.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from woonbod.checks.consistency import BidCheck
from woonbod.formatting import homes, homes_word, percent, round_half_up
from woonbod.i18n import _
from woonbod.loading.loader import Dataset, LoadedBid
from woonbod.model.models import Bid, Ronde
from woonbod.problems import Problem
from woonbod.rules import level_of


def check_round(lb: LoadedBid, bid: Bid, ronde: Ronde) -> Iterator[Problem]:
    """The bid belongs to the round of its folder (indicatief or definitief)."""
    if bid.ronde != ronde.soort:
        yield lb.problem(
            ("ronde",),
            "ronde-mismatch",
            level_of("ronde-mismatch"),
            _("the bid says ronde: {bid}, but this folder's round is {round}").format(
                bid=bid.ronde, round=ronde.soort
            ),
            _("correct ronde, or move the file to the folder of its round"),
        )


def check_period(lb: LoadedBid, bid: Bid, ronde: Ronde) -> Iterator[Problem]:
    """The bid covers the round's period, and its fasering lies inside the bid's period."""
    period = bid.periode or ronde.periode
    if bid.periode is not None and bid.periode != ronde.periode:
        yield lb.problem(
            ("periode",),
            "periode-mismatch",
            level_of("periode-mismatch"),
            _("the bid covers {bid}, but the round covers {round}").format(
                bid=bid.periode, round=ronde.periode
            ),
            _("give figures for the round's period, or explain the difference in toelichting"),
        )
    for key in bid.fasering or {}:
        if not key.within(period):
            yield lb.problem(
                ("fasering",),
                "fasering-outside-period",
                level_of("fasering-outside-period"),
                _("the fasering period {key} lies outside the bid's period {period}").format(
                    key=key, period=period
                ),
                _("keep the fasering within {period}").format(period=period),
            )


def check_province_norms(lb: LoadedBid, bid: Bid, ronde: Ronde) -> Iterator[Problem]:
    """Each segment with a norm in the round reaches it as a share of totaal."""
    figures, conflicts = lb.figures().own()
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
            needed = round_half_up(norm.fraction * total.low)
            short = homes_word(needed - round_half_up(figure.low))
            yield lb.problem(
                path,
                rule,
                level_of(rule),
                # Translators: {segment} e.g. "sociale huur"; {norm} as the round file writes it
                # ("30%", "2/3"); {needed} the homes the norm asks; {short} "1.200 woningen".
                _(
                    "{segment} is {amount} ({share} of totaal), below the national norm of {norm} "
                    "= {needed}: {short} short (information: the norm is a national average)"
                ).format(
                    segment=node.replace("_", " "),
                    amount=_amount(homes(figure.low), figure.approx, figure.derived),
                    share=percent(figure.low / total.low),
                    norm=norm.text,
                    needed=homes(needed),
                    short=_amount(short, figure.approx),
                ),
                _("nothing to fix in the file; the national figure is held against the norm"),
            )


def _amount(amount: str, approx: bool, derived: bool = False) -> str:
    """An amount as a message gives it: "about 1 200" when approximate, "(derived)" after it."""
    text = _("about {amount}").format(amount=amount) if approx else amount
    return _("{amount} (derived)").format(amount=text) if derived else text


NORM_CHECKS: tuple[BidCheck, ...] = (check_round, check_period, check_province_norms)


def check_national_norms(dataset: Dataset) -> list[Problem]:
    """The national figure of each segment with a norm reaches it, once every province reported."""
    from woonbod.analysis.totals import segment_label, sum_segment  # not on `validate`'s start-up path

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
        about = total.approx or totaal.approx
        needed = round_half_up(norm.fraction * totaal.low)
        problems.append(
            Problem(
                where,
                0,
                0,
                "norm-national",
                level_of("norm-national"),
                # Translators: {total} is the national totaal; see the province norm message.
                _(
                    "nationally, {segment} is {amount} ({share} of {total}), below the norm of {norm} "
                    "= {needed}: {short} short"
                ).format(
                    segment=segment_label(node),
                    amount=_amount(homes(total.low), about),
                    share=percent(Fraction(total.low, totaal.low)),
                    total=homes(totaal.low),
                    norm=norm.text,
                    needed=homes(needed),
                    short=_amount(homes_word(needed - total.low), about),
                ),
                _("the provinces' bids together stay below the national norm"),
            )
        )
    return problems

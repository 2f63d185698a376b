"""Work out every segment of a bid from what it wrote, through the segment tree.

    totaal = betaalbaar + overig
    betaalbaar = sociale_huur + middensegment
    middensegment = middenhuur + betaalbare_koop

Figures are kept exact (a share of a total is rarely whole, so it becomes a Fraction; a count
stays an int, which is much cheaper to add and compare) and rounded to whole homes only when
shown, so sums of derived figures do not drift. Every figure says how it was obtained, so
every output can mark what was derived.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal, NamedTuple

from woonbod.formatting import homes, round_half_up
from woonbod.i18n import _
from woonbod.model.models import Segmenten
from woonbod.model.quantities import APPROX_TOLERANCE, Amount, Count, Range, Share
from woonbod.model.vocabulary import SEGMENT_KEYS

How = Literal["given", "share", "sum", "difference"]
Exact = Fraction | int
TREE: dict[str, tuple[str, str]] = {
    "totaal": ("betaalbaar", "overig"),
    "betaalbaar": ("sociale_huur", "middensegment"),
    "middensegment": ("middenhuur", "betaalbare_koop"),
}
PARENT = {child: parent for parent, children in TREE.items() for child in children}


@dataclass(frozen=True, slots=True)
class Figure:
    """A number of homes, exact or a range (``high`` None: open-ended), and how it was found."""

    low: Exact
    high: Exact | None
    how: How
    from_share: bool = False  # a share is somewhere in its making: allow rounding slack
    approx: bool = False  # an approximate value ({ca: …}) is somewhere in its making

    @property
    def is_point(self) -> bool:
        return self.high == self.low

    @property
    def derived(self) -> bool:
        return self.how != "given"

    def tolerance(self) -> Exact:
        """How far an approximate figure may be off: 5% of it (0 for an exact one)."""
        if not self.approx:
            return 0
        return APPROX_TOLERANCE * (self.high if self.high is not None else self.low)

    def rounded(self) -> tuple[int, int | None]:
        """Whole homes, rounded half up, as (low, high)."""
        return (round_half_up(self.low), None if self.high is None else round_half_up(self.high))


@dataclass(frozen=True, slots=True)
class Conflict:
    """Written figures that cannot all be true; ``node`` is the figure whose line to point at."""

    rule: Literal["segments-sum", "part-exceeds-whole"]
    node: str
    message: str


class Derivation(NamedTuple):
    """Every figure a bid gives or implies, and the conflicts among them."""

    figures: dict[str, Figure]
    conflicts: list[Conflict]


def slack_of(*figures: Figure) -> Exact:
    """How far figures may disagree: one home where a share was rounded, plus each approximate
    figure's tolerance."""
    rounding = 1 if any(f.from_share for f in figures) else 0
    return rounding + sum((f.tolerance() for f in figures), start=0)


def _from_amount(amount: Amount | None, total: Figure | None) -> Figure | None:
    if isinstance(amount, Count):
        return Figure(amount.value, amount.value, "given", approx=amount.approx)
    if isinstance(amount, Range):
        return Figure(amount.min or 0, amount.max, "given")
    if isinstance(amount, Share) and total is not None:
        high = None if total.high is None else total.high * amount.fraction
        return Figure(
            total.low * amount.fraction, high, "share", from_share=True, approx=amount.approx or total.approx
        )
    return None


def written_amounts(segmenten: Segmenten | None, corporaties: Amount | None) -> dict[str, Amount]:
    """The amounts a bid (or region) wrote, by node name."""
    written: dict[str, Amount] = {}
    if segmenten is not None:
        for key in SEGMENT_KEYS:
            value = getattr(segmenten, key)
            if value is not None:
                written[key] = value
    if corporaties is not None:
        written["corporaties"] = corporaties
    return written


def derive(totaal: Amount | None, written: Mapping[str, Amount]) -> tuple[dict[str, Figure], list[Conflict]]:
    """All figures that follow from what was written, and the conflicts among them."""
    figures: dict[str, Figure] = {}
    total = _from_amount(totaal, None)
    if total is not None:
        figures["totaal"] = total
    for node, amount in written.items():
        figure = _from_amount(amount, total)
        if figure is not None:
            figures[node] = figure
    conflicts = _check_written(figures)
    if conflicts:
        return figures, conflicts  # deriving from contradictions would only multiply them
    changed = True
    while changed:
        changed = False
        for parent, (left, right) in TREE.items():
            known = [figures.get(n) for n in (parent, left, right)]
            p, a, b = known
            if p is None and a is not None and b is not None:
                figures[parent] = _add(a, b)
                changed = True
            elif p is not None and p.is_point and (a is None) != (b is None):
                missing, other = (left, b) if a is None else (right, a)
                assert other is not None
                if other.is_point:
                    rest = p.low - other.low
                    slack = slack_of(p, other)
                    if rest < -slack:
                        written_child = right if a is None else left
                        how = _(" (derived)") if p.derived else ""
                        conflicts.append(
                            Conflict(
                                "part-exceeds-whole",
                                written_child,
                                _larger(
                                    _label(written_child),
                                    homes(other.low),
                                    _label(parent) + how,
                                    homes(p.low),
                                ),
                            )
                        )
                        return figures, conflicts
                    figures[missing] = Figure(
                        max(rest, 0),
                        max(rest, 0),
                        "difference",
                        from_share=p.from_share or other.from_share,
                        approx=p.approx or other.approx,
                    )
                    changed = True
    # What was derived is held against the wholes too: parts that are each within a range can
    # still add up to more than its maximum (totaal 1 000–2 000, sociale huur 1 500 and
    # middensegment 1 500 make betaalbaar 3 000).
    return figures, _check_written(figures)


def _add(a: Figure, b: Figure) -> Figure:
    high = None if a.high is None or b.high is None else a.high + b.high
    return Figure(
        a.low + b.low, high, "sum", from_share=a.from_share or b.from_share, approx=a.approx or b.approx
    )


def _check_written(figures: Mapping[str, Figure]) -> list[Conflict]:
    conflicts: list[Conflict] = []
    for parent, (left, right) in TREE.items():
        p, a, b = (figures.get(n) for n in (parent, left, right))
        if p is None or a is None or b is None:
            continue
        slack = slack_of(p, a, b)
        if not (p.is_point and a.is_point and b.is_point):
            conflict = _range_sum(parent, p, left, a, right, b, slack)
            if conflict is not None:
                conflicts.append(conflict)
            continue
        if not -slack <= p.low - a.low - b.low <= slack:
            conflicts.append(
                Conflict(
                    "segments-sum",
                    parent,
                    # Translators: {left} and {right} are segments (sociale huur, middensegment),
                    # {whole} the one they make up (betaalbaar); {a}, {b}, {sum}, {n}: numbers.
                    _("{left} ({a}) + {right} ({b}) = {sum}, but {whole} is {n}").format(
                        left=_label(left),
                        a=homes(a.low),
                        right=_label(right),
                        b=homes(b.low),
                        sum=homes(a.low + b.low),
                        whole=_label(parent),
                        n=homes(p.low),
                    ),
                )
            )
    for node, figure in figures.items():
        ancestor = "totaal" if node == "corporaties" else PARENT.get(node)
        while ancestor is not None:
            whole = figures.get(ancestor)
            if whole is not None and whole.high is not None:
                slack = slack_of(whole, figure)
                if figure.low > whole.high + slack:
                    low = (
                        homes(figure.low)
                        if figure.is_point
                        else _("at least {n}").format(n=homes(figure.low))
                    )
                    high = (
                        homes(whole.high) if whole.is_point else _("at most {n}").format(n=homes(whole.high))
                    )
                    conflicts.append(
                        Conflict(
                            "part-exceeds-whole",
                            node,
                            _larger(_label(node) + _how(figure), low, _label(ancestor) + _how(whole), high),
                        )
                    )
                    break
            ancestor = PARENT.get(ancestor)
    return conflicts


def _range_sum(
    parent: str, p: Figure, left: str, a: Figure, right: str, b: Figure, slack: Exact
) -> Conflict | None:
    """Parts and a whole of which one is a range: the parts' sum must be able to equal the whole."""
    sum_low = a.low + b.low
    sum_high = None if a.high is None or b.high is None else a.high + b.high
    parts = f"{_label(left)} + {_label(right)}"
    if p.high is not None and sum_low > p.high + slack:
        return Conflict(
            "segments-sum",
            parent,
            # Translators: {parts} is "sociale huur + middensegment", {whole} what they make up.
            _("{parts} is at least {low}, but {whole} is at most {high}").format(
                parts=parts, low=homes(sum_low), whole=_label(parent) + _how(p), high=homes(p.high)
            ),
        )
    if sum_high is not None and p.low > sum_high + slack:
        return Conflict(
            "segments-sum",
            parent,
            # Translators: {parts} is "sociale huur + middensegment", {whole} what they make up.
            _("{parts} is at most {high}, but {whole} is at least {low}").format(
                parts=parts, high=homes(sum_high), whole=_label(parent) + _how(p), low=homes(p.low)
            ),
        )
    return None


def _larger(part: str, amount: str, whole: str, whole_amount: str) -> str:
    """'part (amount) is larger than whole (whole_amount)': a part more than its whole."""
    # Translators: {part} and {whole} are segments such as "sociale huur" or "totaal (derived)";
    # {amount} and {whole_amount} are numbers of homes, perhaps "at least 1.200".
    return _("{part} ({amount}) is larger than {whole} ({whole_amount})").format(
        part=part, amount=amount, whole=whole, whole_amount=whole_amount
    )


def _how(figure: Figure) -> str:
    if figure.how == "given":
        return ""
    return _(" (from a share)") if figure.how == "share" else _(" (derived)")


def _label(node: str) -> str:
    return node.replace("_", " ")

"""How numbers look in human output: one style everywhere.

Thousands are grouped with a space ("917 193"): unambiguous to Dutch readers (who write
917.193) and English ones (917,193) alike, and never confusable with the `12.000` trap
that the validator warns about.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction


def round_half_up(x: Fraction | int) -> int:
    """To the nearest whole home, halves up, as people round (Python's round() goes to even)."""
    if isinstance(x, int):
        return x
    return int((Fraction(x) + Fraction(1, 2)).__floor__())


def homes(n: int | Fraction | None) -> str:
    """A number of homes with thousands grouped by spaces; '?' when unknown."""
    if n is None:
        return "?"
    return f"{round_half_up(n):,}".replace(",", " ")


def homes_word(n: int) -> str:
    """'1 home', '467 homes'."""
    return f"{homes(n)} home{'s' if n != 1 else ''}"


def days(n: int) -> str:
    """'1 day', '12 days'."""
    return f"{homes(n)} day{'s' if n != 1 else ''}"


def percent(part: Fraction | float, digits: int = 1) -> str:
    """A share as a percentage with one decimal ("66.7%")."""
    return f"{float(part) * 100:.{digits}f}%"


def span(
    low: Fraction | int,
    high: Fraction | int | None,
    *,
    derived: bool = False,
    approx: bool = False,
    show: Callable[[Fraction | int], str] = homes,
) -> str:
    """The one way a figure is written: a number, a range ("153 000–225 000") or an open range
    ("≥ 90 000"); "ca. " before it when approximate, "*" after it when derived. ``show`` writes
    each end (``homes`` by default, ``percent`` for shares of a target)."""
    mark = "*" if derived else ""
    about = "ca. " if approx else ""
    if high is None:
        return f"≥ {about}{show(low)}{mark}"
    if high != low:
        return f"{about}{show(low)}–{show(high)}{mark}"
    return f"{about}{show(low)}{mark}"


EXCERPT = 50  # characters of file content a message quotes at most (with the quotes and an
# indent, a quoted excerpt still fits a 60-column terminal, where a word is never split)


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """At most ``limit`` characters of ``text``, ending in "…" when cut: every message that
    quotes a value, key or line from a file quotes it through here, so that no value (a 1 MB
    number, a symlinked /etc/passwd) is ever repeated whole in a terminal or a CI log."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quoted(text: str, limit: int = EXCERPT) -> str:
    """An excerpt of ``text`` in single quotes, as messages show what was written."""
    return f"'{excerpt(text, limit)}'"

"""How numbers look in human output: one style everywhere.

Thousands are grouped with a space ("917 193"): unambiguous to Dutch readers (who write
917.193) and English ones (917,193) alike, and never confusable with the `12.000` trap
that the validator warns about.
"""

from __future__ import annotations

from fractions import Fraction

from woonbod.escaping import printable as printable  # moved to escaping; kept for old imports


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


def percent(part: Fraction | float, digits: int = 1) -> str:
    """A share as a percentage with one decimal ("66.7%")."""
    return f"{float(part) * 100:.{digits}f}%"

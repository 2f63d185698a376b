"""How numbers look in human output: one style everywhere.

Thousands are grouped with a space ("917 193"): unambiguous to Dutch readers (who write
917.193) and English ones (917,193) alike, and never confusable with the `12.000` trap
that the validator warns about.
"""

from __future__ import annotations

from fractions import Fraction


def homes(n: int | Fraction | None) -> str:
    """A number of homes with thousands grouped by spaces; '?' when unknown."""
    if n is None:
        return "?"
    whole = round(n) if isinstance(n, Fraction) else n
    return f"{whole:,}".replace(",", " ")


def percent(part: Fraction | float, digits: int = 1) -> str:
    """A share as a percentage with one decimal ("66.7%")."""
    return f"{float(part) * 100:.{digits}f}%"

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

"""How numbers and dates look in human output: one style per language, everywhere.

Dutch output writes numbers as a Dutch reader does: 917.193 homes, 101,9%, 1 oktober 2022.
English output groups thousands with a space ("917 193", as the SI and the Dutch government's
English texts do: never confusable with the decimal point) and writes dates as ISO 8601
(2022-10-01). Machine formats (JSON, SARIF, CSV/xlsx cells holding numbers) keep plain numbers
and ISO dates whatever the language; a number that a hint tells the user to type into a bid
file is written plain too, since the file format refuses a thousands separator.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from fractions import Fraction

from woonbod.i18n import _, language, ngettext

# Month names are written out here rather than taken from the C library's locale, which is
# process-wide and often not installed (a CI container has only C.UTF-8).
_MONTHS_NL = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def round_half_up(x: Fraction | int) -> int:
    """To the nearest whole home, halves up, as people round (Python's round() goes to even)."""
    if isinstance(x, int):
        return x
    return int((Fraction(x) + Fraction(1, 2)).__floor__())


def homes(n: int | Fraction | None) -> str:
    """A number of homes with thousands grouped by spaces; '?' when unknown."""
    if n is None:
        return "?"
    return f"{round_half_up(n):,}".replace(",", "." if language() == "nl" else " ")


def homes_word(n: int) -> str:
    """'1 home', '467 homes' (Dutch: '1 woning', '467 woningen')."""
    return ngettext("{n} home", "{n} homes", n).format(n=homes(n))


def days(n: int) -> str:
    """'1 day', '12 days' (Dutch: '1 dag', '12 dagen')."""
    return ngettext("{n} day", "{n} days", n).format(n=homes(n))


def decimal(x: Fraction | float, digits: int = 1) -> str:
    """A number with ``digits`` decimals and the language's decimal sign ("1.5", Dutch "1,5")."""
    text = f"{float(x):.{digits}f}"
    return text.replace(".", ",") if language() == "nl" else text


def percent(part: Fraction | float, digits: int = 1) -> str:
    """A share as a percentage with one decimal ("66.7%", Dutch "66,7%")."""
    return decimal(float(part) * 100, digits) + "%"


def date(day: dt.date) -> str:
    """A date in a sentence or a table: "2022-10-01", Dutch "1 oktober 2022"."""
    if language() == "nl":
        return f"{day.day} {_MONTHS_NL[day.month - 1]} {day.year}"
    return day.isoformat()


def yes_no(value: bool) -> str:
    """'yes' or 'no' in the language in use."""
    return _("yes") if value else _("no")


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

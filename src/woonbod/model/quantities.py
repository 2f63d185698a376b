"""The values a bid file may give for a number of homes: a count, a share or a range.

A count or a share may be marked approximate, `{ca: 11000}` or `{ca: "2/3"}`, for a source that
says "about" or "almost": the number stays a number, and every output says "ca.". Checks treat
an approximate figure as anything within ``APPROX_TOLERANCE`` (5%) of its value.

Kept free of Pydantic so that the derivation and the totals can use them directly.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from woonbod.formatting import excerpt, homes, quoted
from woonbod.i18n import _, language, pgettext

# An approximate figure ("bijna 11.000", "zo'n 64%") is read as its value plus or minus 5% of
# it: wide enough for "almost" and "about" in a press release, narrow enough that a real
# contradiction (11 000 of 16 500 against a written 9 000) is still one.
APPROX_TOLERANCE = Fraction(1, 20)

# The largest number of homes one figure may give. The Netherlands has about 8 million homes in
# all, so no bid, region or target can plausibly ask for more than 10 million; a larger figure
# is a typo (a digit too many, a pasted phone number) and would also lose digits in a
# spreadsheet, which holds numbers as float64 (exact only up to 2**53).
MAX_HOMES = 10_000_000


@dataclass(frozen=True, slots=True)
class Count:
    """A whole number of homes, as written; ``approx`` when written as {ca: …}."""

    value: int
    approx: bool = False


@dataclass(frozen=True, slots=True)
class Share:
    """A share of the bid's totaal, written as "30%" or "2/3"; ``approx`` when written as {ca: …}."""

    fraction: Fraction
    text: str
    approx: bool = False


@dataclass(frozen=True, slots=True)
class Range:
    """An indicative bid's range of homes; either end may be open ("at least 90,000")."""

    min: int | None
    max: int | None


Amount = Count | Share | Range

_PERCENT = re.compile(r"\s*(\d+(?:[.,]\d+)?)\s*%\s*")
_FRACTION = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")


class BadValue(ValueError):
    """A value that cannot be read, with the rule it breaks and what to write instead."""

    def __init__(self, rule: str, message: str, hint: str = "", *, key: str | None = None) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.hint = hint
        self.key = key  # the key inside the value that is wrong, for its line and column


_APPROXIMATE = re.compile(
    r"(ca\.?|circa|about|ongeveer|bijna|minstens|~|±|>=?|<=?)\s*[\d.,\s]*\d[\d.,\s]*|[\d.,\s]*\d\+", re.I
)


# The longest text the number diagnostics look at. A number of homes with separators and a
# word ("ca. 1.250.000 woningen") is far shorter; longer text is not a number in any notation,
# and looking at no more than this keeps every pattern below constant-time, whatever the file.
_DIAGNOSED = 40


def _digits(text: str) -> bool:
    """An optional sign and then only ASCII digits (str.isdigit also takes "²" and "١")."""
    body = text[1:] if text[:1] in ("-", "+") else text
    return bool(body) and body.isascii() and body.isdigit()


def diagnose_number(text: str) -> BadValue | None:
    """Recognise the ways people write numbers that YAML or woonbod would misread."""
    t = text.strip()
    if _digits(t) and len(t.lstrip("+-")) > 18:
        n = len(t.lstrip("+-"))
        return BadValue(
            "not-a-number",
            _("{value} ({n} digits) is far too large to be a number of homes").format(
                value=quoted(t, 13), n=homes(n)
            ),
            _("write the number of homes"),
        )
    if len(t) > _DIAGNOSED:
        return None
    for notation in _NOTATIONS:
        found = notation(t)
        if found is not None:
            return found
    return None


def _leading_zero(t: str) -> BadValue | None:
    if not (_digits(t) and len(t.lstrip("+-")) > 1 and t.lstrip("+-").startswith("0")):
        return None
    plain = t.lstrip("+-").lstrip("0") or "0"
    message = (
        _("'{value}' starts with a zero: YAML 1.1 tools read it as the octal number {octal}").format(
            value=t, octal=int(t.lstrip("+-"), 8)
        )
        if set(t) <= set("+-01234567")
        else _("'{value}' starts with a zero: YAML 1.1 tools read it differently").format(value=t)
    )
    return BadValue(
        "leading-zero", message, _("write {number} without the leading zero").format(number=plain)
    )


def _thousands_separator(t: str) -> BadValue | None:
    if re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+", t):
        decimal = str(float(t)) if t.count(".") == 1 else ""
        message = (
            # Translators: {number} is how YAML reads the value, 83.5 for 83.500 (Dutch: 83,5).
            _("'{value}' uses a dot as thousands separator; YAML reads it as the decimal number {number}")
            if t.count(".") == 1
            else _("'{value}' uses a dot as thousands separator; YAML reads it as text, not a number")
        )
        return BadValue(
            "thousands-separator",
            message.format(value=t, number=decimal.replace(".", ",") if language() == "nl" else decimal),
            # Translators: {number} is the number to type in the bid file, without any separator.
            pgettext("the separator was a dot", "write {number} without separators").format(
                number=t.replace(".", "")
            ),
        )
    if re.fullmatch(r"[-+]?\d{1,3}([,\s_']\d{3})+", t):
        fixed = re.sub(r"[,\s_']", "", t)
        return BadValue(
            "thousands-separator",
            _("'{value}' uses a thousands separator, which YAML does not read as a number").format(value=t),
            _("write {number} without separators").format(number=fixed),
        )
    return None


def _scientific(t: str) -> BadValue | None:
    if not re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+", t):
        return None
    value = float(t)
    exact = (
        _("write {number}").format(number=int(value))
        if value.is_integer()
        else _("write the whole number of homes")
    )
    return BadValue(
        "scientific-notation",
        _("'{value}' is scientific notation; give the number of homes as a whole number").format(value=t),
        exact,
    )


def _yes_no(t: str) -> BadValue | None:
    if t.lower() not in {"yes", "no", "on", "off", "y", "n", "true", "false", "ja", "nee"}:
        return None
    return BadValue(
        "yaml-boolean",
        _("'{value}' is a yes/no value (YAML 1.1 tools read it as true/false), not a number of homes").format(
            value=t
        ),
        _('write the number of homes, a share such as "30%", or null when unknown'),
    )


def _base_sixty(t: str) -> BadValue | None:
    if not re.fullmatch(r"\d+(:\d+)+", t):
        return None
    return BadValue(
        "sexagesimal",
        _("'{value}' is read by YAML 1.1 tools as a base-60 number ({number}), not as a ratio").format(
            value=t, number=_sexagesimal(t)
        ),
        _('write the number of homes, or a share such as "2/3" or "30%"'),
    )


def _fraction_of_home(t: str) -> BadValue | None:
    # 0.3 is more likely a share than a fraction of a home: parse_share explains that.
    if not re.fullmatch(r"[-+]?\d+[.,]\d+", t) or re.fullmatch(r"0[.,]\d+", t):
        return None
    return BadValue(
        "fraction-of-home",
        _("{value} is not a whole number of homes").format(value=f"'{t}'"),
        _('round to a whole number of homes, or write a share such as "30%"'),
    )


def _approximate(t: str) -> BadValue | None:
    if not _APPROXIMATE.fullmatch(t):
        return None
    return BadValue(
        "approximate-number",
        _("{value} is not a plain number").format(value=quoted(t)),
        _(
            "for 'about' or 'almost' write the number as {ca: 11000} (or a share as {ca: \"2/3\"}) "
            "and quote the source's words in toelichting; for 'at least' write the number itself"
        ),
    )


# In the order they are tried: the first that recognises the text explains it.
_NOTATIONS: tuple[Callable[[str], BadValue | None], ...] = (
    _leading_zero,
    _thousands_separator,
    _scientific,
    _yes_no,
    _base_sixty,
    _fraction_of_home,
    _approximate,
)


def _sexagesimal(text: str) -> int:
    total = 0
    for part in text.split(":"):
        total = total * 60 + int(part)
    return total


def parse_share(value: Any) -> Share:
    """Read "30%", "64,5%" or "2/3" as a share of the whole (at most 100%)."""
    if isinstance(value, str) and len(value) <= _DIAGNOSED:
        m = _PERCENT.fullmatch(value)
        if m:
            fraction = Fraction(m.group(1).replace(",", ".")) / 100
            return _checked_share(fraction, value)
        m = _FRACTION.fullmatch(value)
        if m:
            if int(m.group(2)) == 0:
                raise BadValue(
                    "not-a-share",
                    _("{value} divides by zero").format(value=quoted(value)),
                    _('write a fraction such as "2/3"'),
                )
            return _checked_share(Fraction(int(m.group(1)), int(m.group(2))), value)
    if isinstance(value, float) and not isinstance(value, bool) and 0 < value < 1:
        raise BadValue(
            "ambiguous-share",
            _("{value} is ambiguous as a share").format(value=value),
            # Translators: {share} is the value as a percentage to type in the file, such as "30%".
            _('write it as {share} or as a fraction such as "2/3"').format(share=f'"{value * 100:g}%"'),
        )
    raise BadValue(
        "not-a-share",
        _("{value} is not a share").format(value=shown(value)),
        _('write a percentage such as "30%" or a fraction such as "2/3"'),
    )


def _checked_share(fraction: Fraction, text: str) -> Share:
    if fraction > 1:
        raise BadValue(
            "share-over-100",
            _("the share {share} is more than the whole (over 100%)").format(share=text.strip()),
            _("a part cannot be larger than its whole: check the percentage or fraction"),
        )
    return Share(fraction, text.strip())


def parse_count(value: Any) -> Count:
    """Read a whole, non-negative number of homes."""
    if isinstance(value, bool):
        raise BadValue(
            "yaml-boolean",
            _("{value} is a yes/no value, not a number of homes").format(value=shown(value)),
            _("write the number of homes, or null when unknown"),
        )
    if isinstance(value, int):
        if value < 0:
            raise BadValue(
                "negative-count",
                _("{value} is negative: a number of homes is 0 or more").format(value=value),
                _("write the number of homes without a minus sign"),
            )
        if value > MAX_HOMES:
            raise BadValue(
                "implausible-number",
                # Translators: {n} is the number written, {limit} the largest allowed (10 000 000).
                _(
                    "{n} homes is more than the {limit} any one figure can be "
                    "(the Netherlands has about 8 million homes in all)"
                ).format(n=homes(value), limit=homes(MAX_HOMES)),
                _("check for a digit too many; write the number of homes"),
            )
        return Count(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            raise BadValue(
                "fraction-of-home",
                _("{value} is written as a decimal number").format(value=value),
                _("write the whole number {number}").format(number=int(value)),
            )
        raise BadValue(
            "fraction-of-home",
            _("{value} is not a whole number of homes").format(value=value),
            _('round to a whole number of homes, or write a share such as "30%"'),
        )
    if isinstance(value, str):
        diagnosis = diagnose_number(value)
        if diagnosis is not None:
            raise diagnosis
        if _digits(value.strip()):
            raise BadValue(
                "not-a-number",
                _("{value} is in quotes, so YAML reads it as text, not as a number").format(
                    value=quoted(value)
                ),
                _("remove the quotes: write {number}").format(number=value.strip()),
            )
    raise BadValue(
        "not-a-number",
        _("{value} is not a number of homes").format(value=shown(value)),
        _("write a whole number such as 12000, or null when unknown"),
    )


def parse_range(value: dict[Any, Any]) -> Range:
    """Read {min: …, max: …}; at least one end is given and min <= max."""
    unknown = set(value) - {"min", "max"}
    if unknown:
        raise BadValue(
            "invalid-range",
            _("a range has only the keys min and max, not {keys}").format(
                keys=excerpt(", ".join(sorted(map(str, unknown))))
            ),
            _("write {min: 90000, max: 120000}"),
        )
    low = None if value.get("min") is None else _range_end(value, "min")
    high = None if value.get("max") is None else _range_end(value, "max")
    if low is None and high is None:
        raise BadValue(
            "invalid-range", _("a range needs min, max or both"), _("write {min: 90000, max: 120000}")
        )
    if low is not None and high is not None and low > high:
        raise BadValue(
            "invalid-range",
            _("the range's min ({low}) is larger than its max ({high})").format(
                low=homes(low), high=homes(high)
            ),
            _("swap the two numbers"),
        )
    return Range(low, high)


def _range_end(value: dict[Any, Any], key: str) -> int:
    try:
        return parse_count(value[key]).value
    except BadValue as error:
        if error.key is None:
            error.key = key
        raise


def parse_approx(value: dict[Any, Any], *, shares: bool = True) -> Count | Share:
    """Read {ca: 11000} or {ca: "2/3"}: a count or share the source gives approximately."""
    if set(value) != {"ca"}:
        other = excerpt(", ".join(sorted(map(str, set(value) - {"ca"})))) or _("nothing")
        raise BadValue(
            "invalid-approx",
            _("an approximate value has only the key ca, not {keys}").format(keys=other),
            _('write {ca: 11000} or {ca: "2/3"}'),
        )
    inner = value["ca"]
    if isinstance(inner, dict):
        raise BadValue(
            "invalid-approx", _("ca holds one number or share, not a mapping"), _("write {ca: 11000}")
        )
    amount = parse_amount(inner, shares=shares, ranges=False)
    if isinstance(amount, Count):
        return Count(amount.value, approx=True)
    assert isinstance(amount, Share)
    return Share(amount.fraction, amount.text, approx=True)


def is_approx_mapping(value: Any) -> bool:
    """True for {ca: …} (also a malformed one that names ca), so it gets the approximate-value messages."""
    return isinstance(value, dict) and "ca" in value


def parse_amount(value: Any, *, shares: bool = True, ranges: bool = True) -> Amount:
    """Read any of the forms a number of homes may take in a bid."""
    if is_approx_mapping(value):
        return parse_approx(value, shares=shares)
    if ranges and isinstance(value, dict):
        return parse_range(value)
    if (
        shares
        and isinstance(value, str)
        and len(value) <= _DIAGNOSED
        and (_PERCENT.fullmatch(value) or _FRACTION.fullmatch(value))
    ):
        return parse_share(value)
    if shares and isinstance(value, float) and 0 < value < 1:
        return parse_share(value)
    return parse_count(value)


def shown(value: Any) -> str:
    """A value as messages quote it: an excerpt of text in quotes, or what kind of value it is."""
    if isinstance(value, str):
        return quoted(value)
    if value is None:
        return _("null (empty)")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    return str(value)

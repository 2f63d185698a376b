"""The ways a number of homes may be written, and the traps people fall into."""

from __future__ import annotations

from fractions import Fraction

import pytest

from woonbod.model.quantities import BadValue, Count, Range, Share, diagnose_number, parse_amount


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (12000, Count(12000)),
        ("30%", Share(Fraction(3, 10), "30%")),
        ("2/3", Share(Fraction(2, 3), "2/3")),
        ("64,5%", Share(Fraction(129, 200), "64,5%")),
        ({"min": 1, "max": 2}, Range(1, 2)),
        ({"min": 90000}, Range(90000, None)),
        (0, Count(0)),
        ({"ca": 11000}, Count(11000, approx=True)),
        ({"ca": "2/3"}, Share(Fraction(2, 3), "2/3", approx=True)),
        ({"ca": "64%"}, Share(Fraction(16, 25), "64%", approx=True)),
    ],
)
def test_accepted_forms(value: object, expected: object) -> None:
    assert parse_amount(value) == expected


@pytest.mark.parametrize(
    ("text", "rule", "hint"),
    [
        ("12.000", "thousands-separator", "write 12000"),
        ("12,500", "thousands-separator", "write 12500"),
        ("12 500", "thousands-separator", "write 12500"),
        ("1.2e5", "scientific-notation", "write 120000"),
        ("yes", "yaml-boolean", ""),
        ("Off", "yaml-boolean", ""),
        ("1:30", "sexagesimal", ""),
        ("12.5", "fraction-of-home", ""),
        ("ca. 900", "approximate-number", ""),
        ("~900", "approximate-number", ""),
    ],
)
def test_traps_are_named(text: str, rule: str, hint: str) -> None:
    diagnosis = diagnose_number(text)
    assert diagnosis is not None and diagnosis.rule == rule and hint in diagnosis.hint


def test_sexagesimal_explains_the_value() -> None:
    diagnosis = diagnose_number("1:30")
    assert diagnosis is not None and "(90)" in diagnosis.message


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        (-1, "negative-count"),
        ("101%", "share-over-100"),
        ("3/2", "share-over-100"),
        ("1/0", "not-a-share"),
        (True, "yaml-boolean"),
        ({"min": 5, "max": 1}, "invalid-range"),
        ({}, "invalid-range"),
        ("veel", "not-a-number"),
        ({"ca": 11000, "max": 12000}, "invalid-approx"),
        ({"ca": {"min": 1}}, "invalid-approx"),
        ({"ca": "12.000"}, "thousands-separator"),
    ],
)
def test_rejected(value: object, rule: str) -> None:
    with pytest.raises(BadValue) as caught:
        parse_amount(value)
    assert caught.value.rule == rule


def test_an_approximate_number_in_text_says_how_to_write_it() -> None:
    diagnosis = diagnose_number("ca. 11000")
    assert diagnosis is not None and diagnosis.rule == "approximate-number"
    assert "{ca: 11000}" in diagnosis.hint


@pytest.mark.parametrize(
    "value",
    [
        10_000_001,
        9_007_199_254_740_993,  # 2**53 + 1: float64 (a spreadsheet cell) cannot hold it
        999_999_999_999_999_999,
        {"min": 1, "max": 99_999_999},
        {"min": 99_999_999},
        {"ca": 12_000_000},
    ],
)
def test_a_number_of_homes_beyond_the_country_is_implausible(value: object) -> None:
    with pytest.raises(BadValue) as caught:
        parse_amount(value)
    assert caught.value.rule == "implausible-number"
    assert "10 000 000" in caught.value.message and caught.value.hint


def test_the_bound_itself_is_accepted() -> None:
    assert parse_amount(10_000_000) == Count(10_000_000)

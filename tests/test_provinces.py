"""Province names, aliases and codes."""

from __future__ import annotations

import pytest

from woonbod.model.provinces import PROVINCES, find_province, suggest_province


@pytest.mark.parametrize("text", ["Fryslân", "Fryslan", "friesland", "FR", "NL-FR", "nl-fr", "fryslan"])
def test_fryslan_forms(text: str) -> None:
    province = find_province(text)
    assert province is not None and province.name == "Fryslân"


def test_twelve_distinct() -> None:
    assert len({p.code for p in PROVINCES}) == 12 == len({p.slug for p in PROVINCES})


def test_unknown_and_suggestion() -> None:
    assert find_province("Brabant") is None
    assert suggest_province("Noord Brabandt") == "Noord-Brabant"

"""The shipped data: every file valid, every figure with a source, the published national sum."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DATA
from woonbod.loader import load_dataset
from woonbod.provinces import PROVINCES
from woonbod.quantities import Count
from woonbod.validation import validate

FOLDERS = [DATA, DATA / "rondes" / "2022-06-indicatief"]


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_shipped_folders_are_valid(folder: Path) -> None:
    dataset = load_dataset([folder])
    assert dataset.round.path == str(folder / "ronde.yaml")
    assert validate(dataset) == []


def test_definitive_round_has_all_twelve_and_the_published_sum() -> None:
    bids = [lb.bid for lb in load_dataset([DATA]).bids]
    assert {b.provincie.code for b in bids if b} == {p.code for p in PROVINCES}
    # 917,193: the sum reported by De Telegraaf and nul20.nl (docs/sources in reference-figures).
    assert sum(b.totaal.value for b in bids if b and isinstance(b.totaal, Count)) == 917_193


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_every_bid_names_its_sources(folder: Path) -> None:
    for lb in load_dataset([folder]).bids:
        assert lb.bid is not None and lb.bid.bronnen, lb.path
        covered = {field for bron in lb.bid.bronnen for field in bron.over}
        assert "totaal" in covered, lb.path
        for bron in lb.bid.bronnen:
            assert bron.url.startswith("https://"), lb.path


def test_no_invented_submission_dates() -> None:
    # No submission date per province was published for the definitive round.
    assert all(lb.bid is not None and lb.bid.ingediend is None for lb in load_dataset([DATA]).bids)

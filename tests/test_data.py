"""The shipped data: every file valid, every figure with a source, the published national sum."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path

import pytest

from conftest import DATA
from woonbod.loader import load_dataset
from woonbod.models import CorporatieDoel
from woonbod.provinces import PROVINCES
from woonbod.quantities import Count, Share
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
        assert lb.bid is not None, lb.path
        if lb.bid.totaal is None and lb.bid.segmenten is None and not lb.bid.knelpunten:
            # A bid that was submitted but not published: no figure to source.
            assert lb.bid.ingediend is not None and lb.bid.toelichting, lb.path
            assert all(bron.url.startswith("https://") for bron in lb.bid.bronnen or ()), lb.path
            continue
        assert lb.bid.bronnen, lb.path
        covered = {field for bron in lb.bid.bronnen for field in bron.over}
        assert "totaal" in covered, lb.path
        for bron in lb.bid.bronnen:
            assert bron.url.startswith("https://"), lb.path


def test_no_invented_submission_dates() -> None:
    # Every province signed on 13 October 2022, so every bid was submitted; no submission date per
    # province was published for the definitive round: `onbekend`, never a date.
    dataset = load_dataset([DATA])
    assert all(lb.bid is not None and lb.bid.ingediend == "onbekend" for lb in dataset.bids)
    assert dataset.round.ronde.gesloten == dt.date(2022, 10, 13)


def test_the_june_round_is_closed_and_says_what_was_not_published() -> None:
    dataset = load_dataset([DATA / "rondes" / "2022-06-indicatief"])
    assert dataset.round.ronde.gesloten is True  # closed; the date it closed was not published
    bids = {lb.bid.provincie.code: lb.bid for lb in dataset.bids if lb.bid is not None}
    assert len(bids) == 12
    unpublished = {code for code, bid in bids.items() if bid.totaal is None}
    assert unpublished == {"GR", "FR", "OV", "FL", "UT", "NH", "NB", "LI"}
    # The June Zuid-Holland 40% was about all plans in the province, not the bid.
    assert bids["ZH"].segmenten is None


def test_corrections_of_the_second_review() -> None:
    bids = {lb.bid.provincie.code: lb.bid for lb in load_dataset([DATA]).bids if lb.bid is not None}
    # Fryslân's "zo'n 64%" is social rent plus purchase up to NHG, without middenhuur: not betaalbaar.
    assert bids["FR"].segmenten is None and "64" in (bids["FR"].toelichting or "")
    # Groningen's "bijna de helft" and 28 500 belong to the woondeals of February 2023.
    assert bids["GR"].corporaties is None
    # Zeeland: two thirds, approximately.
    assert bids["ZE"].segmenten is not None and bids["ZE"].segmenten.betaalbaar == Share(
        Fraction(2, 3), "2/3", approx=True
    )
    # Drenthe's 5 800 and Limburg's 20 000 are extra homes offered on conditions, not homes at risk.
    for code, extra in (("DR", 5_800), ("LI", 20_000)):
        knelpunten = bids[code].knelpunten or []
        assert all(k.woningen is None for k in knelpunten)
        assert sum(k.extra_woningen.value for k in knelpunten if k.extra_woningen) == extra


def test_round_files_cite_primary_sources_for_the_targets() -> None:
    text = (DATA / "ronde.yaml").read_text(encoding="utf-8")
    assert "https://berthub.eu/tkconv/get/2022D27095" in text and "kst-32847-921" in text
    assert "makelaar" not in text
    ronde = load_dataset([DATA]).round.ronde
    corporaties = ronde.doelen.corporaties
    assert isinstance(corporaties, CorporatieDoel)
    assert (corporaties.sociale_huur, corporaties.middenhuur) == (Count(250_000), Count(50_000))

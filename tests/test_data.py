"""The shipped data: every file valid, every figure with a source, the published national sum."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path

import pytest

from conftest import DATA
from woonbod.analysis.regions import list_regions
from woonbod.checks.validation import validate
from woonbod.loading.loader import load_dataset
from woonbod.model.models import Bid, CorporatieDoel
from woonbod.model.provinces import PROVINCES
from woonbod.model.quantities import Count, Share
from woonbod.model.regions import region_key

WOONDEALS = DATA / "rondes" / "2023-woondeals"
FOLDERS = [DATA, DATA / "rondes" / "2022-06-indicatief", WOONDEALS]


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_shipped_folders_are_valid(folder: Path) -> None:
    dataset = load_dataset([folder])
    assert dataset.round.path == str(folder / "ronde.yaml")
    problems = validate(dataset)
    if folder != WOONDEALS:
        assert problems == []
        return
    # Drenthe's regions add up to 13 000 of its 13 864, as published: a note, not a fix.
    assert [(Path(p.path).name, p.rule, p.level.value) for p in problems] == [
        ("drenthe.yaml", "regios-short", "info")
    ]
    assert "13 000 of the province's 13 864" in problems[0].message


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


def _given_fields(bid: Bid) -> set[str]:
    """Every field of a bid that holds a figure, as `bronnen[].over` names it."""
    fields = {name for name in ("totaal", "corporaties", "regios", "knelpunten") if getattr(bid, name)}
    if bid.segmenten is not None:
        fields |= {f"segmenten.{k}" for k, v in bid.segmenten if v is not None}
    if bid.onderwerpen is not None:
        fields |= {f"onderwerpen.{k}" for k, v in bid.onderwerpen if v is not None}
    return fields


def test_every_woondeal_figure_names_its_source() -> None:
    for lb in load_dataset([WOONDEALS]).bids:
        assert lb.bid is not None and lb.bid.bronnen
        covered = {field for bron in lb.bid.bronnen for field in bron.over}
        assert _given_fields(lb.bid) <= covered, lb.path


def test_woondeals_round_has_its_own_targets_and_no_borrowed_need() -> None:
    ronde = load_dataset([WOONDEALS]).round.ronde
    assert ronde.doelen.totaal is not None and ronde.doelen.totaal.value == 981_000
    # The 250 000 / 350 000 of 2022 were set against 900 000 and are not carried over.
    assert ronde.doelen.sociale_huur is None and ronde.doelen.middensegment is None
    # The minister's need is a 2022 estimate: in data/ronde.yaml, not in the 2023 round.
    assert ronde.benodigd == {}
    need = {p.name: c.value for p, c in load_dataset([DATA]).round.ronde.benodigd.items()}
    assert need == {"Fryslân": 15_680, "Zeeland": 7_006, "Limburg": 16_273}


def test_woondeals_cross_border_regions_are_listed_once() -> None:
    table = list_regions(load_dataset([WOONDEALS]).bids)
    rows = {r.naam: r for r in table.rows}
    assert sum(1 for r in table.rows if region_key(r.naam) == region_key("Groningen-Assen")) == 1
    assert [p.name for p in rows["Groningen-Assen"].provinces] == ["Groningen", "Drenthe"]
    assert [p.name for p in rows["MRA"].provinces] == ["Flevoland", "Noord-Holland"]
    drenthe = next(p.province for p in rows["Groningen-Assen"].parts if p.province.code == "DR")
    flevoland = next(p.province for p in rows["MRA"].parts if p.province.code == "FL")
    assert rows["Groningen-Assen"].part(drenthe, "totaal") == 3_790
    assert rows["MRA"].part(flevoland, "totaal") == 31_400
    assert rows["MRA"].part(flevoland, "betaalbaar") == 20_904


def test_woondeals_no_invented_dates_or_approximations() -> None:
    for lb in load_dataset([WOONDEALS]).bids:
        assert lb.bid is not None and lb.bid.ingediend is None, lb.path
    # Overijssel's "circa 30/40/30" is approximate: kept as text, not as segment figures.
    overijssel = next(
        lb.bid for lb in load_dataset([WOONDEALS]).bids if lb.bid and lb.bid.provincie.code == "OV"
    )
    assert overijssel.segmenten is None and "circa 30%" in (overijssel.toelichting or "")


def test_the_2023_woondeals_round_is_closed_and_owes_nothing() -> None:
    # All twelve provinces had signed by 20 April 2023: no deal may read as still due.
    from typer.testing import CliRunner

    from woonbod.cli import app

    folder = DATA / "rondes" / "2023-woondeals"
    result = CliRunner().invoke(app, ["check", str(folder), "--fail-on", "warning", "-q"])
    assert result.exit_code == 0, result.stdout
    status = CliRunner().invoke(app, ["status", str(folder)])
    assert "The round closed on 2023-04-20: 12 of 12 bids in." in " ".join(status.stdout.split())
    assert "bid-due" not in status.stdout

"""Round 2 of #15, the diff and the report: values for programs beside the texts for people, the
closed-round rule for every item of a diff, and report labels that say what is true."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import DATA, reopen
from woonbod.analysis.regions import list_regions
from woonbod.cli import app
from woonbod.loading.loader import load_dataset
from woonbod.render.report import region_sum

runner = CliRunner(env={"NO_COLOR": None, "FORCE_COLOR": None, "GITHUB_ACTIONS": None, "COLUMNS": None})
INDICATIVE = DATA / "rondes" / "2022-06-indicatief"
WOONDEALS = DATA / "rondes" / "2023-woondeals"
TEXT_FIELDS = ("what", "old", "new")


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def _diff_json(lang: str, old: Path, new: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(_run("--lang", lang, "diff", str(old), str(new), "-f", "json"))
    return document


def _without_text(document: dict[str, Any]) -> dict[str, Any]:
    for province in document["provinces"]:
        for change in province["changes"]:
            for key in TEXT_FIELDS:
                del change[key]
    return document


def _change(document: dict[str, Any], province: str, what: str) -> dict[str, Any]:
    found = next(p for p in document["provinces"] if p["provincie"] == province)
    change: dict[str, Any] = next(c for c in found["changes"] if c["what"] == what)
    return change


@pytest.mark.parametrize(("old", "new"), [(INDICATIVE, DATA), (DATA, WOONDEALS)])
def test_diff_json_is_the_same_in_both_languages_apart_from_the_texts(old: Path, new: Path) -> None:
    dutch, english = _diff_json("nl", old, new), _diff_json("en", old, new)
    assert _without_text(dutch) == _without_text(english)


def test_diff_json_values_are_plain_numbers_beside_the_texts() -> None:
    dutch = _diff_json("nl", INDICATIVE, DATA)
    totaal = _change(dutch, "Groningen", "totaal")
    assert totaal["old"] == "niet gepubliceerd" and totaal["new"] == "28.359"
    assert totaal["kind"] == "segment" and totaal["key"] == "totaal"
    assert (totaal["old_state"], totaal["old_value"]) == ("unpublished", None)
    assert (totaal["new_state"], totaal["new_value"]) == ("given", 28359)
    betaalbaar = _change(_diff_json("nl", DATA, WOONDEALS), "Zeeland", "betaalbaar")
    assert betaalbaar["old"] == "ca. 11.000*" and betaalbaar["approximate"] is True
    assert (betaalbaar["old_state"], betaalbaar["old_value"], betaalbaar["old_approx"]) == (
        "derived",
        11000,
        True,
    )
    assert (betaalbaar["new_state"], betaalbaar["new_value"]) == ("derived", 11370)
    assert "new_approx" not in betaalbaar
    ronde = _change(dutch, "Groningen", "ronde")
    assert (ronde["kind"], ronde["old_value"], ronde["new_value"]) == ("ronde", "indicatief", "definitief")
    knelpunt = _change(dutch, "Groningen", "knelpunt bereikbaarheid")
    assert (knelpunt["kind"], knelpunt["key"]) == ("knelpunt", "bereikbaarheid")
    assert knelpunt["new_value"] == {"homes_at_stake": None, "extra_homes_offered": None}


def test_diff_json_dates_ranges_deferrals_and_regions(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    (old / "utrecht.yaml").write_text(
        "provincie: Utrecht\nronde: indicatief\ningediend: 2022-09-30\ntotaal: {min: 1000, max: 1200}\n"
        "onderwerpen: {transformatie: {uitgesteld_tot: 2023-06-30}}\n"
        "knelpunten: [{soort: stikstof, woningen: 100}]\n"
        "regios: [{naam: U10, totaal: 800}, {naam: Foodvalley, provincies: [Utrecht, Gelderland]}]\n"
    )
    (new / "utrecht.yaml").write_text(
        "provincie: Utrecht\nronde: definitief\ningediend: 2022-10-01\ntotaal: 1100\n"
        "onderwerpen: {transformatie: 1200}\nknelpunten: []\nregios: [{naam: U10, totaal: 900}]\n"
    )
    dutch, english = _diff_json("nl", old, new), _diff_json("en", old, new)
    assert _without_text(json.loads(json.dumps(dutch))) == _without_text(json.loads(json.dumps(english)))
    totaal = _change(dutch, "Utrecht", "totaal")
    assert totaal["old"] == "1.000–1.200" and totaal["old_value"] == {"min": 1000, "max": 1200}
    ingediend = _change(dutch, "Utrecht", "ingediend")
    assert ingediend["old"] == "30 september 2022"
    assert (ingediend["old_value"], ingediend["new_value"]) == ("2022-09-30", "2022-10-01")
    topic = _change(dutch, "Utrecht", "transformatie")
    assert (topic["old_state"], topic["old_value"]) == ("deferred", "2023-06-30")
    assert (topic["new_state"], topic["new_value"], topic["new"]) == ("given", 1200, "1.200")
    gone = _change(dutch, "Utrecht", "knelpunt stikstof")
    assert gone["old_value"] == {"homes_at_stake": 100, "extra_homes_offered": None}
    assert (gone["new_state"], gone["new_value"]) == ("not-listed", None)
    region = _change(dutch, "Utrecht", "regio U10")
    assert (region["kind"], region["key"], region["old_value"], region["new_value"]) == (
        "region",
        "U10",
        800,
        900,
    )
    assert region["delta"] == 100 and "part" not in region
    foodvalley = _change(english, "Utrecht", "regio Foodvalley (part in Utrecht)")
    assert foodvalley["part"] is True and foodvalley["new_state"] == "not-listed"
    assert foodvalley["old_state"] == "unknown" and foodvalley["old"] == "unknown"  # an open round


def test_closed_round_rule_for_every_item_of_a_diff() -> None:
    dutch = _run("--lang", "nl", "diff", str(DATA), str(WOONDEALS))
    assert "  regio Groene Metropoolregio: 33.000 → niet gepubliceerd\n" in dutch
    assert "  regio Foodvalley (deel in Gelderland): 18.500 → niet gepubliceerd\n" in dutch
    assert "  regio Achterhoek: niet genoemd → genoemd, getal niet gepubliceerd\n" in dutch
    assert "  knelpunt stikstof: genoemd, geen aantal woningen → niet gepubliceerd\n" in dutch
    assert "onbekend" not in dutch
    english = _run("diff", str(DATA), str(WOONDEALS))
    assert "  regio Groene Metropoolregio: 33 000 → not published\n" in english
    assert "  regio Achterhoek: not listed → listed, figure not published\n" in english
    assert "unknown" not in english
    document = _diff_json("en", DATA, WOONDEALS)
    region = _change(document, "Gelderland", "regio Groene Metropoolregio")
    assert (region["old_state"], region["new_state"], region["new_value"]) == ("given", "unpublished", None)


def test_open_rounds_keep_unknown(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(DATA, old, ignore=shutil.ignore_patterns("rondes"))
    shutil.copytree(WOONDEALS, new)
    reopen(old)
    reopen(new)
    english = _run("diff", str(old), str(new))
    assert "  regio Groene Metropoolregio: 33 000 → unknown\n" in english
    assert "  regio Achterhoek: not listed → listed, figure unknown\n" in english
    assert "  knelpunt stikstof: named, no number of homes → not listed\n" in english
    assert "not published" not in english.split("Gelderland:")[1].split("Utrecht:")[0]


@pytest.fixture
def open_partial(tmp_path: Path) -> Path:
    """The shipped bids in an open round, Limburg missing, Zeeland submitted late and deferring a
    topic past the round's latest date."""
    folder = tmp_path / "open"
    folder.mkdir()
    for path in DATA.glob("*.yaml"):
        if path.name != "limburg.yaml":
            shutil.copy(path, folder / path.name)
    zeeland = folder / "zeeland.yaml"
    text = re.sub(r"\ningediend: onbekend[^\n]*", "\ningediend: 2022-10-05", zeeland.read_text())
    zeeland.write_text(text + "onderwerpen:\n  transformatie: {uitgesteld_tot: 2024-01-01}\n")
    return reopen(folder)


def _report(folder: Path, *args: str) -> str:
    return _run(*args, "report", str(folder), "--as-of", "2022-09-20", "-o", "-")


def _kpi(html: str, title: str) -> tuple[str, str]:
    match = re.search(
        rf'<div class="note">{re.escape(title)}</div>\s*'
        r'<div class="big">([^<]*)</div>\s*<div class="note">([^<]*)</div>',
        html,
    )
    assert match, title
    return match.group(1), match.group(2)


def test_report_target_of_a_partial_sum_says_so(open_partial: Path) -> None:
    dutch = _report(open_partial, "--lang", "nl")
    assert _kpi(dutch, "Landelijk doel") == (
        "900.000",
        "deelsom (11 van de 12 provincies): geen percentage van het doel",
    )
    assert '<div class="note"> van het doel</div>' not in dutch
    english = _report(open_partial)
    assert _kpi(english, "National target") == (
        "900 000",
        "partial sum (11 of 12 provinces): no share of the target",
    )
    complete = _report(DATA)
    assert _kpi(complete, "National target")[1] == "101.9% of the target"


def test_report_counts_what_is_still_owed_as_status_does(open_partial: Path) -> None:
    status = _run("status", str(open_partial), "--as-of", "2022-09-20")
    owed = re.search(r"(\d+) items still\s+owed", status)
    assert owed
    gaps = _run("gaps", str(open_partial), "--as-of", "2022-09-20")
    assert "[submitted-late]" in gaps and "[deferral-too-late]" in gaps
    assert _kpi(_report(open_partial, "--lang", "nl"), "Nog open (hiaten)") == (
        owed.group(1),
        "nog te leveren",
    )
    assert _kpi(_report(open_partial), "Still open (gaps)") == (owed.group(1), "still to be delivered")
    after = _run("--lang", "nl", "report", str(open_partial), "--as-of", "2022-10-20", "-o", "-")
    owed_after = re.search(
        r"(\d+) items still\s+owed", _run("status", str(open_partial), "--as-of", "2022-10-20")
    )
    assert owed_after
    assert _kpi(after, "Nog open (hiaten)") == (owed_after.group(1), "nog te leveren, deadline verstreken")


def test_report_region_sum_says_its_coverage() -> None:
    html = _run("--lang", "nl", "report", str(WOONDEALS), "-o", "-")
    assert '<th class="num">429.562 (14/27)</th>' in html
    markdown = _run("report", str(WOONDEALS), "-f", "markdown", "-o", "-")
    assert re.search(r"\| \*\*Sum\*\* +\| each region once +\| \*\*429 562\*\* \(14/27\) +\|", markdown)


def test_a_complete_region_sum_has_no_coverage(tmp_path: Path) -> None:
    folder = tmp_path / "regions"
    folder.mkdir()
    shutil.copy(WOONDEALS / "ronde.yaml", folder / "ronde.yaml")
    (folder / "utrecht.yaml").write_text(
        "provincie: Utrecht\nronde: definitief\ntotaal: 1100\nregios: [{naam: U10, totaal: 900}]\n"
    )
    table = list_regions(load_dataset([folder]).bids)
    assert region_sum(table) == "900"

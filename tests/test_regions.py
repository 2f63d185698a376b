"""Regions across province borders: per-bid checks, checks across bids, and each region once."""

from __future__ import annotations

import json
import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from woonbod.analysis.regions import list_regions
from woonbod.checks.validation import validate
from woonbod.cli import app
from woonbod.loading.loader import load_dataset
from woonbod.model.regions import region_key
from woonbod.problems import Level

runner = CliRunner()

# A synthetic round: Groningen-Assen crosses into Drenthe (Drenthe's part known, Groningen's
# not), Foodvalley spans Gelderland and Utrecht (both parts known), the rest lie inside.
ROUND = {
    "groningen.yaml": """provincie: Groningen
ronde: definitief
totaal: 30000
regios:
  - {naam: Eemsdelta, totaal: 3000}
  - {naam: Groningen-Assen, totaal: 25000, provincies: [Groningen, Drenthe]}
""",
    "drenthe.yaml": """provincie: Drenthe
ronde: definitief
totaal: 14000
regios:
  - {naam: Zuidwest-Drenthe, totaal: 5000}
  - {naam: Zuidoost-Drenthe, totaal: 4000}
  - {naam: groningen assen, provincies: [Drenthe, Groningen], toegerekend: 4000}
""",
    "gelderland.yaml": """provincie: Gelderland
ronde: definitief
totaal: 100000
regios:
  - naam: Foodvalley
    totaal: 25000
    provincies: [Gelderland, Utrecht]
    toegerekend: {totaal: 19000, segmenten: {sociale_huur: 5000}}
""",
    "utrecht.yaml": """provincie: Utrecht
ronde: definitief
totaal: 80000
regios:
  - {naam: U10, totaal: 61000}
  - {naam: Foodvalley, totaal: 25000, provincies: [Gelderland, Utrecht], toegerekend: 6000}
""",
}


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_cross_border_round_is_valid_and_the_shortfall_is_a_note(tmp_path: Path) -> None:
    problems = validate(load_dataset([_write(tmp_path / "r", ROUND)]))
    assert [(Path(p.path).name, p.rule, p.level) for p in problems] == [
        ("drenthe.yaml", "regios-short", Level.INFO),
        ("gelderland.yaml", "regios-short", Level.INFO),
        ("utrecht.yaml", "regios-short", Level.INFO),
    ]
    # Drenthe's own parts and its part of Groningen-Assen; Utrecht's U10 and its part of
    # Foodvalley (the whole Foodvalley would be 86 000, more than Utrecht's 80 000).
    assert "13 000 of the province's 14 000: 1 000 not assigned to a region" in problems[0].message
    assert "67 000 of the province's 80 000: 13 000 not assigned" in problems[2].message


def test_each_region_is_listed_once_with_every_province_and_part(tmp_path: Path) -> None:
    table = list_regions(load_dataset([_write(tmp_path / "r", ROUND)]).bids)
    names = [r.naam for r in table.rows]
    assert names == [
        "Eemsdelta",
        "Groningen-Assen",
        "Zuidwest-Drenthe",
        "Zuidoost-Drenthe",
        "Foodvalley",
        "U10",
    ]
    assessed = {r.naam: r for r in table.rows}
    gr_assen = assessed["Groningen-Assen"]
    assert [p.name for p in gr_assen.provinces] == ["Groningen", "Drenthe"]
    assert gr_assen.value("totaal") == (25000, 25000)
    drenthe, groningen = (
        next(p.province for p in gr_assen.parts if p.province.code == c) for c in ("DR", "GR")
    )
    assert gr_assen.part(drenthe, "totaal") == 4000
    assert gr_assen.part(groningen, "totaal") is None  # not published, not guessed
    food = assessed["Foodvalley"]
    assert [part.province.name for part in food.parts] == ["Gelderland", "Utrecht"]
    assert food.part(food.parts[0].province, "sociale_huur") == 5000
    # Each region once: Groningen-Assen and Foodvalley count 25 000 each, not twice.
    assert table.total("totaal") == 3000 + 25000 + 5000 + 4000 + 25000 + 61000


def test_total_by_regio_prints_each_region_once(tmp_path: Path) -> None:
    folder = _write(tmp_path / "r", {k: ROUND[k] for k in ("groningen.yaml", "drenthe.yaml")})
    result = runner.invoke(app, ["total", str(folder), "--by", "regio", "-f", "markdown"])
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[:7] == [
        "| Region           | Province(s)        |           totaal | per province               |",
        "|------------------|--------------------|------------------|----------------------------|",
        "| Eemsdelta        | Groningen          |            3 000 |                            |",
        "| Groningen-Assen  | Groningen, Drenthe |           25 000 | Groningen ?, Drenthe 4 000 |",
        "| Zuidwest-Drenthe | Drenthe            |            5 000 |                            |",
        "| Zuidoost-Drenthe | Drenthe            |            4 000 |                            |",
        "| **Sum**          | each region once   | **37 000** (4/4) |                            |",
    ]
    assert "1 crosses a province border (Groningen-Assen), listed once" in result.stdout


def test_total_by_regio_json_and_csv(tmp_path: Path) -> None:
    folder = _write(tmp_path / "r", ROUND)
    document = json.loads(runner.invoke(app, ["total", str(folder), "--by", "regio", "-f", "json"]).stdout)
    assert document["by"] == "regio"
    food = next(r for r in document["regions"] if r["naam"] == "Foodvalley")
    assert food["cross_border"] is True and food["provincies"] == ["Gelderland", "Utrecht"]
    assert [(p["provincie"], p["figures"]["totaal"]) for p in food["parts"]] == [
        ("Gelderland", 19000),
        ("Utrecht", 6000),
    ]
    assert document["sum"]["totaal"] == {"value": 123000, "regions": 6}
    csv_lines = runner.invoke(app, ["total", str(folder), "--by", "regio", "-f", "csv"]).stdout.splitlines()
    assert csv_lines[0] == "regio,provincies,totaal,provincie,totaal_deel"
    assert "Groningen-Assen,Groningen; Drenthe,25000,Groningen," in csv_lines
    assert "Groningen-Assen,Groningen; Drenthe,25000,Drenthe,4000" in csv_lines


def test_a_cross_border_part_counts_for_its_province_only(tmp_path: Path) -> None:
    # Utrecht's regions: U10 61 000 inside + its part of Foodvalley 6 000 = 67 000 <= 80 000,
    # although U10 + the whole Foodvalley (86 000) is more than the province.
    files = dict(ROUND)
    files["utrecht.yaml"] = files["utrecht.yaml"].replace("toegerekend: 6000", "toegerekend: 20000")
    problems = validate(load_dataset([_write(tmp_path / "r", files)]))
    rules = sorted((Path(p.path).name, p.rule) for p in problems)
    assert ("utrecht.yaml", "regios-sum") in rules  # 61 000 + 20 000 > 80 000
    assert ("utrecht.yaml", "regio-conflict") in rules  # 19 000 + 20 000 > Foodvalley's 25 000


def test_bids_that_disagree_on_a_region_get_a_warning(tmp_path: Path) -> None:
    files = dict(ROUND)
    files["utrecht.yaml"] = files["utrecht.yaml"].replace(
        "{naam: Foodvalley, totaal: 25000", "{naam: Foodvalley, totaal: 24000"
    )
    problems = [
        p for p in validate(load_dataset([_write(tmp_path / "r", files)])) if p.rule == "regio-conflict"
    ]
    assert len(problems) == 1 and problems[0].level is Level.WARNING
    assert "region 'Foodvalley' has totaal 24 000 here, but 25 000 in" in problems[0].message
    assert Path(problems[0].path).name == "utrecht.yaml" and problems[0].line == 6


def test_an_unknown_part_does_not_invent_a_shortfall(tmp_path: Path) -> None:
    # Groningen: Eemsdelta 3 000 of 30 000, Groningen-Assen's part unknown: no regios-short.
    problems = validate(load_dataset([_write(tmp_path / "r", {"groningen.yaml": ROUND["groningen.yaml"]})]))
    assert problems == []


def test_region_names_match_without_case_accents_or_dashes() -> None:
    assert (
        region_key("Groningen-Assen")
        == region_key("groningen assen")
        == region_key("GRONINGEN–ASSEN".replace("–", "-"))
    )
    assert region_key("Fryslân Noord") == region_key("fryslan-noord")


@settings(max_examples=30, deadline=None)
@given(st.randoms(use_true_random=False))
def test_region_listing_does_not_depend_on_file_order(rnd: random.Random) -> None:
    import tempfile

    names = list(ROUND)
    rnd.shuffle(names)
    with tempfile.TemporaryDirectory() as tmp:
        folder = _write(Path(tmp) / "r", {name: ROUND[name] for name in names})
        paths = [folder / name for name in names]
        table = list_regions(load_dataset(paths).bids)
    assert [r.naam for r in table.rows][:2] == ["Eemsdelta", "Groningen-Assen"]
    assert table.total("totaal") == 123000

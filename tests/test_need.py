"""Each bid against the round's benodigd: shown where known, with its coverage stated."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from conftest import DATA
from woonbod.analysis.need import compare_need
from woonbod.cli import app
from woonbod.loading.loader import load_dataset

runner = CliRunner()


def test_need_is_compared_where_known_and_coverage_is_stated() -> None:
    dataset = load_dataset([DATA])
    need = compare_need(dataset.bids, dataset.round.ronde)
    assert need is not None
    assert [(r.province.name, r.bid.low, r.need) for r in need.with_need] == [
        ("Fryslân", 17_500, 15_680),
        ("Zeeland", 16_500, 7_006),
        ("Limburg", 26_550, 16_273),
    ]
    assert need.sums() == (60_550, 38_959)
    assert len(need.rows) == 12 and sum(r.need is None for r in need.rows) == 9


def test_a_round_without_need_shows_none() -> None:
    dataset = load_dataset([DATA / "rondes" / "2023-woondeals"])
    assert compare_need(dataset.bids, dataset.round.ronde) is None
    result = runner.invoke(app, ["status", str(DATA / "rondes" / "2023-woondeals")])
    assert "benodigd" not in result.stdout


def test_total_status_and_report_show_each_bid_against_the_need() -> None:
    line = (
        "Need (benodigd, the minister's estimate) known for 3 of 12 provinces; bid vs need: "
        "Fryslân 17 500 vs 15 680 (111.6%), Zeeland 16 500 vs 7 006 (235.5%), Limburg 26 550 vs "
        "16 273 (163.2%); unknown for the other 9, so no national comparison."
    )
    markdown = runner.invoke(app, ["total", str(DATA), "-f", "markdown"]).stdout
    assert f"- {line}\n" in markdown
    table = runner.invoke(app, ["total", str(DATA)]).stdout
    assert "│ Zeeland       │  16 500 │  7 006 │  235.5% │" in table
    report = runner.invoke(app, ["report", str(DATA), "-f", "markdown"]).stdout
    assert "| Limburg       |         26 550 | 16 273 |       163.2% |" in report
    assert line in report
    status = json.loads(runner.invoke(app, ["status", str(DATA), "-f", "json"]).stdout)
    assert status["benodigd"]["known"] == 3 and status["benodigd"]["of"] == 12
    fryslan = status["benodigd"]["provinces"][1]
    assert fryslan == {
        "provincie": "Fryslân",
        "code": "NL-FR",
        "totaal": 17_500,
        "benodigd": 15_680,
        "difference": 1_820,
        "share_of_need": 1.1161,
    }


def test_other_segments_do_not_pretend_a_need(tmp_path: Path) -> None:
    # The need is a number of homes in total: it is not shown against sociale huur.
    result = runner.invoke(app, ["total", str(DATA), "--segment", "sociale-huur", "-f", "json"])
    assert "benodigd" not in json.loads(result.stdout)

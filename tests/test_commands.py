"""check, status, total, gaps and knelpunten from the command line: exit codes and output."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA, ROOT
from woonbod.cli import app

runner = CliRunner(env={"NO_COLOR": None, "FORCE_COLOR": None, "GITHUB_ACTIONS": None, "COLUMNS": None})
EXAMPLES = ROOT / "examples" / "fictief"


def test_check_on_shipped_data_passes_the_round_is_closed() -> None:
    result = runner.invoke(app, ["check", str(DATA), "--as-of", "2026-11-30"])
    assert result.exit_code == 0, result.stdout
    assert "error [" not in result.stdout and "warning [" not in result.stdout
    assert (
        "data/groningen.yaml:3:1: info [not-published] sociale huur of Groningen was not published "
        "(the round closed on 2022-10-13)" in result.stdout
    )
    assert result.stdout.endswith("12 bid files checked: 12 valid, 0 errors, 0 warnings, 107 info.\n")


def test_the_same_bids_in_an_open_round_still_owe_items(open_data: Path) -> None:
    before = runner.invoke(app, ["check", str(open_data), "--as-of", "2022-09-20"])
    assert before.exit_code == 0, before.stdout
    assert "info [item-due]" in before.stdout and "not-published" not in before.stdout
    assert before.stdout.endswith("12 bid files checked: 12 valid, 0 errors, 0 warnings, 95 info.\n")
    after = runner.invoke(app, ["check", str(open_data), "--as-of", "2022-10-02"])
    assert after.exit_code == 1
    assert "error [required-unknown] sociale huur is required in this round but unknown for Groningen" in (
        after.stdout
    )
    # ingediend: onbekend says the bid was submitted: no bid is owed, only its items.
    assert "not-submitted" not in after.stdout
    gaps = runner.invoke(app, ["gaps", str(open_data), "--as-of", "2022-10-02"])
    assert gaps.stdout.rstrip().endswith(
        "As of 2022-10-02: the deadline of 2022-10-01 passed 1 day ago; 0 of 12 bids submitted on time, "
        "12 submitted on a date that is not known, 95 items still owed, 0 deferred."
    )


def test_a_bid_without_ingediend_is_not_submitted_in_an_open_round(open_data: Path) -> None:
    path = open_data / "utrecht.yaml"
    path.write_text(path.read_text().replace("ingediend: onbekend", "ingediend: null"))
    result = runner.invoke(app, ["check", str(open_data), "--as-of", "2022-10-02"])
    assert "utrecht.yaml:5:12: error [not-submitted] Utrecht's bid has no submission date" in result.stdout


def test_a_closed_round_reads_a_missing_ingediend_as_not_published(data_copy: Path) -> None:
    path = data_copy / "utrecht.yaml"
    path.write_text(path.read_text().replace("ingediend: onbekend", "ingediend: null"))
    result = runner.invoke(app, ["check", str(data_copy)])
    assert result.exit_code == 0
    assert (
        "utrecht.yaml:5:12: info [not-published] the submission date of Utrecht was not published "
        "(the round closed on 2022-10-13) — write `ingediend: onbekend` to say the date is not known"
    ) in result.stdout


def test_check_fail_on_warning(tmp_path: Path) -> None:
    (tmp_path / "ronde.yaml").write_text("ronde: definitief\nnormen: {sociale_huur: '30%'}\n")
    (tmp_path / "utrecht.yaml").write_text(
        "provincie: Utrecht\nronde: definitief\ntotaal: 1000\nsegmenten: {sociale_huur: 100}\n"
    )
    assert runner.invoke(app, ["check", str(tmp_path)]).exit_code == 0
    # A province below a national norm is information; the national figure is not complete.
    result = runner.invoke(app, ["check", str(tmp_path), "--fail-on", "warning"])
    assert result.exit_code == 0
    assert (
        f"{tmp_path}/utrecht.yaml:4:27: info [norm-sociale-huur] sociale huur is 100 (10.0% of totaal), "
        "below the national norm of 30% = 300: 200 homes short (information: the norm is a national "
        "average)" in result.stdout
    )


def test_check_bad_as_of_exits_2() -> None:
    result = runner.invoke(app, ["check", str(DATA), "--as-of", "1-10-2022"])
    assert result.exit_code == 2
    assert result.stderr == "woonbod: --as-of takes a date such as 2022-10-01, not '1-10-2022'\n"


def test_check_json_counts_everything(open_data: Path) -> None:
    result = runner.invoke(app, ["check", str(open_data), "--as-of", "2022-10-02", "-f", "json"])
    document = json.loads(result.stdout)
    assert document["command"] == "check" and document["as_of"] == "2022-10-02"
    assert document["summary"]["errors"] == sum(1 for p in document["problems"] if p["level"] == "error") > 0


def test_status_screen() -> None:
    result = runner.invoke(app, ["status", str(DATA), "--as-of", "2022-10-15"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "Definitieve provinciale biedingen 2022 (" + str(DATA / "ronde.yaml") + ", closed on 2022-10-13)"
    )
    assert lines[1] == "Bids: 12 files for 12 of 12 provinces; 12 valid."
    assert re.search(r"│ totaal +│ +917 193 │ +12/12 │ +900 000 │ +101.9% │ national", result.stdout)
    # A partial sum: no share of the national target, only the share of the provinces' own totaal.
    assert re.search(
        r"│ sociale huur +│ +39 180\* │ +1/12 │ +250 000 │ +│ partial sum \(30.0% of own totaal\)",
        result.stdout,
    )
    assert re.search(
        r"│ betaalbaar +│ +ca. 98 067\* │ +2/12 │ +600 000\* │ +│ partial sum \(ca. 66.7%", result.stdout
    )
    assert re.search(
        r"│ overig +│ +ca. 49 033\* │ +2/12 │ +│ +│ partial sum", result.stdout
    )  # no derived target
    assert re.search(r"│ corporaties +│ +n\.p\. │ +0/12 │ +300 000 │ +│ not published", result.stdout)
    assert "Not owed (closed round): 107 × not-published (details: woonbod gaps)." in result.stdout
    assert (
        "The round closed on 2022-10-13: 12 of 12 bids in. Not published (provinces): submission date (12), "
        "sociale huur (11), middenhuur (12)" in " ".join(result.stdout.split())
    )
    assert "15.7%" not in result.stdout and "still owed" not in result.stdout


def test_status_before_the_closing_date_shows_the_round_open() -> None:
    """On 2022-10-02 the round (closed 2022-10-13) was open and past its deadline: owed, not
    "not published"."""
    result = runner.invoke(app, ["status", str(DATA), "--as-of", "2022-10-02"])
    text = " ".join(result.stdout.split())
    assert "Not owed" not in text and "Gaps: " in text
    assert "As of 2022-10-02: the deadline of 2022-10-01 passed 1 day ago;" in text
    assert "The round was still open on 2022-10-02; it closed on 2022-10-13." in text


def test_status_in_an_open_round_shows_what_is_owed(open_data: Path) -> None:
    result = runner.invoke(app, ["status", str(open_data), "--as-of", "2022-10-02"])
    text = " ".join(result.stdout.split())
    assert "Gaps: 48 × topic-missing, 47 × required-unknown (details: woonbod gaps)." in text
    assert "12 submitted on a date that is not known, 95 items still owed" in text


def test_status_json() -> None:
    document = json.loads(runner.invoke(app, ["status", str(DATA), "-f", "json"]).stdout)
    assert document["bids"] == {"files": 12, "invalid_files": 0, "provinces": 12}
    assert document["segments"][0]["sum"]["value"] == 917_193


def test_status_exits_1_when_a_bid_has_errors(tmp_path: Path) -> None:
    (tmp_path / "utrecht.yaml").write_text("provincie: Utrecht\nronde: definitief\ntotaal: 1.000\n")
    result = runner.invoke(app, ["status", str(tmp_path)])
    assert result.exit_code == 1
    assert "1 with errors" in result.stdout


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_total_formats(fmt: str) -> None:
    result = runner.invoke(app, ["total", str(DATA), "--segment", "betaalbaar", "--format", fmt])
    assert result.exit_code == 0
    assert "98067" in result.stdout.replace(" ", "")  # Noord-Brabant 87 067 + Zeeland ca. 11 000
    if fmt in ("table", "markdown"):
        assert "ca. 98 067" in result.stdout


def test_total_csv_is_plain_numbers() -> None:
    result = runner.invoke(app, ["total", str(DATA), "-s", "sociale-huur", "-f", "csv"])
    lines = result.stdout.splitlines()
    header = (
        "provincie,code,sociale_huur,sociale_huur_max,sociale_huur_status,sociale_huur_approx,"
        "sociale_huur_provincies_bekend,provincies"
    )
    assert lines[0] == header
    assert "Noord-Brabant,NL-NB,39180,39180,derived,false,," in lines
    assert lines[-1] == "Nederland,NL,39180,39180,partial,false,1,12"


def test_total_csv_says_which_figures_are_approximate() -> None:
    # "about" stays "about" in a spreadsheet too: Zeeland's betaalbaar is {ca: "2/3"}.
    result = runner.invoke(app, ["total", str(DATA), "-s", "betaalbaar", "-f", "csv"])
    lines = result.stdout.splitlines()
    assert "Zeeland,NL-ZE,11000,11000,derived,true,," in lines
    assert "Noord-Brabant,NL-NB,87067,87067,derived,false,," in lines
    assert lines[-1].endswith(",partial,true,2,12")


def test_total_markdown_marks_partial_and_derived() -> None:
    result = runner.invoke(app, ["total", str(DATA), "-s", "sociale-huur", "-f", "markdown"])
    assert "| Noord-Brabant |       39 180\\* |" in result.stdout
    assert "Partial sum, not the national figure: 39 180* from 1 of 12 provinces" in result.stdout


def test_total_unknown_segment_exits_2() -> None:
    result = runner.invoke(app, ["total", "--segment", "duur"])
    assert result.exit_code == 2 and "--segment must be one of" in result.stderr


def test_total_reports_errors_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "utrecht.yaml").write_text("provincie: Utrecht\nronde: definitief\ntotaal: 1.000\n")
    result = runner.invoke(app, ["total", str(tmp_path), "-f", "csv"])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "woonbod: 1 error in the bids: figures from files with errors are left out"
    )
    assert "Utrecht,NL-UT,,,invalid" in result.stdout


def _shipped_with_utrecht(tmp_path: Path, utrecht: str) -> Path:
    for path in DATA.glob("*.yaml"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "utrecht.yaml").write_text(utrecht)
    return tmp_path


# Each of these files has an error that leaves a model standing; which figure is right is unknown.
_WRONG_BUT_READABLE = {
    "duplicate-key": "provincie: Utrecht\nronde: definitief\ntotaal: 83500\ntotaal: 8350\n",
    "fasering-sum": "provincie: Utrecht\nronde: definitief\ntotaal: 83500\nfasering: {2022-2030: 80000}\n",
    "range-in-definitive": "provincie: Utrecht\nronde: definitief\ntotaal: {min: 80000, max: 90000}\n",
}


@pytest.mark.parametrize("rule", sorted(_WRONG_BUT_READABLE))
def test_a_file_with_an_error_adds_nothing_to_any_sum(tmp_path: Path, rule: str) -> None:
    folder = _shipped_with_utrecht(tmp_path, _WRONG_BUT_READABLE[rule])
    assert f"error [{rule}]" in runner.invoke(app, ["validate", str(folder)]).stdout
    note = "woonbod: 1 error in the bids: figures from files with errors are left out"
    total = runner.invoke(app, ["total", str(folder), "-f", "csv"])
    assert total.exit_code == 1 and total.stderr.startswith(note)
    assert "Utrecht,NL-UT,,,invalid" in total.stdout
    national = json.loads(runner.invoke(app, ["total", str(folder), "-f", "json"]).stdout)["segments"][0]
    assert (national["sum"]["value"], national["coverage"]["known"]) == (917_193 - 83_500, 11)
    status = runner.invoke(app, ["status", str(folder), "--as-of", "2022-09-20"])
    assert "Bids: 12 files for 11 of 12 provinces; 11 valid, 1 with errors" in status.stdout
    for command in (["knelpunten"], ["export", "--format", "csv"], ["gaps", "--as-of", "2022-09-20"]):
        result = runner.invoke(app, [*command, str(folder)])
        assert result.exit_code == 1 and result.stderr.startswith(note), command
    gaps = runner.invoke(app, ["gaps", str(folder), "--as-of", "2022-10-02"]).stdout
    assert (
        f"{folder}/utrecht.yaml:1:1: error [missing-bid] no usable bid for Utrecht: the file has errors, "
        f"1 day after the deadline of 2022-10-01 — fix what `woonbod validate {folder}/utrecht.yaml` shows"
    ) in gaps
    assert "1 with only a bid file that has errors" in gaps
    markdown = runner.invoke(app, ["gaps", str(folder), "--as-of", "2022-10-02", "-f", "markdown"]).stdout
    assert f"- `{folder}/utrecht.yaml:1` **error** [missing-bid] no usable bid for Utrecht" in markdown
    html = runner.invoke(app, ["report", str(folder)])
    assert html.exit_code == 1 and "unknown (file with errors)" in html.stdout
    check = runner.invoke(app, ["check", str(folder), "--as-of", "2022-10-02", "-j", "1"]).stdout
    assert f"{folder}/utrecht.yaml:1:1: error [missing-bid] no usable bid for Utrecht" in check
    diff = runner.invoke(app, ["diff", str(DATA), str(folder)])
    assert diff.exit_code == 1 and diff.stderr.startswith(note)


def test_gaps_with_a_province_missing(tmp_path: Path) -> None:
    for path in DATA.glob("*.yaml"):
        if path.name != "utrecht.yaml":
            (tmp_path / path.name).write_bytes(path.read_bytes())
    result = runner.invoke(app, ["gaps", str(tmp_path), "--as-of", "2022-10-02", "-f", "csv"])
    assert result.exit_code == 1
    assert "Utrecht,NL-UT,missing,,,,,,,,," in result.stdout
    text = runner.invoke(app, ["gaps", str(tmp_path), "--as-of", "2022-10-02"]).stdout
    assert (
        f"{tmp_path}/ronde.yaml: error [missing-bid] no bid file for Utrecht, 1 day after the deadline of "
        "2022-10-01" in text
    )


def test_gaps_before_the_deadline_exits_0(open_data: Path) -> None:
    result = runner.invoke(app, ["gaps", str(open_data), "--as-of", "2022-09-20"])
    assert result.exit_code == 0
    assert result.stdout.rstrip().endswith(
        "As of 2022-09-20: 11 days left until the deadline of 2022-10-01; 0 of 12 bids submitted on time, "
        "12 submitted on a date that is not known, 95 items still owed, 0 deferred."
    )


def test_gaps_in_a_closed_round_says_not_published() -> None:
    result = runner.invoke(app, ["gaps", str(DATA), "--as-of", "2026-11-30", "-f", "json"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["closed"] is True and document["closed_on"] == "2022-10-13"
    groningen = document["provinces"][0]["cells"]
    assert groningen["bod"] == {"state": "submitted", "detail": "date not published"}
    assert groningen["sociale_huur"] == {"state": "unpublished", "detail": ""}
    assert document["not_published"]["bod"] == 12 and document["not_published"]["sociale_huur"] == 11
    assert "missing" not in result.stdout and "still owed" not in result.stdout


def test_gaps_on_examples_shows_deferrals() -> None:
    result = runner.invoke(app, ["gaps", str(EXAMPLES), "--as-of", "2022-10-15", "-f", "json"])
    document = json.loads(result.stdout)
    flevoland = next(p for p in document["provinces"] if p["provincie"] == "Flevoland")
    assert flevoland["cells"]["bod"] == {"state": "late", "detail": "2 days late"}
    assert flevoland["cells"]["transformatie"] == {"state": "deferred", "detail": "until 2023-06-30"}


def test_knelpunten_keep_homes_at_stake_and_extra_homes_apart() -> None:
    result = runner.invoke(app, ["knelpunten", str(DATA), "-f", "json"])
    document = json.loads(result.stdout)
    assert [p["provincie"] for p in document["provinces"][:2]] == ["Limburg", "Drenthe"]
    assert document["soorten"][0] == {
        "soort": "overig",
        "homes": 0,
        "extra_homes": 20_000,
        "provinces": 4,
        "rijksrol": 3,
    }
    # Nothing is at stake in the published bids; 25 800 extra homes are offered on conditions.
    assert document["total_homes"] == 0 and document["total_extra_homes"] == 25_800
    limburg = document["provinces"][0]
    assert limburg["homes"] == 0 and limburg["extra_homes"] == 20_000
    table = runner.invoke(app, ["knelpunten", str(DATA)]).stdout
    assert "25 800 homes at stake" not in table
    summary = " ".join(table.split())
    assert "7 of 12 provinces name bottlenecks; no bid gives a number of homes at stake." in summary
    assert "Separately, 2 provinces offer 25 800 extra homes on top of their bids" in summary


def test_knelpunten_never_add_at_stake_and_extra(tmp_path: Path) -> None:
    (tmp_path / "utrecht.yaml").write_text(
        "provincie: Utrecht\nronde: definitief\nknelpunten:\n"
        "  - {soort: stikstof, woningen: 3000, extra_woningen: 2000, rijksrol: true}\n"
        "  - {soort: netcongestie, woningen: 1000}\n"
    )
    document = json.loads(runner.invoke(app, ["knelpunten", str(tmp_path), "-f", "json"]).stdout)
    assert document["total_homes"] == 4_000 and document["total_extra_homes"] == 2_000
    markdown = runner.invoke(app, ["knelpunten", str(tmp_path), "-f", "markdown"]).stdout
    assert "| Utrecht       | 3 000 +2 000 R | 1 000          | 4 000      | +2 000          |" in markdown
    csv_out = runner.invoke(app, ["knelpunten", str(tmp_path), "-f", "csv"]).stdout
    assert "Utrecht,NL-UT,stikstof,3000,2000,true,1" in csv_out


def test_knelpunten_examples_every_format() -> None:
    for fmt in ("table", "json", "csv", "markdown"):
        assert runner.invoke(app, ["knelpunten", str(EXAMPLES), "-f", fmt]).exit_code == 0
    csv_out = runner.invoke(app, ["knelpunten", str(EXAMPLES), "-f", "csv"]).stdout
    assert csv_out.splitlines()[0] == "provincie,code,soort,woningen,extra_woningen,rijksrol,aantal"


def test_examples_are_valid_and_use_every_field() -> None:
    from woonbod.checks.validation import validate
    from woonbod.loading.loader import load_dataset
    from woonbod.model.models import Bid

    dataset = load_dataset([EXAMPLES])
    assert validate(dataset) == []
    used: set[str] = set()
    for lb in dataset.bids:
        assert lb.bid is not None
        used |= {name for name in Bid.model_fields if getattr(lb.bid, name) is not None}
    assert used == set(Bid.model_fields)


def test_json_docs_name_every_top_level_key() -> None:
    doc = (ROOT / "docs" / "json.md").read_text()
    for command in (["validate"], ["check"], ["total"], ["gaps"], ["knelpunten"], ["status"]):
        document = json.loads(runner.invoke(app, [*command, str(DATA), "-f", "json"]).stdout)
        for key in document:
            assert f"`{key}`" in doc, f"{command[0]}: {key} is not documented in docs/json.md"


@pytest.mark.parametrize("command", ["total", "gaps", "knelpunten"])
def test_one_round_at_a_time(command: str) -> None:
    result = runner.invoke(app, [command, str(DATA), str(DATA / "rondes" / "2022-06-indicatief")])
    assert result.exit_code == 2
    assert "2 rounds" in result.stderr and "one round at a time" in result.stderr


def test_no_gaps_on_a_closed_round_still_misses_a_deleted_bid(data_copy: Path) -> None:
    # The pre-commit hook for a closed round runs `check --no-gaps`: deleting a province's bid
    # loses data that was published, so it must still fail, without a count of days.
    (data_copy / "zeeland.yaml").unlink()
    result = runner.invoke(app, ["check", str(data_copy), "--no-gaps"])
    assert result.exit_code == 1
    assert (
        f"{data_copy}/ronde.yaml: error [missing-bid] no bid file for Zeeland in this folder, though "
        f"the round closed on 2022-10-13 — add {data_copy}/zeeland.yaml"
    ) in result.stdout
    assert "days after" not in result.stdout and "not-published" not in result.stdout


def test_no_gaps_on_an_open_round_owes_nothing(data_copy: Path) -> None:
    # Before or after its deadline, an open round's missing bid is a gap, which --no-gaps leaves out.
    ronde = data_copy / "ronde.yaml"
    ronde.write_text(ronde.read_text(encoding="utf-8").replace("gesloten: 2022-10-13", ""), encoding="utf-8")
    (data_copy / "zeeland.yaml").unlink()
    result = runner.invoke(app, ["check", str(data_copy), "--no-gaps", "-q"])
    assert result.exit_code == 0, result.stdout


def test_a_broken_bid_in_a_closed_round_keeps_not_published_apart(broken_copy: Path) -> None:
    """Not published (closed round), a file with errors (named) and no file are three things."""
    folder = broken_copy
    (folder / "zeeland.yaml").unlink()
    utrecht = folder / "utrecht.yaml"
    middenhuur = " ".join(runner.invoke(app, ["total", "-s", "middenhuur", str(folder)]).stdout.split())
    assert "No province reported" not in middenhuur
    assert (
        "No national figure for middenhuur: not published for Groningen, Fryslân, Drenthe, Overijssel, "
        "Flevoland, Gelderland, Noord-Holland, Zuid-Holland, Noord-Brabant, Limburg; the bid file has "
        f"errors for Utrecht ({utrecht}); no bid file for Zeeland." in middenhuur
    )
    betaalbaar = " ".join(runner.invoke(app, ["total", "-s", "betaalbaar", str(folder)]).stdout.split())
    assert "Unknown for" not in betaalbaar
    assert (
        "Not published for Groningen, Fryslân, Drenthe, Overijssel, Flevoland, Gelderland, Noord-Holland, "
        f"Zuid-Holland, Limburg; the bid file has errors for Utrecht ({utrecht}); no bid file for Zeeland."
        in betaalbaar
    )
    status = " ".join(runner.invoke(app, ["status", str(folder)]).stdout.split())
    assert "missing-bid" not in status.split("Not owed (closed round):")[1].split(".")[0]
    assert f"No usable bid, the file has errors (woonbod validate): Utrecht ({utrecht})." in status
    assert "No bid file, though the round closed: Zeeland." in status

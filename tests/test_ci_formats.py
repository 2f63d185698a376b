"""The CI formats (github, sarif, junit), --output, the step summary, schema and init."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA, ROOT
from woonbod.cli import app
from woonbod.schema_export import schema_text

runner = CliRunner(
    env={"NO_COLOR": None, "FORCE_COLOR": None, "GITHUB_ACTIONS": None, "GITHUB_STEP_SUMMARY": None}
)


@pytest.fixture
def bad_folder(tmp_path: Path) -> Path:
    (tmp_path / "utrecht.yaml").write_text("provincie: Utrecht\nronde: definitief\ntotaal: 12.000\n")
    (tmp_path / "zeeland.yaml").write_text("provincie: Zeeland\nronde: definitief\ntotaal: 1000\n")
    return tmp_path


def test_github_annotations(bad_folder: Path) -> None:
    result = runner.invoke(app, ["validate", str(bad_folder), "--format", "github"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"::error file={bad_folder}/utrecht.yaml,line=3,col=9,title=woonbod thousands-separator::totaal: "
        "'12.000' uses a dot as thousands separator; YAML reads it as the decimal number 12.0 — write 12000 "
        "without separators"
    )


def test_github_is_the_default_under_actions(bad_folder: Path) -> None:
    result = CliRunner(env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": None}).invoke(
        app, ["validate", str(bad_folder)]
    )
    assert result.stdout.startswith("::error file=")


def test_sarif(bad_folder: Path) -> None:
    result = runner.invoke(app, ["validate", str(bad_folder), "--format", "sarif"])
    document = json.loads(result.stdout)
    assert document["version"] == "2.1.0"
    run = document["runs"][0]
    assert run["tool"]["driver"]["rules"][0]["id"] == "thousands-separator"
    assert run["tool"]["driver"]["rules"][0]["defaultConfiguration"] == {"level": "error"}
    region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 9}


def test_sarif_locations_are_uri_references() -> None:
    from woonbod.render_ci import sarif_uri

    assert sarif_uri("data/utrecht.yaml") == "data/utrecht.yaml"
    assert sarif_uri("rondes/2022 juni/zee land,%.yaml") == "rondes/2022%20juni/zee%20land%2C%25.yaml"
    assert sarif_uri("/tmp/a b/ut\nrecht.yaml") == "file:///tmp/a%20b/ut%0Arecht.yaml"


def test_sarif_validates_against_a_minimal_shape(bad_folder: Path) -> None:
    # The official SARIF schema needs the network; check the parts consumers read.
    document = json.loads(
        runner.invoke(app, ["check", str(bad_folder), "-f", "sarif", "--as-of", "2022-10-02"]).stdout
    )
    for result in document["runs"][0]["results"]:
        assert set(result) == {"ruleId", "ruleIndex", "level", "message", "locations"}
        assert result["level"] in {"error", "warning", "note"}
        rules = document["runs"][0]["tool"]["driver"]["rules"]
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_junit_one_case_per_file(bad_folder: Path) -> None:
    result = runner.invoke(app, ["validate", str(bad_folder), "--format", "junit"])
    root = ET.fromstring(result.stdout.split("\n", 1)[1])
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == [f"{bad_folder}/utrecht.yaml", f"{bad_folder}/zeeland.yaml"]
    assert cases[0].find("failure") is not None and cases[1].find("failure") is None
    assert root.get("failures") == "1"


def test_output_file_keeps_summary_on_terminal(bad_folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.sarif"
    target.parent.mkdir()
    result = runner.invoke(app, ["validate", str(bad_folder), "-f", "sarif", "--output", str(target)])
    assert result.exit_code == 1
    assert result.stdout == "2 bid files checked: 1 valid, 1 error, 0 warnings.\n"
    assert json.loads(target.read_text())["version"] == "2.1.0"


def test_step_summary_is_appended(bad_folder: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("before\n")
    CliRunner(env={"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_ACTIONS": None}).invoke(
        app, ["check", str(bad_folder), "--as-of", "2022-09-01"]
    )
    text = summary.read_text()
    assert text.startswith("before\n### woonbod check\n")
    assert "| `" + str(bad_folder) + "/utrecht.yaml:3` | error | `thousands-separator` |" in text


def test_gaps_in_a_problem_format(open_data: Path) -> None:
    result = runner.invoke(app, ["gaps", str(open_data), "--as-of", "2022-10-02", "-f", "github"])
    assert result.exit_code == 1
    assert "::error file=" in result.stdout and "title=woonbod required-unknown" in result.stdout
    closed = runner.invoke(app, ["gaps", str(DATA), "-f", "github"])
    assert closed.exit_code == 0
    assert "::notice file=" in closed.stdout and "title=woonbod not-published" in closed.stdout


@pytest.mark.parametrize("kind", ["bod", "ronde"])
def test_schema_copies_are_in_sync(kind: str) -> None:
    assert (ROOT / "schema" / f"{kind}.schema.json").read_text() == schema_text(kind)  # type: ignore[arg-type]
    if kind == "bod":
        assert (ROOT / "src" / "woonbod" / "bod.schema.json").read_text() == schema_text("bod")


def test_schema_has_a_dutch_description_on_every_field() -> None:
    document = json.loads(schema_text("bod"))
    for name, model in [("Bid", document), *document["$defs"].items()]:
        for field, spec in model.get("properties", {}).items():
            assert spec.get("description"), f"{name}.{field} has no description"


def _check_jsonschema(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", *args], capture_output=True, text=True, check=False
    )


def test_peer_validator_accepts_the_data_and_rejects_a_typo() -> None:
    schema = str(ROOT / "schema" / "bod.schema.json")
    bids = [str(p) for p in sorted(DATA.glob("*.yaml")) if p.name != "ronde.yaml"]
    ok = _check_jsonschema("--schemafile", schema, *bids)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = _check_jsonschema("--schemafile", schema, str(ROOT / "tests/fixtures/invalid/misspelled-key.yaml"))
    assert bad.returncode == 1 and "sociale_hur" in bad.stdout
    rounds = _check_jsonschema(
        "--schemafile", str(ROOT / "schema" / "ronde.schema.json"), str(DATA / "ronde.yaml")
    )
    assert rounds.returncode == 0, rounds.stdout
    later = DATA / "rondes" / "2023-woondeals"
    woondeals = [str(p) for p in sorted(later.glob("*.yaml")) if p.name != "ronde.yaml"]
    assert _check_jsonschema("--schemafile", schema, *woondeals).returncode == 0
    later_round = _check_jsonschema(
        "--schemafile", str(ROOT / "schema" / "ronde.schema.json"), str(later / "ronde.yaml")
    )
    assert later_round.returncode == 0, later_round.stdout


def test_init_writes_a_valid_template_and_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "utrecht.yaml"
    first = runner.invoke(app, ["init", "utrecht", "--output", str(target)])
    assert first.exit_code == 0 and first.stderr == f"wrote {target}\n"
    text = target.read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    assert (
        runner.invoke(app, ["validate", str(target)]).stdout
        == "1 bid file checked: all valid, no problems.\n"
    )
    target.write_text("mijn werk\n")
    second = runner.invoke(app, ["init", "utrecht", "--output", str(target)])
    assert second.exit_code == 2
    assert (
        second.stderr
        == f"woonbod: {target} exists already: nothing was written (use --force to overwrite it)\n"
    )
    assert target.read_text() == "mijn werk\n"
    assert runner.invoke(app, ["init", "utrecht", "--output", str(target), "--force"]).exit_code == 0
    assert target.read_text() == text


def test_init_points_at_the_repository_schema(tmp_path: Path) -> None:
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "bod.schema.json").write_text("{}")
    (tmp_path / "data").mkdir()
    runner.invoke(app, ["init", "NB", "--output", str(tmp_path / "data" / "noord-brabant.yaml")])
    first = (tmp_path / "data" / "noord-brabant.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/bod.schema.json"


def test_init_unknown_province() -> None:
    result = runner.invoke(app, ["init", "Brabant"])
    assert result.exit_code == 2 and "Did you mean Noord-Brabant?" in result.stderr


def test_pre_commit_hooks_check_the_whole_folder() -> None:
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert {h["id"] for h in hooks} == {"woonbod-validate", "woonbod-check"}
    assert all(h["pass_filenames"] is False and h["entry"].startswith("woonbod ") for h in hooks)


def test_verbose_lists_round_and_valid_files() -> None:
    result = runner.invoke(app, ["validate", str(DATA), "-v"])
    assert result.stdout.startswith(f"round: {DATA}/ronde.yaml\n{DATA}/drenthe.yaml: ok\n")


def test_control_characters_from_a_bid_cannot_reach_the_terminal_or_break_xml(tmp_path: Path) -> None:
    # YAML's double-quoted escapes make any character: this file would erase the line before
    # it, hide the rest and open a terminal-title sequence if its text were printed raw.
    (tmp_path / "utrecht.yaml").write_text(
        'provincie: Utrecht\nronde: definitief\n"weg\\e[2K\\r": 1\ntotaal: "12\\e]0;titel\\a\\u202e000"\n'
    )
    unsafe = {chr(c) for c in [*range(9), *range(11, 32), 127]} | {"\u202e"}
    for fmt in ("text", "github", "junit"):
        result = runner.invoke(app, ["validate", "-f", fmt, str(tmp_path)])
        assert result.exit_code == 1
        assert not unsafe & set(result.stdout), fmt
        assert "\\x1b[2K\\r" in result.stdout and "\\x07\\u202e000" in result.stdout, fmt
    junit = runner.invoke(app, ["validate", "-f", "junit", str(tmp_path)]).stdout
    ET.fromstring(junit.split("\n", 1)[1])  # well-formed XML
    # JSON keeps the exact text: its own escapes make it safe to print.
    document = json.loads(runner.invoke(app, ["validate", "-f", "json", str(tmp_path)]).stdout)
    assert any("weg\x1b[2K\r" in p["message"] for p in document["problems"])


def test_step_summary_puts_errors_first_and_counts_the_rest_per_level() -> None:
    """Issue #12, class 14: the one error that failed the build sat in '… and 42 more' behind
    info rows in file order."""
    from woonbod.problems import Level, Problem
    from woonbod.render_ci import markdown_summary
    from woonbod.render_problems import ProblemReport

    infos = [Problem(f"data/a{i:02d}.yaml", 1, 1, "note", Level.INFO, f"info {i}") for i in range(60)]
    warnings = [Problem("data/w.yaml", 2, 1, "warn", Level.WARNING, f"warning {i}") for i in range(3)]
    error = Problem("data/z.yaml", 3, 1, "boom", Level.ERROR, "the error")
    report = ProblemReport("check", [*infos, *warnings, error], ["data/z.yaml"])
    lines = markdown_summary(report, limit=10).splitlines()
    rows = [line for line in lines if line.startswith("| `")]
    assert rows[0] == "| `data/z.yaml:3` | error | `boom` | the error |"
    assert [r.split(" | ")[1] for r in rows] == ["error", "warning", "warning", "warning", *["info"] * 6]
    assert rows[4] == "| `data/a00.yaml:1` | info | `note` | info 0 |"  # file order within a level
    assert lines[-1] == "… and 54 more: 54 info."
    few = markdown_summary(report, limit=2).splitlines()[-1]
    assert few == "… and 62 more: 2 warnings, 60 info."

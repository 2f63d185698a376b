"""The CI formats (github, sarif, junit), --output, the step summary, schema and init."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import DATA, ROOT
from woonbod.cli import app
from woonbod.schema_export import schema_text

runner = CliRunner(
    env={
        "NO_COLOR": None,
        "FORCE_COLOR": None,
        "GITHUB_ACTIONS": None,
        "GITHUB_STEP_SUMMARY": None,
        "COLUMNS": None,
    }
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


@pytest.fixture
def scanned(bad_folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a round file, a bad bid, a good bid and ten provinces missing, checked
    after the deadline from its parent (relative paths, as in a repository checkout)."""
    (bad_folder / "ronde.yaml").write_bytes((DATA / "ronde.yaml").read_bytes())
    monkeypatch.chdir(bad_folder.parent)
    return Path(bad_folder.name)


def _sarif(folder: Path) -> dict[str, Any]:
    result = runner.invoke(app, ["check", str(folder), "-f", "sarif", "--as-of", "2022-10-20"])
    assert result.exit_code == 1
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_sarif_has_what_github_code_scanning_requires(scanned: Path) -> None:
    # docs.github.com, "SARIF support for code scanning": a rule needs shortDescription,
    # fullDescription and help (text, and markdown to show it), a result its message and one
    # physical location with a relative URI and a region whose startLine is at least 1.
    document = _sarif(scanned)
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    headings = set(re.findall(r"^### (\S+)$", (ROOT / "docs" / "rules.md").read_text(), re.MULTILINE))
    assert {r["id"] for r in rules} >= {"missing-bid", "thousands-separator"}
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["helpUri"].endswith(f"/docs/rules.md#{rule['id']}") and rule["id"] in headings
    for result in run["results"]:
        [location] = result["locations"]
        uri = location["physicalLocation"]["artifactLocation"]["uri"]
        assert not uri.startswith(("/", "file:")) and (scanned.parent / uri).is_file(), uri
        assert location["physicalLocation"]["region"]["startLine"] >= 1
    missing = [r for r in run["results"] if r["ruleId"] == "missing-bid"]
    assert len(missing) == 11  # ten without a file, Utrecht's with errors
    assert {m["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for m in missing} == {
        f"{scanned}/ronde.yaml",
        f"{scanned}/utrecht.yaml",
    }
    assert missing[0]["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}


def test_every_rule_links_to_its_heading_in_the_rules_page() -> None:
    from woonbod.render_ci import sarif_rule
    from woonbod.rules import RULES

    text = (ROOT / "docs" / "rules.md").read_text()
    for rule in RULES:
        assert f"\n### {rule}\n" in text
        assert (
            sarif_rule(rule)["helpUri"]
            == f"https://github.com/woonbod/woonbod/blob/main/docs/rules.md#{rule}"
        )


def _multitool() -> str | None:
    """The SARIF multitool's executable (npm install -g @microsoft/sarif-multitool). Its npm
    wrapper runs through a shell, which would split --rule-kind Gh;Sarif: ask node for the binary."""
    wrapper = shutil.which("sarif-multitool")
    node = shutil.which("node")
    if wrapper is None or node is None:
        return None
    package = Path(wrapper).resolve().parent
    found = subprocess.run(
        [node, "-p", "require(process.argv[1])", str(package)], capture_output=True, text=True
    )
    return found.stdout.strip() if found.returncode == 0 else None


def test_sarif_passes_the_multitool_github_rules(scanned: Path, tmp_path: Path) -> None:
    tool = _multitool()
    if tool is None:
        pytest.skip("the SARIF multitool is not installed (npm install -g @microsoft/sarif-multitool)")
    log = scanned.parent / "woonbod.sarif"
    log.write_text(json.dumps(_sarif(scanned)))
    verdict = tmp_path / "verdict.sarif"
    ran = subprocess.run(
        [
            tool,
            "validate",
            "--rule-kind",
            "Gh;Sarif",
            str(log),
            "-o",
            str(verdict),
            "--log",
            "ForceOverwrite",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    findings = json.loads(verdict.read_text())["runs"][0].get("results", [])
    assert [f["message"] for f in findings if f.get("level", "warning") in ("error", "warning")] == []


def test_junit_carries_the_hints_and_no_zero_position(scanned: Path) -> None:
    result = runner.invoke(app, ["check", str(scanned), "-f", "junit", "--as-of", "2022-10-20"])
    root = ET.fromstring(result.stdout.split("\n", 1)[1])
    texts = [e.text or "" for e in root.iter() if e.tag in ("failure", "system-out")]
    lines = [line for text in texts for line in text.splitlines()]
    assert (
        f"{scanned}/utrecht.yaml:3:9: error [thousands-separator] totaal: '12.000' uses a dot as "
        in "\n".join(lines)
    )
    assert any(line.endswith(" — write 12000 without separators") for line in lines)
    assert not any("0:0" in line for line in lines)
    missing = next(line for line in lines if "[missing-bid] no bid file" in line)
    assert missing.startswith(f"{scanned}/ronde.yaml: error [missing-bid] no bid file for ")
    assert " — add " in missing


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
    assert first.exit_code == 0 and first.stderr.startswith(f"wrote {target}\n")
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


def test_init_in_a_bids_repository_names_a_schema_every_colleague_has(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A bids repository of its own, nothing to do with woonbod's: the modeline must not point
    # into the installed package but at schema/ in the repository, which `woonbod schema` fills.
    repository = tmp_path / "biedingen"
    (repository / "data" / "concept").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repository)], check=True)
    monkeypatch.chdir(repository)
    made = runner.invoke(app, ["init", "zeeland", "--output", "data/zeeland.yaml"])
    assert made.exit_code == 0
    assert made.stderr == (
        "wrote data/zeeland.yaml\n"
        "woonbod: its first line points editors at schema/bod.schema.json, which is not there yet: "
        "`mkdir -p schema && woonbod schema --output schema/bod.schema.json` writes it (commit it with the "
        "bids)\n"
    )
    (repository / "schema").mkdir()
    text = (repository / "data" / "zeeland.yaml").read_text()
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schema/bod.schema.json"
    assert "site-packages" not in text and "file:" not in text.splitlines()[0]
    assert runner.invoke(app, ["schema", "--output", "schema/bod.schema.json"]).exit_code == 0
    schema = repository / "data" / "../schema/bod.schema.json"
    assert schema.is_file()
    checked = _check_jsonschema("--schemafile", str(schema), "data/zeeland.yaml")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # From a deeper folder of the same repository, once the schema is there: no note, and the
    # path still climbs to the repository's schema/.
    monkeypatch.chdir(repository / "data" / "concept")
    deeper = runner.invoke(app, ["init", "utrecht", "--output", "utrecht.yaml"])
    assert deeper.stderr == "wrote utrecht.yaml\n"
    line = (repository / "data" / "concept" / "utrecht.yaml").read_text().splitlines()[0]
    assert line == "# yaml-language-server: $schema=../../schema/bod.schema.json"


def test_init_unknown_province() -> None:
    result = runner.invoke(app, ["init", "Brabant"])
    assert result.exit_code == 2 and "Did you mean Noord-Brabant?" in result.stderr


def _hooks() -> dict[str, dict[str, Any]]:
    import yaml

    return {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}


def test_pre_commit_hooks_check_the_whole_folder_at_every_commit() -> None:
    hooks = _hooks()
    assert set(hooks) == {"woonbod-validate", "woonbod-check"}
    for hook in hooks.values():
        # pre-commit passes no deleted files: only always_run makes a deletion run the hook.
        assert hook["pass_filenames"] is False and hook["always_run"] is True
        assert hook["entry"] in ("woonbod validate", "woonbod check") and hook["args"] == ["data/"]


def _hook_command(hook: str, *args: str) -> list[str]:
    """What pre-commit runs for a hook given ``args`` in a repository's config: the entry and
    those args (they replace the hook's own)."""
    return [*_hooks()[hook]["entry"].split()[1:], *args]


def test_check_hook_for_a_closed_round_reports_a_typo_alone(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(data_copy.parent)
    quiet = _hook_command("woonbod-check", "data/", "--no-gaps")
    assert runner.invoke(app, quiet).exit_code == 0
    utrecht = data_copy / "utrecht.yaml"
    utrecht.write_text(utrecht.read_text().replace("totaal: 83500", "totaal: 83.500"))
    # The full gate on a past round: the typo is one line among a hundred about the deadline.
    full = runner.invoke(app, _hook_command("woonbod-check", "data/"))
    assert full.exit_code == 1
    assert sum(1 for line in full.stdout.splitlines() if line.startswith("data/")) > 50
    typo = runner.invoke(app, quiet)
    assert typo.exit_code == 1
    assert [line for line in typo.stdout.splitlines() if line.startswith("data/")] == [
        "data/utrecht.yaml:6:9: error [thousands-separator] totaal: '83.500' uses a dot as thousands "
        "separator; YAML reads it as the decimal number 83.5 — write 83500 without separators"
    ]
    assert typo.stdout.endswith("12 bid files checked: 11 valid, 1 error, 0 warnings.\n")
    both = runner.invoke(app, [*quiet, "--as-of", "2022-10-01"])
    assert both.exit_code == 2 and "--no-gaps" in both.stderr


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

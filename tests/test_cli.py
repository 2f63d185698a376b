"""The command line: exit codes, stdout and stderr, with exact text."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import sysconfig
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA, ROOT
from woonbod.cli import app

runner = CliRunner(env={"NO_COLOR": None, "FORCE_COLOR": None, "GITHUB_ACTIONS": None, "COLUMNS": None})


def test_validate_shipped_data() -> None:
    result = runner.invoke(app, ["validate", str(DATA)])
    assert result.exit_code == 0
    assert result.stdout == "12 bid files checked: all valid, no problems.\n"
    assert result.stderr == ""


def test_validate_defaults_to_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["validate"])
    assert (result.exit_code, result.stdout) == (0, "12 bid files checked: all valid, no problems.\n")


def test_validate_reports_every_problem_with_position(tmp_path: Path) -> None:
    (tmp_path / "utrecht.yaml").write_text("provincie: Utrecht\nronde: definitief\ntotaal: 12.000\n")
    (tmp_path / "zeeland.yaml").write_text("provincie: Zeeland\nronde: definitief\ncorporaties: yes\n")
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stdout == (
        f"{tmp_path}/utrecht.yaml:3:9: error [thousands-separator] totaal: '12.000' uses a dot as thousands "
        "separator; YAML reads it as the decimal number 12.0 — write 12000 without separators\n"
        "\n"
        f"{tmp_path}/zeeland.yaml:3:14: error [yaml-boolean] corporaties: 'yes' is a yes/no value (YAML 1.1 "
        "tools read it as true/false), not a number of homes — write the number of homes, a share such as "
        '"30%", or null when unknown\n'
        "\n"
        "2 bid files checked: 0 valid, 2 errors, 0 warnings.\n"
    )
    assert result.stderr == ""


def test_warnings_alone_exit_zero(tmp_path: Path) -> None:
    (tmp_path / "bod.yaml").write_text("provincie: Utrecht\nronde: definitief\ntotaal: 1\n")
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 0
    assert "warning [filename-unusual]" in result.stdout
    assert result.stdout.endswith("1 bid file checked: 1 valid, 0 errors, 1 warning.\n")


def test_missing_path_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nergens")])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"woonbod: {tmp_path}/nergens: no such file or folder\n"


def test_unreadable_folder_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import woonbod.loading.discover

    def refuse(path: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    (tmp_path / "utrecht.yaml").write_text("provincie: Utrecht\nronde: definitief\n")
    monkeypatch.setattr(woonbod.loading.discover.os, "scandir", refuse)
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"woonbod: {tmp_path}: cannot read the folder: Permission denied\n"


def test_invalid_round_file_exits_2(tmp_path: Path) -> None:
    (tmp_path / "ronde.yaml").write_text("ronde: definitief\ndeadline: 2022-13-01\n")
    (tmp_path / "utrecht.yaml").write_text("provincie: Utrecht\nronde: definitief\n")
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{tmp_path}/ronde.yaml:2:11: error [invalid-date] deadline: 2022-13-01 is not a date that exists"
        " — check the day and the month (e.g. September has 30 days)\n"
        f"woonbod: {tmp_path}/ronde.yaml: the round file cannot be used\n"
    )


def test_bad_option_exits_2() -> None:
    result = runner.invoke(app, ["validate", "--format", "xml", str(DATA)])
    assert result.exit_code == 2
    assert "--format must be one of" in result.stderr


def test_json_output_is_versioned(tmp_path: Path) -> None:
    (tmp_path / "utrecht.yaml").write_text("provincie: Utrecht\nronde: definitief\ntotaal: -3\n")
    result = runner.invoke(app, ["validate", "--format", "json", str(tmp_path)])
    document = json.loads(result.stdout)
    assert result.exit_code == 1
    assert document["version"] == 1 and document["command"] == "validate"
    assert document["problems"] == [
        {
            "path": f"{tmp_path}/utrecht.yaml",
            "line": 3,
            "column": 9,
            "rule": "negative-count",
            "level": "error",
            "message": "totaal: -3 is negative: a number of homes is 0 or more",
            "hint": "write the number of homes without a minus sign",
        }
    ]


def test_max_problems_caps_output_not_exit_code(tmp_path: Path) -> None:
    (tmp_path / "utrecht.yaml").write_text("provincie: Utrecht\nronde: definitief\na: 1\nb: 2\nc: 3\n")
    result = runner.invoke(app, ["validate", "--max-problems", "1", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stdout.count("[unknown-key]") == 1
    assert "… and 2 more problems (--max-problems 1); the exit code counts them all." in result.stdout
    assert result.stdout.endswith("0 valid, 3 errors, 0 warnings.\n")


def test_many_problems_end_with_a_tally_by_rule(tmp_path: Path) -> None:
    for i in range(12):  # 12 files × (1 thousands-separator + 1 unknown-key) + 1 tab = 25 problems
        (tmp_path / f"bod{i:02d}.yaml").write_text(
            "provincie: Utrecht\nronde: definitief\ntotaal: 83.500\nsocial_huur: 5\n"
        )
    (tmp_path / "tab.yaml").write_text("provincie: Utrecht\n\tronde: definitief\n")
    result = runner.invoke(app, ["validate", "--max-problems", "3", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stdout.endswith(
        "\nMost frequent: 12 × thousands-separator, 12 × unknown-key, 1 × yaml-tab.\n"
        "13 bid files checked: 0 valid, 25 errors, 0 warnings.\n"
    )
    few = runner.invoke(app, ["validate", str(tmp_path / "tab.yaml")])
    assert "Most frequent" not in few.stdout


def test_the_tally_names_the_five_most_frequent_rules() -> None:
    from woonbod.problems import Level, Problem
    from woonbod.render.problems import rule_tally

    rules = ["a"] * 3 + ["b"] * 3 + ["c"] * 2 + ["d", "e", "f", "g"]
    problems = [Problem("x.yaml", 1, 1, rule, Level.ERROR, "m") for rule in rules]
    assert rule_tally(problems) == "3 × a, 3 × b, 2 × c, 1 × d, 1 × e and 2 more rules"
    assert rule_tally(problems[:6]) == "3 × a, 3 × b"


def test_color_only_when_asked(tmp_path: Path) -> None:
    (tmp_path / "utrecht.yaml").write_text("provincie: Utrecht\nronde: definitief\ntotaal: -3\n")
    plain = runner.invoke(app, ["validate", str(tmp_path)])
    colored = runner.invoke(app, ["validate", "--color", "always", str(tmp_path)])
    assert "\033[" not in plain.stdout
    assert "\033[31merror\033[0m" in colored.stdout
    no_color = CliRunner(env={"NO_COLOR": "1"}).invoke(app, ["validate", "--color", "auto", str(tmp_path)])
    assert "\033[" not in no_color.stdout


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    commands = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    assert len(commands) >= 6
    for name in commands:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example:" in result.stdout, name
        assert re.search(rf"woonbod {name}\b", readme), f"woonbod {name} is not in the README"


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("woonbod ")


def test_force_color_and_no_color(tmp_path: Path) -> None:
    (tmp_path / "utrecht.yaml").write_text("provincie: Utrecht\nronde: definitief\ntotaal: -3\n")
    forced = CliRunner(env={"FORCE_COLOR": "1", "NO_COLOR": None}).invoke(app, ["validate", str(tmp_path)])
    assert "\033[31merror\033[0m" in forced.stdout
    both = CliRunner(env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).invoke(app, ["validate", str(tmp_path)])
    assert "\033[" not in both.stdout  # NO_COLOR wins, as no-color.org asks


def test_no_data_folder_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 2
    assert result.stderr == (
        "woonbod: there is no ./data folder here: name the bid folder or files, e.g. "
        "`woonbod validate path/to/bids/`\n"
    )


_LOADED_AFTER = """
import sys
from woonbod.cli import main
sys.argv = ["woonbod", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(" ".join(sorted(m for m in sys.modules if "." not in m or m.startswith("woonbod."))), file=sys.stderr)
"""


def _modules_loaded_by(*argv: str) -> set[str]:
    """The top-level (and woonbod's own) modules a fresh interpreter has loaded after one command."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _LOADED_AFTER, *argv], capture_output=True, text=True, check=False
    )
    return set(done.stderr.split("\n")[-2].split())


def test_validate_loads_only_what_it_uses() -> None:
    # Start-up is what CI pays on every pull request: the renderers' libraries, the event
    # parser for unusual files, the deadline logic and the worker pool stay unloaded.
    loaded = _modules_loaded_by("validate", "--quiet", str(DATA))
    assert {"woonbod.model.models", "woonbod.checks.validation", "yaml", "pydantic"} <= loaded
    unused = {
        "rich",
        "jinja2",
        "openpyxl",
        "tabulate",
        "multiprocessing",
        "woonbod.reading.events",
        "woonbod.analysis.gaps",
        "woonbod.analysis.totals",
        "woonbod.render.report",
        "woonbod.loading.schema_errors",
    }
    assert loaded & unused == set()


def test_help_does_not_load_the_models_or_the_report_libraries() -> None:
    loaded = _modules_loaded_by("--help")
    assert loaded & {"woonbod.model.models", "woonbod.loading.loader", "jinja2", "openpyxl", "yaml"} == set()


def _readme_examples() -> list[tuple[str, str]]:
    """Each `$ woonbod …` line of the README's console blocks with the output shown under it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    examples = []
    for block in re.findall(r"```console\n(.*?)```", text, re.S):
        # The quick start's `… && .venv/bin/woonbod status data/` shows that command's output.
        pattern = r"^\$ (?:python3 -m venv [^\n]* && \.venv/bin/)?(woonbod[^\n]*)\n(.*?)(?=^\$ |\Z)"
        for command, shown in re.findall(pattern, block, re.S | re.M):
            examples.append((command, shown.rstrip("\n")))
    return examples


@pytest.mark.parametrize(("command", "shown"), _readme_examples(), ids=lambda v: str(v)[:40])
@pytest.mark.parametrize("day", [None, "2031-05-01"], ids=["today", "in-2031"])
def test_the_readme_shows_what_the_commands_print(
    command: str, shown: str, day: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A new user copies these lines: what the README shows is what they must see on the terminal
    # (stdout and stderr; a file written lands in a temporary folder, where the shipped paths
    # point at the repository).
    import os
    import subprocess

    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").symlink_to(DATA)
    (tmp_path / "tests").symlink_to(ROOT / "tests")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS", "COLUMNS")
    }
    # The `woonbod` of the interpreter running the tests, not whatever PATH has (the venv may not
    # be activated, or another woonbod may be installed).
    env["PATH"] = os.pathsep.join((sysconfig.get_path("scripts"), env.get("PATH", "")))
    if day is not None:
        # The README is read years later: what it shows must not depend on the day it is run.
        faketime = shutil.which("faketime")
        if faketime is None:
            pytest.skip("faketime is not installed (apt-get install faketime; .ci/run does)")
        command = f"{faketime} {day} sh -c {shlex.quote(command)}"
    done = subprocess.run(
        command, shell=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, check=False
    )
    assert done.stdout.rstrip("\n") == shown


@pytest.mark.parametrize("command", ["validate", "check"])
def test_a_file_never_gets_colour(tmp_path: Path, command: str) -> None:
    folder = tmp_path / "bids"
    folder.mkdir()
    (folder / "utrecht.yaml").write_text("provincie: Utrecht\nronde: definitief\ntotaal: -3\n")
    target = tmp_path / "problems.txt"
    target.write_text("old\n")
    args = [command, str(folder), "--color", "always", "-o", str(target), "--force"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    text = target.read_text()
    assert "error [negative-count]" in text and "\033[" not in text


@pytest.mark.parametrize(
    "args",
    [
        ["validate", str(DATA)],
        ["check", str(DATA), "--as-of", "2022-10-15"],
        ["gaps", str(DATA), "--as-of", "2022-10-15"],
        ["report", str(DATA), "-f", "markdown", "--as-of", "2022-10-15"],
        ["export", str(DATA), "-f", "csv", "--as-of", "2022-10-15"],
        ["schema"],
        ["init", "utrecht"],
    ],
)
def test_output_dash_is_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    dash = runner.invoke(app, [*args, "-o", "-"])
    plain = runner.invoke(app, args)
    assert (dash.exit_code, dash.stdout) == (plain.exit_code, plain.stdout)
    assert dash.stdout and not (tmp_path / "-").exists()


def test_xlsx_to_standard_output_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export", str(DATA), "-o", "-"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        "woonbod: --format xlsx needs --output FILE (a workbook cannot go to the terminal or standard "
        "output; -o - is only for text formats such as csv)\n"
    )
    assert list(tmp_path.iterdir()) == []

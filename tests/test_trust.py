"""Issue 12, the input side: what woonbod must never do with a hostile or careless folder.

Each test names the class it holds: hanging patterns (1), the wrong file counted (4), round-file
values that crashed (5), a round file that is not a file (8), reading errors switched off (9),
links out of the folder (10), sums beyond a range (12), messages that misled (13).
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from woonbod.checks.validation import validate
from woonbod.cli import app
from woonbod.formatting import EXCERPT, excerpt
from woonbod.loading.loader import load_dataset, load_round
from woonbod.model.provinces import provinces_in_filename
from woonbod.problems import CannotRun, Level, Problem
from woonbod.reading.source import parse_bytes
from woonbod.rules import RULES, apply_levels

DATA = Path(__file__).parent.parent / "data"
runner = CliRunner()
HEAD = "provincie: Utrecht\nronde: definitief\n"


def _problems(tmp_path: Path, text: str, name: str = "utrecht.yaml") -> list[Problem]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [p for p in validate(load_dataset([path])) if p.level is Level.ERROR]


def _data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("rondes"))
    return folder


# --- 1. Regexes that hang: a 1 MB value in every number and share field ---------------------

MB = 999_000  # under the default --max-bytes of 1 000 000, with the rest of the file
VALUES = {
    "digits-then-junk": "1" * MB + "x",  # quadratic in the old scientific-notation pattern
    "digits-then-percent": "1" * MB + "%",  # beyond Python's int-from-text limit
    "approximate": "ca. " + "1 " * (MB // 2),  # quadratic in the old approximate-number pattern
    "separators": "1." * (MB // 2) + "x",
}
FIELDS = {
    "totaal": "totaal: {v}\n",
    "range": "totaal: {{min: {v}}}\n",
    "sociale_huur": "totaal: 1000\nsegmenten:\n  sociale_huur: {v}\n",
    "betaalbaar": "totaal: 1000\nsegmenten:\n  betaalbaar: {v}\n",
    "corporaties": "totaal: 1000\ncorporaties: {v}\n",
    "fasering": "totaal: 1000\nfasering:\n  2022-2025: {v}\n",
    "fasering-key": "totaal: 1000\nfasering:\n  {v}: 1000\n",
    "regio": "regios:\n  - naam: A\n    totaal: {v}\n",
    "knelpunt-woningen": "knelpunten:\n  - soort: stikstof\n    woningen: {v}\n",
    "onderwerp": "onderwerpen:\n  flexwoningen: {v}\n",
    "ingediend": "ingediend: {v}\n",
    "periode": "periode: {v}\n",
    "email": "contact:\n  email: a@@{v}\n",  # text fields with a pattern (Pydantic's, linear too)
    "url": "bronnen:\n  - url: https://{v} x\n",
}


@pytest.mark.parametrize("value", list(VALUES), ids=list(VALUES))
@pytest.mark.parametrize("field", list(FIELDS), ids=list(FIELDS))
def test_class1_a_1mb_value_is_diagnosed_at_once_and_quoted_short(
    tmp_path: Path, field: str, value: str
) -> None:
    text = HEAD + FIELDS[field].format(v=VALUES[value])
    started = time.monotonic()
    problems = _problems(tmp_path, text)
    # A safety bound against a hang (the old patterns took hours on this), not a benchmark.
    assert time.monotonic() - started < 20
    assert problems, "a 1 MB value is never a valid figure"
    assert all(len(p.message) + len(p.hint) < 400 for p in problems)
    assert all(p.line >= 1 and p.col >= 1 for p in problems)


@pytest.mark.parametrize("value", list(VALUES), ids=list(VALUES))
def test_class1_a_1mb_value_in_the_round_file(tmp_path: Path, value: str) -> None:
    for template in (
        "doelen:\n  totaal: {v}\n",
        "normen:\n  sociale_huur: {v}\n",
        "doelen:\n  betaalbaar: {v}\n",
    ):
        path = tmp_path / "ronde.yaml"
        path.write_text("ronde: definitief\n" + template.format(v=VALUES[value]), encoding="utf-8")
        started = time.monotonic()
        with pytest.raises(CannotRun) as raised:
            load_round(path)
        assert time.monotonic() - started < 20
        assert raised.value.problems
        assert all(len(p.message) < 400 for p in raised.value.problems)


def test_class1_a_1mb_province_name_and_key(tmp_path: Path) -> None:
    for text in (
        "provincie: " + "Utrecht" * 140_000 + "\nronde: definitief\n",
        HEAD + "toelichting: x\n" + "k" * 1000 + ": 1\n",
        HEAD + "segmenten:\n  " + "sociale_hur" * 90 + ": 1\n",
    ):
        problems = _problems(tmp_path, text)
        assert problems and all(len(p.message) + len(p.hint) < 400 for p in problems)


def test_class1_excerpt_is_the_one_limit() -> None:
    assert excerpt("x" * 10) == "x" * 10
    cut = excerpt("x" * 1000)
    assert len(cut) == EXCERPT and cut.endswith("…")


# --- 4. The wrong file counted ---------------------------------------------------------------


def test_class4_a_copy_named_after_another_province_is_its_own_error(tmp_path: Path) -> None:
    folder = _data(tmp_path)
    shutil.copy(folder / "zeeland.yaml", folder / "utrecht.yaml")  # provincie: Zeeland left in
    problems = validate(load_dataset([folder]))
    errors = [(Path(p.path).name, p.rule) for p in problems if p.level is Level.ERROR]
    assert errors == [("utrecht.yaml", "filename-mismatch")]
    result = runner.invoke(app, ["total", str(folder), "--format", "json"])
    totaal = (
        json.loads(result.stdout)["totals"][0] if "totals" in result.stdout else json.loads(result.stdout)
    )
    rows = {row["provincie"]: row for row in totaal["provinces"]} if "provinces" in totaal else None
    assert result.exit_code == 1
    assert '"complete": false' in result.stdout
    if rows is not None:
        assert rows["Utrecht"]["status"] == "invalid"
    text = runner.invoke(app, ["total", str(folder)]).stdout
    assert "Partial sum, not the national figure" in text and "100.1%" not in text


def test_class4_two_files_for_one_province_both_named_neither_counted(tmp_path: Path) -> None:
    folder = _data(tmp_path)
    shutil.copy(folder / "utrecht.yaml", folder / "00-utrecht-oud.yaml")
    problems = [p for p in validate(load_dataset([folder])) if p.rule == "duplicate-province"]
    assert sorted(Path(p.path).name for p in problems) == ["00-utrecht-oud.yaml", "utrecht.yaml"]
    assert all(p.level is Level.ERROR for p in problems)
    assert "utrecht.yaml:" in problems[0].message and "00-utrecht-oud.yaml:" in problems[1].message
    for command in (
        ["status", str(folder)],
        ["total", str(folder)],
        ["report", str(folder), "-f", "markdown"],
    ):
        result = runner.invoke(app, [*command, "--as-of", "2022-12-01"] if command[0] != "total" else command)
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "923 693" not in result.stdout and "923,693" not in result.stdout
    status = json.loads(runner.invoke(app, ["status", str(folder), "--format", "json"]).stdout)
    assert all(t["coverage"]["complete"] is False for t in status["segments"])
    utrecht = [r for r in status["segments"][0]["provinces"] if r["provincie"] == "Utrecht"]
    assert [r["status"] for r in utrecht] == ["invalid"]
    assert (
        "national"
        not in runner.invoke(app, ["status", str(folder)]).stdout.split("Segment", 1)[1].split("*")[0]
    )


@pytest.mark.parametrize(
    ("stem", "named"),
    [
        ("utrecht", {"Utrecht"}),
        ("UT", {"Utrecht"}),
        ("NL-UT", {"Utrecht"}),
        ("00-utrecht-oud", {"Utrecht"}),
        ("noord-holland", {"Noord-Holland"}),
        ("Noord Holland 2022", {"Noord-Holland"}),
        ("noordholland", {"Noord-Holland"}),
        ("friesland", {"Fryslân"}),
        ("fryslân", {"Fryslân"}),
        ("bod", set()),
        ("gut", set()),  # a code inside a word is no name
        ("utrecht-zeeland", {"Utrecht", "Zeeland"}),
    ],
)
def test_class4_how_file_names_name_provinces(stem: str, named: set[str]) -> None:
    assert {p.name for p in provinces_in_filename(stem)} == named


def test_class4_a_file_named_after_nothing_is_only_a_warning(tmp_path: Path) -> None:
    (tmp_path / "bod.yaml").write_text(HEAD + "totaal: 1\n")
    problems = validate(load_dataset([tmp_path]))
    assert [(p.rule, p.level) for p in problems] == [("filename-unusual", Level.WARNING)]


# --- 5. Round-file values that crashed -------------------------------------------------------

ZERO_TARGETS = {
    "totaal-0": "doelen:\n  totaal: 0\n",
    "sociale-huur-0": "doelen:\n  totaal: 900000\n  sociale_huur: 0\n",
    "sociale-huur-0%": "doelen:\n  totaal: 900000\n  sociale_huur: '0%'\n",
    "corporaties-0": "doelen:\n  totaal: 900000\n  corporaties: 0\n",
    "betaalbaar-share-of-0": "doelen:\n  totaal: 0\n  betaalbaar: '2/3'\n",
}
EVERY_COMMAND = (
    ["validate"],
    ["check", "--as-of", "2022-12-01"],
    ["total"],
    ["total", "--segment", "all"],
    ["total", "--segment", "all", "--format", "markdown"],
    ["total", "--segment", "all", "--format", "json"],
    ["status"],
    ["status", "--format", "json"],
    ["gaps"],
    ["knelpunten"],
    ["report"],
    ["report", "--format", "markdown"],
    ["export", "--format", "csv"],
)


@pytest.mark.parametrize("doelen", list(ZERO_TARGETS), ids=list(ZERO_TARGETS))
def test_class5_a_zero_target_is_refused_where_it_is_written(tmp_path: Path, doelen: str) -> None:
    folder = _data(tmp_path)
    (folder / "ronde.yaml").write_text("ronde: definitief\ndeadline: 2022-10-01\n" + ZERO_TARGETS[doelen])
    for command in EVERY_COMMAND:
        result = runner.invoke(app, [command[0], str(folder), *command[1:]])
        assert isinstance(result.exception, SystemExit), (command, result.exception)
        assert result.exit_code == 2, command
        assert f"{folder / 'ronde.yaml'}:" in result.stderr
        assert "[invalid-value]" in result.stderr and "target of 0 homes" in result.stderr


def test_class5_a_derived_target_that_rounds_to_nothing_is_no_target(tmp_path: Path) -> None:
    folder = _data(tmp_path)
    (folder / "ronde.yaml").write_text("ronde: definitief\ndoelen:\n  totaal: 1\n  betaalbaar: '1/3'\n")
    for command in EVERY_COMMAND:
        result = runner.invoke(app, [command[0], str(folder), *command[1:]])
        assert result.exception is None or isinstance(result.exception, SystemExit), command
        assert result.exit_code in (0, 1), command


# --- 8. A round file that is not a file ------------------------------------------------------


@pytest.mark.parametrize("kind", ["folder", "broken-link", "fifo"])
def test_class8_a_round_file_that_is_not_a_file_stops_the_run(tmp_path: Path, kind: str) -> None:
    folder = _data(tmp_path)
    round_file = folder / "ronde.yaml"
    round_file.unlink()
    if kind == "folder":
        round_file.mkdir()
    elif kind == "broken-link":
        round_file.symlink_to("nergens.yaml")
    else:
        os.mkfifo(round_file)
    for command in (["validate"], ["total"], ["status"], ["check", "--as-of", "2022-10-15"]):
        result = runner.invoke(app, [command[0], str(folder), *command[1:]])
        assert result.exit_code == 2, command
        assert f"{round_file}:1:1: error [file-unreadable]" in result.stderr
        assert "the round file cannot be used" in result.stderr
        assert result.stdout == ""


@pytest.mark.parametrize("name", ["ronde.yml", "Ronde.yaml", "RONDE.YML"])
def test_class8_other_spellings_are_the_round_file(tmp_path: Path, name: str) -> None:
    folder = _data(tmp_path)
    (folder / "ronde.yaml").rename(folder / name)
    result = runner.invoke(app, ["validate", str(folder), "--verbose"])
    assert result.exit_code == 0
    assert f"round: {folder / name}" in result.stdout
    assert "12 bid files checked" in result.stdout


def test_class8_two_round_files_stop_the_run(tmp_path: Path) -> None:
    folder = _data(tmp_path)
    shutil.copy(folder / "ronde.yaml", folder / "ronde.yml")
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 2
    assert "2 round files (ronde.yaml, ronde.yml)" in result.stderr


def test_class8_a_shell_glob_passes_the_round_file_as_the_round(tmp_path: Path) -> None:
    folder = _data(tmp_path)
    (folder / "ronde.yaml").rename(folder / "ronde.yml")
    files = sorted(str(p) for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
    assert str(folder / "ronde.yml") in files
    result = runner.invoke(app, ["validate", *files, "--verbose"])
    assert result.exit_code == 0
    assert f"round: {folder / 'ronde.yml'}" in result.stdout
    assert "12 bid files checked: all valid" in result.stdout


def test_class8_the_round_file_alone_is_no_bid(tmp_path: Path) -> None:
    folder = _data(tmp_path)
    problems = validate(load_dataset([folder / "ronde.yaml"]))
    assert [(p.path, p.rule) for p in problems] == [(str(folder), "no-bids")]
    assert "only the round file" in problems[0].message


# --- 9. The round file switching off reading errors ------------------------------------------


@pytest.mark.parametrize("rule", sorted(r.id for r in RULES.values() if r.fixed))
@pytest.mark.parametrize("level", ["off", "info", "warning"])
def test_class9_reading_rules_cannot_be_lowered(tmp_path: Path, rule: str, level: str) -> None:
    path = tmp_path / "ronde.yaml"
    path.write_text(f'ronde: definitief\nniveaus:\n  {rule}: "{level}"\n')
    with pytest.raises(CannotRun) as raised:
        load_round(path)
    [problem] = raised.value.problems
    assert (problem.line, problem.rule) == (3, "invalid-value")
    assert "cannot be set to anything but error" in problem.message


def test_class9_a_broken_file_stays_an_error_whatever_niveaus_says(tmp_path: Path) -> None:
    (tmp_path / "ronde.yaml").write_text('ronde: definitief\nniveaus:\n  yaml-syntax: "off"\n')
    (tmp_path / "utrecht.yaml").write_text("provincie: Utrecht\nronde: [definitief\n")
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 2
    # And should a round model ever carry such a level, it is not applied.
    problem = Problem("x.yaml", 1, 1, "yaml-syntax", Level.ERROR, "m")
    assert apply_levels([problem], {"yaml-syntax": Level.OFF}) == [problem]


def test_class9_the_configurable_rules_still_are(tmp_path: Path) -> None:
    configurable = [r for r in RULES.values() if not r.fixed]
    assert {"norm-sociale-huur", "topic-missing", "filename-unusual", "segments-sum"} <= {
        r.id for r in configurable
    }
    path = tmp_path / "ronde.yaml"
    path.write_text("ronde: definitief\nniveaus:\n" + "".join(f"  {r.id}: 'off'\n" for r in configurable))
    assert load_round(path).ronde.niveaus


def test_class9_rules_md_marks_the_fixed_rules() -> None:
    text = (Path(__file__).parent.parent / "docs" / "rules.md").read_text()
    for rule in RULES.values():
        assert (f"| [`{rule.id}`](#{rule.id}) | {rule.level.value} (fixed) |" in text) == rule.fixed


# --- 10. Leaving the folder ------------------------------------------------------------------


def test_class10_a_link_out_of_the_folder_is_not_followed(tmp_path: Path) -> None:
    folder = _data(tmp_path)
    secret = tmp_path / "geheim.yaml"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\nwachtwoord: hunter2\n")
    (folder / "x.yaml").symlink_to(secret)
    (folder / "y.yaml").symlink_to("/etc/passwd")
    for command in (["validate"], ["validate", "--format", "json"], ["check", "--format", "github"]):
        result = runner.invoke(app, [command[0], str(folder), *command[1:]])
        assert result.exit_code == 1
        assert "hunter2" not in result.stdout and "root:" not in result.stdout
        assert "root:" not in result.stderr
    problems = validate(load_dataset([folder]))
    links = [(Path(p.path).name, p.rule, p.line) for p in problems if p.rule == "link-outside"]
    assert links == [("x.yaml", "link-outside", 1), ("y.yaml", "link-outside", 1)]
    # Named on the command line, it is still outside the folder it lies in.
    assert [p.rule for p in validate(load_dataset([folder / "y.yaml"]))] == ["link-outside"]


def test_class10_a_link_inside_the_folder_is_read(tmp_path: Path) -> None:
    (tmp_path / "echt.yaml").write_text(HEAD)
    (tmp_path / "utrecht.yaml").symlink_to("echt.yaml")
    problems = validate(load_dataset([tmp_path / "utrecht.yaml"]))
    assert problems == []


def test_class10_a_round_file_linked_from_outside_stops_the_run(tmp_path: Path) -> None:
    folder = _data(tmp_path)
    shutil.move(folder / "ronde.yaml", tmp_path / "ronde.yaml")
    (folder / "ronde.yaml").symlink_to(tmp_path / "ronde.yaml")
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 2
    assert "symbolic link to a file outside the folder" in result.stderr


def test_class10_no_message_quotes_more_than_an_excerpt(tmp_path: Path) -> None:
    long = "x" * 5000
    texts = [
        HEAD + f"totaal: '{long}'\n",
        HEAD + f"{long}: 1\n",
        HEAD + f"ingediend: '{long}'\n",
        HEAD + f"knelpunten:\n  - soort: {long}\n",
        HEAD + f"bronnen:\n  - url: https://x.nl\n    over: [{long}]\n",
        HEAD + f'toelichting: "{long}\\e"\n',
        f"provincie: '{long}'\nronde: definitief\n",
    ]
    for text in texts:
        problems = _problems(tmp_path, text) + [
            p for p in validate(load_dataset([tmp_path / "utrecht.yaml"])) if p.level is not Level.ERROR
        ]
        assert problems
        for p in problems:
            assert "x" * (EXCERPT + 1) not in p.message + p.hint, p.rule


# --- 12. Sums beyond an indicative range -----------------------------------------------------

IND = "provincie: Utrecht\nronde: indicatief\n"


@pytest.mark.parametrize(
    ("body", "rule"),
    [
        (
            "totaal: {min: 1000, max: 2000}\nsegmenten:\n  sociale_huur: 1500\n  middensegment: 1500\n",
            "part-exceeds-whole",
        ),
        ("totaal: {min: 1000, max: 2000}\nsegmenten:\n  sociale_huur: {min: 2500}\n", "part-exceeds-whole"),
        ("totaal: 2000\nsegmenten:\n  sociale_huur: {min: 2500, max: 3000}\n", "part-exceeds-whole"),
        (
            "totaal: {min: 1000, max: 2000}\nsegmenten:\n  betaalbaar: 1500\n"
            "  sociale_huur: {min: 1000}\n  middensegment: {min: 1000}\n",
            "segments-sum",
        ),
        (
            "totaal: 1000\nsegmenten:\n  betaalbaar: 5000\n"
            "  sociale_huur: {max: 1000}\n  middensegment: {max: 1000}\n",
            "part-exceeds-whole",
        ),
        (
            "totaal: {min: 5000}\nsegmenten:\n  betaalbaar: 1000\n  sociale_huur: {min: 2000}\n",
            "part-exceeds-whole",
        ),
    ],
)
def test_class12_parts_beyond_a_range_are_an_error(tmp_path: Path, body: str, rule: str) -> None:
    problems = _problems(tmp_path, IND + body)
    assert rule in {p.rule for p in problems}


def test_class12_parts_within_a_range_are_fine(tmp_path: Path) -> None:
    body = "totaal: {min: 1000, max: 2000}\nsegmenten:\n  sociale_huur: 500\n  middensegment: 600\n"
    assert _problems(tmp_path, IND + body) == []


def test_class12_total_no_longer_shows_a_part_above_its_whole(tmp_path: Path) -> None:
    (tmp_path / "utrecht.yaml").write_text(
        IND + "totaal: {min: 1000, max: 2000}\nsegmenten:\n  sociale_huur: 1500\n  middensegment: 1500\n"
    )
    (tmp_path / "ronde.yaml").write_text("ronde: indicatief\n")
    result = runner.invoke(app, ["total", str(tmp_path), "--segment", "all"])
    assert result.exit_code == 1
    assert "3 000*" not in result.stdout


# --- 13. Messages that misled ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "rule", "said"),
    [
        ("totaal: '12000'\n", "3:9", "not-a-number", "remove the quotes: write 12000"),
        ("totaal: " + "1" * 5000 + "\n", "3:9", "not-a-number", "(5 000 digits) is far too large"),
        (
            "totaal: 1000\nsegmenten:\n  sociale_huur: " + "1" * 5000 + "%\n",
            "5:17",
            "not-a-number",
            "is not a number of homes",
        ),
        ("totaal: 017\n", "3:9", "leading-zero", "YAML 1.1 tools read it as the octal number 15"),
        ("totaal: 1000\ncorporaties: 0800\n", "4:14", "leading-zero", "write 800 without the leading zero"),
        ("totaal: !!str 1000\n", "3:9", "yaml-tag", "the YAML tag !!str is not allowed"),
        ("totaal: ! 1000\n", "3:9", "yaml-tag", "the YAML tag ! is not allowed"),
        ("segmenten: !!map {sociale_huur: 1}\n", "3:12", "yaml-tag", "the YAML tag !!map is not allowed"),
        ("k" * 1025 + ": 1\n", "3:1026", "yaml-syntax", "a key longer than 1 024 characters"),
        (
            "totaal: 1000\nfasering:\n  2022-2025: 500\n  2022 - 2025: 500\n",
            "6:3",
            "fasering-overlap",
            "the period 2022-2025 is written twice",
        ),
        ("toelichting: a\u2028b\ntotaal: 1\n", "3:15", "control-character", "U+2028, a line separator"),
        ("toelichting: a\x85b\ntotaal: 1\n", "3:15", "control-character", "U+0085, a line separator"),
    ],
)
def test_class13_messages_say_what_happened(
    tmp_path: Path, text: str, where: str, rule: str, said: str
) -> None:
    problems = _problems(tmp_path, HEAD + text)
    found = [p for p in problems if p.rule == rule]
    assert found, [(p.rule, p.message) for p in problems]
    assert f"{found[0].line}:{found[0].col}" == where
    assert said in found[0].message + " — " + found[0].hint
    assert "Exceeds the limit" not in found[0].message
    lines = (HEAD + text).count("\n") + 1
    assert all(p.line <= lines for p in problems)


def test_class13_empty_provincie_says_empty_not_none(tmp_path: Path) -> None:
    [problem] = _problems(tmp_path, "provincie:\nronde: definitief\n")
    assert problem.rule == "unknown-province"
    assert "no province is given" in problem.message and "None" not in problem.message


@pytest.mark.parametrize(("encoding", "name"), [("utf-32", "UTF-32"), ("utf-16", "UTF-16")])
def test_class13_utf32_is_not_called_utf16(encoding: str, name: str) -> None:
    doc, problems = parse_bytes(HEAD.encode(encoding), "utrecht.yaml")
    assert doc is None
    assert [p.message for p in problems] == [f"the file is {name} text, not UTF-8"]


def test_class13_a_leading_zero_in_text_stays_as_written(tmp_path: Path) -> None:
    assert _problems(tmp_path, HEAD + "contact:\n  telefoon: 0301234567\n") == []


# --- Hostile round files through every command ---------------------------------------------

HOSTILE_ROUNDS = {
    "syntax": "ronde: [definitief\n",
    "tag": "ronde: !!python/object:os.system definitief\n",
    "str-tag": "ronde: !!str definitief\n",
    "duplicate-key": "ronde: definitief\nronde: indicatief\n",
    "unknown-key": "ronde: definitief\ndoelen: {totaal: 900000}\nextra: 1\n",
    "huge-number": "doelen:\n  totaal: " + "9" * 5000 + "\n",
    "quoted-number": "doelen:\n  totaal: '900000'\n",
    "leading-zero": "doelen:\n  totaal: 0900000\n",
    "niveaus-off": "niveaus:\n  duplicate-key: 'off'\n",
    "niveaus-unknown": "niveaus:\n  " + "x" * 5000 + ": 'off'\n",
    "control": 'naam: "a\\e[2Jb"\n',
    "line-separator": "naam: a\u2028b\n",
    "share-over-100": "doelen:\n  totaal: 900000\n  betaalbaar: '150%'\n",
    "norm-not-share": "normen:\n  sociale_huur: 30000\n",
    "bad-deadline": "deadline: 2022-02-30\n",
    "list": "- ronde\n",
    "empty": "# niets\n",
}


@pytest.mark.parametrize("name", list(HOSTILE_ROUNDS), ids=list(HOSTILE_ROUNDS))
def test_a_hostile_round_file_stops_every_command_with_its_place(tmp_path: Path, name: str) -> None:
    folder = _data(tmp_path)
    round_file = folder / "ronde.yaml"
    round_file.write_text(HOSTILE_ROUNDS[name], encoding="utf-8")
    lines = HOSTILE_ROUNDS[name].count("\n") + 1
    for command in EVERY_COMMAND:
        result = runner.invoke(app, [command[0], str(folder), *command[1:]])
        assert isinstance(result.exception, SystemExit), (command, result.exception)
        assert result.exit_code == 2, command
        located = [line for line in result.stderr.splitlines() if line.startswith(f"{round_file}:")]
        assert located, (command, result.stderr)
        for line in located:
            row = int(line.split(":")[1])
            assert 1 <= row <= lines, line
        assert max(len(line) for line in result.stderr.splitlines()) < 500

"""Every fixture file: valid ones produce no error, invalid ones exactly the problems they state."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES
from woonbod.loader import load_dataset
from woonbod.problems import Level
from woonbod.validation import validate

INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))
VALID = sorted((FIXTURES / "valid").glob("*.yaml"))


def _expected(path: Path) -> set[str]:
    first = path.read_bytes().split(b"\n", 1)[0].decode()
    assert first.startswith("# expect: "), f"{path.name} must state '# expect: line:col rule' on line 1"
    return {part.strip() for part in first.removeprefix("# expect: ").split(";")}


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_fixture_reports_what_it_states(path: Path) -> None:
    problems = validate(load_dataset([path]))
    found = {f"{p.line}:{p.col} {p.rule}" for p in problems if p.rule != "filename-unusual"}
    assert found == _expected(path)
    assert all(p.path == str(path) for p in problems)
    assert all(p.message and p.hint for p in problems), "every problem says what to do"


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_fixture_has_no_problem(path: Path) -> None:
    problems = validate(load_dataset([path]))
    assert [p for p in problems if p.rule != "filename-unusual"] == []


def test_there_are_enough_cases() -> None:
    assert len(INVALID) >= 40 and len(VALID) >= 5


def test_a_bad_file_does_not_hide_the_others(tmp_path: Path) -> None:
    for name in ("thousands-dot", "tab-indent", "not-utf8", "alias-bomb"):
        (tmp_path / f"{name}.yaml").write_bytes((FIXTURES / "invalid" / f"{name}.yaml").read_bytes())
    (tmp_path / "utrecht.yaml").write_text("provincie: Utrecht\nronde: definitief\ntotaal: -1\n")
    problems = validate(load_dataset([tmp_path]))
    files = {Path(p.path).name for p in problems if p.level is Level.ERROR}
    assert files == {
        "thousands-dot.yaml",
        "tab-indent.yaml",
        "not-utf8.yaml",
        "alias-bomb.yaml",
        "utrecht.yaml",
    }

"""Hostile input: every outcome is a list of problems or a valid bid, never a crash or a hang."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from woonbod.loader import Dataset, LoadedBid, _validate, load_bid, load_dataset, load_round
from woonbod.models import Bid
from woonbod.problems import Level
from woonbod.validation import check_norms, validate
from woonbod.yamlsource import parse_bytes

_ROUND = load_round(None)
HOSTILE = sorted((FIXTURES / "hostile").glob("*.yaml"))
ACCEPTED = {"long-line"}  # a 900 kB line is under the size limit: odd, but a valid bid


def _expected(path: Path) -> set[str] | None:
    """What a hostile fixture says it expects on its first line (``# expect: line:col rule``), if
    it says so (binary ones and links cannot)."""
    if path.is_symlink():
        return None
    first = path.read_bytes().split(b"\n", 1)[0]
    if not first.startswith(b"# expect: "):
        return None
    return {part.strip() for part in first.decode().removeprefix("# expect: ").split(";")}


@pytest.mark.parametrize("path", HOSTILE, ids=[p.stem for p in HOSTILE])
def test_hostile_file_gives_problems_not_a_crash(path: Path) -> None:
    problems = validate(load_dataset([path]))
    errors = [p for p in problems if p.level is Level.ERROR]
    assert bool(errors) != (path.stem in ACCEPTED)
    lines = 1 if path.is_symlink() else path.read_bytes().count(b"\n") + 1
    assert all(1 <= p.line <= lines and p.col >= 1 and p.message for p in errors)
    assert all(len(p.message) + len(p.hint) < 400 for p in problems), "messages quote excerpts only"
    expected = _expected(path)
    if expected is not None:
        assert {f"{p.line}:{p.col} {p.rule}" for p in errors} == expected


@pytest.mark.parametrize("path", HOSTILE, ids=[p.stem for p in HOSTILE])
def test_hostile_file_through_the_cli_in_bounded_time(path: Path) -> None:
    # A hang would fail here on the timeout; this is a liveness guard, not a speed test.
    result = subprocess.run(
        [sys.executable, "-m", "woonbod", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == (0 if path.stem in ACCEPTED else 1)
    assert result.stderr == ""
    assert max(len(line) for line in result.stdout.splitlines()) < 500
    assert "root:" not in result.stdout  # passwd-link.yaml -> /etc/passwd is never followed
    assert result.stdout.rstrip().splitlines()[-1].startswith("1 bid file checked: ")


def test_tags_are_never_executed(tmp_path: Path) -> None:
    marker = Path("/tmp/woonbod-pwned")
    marker.unlink(missing_ok=True)
    validate(load_dataset([FIXTURES / "hostile" / "python-tags.yaml"]))
    assert not marker.exists()


def test_hundred_thousand_keys(tmp_path: Path) -> None:
    path = tmp_path / "utrecht.yaml"
    path.write_text(
        "provincie: Utrecht\nronde: definitief\n" + "".join(f"k{i}: {i}\n" for i in range(100_000))
    )
    lb = load_bid(path, max_bytes=10_000_000)
    assert [p.rule for p in lb.problems] == ["too-many-values"]


def test_too_large_by_default(tmp_path: Path) -> None:
    path = tmp_path / "utrecht.yaml"
    path.write_text("toelichting: " + "x" * 1_100_000 + "\n")
    assert [p.rule for p in load_bid(path).problems] == ["file-too-large"]


def test_special_files_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "utrecht.yaml").write_text("provincie: Utrecht\nronde: definitief\ntotaal: 1000\n")
    target = tmp_path / "elders"
    target.mkdir()
    (tmp_path / "map.yaml").symlink_to(target)
    (tmp_path / "lus.yaml").symlink_to(tmp_path / "lus.yaml")
    (tmp_path / "weg.yaml").symlink_to(tmp_path / "bestaat-niet.yaml")
    (tmp_path / "nul.yaml").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pijp.yaml")
    problems = validate(load_dataset([tmp_path]))
    by_file = {Path(p.path).name: p.rule for p in problems if p.level is Level.ERROR}
    special = ("map.yaml", "lus.yaml", "weg.yaml", "pijp.yaml")
    # /dev/zero lies outside the folder: the link is not followed at all (link-outside).
    assert by_file == {**dict.fromkeys(special, "file-unreadable"), "nul.yaml": "link-outside"}


def test_folder_without_bids(tmp_path: Path) -> None:
    (tmp_path / "ronde.yaml").write_text("ronde: definitief\n")
    problems = validate(load_dataset([tmp_path]))
    assert [(p.path, p.line, p.rule) for p in problems] == [(str(tmp_path), 0, "no-bids")]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes(raw: bytes) -> None:
    doc, problems = parse_bytes(raw, "f")
    # No document is only ever the outcome of an error that says why.
    assert doc is not None or any(p.level is Level.ERROR for p in problems)
    for problem in problems:
        assert problem.line >= 1 and problem.col >= 1 and problem.rule and problem.message


_yamlish = st.text(
    alphabet=st.sampled_from([*list("abtotaal_:-[]{},'\"&*!#?|>%@`~ \n\t0123456789.+e/"), "â", "\x00"]),
    max_size=400,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_yamlish)
def test_random_yaml_like_text_through_the_whole_pipeline(text: str) -> None:
    doc, problems = parse_bytes(text.encode(), "f")
    assert all(p.line >= 1 and p.col >= 1 and p.message for p in problems)
    assert doc is not None or problems
    if doc is not None:  # on through the schema, the checks and the norms, as a file would go
        model, schema_problems = _validate(doc, "f", Bid)
        assert model is not None or schema_problems
        bid = model if isinstance(model, Bid) else None
        dataset = Dataset(_ROUND, [LoadedBid("f", bid, doc, problems + schema_problems)], [], [])
        for problem in validate(dataset) + check_norms(dataset):
            assert problem.line >= 1 and problem.col >= 1 and problem.message
    # The pure-Python parser (used only without libyaml) must not crash either; where the two
    # libraries disagree on edge cases (a trailing tab), each still gives data or problems.
    slow_doc, slow_problems = parse_bytes(text.encode(), "f", pure=True)
    assert slow_doc is not None or slow_problems


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(
        st.sampled_from([*"0123456789.,%/-:eyno ", "ja", "min: ", "max: ", "{", "}", "~"]), max_size=12
    ).map("".join)
)
def test_random_values_in_every_number_field(tmp_path: Path, value: str) -> None:
    body = (
        f"provincie: Utrecht\nronde: definitief\ntotaal: {value}\ncorporaties: {value}\n"
        f"segmenten: {{sociale_huur: {value}}}\nfasering: {{2022-2025: {value}}}\n"
    )
    path = tmp_path / "utrecht.yaml"
    path.write_text(body)
    dataset = load_dataset([path])
    for problem in validate(dataset):
        assert problem.line >= 1 and problem.message

"""The library API: what a notebook user gets from `import woonbod`."""

from __future__ import annotations

import datetime as dt
import doctest
import re
import subprocess
import sys
from pathlib import Path

import pytest

import woonbod
from conftest import DATA, ROOT


def test_the_readme_python_examples_print_what_they_show(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pandas")
    monkeypatch.chdir(ROOT)
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```pycon\n(.*?)```", text, re.S)
    assert blocks, "the README lost its Python examples"
    parser = doctest.DocTestParser()
    test = parser.get_doctest("\n".join(blocks), {}, "README.md", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    failed, attempted = runner.summarize(verbose=False)
    assert attempted > 5 and failed == 0


def test_a_file_with_an_error_counts_for_nothing(data_copy: Path) -> None:
    utrecht = data_copy / "utrecht.yaml"
    utrecht.write_text(utrecht.read_text(encoding="utf-8") + "totaal: 5000\n", encoding="utf-8")
    ronde = woonbod.load_round(data_copy)
    assert str(utrecht) in ronde.invalid_files
    totaal = ronde.total("totaal")
    utrecht_row = next(r for r in totaal.rows if r.province.name == "Utrecht")
    assert utrecht_row.status == "invalid" and utrecht_row.low is None
    assert totaal.low == 917_193 - 83_500 and not totaal.complete
    assert any(p.rule == "duplicate-key" for p in ronde.problems)


@pytest.mark.parametrize("name", ["sociale-hur", "", "all", "sociale huur"])
def test_a_wrong_segment_is_an_error_not_an_empty_sum(name: str) -> None:
    ronde = woonbod.load_round(DATA)
    with pytest.raises(ValueError, match="unknown segment"):
        ronde.total(name)


def test_segment_names_as_in_the_files_or_on_the_command_line() -> None:
    assert woonbod.segment("sociale-huur") == woonbod.segment("sociale_huur") == "sociale_huur"
    assert woonbod.SEGMENTS[0] == "totaal" and len(woonbod.SEGMENTS) == 8


def test_records_cover_every_province_and_segment() -> None:
    records = woonbod.load_round(DATA).records()
    assert len(records) == 12 * len(woonbod.SEGMENTS)
    totaal = [r for r in records if r["segment"] == "totaal"]
    assert sum(r["value"] for r in totaal if isinstance(r["value"], int)) == 917_193


def test_nothing_readable_raises_cannot_run(tmp_path: Path) -> None:
    with pytest.raises(woonbod.CannotRun):
        woonbod.load_round(tmp_path / "nowhere")


def test_gaps_knelpunten_norms_and_rules_are_there() -> None:

    ronde = woonbod.load_round(DATA)
    assert len(ronde.gaps(as_of=dt.date(2022, 9, 1)).rows) == 12
    assert ronde.knelpunten() is not None
    assert all(isinstance(p, woonbod.Problem) for p in ronde.norms())
    assert {r.id for r in woonbod.rule_catalogue()} >= {"duplicate-key", "unknown-key"}


def test_import_woonbod_loads_nothing_heavy() -> None:
    code = "import sys, woonbod; print(' '.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(done.stdout.split())
    assert loaded & {"woonbod.api", "woonbod.model.models", "pydantic", "yaml", "rich"} == set()


def test_the_package_is_typed() -> None:
    assert (Path(woonbod.__file__).parent / "py.typed").is_file()


@pytest.fixture(scope="module")
def ronde() -> woonbod.Round:
    return woonbod.load_round(DATA)


def test_gaps_takes_a_datetime_as_its_date_and_an_iso_date(ronde: woonbod.Round) -> None:
    expected = ronde.gaps(as_of=dt.date(2022, 10, 15))
    assert ronde.gaps(as_of=dt.datetime(2022, 10, 15, 23, 59)) == expected
    assert ronde.gaps(as_of="2022-10-15") == expected
    assert ronde.gaps(as_of=dt.datetime.now()) == ronde.gaps()


@pytest.mark.parametrize(
    ("as_of", "error", "words"),
    [
        ("15-10-2022", ValueError, "as_of takes a date such as '2022-10-01'"),
        ("gisteren", ValueError, "as_of takes a date such as '2022-10-01'"),
        (20221015, TypeError, "as_of takes a date, a datetime or an ISO date string, not int"),
    ],
)
def test_gaps_names_a_bad_as_of(ronde: woonbod.Round, as_of: object, error: type, words: str) -> None:
    with pytest.raises(error, match=re.escape(words)):
        ronde.gaps(as_of=as_of)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "words"),
    [
        ((None,), {}, TypeError, "paths takes a folder or file (str or Path) or a list of them, not None"),
        ((b"data",), {}, TypeError, "paths takes a folder or file"),
        (([DATA, 3],), {}, TypeError, "not a list holding int"),
        ((DATA,), {"max_bytes": "x"}, TypeError, "max_bytes takes a whole number of bytes, not str"),
        ((DATA,), {"max_bytes": 1.5}, TypeError, "max_bytes takes a whole number of bytes, not float"),
        ((DATA,), {"max_bytes": 0}, ValueError, "max_bytes must be 1 or more, not 0"),
        ((DATA,), {"ronde": 123}, TypeError, "ronde takes a path (str or Path) or None, not int"),
    ],
)
def test_load_round_names_a_bad_argument(
    args: tuple[object, ...], kwargs: dict[str, object], error: type, words: str
) -> None:
    with pytest.raises(error, match=re.escape(words)):
        woonbod.load_round(*args, **kwargs)  # type: ignore[arg-type]


def test_records_mark_a_range_so_a_sum_of_value_is_not_taken_for_the_round() -> None:
    records = woonbod.load_round(DATA / "rondes" / "2022-06-indicatief").records("totaal")
    by_province = {r["provincie"]: r for r in records}
    zuid_holland, gelderland = by_province["Zuid-Holland"], by_province["Gelderland"]
    assert (zuid_holland["value"], zuid_holland["range"]) == (None, True)
    assert (zuid_holland["min"], zuid_holland["max"]) == (153_000, 225_000)
    assert (gelderland["value"], gelderland["range"], gelderland["min"], gelderland["max"]) == (
        None,
        True,
        90_000,
        None,
    )
    assert by_province["Drenthe"]["range"] is False and by_province["Drenthe"]["value"] == 18_000
    assert {r["provincie"] for r in records if r["range"]} == {"Zuid-Holland", "Gelderland"}

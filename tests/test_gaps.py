"""Deadline gaps: every state, and the exact boundaries (the deadline day, a deferral's last day)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from woonbod.analysis.gaps import find_gaps, summarize
from woonbod.loading.loader import load_dataset
from woonbod.problems import Level

RONDE = """\
ronde: definitief
deadline: 2022-10-01
periode: 2022-2030
verplicht: [totaal, sociale_huur]
uitstel:
  onderwerpen: [transformatie, flexwoningen]
  uiterlijk: 2023-12-31
"""
COMPLETE = "totaal: 1000\nsegmenten: {sociale_huur: 300}\nonderwerpen: {transformatie: 10, flexwoningen: 5}\n"


def _folder(tmp_path: Path, bids: dict[str, str]) -> Path:
    (tmp_path / "ronde.yaml").write_text(RONDE)
    for slug, body in bids.items():
        name = {"utrecht": "Utrecht", "zeeland": "Zeeland", "limburg": "Limburg"}[slug]
        (tmp_path / f"{slug}.yaml").write_text(f"provincie: {name}\n{body}")
    return tmp_path


def _gaps(folder: Path, day: str) -> dict[tuple[str, str], Level]:
    report = find_gaps(load_dataset([folder]), dt.date.fromisoformat(day))
    return {(Path(p.path).stem, p.rule): p.level for p in report.problems}


def test_submitted_on_the_deadline_day_is_on_time(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"utrecht": f"ronde: definitief\ningediend: 2022-10-01\n{COMPLETE}"})
    report = find_gaps(load_dataset([folder]), dt.date(2022, 10, 5))
    utrecht = next(r for r in report.rows if r.province.name == "Utrecht")
    assert utrecht.cells["bod"].state == "on time"
    assert not [p for p in report.problems if p.path.endswith("utrecht.yaml")]


def test_submitted_the_day_after_is_one_day_late(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"utrecht": f"ronde: definitief\ningediend: 2022-10-02\n{COMPLETE}"})
    report = find_gaps(load_dataset([folder]), dt.date(2022, 10, 5))
    late = [p for p in report.problems if p.rule == "submitted-late"]
    assert [(p.line, p.level, p.message) for p in late] == [
        (3, Level.ERROR, "Utrecht submitted on 2022-10-02, 1 day after the deadline of 2022-10-01")
    ]


def test_not_submitted_is_due_until_the_deadline_day_and_an_error_after(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"utrecht": f"ronde: definitief\n{COMPLETE}"})
    on_the_day = find_gaps(load_dataset([folder]), dt.date(2022, 10, 1))
    due = [p for p in on_the_day.problems if p.path.endswith("utrecht.yaml")]
    assert [(p.rule, p.level) for p in due] == [("bid-due", Level.INFO)]
    assert due[0].message.endswith("(due 2022-10-01 (today))")
    assert _gaps(folder, "2022-10-02")[("utrecht", "not-submitted")] is Level.ERROR


def test_days_left_before_the_deadline(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"utrecht": f"ronde: definitief\n{COMPLETE}"})
    report = find_gaps(load_dataset([folder]), dt.date(2022, 9, 20))
    assert report.days_left == 11
    assert summarize(report).startswith("As of 2022-09-20: 11 days left until the deadline of 2022-10-01")


def test_missing_province_before_and_after(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"utrecht": f"ronde: definitief\ningediend: 2022-09-01\n{COMPLETE}"})
    before = find_gaps(load_dataset([folder]), dt.date(2022, 9, 1))
    assert sum(1 for p in before.problems if p.rule == "bid-due" and p.line == 0) == 11
    after = find_gaps(load_dataset([folder]), dt.date(2022, 10, 2))
    missing = [p for p in after.problems if p.rule == "missing-bid"]
    assert len(missing) == 11 and all(p.path == str(folder / "ronde.yaml") for p in missing)
    zeeland = next(p for p in missing if "Zeeland" in p.message)
    assert zeeland.message == "no bid file for Zeeland, 1 day after the deadline of 2022-10-01"
    assert f"{folder}/zeeland.yaml" in zeeland.hint


def test_still_indicative_after_the_deadline(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"utrecht": f"ronde: indicatief\ningediend: 2022-06-01\n{COMPLETE}"})
    assert _gaps(folder, "2022-09-30")[("utrecht", "bid-due")] is Level.INFO
    assert _gaps(folder, "2022-10-02")[("utrecht", "still-indicative")] is Level.ERROR


def test_required_items_unknown(tmp_path: Path) -> None:
    body = (
        "ronde: definitief\ningediend: 2022-09-01\ntotaal: 1000\n"
        "onderwerpen: {transformatie: 1, flexwoningen: 1}\n"
    )
    folder = _folder(tmp_path, {"utrecht": body})
    report = find_gaps(load_dataset([folder]), dt.date(2022, 10, 2))
    required = [p for p in report.problems if p.rule == "required-unknown"]
    assert [p.message for p in required] == ["sociale huur is required in this round but unknown for Utrecht"]
    utrecht = next(r for r in report.rows if r.province.name == "Utrecht")
    assert utrecht.cells["sociale_huur"].state == "missing" and utrecht.cells["totaal"].state == "given"


def test_a_derived_required_item_counts_as_given(tmp_path: Path) -> None:
    body = (
        "ronde: definitief\ningediend: 2022-09-01\ntotaal: 1000\nsegmenten: {sociale_huur: '30%'}\n"
        "onderwerpen: {transformatie: 1, flexwoningen: 1}\n"
    )
    report = find_gaps(load_dataset([_folder(tmp_path, {"utrecht": body})]), dt.date(2022, 10, 2))
    utrecht = next(r for r in report.rows if r.province.name == "Utrecht")
    assert utrecht.cells["sociale_huur"].state == "derived"


@pytest.mark.parametrize(
    ("day", "expected"),
    [("2023-06-30", None), ("2023-07-01", "deferral-overdue")],
)
def test_deferral_expires_the_day_after_its_date(tmp_path: Path, day: str, expected: str | None) -> None:
    body = (
        "ronde: definitief\ningediend: 2022-09-01\ntotaal: 1000\nsegmenten: {sociale_huur: 300}\n"
        "onderwerpen:\n  transformatie: {uitgesteld_tot: 2023-06-30}\n  flexwoningen: 5\n"
    )
    gaps = _gaps(_folder(tmp_path, {"utrecht": body}), day)
    utrecht = {rule for (stem, rule) in gaps if stem == "utrecht"}
    assert utrecht == ({expected} if expected else set())


def test_deferral_past_the_rounds_latest_date(tmp_path: Path) -> None:
    body = (
        "ronde: definitief\ningediend: 2022-09-01\ntotaal: 1000\nsegmenten: {sociale_huur: 300}\n"
        "onderwerpen:\n  transformatie: {uitgesteld_tot: 2024-01-01}\n  flexwoningen: 5\n"
    )
    folder = _folder(tmp_path, {"utrecht": body})
    report = find_gaps(load_dataset([folder]), dt.date(2022, 10, 2))
    problem = next(p for p in report.problems if p.rule == "deferral-too-late")
    assert (problem.line, problem.col, problem.level) == (7, 35, Level.ERROR)


def test_silence_on_a_topic_is_a_gap(tmp_path: Path) -> None:
    body = "ronde: definitief\ningediend: 2022-09-01\ntotaal: 1000\nsegmenten: {sociale_huur: 300}\n"
    gaps = _gaps(_folder(tmp_path, {"utrecht": body}), "2022-10-02")
    assert gaps[("utrecht", "topic-missing")] is Level.WARNING


def test_a_topic_the_round_does_not_let_defer(tmp_path: Path) -> None:
    body = (
        "ronde: definitief\ningediend: 2022-09-01\ntotaal: 1000\nsegmenten: {sociale_huur: 300}\n"
        "onderwerpen:\n  transformatie: 1\n  flexwoningen: 1\n"
        "  seniorenwoningen: {uitgesteld_tot: 2023-01-01}\n"
    )
    gaps = _gaps(_folder(tmp_path, {"utrecht": body}), "2022-10-02")
    assert gaps[("utrecht", "topic-not-deferrable")] is Level.ERROR


def test_levels_can_be_changed_in_the_round_file(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"utrecht": f"ronde: definitief\n{COMPLETE}"})
    (folder / "ronde.yaml").write_text(RONDE + "niveaus: {not-submitted: warning, missing-bid: off}\n")
    gaps = _gaps(folder, "2022-10-02")
    assert gaps[("utrecht", "not-submitted")] is Level.WARNING
    assert not any(rule == "missing-bid" for _, rule in gaps)


def test_shipped_data_as_of_the_deadline() -> None:
    from conftest import DATA

    report = find_gaps(load_dataset([DATA]), dt.date(2022, 10, 1))
    assert report.days_left == 0
    assert all(p.level is Level.INFO for p in report.problems)


def test_a_round_without_deadline_is_never_late(tmp_path: Path) -> None:
    from conftest import DATA, reopen

    june = tmp_path / "june"
    shutil.copytree(DATA / "rondes" / "2022-06-indicatief", june)
    for stub in (
        "groningen",
        "fryslan",
        "overijssel",
        "flevoland",
        "utrecht",
        "noord-holland",
        "noord-brabant",
    ):
        (june / f"{stub}.yaml").unlink()
    report = find_gaps(load_dataset([reopen(june)]), dt.date(2030, 1, 1))
    assert report.days_left is None
    assert {p.rule for p in report.problems} == {"bid-due", "item-due"}  # Limburg's totaal is owed
    assert summarize(report).startswith(
        "As of 2030-01-01 (this round has no deadline); 3 of 12 bids submitted, "
        "2 submitted on a date that is not known, 7 without a bid file"
    )


def test_a_closed_round_owes_nothing_and_says_not_published() -> None:
    from conftest import DATA

    report = find_gaps(load_dataset([DATA / "rondes" / "2022-06-indicatief"]), dt.date(2030, 1, 1))
    assert report.closed and report.closed_on is None
    assert {p.rule for p in report.problems} == {"not-published"}
    assert all(p.level is Level.INFO for p in report.problems)
    assert summarize(report) == (
        "The round is closed: 12 of 12 bids in. Not published (provinces): submission date (9), totaal (8)."
    )


@pytest.mark.parametrize(
    ("gesloten", "day", "closed"),
    [
        ("2022-10-13", "2022-09-01", False),  # before the deadline: still open, things are due
        ("2022-10-13", "2022-10-05", False),  # after the deadline, before the closing: owed
        ("2022-10-13", "2022-10-13", True),
        ("true", "2022-09-01", True),  # closed on a date not known: closed at every date
    ],
)
def test_a_round_is_open_before_its_closing_date(
    tmp_path: Path, gesloten: str, day: str, closed: bool
) -> None:
    folder = _folder(tmp_path, {"utrecht": "ronde: definitief\ntotaal: 1000\n"})
    (folder / "ronde.yaml").write_text(RONDE + f"gesloten: {gesloten}\n")
    report = find_gaps(load_dataset([folder]), dt.date.fromisoformat(day))
    rules = {p.rule for p in report.problems}
    assert report.closed is closed
    if closed:
        assert "not-published" in rules and not rules & {"bid-due", "item-due", "not-submitted"}
        assert summarize(report).startswith("The round ")
    else:
        assert "not-published" not in rules
        assert rules & ({"bid-due", "item-due"} if day < "2022-10-01" else {"missing-bid", "not-submitted"})
        assert summarize(report).startswith(f"As of {day}: ")
        assert summarize(report).endswith(f"The round was still open on {day}; it closed on {gesloten}.")


def test_gaps_as_of_before_the_closing_of_the_built_in_round() -> None:
    from conftest import DATA

    report = find_gaps(load_dataset([DATA]), dt.date(2022, 9, 1))
    text = summarize(report)
    assert text.startswith("As of 2022-09-01: 30 days left until the deadline of 2022-10-01;")
    assert "The round closed on" not in text and "it closed on 2022-10-13." in text
    assert {p.level for p in report.problems} == {Level.INFO}

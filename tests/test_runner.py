"""Folder by folder, serial or on several cores: the same result, in the same order."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA
from woonbod.cli import app

runner = CliRunner(env={"NO_COLOR": None, "FORCE_COLOR": None, "GITHUB_ACTIONS": None, "COLUMNS": None})


def _archive(tmp_path: Path, folders: int) -> list[str]:
    paths = []
    for i in range(folders):
        folder = tmp_path / f"ronde-{i:02d}"
        folder.mkdir()
        (folder / "ronde.yaml").write_bytes((DATA / "ronde.yaml").read_bytes())
        for bid in sorted(DATA.glob("*.yaml")):
            if bid.name != "ronde.yaml":
                (folder / bid.name).write_bytes(bid.read_bytes())
        if i % 3 == 0:  # some folders with problems, so order matters
            (folder / "utrecht.yaml").write_text("provincie: Utrecht\nronde: definitief\ntotaal: 83.500\n")
        paths.append(str(folder))
    return paths


def test_parallel_output_equals_serial(tmp_path: Path) -> None:
    folders = _archive(tmp_path, 7)
    for command in (["validate"], ["check", "--as-of", "2022-10-02"]):
        serial = runner.invoke(app, [*command, "-j", "1", "-f", "json", *folders])
        parallel = runner.invoke(app, [*command, "-j", "2", "-f", "json", *folders])
        assert serial.exit_code == parallel.exit_code == 1
        assert serial.stdout == parallel.stdout


def test_each_folder_is_its_own_round(tmp_path: Path) -> None:
    folders = _archive(tmp_path, 2)
    result = runner.invoke(app, ["validate", *folders])
    # The same province in two folders is two rounds, not a duplicate.
    assert "duplicate-province" not in result.stdout
    assert result.stdout.endswith("24 bid files checked: 23 valid, 1 error, 0 warnings.\n")


def test_bad_round_file_in_a_worker_exits_2(tmp_path: Path) -> None:
    folders = _archive(tmp_path, 4)
    (Path(folders[2]) / "ronde.yaml").write_text("ronde: definitief\ndeadline: 2022-02-30\n")
    result = runner.invoke(app, ["validate", "-j", "2", *folders])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.endswith(f"woonbod: {folders[2]}/ronde.yaml: the round file cannot be used\n")
    assert f"{folders[2]}/ronde.yaml:2:11: error [invalid-date]" in result.stderr


def test_an_edited_round_file_is_read_again(tmp_path: Path) -> None:
    from woonbod.loader import load_dataset

    (tmp_path / "utrecht.yaml").write_text("provincie: Utrecht\nronde: definitief\n")
    (tmp_path / "ronde.yaml").write_text("ronde: definitief\ndeadline: 2022-10-01\n")
    assert str(load_dataset([tmp_path]).round.ronde.deadline) == "2022-10-01"
    (tmp_path / "ronde.yaml").write_text("ronde: definitief\ndeadline: 2023-10-01\n")
    assert str(load_dataset([tmp_path]).round.ronde.deadline) == "2023-10-01"


def test_copies_of_one_round_file_each_name_their_own_folder(tmp_path: Path) -> None:
    from woonbod.loader import load_dataset

    folders = _archive(tmp_path, 2)
    first, second = (load_dataset([Path(f)]) for f in folders)
    # Parsed once (the same text), but each folder's round is its own file.
    assert first.round.ronde is second.round.ronde
    assert (first.round.path, second.round.path) == tuple(f"{f}/ronde.yaml" for f in folders)
    result = runner.invoke(app, ["validate", "-v", *folders])
    assert [line for line in result.stdout.splitlines() if line.startswith("round:")] == [
        f"round: {f}/ronde.yaml" for f in folders
    ]


def test_a_bad_copy_of_a_good_round_file_is_still_refused(tmp_path: Path) -> None:
    folders = _archive(tmp_path, 2)
    (Path(folders[1]) / "ronde.yaml").write_text("ronde: definitief\ndeadline: 2022-02-30\n")
    result = runner.invoke(app, ["validate", "-j", "1", *folders])
    assert result.exit_code == 2
    assert f"{folders[1]}/ronde.yaml:2:11: error [invalid-date]" in result.stderr


def test_no_more_workers_than_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import concurrent.futures

    asked: list[int] = []
    real = concurrent.futures.ProcessPoolExecutor

    def recording(max_workers: int, **kwargs: object) -> concurrent.futures.ProcessPoolExecutor:
        asked.append(max_workers)
        return real(max_workers=max_workers, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", recording)
    monkeypatch.setattr("woonbod.runner.usable_cpus", lambda: 8)
    folders = _archive(tmp_path, 3)
    result = runner.invoke(app, ["validate", "-j", "64", *folders])
    assert result.exit_code == 1
    assert asked == [3]


def test_no_more_workers_than_cpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue #12, class 11: `-j 1000` forked 1,000 workers. At most one per usable CPU."""
    import concurrent.futures

    asked: list[int] = []
    real = concurrent.futures.ProcessPoolExecutor

    def recording(max_workers: int, **kwargs: object) -> concurrent.futures.ProcessPoolExecutor:
        asked.append(max_workers)
        return real(max_workers=max_workers, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", recording)
    monkeypatch.setattr("woonbod.runner.usable_cpus", lambda: 2)
    folders = _archive(tmp_path, 5)
    for jobs in ("1000", "0"):
        result = runner.invoke(app, ["validate", "-j", jobs, *folders])
        assert result.exit_code == 1
    assert asked == [2]  # -j 0 on 60 files stays in this process (PARALLEL_FROM)


def test_usable_cpus_is_the_affinity_mask() -> None:
    import os

    from woonbod.runner import usable_cpus

    expected = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert usable_cpus() == expected


def test_jobs_help_says_the_cap() -> None:
    result = CliRunner(env={"COLUMNS": "250", "NO_COLOR": "1"}).invoke(app, ["validate", "--help"])
    assert "at most one per CPU and per folder" in result.stdout


def test_the_round_cache_keeps_only_the_latest(tmp_path: Path) -> None:
    from woonbod import loader

    loader._ROUNDS.clear()
    for i in range(loader._ROUNDS_KEPT + 10):
        folder = tmp_path / f"r{i:03d}"
        folder.mkdir()
        (folder / "utrecht.yaml").write_text("provincie: Utrecht\nronde: definitief\n")
        (folder / "ronde.yaml").write_text(f"naam: ronde {i}\nronde: definitief\n")
        assert loader.load_dataset([folder]).round.ronde.naam == f"ronde {i}"
    assert len(loader._ROUNDS) == loader._ROUNDS_KEPT
    # Memory holds the latest rounds, not every round of the archive.
    assert [model.naam for model in loader._ROUNDS.values()][-1] == f"ronde {loader._ROUNDS_KEPT + 9}"

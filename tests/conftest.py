"""Shared paths for the tests."""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from pathlib import Path

import pytest

from woonbod import i18n

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
DATA = ROOT / "data"


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test speaks English unless it asks for Dutch (--lang nl, WOONBOD_LANG=nl, or
    i18n.use("nl")), whatever the locale of the machine that runs the suite."""
    monkeypatch.setenv("WOONBOD_LANG", "en")
    monkeypatch.delenv("LANGUAGE", raising=False)
    i18n.use("en")
    yield
    i18n.use("en")
    gettext.textdomain("messages")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped data folder (bids and ronde.yaml, not the rondes/)."""
    target = tmp_path / "data"
    target.mkdir()
    for path in DATA.glob("*.yaml"):
        (target / path.name).write_bytes(path.read_bytes())
    return target


def reopen(folder: Path) -> Path:
    """The round file of ``folder`` without its `gesloten` line: the same bids in an open round."""
    ronde = folder / "ronde.yaml"
    lines = ronde.read_text(encoding="utf-8").splitlines(keepends=True)
    ronde.write_text("".join(line for line in lines if not line.startswith("gesloten:")), encoding="utf-8")
    return folder


@pytest.fixture
def open_data(data_copy: Path) -> Path:
    """The shipped bids, unchanged, in the same round but open (no `gesloten`)."""
    return reopen(data_copy)


@pytest.fixture
def broken_copy(data_copy: Path) -> Path:
    """The shipped bids with one file broken: utrecht.yaml's totaal written as 83.500."""
    utrecht = data_copy / "utrecht.yaml"
    text = utrecht.read_text(encoding="utf-8")
    utrecht.write_text(text.replace("\ntotaal: 83500\n", "\ntotaal: 83.500\n"), encoding="utf-8")
    return data_copy

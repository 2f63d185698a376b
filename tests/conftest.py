"""Shared paths for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
DATA = ROOT / "data"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped data folder (bids and ronde.yaml, not the rondes/)."""
    target = tmp_path / "data"
    target.mkdir()
    for path in DATA.glob("*.yaml"):
        (target / path.name).write_bytes(path.read_bytes())
    return target

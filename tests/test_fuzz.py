"""The mutation fuzzer (scripts/fuzz.py), a few seeded runs in the suite; longer by hand:
``python3 scripts/fuzz.py --runs 2000`` or ``WOONBOD_FUZZ_RUNS=500 pytest tests/test_fuzz.py``."""

from __future__ import annotations

import importlib.util
import os
import random
import sys
from pathlib import Path

_spec = importlib.util.spec_from_file_location("fuzz", Path(__file__).parent.parent / "scripts" / "fuzz.py")
assert _spec is not None and _spec.loader is not None
fuzz = importlib.util.module_from_spec(_spec)
sys.modules["fuzz"] = fuzz
_spec.loader.exec_module(fuzz)


def test_mutations_are_deterministic() -> None:
    raw = (Path(__file__).parent.parent / "data" / "utrecht.yaml").read_bytes()
    first = [fuzz.mutate(raw, random.Random(seed)) for seed in range(20)]
    again = [fuzz.mutate(raw, random.Random(seed)) for seed in range(20)]
    assert first == again
    assert sum(m != raw for m in first) >= 15


def test_an_unlocated_problem_line_is_caught() -> None:
    sizes = {"data/utrecht.yaml": 10}
    assert fuzz._unlocated("data/utrecht.yaml:3:1: error [x] y", sizes) is None
    assert fuzz._unlocated("data:0:0: error [no-bids] y", sizes) is None
    assert fuzz._unlocated("data/utrecht.yaml:11:1: error [x] y", sizes) is not None
    assert fuzz._unlocated("data/utrecht.yaml: error [missing-bid] y", sizes) is not None


def test_damaged_data_through_every_command_and_format() -> None:
    # A few seconds in the suite; set WOONBOD_FUZZ_RUNS for a longer run.
    runs = int(os.environ.get("WOONBOD_FUZZ_RUNS", "3"))
    invocations, failures = fuzz.fuzz(runs, seed=12)
    assert invocations == runs * len(fuzz.commands(Path("d"), Path("o")))
    assert failures == []

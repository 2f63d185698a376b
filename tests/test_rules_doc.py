"""Every rule is documented with an example that fails and one that passes, and both are true."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from woonbod.gaps import find_gaps
from woonbod.loader import load_dataset
from woonbod.rules import RULES
from woonbod.validation import check_norms, validate

_spec = importlib.util.spec_from_file_location("rules_doc", ROOT / "scripts" / "rules_doc.py")
assert _spec is not None and _spec.loader is not None
rules_doc = importlib.util.module_from_spec(_spec)
sys.modules["rules_doc"] = rules_doc
_spec.loader.exec_module(rules_doc)
EXAMPLES: dict[str, dict[str, Any]] = rules_doc.load_examples()


def _pick(value: Any, side: str, default: Any) -> Any:
    if isinstance(value, dict) and set(value) <= {"fail", "pass"}:
        return value.get(side, default)
    return default if value is None else value


def _run(rule: str, side: str, folder: Path) -> set[str]:
    example = EXAMPLES[rule]
    files = example[side]
    folder.mkdir()
    encoding = _pick(example.get("encoding"), side, "utf-8")
    if isinstance(files, str):
        files = {"utrecht.yaml": files}
    for name, text in files.items():
        if text == "directory":
            (folder / name.rstrip("/")).mkdir()
        elif text.startswith("-> "):
            (folder / name).symlink_to(text.removeprefix("-> "))
        else:
            (folder / name).write_bytes(text.encode(encoding))
    if example.get("ronde"):
        (folder / "ronde.yaml").write_text(example["ronde"])
    as_of = _pick(example.get("as_of"), side, dt.date(2022, 10, 15))
    dataset = load_dataset([folder], max_bytes=example.get("max_bytes", 1_000_000))
    problems = [*validate(dataset), *check_norms(dataset), *find_gaps(dataset, as_of).problems]
    if side == "pass":
        # A passing example speaks for its own files: the provinces it leaves out (problems about
        # the round file or a file that is not there) are not its concern.
        problems = [p for p in problems if p.path in {str(folder / name) for name in files}]
    return {p.rule for p in problems}


def test_every_rule_has_examples() -> None:
    assert set(EXAMPLES) == set(RULES)


@pytest.mark.parametrize("rule", sorted(EXAMPLES))
def test_failing_example_reports_the_rule(rule: str, tmp_path: Path) -> None:
    if EXAMPLES[rule]["fail"] is None:
        assert EXAMPLES[rule].get("note"), "an example left out says why"
        return
    assert rule in _run(rule, "fail", tmp_path / "fail")


@pytest.mark.parametrize("rule", sorted(EXAMPLES))
def test_passing_example_does_not(rule: str, tmp_path: Path) -> None:
    if EXAMPLES[rule]["pass"] is None:
        assert EXAMPLES[rule].get("note"), "an example left out says why"
        return
    assert rule not in _run(rule, "pass", tmp_path / "pass")


def test_rules_md_is_up_to_date() -> None:
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_doc.render()

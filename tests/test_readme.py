"""The README's promises point at tests that exist."""

from __future__ import annotations

import re

from conftest import ROOT


def test_every_guarantee_names_tests_that_exist() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Guarantees", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "`" in line]
    assert len(rows) >= 8
    for row in rows:
        held_by = row.rsplit("|", 2)[1]
        names = re.findall(r"`([^`]+)`", held_by)
        assert names, row
        for name in names:
            if name.startswith(("tests/", "invalid/")) or name.endswith(".yaml"):
                path = ROOT / (name if name.startswith("tests/") else f"tests/fixtures/{name}")
                assert path.exists(), name
                continue
            module, _, test = name.partition("::")
            source = (ROOT / "tests" / module).read_text(encoding="utf-8")
            if test:
                pattern = re.escape(test).replace(r"\*", r"\w*")
                assert re.search(rf"^def {pattern}\(", source, re.M), name

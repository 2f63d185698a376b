"""Every terminal screen at 60, 80 and 120 columns: nothing wider than the terminal, no number,
province name, header word or location cut, no "…" in a table."""

from __future__ import annotations

import functools
import json
import re

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from conftest import ROOT
from woonbod.cli import app
from woonbod.formatting import homes
from woonbod.provinces import PROVINCES
from woonbod.terminal import Column, print_table, wrap

# Relative paths, as a user types them: a location is never wrapped, so an absolute path in a
# deep temporary folder could be wider than 60 columns on its own.
INDICATIVE = "data/rondes/2022-06-indicatief"
HERE = "data"
WOONDEALS = "data/rondes/2023-woondeals"
WIDTHS = (60, 80, 120)
SEGMENTS = ("totaal", "sociale-huur", "betaalbaar", "all")
COMMANDS = [
    *(["total", str(folder), "--segment", s] for folder in (HERE, INDICATIVE) for s in SEGMENTS),
    ["total", WOONDEALS, "--segment", "all"],
    ["total", WOONDEALS, "--by", "regio"],
    ["total", WOONDEALS, "--by", "regio", "--segment", "all"],
    ["status", WOONDEALS],
    ["status", HERE, "--as-of", "2022-10-20"],
    ["status", INDICATIVE, "--as-of", "2022-06-20"],
    ["gaps", HERE, "--as-of", "2022-10-20"],
    ["gaps", INDICATIVE, "--as-of", "2022-05-20"],
    ["knelpunten", HERE],
    ["diff", INDICATIVE, HERE],
    ["check", HERE, "--as-of", "2022-10-20"],
    ["validate", "tests/fixtures/invalid"],
]


@pytest.fixture(autouse=True)
def _in_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@functools.cache
def _run(args: tuple[str, ...], width: int | None) -> str:
    env = {"NO_COLOR": None, "FORCE_COLOR": None, "GITHUB_ACTIONS": None, "COLUMNS": None}
    if width is not None:
        env["COLUMNS"] = str(width)
    return CliRunner(env=env).invoke(app, list(args)).stdout


def _figures(folder: str) -> set[str]:
    """Every figure `total --segment all` shows: each province's and each sum, as printed."""
    document = json.loads(_run(("total", folder, "--segment", "all", "--format", "json"), None))
    shown: set[str] = set()
    for segment in document["segments"]:
        for entry in [*segment["provinces"], segment["sum"]]:
            for key in ("min", "max"):
                if entry[key] is not None:
                    shown.add(homes(entry[key]))
        if segment["target"]:
            shown.add(homes(segment["target"]["value"]))
    return shown


def _region_figures(folder: str) -> set[str]:
    """Every figure `total --by regio --segment all` shows, as printed."""
    document = json.loads(_run(("total", folder, "--by", "regio", "-s", "all", "-f", "json"), None))
    shown: set[str] = set()
    for region in document.get("regions", []):
        for figure in region["figures"].values():
            if figure is not None:
                shown |= {homes(figure[k]) for k in ("min", "max") if figure[k] is not None}
    return shown


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:1] + a[2:]))
def test_every_screen_fits_and_cuts_nothing(args: list[str], width: int) -> None:
    text = _run(tuple(args), width)
    wide = _run(tuple(args), 1000)
    assert text.strip()
    lines = text.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    rows = [line for line in lines if line[:1] in "│┃"]
    # "…" alone is the gaps' "still due"; right after or before text it is Rich cutting a cell.
    assert not any(re.search(r"\S…|…\S", row) for row in rows), "a cell was cut off"
    words = set(text.split())
    if args[0] in ("total", "gaps", "knelpunten", "diff"):
        for province in PROVINCES:
            assert province.name in text, province.name
    if args[0] in ("total", "status"):
        for figure in _figures(args[1]) | _region_figures(args[1]):
            if figure in wide:  # the figures this screen shows at full width
                assert figure in text, f"{figure} cut at {width} columns"
    # Wrapping moves words between lines and never splits one: the words are those of the
    # same screen laid out at full width, table borders aside.
    if args[0] in ("diff", "check", "validate"):
        assert text.split() == wide.split()
    else:
        prose = [w for w in words if not set(w) & set("│┃━─┏┓┗┛┡┩└┘├┤┼╇╋┳┻┃")]
        assert set(prose) <= set(wide.split()) | {"Part", "of", *map(str, range(1, 10)), *_part_words(text)}


def _part_words(text: str) -> set[str]:
    return {m for m in re.findall(r"Part \d+ of \d+:", text) for m in m.split()}


@pytest.mark.parametrize("width", WIDTHS)
def test_problem_lines_keep_their_location_whole(width: int) -> None:
    text = _run(("gaps", HERE, "--as-of", "2022-10-20"), width)
    starts = [line for line in text.splitlines() if line.startswith("data/")]
    assert starts and all(re.match(r"data/[a-z-]+\.yaml:\d+:\d+: (error|warning|info) \[", s) for s in starts)
    wide = _run(("gaps", HERE, "--as-of", "2022-10-20"), 1000)
    assert len(starts) == sum(1 for line in wide.splitlines() if line.startswith("data/"))


def test_a_wide_table_is_split_into_parts_that_repeat_the_first_column() -> None:
    from io import StringIO

    from rich.console import Console

    out = StringIO()
    columns = [Column("Provincie", justify="left"), *(Column(f"kolom nummer {i}") for i in range(8))]
    rows = [["Noord-Holland", *(f"{i}00 000–{i}10 000*" for i in range(8))]]
    print_table(Console(file=out, width=60), columns, rows)
    text = out.getvalue()
    assert text.count("Noord-Holland") == text.count("Part ") > 1
    for i in range(8):
        assert f"{i}00 000–{i}10 000*" in text
    assert max(cell_len(line) for line in text.splitlines()) <= 60


def test_wrap_never_breaks_a_number() -> None:
    lines = wrap("Partial sum: 1 917 193 from ≥ 90 000 homes, 12 of 12 provinces", 22)
    assert lines == ["Partial sum: 1 917 193", "from ≥ 90 000 homes,", "12 of 12 provinces"]
    assert wrap("a 917 193 b", 20 + 0) == ["a 917 193 b"]
    assert wrap("aaaa bbbb cccc dddd eeee 917 193", 30) == ["aaaa bbbb cccc dddd eeee", "917 193"]

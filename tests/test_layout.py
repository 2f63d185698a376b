"""The layout of the code itself: the pipeline's folders, no import circles, short functions,
one vocabulary, one range formatter, and a CLI that holds no business rule."""

from __future__ import annotations

import ast
import importlib
from fractions import Fraction
from pathlib import Path
from typing import get_args

import pytest

import woonbod
from conftest import DATA

PACKAGE = Path(woonbod.__file__).parent
SUBPACKAGES = ("reading", "model", "loading", "checks", "analysis", "render", "cli")
LONGEST_FUNCTION = 60


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ["woonbod", *path.relative_to(PACKAGE).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imports(path: Path, known: set[str]) -> set[str]:
    """Every woonbod module ``path`` imports, at the top, in a function or for type checking."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in names if name in known}


def test_each_subpackage_says_its_job_in_one_line() -> None:
    for name in SUBPACKAGES:
        doc = importlib.import_module(f"woonbod.{name}").__doc__ or ""
        assert doc and "\n" not in doc.strip(), name


def test_no_import_circles() -> None:
    modules = _modules()
    graph = {name: _imports(path, set(modules)) - {name} for name, path in modules.items()}
    done: set[str] = set()

    def visit(name: str, trail: tuple[str, ...]) -> None:
        if name in trail:
            raise AssertionError("import circle: " + " -> ".join((*trail[trail.index(name) :], name)))
        if name in done:
            return
        for target in graph[name]:
            visit(target, (*trail, name))
        done.add(name)

    for name in graph:
        visit(name, ())


# The pipeline's order: a folder imports only from the folders before it (and the top modules).
PIPELINE = ("reading", "model", "loading", "checks", "analysis", "render", "cli")
# The exceptions, each imported where it is used: the national norms are checked on the
# national sums, and `woonbod check` reports the deadline gaps too.
AGAINST_THE_FLOW = {
    ("woonbod.checks.norms", "woonbod.analysis.totals"),
    ("woonbod.checks.runner", "woonbod.analysis.gaps"),
}


def test_the_folders_follow_the_pipeline() -> None:
    modules = _modules()
    against = set()
    for name, path in modules.items():
        here = name.split(".")[1] if name.count(".") >= 1 else ""
        for target in _imports(path, set(modules)):
            there = target.split(".")[1] if target.count(".") >= 1 else ""
            if here in PIPELINE and there in PIPELINE and PIPELINE.index(there) > PIPELINE.index(here):
                against.add((name, target))
    assert against == AGAINST_THE_FLOW


def test_no_function_is_longer_than_a_screen() -> None:
    long = []
    for name, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > LONGEST_FUNCTION:
                    long.append(f"{name}.{node.name}: {length} lines")
    assert long == []


def test_the_cli_decides_nothing_the_library_does_not() -> None:
    # The command line declares options, picks renderers, writes and exits: loading, setting
    # aside files with errors, planning folders, deriving and comparing go through the core.
    core = {"load_dataset", "plan_rounds", "checked", "check_groups", "compare_need", "derive", "sum_all"}
    for path in (PACKAGE / "cli").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                assert name not in core, f"{path.name}:{node.lineno} calls {name}"


def test_vocabularies_are_defined_once() -> None:
    from woonbod.model import models, vocabulary

    assert get_args(vocabulary.ItemName) == vocabulary.SEGMENTS
    assert vocabulary.SEGMENTS[1:6] == vocabulary.SEGMENT_KEYS
    assert get_args(vocabulary.TopicName) == vocabulary.TOPICS
    assert get_args(models.Knelpunt.model_fields["soort"].annotation) == vocabulary.KNELPUNT_SOORTEN
    assert models.Ronde.model_fields["soort"].alias == "ronde"  # the file's key stays `ronde`
    assert vocabulary.segment("Sociale-Huur") == "sociale_huur"
    with pytest.raises(ValueError, match="unknown segment"):
        vocabulary.segment("sociale-hur")


@pytest.mark.parametrize(
    ("low", "high", "options", "shown"),
    [
        (18000, 18000, {}, "18 000"),
        (153000, 225000, {}, "153 000–225 000"),
        (90000, None, {}, "≥ 90 000"),
        (11000, 11000, {"approx": True}, "ca. 11 000"),
        (11000, 12000, {"approx": True, "derived": True}, "ca. 11 000–12 000*"),
        (Fraction(2, 3), Fraction(3, 4), {"show": "percent"}, "66.7%–75.0%"),
    ],
)
def test_one_range_formatter(
    low: Fraction | int, high: Fraction | int | None, options: dict, shown: str
) -> None:
    from woonbod.formatting import percent, span

    if options.get("show") == "percent":
        options = {**options, "show": percent}
    assert span(low, high, **options) == shown


def test_no_renderer_takes_english_display_text_apart() -> None:
    for path in (PACKAGE / "render").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for taking_apart in (".removeprefix(", ".removesuffix(", '.split(" (")'):
            assert taking_apart not in text, f"{path.name}: {taking_apart}"


def test_each_bid_is_derived_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # Validation, the sums, the gaps, the regions and the report all ask for a bid's figures;
    # the segment tree is worked out once per bid and per region, and kept.
    import datetime as dt
    from collections import Counter

    import woonbod.model.figures
    import woonbod.model.regions
    from woonbod.analysis.report import build_report
    from woonbod.checks.validation import check_against_round, load_checked

    calls: Counter[str] = Counter()

    def counting(module: object, key: str) -> None:
        real = module.derive  # type: ignore[attr-defined]

        def derive(*args: object) -> object:
            calls[key] += 1
            return real(*args)

        monkeypatch.setattr(module, "derive", derive)

    counting(woonbod.model.figures, "bid or region")
    counting(woonbod.model.regions, "part of a region")
    dataset, problems = load_checked([DATA])
    check_against_round(dataset)
    build_report(dataset, problems, dt.date(2022, 10, 1), "totaal")
    bids = [lb.bid for lb in dataset.bids if lb.bid is not None]
    regions = sum(len(bid.regios or ()) for bid in bids)
    assert regions > 0
    assert calls == {"bid or region": len(bids) + regions, "part of a region": regions}

"""The checking stages in order: file and schema (from loading), consistency, files, norms."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from woonbod.checks.consistency import BID_CHECKS, BidCheck
from woonbod.checks.filesets import FILE_CHECKS
from woonbod.checks.norms import NORM_CHECKS, check_national_norms
from woonbod.loading.loader import Dataset, load_dataset
from woonbod.problems import Problem, paths_with_errors
from woonbod.reading.tree import DEFAULT_MAX_BYTES
from woonbod.rules import apply_levels


def _run_bid_checks(dataset: Dataset, checks: Iterable[BidCheck]) -> list[Problem]:
    ronde = dataset.round.ronde
    problems: list[Problem] = []
    for check in checks:
        for lb in dataset.bids:
            if lb.bid is not None:
                problems.extend(check(lb, lb.bid, ronde))
    return problems


def validate(dataset: Dataset) -> list[Problem]:
    """Problems of reading, the schema, consistency inside each bid, and across the files."""
    problems = list(dataset.problems)
    for lb in dataset.bids:
        problems.extend(lb.problems)
    problems.extend(_run_bid_checks(dataset, BID_CHECKS))
    for check in FILE_CHECKS:
        problems.extend(check(dataset.bids))
    return _finish(problems, dataset)


def checked(dataset: Dataset) -> tuple[Dataset, list[Problem]]:
    """The validation problems, and the dataset as sums, gaps and reports should see it: a bid
    file with an error counts for nothing until it is fixed, since any of its figures could be
    the wrong one (which of two duplicate keys was meant? is totaal or the fasering right?)."""
    problems = validate(dataset)
    broken = paths_with_errors(problems)
    bids = [lb.set_aside() if lb.bid is not None and lb.path in broken else lb for lb in dataset.bids]
    return replace(dataset, bids=bids), problems


def load_checked(
    paths: Sequence[Path], *, round_file: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Dataset, list[Problem]]:
    """Load one round (files and folders in one folder) and validate it: the dataset with every
    file that has an error set aside (see ``checked``), and the validation problems. CannotRun
    when nothing can be read. The library's ``load_round`` and every command that adds up start here."""
    return checked(load_dataset(paths, round_file=round_file, max_bytes=max_bytes))


def check_against_round(dataset: Dataset) -> list[Problem]:
    """Problems of each bid against its round (round, period, norms) and of the national figures
    against the norms."""
    return _finish(_run_bid_checks(dataset, NORM_CHECKS) + check_national_norms(dataset), dataset)


def _finish(problems: list[Problem], dataset: Dataset) -> list[Problem]:
    levelled = apply_levels(problems, dataset.round.ronde.niveaus)
    return sorted(levelled, key=Problem.sort_key)

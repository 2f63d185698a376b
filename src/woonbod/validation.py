"""The checking stages in order: file and schema (from loading), consistency, files, norms."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from woonbod.consistency import BID_CHECKS, BidCheck
from woonbod.filesets import FILE_CHECKS
from woonbod.loader import Dataset
from woonbod.norms import NORM_CHECKS, check_national_norms
from woonbod.problems import Level, Problem
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
    broken = {p.path for p in problems if p.level is Level.ERROR}
    bids = [replace(lb, bid=None) if lb.bid is not None and lb.path in broken else lb for lb in dataset.bids]
    return replace(dataset, bids=bids), problems


def check_norms(dataset: Dataset) -> list[Problem]:
    """Problems of each bid against its round (round, period, norms) and of the national figures
    against the norms."""
    return _finish(_run_bid_checks(dataset, NORM_CHECKS) + check_national_norms(dataset), dataset)


def _finish(problems: list[Problem], dataset: Dataset) -> list[Problem]:
    levelled = apply_levels(problems, dataset.round.ronde.niveaus)
    return sorted(levelled, key=Problem.sort_key)

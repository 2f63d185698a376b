"""Validate (and check) folder by folder, on several cores when there are many files.

Each folder is one round and is checked on its own, so folders can go to worker processes
and come back in order: the output is the same as a serial run, byte for byte. Workers are
forked after the imports, so they start without paying Python's and Pydantic's start-up again;
where fork is not available, or for a few hundred files, everything runs in this process.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from woonbod.i18n import _
from woonbod.loading.loader import Dataset, Group, plan_rounds
from woonbod.problems import Problem

PARALLEL_FROM = 400  # files; below this, forking costs more than it saves


@dataclass(frozen=True, slots=True)
class FolderResult:
    """What checking one folder found."""

    files: list[str]
    problems: list[Problem]
    ok: list[str]  # files without any problem, for --verbose
    round_source: str


def check_group(group: Group, *, max_bytes: int, as_of: dt.date | None, norms: bool) -> FolderResult:
    """Validate one folder; with ``norms``, also its norms and (with ``as_of``) its gaps, both
    without the files that have errors, as every command that adds up sees them."""
    from woonbod.checks.validation import check_against_round, checked

    dataset, problems = checked(group.load(max_bytes))
    if norms:
        problems += check_against_round(dataset)
    if as_of is not None:
        from woonbod.analysis.gaps import find_gaps

        problems += find_gaps(dataset, as_of).problems
    elif norms and dataset.round.ronde.closed:
        problems += _bids_of_a_closed_round(dataset)
    problems.sort(key=Problem.sort_key)
    files = [lb.path for lb in dataset.bids]
    with_problems = {p.path for p in problems}
    source = dataset.round.path or _("the built-in 2022 definitive round")
    return FolderResult(files, problems, [f for f in files if f not in with_problems], source)


def _bids_of_a_closed_round(dataset: Dataset) -> list[Problem]:
    """Without the deadline (check --no-gaps), a closed round still needs a usable bid from every
    province: every province bid, so a file that is gone or broken is lost data, never "due"."""
    from woonbod.analysis.gaps import find_gaps

    ronde = dataset.round.ronde
    closed = ronde.closed_on or ronde.deadline or dt.date.today()
    # Only the files that are not there: a file with errors has its own errors already.
    return [p for p in find_gaps(dataset, closed).problems if p.rule == "missing-bid" and p.line == 0]


def _workers(jobs: int, files: int) -> int:
    if jobs == 1 or (jobs == 0 and files < PARALLEL_FROM):
        return 1
    import multiprocessing  # only here: a small run does not pay for importing it

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    # More workers than CPUs only add memory and start-up time (-j 1000 forked 1,000).
    return min(jobs, usable_cpus()) if jobs > 0 else usable_cpus()


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity mask), at least 1."""
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if counter is not None:
        return int(counter() or 1)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def check_folders(
    paths: Sequence[Path],
    *,
    round_file: Path | None,
    max_bytes: int,
    as_of: dt.date | None,
    norms: bool,
    jobs: int = 0,
) -> Iterator[FolderResult]:
    """Plan the folders ``paths`` name (each with its round file) and check each, in order;
    CannotRun for an unusable round file, found in this process or in a worker."""
    groups = plan_rounds(paths, round_file=round_file)
    yield from check_groups(groups, max_bytes=max_bytes, as_of=as_of, norms=norms, jobs=jobs)


def check_groups(
    groups: Sequence[Group], *, max_bytes: int, as_of: dt.date | None, norms: bool, jobs: int = 0
) -> Iterator[FolderResult]:
    """Every folder's result, in the order of the folders."""
    work = partial(check_group, max_bytes=max_bytes, as_of=as_of, norms=norms)
    # No more processes than folders, whatever --jobs asks: a folder is the unit of work.
    workers = min(_workers(jobs, sum(len(g.files) for g in groups)), len(groups))
    if workers <= 1:
        yield from map(work, groups)
        return
    # Import what the workers need before forking, so they inherit it instead of each paying
    # for Pydantic and the models again.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    import woonbod.checks.validation

    if as_of is not None:
        import woonbod.analysis.gaps  # noqa: F401

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(work, groups, chunksize=max(1, len(groups) // (workers * 8)))

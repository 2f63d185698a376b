"""Checks across the bid files of one folder: one bid per province, named after it."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from woonbod.loader import LoadedBid
from woonbod.problems import Problem
from woonbod.rules import level_of

FileCheck = Callable[[Sequence[LoadedBid]], Iterator[Problem]]


def check_duplicate_provinces(bids: Sequence[LoadedBid]) -> Iterator[Problem]:
    """Each province has at most one bid file in a round."""
    first: dict[str, LoadedBid] = {}
    for lb in bids:
        if lb.bid is None:
            continue
        code = lb.bid.provincie.code
        if code in first:
            other = first[code]
            line, _ = other.where(("provincie",))
            yield lb.problem(
                ("provincie",),
                "duplicate-province",
                level_of("duplicate-province"),
                f"a second bid for {lb.bid.provincie.name}: {other.path}:{line} has one too",
                "keep one file per province; move older rounds to their own folder",
            )
        else:
            first[code] = lb


def check_filenames(bids: Sequence[LoadedBid]) -> Iterator[Problem]:
    """A bid file is named after its province (utrecht.yaml, noord-brabant.yaml)."""
    for lb in bids:
        if lb.bid is None:
            continue
        stem = Path(lb.path).stem.lower()
        province = lb.bid.provincie
        if stem not in (province.slug, province.code.lower(), province.iso.lower()):
            yield lb.problem(
                ("provincie",),
                "filename-mismatch",
                level_of("filename-mismatch"),
                f"the file is named '{Path(lb.path).name}' but holds the bid of {province.name}",
                f"rename it to {province.slug}{Path(lb.path).suffix}, or correct provincie",
            )


FILE_CHECKS: tuple[FileCheck, ...] = (check_duplicate_provinces, check_filenames)

"""Checks across the bid files of one folder: one bid per province, named after it."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from woonbod.loader import LoadedBid
from woonbod.problems import Problem
from woonbod.provinces import named_exactly, provinces_in_filename
from woonbod.rules import level_of

FileCheck = Callable[[Sequence[LoadedBid]], Iterator[Problem]]


def _named_elsewhere(lb: LoadedBid) -> bool:
    """The file's name names another province than the one it holds (a copied file)."""
    assert lb.bid is not None
    named = provinces_in_filename(Path(lb.path).stem)
    return bool(named) and lb.bid.provincie not in named


def check_duplicate_provinces(bids: Sequence[LoadedBid]) -> Iterator[Problem]:
    """Each province has at most one bid file in a round; when two claim one, neither counts."""
    claims: dict[str, list[LoadedBid]] = {}
    for lb in bids:
        # A file named after another province is that file's own error (filename-mismatch): it
        # does not make the file that is named right a duplicate.
        if lb.bid is not None and not _named_elsewhere(lb):
            claims.setdefault(lb.bid.provincie.code, []).append(lb)
    for claimants in claims.values():
        if len(claimants) < 2:
            continue
        for lb in claimants:
            assert lb.bid is not None
            others = ", ".join(
                f"{other.path}:{other.where(('provincie',))[0]}" for other in claimants if other is not lb
            )
            yield lb.problem(
                ("provincie",),
                "duplicate-province",
                level_of("duplicate-province"),
                f"{len(claimants)} files hold a bid for {lb.bid.provincie.name} (also {others}); "
                "none of them is counted until one is left",
                "keep one file per province; move older rounds to their own folder",
            )


def check_filenames(bids: Sequence[LoadedBid]) -> Iterator[Problem]:
    """A bid file is named after its province (utrecht.yaml, noord-brabant.yaml, UT.yaml)."""
    for lb in bids:
        if lb.bid is None:
            continue
        name = Path(lb.path).name
        stem = Path(lb.path).stem
        province = lb.bid.provincie
        fix = f"rename it to {province.slug}{Path(lb.path).suffix}, or correct provincie"
        if _named_elsewhere(lb):
            named = " or ".join(sorted(p.name for p in provinces_in_filename(stem)))
            yield lb.problem(
                ("provincie",),
                "filename-mismatch",
                level_of("filename-mismatch"),
                f"the file is named '{name}' (after {named}) but holds the bid of {province.name}; "
                "it is not counted for either",
                fix,
            )
        elif not named_exactly(stem, province):
            yield lb.problem(
                ("provincie",),
                "filename-unusual",
                level_of("filename-unusual"),
                f"the file is named '{name}', not after its province {province.name}",
                fix,
            )


FILE_CHECKS: tuple[FileCheck, ...] = (check_duplicate_provinces, check_filenames)

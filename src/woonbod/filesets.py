"""Checks across the bid files of one folder: one bid per province, named after it."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from woonbod.formatting import homes, quoted
from woonbod.loader import LoadedBid, bids_by_province
from woonbod.problems import Problem
from woonbod.provinces import named_exactly, provinces_in_filename
from woonbod.quantities import Count
from woonbod.regions import region_key
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


def check_shared_regions(bids: Sequence[LoadedBid]) -> Iterator[Problem]:
    """Bids that name the same region agree on its totaal, and their parts of it do not add up
    to more than it."""
    seen: dict[str, tuple[LoadedBid, int, int]] = {}  # region -> first bid, index, totaal
    parts: dict[str, list[tuple[LoadedBid, int, int]]] = {}
    for lb in bids_by_province(bids).values():
        assert lb.bid is not None
        for i, regio in enumerate(lb.bid.regios or ()):
            key = region_key(regio.naam)
            deel = regio.deel() if regio.crosses_border(lb.bid.provincie) else None
            if deel is not None and deel.totaal is not None:
                parts.setdefault(key, []).append((lb, i, deel.totaal.value))
            if not isinstance(regio.totaal, Count):
                continue
            if key not in seen:
                seen[key] = (lb, i, regio.totaal.value)
                continue
            other, j, value = seen[key]
            if value != regio.totaal.value:
                line, _ = other.where(("regios", j, "totaal"))
                yield lb.problem(
                    ("regios", i, "totaal"),
                    "regio-conflict",
                    level_of("regio-conflict"),
                    f"region {quoted(regio.naam)} has totaal {homes(regio.totaal.value)} here, but "
                    f"{homes(value)} in {other.path}:{line}",
                    "give the whole region's figure in both bids, or leave it out of one (null)",
                )
    for key, found in parts.items():
        if key not in seen or len(found) < 2:
            continue
        whole_lb, j, whole = seen[key]
        given = sum(value for _, _, value in found)
        if given > whole:
            lb, i, _ = found[-1]
            assert lb.bid is not None
            listed = ", ".join(f"{p.bid.provincie.name} {homes(v)}" for p, _, v in found if p.bid is not None)
            yield lb.problem(
                ("regios", i, "toegerekend"),
                "regio-conflict",
                level_of("regio-conflict"),
                f"the provinces' parts of region "
                f"{quoted(lb.bid.regios[i].naam if lb.bid.regios else str(key))} "
                f"({listed}) add up to {homes(given)}, more than the region's totaal of {homes(whole)} "
                f"in {whole_lb.path}",
                "correct the parts (toegerekend) or the region's totaal",
            )


FILE_CHECKS: tuple[FileCheck, ...] = (check_duplicate_provinces, check_filenames, check_shared_regions)

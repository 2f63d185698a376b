"""Checks across the bid files of one folder: one bid per province, named after it."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from woonbod.formatting import homes, quoted
from woonbod.i18n import _, ngettext, pgettext
from woonbod.loading.loader import LoadedBid, bids_by_province
from woonbod.model.provinces import named_exactly, provinces_in_filename
from woonbod.model.quantities import Count
from woonbod.model.regions import region_key
from woonbod.problems import Problem
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
                # Translators: {others} lists the other files as path:line.
                ngettext(
                    "{n} file holds a bid for {province} (also {others}); none of them is counted "
                    "until one is left",
                    "{n} files hold a bid for {province} (also {others}); none of them is counted "
                    "until one is left",
                    len(claimants),
                ).format(n=len(claimants), province=lb.bid.provincie.name, others=others),
                _("keep one file per province; move older rounds to their own folder"),
            )


def check_filenames(bids: Sequence[LoadedBid]) -> Iterator[Problem]:
    """A bid file is named after its province (utrecht.yaml, noord-brabant.yaml, UT.yaml)."""
    for lb in bids:
        if lb.bid is None:
            continue
        name = Path(lb.path).name
        stem = Path(lb.path).stem
        province = lb.bid.provincie
        fix = _("rename it to {name}, or correct provincie").format(name=province.slug + Path(lb.path).suffix)
        if _named_elsewhere(lb):
            word = pgettext("between the last two of a list", "or")
            named = f" {word} ".join(sorted(p.name for p in provinces_in_filename(stem)))
            yield lb.problem(
                ("provincie",),
                "filename-mismatch",
                level_of("filename-mismatch"),
                # Translators: {named} is one or more province names, {province} the bid's province.
                _(
                    "the file is named '{name}' (after {named}) but holds the bid of {province}; "
                    "it is not counted for either"
                ).format(name=name, named=named, province=province.name),
                fix,
            )
        elif not named_exactly(stem, province):
            yield lb.problem(
                ("provincie",),
                "filename-unusual",
                level_of("filename-unusual"),
                _("the file is named '{name}', not after its province {province}").format(
                    name=name, province=province.name
                ),
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
                line = other.where(("regios", j, "totaal"))[0]
                yield lb.problem(
                    ("regios", i, "totaal"),
                    "regio-conflict",
                    level_of("regio-conflict"),
                    # Translators: {where} is a file and line, as path:line.
                    _("region {region} has totaal {here} here, but {there} in {where}").format(
                        region=quoted(regio.naam),
                        here=homes(regio.totaal.value),
                        there=homes(value),
                        where=f"{other.path}:{line}",
                    ),
                    _("give the whole region's figure in both bids, or leave it out of one (null)"),
                )
    yield from _parts_over_regions(parts, seen)


def _parts_over_regions(
    parts: dict[str, list[tuple[LoadedBid, int, int]]], seen: dict[str, tuple[LoadedBid, int, int]]
) -> Iterator[Problem]:
    """The provinces' parts (toegerekend) of a region add up to no more than its totaal."""
    for key, found in parts.items():
        if key not in seen or len(found) < 2:
            continue
        whole_lb, _j, whole = seen[key]
        given = sum(part[2] for part in found)
        if given > whole:
            lb, i = found[-1][:2]
            assert lb.bid is not None
            listed = ", ".join(
                f"{p.bid.provincie.name} {homes(v)}" for p, _i, v in found if p.bid is not None
            )
            yield lb.problem(
                ("regios", i, "toegerekend"),
                "regio-conflict",
                level_of("regio-conflict"),
                # Translators: {listed} is "Utrecht 1.200, Gelderland 800"; {path} the file of {whole}.
                _(
                    "the provinces' parts of region {region} ({listed}) add up to {sum}, more than "
                    "the region's totaal of {whole} in {path}"
                ).format(
                    region=quoted(lb.bid.regios[i].naam if lb.bid.regios else str(key)),
                    listed=listed,
                    sum=homes(given),
                    whole=homes(whole),
                    path=whole_lb.path,
                ),
                _("correct the parts (toegerekend) or the region's totaal"),
            )


FILE_CHECKS: tuple[FileCheck, ...] = (check_duplicate_provinces, check_filenames, check_shared_regions)

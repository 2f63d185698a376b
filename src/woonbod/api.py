"""woonbod as a library: load a round, get checked, typed results, and the same figures the CLI shows.

    >>> import woonbod
    >>> ronde = woonbod.load_round("data/")
    >>> ronde.total("totaal").low
    917193

A bid file with an error counts for nothing here either: its province shows as ``invalid`` and
adds nothing to any sum, exactly as on the command line, since any of its figures could be the
wrong one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, get_args

from woonbod.models import ItemName
from woonbod.problems import Level, Problem
from woonbod.yamltree import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from woonbod.gaps import GapReport
    from woonbod.knelpunten import KnelpuntMatrix
    from woonbod.loader import Dataset, LoadedBid
    from woonbod.models import Ronde
    from woonbod.rules import Rule
    from woonbod.totals import SegmentTotal

Segment = ItemName
SEGMENTS: tuple[Segment, ...] = get_args(ItemName)

__all__ = ["SEGMENTS", "Round", "Segment", "load_round", "rule_catalogue", "segment"]


def segment(name: str) -> Segment:
    """The segment ``name`` (``sociale_huur`` or, as on the command line, ``sociale-huur``);
    ValueError naming the segments for anything else."""
    key = name.strip().lower().replace("-", "_")
    for known in SEGMENTS:
        if key == known:
            return known
    raise ValueError(f"unknown segment {name!r}: one of {', '.join(SEGMENTS)}")


@dataclass(frozen=True, slots=True)
class Round:
    """One round as woonbod sees it: the round file, the bids, and every validation problem.

    ``dataset`` already has each file with an error set aside (its bid is None), so every
    figure below comes only from files without errors.
    """

    dataset: Dataset
    problems: tuple[Problem, ...]

    @property
    def ronde(self) -> Ronde:
        """The round file's model: name, deadline, targets, norms."""
        return self.dataset.round.ronde

    @property
    def bids(self) -> tuple[LoadedBid, ...]:
        """Every bid file read; a file with errors has ``bid`` None."""
        return tuple(self.dataset.bids)

    @property
    def invalid_files(self) -> tuple[str, ...]:
        """The files that count for nothing because they have an error."""
        return tuple(sorted({p.path for p in self.problems if p.level is Level.ERROR}))

    @property
    def errors(self) -> int:
        """How many validation problems are errors."""
        return sum(1 for p in self.problems if p.level is Level.ERROR)

    def total(self, name: str) -> SegmentTotal:
        """One segment per province and summed, with coverage and the national target."""
        from woonbod.totals import sum_segment

        return sum_segment(self.dataset.bids, self.ronde, segment(name))

    def totals(self) -> list[SegmentTotal]:
        """Every segment, in the order of the segment tree."""
        return [self.total(s) for s in SEGMENTS]

    def records(self, name: str | None = None) -> list[dict[str, object]]:
        """One plain dict per province and segment (``name``: only that segment), ready for
        ``pandas.DataFrame(...)`` or ``csv.DictWriter``: provincie, code, segment, status, value,
        min, max, how, file. ``value`` is None unless the figure is a single number."""
        totals = [self.total(name)] if name is not None else self.totals()
        return [
            {
                "provincie": row.province.name,
                "code": row.province.iso,
                "segment": total.segment,
                "status": row.status,
                "value": row.low if row.known and not row.is_range else None,
                "min": row.low,
                "max": row.high if row.known else None,
                "how": row.how,
                "file": row.path,
            }
            for total in totals
            for row in total.rows
        ]

    def gaps(self, as_of: dt.date | None = None) -> GapReport:
        """Who still owes what against the deadline, as of ``as_of`` (default: today)."""
        from woonbod.gaps import find_gaps

        return find_gaps(self.dataset, as_of or dt.date.today())

    def knelpunten(self) -> KnelpuntMatrix:
        """The province × bottleneck matrix."""
        from woonbod.knelpunten import build_matrix

        return build_matrix(self.dataset.bids)

    def norms(self) -> list[Problem]:
        """The round's norms (e.g. betaalbaar below 2/3): the national figure (a warning) and each
        province (information: the norms are national averages)."""
        from woonbod.validation import check_norms

        return check_norms(self.dataset)


def load_round(
    paths: str | Path | Sequence[str | Path],
    *,
    ronde: str | Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Round:
    """Load and validate one round: a folder (with its ronde.yaml) or bid files in one folder.

    ``ronde`` names another round file. Raises ``woonbod.CannotRun`` when nothing can be read
    (no such folder, an unusable round file, paths from several folders).
    """
    from woonbod.loader import load_dataset
    from woonbod.validation import checked

    given = [paths] if isinstance(paths, (str, Path)) else list(paths)
    dataset, problems = checked(
        load_dataset(
            [Path(p) for p in given],
            round_file=None if ronde is None else Path(ronde),
            max_bytes=max_bytes,
        )
    )
    return Round(dataset, tuple(problems))


def rule_catalogue() -> tuple[Rule, ...]:
    """Every rule woonbod reports, with its id, default level, stage and summary."""
    from woonbod.rules import RULES

    return tuple(RULES.values())

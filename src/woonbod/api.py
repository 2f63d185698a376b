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
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from woonbod.i18n import _
from woonbod.model.vocabulary import SEGMENTS, ItemName, segment
from woonbod.problems import Level, Problem, paths_with_errors
from woonbod.reading.tree import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from woonbod.analysis.gaps import GapReport
    from woonbod.analysis.knelpunten import KnelpuntMatrix
    from woonbod.analysis.totals import SegmentTotal
    from woonbod.loading.loader import Dataset, LoadedBid
    from woonbod.model.models import Ronde
    from woonbod.rules import Rule

Segment = ItemName

__all__ = ["SEGMENTS", "Round", "Segment", "load_round", "rule_catalogue", "segment"]


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
        return tuple(sorted(paths_with_errors(self.problems) & {lb.path for lb in self.dataset.bids}))

    @property
    def errors(self) -> int:
        """How many validation problems are errors."""
        return sum(1 for p in self.problems if p.level is Level.ERROR)

    def total(self, name: str) -> SegmentTotal:
        """One segment per province and summed, with coverage and the national target."""
        from woonbod.analysis.totals import sum_segment

        return sum_segment(self.dataset.bids, self.ronde, segment(name))

    def totals(self) -> list[SegmentTotal]:
        """Every segment, in the order of the segment tree."""
        return [self.total(s) for s in SEGMENTS]

    def records(self, name: str | None = None) -> list[dict[str, object]]:
        """One plain dict per province and segment (``name``: only that segment), ready for
        ``pandas.DataFrame(...)`` or ``csv.DictWriter``: provincie, code, segment, status, value,
        range, min, max, how, approximate, file. ``value`` is None unless the figure is a single
        number: for a range or an open-ended figure ``range`` is True and ``min``/``max`` hold
        it (``max`` None when open-ended), so a sum of ``value`` alone leaves those out."""
        totals = [self.total(name)] if name is not None else self.totals()
        return [{"segment": total.segment, **row.record()} for total in totals for row in total.rows]

    def gaps(self, as_of: dt.date | str | None = None) -> GapReport:
        """Who still owes what against the deadline, as of ``as_of`` (default: today).

        ``as_of`` is a date, a datetime (its date counts) or an ISO date such as "2022-10-01".
        """
        from woonbod.analysis.gaps import find_gaps

        return find_gaps(self.dataset, _as_date(as_of))

    def knelpunten(self) -> KnelpuntMatrix:
        """The province × bottleneck matrix."""
        from woonbod.analysis.knelpunten import build_matrix

        return build_matrix(self.dataset.bids)

    def norms(self) -> list[Problem]:
        """The round's norms (e.g. betaalbaar below 2/3): the national figure (a warning) and each
        province (information: the norms are national averages)."""
        from woonbod.checks.validation import check_against_round

        return check_against_round(self.dataset)


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
    from woonbod.checks.validation import load_checked

    given = _paths(paths)
    if ronde is not None and not _is_path(ronde):
        raise TypeError(
            _("load_round: ronde takes a path (str or Path) or None, not {value}").format(value=_kind(ronde))
        )
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int):
        raise TypeError(
            _("load_round: max_bytes takes a whole number of bytes, not {value}").format(
                value=_kind(max_bytes)
            )
        )
    if max_bytes < 1:
        raise ValueError(_("load_round: max_bytes must be 1 or more, not {value}").format(value=max_bytes))
    dataset, problems = load_checked(
        given, round_file=None if ronde is None else Path(ronde), max_bytes=max_bytes
    )
    return Round(dataset, tuple(problems))


def _kind(value: object) -> str:
    return "None" if value is None else f"{type(value).__name__} {value!r:.40}"


def _is_path(value: object) -> bool:
    # bytes paths are refused: every message woonbod writes names the file as text.
    return isinstance(value, str | os.PathLike) and not isinstance(os.fspath(value), bytes)


def _paths(paths: object) -> list[Path]:
    if _is_path(paths):
        return [Path(paths)]  # type: ignore[arg-type]
    if isinstance(paths, str | bytes | bytearray) or not isinstance(paths, Iterable):
        raise TypeError(
            _("load_round: paths takes a folder or file (str or Path) or a list of them, not {value}").format(
                value=_kind(paths)
            )
        )
    given = list(paths)
    for item in given:
        if not _is_path(item):
            raise TypeError(
                _(
                    "load_round: paths takes a folder or file (str or Path) or a list of them, "
                    "not a list holding {value}"
                ).format(value=_kind(item))
            )
    return [Path(p) for p in given]


def _as_date(as_of: object) -> dt.date:
    if as_of is None:
        return dt.date.today()
    if isinstance(as_of, dt.datetime):
        return as_of.date()
    if isinstance(as_of, dt.date):
        return as_of
    if isinstance(as_of, str):
        try:
            return dt.date.fromisoformat(as_of.strip())
        except ValueError:
            raise ValueError(
                _("gaps: as_of takes a date such as '2022-10-01' (YYYY-MM-DD), not {value}").format(
                    value=f"{as_of!r:.40}"
                )
            ) from None
    raise TypeError(
        _("gaps: as_of takes a date, a datetime or an ISO date string, not {value}").format(
            value=_kind(as_of)
        )
    )


def rule_catalogue() -> tuple[Rule, ...]:
    """Every rule woonbod reports, with its id, default level, stage and summary."""
    from woonbod.rules import RULES

    return tuple(RULES.values())

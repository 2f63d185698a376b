"""The coordinator's one screen: validity, national totals against targets, coverage, gaps."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from woonbod.gaps import GapReport, find_gaps
from woonbod.loader import Dataset
from woonbod.need import NeedComparison, compare_need
from woonbod.problems import Level, Problem
from woonbod.totals import SegmentTotal, sum_all
from woonbod.validation import check_norms


@dataclass(frozen=True, slots=True)
class Status:
    """Everything the status screen shows, computed once."""

    dataset: Dataset
    validation: list[Problem]
    norms: list[Problem]
    totals: list[SegmentTotal]
    gaps: GapReport
    need: NeedComparison | None = None  # None: the round gives no benodigd

    @property
    def files(self) -> int:
        return len(self.dataset.bids)

    @property
    def invalid_files(self) -> int:
        return len({p.path for p in self.validation if p.level is Level.ERROR and p.line})

    @property
    def provinces_with_bid(self) -> int:
        return len({lb.bid.provincie.code for lb in self.dataset.bids if lb.bid is not None})

    def gap_counts(self) -> Counter[str]:
        """Gaps per rule."""
        return Counter(p.rule for p in self.gaps.problems)


def build_status(dataset: Dataset, validation: list[Problem], as_of: dt.date) -> Status:
    """Run every stage once for the status screen, on a checked dataset (validation.checked)."""
    return Status(
        dataset,
        validation,
        check_norms(dataset),
        sum_all(dataset.bids, dataset.round.ronde),
        find_gaps(dataset, as_of),
        compare_need(dataset.bids, dataset.round.ronde),
    )

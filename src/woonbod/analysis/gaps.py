"""What is missing against the deadline: bids, submissions, required items and deferred topics.

Before the deadline nothing is late yet: what a province still owes is reported as `bid-due`
or `item-due` (info) with the days left. From the day after the deadline the same gaps are
errors. A bid submitted on the deadline day is on time; a deferral expires the day after its
date.

A closed round (`gesloten` in the round file) owes nothing any more: what is unknown there was
not published, which is its own state (`unpublished`, rule `not-published`, info), never
"missing". A bid with `ingediend: onbekend` was submitted on a date that is not known.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from woonbod.analysis.totals import bid_figures, segment_label
from woonbod.formatting import date, days
from woonbod.i18n import N_, _, ngettext
from woonbod.loading.loader import Dataset, LoadedBid, bids_by_province, unusable_by_province
from woonbod.model.derive import Figure
from woonbod.model.models import Ronde, Uitstel
from woonbod.model.provinces import PROVINCES, Province
from woonbod.model.quantities import Count
from woonbod.model.vocabulary import TOPICS
from woonbod.problems import Problem
from woonbod.rules import apply_levels, level_of

State = Literal[
    "given",
    "derived",
    "deferred",
    "due",
    "missing",
    "late",
    "overdue",
    "on time",
    "submitted",  # submitted, on a date that is not known
    "unpublished",  # unknown in a closed round: not published
    "invalid",
]
# Why a bid cell is in its state, where the state alone does not say.
Reason = Literal["errors", "indicative", "no ingediend", "date not published"]
DATE_NOT_PUBLISHED: Reason = "date not published"
BID_COLUMN = "bod"


@dataclass(frozen=True, slots=True)
class Cell:
    """One province × item state, and what it rests on: the date (a submission, or the date a
    topic is deferred until), the days late, why (for a bid), whether the figure is approximate.
    The renderers write these in words (render.gaps.cell_detail)."""

    state: State
    reason: Reason | None = None
    on: dt.date | None = None
    days_late: int | None = None
    approx: bool = False


@dataclass(slots=True)
class GapRow:
    """One province: the state of its bid and of each item."""

    province: Province
    path: str | None
    cells: dict[str, Cell] = field(default_factory=dict)


@dataclass(slots=True)
class GapReport:
    """The matrix, the gaps as problems, and the deadline they were measured against."""

    as_of: dt.date
    deadline: dt.date | None
    columns: list[str]
    rows: list[GapRow]
    problems: list[Problem]

    @property
    def days_left(self) -> int | None:
        """Days until the deadline (0 on the day itself, negative once it has passed)."""
        return None if self.deadline is None else (self.deadline - self.as_of).days

    closed: bool = False  # closed as of ``as_of`` (a round that closed later was still open)
    closed_on: dt.date | None = None  # the round's closing date, also when as_of is before it

    @property
    def before_deadline(self) -> bool:
        return not self.closed and (self.deadline is None or self.as_of <= self.deadline)

    def heading_count(self) -> int:
        """How many gaps a heading counts: in a closed round what was not published; after the
        deadline what is owed (errors and warnings); before it, everything still to deliver."""
        if self.closed:
            return sum(self.unpublished().values())
        if self.before_deadline:
            return len(self.problems)
        return sum(1 for p in self.problems if p.level.value in ("error", "warning"))

    def unpublished(self) -> dict[str, int]:
        """Per column, how many provinces did not publish it (closed round only)."""
        counts: dict[str, int] = {}
        for row in self.rows:
            for column, cell in row.cells.items():
                if cell.state == "unpublished" or (
                    column == BID_COLUMN and cell.reason == DATE_NOT_PUBLISHED
                ):
                    counts[column] = counts.get(column, 0) + 1
        return {c: counts[c] for c in self.columns if c in counts}


def _problem(lb: LoadedBid, path: tuple[str, ...], rule: str, message: str, hint: str) -> Problem:
    return lb.problem(path, rule, level_of(rule), message, hint)


class _Gaps:
    """Collects the matrix and the problems for one dataset; one method per kind of gap."""

    def __init__(self, dataset: Dataset, as_of: dt.date) -> None:
        self.ronde: Ronde = dataset.round.ronde
        self.as_of = as_of
        self.deadline = self.ronde.deadline
        # Before its closing date a closed round was still open: as of then, things were owed.
        self.closed = self.ronde.closed_at(as_of)
        self.before = not self.closed and (self.deadline is None or as_of <= self.deadline)
        self.due = "" if self.deadline is None else self._due_text()
        self.problems: list[Problem] = []
        folder = dataset.folders[0] if dataset.folders else Path()
        self.folder = folder
        # A missing bid is owed to the round: point at the round file that asks for it (a folder
        # is no place a code-scanning alert or an editor can show). With the built-in round,
        # at the file that should be there.
        self.round_file = dataset.round.path

    def _due_text(self) -> str:
        assert self.deadline is not None
        left = (self.deadline - self.as_of).days
        if left == 0:
            return _("due {deadline} (today)").format(deadline=date(self.deadline))
        return _("due {deadline}, {days} left").format(deadline=date(self.deadline), days=days(left))

    def owed(
        self, lb: LoadedBid, path: tuple[str, ...], rule: str, message: str, hint: str, *, item: bool = False
    ) -> None:
        """A gap: info with the days left before the deadline, its own rule after it."""
        if self.before:
            due = f" ({self.due})" if self.due else ""
            self.problems.append(_problem(lb, path, "item-due" if item else "bid-due", message + due, hint))
        else:
            self.problems.append(_problem(lb, path, rule, message, hint))

    def missing_bid(self, province: Province, unusable: str | None) -> GapRow:
        """No usable bid: no file at all, or only one with errors (``unusable``)."""
        at = 0  # a folder's problem: no place in a file
        if unusable is None:
            expected = self.folder / f"{province.slug}.yaml"
            where = self.round_file or str(expected)
            # Translators: {command} is a command to type, e.g. `woonbod init utrecht --output …`.
            hint = _("add {path} ({command})").format(
                path=expected, command=f"`woonbod init {province.slug} --output {expected}`"
            )
        else:  # the file is there: point at it, at its start (its own errors say where)
            where = unusable
            at = 1
            hint = _("fix what {command} shows").format(command=f"`woonbod validate {unusable}`")
        message = self._missing_message(province, unusable is not None)
        rule = "bid-due" if self.before else "missing-bid"
        self.problems.append(Problem(where, at, at, rule, level_of(rule), message, hint))
        reason: Reason | None = None if unusable is None else "errors"
        return GapRow(province, unusable, {BID_COLUMN: Cell("due" if self.before else "missing", reason)})

    def _missing_message(self, province: Province, has_errors: bool) -> str:
        """Why a province has no usable bid, and what that means as of the date."""
        if self.before:
            message = (
                _("no usable bid for {province}: the file has errors")
                if has_errors
                else _("no bid file for {province}")
            ).format(province=province.name)
            return message + (f" ({self.due})" if self.due else "")
        closed_on = self.ronde.closed_on
        if not has_errors and self.closed:
            # Every bid of a closed round was in: a file that is not here is missing from the
            # folder (deleted or renamed), not late.
            if closed_on is None:
                return _("no bid file for {province} in this folder, though the round closed").format(
                    province=province.name
                )
            return _("no bid file for {province} in this folder, though the round closed on {closed}").format(
                province=province.name, closed=date(closed_on)
            )
        if self.deadline is None:  # a closed round without a deadline: nothing to be late for
            return _("no usable bid for {province}: the file has errors").format(province=province.name)
        late = days((self.as_of - self.deadline).days)
        if has_errors:
            text = _(
                "no usable bid for {province}: the file has errors, {days} after the deadline of {deadline}"
            )
        else:
            text = _("no bid file for {province}, {days} after the deadline of {deadline}")
        return text.format(province=province.name, days=late, deadline=date(self.deadline))

    def not_published(self, lb: LoadedBid, path: tuple[str, ...], what: str, hint: str = "") -> None:
        """In a closed round: something unknown was not published; nothing is owed."""
        assert lb.bid is not None
        closed_on = self.ronde.closed_on
        # Translators: {what} is "the submission date", a segment (sociale huur) or a topic.
        if closed_on is None:
            message = _("{what} of {province} was not published (the round closed)")
        else:
            message = _("{what} of {province} was not published (the round closed on {closed})")
        message = message.format(
            what=what, province=lb.bid.provincie.name, closed=None if closed_on is None else date(closed_on)
        )
        hint = hint or _("nothing to fix; fill it in if it is published later, with its source")
        self.problems.append(_problem(lb, path, "not-published", message, hint))

    def submission(self, lb: LoadedBid) -> Cell:
        assert lb.bid is not None
        bid = lb.bid
        if self.ronde.soort == "definitief" and bid.ronde == "indicatief":
            self.owed(
                lb,
                ("ronde",),
                "still-indicative",
                _("{province}'s bid is still indicative in a definitive round").format(
                    province=bid.provincie.name
                ),
                _("replace it with the definitive bid and set ronde: definitief"),
            )
            if not self.before:
                return Cell("missing", "indicative")
        if bid.ingediend == "onbekend" or (bid.ingediend is None and self.closed):
            # Submitted on a date nobody published; in a closed round every bid on file was in.
            if self.closed:
                hint = "" if bid.ingediend else _("write `ingediend: onbekend` to say the date is not known")
                self.not_published(lb, ("ingediend",), _("the submission date"), hint)
            return Cell("submitted", DATE_NOT_PUBLISHED)
        if bid.ingediend is None:
            if self.before or self.deadline is None:
                message = _("{province}'s bid has no submission date (ingediend)")
            else:
                message = _("{province}'s bid has no submission date (ingediend), {days} after the deadline")
            message = message.format(
                province=bid.provincie.name,
                days=None if self.deadline is None else days((self.as_of - self.deadline).days),
            )
            self.owed(
                lb,
                ("ingediend",),
                "not-submitted",
                message,
                _("fill in ingediend with the date the bid was sent"),
            )
            return Cell("due" if self.before else "missing", "no ingediend")
        assert isinstance(bid.ingediend, dt.date)
        if self.deadline is not None and bid.ingediend > self.deadline:
            late = (bid.ingediend - self.deadline).days
            self.problems.append(
                _problem(
                    lb,
                    ("ingediend",),
                    "submitted-late",
                    _("{province} submitted on {on}, {days} after the deadline of {deadline}").format(
                        province=bid.provincie.name,
                        on=date(bid.ingediend),
                        days=days(late),
                        deadline=date(self.deadline),
                    ),
                    _("nothing to fix in the file; the date is recorded as late"),
                )
            )
            return Cell("late", on=bid.ingediend, days_late=late)
        return Cell("on time", on=bid.ingediend)

    def required(self, lb: LoadedBid, figures: dict[str, Figure]) -> dict[str, Cell]:
        assert lb.bid is not None
        cells: dict[str, Cell] = {}
        for item in self.ronde.verplicht:
            figure = figures.get(item)
            if figure is not None:
                cells[item] = Cell("derived" if figure.derived else "given", approx=figure.approx)
                continue
            path = (item,) if item in ("totaal", "corporaties") else ("segmenten", item)
            cells[item] = self.unknown(
                lb,
                path,
                segment_label(item),
                "required-unknown",
                _("{item} is required in this round but unknown for {province}").format(
                    item=segment_label(item), province=lb.bid.provincie.name
                ),
                _("give {key} as a number of homes or a share of totaal").format(key=item),
            )
        return cells

    def unknown(
        self, lb: LoadedBid, path: tuple[str, ...], what: str, rule: str, message: str, hint: str
    ) -> Cell:
        """An item the bid leaves unknown: not published in a closed round, else owed."""
        if self.closed:
            self.not_published(lb, path, what)
            return Cell("unpublished")
        self.owed(lb, path, rule, message, hint, item=True)
        return Cell("due" if self.before else "missing")

    def topics(self, lb: LoadedBid) -> dict[str, Cell]:
        assert lb.bid is not None
        cells: dict[str, Cell] = {}
        allowed = self.ronde.uitstel.onderwerpen
        latest = self.ronde.uitstel.uiterlijk
        onderwerpen = lb.bid.onderwerpen
        # A date to type stays ISO; without one, a placeholder in the user's language.
        placeholder = _("YYYY-MM-DD")
        for topic in allowed:
            value = None if onderwerpen is None else getattr(onderwerpen, topic)
            path = ("onderwerpen", topic)
            if isinstance(value, Count):
                cells[topic] = Cell("given")
            elif isinstance(value, Uitstel):
                cells[topic] = self._deferral(lb, topic, value, latest)
            else:
                cells[topic] = self.unknown(
                    lb,
                    path,
                    topic,
                    "topic-missing",
                    _("{topic} is neither given nor deferred by {province}").format(
                        topic=topic, province=lb.bid.provincie.name
                    ),
                    # Translators: {example} is YAML to type, e.g. `stikstof: {uitgesteld_tot: 2023-06-01}`.
                    _("give a number, or defer it: {example}").format(
                        example=f"`{topic}: {{uitgesteld_tot: {latest or placeholder}}}`"
                    ),
                )
        for name in TOPICS:
            value = None if onderwerpen is None else getattr(onderwerpen, name)
            if isinstance(value, Uitstel) and name not in allowed:
                self.problems.append(
                    _problem(
                        lb,
                        ("onderwerpen", name),
                        "topic-not-deferrable",
                        _("{topic} is deferred, but this round does not allow deferring it").format(
                            topic=name
                        ),
                        _("give the number of homes instead"),
                    )
                )
        return cells

    def _deferral(self, lb: LoadedBid, topic: str, value: Uitstel, latest: dt.date | None) -> Cell:
        path = ("onderwerpen", topic, "uitgesteld_tot")
        until = value.uitgesteld_tot
        if latest is not None and until > latest:
            self.problems.append(
                _problem(
                    lb,
                    path,
                    "deferral-too-late",
                    _("{topic} is deferred until {until}, past the round's latest date {latest}").format(
                        topic=topic, until=date(until), latest=date(latest)
                    ),
                    # Translators: {latest} is an ISO date (2023-06-01), as it is typed in the file.
                    _("defer it until {latest} at the latest").format(latest=latest.isoformat()),
                )
            )
            return Cell("late", on=until)
        if self.as_of > until:
            overdue = (self.as_of - until).days
            self.problems.append(
                _problem(
                    lb,
                    path,
                    "deferral-overdue",
                    _("{topic} was deferred until {until}, {days} ago, and is still not given").format(
                        topic=topic, until=date(until), days=days(overdue)
                    ),
                    _("give the number of homes now, or record a new date"),
                )
            )
            return Cell("overdue", on=until)
        return Cell("deferred", on=until)


def find_gaps(dataset: Dataset, as_of: dt.date) -> GapReport:
    """The gaps of every province against the round's deadline, as of a date."""
    gaps = _Gaps(dataset, as_of)
    ronde = dataset.round.ronde
    first = bids_by_province(dataset.bids)
    unusable = unusable_by_province(dataset.bids)
    rows: list[GapRow] = []
    for province in PROVINCES:
        found = first.get(province.code)
        if found is None:
            rows.append(gaps.missing_bid(province, unusable.get(province.code)))
            continue
        row = GapRow(province, found.path, {BID_COLUMN: gaps.submission(found)})
        row.cells.update(gaps.required(found, bid_figures(found)))
        row.cells.update(gaps.topics(found))
        rows.append(row)
    columns = [BID_COLUMN, *ronde.verplicht, *ronde.uitstel.onderwerpen]
    problems = sorted(apply_levels(gaps.problems, ronde.niveaus), key=Problem.sort_key)
    return GapReport(as_of, ronde.deadline, columns, rows, problems, gaps.closed, ronde.closed_on)


def summarize(report: GapReport) -> str:
    """One line: where the deadline stands and how many gaps of each kind there are."""
    if report.closed:
        return _summarize_closed(report)
    states = [cell.state for row in report.rows for cell in row.cells.values()]
    bids = [row.cells[BID_COLUMN] for row in report.rows]
    owed = sum(1 for s in states if s in ("due", "missing", "overdue"))
    submitted = sum(1 for b in bids if b.state == "on time")
    if report.deadline is None:  # without a deadline nothing is late
        first = ngettext("{n} of {total} bid submitted", "{n} of {total} bids submitted", len(bids))
    else:
        first = ngettext(
            "{n} of {total} bid submitted on time", "{n} of {total} bids submitted on time", len(bids)
        )
    parts = [first.format(n=submitted, total=len(bids))]
    for label, count in (
        (N_("{n} submitted on a date that is not known"), sum(1 for b in bids if b.state == "submitted")),
        (N_("{n} late"), sum(1 for b in bids if b.state == "late")),
        (N_("{n} without a submission date"), sum(1 for b in bids if b.reason == "no ingediend")),
        *_common_counts(report, bids),
    ):
        if count:
            parts.append(_(label).format(n=count))
    parts.append(ngettext("{n} item still owed", "{n} items still owed", owed).format(n=owed))
    parts.append(_("{n} deferred").format(n=sum(1 for s in states if s == "deferred")))
    later = ""
    if report.closed_on is not None and report.as_of < report.closed_on:
        later = " " + _("The round was still open on {as_of}; it closed on {closed}.").format(
            as_of=date(report.as_of), closed=date(report.closed_on)
        )
    return f"{_deadline_text(report)}; " + ", ".join(parts) + "." + later


def _deadline_text(report: GapReport) -> str:
    """Where the deadline stands as of the report's date."""
    as_of = date(report.as_of)
    if report.deadline is None:
        return _("As of {as_of} (this round has no deadline)").format(as_of=as_of)
    deadline = date(report.deadline)
    if report.days_left is not None and report.days_left > 0:
        # Translators: {days} is "12 days" (formatting.days).
        text = _("As of {as_of}: {days} left until the deadline of {deadline}")
        return text.format(as_of=as_of, days=days(report.days_left), deadline=deadline)
    if report.days_left == 0:
        return _("As of {as_of}: the deadline is today").format(as_of=as_of)
    ago = days(-(report.days_left or 0))
    return _("As of {as_of}: the deadline of {deadline} passed {days} ago").format(
        as_of=as_of, deadline=deadline, days=ago
    )


def _common_counts(report: GapReport, bids: list[Cell]) -> tuple[tuple[str, int], ...]:
    """The kinds of bid gap an open and a closed round both count (texts marked with N_)."""
    return (
        (N_("{n} still indicative"), sum(1 for b in bids if b.reason == "indicative")),
        (N_("{n} without a bid file"), sum(1 for row in report.rows if row.path is None)),
        (N_("{n} with only a bid file that has errors"), sum(1 for b in bids if b.reason == "errors")),
    )


def _summarize_closed(report: GapReport) -> str:
    """A closed round: how many bids are in, and what was not published (nothing is owed)."""
    if report.closed_on:
        when = _("The round closed on {closed}").format(closed=date(report.closed_on))
    else:
        when = _("The round is closed")
    bids = [row.cells[BID_COLUMN] for row in report.rows]
    bids_in = sum(1 for b in bids if b.state in ("on time", "late", "submitted"))
    parts = [
        ngettext("{n} of {total} bid in", "{n} of {total} bids in", len(bids)).format(
            n=bids_in, total=len(bids)
        )
    ]
    for label, count in (
        (N_("{n} late"), sum(1 for b in bids if b.state == "late")),
        *_common_counts(report, bids),
    ):
        if count:
            parts.append(_(label).format(n=count))
    text = f"{when}: " + ", ".join(parts) + "."
    unpublished = report.unpublished()
    if unpublished:
        submission = _("submission date")
        listed = ", ".join(
            f"{submission if column == BID_COLUMN else column.replace('_', ' ')} ({n})"
            for column, n in unpublished.items()
        )
        text += " " + _("Not published (provinces): {listed}.").format(listed=listed)
    return text

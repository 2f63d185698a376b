"""Load each bid file and the round file into a model with its positions; plan the folders of a run."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import BaseModel, ValidationError

from woonbod.i18n import _
from woonbod.loading.discover import discover, find_round_file, leads_outside
from woonbod.model.figures import BidFigures
from woonbod.model.models import Bid, Ronde
from woonbod.problems import CannotRun, Level, Problem
from woonbod.reading.source import DEFAULT_MAX_BYTES, Document, Path_, parse_bytes, read_bytes, read_document

DEFAULT_ROUND = "ronde-2022-definitief.yaml"


@dataclass(slots=True)
class LoadedBid:
    """One bid file after loading: the model (None if unusable), its positions, its problems."""

    path: str
    bid: Bid | None
    doc: Document | None
    problems: list[Problem] = field(default_factory=list)
    kept: BidFigures | None = field(default=None, repr=False, compare=False)  # see figures()

    def figures(self) -> BidFigures:
        """The bid's figures, worked out once and kept (the bid must be usable)."""
        if self.kept is None:
            assert self.bid is not None
            self.kept = BidFigures(self.bid)
        return self.kept

    def set_aside(self) -> LoadedBid:
        """This file counting for nothing: its model dropped (see checks.validation.checked)."""
        return replace(self, bid=None, kept=None)

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column of a key or value in the file (1:1 when unknown)."""
        return (1, 1) if self.doc is None else self.doc.where(path, key=key)

    def problem(self, path: Path_, rule: str, level: Level, message: str, hint: str = "") -> Problem:
        """A problem at the value of ``path``, or at its key where the value starts on a later line."""
        line, col = self.where(path)
        if self.doc is not None and path in self.doc.key_at:
            key_line, key_col = self.doc.key_at[path]
            if key_line != line:
                line, col = key_line, key_col
        return Problem(self.path, line, col, rule, level, message, hint)


@dataclass(slots=True)
class RoundInfo:
    """The round the bids are held against, and where it came from."""

    ronde: Ronde
    path: str | None  # None: the built-in 2022 definitive round


@dataclass(slots=True)
class Dataset:
    """Everything loaded from the paths of one command."""

    round: RoundInfo
    bids: list[LoadedBid]
    problems: list[Problem]  # problems not tied to one bid file (e.g. an empty folder)
    folders: list[Path]


def bids_by_province(bids: Sequence[LoadedBid]) -> dict[str, LoadedBid]:
    """The usable bid of each province by code. Two usable files for one province give neither:
    validation reports both (duplicate-province), and no sum may pick one of them."""
    first: dict[str, LoadedBid] = {}
    twice: set[str] = set()
    for lb in bids:
        if lb.bid is not None:
            code = lb.bid.provincie.code
            if code in first:
                twice.add(code)
            first.setdefault(code, lb)
    return {code: lb for code, lb in first.items() if code not in twice}


def unusable_by_province(bids: Sequence[LoadedBid]) -> dict[str, str]:
    """The path of a file without a usable bid, by the province its name names (utrecht.yaml,
    00-utrecht-oud.yaml: Utrecht), so that output can name the file to fix instead of calling
    the bid missing."""
    from woonbod.model.provinces import provinces_in_filename

    found: dict[str, str] = {}
    for lb in bids:
        if lb.bid is None:
            named = provinces_in_filename(Path(lb.path).stem)
            if len(named) == 1:
                found.setdefault(next(iter(named)).code, lb.path)
    return found


def _link_outside(path: str, folder: Path) -> LoadedBid:
    return LoadedBid(
        path,
        None,
        None,
        [
            Problem(
                path,
                1,
                1,
                "link-outside",
                Level.ERROR,
                _("this is a symbolic link to a file outside the folder {folder}; it is not read").format(
                    folder=folder
                ),
                _("copy the bid into the folder instead of linking to it"),
            )
        ],
    )


def _validate(doc: Document, name: str, model: type[BaseModel]) -> tuple[BaseModel | None, list[Problem]]:
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        from woonbod.loading.schema_errors import problems_from_validation

        return None, problems_from_validation(exc, doc, name, model)


def load_bid(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedBid:
    """Read, parse and validate one bid file; never raises for bad input."""
    name = str(path)
    doc, problems = read_document(path, max_bytes=max_bytes)
    if doc is None:
        return LoadedBid(name, None, None, problems)
    model, schema_problems = _validate(doc, name, Bid)
    doc.data = None  # keep positions, not the raw tree: memory grows with bids, not with text
    doc.text_at = {}
    assert model is None or isinstance(model, Bid)
    return LoadedBid(name, model, doc, problems + schema_problems)


def load_round(path: Path | None) -> RoundInfo:
    """The round file at ``path``, or the built-in 2022 definitive round when there is none."""
    name = DEFAULT_ROUND if path is None else str(path)
    if path is None:
        from importlib import resources  # only without a round file: a folder usually has one

        raw: bytes | None = resources.files("woonbod.loading").joinpath(DEFAULT_ROUND).read_bytes()
        problems: list[Problem] = []
    else:
        raw, problems = read_bytes(path)
    if raw is not None:
        # An archive holds a copy of the same round file in every folder: read each copy, but
        # parse and validate each distinct text once.
        known = _ROUNDS.get(raw)
        if known is not None:
            _ROUNDS.move_to_end(raw)
            return RoundInfo(known, None if path is None else name)
        doc, problems = parse_bytes(raw, name)
        if doc is not None:
            model, schema_problems = _validate(doc, name, Ronde)
            problems += schema_problems
            if model is not None and not problems:
                assert isinstance(model, Ronde)
                _ROUNDS[raw] = model
                if len(_ROUNDS) > _ROUNDS_KEPT:  # an archive of distinct rounds must not pile up
                    _ROUNDS.popitem(last=False)
                return RoundInfo(model, None if path is None else name)
    raise CannotRun(_("{path}: the round file cannot be used").format(path=name), problems)


# By the file's text, only rounds that loaded without problems, the most recently used kept.
_ROUNDS: OrderedDict[bytes, Ronde] = OrderedDict()
_ROUNDS_KEPT = 64


@dataclass(frozen=True, slots=True)
class Group:
    """One folder's bid files and where its round file is, found but not yet read."""

    folder: Path
    files: tuple[str, ...]
    round_source: Path | None  # None: the built-in 2022 definitive round
    problems: tuple[Problem, ...]
    links: frozenset[str] = frozenset()  # the files that are symbolic links

    def load(self, max_bytes: int = DEFAULT_MAX_BYTES) -> Dataset:
        """Read the round (CannotRun if it is unusable) and validate the folder's bids. A link
        that leads out of the folder is not followed: a committed x.yaml -> /etc/passwd must not
        have its target read, let alone quoted in a CI log."""
        round_info = load_round(self.round_source)
        bids = [
            _link_outside(f, self.folder)
            if f in self.links and leads_outside(f, self.folder)
            else load_bid(f, max_bytes=max_bytes)
            for f in self.files
        ]
        return Dataset(round_info, bids, list(self.problems), [self.folder])


def plan_rounds(paths: Sequence[Path], *, round_file: Path | None = None) -> list[Group]:
    """The folders to read, each with its own ronde.yaml (or --ronde). A folder is one round:
    checks across files stay within it, so folders can be read one at a time, or in parallel."""
    members, problems, links = discover(paths)
    return [
        Group(
            folder,
            tuple(group),
            round_file if round_file is not None else find_round_file(folder),
            tuple(p for p in problems if p.path == str(folder)),
            frozenset(f for f in group if f in links),
        )
        for folder, group in members.items()
    ]


def load_dataset(
    paths: Sequence[Path], *, round_file: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Dataset:
    """The bids of one round: files and folders that all lie in one folder (CannotRun otherwise)."""
    groups = plan_rounds(paths, round_file=round_file)
    if len(groups) > 1:
        folders = ", ".join(str(g.folder) for g in groups)
        raise CannotRun(
            # Translators: {n} is the number of folders (always 2 or more), {folders} their names.
            _(
                "these paths are {n} folders, that is {n} rounds ({folders}); "
                "totals, gaps and reports take one round at a time"
            ).format(n=len(groups), folders=folders)
        )
    return groups[0].load(max_bytes)

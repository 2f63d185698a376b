"""Find the bid files and the round file, and load each into a model with its positions."""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from woonbod.models import Bid, Ronde
from woonbod.problems import CannotRun, Level, Problem
from woonbod.yamlsource import DEFAULT_MAX_BYTES, Document, Path_, parse_bytes, read_bytes, read_document

ROUND_FILE = "ronde.yaml"
BID_SUFFIXES = (".yaml", ".yml")
DEFAULT_ROUND = "ronde-2022-definitief.yaml"


@dataclass(slots=True)
class LoadedBid:
    """One bid file after loading: the model (None if unusable), its positions, its problems."""

    path: str
    bid: Bid | None
    doc: Document | None
    problems: list[Problem] = field(default_factory=list)

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
    """The usable bid of each province by code; a second file for a province is ignored here
    (validation reports it as duplicate-province)."""
    first: dict[str, LoadedBid] = {}
    for lb in bids:
        if lb.bid is not None:
            first.setdefault(lb.bid.provincie.code, lb)
    return first


def unusable_by_province(bids: Sequence[LoadedBid]) -> dict[str, str]:
    """The path of a file without a usable bid, by the province its name suggests (utrecht.yaml:
    Utrecht), so that output can name the file to fix instead of calling the bid missing."""
    from woonbod.provinces import find_province

    found: dict[str, str] = {}
    for lb in bids:
        if lb.bid is None:
            guess = find_province(Path(lb.path).stem)
            if guess is not None:
                found.setdefault(guess.code, lb.path)
    return found


def _bid_files(folder: Path) -> list[str]:
    # Names from scandir, which does not stat, joined as text: a Path per file would cost more
    # than the rest of finding them. The text is what Path would print (data/x.yaml, x.yaml).
    base = str(folder)
    prefix = "" if base == "." else base if base.endswith(os.sep) else base + os.sep
    with os.scandir(folder) as entries:
        names = sorted(
            e.name
            for e in entries
            if e.name.lower().endswith(BID_SUFFIXES) and e.name != ROUND_FILE and not e.name.startswith(".")
        )
    return [prefix + name for name in names]


def discover(paths: Sequence[Path]) -> tuple[dict[Path, list[str]], list[Problem]]:
    """The bid files named or inside the folders (not recursive), by folder, in the order given."""
    members: dict[Path, list[str]] = {}
    problems: list[Problem] = []
    seen: set[str] = set()
    for path in paths:
        if path.is_dir():
            try:
                found = _bid_files(path)
            except OSError as exc:
                raise CannotRun(f"{path}: cannot read the folder: {exc.strerror or exc}") from None
            if not found:
                problems.append(
                    Problem(
                        str(path),
                        0,
                        0,
                        "no-bids",
                        Level.ERROR,
                        "this folder holds no bid files (*.yaml)",
                        "check the path; bids are files such as utrecht.yaml",
                    )
                )
            folder = path
        elif path.exists() or path.is_symlink():
            found = [str(path)]
            folder = path.parent
        else:
            raise CannotRun(f"{path}: no such file or folder")
        group = members.setdefault(folder, [])
        for file in found:
            if file not in seen:  # a file named twice, or also inside a folder named, is read once
                seen.add(file)
                group.append(file)
    return members, problems


def _validate(doc: Document, name: str, model: type[BaseModel]) -> tuple[BaseModel | None, list[Problem]]:
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        from woonbod.schema_errors import problems_from_validation

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

        raw: bytes | None = resources.files("woonbod").joinpath(DEFAULT_ROUND).read_bytes()
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
    raise CannotRun(f"{name}: the round file cannot be used", problems)


# By the file's text, only rounds that loaded without problems, the most recently used kept.
_ROUNDS: OrderedDict[bytes, Ronde] = OrderedDict()
_ROUNDS_KEPT = 64


def find_round_file(folder: Path) -> Path | None:
    """The folder's ronde.yaml, if it has one."""
    candidate = folder / ROUND_FILE
    return candidate if candidate.is_file() else None


@dataclass(frozen=True, slots=True)
class Group:
    """One folder's bid files and where its round file is, found but not yet read."""

    folder: Path
    files: tuple[str, ...]
    round_source: Path | None  # None: the built-in 2022 definitive round
    problems: tuple[Problem, ...]

    def load(self, max_bytes: int = DEFAULT_MAX_BYTES) -> Dataset:
        """Read the round (CannotRun if it is unusable) and validate the folder's bids."""
        round_info = load_round(self.round_source)
        bids = [load_bid(f, max_bytes=max_bytes) for f in self.files]
        return Dataset(round_info, bids, list(self.problems), [self.folder])


def plan_rounds(paths: Sequence[Path], *, round_file: Path | None = None) -> list[Group]:
    """The folders to read, each with its own ronde.yaml (or --ronde). A folder is one round:
    checks across files stay within it, so folders can be read one at a time, or in parallel."""
    members, problems = discover(paths)
    return [
        Group(
            folder,
            tuple(group),
            round_file if round_file is not None else find_round_file(folder),
            tuple(p for p in problems if p.path == str(folder)),
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
            f"these paths are {len(groups)} folders, that is {len(groups)} rounds ({folders}); "
            "totals, gaps and reports take one round at a time"
        )
    return groups[0].load(max_bytes)

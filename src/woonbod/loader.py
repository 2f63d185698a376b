"""Find the bid files and the round file, and load each into a model with its positions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ValidationError

from woonbod.models import Bid, Ronde
from woonbod.problems import CannotRun, Level, Problem
from woonbod.yamlsource import DEFAULT_MAX_BYTES, Document, Path_, parse_bytes, read_document

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


def discover(paths: Sequence[Path]) -> tuple[list[Path], list[Path], list[Problem]]:
    """The bid files named or inside the folders (not recursive), and the folders themselves."""
    files: list[Path] = []
    folders: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            folders.append(path)
            found = sorted(
                p
                for p in path.iterdir()
                if p.suffix.lower() in BID_SUFFIXES and p.name != ROUND_FILE and not p.name.startswith(".")
            )
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
            files.extend(found)
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            raise CannotRun(f"{path}: no such file or folder")
    unique = list(dict.fromkeys(files))
    return unique, folders, problems


def _validate(doc: Document, name: str, model: type[BaseModel]) -> tuple[BaseModel | None, list[Problem]]:
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        from woonbod.schema_errors import problems_from_validation

        return None, problems_from_validation(exc, doc, name, model)


def load_bid(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedBid:
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
    if path is None:
        raw = resources.files("woonbod").joinpath(DEFAULT_ROUND).read_bytes()
        doc, problems = parse_bytes(raw, DEFAULT_ROUND)
        name: str | None = None
    else:
        name = str(path)
        doc, problems = read_document(path)
    if doc is not None:
        model, schema_problems = _validate(doc, name or DEFAULT_ROUND, Ronde)
        problems += schema_problems
        if model is not None and not problems:
            assert isinstance(model, Ronde)
            return RoundInfo(model, name)
    raise CannotRun(f"{name or DEFAULT_ROUND}: the round file cannot be used", problems)


def find_round_file(folder: Path) -> Path | None:
    """The folder's ronde.yaml, if it has one."""
    candidate = folder / ROUND_FILE
    return candidate if candidate.is_file() else None


@dataclass(frozen=True, slots=True)
class Group:
    """One folder's bid files and where its round file is, found but not yet read."""

    folder: Path
    files: tuple[Path, ...]
    round_source: Path | None  # None: the built-in 2022 definitive round
    problems: tuple[Problem, ...]

    def load(self, max_bytes: int = DEFAULT_MAX_BYTES) -> Dataset:
        """Read the round (CannotRun if it is unusable) and validate the folder's bids."""
        round_info = _cached_round(self.round_source)
        bids = [load_bid(f, max_bytes=max_bytes) for f in self.files]
        return Dataset(round_info, bids, list(self.problems), [self.folder])


_ROUNDS: dict[tuple[Path | None, int, int], RoundInfo] = {}


def _cached_round(source: Path | None) -> RoundInfo:
    # Folders given together often share one round file (--ronde, or none: the built-in one);
    # keyed by modification time and size too, so an edited file is read again.
    info = source.stat() if source is not None and source.exists() else None
    key = (source, info.st_mtime_ns if info else 0, info.st_size if info else 0)
    if key not in _ROUNDS:
        _ROUNDS[key] = load_round(source)
    return _ROUNDS[key]


def plan_rounds(paths: Sequence[Path], *, round_file: Path | None = None) -> list[Group]:
    """The folders to read, each with its own ronde.yaml (or --ronde). A folder is one round:
    checks across files stay within it, so folders can be read one at a time, or in parallel."""
    files, folders, problems = discover(paths)
    members: dict[Path, list[Path]] = {folder: [] for folder in folders}
    for file in files:
        members.setdefault(file.parent, []).append(file)
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

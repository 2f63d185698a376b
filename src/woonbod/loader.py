"""Find the bid files and the round file, and load each into a model with its positions."""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import BaseModel, ValidationError

from woonbod.models import Bid, Ronde
from woonbod.problems import CannotRun, Level, Problem
from woonbod.yamlsource import DEFAULT_MAX_BYTES, Document, Path_, parse_bytes, read_bytes, read_document

ROUND_FILE = "ronde.yaml"
# The names a folder's round file may have: ronde.yaml, ronde.yml, Ronde.yaml, … (a file system
# that ignores case would open any of them as ronde.yaml, so none of them is ever a bid).
ROUND_NAMES = frozenset({"ronde.yaml", "ronde.yml"})
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
    from woonbod.provinces import provinces_in_filename

    found: dict[str, str] = {}
    for lb in bids:
        if lb.bid is None:
            named = provinces_in_filename(Path(lb.path).stem)
            if len(named) == 1:
                found.setdefault(next(iter(named)).code, lb.path)
    return found


def is_round_name(name: str) -> bool:
    """ronde.yaml, ronde.yml, Ronde.YAML: the round file, never a bid."""
    return name.lower() in ROUND_NAMES


def _bid_files(folder: Path) -> tuple[list[str], set[str]]:
    """The bid files of a folder, and which of them are symbolic links."""
    # Names from scandir, which does not stat, joined as text: a Path per file would cost more
    # than the rest of finding them. The text is what Path would print (data/x.yaml, x.yaml).
    base = str(folder)
    prefix = "" if base == "." else base if base.endswith(os.sep) else base + os.sep
    links: set[str] = set()
    names: list[str] = []
    with os.scandir(folder) as entries:
        for e in entries:
            if (
                e.name.lower().endswith(BID_SUFFIXES)
                and not is_round_name(e.name)
                and not e.name.startswith(".")
            ):
                names.append(e.name)
                if e.is_symlink():
                    links.add(prefix + e.name)
    return [prefix + name for name in sorted(names)], links


def leads_outside(path: str | Path, folder: Path) -> bool:
    """A symbolic link whose target (followed to the end) lies outside ``folder``."""
    target = os.path.realpath(path)
    inside = os.path.realpath(folder)
    return os.path.commonpath([target, inside]) != inside


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
                f"this is a symbolic link to a file outside the folder {folder}; it is not read",
                "copy the bid into the folder instead of linking to it",
            )
        ],
    )


def discover(paths: Sequence[Path]) -> tuple[dict[Path, list[str]], list[Problem], set[str]]:
    """The bid files named or inside the folders (not recursive), by folder, in the order given;
    the problems of finding them; and which of them are symbolic links. A round file named
    (as a shell's data/*.yaml does) is the folder's round file, not a bid."""
    members: dict[Path, list[str]] = {}
    problems: list[Problem] = []
    seen: set[str] = set()
    links: set[str] = set()
    for path in paths:
        if path.is_dir():
            try:
                found, folder_links = _bid_files(path)
                links |= folder_links
            except OSError as exc:
                raise CannotRun(f"{path}: cannot read the folder: {exc.strerror or exc}") from None
            if not found:
                problems.append(_no_bids(path))
            folder = path
        elif path.exists() or path.is_symlink():
            found = [] if is_round_name(path.name) else [str(path)]
            folder = path.parent
            if path.is_symlink():
                links.add(str(path))
        else:
            raise CannotRun(f"{path}: no such file or folder")
        group = members.setdefault(folder, [])
        for file in found:
            if file not in seen:  # a file named twice, or also inside a folder named, is read once
                seen.add(file)
                group.append(file)
    for folder, group in members.items():
        if not group and not any(p.path == str(folder) for p in problems):  # only ronde.yaml named
            problems.append(
                replace(
                    _no_bids(folder),
                    message="only the round file of this folder was named, no bid file",
                    hint=f"name the bid files too, or the folder: `woonbod validate {folder}`",
                )
            )
    return members, problems, links


def _no_bids(folder: Path) -> Problem:
    return Problem(
        str(folder),
        0,
        0,
        "no-bids",
        Level.ERROR,
        "this folder holds no bid files (*.yaml)",
        "check the path; bids are files such as utrecht.yaml",
    )


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
    """The folder's round file (ronde.yaml, or ronde.yml / Ronde.yaml), if it has one. Anything
    by that name counts, a folder or a broken link too: loading it then fails with the reason,
    where skipping it would silently hold the bids against the built-in 2022 round."""
    try:
        with os.scandir(folder) as entries:
            found = sorted(e.name for e in entries if is_round_name(e.name))
    except OSError:
        return None
    if len(found) > 1:
        raise CannotRun(
            f"{folder}: {len(found)} round files ({', '.join(found)}): keep one, named {ROUND_FILE}"
        )
    if not found:
        return None
    candidate = folder / found[0]
    if candidate.is_symlink() and leads_outside(candidate, folder):
        raise CannotRun(
            f"{candidate}: the round file is a symbolic link to a file outside the folder {folder}; "
            "it is not read (copy the round file into the folder, or name it with --ronde)"
        )
    return candidate


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
            f"these paths are {len(groups)} folders, that is {len(groups)} rounds ({folders}); "
            "totals, gaps and reports take one round at a time"
        )
    return groups[0].load(max_bytes)

"""Find a round's files: the bid files named or inside each folder, and each folder's round file."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from woonbod.i18n import _
from woonbod.problems import CannotRun, Level, Problem

ROUND_FILE = "ronde.yaml"
# The names a folder's round file may have: ronde.yaml, ronde.yml, Ronde.yaml, … (a file system
# that ignores case would open any of them as ronde.yaml, so none of them is ever a bid).
ROUND_NAMES = frozenset({"ronde.yaml", "ronde.yml"})
BID_SUFFIXES = (".yaml", ".yml")


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
                raise CannotRun(
                    # Translators: {reason} is the operating system's reason, in English.
                    _("{path}: cannot read the folder: {reason}").format(
                        path=path, reason=exc.strerror or exc
                    )
                ) from None
            if not found:
                problems.append(_no_bids(path))
            folder = path
        elif path.exists() or path.is_symlink():
            found = [] if is_round_name(path.name) else [str(path)]
            folder = path.parent
            if path.is_symlink():
                links.add(str(path))
        else:
            raise CannotRun(_("{path}: no such file or folder").format(path=path))
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
                    message=_("only the round file of this folder was named, no bid file"),
                    hint=_("name the bid files too, or the folder: `woonbod validate {folder}`").format(
                        folder=folder
                    ),
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
        _("this folder holds no bid files (*.yaml)"),
        _("check the path; bids are files such as utrecht.yaml"),
    )


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
            # Translators: {n} is how many round files the folder has, {names} their names.
            _("{folder}: {n} round files ({names}): keep one, named {name}").format(
                folder=folder, n=len(found), names=", ".join(found), name=ROUND_FILE
            )
        )
    if not found:
        return None
    candidate = folder / found[0]
    if candidate.is_symlink() and leads_outside(candidate, folder):
        raise CannotRun(
            _(
                "{path}: the round file is a symbolic link to a file outside the folder {folder}; "
                "it is not read (copy the round file into the folder, or name it with --ronde)"
            ).format(path=candidate, folder=folder)
        )
    return candidate

"""Mutation fuzzer: damage the shipped data/ folder and run every command and output format on it.

Each run copies one file of data/ (a bid, or now and then ronde.yaml), damages it with a few
random mutations (byte flips, deleted, duplicated or swapped lines, inserted YAML tokens,
truncation), and runs validate/check (text, json, github, sarif, junit), total, status, gaps,
knelpunten, report, export and diff on the folder. A run fails on a traceback, on a run that
takes longer than the time limit (a hang), on an exit code other than 0, 1 or 2, and on a
problem line in the text output that is not located: ``file:line:col`` with the line inside the
file (a folder's own problems, such as no-bids, stand at 0:0).

python3 scripts/fuzz.py                      # 200 runs, seed 1
python3 scripts/fuzz.py --runs 5000 --seed 7 # longer, by hand
WOONBOD_FUZZ_RUNS=50 pytest tests/test_fuzz.py

Deterministic: the same seed gives the same mutations.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
OLD_ROUND = DATA / "rondes" / "2022-06-indicatief"
PROBLEM_FORMATS = ("text", "json", "github", "sarif", "junit")
TOKENS = (
    ": ",
    "- ",
    "{",
    "}",
    "[",
    "]",
    "&a ",
    "*a",
    "!!str ",
    "! ",
    "'",
    '"',
    "#",
    "\t",
    "\n",
    "\r",
    "---\n",
    "~",
    "0",
    "017",
    "1e5",
    "12.000",
    "'12000'",
    "ja",
    "null",
    "\u2028",
    "\x00",
    "\\e",
    "\u202e",
    "%",
    "2/3",
    "{min: 2000, max: 1000}",
    "x" * 1100,
    "9" * 30,
)
_LOCATED = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (error|warning|info) \[[a-z0-9-]+\] ")


class Hang(Exception):
    """A command ran past the time limit."""


@dataclass(frozen=True)
class Failure:
    """What went wrong in one run, with enough to reproduce it."""

    run: int
    file: str
    command: list[str]
    reason: str


def mutate(raw: bytes, rng: random.Random) -> bytes:
    """A copy of ``raw`` with one to three random mutations."""
    data = bytearray(raw)
    for _ in range(rng.randint(1, 3)):
        kind = rng.choice(("flip", "delete", "duplicate", "swap", "insert", "truncate"))
        lines = bytes(data).split(b"\n")
        if kind == "flip" and data:
            at = rng.randrange(len(data))
            data[at] ^= 1 << rng.randrange(8)
        elif kind == "delete" and len(lines) > 1:
            del lines[rng.randrange(len(lines))]
            data = bytearray(b"\n".join(lines))
        elif kind == "duplicate" and lines:
            at = rng.randrange(len(lines))
            lines.insert(at, lines[at])
            data = bytearray(b"\n".join(lines))
        elif kind == "swap" and len(lines) > 1:
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
        elif kind == "insert":
            at = rng.randrange(len(data) + 1)
            data[at:at] = rng.choice(TOKENS).encode()
        elif kind == "truncate" and data:
            del data[rng.randrange(len(data)) :]
    return bytes(data)


def commands(folder: Path, out: Path) -> list[list[str]]:
    """Every command and output format, on ``folder``."""
    f = str(folder)
    tables = ("table", "json", "csv", "markdown")
    runs = [["validate", f, "--format", fmt] for fmt in PROBLEM_FORMATS]
    runs += [["check", f, "--as-of", "2022-10-15", "--format", fmt] for fmt in PROBLEM_FORMATS]
    runs += [["total", f, "--segment", "all", "--format", fmt] for fmt in tables]
    runs += [["total", f, "--segment", "sociale-huur"]]
    runs += [["status", f, "--as-of", "2022-10-15", "--format", fmt] for fmt in ("table", "json")]
    gaps_formats = ("table", "json", "csv", "markdown", "github", "sarif", "junit")
    runs += [["gaps", f, "--as-of", "2022-10-15", "--format", fmt] for fmt in gaps_formats]
    runs += [["knelpunten", f, "--format", fmt] for fmt in tables]
    runs += [["report", f, "--as-of", "2022-10-15", "--format", fmt] for fmt in ("html", "markdown")]
    runs += [["export", f, "--format", "csv"]]
    runs += [["export", f, "--output", str(out / "export.xlsx"), "--force"]]
    runs += [["diff", str(OLD_ROUND), f, "--format", fmt] for fmt in ("text", "json", "markdown")]
    return runs


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Raise Hang when the block runs longer than ``seconds`` (SIGALRM: Unix, main thread)."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise Hang

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _unlocated(stdout: str, sizes: dict[str, int]) -> str | None:
    """The first problem line that does not point inside its file, if any."""
    for line in stdout.splitlines():
        if not re.search(r": (error|warning|info) \[", line):
            continue
        m = _LOCATED.match(line)
        if m is None:
            return line
        lines = sizes.get(m["path"])
        row, col = int(m["line"]), int(m["col"])
        if lines is None:  # a folder's own problem
            if (row, col) != (0, 0):
                return line
        elif not (1 <= row <= lines and col >= 1):
            return line
    return None


def _line_count(raw: bytes) -> int:
    # As YAML and editors count lines: \r\n, \r and \n each end one.
    return raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1


def fuzz(runs: int, seed: int, *, limit: int = 30, progress: bool = False) -> tuple[int, list[Failure]]:
    """Run ``runs`` mutations; the number of command runs made and the failures found."""
    from typer.testing import CliRunner

    from woonbod.cli import app

    rng = random.Random(seed)
    runner = CliRunner()
    failures: list[Failure] = []
    invocations = 0
    with tempfile.TemporaryDirectory(prefix="woonbod-fuzz-") as tmp:
        folder = Path(tmp) / "data"
        out = Path(tmp) / "out"
        out.mkdir()
        shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("rondes"))
        originals = {p.name: p.read_bytes() for p in sorted(folder.glob("*.yaml"))}
        names = sorted(originals)
        for run in range(runs):
            name = "ronde.yaml" if rng.random() < 0.1 else rng.choice([n for n in names if n != "ronde.yaml"])
            damaged = mutate(originals[name], rng)
            target = folder / name
            target.write_bytes(damaged)
            sizes = {str(folder / n): _line_count(originals[n]) for n in names}
            sizes[str(target)] = _line_count(damaged)
            for command in commands(folder, out):
                invocations += 1
                reason = None
                try:
                    with time_limit(limit):
                        result = runner.invoke(app, command)
                except Hang:
                    reason = f"no result within {limit} s"
                else:
                    if result.exception is not None and not isinstance(result.exception, SystemExit):
                        reason = f"traceback: {type(result.exception).__name__}: {result.exception}"
                    elif result.exit_code not in (0, 1, 2):
                        reason = f"exit code {result.exit_code}"
                    elif command[0] in ("validate", "check") and "text" in command:
                        bad = _unlocated(result.stdout, sizes)
                        if bad is not None:
                            reason = f"problem line not located: {bad[:200]}"
                if reason is not None:
                    failures.append(Failure(run, name, command, reason))
                    (out / f"failure-{run}-{name}").write_bytes(damaged)
            target.write_bytes(originals[name])
            if progress and (run + 1) % 50 == 0:
                print(f"{run + 1} runs, {invocations} commands, {len(failures)} failures", file=sys.stderr)
        if failures:
            keep = Path(tempfile.mkdtemp(prefix="woonbod-fuzz-failures-"))
            for path in out.glob("failure-*"):
                shutil.copy(path, keep)
            print(f"damaged files kept in {keep}", file=sys.stderr)
    return invocations, failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=int(os.environ.get("WOONBOD_FUZZ_RUNS", "200")))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--limit", type=int, default=30, help="seconds one command may take")
    args = parser.parse_args()
    invocations, failures = fuzz(args.runs, args.seed, limit=args.limit, progress=True)
    for failure in failures:
        print(f"run {failure.run} ({failure.file}): {' '.join(failure.command)}: {failure.reason}")
    print(f"{args.runs} runs (seed {args.seed}), {invocations} commands: {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())

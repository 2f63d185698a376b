"""Time woonbod validate side by side with check-jsonschema, yamllint and the libyaml parse floor.

    python3 bench/bench.py            # 12 real files, 3 000 and 10 000 files; writes docs/performance.md
    python3 bench/bench.py --quick    # fewer repetitions, no 10 000 set

A script, not a test: it measures, it asserts nothing. Each size gets its own set of files built
from the shipped data/ (one folder per copy of the twelve bids, each with its ronde.yaml, as an
archive of rounds would be), and the tools run alternately, so that a slow moment of the machine
hits them all alike. Wall time is the median over the repetitions; peak memory is the child's
maximum resident set size (from wait4): for a run on several cores, that of its largest process
(the forked workers share the parent's pages until they write to them).
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
DATA = ROOT / "data"
SCHEMA = ROOT / "schema" / "bod.schema.json"
FLOOR = ROOT / "bench" / "parse_floor.py"


@dataclass
class Sample:
    seconds: list[float]
    peak_kib: list[int]


def build_set(count: int) -> tuple[list[Path], list[Path]]:
    """`count` bid files in folders of twelve (one per province) plus a ronde.yaml each.

    Each folder's round file gets its own name, as in a real archive of rounds, so that no
    round file is a copy of another (woonbod parses each distinct round text once)."""
    target = OUT / f"set-{count}"
    bids = sorted(p for p in DATA.glob("*.yaml") if p.name != "ronde.yaml")
    folders = [target / f"ronde-{i:05d}" for i in range((count + len(bids) - 1) // len(bids))]
    expected = sum(1 for _ in target.glob("*/*.yaml")) if target.exists() else -1
    first_round = folders[0] / "ronde.yaml"
    distinct = first_round.exists() and "(archief " in first_round.read_text(encoding="utf-8")
    if expected != count + len(folders) or not distinct:
        shutil.rmtree(target, ignore_errors=True)
        made = 0
        for folder in folders:
            folder.mkdir(parents=True)
            round_text = (DATA / "ronde.yaml").read_text(encoding="utf-8")
            round_text = re.sub(r"(?m)^(naam: .*)$", rf"\1 (archief {folder.name})", round_text, count=1)
            (folder / "ronde.yaml").write_text(round_text, encoding="utf-8")
            for bid in bids:
                if made == count:
                    break
                (folder / bid.name).write_bytes(bid.read_bytes())
                made += 1
    files = sorted(p for p in target.glob("*/*.yaml") if p.name != "ronde.yaml")
    return folders, files


def commands(folders: list[Path], files: list[Path]) -> dict[str, list[str]]:
    """The four ways of reading the same bid files."""
    names = [str(f) for f in files]
    return {
        "woonbod validate": ["woonbod", "validate", "--quiet", *map(str, folders)],
        "woonbod validate -j 1 (one core)": ["woonbod", "validate", "--quiet", "-j", "1", *map(str, folders)],
        "check-jsonschema": ["check-jsonschema", "--schemafile", str(SCHEMA), *names],
        "yamllint -d relaxed": ["yamllint", "-d", "relaxed", *names],
        "libyaml parse floor": [sys.executable, str(FLOOR), *names],
    }


def run_once(argv: list[str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KiB) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss


def measure(argvs: dict[str, list[str]], repeat: int) -> dict[str, Sample]:
    samples = {name: Sample([], []) for name in argvs}
    for argv in argvs.values():  # one warm-up each: file cache and .pyc files
        run_once(argv)
    for _ in range(repeat):
        for name, argv in argvs.items():
            seconds, peak = run_once(argv)
            samples[name].seconds.append(seconds)
            samples[name].peak_kib.append(peak)
    return samples


def table(title: str, samples: dict[str, Sample], files: int) -> list[str]:
    median = {name: statistics.median(s.seconds) for name, s in samples.items()}
    ours = median["woonbod validate"]
    lines = [
        f"### {title}",
        "",
        "| tool | median wall | per file | peak memory | woonbod ÷ tool |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, s in samples.items():
        lines.append(
            f"| {name} | {median[name]:.3f} s | {median[name] / files * 1000:.2f} ms | "
            f"{max(s.peak_kib) / 1024:.0f} MiB | {ours / median[name]:.2f}× |"
        )
    return [*lines, ""]


def main() -> int:
    quick = "--quick" in sys.argv
    startup = statistics.median(run_once([sys.executable, "-c", "pass"])[0] for _ in range(9))
    sizes = [(12, 15 if not quick else 5), (3000, 5 if not quick else 1)]
    if not quick:
        sizes.append((10_000, 3))
    report: list[str] = []
    medians: dict[int, dict[str, float]] = {}
    peaks: dict[int, int] = {}
    for count, repeat in sizes:
        if count == 12:
            folders = [DATA]
            files = sorted(p for p in DATA.glob("*.yaml") if p.name != "ronde.yaml")
        else:
            folders, files = build_set(count)
        print(f"{count} files: {repeat} runs of each tool …", file=sys.stderr)
        samples = measure(commands(folders, files), repeat)
        medians[count] = {name: statistics.median(s.seconds) for name, s in samples.items()}
        peaks[count] = max(samples["woonbod validate"].peak_kib)
        report += table(
            f"{count:,} bid files ({repeat} runs each; the tools alternate)".replace(",", " "),
            samples,
            len(files),
        )
    scale = ""
    if 10_000 in medians:
        # The cost of each further file, start-up left out: equal at both sizes means linear.
        small, mid, large = (medians[n]["woonbod validate -j 1 (one core)"] for n in (12, 3000, 10_000))
        first = (mid - small) / (3000 - 12)
        second = (large - mid) / (10_000 - 3000)
        scale = (
            f"On one core each further file costs woonbod {first * 1000:.3f} ms from 12 to 3 000 files and "
            f"{second * 1000:.3f} ms from 3 000 to 10 000 (ratio {second / first:.2f}; 1.00 is linear). "
            f"Its peak memory is {peaks[3000] / 1024:.0f} MiB at 3 000 files and "
            f"{peaks[10_000] / 1024:.0f} MiB at 10 000: one folder's bids at a time, plus the list of files "
            "and problems."
        )
    versions = subprocess.run(
        [sys.executable, "-m", "pip", "list", "--format=freeze"], capture_output=True, text=True, check=False
    ).stdout
    wanted = ("woonbod", "check-jsonschema", "check_jsonschema", "yamllint", "PyYAML", "pydantic", "typer")
    picked = [
        v
        for v in versions.splitlines()
        if v.split("==")[0].lower().replace("_", "-") in {w.lower().replace("_", "-") for w in wanted}
    ]
    head = [
        "# Performance",
        "",
        "Measured by `python3 bench/bench.py` (a script, not a test) in one run on "
        f"{platform.machine()} with {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"on {time.strftime('%Y-%m-%d')}. All tools read the same files; every figure includes "
        f"the interpreter's start-up ({startup * 1000:.0f} ms here for `python3 -c pass`), which is "
        "what CI pays on every pull request. By default woonbod checks folders on all cores once "
        "there are 400 files or more; the `-j 1` row is the same run on one core.",
        "",
        "To reproduce: `python3 -m pip install -e '.[dev]' && python3 bench/bench.py` (the sets are "
        "built under bench/out/, which git ignores).",
        "",
        "Versions: " + ", ".join(f"`{v}`" for v in picked),
        "",
    ]
    targets = [
        "## Against the targets",
        "",
        "| target | measured | met |",
        "| --- | --- | --- |",
    ]
    m12 = medians[12]
    checks = [
        ("12 files: ≤ 0.5× check-jsonschema", m12["woonbod validate"] / m12["check-jsonschema"], 0.5),
        ("12 files: ≤ 1.0× yamllint", m12["woonbod validate"] / m12["yamllint -d relaxed"], 1.0),
    ]
    for count in (3000, 10_000):
        if count in medians:
            m = medians[count]
            one = m["woonbod validate -j 1 (one core)"]
            checks += [
                (f"{count} files, one core: ≤ 2× libyaml floor", one / m["libyaml parse floor"], 2.0),
                (
                    f"{count} files: ≤ 0.1× check-jsonschema",
                    m["woonbod validate"] / m["check-jsonschema"],
                    0.1,
                ),
                (f"{count} files: ≤ 0.1× yamllint", m["woonbod validate"] / m["yamllint -d relaxed"], 0.1),
                (f"{count} files: ≤ 2× libyaml floor", m["woonbod validate"] / m["libyaml parse floor"], 2.0),
            ]
    targets += [
        f"| {name} | {ratio:.2f}× | {'yes' if ratio <= limit else '**no**'} |"
        for name, ratio, limit in checks
    ]
    startup_lines, step = startup_table()
    floor = step["frameworks"]
    allowed = 0.5 * step["check-jsonschema"]
    targets += [
        "",
        f"Importing the two required frameworks, Typer and Pydantic, and doing nothing else takes "
        f"{floor * 1000:.0f} ms (start-up table below): {floor / step['yamllint']:.2f}× yamllint's whole "
        "run on the same 12 files, so ≤ 1.0× yamllint cannot be met while woonbod is built on them. "
        f"Against check-jsonschema, ≤ 0.5× is {allowed * 1000:.0f} ms, which leaves "
        f"{(allowed - floor) * 1000:.0f} ms for everything else; that takes woonbod "
        f"{(step['woonbod'] - floor) * 1000:.0f} ms (building its models, PyYAML, its own modules, "
        "Typer reading the options, the checks).",
    ]
    text = "\n".join(
        [*head, *targets, "", *([scale, ""] if scale else []), *startup_lines, "## Medians", "", *report]
    )
    if not quick:
        (ROOT / "docs" / "performance.md").write_text(text.rstrip() + "\n" + FOOTER, encoding="utf-8")
    print(text)
    return 0


def startup_table() -> tuple[list[str], dict[str, float]]:
    """Where a small run's time goes: the fixed cost of each import, measured the same way;
    the lines of the table and the median seconds of each step by key."""
    twelve = [str(p) for p in sorted(DATA.glob("*.yaml")) if p.name != "ronde.yaml"]
    steps = [
        ("python", "`python3 -c pass`", [sys.executable, "-c", "pass"]),
        ("yaml", "`import yaml` (libyaml)", [sys.executable, "-c", "import yaml"]),
        ("typer", "`import typer`", [sys.executable, "-c", "import typer"]),
        (
            "pydantic",
            "`from pydantic import BaseModel`",
            [sys.executable, "-c", "from pydantic import BaseModel"],
        ),
        (
            "frameworks",
            "`import typer` and `from pydantic import BaseModel`: the two required frameworks",
            [sys.executable, "-c", "import typer; from pydantic import BaseModel"],
        ),
        (
            "models",
            "`import woonbod.model.models` (Pydantic + building the models)",
            [sys.executable, "-c", "import woonbod.model.models"],
        ),
        ("help", "`woonbod --help`", ["woonbod", "--help"]),
        ("woonbod", "`woonbod validate data/` (12 files)", ["woonbod", "validate", "--quiet", str(DATA)]),
        ("yamllint", "`yamllint -d relaxed data/`", ["yamllint", "-d", "relaxed", str(DATA)]),
        (
            "check-jsonschema",
            "`check-jsonschema --schemafile schema/bod.schema.json` on data/",
            ["check-jsonschema", "--schemafile", str(SCHEMA), *twelve],
        ),
    ]
    rounds = 15
    lines = [
        "## Start-up: where the time of a small run goes",
        "",
        f"| step | median wall ({rounds} runs, the steps alternate) |",
        "| --- | ---: |",
    ]
    for _, _, argv in steps:  # warm-up: file cache and .pyc files
        run_once(argv)
    seconds: dict[str, list[float]] = {key: [] for key, _, _ in steps}
    for _ in range(rounds):
        for key, _, argv in steps:
            seconds[key].append(run_once(argv)[0])
    medians = {key: statistics.median(times) for key, times in seconds.items()}
    lines += [f"| {label} | {medians[key] * 1000:.0f} ms |" for key, label, _ in steps]
    return [*lines, ""], medians


FOOTER = """
## Reading these figures

On 12 files every tool is mostly start-up, and woonbod's start-up is mostly its two required
frameworks: the row "the two required frameworks" in the start-up table is Python importing
Typer and Pydantic and nothing else. (Typer 0.29 and later also use Pydantic to read
command-line options, so it would be loaded even if woonbod did not need it.) What woonbod adds
on top (building its models, PyYAML, its own modules, the checks) is what the work on start-up
has cut; the paragraph under the targets says what is left and why the 12-file targets are out
of reach. It imports nothing else on that path: Rich is loaded only by the
table renderers, Jinja2 and openpyxl only by `report` and `export`, multiprocessing only for
400 files or more, the event-stream parser only for unusual files. Check with
`python3 -X importtime -m woonbod validate data/ 2>&1 | sort -t'|' -k2 -n | tail`.

On large sets the per-file cost decides. woonbod composes each ordinary file with libyaml in C
and a constant tag resolver, validates it with Pydantic's compiled validators, parses each
distinct round file once (an archive has a copy in every folder), and checks each folder (one
round) on its own, so folders go to all cores and memory holds one folder at a time.
"""


if __name__ == "__main__":
    raise SystemExit(main())

"""Time woonbod validate side by side with check-jsonschema, yamllint, the libyaml parse floor and
the compiled anchor (libyaml + jsonschema_rs), with the framework floor in the same run.

    python3 bench/bench.py            # 12 real files, 3 000 and 10 000 files; writes docs/performance.md
    python3 bench/bench.py --quick    # fewer repetitions, no 10 000 set

The tools are those of the Python that runs this script (its bin/ folder, else PATH). woonbod is
measured as a user runs it: byte-compiled. Its sources are compiled up front with compileall, so
that an editable install on a machine with PYTHONDONTWRITEBYTECODE=1 does not recompile them on
every run (a wheel install gets its .pyc files from pip the same way).

A script, not a test: it measures, it asserts nothing. Each size gets its own set of files built
from the shipped data/ (one folder per copy of the twelve bids, each with its ronde.yaml, as an
archive of rounds would be), and the tools run alternately, so that a slow moment of the machine
hits them all alike. Wall time is the median over the repetitions; peak memory is the child's
maximum resident set size (from wait4): for a run on several cores, that of its largest process
(the forked workers share the parent's pages until they write to them).
"""

from __future__ import annotations

import compileall
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
ANCHOR = ROOT / "bench" / "compiled_anchor.py"
PROGRAM_FLOOR = ROOT / "bench" / "framework_floor.py"
STEPS = ROOT / "bench" / "where_time_goes.py"
# Measured by hand (each change against the code without it), so not by a run of this script.
SAVINGS = ROOT / "bench" / "startup_savings.md"
# The imports woonbod cannot avoid: its two frameworks and libyaml.
FRAMEWORK_IMPORTS = "import typer; from pydantic import BaseModel; from yaml import CSafeLoader"
ONE_CORE = "woonbod validate -j 1 (one core)"
ANCHOR_ROW = "jsonschema_rs + libyaml anchor"
FLOOR_ROW = "libyaml parse floor"


def tool(name: str) -> str:
    """The console script ``name`` of the Python running the bench, else the one on PATH."""
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else shutil.which(name) or name


def compile_woonbod() -> Path:
    """Byte-compile the woonbod package the bench runs, wherever it is installed."""
    where = subprocess.run(
        [sys.executable, "-c", "import os, woonbod; print(os.path.dirname(woonbod.__file__))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    compileall.compile_dir(where, quiet=1)
    return Path(where)


@dataclass
class Sample:
    seconds: list[float]
    peak_kib: list[int]
    cpu: list[float]


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
    """The ways of reading the same bid files (and, on 12 files, the framework floor)."""
    names = [str(f) for f in files]
    woonbod = tool("woonbod")
    argvs = {
        "woonbod validate": [woonbod, "validate", "--quiet", *map(str, folders)],
        ONE_CORE: [woonbod, "validate", "--quiet", "-j", "1", *map(str, folders)],
        "check-jsonschema": [tool("check-jsonschema"), "--schemafile", str(SCHEMA), *names],
        "yamllint -d relaxed": [tool("yamllint"), "-d", "relaxed", *names],
        ANCHOR_ROW: [sys.executable, str(ANCHOR), *names],
        FLOOR_ROW: [sys.executable, str(FLOOR), *names],
    }
    if len(files) == 12:
        argvs["framework floor (imports only)"] = [sys.executable, "-c", FRAMEWORK_IMPORTS]
    return argvs


def run_once(argv: list[str]) -> tuple[float, int, float]:
    """Wall seconds, peak resident memory (KiB) and CPU seconds (user + system, with the
    workers it waited for) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def measure(argvs: dict[str, list[str]], repeat: int) -> dict[str, Sample]:
    samples = {name: Sample([], [], []) for name in argvs}
    for argv in argvs.values():  # one warm-up each: file cache and .pyc files
        run_once(argv)
    for _ in range(repeat):
        for name, argv in argvs.items():
            seconds, peak, cpu = run_once(argv)
            samples[name].seconds.append(seconds)
            samples[name].peak_kib.append(peak)
            samples[name].cpu.append(cpu)
    return samples


def table(title: str, samples: dict[str, Sample], files: int) -> list[str]:
    median = {name: statistics.median(s.seconds) for name, s in samples.items()}
    cpu = {name: statistics.median(s.cpu) for name, s in samples.items()}
    ours, ours_cpu = median["woonbod validate"], cpu["woonbod validate"]
    lines = [
        f"### {title}",
        "",
        "| tool | median wall | per file | peak memory | woonbod ÷ tool | median CPU | woonbod ÷ tool, CPU |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, s in samples.items():
        lines.append(
            f"| {name} | {median[name]:.3f} s | {median[name] / files * 1000:.2f} ms | "
            f"{max(s.peak_kib) / 1024:.0f} MiB | {ours / median[name]:.2f}× | {cpu[name]:.3f} s | "
            f"{ours_cpu / cpu[name]:.2f}× |"
        )
    return [*lines, ""]


def main() -> int:
    quick = "--quick" in sys.argv
    # woonbod's rows run in English whatever the machine's locale; the Dutch rows say --lang nl.
    os.environ["WOONBOD_LANG"] = "en"
    package = compile_woonbod()
    load_before = os.getloadavg()
    startup = statistics.median(run_once([sys.executable, "-c", "pass"])[0] for _ in range(9))
    sizes = [(12, 15 if not quick else 5), (3000, 5 if not quick else 1)]
    if not quick:
        sizes.append((10_000, 3))
    report: list[str] = []
    medians: dict[int, dict[str, float]] = {}
    cpus: dict[int, dict[str, float]] = {}
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
        cpus[count] = {name: statistics.median(s.cpu) for name, s in samples.items()}
        peaks[count] = max(samples["woonbod validate"].peak_kib)
        report += table(
            f"{count:,} bid files ({repeat} runs each; the tools alternate)".replace(",", " "),
            samples,
            len(files),
        )
    print("start-up steps …", file=sys.stderr)
    startup_lines, step = startup_table()
    steps = [
        "## Where the time goes",
        "",
        "From `bench/where_time_goes.py`, in the same run: the start-up of `woonbod validate data/` "
        "step by step in one process (CPU time; each step includes what it imports that the steps "
        "before did not), and, on the 3 000-file set, what each file costs woonbod on one core "
        "and the compiled anchor.",
        "",
        *where_time_goes(),
        "",
    ]
    if 3000 in medians:
        steps += [*where_time_goes("--per-file"), ""]
    load_after = os.getloadavg()
    scale = ""
    if 10_000 in medians:
        # The cost of each further file, start-up left out: equal at both sizes means linear.
        small, mid, large = (medians[n][ONE_CORE] for n in (12, 3000, 10_000))
        first = (mid - small) / (3000 - 12)
        second = (large - mid) / (10_000 - 3000)
        anchor = (medians[10_000][ANCHOR_ROW] - medians[3000][ANCHOR_ROW]) / (10_000 - 3000)
        scale = (
            f"On one core each further file costs woonbod {first * 1000:.3f} ms from 12 to 3 000 files and "
            f"{second * 1000:.3f} ms from 3 000 to 10 000 (ratio {second / first:.2f}; 1.00 is linear); "
            f"the compiled anchor {anchor * 1000:.3f} ms from 3 000 to 10 000. "
            f"woonbod's peak memory is {peaks[3000] / 1024:.0f} MiB at 3 000 files and "
            f"{peaks[10_000] / 1024:.0f} MiB at 10 000: one folder's bids at a time, plus the list of files "
            "and problems."
        )
    versions = subprocess.run(
        [sys.executable, "-m", "pip", "list", "--format=freeze"], capture_output=True, text=True, check=False
    ).stdout
    wanted = (
        "woonbod",
        "check-jsonschema",
        "yamllint",
        "PyYAML",
        "pydantic",
        "pydantic-core",
        "typer",
        "jsonschema-rs",
    )
    picked = [
        v
        for v in versions.splitlines()
        if v.split("==")[0].lower().replace("_", "-") in {w.lower() for w in wanted}
    ]
    shared = max(load_before[0], load_after[0]) >= 0.5
    head = [
        "# Performance",
        "",
        "Measured by `bench/bench.py` (a script, not a test) in one run on "
        f"{platform.machine()} with {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"on {time.strftime('%Y-%m-%d')}. All tools read the same files; every figure includes "
        f"the interpreter's start-up ({startup * 1000:.0f} ms here for `python3 -c pass`), which is "
        "what CI pays on every pull request. By default woonbod checks folders on all cores once "
        "there are 400 files or more; the `-j 1` row is the same run on one core.",
        "",
        f"The machine's load average was {load_before[0]:.2f} when the run started and "
        f"{load_after[0]:.2f} when it ended"
        + (
            ": it was shared with other work, so single figures are noisy; the tools alternate run by "
            "run, so that a slow moment hits them all alike, and the ratios are taken within this run."
            if shared
            else "."
        ),
        "",
        "woonbod runs byte-compiled, as a user runs it: the bench compiles its package "
        f"(`{package.name}/`, with `compileall`) before it measures, so that an editable install on a "
        "machine with `PYTHONDONTWRITEBYTECODE=1` (such as this one) does not recompile woonbod's "
        "sources on every run; a wheel install gets its `.pyc` files from pip the same way.",
        "",
        "To reproduce, from the README's development install: `python3 -m venv .venv && "
        ".venv/bin/pip install -e '.[dev]' && .venv/bin/python bench/bench.py` (the dev extra "
        "installs the peers and `jsonschema-rs`; the sets are built under bench/out/, which git "
        "ignores). `.venv/bin/python bench/where_time_goes.py` (add `--per-file` after a bench run) "
        "prints the step tables below.",
        "",
        "Versions: " + ", ".join(f"`{v}`" for v in picked),
        "",
    ]
    targets = [
        "## Against the targets",
        "",
        "Met or not is judged on wall time, what a user waits for. CPU time (user + system of the "
        "process and the workers it waited for) moves less with the load of a shared machine and "
        "is given beside it; for woonbod on all cores it adds up the workers.",
        "",
        "| target | measured (wall) | met | measured (CPU) |",
        "| --- | --- | --- | --- |",
    ]
    m12 = medians[12]

    def ratio(count: int, ours: str, theirs: str) -> tuple[float, float]:
        return medians[count][ours] / medians[count][theirs], cpus[count][ours] / cpus[count][theirs]

    checks = [
        ("12 files: ≤ 1.45× yamllint", *ratio(12, "woonbod validate", "yamllint -d relaxed"), 1.45),
        ("12 files: ≤ 0.58× check-jsonschema", *ratio(12, "woonbod validate", "check-jsonschema"), 0.58),
    ]
    for count in (3000, 10_000):
        if count in medians:
            checks += [
                (
                    f"{count} files, one core: ≤ 1.25× compiled anchor",
                    *ratio(count, ONE_CORE, ANCHOR_ROW),
                    1.25,
                ),
                (
                    f"{count} files: ≤ 0.10× check-jsonschema",
                    *ratio(count, "woonbod validate", "check-jsonschema"),
                    0.10,
                ),
                (
                    f"{count} files: ≤ 0.10× yamllint",
                    *ratio(count, "woonbod validate", "yamllint -d relaxed"),
                    0.10,
                ),
            ]
    targets += [
        f"| {name} | {wall:.3f}× | {'yes' if wall <= limit else '**no**'} | {cpu:.3f}× |"
        for name, wall, cpu, limit in checks
    ]
    if 10_000 in peaks:
        # Flat: 3.3 times the files may not take more than a quarter more memory.
        grown = peaks[10_000] / peaks[3000]
        met = "yes" if grown <= 1.25 else "**no**"
        targets.append(f"| peak memory, 10 000 ÷ 3 000 files: ≤ 1.25 (flat) | {grown:.2f} | {met} | |")
    floor = m12["framework floor (imports only)"]
    woonbod = m12["woonbod validate"]
    targets += [
        "",
        f"On the 12 files, importing the frameworks woonbod cannot do without (Typer, Pydantic's "
        f"BaseModel, PyYAML with libyaml) takes {floor * 1000:.0f} ms, and `woonbod validate data/` "
        f"{woonbod * 1000:.0f} ms: {(woonbod - floor) * 1000:.0f} ms above that floor. 1.45× yamllint is "
        f"{1.45 * m12['yamllint -d relaxed'] * 1000:.0f} ms and 0.58× check-jsonschema "
        f"{0.58 * m12['check-jsonschema'] * 1000:.0f} ms. In the start-up table, a program that does "
        "nothing but use the same frameworks once (one Typer command converting three options, one "
        f"one-field model, one file) takes {step['program'] * 1000:.0f} ms against "
        f"{step['frameworks'] * 1000:.0f} ms for the imports alone and {step['woonbod'] * 1000:.0f} ms "
        "for woonbod.",
    ]
    text = "\n".join(
        [
            *head,
            *targets,
            "",
            *([scale, ""] if scale else []),
            *startup_lines,
            *steps,
            "## Medians",
            "",
            *report,
        ]
    )
    if not quick:
        savings = SAVINGS.read_text(encoding="utf-8")
        (ROOT / "docs" / "performance.md").write_text(
            text.rstrip() + "\n\n" + savings + FOOTER, encoding="utf-8"
        )
    print(text)
    return 0


def where_time_goes(*options: str) -> list[str]:
    """The table bench/where_time_goes.py prints, run in a fresh interpreter."""
    done = subprocess.run([sys.executable, str(STEPS), *options], capture_output=True, text=True, check=True)
    return done.stdout.splitlines()


def startup_table() -> tuple[list[str], dict[str, float]]:
    """Where a small run's time goes: the fixed cost of each import, measured the same way;
    the lines of the table and the median seconds of each step by key."""
    twelve = [str(p) for p in sorted(DATA.glob("*.yaml")) if p.name != "ronde.yaml"]
    woonbod = tool("woonbod")
    steps = [
        ("python", "`python3 -c pass`", [sys.executable, "-c", "pass"]),
        (
            "yaml",
            "`from yaml import CSafeLoader` (libyaml)",
            [sys.executable, "-c", "from yaml import CSafeLoader"],
        ),
        ("typer", "`import typer`", [sys.executable, "-c", "import typer"]),
        (
            "pydantic",
            "`from pydantic import BaseModel`",
            [sys.executable, "-c", "from pydantic import BaseModel"],
        ),
        (
            "frameworks",
            f"the framework floor: `{FRAMEWORK_IMPORTS}`",
            [sys.executable, "-c", FRAMEWORK_IMPORTS],
        ),
        (
            "program",
            "the frameworks used once: bench/framework_floor.py (a Typer command, a model, one file)",
            [sys.executable, str(PROGRAM_FLOOR), twelve[0], "--quiet"],
        ),
        (
            "models",
            "`import woonbod.model.models` (Pydantic + building the models)",
            [sys.executable, "-c", "import woonbod.model.models"],
        ),
        ("help", "`woonbod --help`", [woonbod, "--help"]),
        ("woonbod", "`woonbod validate data/` (12 files)", [woonbod, "validate", "--quiet", str(DATA)]),
        # Dutch reads one catalogue (#15): what that costs a run, beside the English one above.
        ("help-nl", "`woonbod --lang nl --help`", [woonbod, "--lang", "nl", "--help"]),
        (
            "woonbod-nl",
            "`woonbod --lang nl validate data/` (12 files, Dutch)",
            [woonbod, "--lang", "nl", "validate", "--quiet", str(DATA)],
        ),
        (
            "anchor",
            "bench/compiled_anchor.py on data/ (jsonschema_rs + libyaml)",
            [sys.executable, str(ANCHOR), *twelve],
        ),
        ("yamllint", "`yamllint -d relaxed` on data/", [tool("yamllint"), "-d", "relaxed", *twelve]),
        (
            "check-jsonschema",
            "`check-jsonschema --schemafile schema/bod.schema.json` on data/",
            [tool("check-jsonschema"), "--schemafile", str(SCHEMA), *twelve],
        ),
    ]
    rounds = 15
    lines = [
        "## Start-up: where the time of a small run goes",
        "",
        f"| step | median wall ({rounds} runs, the steps alternate) | median CPU |",
        "| --- | ---: | ---: |",
    ]
    for _, _, argv in steps:  # warm-up: file cache
        run_once(argv)
    seconds: dict[str, list[float]] = {key: [] for key, _, _ in steps}
    cpu: dict[str, list[float]] = {key: [] for key, _, _ in steps}
    for _ in range(rounds):
        for key, _, argv in steps:
            wall, _, used = run_once(argv)
            seconds[key].append(wall)
            cpu[key].append(used)
    medians = {key: statistics.median(times) for key, times in seconds.items()}
    lines += [
        f"| {label} | {medians[key] * 1000:.0f} ms | {statistics.median(cpu[key]) * 1000:.0f} ms |"
        for key, label, _ in steps
    ]
    return [*lines, ""], medians


FOOTER = """
## Reading these figures

On 12 files every tool is mostly start-up, and woonbod's start-up is mostly its frameworks: the
framework floor in the start-up table is Python importing Typer, Pydantic's BaseModel and PyYAML
with libyaml and doing nothing else, and the row under it is a program that uses them once as
woonbod does (Typer 0.29 converts each option with a Pydantic TypeAdapter, which loads the
parts of Pydantic that BaseModel alone does not). What woonbod adds on top is its own modules,
building its thirteen models, and the checks; the section on start-up savings says what was cut
and what is left. It imports nothing else on that path: Rich is loaded only by the table
renderers, Jinja2 and openpyxl only by `report` and `export`, json only by the JSON output,
multiprocessing only for 400 files or more, the event-stream parser only for unusual files, and
Pydantic's plugin loader (with importlib.metadata) not at all while plugins are off. Check with
`python3 -X importtime -m woonbod validate data/ 2>&1 | sort -t'|' -k2 -n | tail`.

On large sets the per-file cost decides. woonbod composes each ordinary file with libyaml in C
and a constant tag resolver, validates it with Pydantic's compiled validators, parses each
distinct round file once (an archive has a copy in every folder), and checks each folder (one
round) on its own, so folders go to all cores and memory holds one folder at a time. The
compiled anchor does less: it parses with libyaml's own constructor (no positions kept, no
checks for YAML 1.1 traps or duplicate keys) and validates the schema alone (no consistency
checks, no hints).
"""


if __name__ == "__main__":
    raise SystemExit(main())

"""Where the time of `woonbod validate` goes, step by step, measured inside one process.

    python3 bench/where_time_goes.py            # start-up steps of `woonbod validate data/`
    python3 bench/where_time_goes.py --per-file # per-file steps on bench/out/set-3000 (run bench.py first)

A script, not a test. Start-up steps are CPU time (time.process_time) of one fresh interpreter,
the median over several; each step includes what it imports that the steps before did not.
Per-file steps are the fastest of five passes over the same 3 000 files, in microseconds per file,
with the compiled anchor's two steps beside them.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

STEPS = """
import os, sys, time
T = time.process_time
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
t = [T()]
import typer; from pydantic import BaseModel; from yaml import CSafeLoader
t.append(T())
from woonbod.cli.startup import only_the_command_run, skip_plugin_scan
skip_plugin_scan()
import typer._adapters
t.append(T())
import woonbod.cli as cli
t.append(T())
import woonbod.model.models
t.append(T())
import woonbod.loading.loader, woonbod.checks.validation, woonbod.checks.runner
import woonbod.render.problems, woonbod.render.terminal
t.append(T())
import typer.main
with only_the_command_run(cli.app, ["validate"]):
    group = typer.main.get_command(cli.app)
t.append(T())
ctx = group.make_context("woonbod", ["validate", "--quiet", sys.argv[1]])
command = group.get_command(ctx, "validate")
sub = command.make_context("validate", ["--quiet", sys.argv[1]], parent=ctx)
t.append(T())
try:
    command.invoke(sub)
except BaseException:
    pass
t.append(T())
print("STEPS", " ".join(str(b - a) for a, b in zip(t, t[1:])), file=sys.stderr)
"""

NAMES = [
    "framework floor: import typer, BaseModel, CSafeLoader",
    "Typer's option adapters (typer._adapters: pydantic.fields, pydantic.types, TypeAdapter)",
    "woonbod.cli and what it imports",
    "woonbod.model.models: its imports and building the 13 models",
    "the loader, YAML builder, checks, runner and renderer modules",
    "Typer building the `validate` command",
    "Typer reading the options (a TypeAdapter per option)",
    "the run: 12 files read, validated, checked, summary written",
]


def startup(rounds: int = 9) -> list[str]:
    runs = []
    for _ in range(rounds):
        done = subprocess.run(
            [sys.executable, "-c", STEPS, str(DATA)], capture_output=True, text=True, check=True
        )
        line = next(x for x in done.stderr.splitlines() if x.startswith("STEPS "))
        runs.append([float(x) for x in line.split()[1:]])
    lines = [f"| step of `woonbod validate data/` | CPU time (median of {rounds}) |", "| --- | ---: |"]
    for index, name in enumerate(NAMES):
        lines.append(f"| {name} | {statistics.median(r[index] for r in runs) * 1000:.1f} ms |")
    total = statistics.median(sum(r) for r in runs)
    return [*lines, f"| all | {total * 1000:.1f} ms |"]


def per_file() -> list[str]:
    import jsonschema_rs
    import yaml

    from woonbod.cli.startup import skip_plugin_scan

    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    skip_plugin_scan()
    from woonbod.checks.runner import check_group
    from woonbod.loading.loader import plan_rounds
    from woonbod.model.models import Bid
    from woonbod.reading.nodes import build_from_nodes
    from woonbod.reading.source import _Composer, parse_bytes, read_bytes

    files = sorted(
        str(p) for p in (ROOT / "bench" / "out" / "set-3000").glob("*/*.yaml") if p.name != "ronde.yaml"
    )
    count = len(files)
    raws = [read_bytes(f)[0] or b"" for f in files]
    texts = [r.decode() for r in raws]
    datas = [build_from_nodes(t, f, _Composer)[0].data for t, f in zip(texts, files, strict=True)]
    validator = jsonschema_rs.validator_for(json.loads((ROOT / "schema" / "bod.schema.json").read_text()))
    plain = [yaml.load(r, Loader=yaml.CSafeLoader) for r in raws]
    groups = plan_rounds(sorted({Path(f).parent for f in files}))

    def compose() -> None:
        for text in texts:
            parser = _Composer(text)
            parser.get_single_node()
            parser.dispose()

    steps = {
        "woonbod: all of it (check_group: read, parse, validate, check each folder)": lambda: [
            check_group(g, max_bytes=1_000_000, as_of=None, norms=False) for g in groups
        ],
        "anchor: all of it (read, yaml.load with CSafeLoader, jsonschema_rs)": lambda: [
            list(validator.iter_errors(yaml.load(Path(f).read_bytes(), Loader=yaml.CSafeLoader)))
            for f in files
        ],
        "read the bytes (open, fstat, read)": lambda: [read_bytes(f) for f in files],
        "woonbod: decode, compose, build the tree with positions (parse_bytes)": lambda: [
            parse_bytes(r, f) for r, f in zip(raws, files, strict=True)
        ],
        "  of which libyaml composing the nodes": compose,
        "woonbod: Pydantic validating the tree (Bid.model_validate)": lambda: [
            Bid.model_validate(d) for d in datas
        ],
        "anchor: yaml.load with CSafeLoader": lambda: [yaml.load(r, Loader=yaml.CSafeLoader) for r in raws],
        "anchor: jsonschema_rs iter_errors": lambda: [list(validator.iter_errors(d)) for d in plain],
    }
    lines = [f"| per-file step ({count} files) | µs per file (fastest of 5) |", "| --- | ---: |"]
    for name, step in steps.items():
        best = []
        for _ in range(5):
            start = time.perf_counter()
            step()
            best.append(time.perf_counter() - start)
        lines.append(f"| {name} | {min(best) / count * 1e6:.1f} |")
    return lines


if __name__ == "__main__":
    print("\n".join(per_file() if "--per-file" in sys.argv else startup()))

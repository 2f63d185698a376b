"""The woonbod command line: each command reads like the pipeline and picks the exit code.

Exit codes, the same for every command: 0 nothing found at the failing level, 1 problems
found, 2 the command could not run (missing path, unusable round file, bad option).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from woonbod.loader import Dataset

from woonbod.problems import CannotRun, Level, Problem, at_or_above

app = typer.Typer(
    name="woonbod",
    help="Validate, add up and check the Dutch provinces' housing-construction bids.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_PROBLEMS, EXIT_CANNOT_RUN = 0, 1, 2

PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Bid files and folders (a folder: its *.yaml except ronde.yaml). Default: ./data",
        show_default=False,
    ),
]
RoundOpt = Annotated[
    Path | None,
    typer.Option(
        "--ronde",
        help="Round file to use instead of the ronde.yaml beside the bids.",
        show_default=False,
    ),
]
MaxBytesOpt = Annotated[int, typer.Option("--max-bytes", min=1, help="Largest bid file read, in bytes.")]
MaxProblemsOpt = Annotated[
    int | None,
    typer.Option(
        "--max-problems",
        min=0,
        help="Print at most N problems (the exit code counts all).",
        show_default=False,
    ),
]
ColorOpt = Annotated[
    str, typer.Option("--color", help="Colour: auto, always or never (NO_COLOR is respected).")
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only the summary line.")]


def _version(value: bool) -> None:
    if value:
        from woonbod import __version__

        typer.echo(f"woonbod {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Validate, add up and check the Dutch provinces' housing-construction bids."""


def _paths(paths: list[Path] | None) -> list[Path]:
    return paths or [Path("data")]


def _fail(error: CannotRun) -> NoReturn:
    from woonbod.render_problems import format_problem

    for problem in error.problems:
        typer.echo(format_problem(problem), err=True)
    typer.echo(f"woonbod: {error.message}", err=True)
    raise typer.Exit(EXIT_CANNOT_RUN)


def _load(paths: list[Path] | None, ronde: Path | None, max_bytes: int = 1_000_000) -> Dataset:
    from woonbod.loader import load_dataset

    try:
        return load_dataset(_paths(paths), round_file=ronde, max_bytes=max_bytes)
    except CannotRun as error:
        _fail(error)


def _note_errors(problems: list[Problem]) -> int:
    """Say on stderr that files with errors were left out; the exit code for that."""
    errors = at_or_above(problems, Level.ERROR)
    if errors:
        typer.echo(
            f"woonbod: {errors} error{'s' if errors != 1 else ''} in the bids: figures from files "
            "with errors are left out (see `woonbod validate`).",
            err=True,
        )
    return EXIT_PROBLEMS if errors else EXIT_OK


def _choice(value: str, options: tuple[str, ...], option: str) -> str:
    if value not in options:
        _fail(CannotRun(f"{option} must be one of {', '.join(options)}, not '{value}'"))
    return value


@app.command()
def validate(
    paths: PathsArg = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    ronde: RoundOpt = None,
    max_bytes: MaxBytesOpt = 1_000_000,
    max_problems: MaxProblemsOpt = None,
    color: ColorOpt = "auto",
    quiet: QuietOpt = False,
) -> None:
    """Check every bid file against the format and for consistency inside it.

    Example: woonbod validate data/
    """
    from woonbod.render_problems import PROBLEM_RENDERERS, ProblemReport, summary_line
    from woonbod.terminal import use_color
    from woonbod.validation import validate as run_validation

    render = PROBLEM_RENDERERS[_choice(output_format, tuple(PROBLEM_RENDERERS), "--format")]
    _choice(color, ("auto", "always", "never"), "--color")
    dataset = _load(paths, ronde, max_bytes)
    problems = run_validation(dataset)
    report = ProblemReport(
        "validate",
        problems,
        [lb.path for lb in dataset.bids],
        max_problems=max_problems,
        color=use_color(sys.stdout, color),
    )
    if quiet and output_format == "text":
        typer.echo(summary_line(report))
    else:
        render(report, sys.stdout)
    raise typer.Exit(EXIT_PROBLEMS if at_or_above(problems, Level.ERROR) else EXIT_OK)


SEGMENT_NAMES = (
    "totaal",
    "sociale-huur",
    "middenhuur",
    "betaalbare-koop",
    "middensegment",
    "betaalbaar",
    "overig",
    "corporaties",
    "all",
)


@app.command()
def total(
    paths: PathsArg = None,
    segment: Annotated[
        str, typer.Option("--segment", "-s", help=f"One of: {', '.join(SEGMENT_NAMES)}.")
    ] = "totaal",
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="table, json, csv or markdown.")
    ] = "table",
    ronde: RoundOpt = None,
    color: ColorOpt = "auto",
) -> None:
    """Add up a segment per province and nationally, against the national target.

    Example: woonbod total --segment sociale-huur
    """
    from woonbod.render_totals import TOTALS_RENDERERS
    from woonbod.terminal import use_color
    from woonbod.totals import segment_from_cli, sum_all, sum_segment
    from woonbod.validation import validate as run_validation

    render = TOTALS_RENDERERS[_choice(output_format, tuple(TOTALS_RENDERERS), "--format")]
    _choice(segment, SEGMENT_NAMES, "--segment")
    _choice(color, ("auto", "always", "never"), "--color")
    dataset = _load(paths, ronde)
    code = _note_errors(run_validation(dataset))
    ronde_model = dataset.round.ronde
    totals = (
        sum_all(dataset.bids, ronde_model)
        if segment == "all"
        else [sum_segment(dataset.bids, ronde_model, segment_from_cli(segment))]
    )
    render(totals, dataset.round, sys.stdout, use_color(sys.stdout, color))
    raise typer.Exit(code)


AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Measure the deadline as of this date (YYYY-MM-DD). Default: today.",
        show_default=False,
    ),
]


def _as_of(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _fail(CannotRun(f"--as-of takes a date such as 2022-10-01, not '{value}'"))


@app.command()
def gaps(
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="table, json, csv or markdown.")
    ] = "table",
    ronde: RoundOpt = None,
    color: ColorOpt = "auto",
) -> None:
    """Show who still owes what against the deadline: bids, submissions, required items, topics.

    Example: woonbod gaps --as-of 2022-09-20
    """
    from woonbod.gaps import find_gaps
    from woonbod.render_gaps import GAPS_RENDERERS
    from woonbod.terminal import use_color

    render = GAPS_RENDERERS[_choice(output_format, tuple(GAPS_RENDERERS), "--format")]
    _choice(color, ("auto", "always", "never"), "--color")
    when = _as_of(as_of)
    report = find_gaps(_load(paths, ronde), when)
    render(report, sys.stdout, use_color(sys.stdout, color))
    raise typer.Exit(EXIT_PROBLEMS if at_or_above(report.problems, Level.ERROR) else EXIT_OK)


@app.command()
def knelpunten(
    paths: PathsArg = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="table, json, csv or markdown.")
    ] = "table",
    ronde: RoundOpt = None,
    color: ColorOpt = "auto",
) -> None:
    """Show which bottleneck plays in which province, and the homes at stake.

    Example: woonbod knelpunten --format markdown
    """
    from woonbod.knelpunten import build_matrix
    from woonbod.render_knelpunten import KNELPUNT_RENDERERS
    from woonbod.terminal import use_color

    render = KNELPUNT_RENDERERS[_choice(output_format, tuple(KNELPUNT_RENDERERS), "--format")]
    _choice(color, ("auto", "always", "never"), "--color")
    render(build_matrix(_load(paths, ronde).bids), sys.stdout, use_color(sys.stdout, color))


@app.command()
def check(
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    fail_on: Annotated[
        str, typer.Option("--fail-on", help="Exit 1 on problems at this level or worse: error or warning.")
    ] = "error",
    output_format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    ronde: RoundOpt = None,
    max_bytes: MaxBytesOpt = 1_000_000,
    max_problems: MaxProblemsOpt = None,
    color: ColorOpt = "auto",
    quiet: QuietOpt = False,
) -> None:
    """The CI gate: validation, consistency, norms and deadline gaps, with one exit code.

    Example: woonbod check data/ --as-of 2022-10-01 --fail-on warning
    """
    from woonbod.gaps import find_gaps
    from woonbod.render_problems import PROBLEM_RENDERERS, ProblemReport, summary_line
    from woonbod.terminal import use_color
    from woonbod.validation import check_norms
    from woonbod.validation import validate as run_validation

    render = PROBLEM_RENDERERS[_choice(output_format, tuple(PROBLEM_RENDERERS), "--format")]
    threshold = Level(_choice(fail_on, ("error", "warning"), "--fail-on"))
    _choice(color, ("auto", "always", "never"), "--color")
    when = _as_of(as_of)
    dataset = _load(paths, ronde, max_bytes)
    problems = sorted(
        [*run_validation(dataset), *check_norms(dataset), *find_gaps(dataset, when).problems],
        key=Problem.sort_key,
    )
    report = ProblemReport(
        "check",
        problems,
        [lb.path for lb in dataset.bids],
        max_problems=max_problems,
        color=use_color(sys.stdout, color),
        extra={"as_of": when.isoformat()},
    )
    if quiet and output_format == "text":
        typer.echo(summary_line(report))
    else:
        render(report, sys.stdout)
    raise typer.Exit(EXIT_PROBLEMS if at_or_above(problems, threshold) else EXIT_OK)


@app.command()
def status(
    path: Annotated[
        Path | None, typer.Argument(help="The data folder. Default: ./data", show_default=False)
    ] = None,
    as_of: AsOfOpt = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    ronde: RoundOpt = None,
    color: ColorOpt = "auto",
) -> None:
    """One screen for the coordinator: valid bids, national totals against targets, coverage, gaps.

    Example: woonbod status data/
    """
    from woonbod.render_status import STATUS_RENDERERS
    from woonbod.status import build_status
    from woonbod.terminal import use_color

    render = STATUS_RENDERERS[_choice(output_format, tuple(STATUS_RENDERERS), "--format")]
    _choice(color, ("auto", "always", "never"), "--color")
    when = _as_of(as_of)
    result = build_status(_load([path] if path else None, ronde), when)
    render(result, sys.stdout, use_color(sys.stdout, color))
    raise typer.Exit(EXIT_PROBLEMS if result.invalid_files else EXIT_OK)


def main() -> None:
    """Entry point of the ``woonbod`` console script."""
    app()

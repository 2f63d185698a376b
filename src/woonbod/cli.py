"""The woonbod command line: each command reads like the pipeline and picks the exit code.

Exit codes, the same for every command: 0 nothing found at the failing level, 1 problems
found, 2 the command could not run (missing path, unusable round file, bad option).
"""

from __future__ import annotations

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


def main() -> None:
    """Entry point of the ``woonbod`` console script."""
    app()

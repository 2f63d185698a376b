"""The woonbod command line: each command reads like the pipeline and picks the exit code.

Exit codes, the same for every command: 0 nothing found at the failing level, 1 problems
found, 2 the command could not run (missing path, unusable round file, bad option).
Heavy modules (Rich, Pydantic models, renderers) are imported inside the commands, so that
`woonbod --help` and each command load only what they use.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

import woonbod.cli.startup as startup
from woonbod import i18n
from woonbod.cli.framework_messages import SpeakingCommand, SpeakingGroup
from woonbod.cli.support import (
    EXIT_OK,
    EXIT_PROBLEMS,
    AsOfOpt,
    ColorOpt,
    DelimiterOpt,
    FolderArg,
    ForceOpt,
    JobsOpt,
    LangOpt,
    MaxBytesOpt,
    MaxProblemsOpt,
    OutputOpt,
    PathsArg,
    ProblemFormatOpt,
    QuietOpt,
    RoundOpt,
    VerboseOpt,
    as_of,
    choice,
    collect,
    csv_delimiter,
    csv_renderer,
    dash_is_stdout,
    emit_problems,
    fail,
    input_paths,
    load,
    note_errors,
    problem_format,
    refuse_output,
    run_guarded,
    write_file,
)
from woonbod.formatting import excerpt
from woonbod.i18n import _
from woonbod.model.vocabulary import RONDE_SOORTEN, SEGMENTS, option_name, segment
from woonbod.problems import CannotRun, Level, at_or_above

app = typer.Typer(
    name="woonbod",
    help=_("Validate, add up and check the Dutch provinces' housing-construction bids."),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    cls=SpeakingGroup,
)
COLORS = ("auto", "always", "never")


def _version(value: bool) -> None:
    if value:
        from woonbod import __version__

        typer.echo(f"woonbod {__version__}")
        raise typer.Exit()


# The help texts are translated as the commands are defined: the entry point chose the language
# before it imported this module (woonbod.cli.main). Each command's help goes to @app.command:
# gettext cannot translate a docstring, which Typer would take instead.
@app.callback(help=_("Validate, add up and check the Dutch provinces' housing-construction bids."))
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=_("Show the version and exit.")),
    ] = False,
    lang: LangOpt = None,
) -> None:
    if lang is None and not startup.language_on_command_line():
        try:
            i18n.use(i18n.resolve())
        except i18n.UnknownLanguage as unknown:
            fail(CannotRun(_unknown_setting(unknown)))


def _unknown_setting(unknown: i18n.UnknownLanguage) -> str:
    return _(
        "{name}={value} is not a language woonbod speaks: set it to nl (Nederlands) or en (English)."
    ).format(name=unknown.source, value=excerpt(unknown.value))


@app.command(
    help=_(
        "Check every bid file against the format and for consistency inside it.\n\n"
        "Example: woonbod validate data/"
    )
)
def validate(
    paths: PathsArg = None,
    output_format: ProblemFormatOpt = None,
    output: OutputOpt = None,
    ronde: RoundOpt = None,
    max_bytes: MaxBytesOpt = 1_000_000,
    max_problems: MaxProblemsOpt = None,
    color: ColorOpt = "auto",
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    jobs: JobsOpt = 0,
    force: ForceOpt = False,
    lang: LangOpt = None,
) -> None:
    from woonbod.render.problems import ProblemReport
    from woonbod.render.terminal import use_color

    fmt = problem_format(output_format)
    choice(color, COLORS, "--color")
    inputs = input_paths(paths, ronde)
    refuse_output(output, inputs=inputs, force=force)
    report = ProblemReport("validate", [], [], max_problems=max_problems, color=use_color(sys.stdout, color))
    notes = collect(report, paths, ronde, max_bytes=max_bytes, as_of=None, norms=False, jobs=jobs)
    lines = notes if verbose else None
    emit_problems(report, fmt, output=output, quiet=quiet, verbose_lines=lines, inputs=inputs, force=force)
    raise typer.Exit(EXIT_PROBLEMS if at_or_above(report.problems, Level.ERROR) else EXIT_OK)


@app.command(
    help=_(
        "The CI gate: validation, consistency, norms and deadline gaps, with one exit code.\n\n"
        "Example: woonbod check data/ --as-of 2022-10-01 --fail-on warning"
    )
)
def check(
    paths: PathsArg = None,
    as_of_date: AsOfOpt = None,
    fail_on: Annotated[
        str, typer.Option("--fail-on", help=_("Exit 1 on problems at this level or worse: error or warning."))
    ] = "error",
    gaps_too: Annotated[
        bool,
        typer.Option(
            "--gaps/--no-gaps",
            help=_(
                "Also hold the bids against the deadline (--no-gaps: the files and norms only, "
                "e.g. for a round that is closed)."
            ),
        ),
    ] = True,
    output_format: ProblemFormatOpt = None,
    output: OutputOpt = None,
    ronde: RoundOpt = None,
    max_bytes: MaxBytesOpt = 1_000_000,
    max_problems: MaxProblemsOpt = None,
    color: ColorOpt = "auto",
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    jobs: JobsOpt = 0,
    force: ForceOpt = False,
    lang: LangOpt = None,
) -> None:
    from woonbod.render.problems import ProblemReport
    from woonbod.render.terminal import use_color

    fmt = problem_format(output_format)
    threshold = Level(choice(fail_on, ("error", "warning"), "--fail-on"))
    choice(color, COLORS, "--color")
    if as_of_date is not None and not gaps_too:
        fail(CannotRun(_("--as-of dates the gaps, which --no-gaps leaves out: give one or the other")))
    when = as_of(as_of_date) if gaps_too else None
    inputs = input_paths(paths, ronde)
    refuse_output(output, inputs=inputs, force=force)
    report = ProblemReport(
        "check",
        [],
        [],
        max_problems=max_problems,
        color=use_color(sys.stdout, color),
        extra={"as_of": None if when is None else when.isoformat()},
    )
    notes = collect(report, paths, ronde, max_bytes=max_bytes, as_of=when, norms=True, jobs=jobs)
    lines = notes if verbose else None
    emit_problems(report, fmt, output=output, quiet=quiet, verbose_lines=lines, inputs=inputs, force=force)
    raise typer.Exit(EXIT_PROBLEMS if at_or_above(report.problems, threshold) else EXIT_OK)


SEGMENT_NAMES = (*(option_name(s) for s in SEGMENTS), "all")


@app.command(
    help=_(
        "Add up a segment per province and nationally, against the national target.\n\n"
        "Example: woonbod total --segment sociale-huur; woonbod total --by regio"
    )
)
def total(
    paths: PathsArg = None,
    segment_name: Annotated[
        str,
        typer.Option("--segment", "-s", help=_("One of: {names}.").format(names=", ".join(SEGMENT_NAMES))),
    ] = "totaal",
    output_format: Annotated[
        str, typer.Option("--format", "-f", help=_("table, json, csv or markdown."))
    ] = "table",
    ronde: RoundOpt = None,
    by: Annotated[
        str,
        typer.Option("--by", help=_("provincie (the default) or regio: the woondeal regions, each once.")),
    ] = "provincie",
    delimiter: DelimiterOpt = None,
    color: ColorOpt = "auto",
    lang: LangOpt = None,
) -> None:
    from woonbod.analysis.need import need_shown_with
    from woonbod.analysis.totals import sum_segment
    from woonbod.render.terminal import use_color
    from woonbod.render.totals import TOTALS_RENDERERS

    choice(output_format, tuple(TOTALS_RENDERERS), "--format")
    render = csv_renderer(TOTALS_RENDERERS, output_format, csv_delimiter(delimiter, output_format))
    choice(segment_name, SEGMENT_NAMES, "--segment")
    choice(by, ("provincie", "regio"), "--by")
    choice(color, COLORS, "--color")
    segments = list(SEGMENTS) if segment_name == "all" else [segment(segment_name)]
    dataset, problems = load(paths, ronde)
    code = note_errors(problems)
    if by == "regio":
        from woonbod.analysis.regions import list_regions
        from woonbod.render.regions import REGION_RENDERERS

        out = csv_renderer(REGION_RENDERERS, output_format, delimiter)
        out(list_regions(dataset.bids), segments, dataset.round, sys.stdout, use_color(sys.stdout, color))
        raise typer.Exit(code)
    round_model = dataset.round.ronde
    totals = [sum_segment(dataset.bids, round_model, s) for s in segments]
    need = need_shown_with(dataset.bids, round_model, segments)
    render(totals, dataset.round, sys.stdout, use_color(sys.stdout, color), need)
    raise typer.Exit(code)


@app.command(
    help=_(
        "One screen for the coordinator: valid bids, national totals against targets, coverage, gaps.\n\n"
        "Example: woonbod status data/"
    )
)
def status(
    path: FolderArg = None,
    as_of_date: AsOfOpt = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help=_("table or json."))] = "table",
    ronde: RoundOpt = None,
    color: ColorOpt = "auto",
    lang: LangOpt = None,
) -> None:
    from woonbod.analysis.status import build_status
    from woonbod.render.status import STATUS_RENDERERS
    from woonbod.render.terminal import use_color

    render = STATUS_RENDERERS[choice(output_format, tuple(STATUS_RENDERERS), "--format")]
    choice(color, COLORS, "--color")
    when = as_of(as_of_date)
    result = build_status(*load([str(path)] if path else None, ronde), when)
    render(result, sys.stdout, use_color(sys.stdout, color))
    raise typer.Exit(EXIT_PROBLEMS if result.invalid_file_count else EXIT_OK)


@app.command(
    help=_(
        "Show who still owes what against the deadline: bids, submissions, required items, topics.\n\n"
        "Example: woonbod gaps --as-of 2022-09-20"
    )
)
def gaps(
    paths: PathsArg = None,
    as_of_date: AsOfOpt = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help=_("table, json, csv, markdown, or a problem format: github, sarif, junit."),
        ),
    ] = "table",
    output: OutputOpt = None,
    ronde: RoundOpt = None,
    delimiter: DelimiterOpt = None,
    color: ColorOpt = "auto",
    force: ForceOpt = False,
    lang: LangOpt = None,
) -> None:
    from woonbod.analysis.gaps import find_gaps
    from woonbod.render.gaps import GAPS_RENDERERS
    from woonbod.render.problems import ProblemReport
    from woonbod.render.terminal import use_color

    problem_formats = ("github", "sarif", "junit")
    choice(output_format, (*GAPS_RENDERERS, *problem_formats), "--format")
    csv_delimiter(delimiter, output_format)
    choice(color, COLORS, "--color")
    inputs = input_paths(paths, ronde)
    refuse_output(output, inputs=inputs, force=force)
    dataset, problems = load(paths, ronde)
    code = note_errors(problems)
    report = find_gaps(dataset, as_of(as_of_date))
    if output_format in problem_formats:
        gap_report = ProblemReport("gaps", report.problems, [lb.path for lb in dataset.bids])
        emit_problems(gap_report, output_format, output=output, quiet=False, inputs=inputs, force=force)
    elif output is not None:
        render = csv_renderer(GAPS_RENDERERS, output_format, delimiter)
        write_file(output, lambda stream: render(report, stream, False), inputs=inputs, force=force)
    else:
        render = csv_renderer(GAPS_RENDERERS, output_format, delimiter)
        render(report, sys.stdout, use_color(sys.stdout, color))
    raise typer.Exit(EXIT_PROBLEMS if code or at_or_above(report.problems, Level.ERROR) else EXIT_OK)


@app.command(
    help=_(
        "Show which bottleneck plays in which province, and the homes at stake.\n\n"
        "Example: woonbod knelpunten --format markdown"
    )
)
def knelpunten(
    paths: PathsArg = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help=_("table, json, csv or markdown."))
    ] = "table",
    ronde: RoundOpt = None,
    delimiter: DelimiterOpt = None,
    color: ColorOpt = "auto",
    lang: LangOpt = None,
) -> None:
    from woonbod.analysis.knelpunten import build_matrix
    from woonbod.render.knelpunten import KNELPUNT_RENDERERS
    from woonbod.render.terminal import use_color

    choice(output_format, tuple(KNELPUNT_RENDERERS), "--format")
    render = csv_renderer(KNELPUNT_RENDERERS, output_format, csv_delimiter(delimiter, output_format))
    choice(color, COLORS, "--color")
    dataset, problems = load(paths, ronde)
    code = note_errors(problems)
    render(build_matrix(dataset.bids), sys.stdout, use_color(sys.stdout, color))
    raise typer.Exit(code)


@app.command(
    help=_(
        "Print the JSON Schema of the bid file (or the round file), for editors and other validators.\n\n"
        "Example: woonbod schema --output schema/bod.schema.json"
    )
)
def schema(
    ronde_file: Annotated[
        bool, typer.Option("--ronde", help=_("The round file's schema instead of the bid's."))
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=_("Write to FILE (- or none: standard output)."),
            show_default=False,
            callback=dash_is_stdout,
        ),
    ] = None,
    force: ForceOpt = False,
    lang: LangOpt = None,
) -> None:
    from woonbod.model.schema_export import schema_text

    refuse_output(output, force=force)
    text = schema_text("ronde" if ronde_file else "bod")
    if output is None:
        sys.stdout.write(text)
    else:
        write_file(output, lambda stream: stream.write(text), force=force)
        typer.echo(_("wrote {path}").format(path=output), err=True)


@app.command(
    help=_(
        "Write a commented bid template for a province, with the schema line editors need.\n\n"
        "Example: woonbod init utrecht --output data/utrecht.yaml"
    )
)
def init(
    province: Annotated[
        str,
        typer.Argument(
            help=_("The province: name, code (NB) or file name (noord-brabant)."), metavar=_("PROVINCE")
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=_("Write to FILE instead of printing (-: print)."),
            show_default=False,
            callback=dash_is_stdout,
        ),
    ] = None,
    force: ForceOpt = False,
    ronde: Annotated[str, typer.Option("--ronde", help=_("indicatief or definitief."))] = "definitief",
    lang: LangOpt = None,
) -> None:
    from woonbod.render.bid_template import render_template, schema_location

    choice(ronde, RONDE_SOORTEN, "--ronde")
    refuse_output(output, force=force, replace_yaml=True)
    try:
        text = render_template(province, ronde, output)
    except CannotRun as error:
        fail(error)
    if output is None:
        sys.stdout.write(text)
        return
    write_file(output, lambda stream: stream.write(text), force=force, replace_yaml=True)
    typer.echo(_("wrote {path}").format(path=output), err=True)
    schema_file = schema_location(output)
    if not schema_file.is_file():
        shown = str(schema_file) if output.is_absolute() else os.path.relpath(schema_file)
        folder = Path(shown).parent.as_posix()
        # Translators: {schema} is the schema file the template's first line names, {folder} its folder.
        message = _(
            "its first line points editors at {schema}, which is not there yet: "
            "`mkdir -p {folder} && woonbod schema --output {schema}` writes it (commit it with the bids)"
        )
        typer.echo(f"woonbod: {message.format(schema=shown, folder=folder)}", err=True)


@app.command(
    help=_(
        "A report to forward: totals against targets, charts, the map, gaps, knelpunten, sources.\n\n"
        "Example: woonbod report data/ --output report.html"
    )
)
def report(
    path: FolderArg = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=_("Write to FILE (default or -: print)."),
            show_default=False,
            callback=dash_is_stdout,
        ),
    ] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help=_("html or markdown."))] = "html",
    as_of_date: AsOfOpt = None,
    kaart: Annotated[str, typer.Option("--kaart", help=_("The segment the map is coloured by."))] = "totaal",
    ronde: RoundOpt = None,
    force: ForceOpt = False,
    lang: LangOpt = None,
) -> None:
    from woonbod.analysis.report import build_report
    from woonbod.render.report import render_html, render_markdown

    choice(output_format, ("html", "markdown"), "--format")
    choice(kaart, SEGMENT_NAMES[:-1], "--kaart")
    inputs = input_paths([str(path)] if path else None, ronde)
    refuse_output(output, inputs=inputs, force=force)
    dataset, problems = load([str(path)] if path else None, ronde)
    note_errors(problems)
    data = build_report(dataset, problems, as_of(as_of_date), segment(kaart))
    text = render_html(data) if output_format == "html" else render_markdown(data)
    if output is None:
        sys.stdout.write(text)
    else:
        write_file(output, lambda stream: stream.write(text), inputs=inputs, force=force)
        typer.echo(_("wrote {path}").format(path=output), err=True)
    raise typer.Exit(EXIT_PROBLEMS if data.errors else EXIT_OK)


@app.command(
    help=_(
        "A spreadsheet: one row per province with every segment figure, how it was found, its source,"
        " and status.\n\n"
        "Example: woonbod export data/ --output biedingen.xlsx"
    )
)
def export(
    path: FolderArg = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=_("The file to write (xlsx needs one; csv: - or none prints)."),
            show_default=False,
            callback=dash_is_stdout,
        ),
    ] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help=_("xlsx or csv."))] = "xlsx",
    delimiter: DelimiterOpt = None,
    as_of_date: AsOfOpt = None,
    ronde: RoundOpt = None,
    force: ForceOpt = False,
    lang: LangOpt = None,
) -> None:
    from woonbod.render.export import build_table, refusal, write_csv, write_xlsx

    choice(output_format, ("xlsx", "csv"), "--format")
    refused = refusal(output_format, delimiter, output is not None)
    if refused:
        fail(CannotRun(refused))
    csv_delimiter(delimiter, output_format)
    inputs = input_paths([str(path)] if path else None, ronde)
    refuse_output(output, inputs=inputs, force=force)
    dataset, problems = load([str(path)] if path else None, ronde)
    code = note_errors(problems)
    table = build_table(dataset, as_of(as_of_date))
    if output is None:
        write_csv(table, sys.stdout, delimiter)
        raise typer.Exit(code)
    if output_format == "csv":
        write_file(
            output, lambda stream: write_csv(table, stream, delimiter), inputs=inputs, force=force, newline=""
        )
    else:
        write_file(output, lambda stream: write_xlsx(table, stream), inputs=inputs, force=force, binary=True)
    typer.echo(_("wrote {path}").format(path=output), err=True)
    raise typer.Exit(code)


@app.command(
    help=_(
        "What changed per province between two rounds: totals, segments, status, knelpunten, topics.\n\n"
        "Example: woonbod diff data/rondes/2022-06-indicatief data/"
    )
)
def diff(
    old: Annotated[
        Path,
        typer.Argument(
            help=_("The earlier round's folder (or one bid file: only its province)."), metavar=_("OLD")
        ),
    ],
    new: Annotated[
        Path,
        typer.Argument(
            help=_("The later round's folder (or one bid file: only its province)."), metavar=_("NEW")
        ),
    ],
    output_format: Annotated[str, typer.Option("--format", "-f", help=_("text, json or markdown."))] = "text",
    lang: LangOpt = None,
) -> None:
    from woonbod.analysis.diff import diff_rounds
    from woonbod.render.diff import DIFF_RENDERERS

    render = DIFF_RENDERERS[choice(output_format, tuple(DIFF_RENDERERS), "--format")]
    (before, old_problems), (after, new_problems) = load([str(old)], None), load([str(new)], None)
    code = note_errors(old_problems + new_problems)
    render(diff_rounds(before, after, (not old.is_dir(), not new.is_dir())), sys.stdout)
    raise typer.Exit(code)


# Typer's own words (the usage line, its errors) in the language in use, for every command.
for _command in app.registered_commands:
    _command.cls = SpeakingCommand


def main() -> None:
    """Run the command line (the console script is woonbod.cli.main, which chooses the language
    first and then imports this module)."""
    from woonbod.cli.startup import completion_help_translated, only_the_command_run, skip_plugin_scan

    skip_plugin_scan()
    # What is imported by now lives as long as the process: keep the cyclic collector from
    # walking it again at every full collection while Pydantic builds the models and the files
    # are read (measured with bench/: 3 to 6 % less wall time on 12 and on 3 000 files).
    gc.freeze()
    with only_the_command_run(app, sys.argv[1:]), completion_help_translated():
        code = run_guarded(app)
    sys.exit(code)

"""The options the commands share, and the few steps every command takes (load, fail, emit).

Only cli.commands uses this module; like it, it may print and exit.
"""

from __future__ import annotations

import datetime as dt
import errno
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar, cast

import typer

from woonbod import i18n
from woonbod.formatting import homes, quoted
from woonbod.i18n import _, ngettext
from woonbod.problems import CannotRun, Level, Problem, at_or_above
from woonbod.render.escaping import printable

if TYPE_CHECKING:
    from woonbod.loading.loader import Dataset
    from woonbod.render.problems import ProblemReport

EXIT_OK, EXIT_PROBLEMS, EXIT_CANNOT_RUN = 0, 1, 2
Render = TypeVar("Render", bound=Callable[..., None])


def choose_language(value: str | None) -> str | None:
    """--lang, on the command line before or after the command: speak it from now on."""
    if value is not None:
        try:
            i18n.use(value)
        except i18n.UnknownLanguage as unknown:
            raise typer.BadParameter(
                _("{value} is not a language woonbod speaks: nl (Nederlands) or en (English).").format(
                    value=quoted(unknown.value)
                )
            ) from None
    return value


# The help texts of the options are translated when this module is imported, which the entry
# point does after it has chosen the language (woonbod.cli.main).
LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help=_(
            "Language of the output: nl or en. Default: WOONBOD_LANG, else the locale (nl…: nl), else en."
        ),
        metavar="nl|en",
        callback=choose_language,
        is_eager=True,
        show_default=False,
    ),
]

# Paths arrive as text and become Path objects here: Typer's own Path conversion costs about
# 0.2 ms an argument, which an archive of a thousand round folders would notice.
PathsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help=_("Bid files and folders (a folder: its *.yaml except ronde.yaml). Default: ./data"),
        # Translators: the placeholder for the paths in the usage line and the help.
        metavar=_("PATH"),
        show_default=False,
    ),
]
FolderArg = Annotated[
    Path | None,
    typer.Argument(
        help=_("The data folder (one round). Default: ./data"), metavar=_("FOLDER"), show_default=False
    ),
]
ForceOpt = Annotated[
    bool,
    typer.Option(
        "--force",
        help=_("Replace the --output FILE if it exists (never an input, a round file or a YAML file)."),
    ),
]
RoundOpt = Annotated[
    Path | None,
    typer.Option(
        "--ronde", help=_("Round file to use instead of the ronde.yaml beside the bids."), show_default=False
    ),
]
MaxBytesOpt = Annotated[int, typer.Option("--max-bytes", min=1, help=_("Largest bid file read, in bytes."))]
MaxProblemsOpt = Annotated[
    int | None,
    typer.Option(
        "--max-problems",
        min=0,
        help=_("Print at most N problems (the exit code counts all)."),
        show_default=False,
    ),
]
ColorOpt = Annotated[
    str, typer.Option("--color", help=_("auto, always or never (NO_COLOR/FORCE_COLOR respected)."))
]
DelimiterOpt = Annotated[
    str | None,
    typer.Option(
        "--delimiter",
        "-d",
        help=_(
            "The CSV's separator: , ; or tab. Default: ; in Dutch (as Dutch Excel expects), , in English."
        ),
        show_default=False,
    ),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help=_("Print only the summary line."))]
VerboseOpt = Annotated[
    bool, typer.Option("--verbose", "-v", help=_("Also list the round file and every valid file."))
]


def dash_is_stdout(output: Path | None) -> Path | None:
    """``-o -`` means standard output, as for most tools: the same as leaving -o out (a file
    named "-" is ``-o ./-``)."""
    return None if output is not None and str(output) == "-" else output


OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help=_("Write the --format output to FILE (-: standard output); the terminal keeps the summary."),
        show_default=False,
        callback=dash_is_stdout,
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help=_("Measure the deadline as of this date (YYYY-MM-DD). Default: today."),
        show_default=False,
    ),
]
JobsOpt = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=0,
        help=_("Worker processes, at most one per CPU and per folder; 0: as many as CPUs for large sets."),
    ),
]
ProblemFormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help=_("text, json, github, sarif or junit (default: github under GitHub Actions, else text)."),
        show_default=False,
    ),
]


# What writing to a standard output that is gone says: the reader left (a pipe to `head`), the
# disk is full (`>/dev/full`), the descriptor was closed or the device failed.
_OUTPUT_ERRNOS = frozenset(
    getattr(errno, name)
    for name in ("EPIPE", "ENOSPC", "EDQUOT", "EFBIG", "EBADF", "EIO", "EINVAL", "ENXIO")
    if hasattr(errno, name)
)


def run_guarded(app: Callable[[], object]) -> int:
    """Run the command line and return its exit code; a standard output that cannot be written
    ends the run with exit 2: quietly when the reader left (a pipe to `head`), else with one
    line on stderr. Every verdict printed before that still stands in the exit code."""
    stdout, target = sys.stdout, _identity(1)
    if stdout is None or target is None:  # started with stdout closed (`>&-`)
        _say(_("standard output is closed: run with output to a terminal, a file or a pipe"))
        return EXIT_CANNOT_RUN
    try:
        try:
            app()
            code: object = EXIT_OK
        except SystemExit as done:
            code = done.code
        # Click meets EPIPE by wrapping stdout to swallow it, and Rich (in --help) by pointing
        # it at /dev/null; both exit 1, which would read as "problems found".
        now = _identity(1)
        if sys.stdout is not stdout or (now is not None and now != target and now == _devnull()):
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")
        sys.stdout.flush()
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRNOS:
            raise
        _silence_stdout()
        if exc.errno != errno.EPIPE:
            from woonbod.cli.outputs import os_reason

            _say(_("cannot write to standard output: {reason}").format(reason=os_reason(exc)))
        return EXIT_CANNOT_RUN
    return code if isinstance(code, int) else (EXIT_OK if code is None else EXIT_CANNOT_RUN)


def _identity(fd: int) -> tuple[int, int] | None:
    try:
        info = os.fstat(fd)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _devnull() -> tuple[int, int] | None:
    try:
        info = Path(os.devnull).stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _say(message: str) -> None:
    try:
        sys.stderr.write(f"woonbod: {message}\n")
        sys.stderr.flush()
    except (OSError, AttributeError, ValueError):
        pass  # stderr is gone too: the exit code is all that is left


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush has nowhere to fail
    (Python documentation, "Note on SIGPIPE")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, AttributeError, ValueError):
        pass


def fail(error: CannotRun) -> NoReturn:
    """Report why the command cannot run, and exit 2."""
    from woonbod.render.problems import format_problem

    for problem in error.problems:
        typer.echo(format_problem(problem), err=True)
    typer.echo(f"woonbod: {printable(error.message)}", err=True)  # it may name a file
    raise typer.Exit(EXIT_CANNOT_RUN)


def input_paths(paths: list[str] | None, ronde: Path | None = None) -> list[Path]:
    """What a command reads, for the output rule: the paths given (or ./data) and --ronde."""
    return [*(Path(p) for p in paths or ["data"]), *([ronde] if ronde is not None else [])]


def refuse_output(
    output: Path | None, *, inputs: list[Path] | None = None, force: bool = False, replace_yaml: bool = False
) -> None:
    """Exit 2 when the one output rule (woonbod.cli.outputs) forbids writing ``output``."""
    from woonbod.cli.outputs import refusal

    if output is not None:
        reason = refusal(output, inputs=inputs or [], force=force, replace_yaml=replace_yaml)
        if reason is not None:
            fail(CannotRun(reason))


def write_file(
    path: Path,
    render: Callable[[Any], object],
    *,
    inputs: list[Path] | None = None,
    force: bool = False,
    replace_yaml: bool = False,
    newline: str | None = None,
    binary: bool = False,
) -> None:
    """Write an output file under the output rule, whole or not at all; or exit 2 saying why
    it cannot be written (refused, no folder, no permission, disk full)."""
    from woonbod.cli.outputs import os_reason, write_atomic

    refuse_output(path, inputs=inputs, force=force, replace_yaml=replace_yaml)
    try:
        write_atomic(path, render, binary=binary, newline=newline)
    except OSError as exc:
        fail(CannotRun(_("{path}: cannot write: {reason}").format(path=path, reason=os_reason(exc))))


def choice(value: str, options: tuple[str, ...], option: str) -> str:
    """``value`` if it is one of ``options``; otherwise exit 2 naming them."""
    if value not in options:
        # Translators: {option} is the option (--format), {options} its values, {value} the one given.
        message = _("{option} must be one of {options}, not '{value}'")
        fail(CannotRun(message.format(option=option, options=", ".join(options), value=value)))
    return value


def csv_delimiter(delimiter: str | None, output_format: str) -> str | None:
    """--delimiter as given (``,`` ``;`` or ``tab``; None: the language's default), or exit 2
    saying which values it takes, or that it is only for --format csv."""
    if delimiter is None:
        return None
    from woonbod.render.csv_format import DELIMITERS

    if delimiter not in DELIMITERS:
        # Translators: the choices are the characters , and ; and the word tab; {value} is what was given.
        fail(CannotRun(_("--delimiter must be ',', ';' or 'tab', not '{value}'").format(value=delimiter)))
    if output_format != "csv":
        fail(CannotRun(_("--delimiter is only for --format csv")))
    return delimiter


def csv_renderer(renderers: dict[str, Render], output_format: str, delimiter: str | None) -> Render:
    """The renderer for --format: for csv, the one that separates cells as --delimiter says."""
    render = renderers[output_format]
    if output_format == "csv":
        return cast("Render", functools.partial(render, delimiter=delimiter))
    return render


def load(paths: list[str] | None, ronde: Path | None) -> tuple[Dataset, list[Problem]]:
    """The bids of one round (one folder), or exit 2; validated, with every file that has an
    error set aside (checks.validation.load_checked), and the validation problems."""
    from woonbod.checks.validation import load_checked

    try:
        return load_checked(data_paths(paths), round_file=ronde)
    except CannotRun as error:
        fail(error)


def data_paths(paths: list[str] | None) -> list[Path]:
    """The paths given, or ./data; exit 2 with a hint when there is neither."""
    if paths:
        return [Path(p) for p in paths]
    if not Path("data").exists():
        fail(
            CannotRun(
                _(
                    "there is no ./data folder here: name the bid folder or files, e.g. "
                    "`woonbod validate path/to/bids/`"
                )
            )
        )
    return [Path("data")]


def collect(
    report: ProblemReport,
    paths: list[str] | None,
    ronde: Path | None,
    *,
    max_bytes: int,
    as_of: dt.date | None,
    norms: bool,
    jobs: int,
) -> list[str]:
    """Check every folder into ``report``; the --verbose lines (round files, valid files)."""
    from woonbod.checks.runner import check_folders

    notes: list[str] = []
    folders = data_paths(paths)
    try:
        for result in check_folders(
            folders, round_file=ronde, max_bytes=max_bytes, as_of=as_of, norms=norms, jobs=jobs
        ):
            report.problems.extend(result.problems)
            report.files.extend(result.files)
            shown = _("round: {source}").format(source=printable(result.round_source))
            notes += [shown, *(f"{printable(f)}: ok" for f in result.ok)]
    except CannotRun as error:  # an unusable round file, found in this process or a worker
        fail(error)
    return [*notes, ""]


def as_of(value: str | None) -> dt.date:
    """The --as-of date, today by default."""
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(CannotRun(_("--as-of takes a date such as 2022-10-01, not '{value}'").format(value=value)))


def problem_format(value: str | None) -> str:
    """The problem format asked for; under GitHub Actions annotations by default."""
    from woonbod.render.problem_formats import PROBLEM_FORMATS

    if value is None:
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return choice(value, PROBLEM_FORMATS, "--format")


def note_errors(problems: list[Problem]) -> int:
    """Say on stderr that files with errors were left out; the exit code for that."""
    errors = at_or_above(problems, Level.ERROR)
    if errors:
        message = ngettext(
            "{n} error in the bids: figures from files with errors are left out (see `woonbod validate`).",
            "{n} errors in the bids: figures from files with errors are left out (see `woonbod validate`).",
            errors,
        )
        typer.echo(f"woonbod: {message.format(n=homes(errors))}", err=True)
    return EXIT_PROBLEMS if errors else EXIT_OK


def emit_problems(
    report: ProblemReport,
    fmt: str,
    *,
    output: Path | None,
    quiet: bool,
    verbose_lines: list[str] | None = None,
    inputs: list[Path] | None = None,
    force: bool = False,
) -> None:
    """Print (or write) a problem report in its format; the terminal always gets the summary."""
    from woonbod.render.problem_formats import problem_renderers
    from woonbod.render.problems import summary_line

    render = problem_renderers()[fmt]
    if output is not None:
        report.color = False  # a file never gets colour, whatever --color says
        write_file(output, lambda stream: render(report, stream), inputs=inputs, force=force)
        if os.environ.get("GITHUB_ACTIONS") == "true":  # annotations still belong on the pull request
            problem_renderers()["github"](report, sys.stdout)
        else:
            typer.echo(summary_line(report))
    elif quiet and fmt == "text":
        typer.echo(summary_line(report))
    else:
        from woonbod.render.terminal import wrap_width

        for line in verbose_lines or []:
            typer.echo(line)
        report.width = wrap_width(sys.stdout)  # text lines wrap on a terminal, never in a file
        render(report, sys.stdout)
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if step_summary and report.command == "check":
        from woonbod.cli.outputs import append_text
        from woonbod.render.ci import markdown_summary

        try:
            append_text(Path(step_summary), markdown_summary(report))
        except OSError as exc:  # the summary is a courtesy: the verdict stands without it
            from woonbod.cli.outputs import os_reason

            message = _("warning: cannot write the step summary to {path}: {reason}")
            shown = message.format(path=printable(step_summary), reason=os_reason(exc))
            typer.echo(f"woonbod: {shown}", err=True)

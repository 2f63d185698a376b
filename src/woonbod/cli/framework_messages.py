"""Typer's own words in the language in use: its help screens and its usage errors.

Typer (0.29) runs on its own copy of Click (``typer._click``), not on the ``click`` package.
Typer translates a few of its texts through the standard library's gettext, in the domain the
application binds (cli.startup binds woonbod's when Dutch is chosen): GETTEXT below, msgids
copied exactly from typer/core.py and typer/rich_utils.py. Its copy of Click writes the rest in
English without gettext ("Usage: ", "No such option: --bogus", "Show this message and exit.");
woonbod's command classes below translate those from the catalogue: WRITTEN_IN_ENGLISH, the
templates of those texts. tests/test_nl_cli.py fails when an installed Typer no longer holds one
of the texts listed here, so that the lists stay true.

Not translated: the type names in the help (``<str>``, ``<path>``, ``<int range>``, ``[x>=1]``),
which Typer writes from the Python types, with no text to look up.
"""

from __future__ import annotations

import re
from typing import Any

from typer._click.exceptions import UsageError
from typer.core import TyperCommand, TyperGroup

from woonbod import i18n
from woonbod.i18n import N_, _

# What Typer itself asks gettext for (typer/core.py, typer/rich_utils.py).
GETTEXT = (
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("Error"),
    # Translators: Typer's hint under the usage line; keep the Rich markup [blue] … [/].
    N_("Try [blue]'{command_path} {help_option}'[/] for help."),
    N_("[default: {}]"),
    N_("[required]"),
    N_("Missing command."),
    # Translators: {name!r} is the command as typed, in quotes: 'valdate'.
    N_("No such command {name!r}."),
    N_("Aborted."),
    N_("Aborted!"),
)

# Texts Typer's copy of Click and Pydantic (which checks the option values) write in English; a
# {placeholder} stands for what varies. {message} is a text that is translated in turn. The
# first template that matches the whole text translates it: the ones that wrap another first.
WRITTEN_IN_ENGLISH = (
    # Translators: {options} lists the options meant: --jobs, --verbose.
    N_("{message} (Possible options: {options})"),
    # Translators: Typer's suggestion after an unknown command; {suggestions}: 'validate'.
    N_("{message}. Did you mean {suggestions}?"),
    # Translators: {name} is the option as typed: --bogus.
    N_("No such option: {name}"),
    # Translators: {name} is the option, in quotes: '--max-bytes'; {message} says what is wrong.
    N_("Invalid value for {name}: {message}"),
    N_("Invalid value: {message}"),
    # Translators: {name} is the argument's name, in quotes: 'province'.
    N_("Missing argument {name}."),
    N_("Got unexpected extra argument(s) ({args})"),
    # Translators: {name} is the option, in quotes: '--format'.
    N_("Option {name} requires an argument."),
    N_("Option {name} does not take a value."),
    N_("Input should be a valid integer, unable to parse string as an integer"),
    N_("Input should be greater than or equal to {number}"),
)
USAGE = N_("Usage:")
# The usage line's placeholders for the options and for a command and its arguments.
USAGE_PIECES = (N_("[OPTIONS]"), N_("COMMAND [ARGS]..."))
HELP_OPTION = N_("Show this message and exit.")

# Typer writes the help of its completion options in English, outside gettext: cli.startup
# translates them with these (the same text as in typer/completion.py).
COMPLETION_HELP = (
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)

_FIELD = re.compile(r"\{(\w+)\}")


def _pattern(template: str) -> re.Pattern[str]:
    parts = _FIELD.split(template)
    regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
    return re.compile(regex, re.DOTALL)


def translate(text: str) -> str:
    """A text Typer wrote in English, in the language in use (unchanged if it is not one of them)."""
    if i18n.language() == "en":
        return text
    for template in WRITTEN_IN_ENGLISH:
        found = _pattern(template).fullmatch(text)
        if found:
            fields = found.groupdict()
            if "message" in fields:
                fields["message"] = translate(fields["message"])
            return _(template).format(**fields)
    return text


def _translated(error: UsageError) -> UsageError:
    text = error.format_message()
    shown = translate(text)
    if shown == text:
        return error
    return UsageError(shown, ctx=error.ctx)


class _Speaking:
    """What woonbod's command classes add to Typer's: its own English words in the language in use."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = [_(p) if p in USAGE_PIECES else p for p in self.collect_usage_pieces(ctx)]  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_(USAGE) + " ")

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None and option.help == HELP_OPTION:
            option.help = _(HELP_OPTION)
        return option

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)  # type: ignore[misc]
        except UsageError as error:
            raise _translated(error) from None


class SpeakingCommand(_Speaking, TyperCommand):
    """A woonbod command: Typer's, with Typer's own words in the language in use."""


class SpeakingGroup(_Speaking, TyperGroup):
    """woonbod's root command: Typer's group, with Typer's own words in the language in use."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except UsageError as error:
            raise _translated(error) from None

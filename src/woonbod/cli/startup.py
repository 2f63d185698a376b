"""What the entry point does before a command runs, so that a run pays only for what it uses.

Both steps lean on how a dependency works inside; tests/test_startup.py checks each assumption
against the installed version and fails, naming the assumption, when a new version changes it.
"""

from __future__ import annotations

import importlib
import os
import sys
import types
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import typer
import typer.main
from typer.core import TyperOption
from typer.models import CommandInfo

from woonbod import i18n

# The values of PYDANTIC_DISABLE_PLUGINS for which Pydantic's own loader returns no plugins
# before it looks at any entry point (pydantic/plugin/_loader.py, get_plugins).
PLUGINS_OFF = ("__all__", "1", "true")
PLUGIN_LOADER = "pydantic.plugin._loader"


def skip_plugin_scan() -> None:
    """With Pydantic's plugins off, stand in for its plugin loader, which imports importlib.metadata.

    Pydantic asks ``pydantic.plugin._loader.get_plugins()`` each time it builds a validator, and
    that module imports ``importlib.metadata`` (with email, zipfile, csv, …) at the top, even when
    the answer is "no plugins" without reading any metadata: 10 to 12 ms of every run. The stand-in
    answers the same while plugins are off, and hands over to Pydantic's loader if they are
    switched on later in the run.
    """
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in PLUGINS_OFF or PLUGIN_LOADER in sys.modules:
        return
    stand_in = types.ModuleType(PLUGIN_LOADER, "woonbod's stand-in while Pydantic plugins are off")

    def get_plugins() -> Iterable[Any]:
        if os.environ.get("PYDANTIC_DISABLE_PLUGINS") in PLUGINS_OFF:
            return ()
        plugins: Iterable[Any] = _real_loader().get_plugins()
        return plugins

    def __getattr__(name: str) -> Any:
        # Anything else is Pydantic's own module's to answer; the import system's questions
        # (__path__, __spec__, …) are about the stand-in.
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(_real_loader(), name)

    vars(stand_in).update(get_plugins=get_plugins, __getattr__=__getattr__)
    sys.modules[PLUGIN_LOADER] = stand_in


def _real_loader() -> types.ModuleType:
    if getattr(sys.modules.get(PLUGIN_LOADER), "__file__", None) is None:
        sys.modules.pop(PLUGIN_LOADER, None)
    return importlib.import_module(PLUGIN_LOADER)


def command_named(app: typer.Typer, argv: Sequence[str]) -> str | None:
    """The command the arguments name (the first word that is not an option), if it is one of ``app``'s.

    The root options (--version, --help, --install-completion, --show-completion) take no value,
    so the first other word is the command.
    """
    word = next((arg for arg in argv if not arg.startswith("-")), None)
    return word if word in map(command_name, app.registered_commands) else None


def command_name(info: CommandInfo) -> str | None:
    """A command's name, as Typer derives it from the function when none is given."""
    if info.name or info.callback is None:
        return info.name
    return typer.main.get_command_name(info.callback.__name__)


@contextmanager
def completion_help_translated() -> Iterator[None]:
    """Let Typer's --install-completion and --show-completion speak the language in use.

    Typer writes their help in English and not through gettext (typer/completion.py); it builds
    the two click options with ``typer.main.get_install_completion_arguments`` each time it
    builds the root command, which this wraps to translate the help woonbod's catalogue knows
    (woonbod/cli/framework_messages.py, COMPLETION_HELP).
    """
    original = typer.main.get_install_completion_arguments

    def translated() -> tuple[Any, Any]:
        install, show = original()
        for param in (install, show):
            if isinstance(param, TyperOption) and param.help:
                param.help = i18n._(param.help)
        return install, show

    typer.main.get_install_completion_arguments = translated
    try:
        yield
    finally:
        typer.main.get_install_completion_arguments = original


@contextmanager
def only_the_command_run(app: typer.Typer, argv: Sequence[str]) -> Iterator[None]:
    """Let Typer build the click command of the command ``argv`` names, not all of them.

    Typer turns every registered function into a click command (reading its signature and
    options) before it looks at the arguments: 7 to 8 ms for eleven commands when one runs.
    Without a command named (``woonbod --help``, a misspelt command, shell completion, which reads
    its words from the environment) all commands are built, so the help lists them all and
    completion and "did you mean" work as before.
    """
    name = None if any(key.endswith("_COMPLETE") for key in os.environ) else command_named(app, argv)
    every = app.registered_commands
    if name is not None:
        app.registered_commands = [info for info in every if command_name(info) == name]
    try:
        yield
    finally:
        app.registered_commands = every


# Whether the language was chosen by a --lang on the command line (the root callback then
# leaves it alone, even when WOONBOD_LANG holds something else).
LANGUAGE_FROM_ARGV = False


def language_option(argv: Sequence[str]) -> str | None:
    """The value of the last --lang in ``argv`` (before a ``--``), wherever it stands."""
    found = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            found = argv[i + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return found


def language_on_command_line() -> bool:
    """Whether the entry point found a --lang on the command line (the root callback then leaves
    the language alone, even when WOONBOD_LANG holds something else)."""
    return LANGUAGE_FROM_ARGV


def _first_known(option: str | None) -> i18n.Language:
    """The language of the first setting that names a known one: an unknown --lang is reported
    in the language WOONBOD_LANG or the locale asks for, an unknown WOONBOD_LANG in the locale's."""
    for candidate in (option, None):
        try:
            return i18n.resolve(candidate)
        except i18n.UnknownLanguage:
            continue
    return i18n.resolve(None, {k: v for k, v in os.environ.items() if k != i18n.ENVIRONMENT})


def choose_language_from(argv: Sequence[str]) -> list[str]:
    """Speak the language of --lang, WOONBOD_LANG or the locale before any text is built, and
    return the arguments without a --lang that named a known language.

    Taken out, it costs Typer nothing more: converting an option's value imports Typer's option
    adapters (about 20 ms, measured with bench/bench.py: `woonbod --lang nl --help` 216 ms against
    149 ms for `woonbod --help`), and a --lang before the command would hide the command's name
    from only_the_command_run. An unknown value stays for the command line to report (--lang
    through its callback, WOONBOD_LANG through the root callback); until then WOONBOD_LANG or the
    locale decides. Click and Typer translate their own words ("Usage:", "Options") through the
    standard library's gettext, as an application is meant to tell them: woonbod's catalogue
    holds them too (woonbod/cli/framework_messages.py).
    """
    global LANGUAGE_FROM_ARGV
    option = language_option(argv)
    LANGUAGE_FROM_ARGV = option is not None
    chosen = i18n.use(_first_known(option))
    if chosen != "en":
        import gettext

        gettext.bindtextdomain(i18n.DOMAIN, str(i18n.LOCALE_DIR))
        gettext.textdomain(i18n.DOMAIN)
        # GNU gettext's own way of naming the language, ahead of LC_ALL and LANG.
        os.environ["LANGUAGE"] = chosen
    return without_language_options(argv) if option is not None and _known(option) else list(argv)


def _known(value: str) -> bool:
    try:
        i18n.parse(value)
    except i18n.UnknownLanguage:
        return False
    return True


def without_language_options(argv: Sequence[str]) -> list[str]:
    """``argv`` without its --lang options (``--lang nl``, ``--lang=nl``) before a ``--``."""
    rest: list[str] = []
    skip = False
    for i, arg in enumerate(argv):
        if arg == "--":
            return rest + list(argv[i:])
        if skip:
            skip = False
        elif arg == "--lang" and i + 1 < len(argv):
            skip = True
        elif not arg.startswith("--lang="):
            rest.append(arg)
    return rest

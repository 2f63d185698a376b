"""The entry point's start-up steps (woonbod.cli.startup), and the assumptions about Pydantic and
Typer they rest on: when a new version of either changes one, a test here fails and says which."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys

import pytest
import typer.main

from conftest import DATA
from woonbod.cli import app
from woonbod.cli.startup import (
    PLUGIN_LOADER,
    PLUGINS_OFF,
    command_name,
    command_named,
    only_the_command_run,
    without_language_options,
)

_MAIN = """
import sys
sys.argv[0] = "woonbod"
from woonbod.cli import main
"""
_RUN_MAIN = _MAIN + "main()\n"
_MAIN_THEN_MODULES = (
    _MAIN
    + """
try:
    main()
finally:
    print("MODULES", " ".join(sorted(sys.modules)), file=sys.stderr)
    loader = sys.modules.get("pydantic.plugin._loader")
    print("LOADER", getattr(loader, "__file__", None) is not None if loader else "none", file=sys.stderr)
"""
)


def _run(code: str, *argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {
        k: v for k, v in os.environ.items() if not k.startswith("PYDANTIC_") and k != "_WOONBOD_COMPLETE"
    }
    return subprocess.run(
        [sys.executable, "-c", code, *argv],
        capture_output=True,
        text=True,
        env={**environ, "COLUMNS": "100", **env},
        check=False,
    )


def _after_main(*argv: str, **env: str) -> tuple[set[str], str]:
    """The modules a fresh interpreter has loaded after ``woonbod ARGV``, and whether Pydantic's
    own plugin loader (True), woonbod's stand-in (False) or neither (none) was asked."""
    done = _run(_MAIN_THEN_MODULES, *argv, **env)
    lines = done.stderr.splitlines()
    modules = next(line for line in lines if line.startswith("MODULES ")).split()[1:]
    loader = next(line for line in lines if line.startswith("LOADER ")).split()[1]
    return set(modules), loader


# --- Pydantic's plugin loader -------------------------------------------------------------------


def test_validate_does_not_import_importlib_metadata() -> None:
    modules, loader = _after_main("validate", "--quiet", str(DATA))
    assert loader == "False"  # the stand-in answered
    assert modules & {"importlib.metadata", "email", "zipfile", "csv"} == set()
    # Loaded where they are used: the JSON renderer, the built-in round when a folder has none.
    assert modules & {"json", "importlib.resources"} == set()


def test_with_plugins_switched_on_pydantic_looks_for_them() -> None:
    # PYDANTIC_DISABLE_PLUGINS set by the user decides; empty means "look for plugins".
    modules, loader = _after_main("validate", "--quiet", str(DATA), PYDANTIC_DISABLE_PLUGINS="")
    assert loader == "True"
    assert "importlib.metadata" in modules


def test_pydantic_asks_the_module_woonbod_stands_in_for() -> None:
    # The stand-in is in sys.modules under this name: Pydantic must look get_plugins up there,
    # when it builds a validator, and nowhere else.
    from pydantic.plugin import _schema_validator

    source = inspect.getsource(_schema_validator.create_schema_validator)
    assert "from ._loader import get_plugins" in source, (
        "Pydantic no longer finds its plugins through pydantic.plugin._loader.get_plugins: "
        "review woonbod.cli.startup.skip_plugin_scan"
    )
    import importlib

    real = importlib.import_module(PLUGIN_LOADER)
    assert inspect.signature(real.get_plugins).parameters == {}


def test_pydantic_finds_no_plugins_without_metadata_for_the_values_woonbod_treats_as_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The stand-in answers "no plugins" for exactly these values; Pydantic's own loader must too,
    # and without reading entry points. Any other value makes it read them.
    import importlib
    import importlib.metadata

    real = importlib.import_module(PLUGIN_LOADER)
    assert getattr(real, "__file__", None), "the test process must see Pydantic's own loader"

    class ReadEntryPoints(Exception):
        pass

    def read(*_: object, **__: object) -> None:
        raise ReadEntryPoints

    # Pydantic reads the metadata through entry_points() (2.14) or distributions() (2.9), bound
    # in its module or looked up on importlib.metadata: both ways end here.
    for name in ("entry_points", "distributions"):
        monkeypatch.setattr(importlib.metadata, name, read)
        if hasattr(real, name):
            monkeypatch.setattr(real, name, read)
    for value in (*PLUGINS_OFF, "", "0", "false", "some-plugin", None):
        monkeypatch.setattr(real, "_plugins", None)  # nothing cached from an earlier call
        if value is None:
            monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
        else:
            monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", value)
        if value in PLUGINS_OFF:
            assert tuple(real.get_plugins()) == (), value
        else:
            with pytest.raises(ReadEntryPoints):
                real.get_plugins()


def test_the_stand_in_hands_over_when_plugins_are_switched_on_later() -> None:
    code = """
import os, sys
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
from woonbod.cli.startup import skip_plugin_scan
skip_plugin_scan()
from pydantic import BaseModel
class A(BaseModel):
    x: int
assert A(x=1).x == 1
from pydantic.plugin._loader import get_plugins
assert tuple(get_plugins()) == ()
assert "importlib.metadata" not in sys.modules
os.environ["PYDANTIC_DISABLE_PLUGINS"] = ""
plugins = tuple(get_plugins())
loader = sys.modules["pydantic.plugin._loader"]
assert loader.__file__ and loader.get_plugins is not get_plugins
assert loader.PYDANTIC_ENTRY_POINT_GROUP == "pydantic"
print("ok", len(plugins))
"""
    done = _run(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok ")


# --- Typer builds the command that runs --------------------------------------------------------


def test_woonbod_names_its_commands_as_typer_does() -> None:
    names = [command_name(info) for info in app.registered_commands]
    assert sorted(names) == sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    assert len(names) == 11


@pytest.mark.parametrize(
    ("argv", "built"),
    [
        (["validate", "--quiet", "data/"], ["validate"]),
        (["--version", "total", "-s", "all"], ["total"]),
        (["diff", "a", "b"], ["diff"]),
        (["--help"], None),
        ([], None),
        (["validat"], None),
        (["-s", "validate"], ["validate"]),
    ],
)
def test_only_the_command_run_is_built(argv: list[str], built: list[str] | None) -> None:
    every = list(app.registered_commands)
    with only_the_command_run(app, argv):
        group = typer.main.get_command(app)
    assert list(group.commands) == (built or [command_name(info) for info in every])  # type: ignore[attr-defined]
    assert app.registered_commands == every


def test_no_restriction_while_the_shell_completes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_WOONBOD_COMPLETE", "complete_bash")
    with only_the_command_run(app, ["validate"]):
        group = typer.main.get_command(app)
    assert len(group.commands) == 11  # type: ignore[attr-defined]


_RUN_APP = """
import sys
sys.argv[0] = "woonbod"
from woonbod.cli import app
app()
"""


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["validate", "--help"],
        ["check", "--help"],
        ["total", "--segment", "all"],
        ["validat", "data/"],
        ["validate", "--format", "nope", "data/"],
        ["validate", "--jobs", "x"],
        ["--version"],
        ["gaps", "--as-of", "2022-09-20"],
    ],
    ids=" ".join,
)
def test_the_entry_point_prints_what_the_whole_app_prints(argv: list[str]) -> None:
    # The same command through main() (only that command built) and through the app with every
    # command built: the same output, errors and exit code.
    argv = [str(DATA) if a == "data/" else a for a in argv]
    ours = _run(_RUN_MAIN, *argv)
    whole = _run(_RUN_APP, *argv, PYDANTIC_DISABLE_PLUGINS="__all__")
    assert (ours.returncode, ours.stdout, ours.stderr) == (whole.returncode, whole.stdout, whole.stderr)


@pytest.mark.parametrize(
    ("words", "cword", "expected"),
    [("woonbod val", 1, "validate"), ("woonbod validate --qu", 2, "--quiet"), ("woonbod ", 1, "diff")],
)
def test_shell_completion_still_completes(words: str, cword: int, expected: str) -> None:
    done = _run(_RUN_MAIN, _WOONBOD_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(cword))
    assert done.returncode == 0, done.stderr
    assert expected in done.stdout.split()


# --- --lang: applied by the entry point, not converted again by Typer ---------------------------


@pytest.mark.parametrize(
    ("argv", "rest"),
    [
        (["--lang", "nl", "validate", "data/"], ["validate", "data/"]),
        (["validate", "--lang=en", "-q"], ["validate", "-q"]),
        (["--lang", "nl", "total", "--lang", "en"], ["total"]),
        (["validate", "--", "--lang", "nl"], ["validate", "--", "--lang", "nl"]),
        (["--lang"], ["--lang"]),
    ],
)
def test_the_language_options_are_taken_out(argv: list[str], rest: list[str]) -> None:
    assert without_language_options(argv) == rest


def test_dutch_help_pays_no_more_than_english_help() -> None:
    """`woonbod --lang nl --help` imports what `woonbod --help` imports: the entry point applies
    --lang and takes it out, so Typer converts no option value (its adapters cost ~20 ms)."""
    english, _ = _after_main("--help")
    dutch, _ = _after_main("--lang", "nl", "--help")
    assert "typer._adapters" not in english
    # Only what reading the catalogue needs (gettext and the struct module it unpacks the .mo with).
    assert dutch - english <= {"gettext", "struct", "_struct"}, sorted(dutch - english)


def test_a_command_after_lang_is_still_the_only_one_built() -> None:
    done = _run(_RUN_MAIN, "--lang", "nl", "validate", "--quiet", str(DATA))
    assert done.returncode == 0, done.stderr
    assert "geldig" in done.stdout
    assert command_named(app, without_language_options(["--lang", "nl", "validate"])) == "validate"


def test_an_unknown_lang_is_left_for_the_command_line_to_report() -> None:
    done = _run(_RUN_MAIN, "--lang", "xx", "validate", str(DATA))
    assert done.returncode == 2
    assert "'xx'" in done.stderr

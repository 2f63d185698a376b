"""The command line in Dutch: help texts, messages, Typer's own words, and the choice of language.

The help texts are translated as the commands are defined, after the entry point chose the
language, so the help is checked in a fresh process for each command.
"""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
import typer.main
from typer.testing import CliRunner

from conftest import DATA
from woonbod import i18n
from woonbod.cli import framework_messages, startup
from woonbod.cli.commands import app
from woonbod.cli.outputs import os_reason, refusal

TYPER = Path(typer.__file__).parent
LANGUAGE_VARIABLES = ("WOONBOD_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

# Each command's Dutch summary (report and export are translated with the report and export).
SUMMARIES = {
    "validate": "Controleer elk biedingsbestand op het formaat",
    "check": "De CI-poort: validatie, samenhang, normen",
    "total": "Tel een segment op per provincie en landelijk",
    "status": "Eén scherm voor de coördinator",
    "gaps": "Toon wie nog wat moet leveren, ten opzichte van de deadline",
    "knelpunten": "Toon welk knelpunt in welke provincie speelt",
    "schema": "Toon het JSON-schema van het biedingsbestand",
    "init": "Schrijf een sjabloon met toelichting",
    "diff": "Wat er per provincie veranderde tussen twee rondes",
}
# English that must not be left in a Dutch help screen of these commands.
ENGLISH = re.compile(
    r"Usage|Options|Arguments|Commands|Show this|Example|default|required|Write |Print |"
    r"instead of|[Ff]older|\bfile\b|\bthe\b|\band\b|\bor\b|\bof the\b|\[OPTIONS\]|\[PATH\]"
)


# The console script's entry point, under the console script's name.
_ENTRY_POINT = "import sys; sys.argv[0] = 'woonbod'; from woonbod.cli import main; main()"


def woonbod(*argv: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``woonbod`` in a fresh process, with no language setting but ``env``."""
    environ = {k: v for k, v in os.environ.items() if k not in LANGUAGE_VARIABLES}
    environ.update(COLUMNS="80", NO_COLOR="1", **env)
    return subprocess.run(
        [sys.executable, "-c", _ENTRY_POINT, *argv],
        capture_output=True,
        text=True,
        env=environ,
        cwd=cwd,
        check=False,
    )


def _panel_text(output: str) -> str:
    """The words of a Rich screen, without its borders and line breaks."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", output).split())


# --- help texts ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", sorted(SUMMARIES))
def test_each_commands_help_is_dutch(command: str) -> None:
    done = woonbod("--lang", "nl", command, "--help")
    assert done.returncode == 0, done.stderr
    text = _panel_text(done.stdout)
    assert text.startswith(f"Gebruik: woonbod {command} [OPTIES]")
    assert SUMMARIES[command] in text and "Voorbeeld: woonbod" in text
    assert "─ Opties ─" in done.stdout and "Toon deze hulptekst en stop." in text
    assert "Taal van de uitvoer: nl of en." in text
    assert not ENGLISH.search(text), ENGLISH.findall(text)


@pytest.mark.parametrize("command", ["report", "export"])
def test_the_shared_options_and_typers_words_are_dutch_in_report_and_export(command: str) -> None:
    text = _panel_text(woonbod("--lang", "nl", command, "--help").stdout)
    assert text.startswith(f"Gebruik: woonbod {command} [OPTIES]")
    assert "De datamap (één ronde). Standaard: ./data" in text
    assert "Peildatum voor de deadline (JJJJ-MM-DD). Standaard: vandaag." in text
    assert "Rondebestand dat gebruikt wordt in plaats van de ronde.yaml" in text
    assert "Toon deze hulptekst en stop." in text and "[standaard: " in text


def test_the_root_help_is_dutch() -> None:
    done = woonbod("--lang", "nl", "--help")
    text = _panel_text(done.stdout)
    assert text.startswith("Gebruik: woonbod [OPTIES] OPDRACHT [ARGUMENTEN]...")
    assert "Valideer, tel op en controleer de woningbouwbiedingen" in text
    assert "─ Opties ─" in done.stdout and "─ Opdrachten ─" in done.stdout
    assert "Toon de versie en stop." in text
    assert "Installeer de aanvulling voor de huidige shell." in text
    assert "Toon de aanvulling voor de huidige shell, om die te kopiëren" in text
    for summary in SUMMARIES.values():
        assert summary in text
    assert "Usage" not in text and "Show completion" not in text and "Install completion" not in text


def test_the_dutch_help_keeps_to_80_columns() -> None:
    for argv in (["--help"], ["validate", "--help"], ["check", "--help"]):
        lines = woonbod("--lang", "nl", *argv).stdout.splitlines()
        assert max(map(len, lines)) <= 80


def test_english_help_is_as_before() -> None:
    text = _panel_text(woonbod("validate", "--help").stdout)
    assert text.startswith("Usage: woonbod validate [OPTIONS] [PATH]...")
    assert "Check every bid file against the format and for consistency inside it." in text
    assert "Example: woonbod validate data/" in text and "Show this message and exit." in text


# --- Typer's usage errors -----------------------------------------------------------------


def test_a_usage_error_in_dutch() -> None:
    done = woonbod("--lang", "nl", "validate", "--bogus")
    assert done.returncode == 2
    text = _panel_text(done.stderr)
    assert text.startswith("Gebruik: woonbod validate [OPTIES] [PAD]...")
    assert "Probeer 'woonbod validate --help' voor hulp." in text
    assert "─ Fout ─" in done.stderr
    assert "Onbekende optie: --bogus (Mogelijke opties: --jobs, --verbose)" in text
    assert "Error" not in text and "Usage" not in text and "Try" not in text
    done = woonbod("--lang", "nl", "valdate")
    assert "Onbekende opdracht 'valdate'. Bedoelt u 'validate'?" in _panel_text(done.stderr)


@pytest.mark.parametrize(
    ("argv", "dutch"),
    [
        # (Typer asks gettext for "No such command", bound only by the entry point: see below.)
        (["valdate"], ". Bedoelt u 'validate'?"),
        (["validate", "--max-bytes", "x"], "Ongeldige waarde voor '--max-bytes': dit is geen geheel getal"),
        (
            ["validate", "--max-bytes", "0"],
            "Ongeldige waarde voor '--max-bytes': de waarde moet 1 of meer zijn",
        ),
        (["init"], "Argument 'PROVINCIE' ontbreekt."),
        (["status", "a", "b"], "Onverwachte extra argumenten (b)"),
        (["validate", "--format"], "Optie '--format' heeft een waarde nodig."),
        (["validate", "--quiet=x"], "Bij optie '--quiet' hoort geen waarde."),
    ],
)
def test_typers_usage_errors_in_dutch(argv: list[str], dutch: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # In process: the texts Typer writes in English are translated by woonbod's command classes.
    monkeypatch.setenv("WOONBOD_LANG", "nl")
    i18n.use("nl")
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 2
    assert dutch in _panel_text(result.stderr)


def test_the_same_usage_errors_stay_english_in_english() -> None:
    result = CliRunner().invoke(app, ["validate", "--bogus"])
    assert "No such option: --bogus (Possible options: --jobs, --verbose)" in _panel_text(result.stderr)
    result = CliRunner().invoke(app, ["init"])
    assert "Missing argument 'PROVINCE'." in _panel_text(result.stderr)


def test_translate_leaves_english_and_unknown_texts_alone() -> None:
    assert framework_messages.translate("No such option: --x") == "No such option: --x"
    i18n.use("nl")
    assert framework_messages.translate("No such option: --x") == "Onbekende optie: --x"
    assert framework_messages.translate("something else") == "something else"
    nested = "Invalid value for '--jobs': Input should be greater than or equal to 0"
    assert (
        framework_messages.translate(nested)
        == "Ongeldige waarde voor '--jobs': de waarde moet 0 of meer zijn"
    )


# --- the lists of framework texts stay true -------------------------------------------------


def _source(*names: str) -> str:
    return "\n".join((TYPER / name).read_text(encoding="utf-8") for name in names)


def test_typers_gettext_msgids_are_still_typers() -> None:
    source = _source("core.py", "rich_utils.py")
    for msgid in framework_messages.GETTEXT:
        assert f'_("{msgid}")' in source, f"Typer no longer asks gettext for {msgid!r}"


# Where each text woonbod translates for Typer is written in English (the installed version).
WRITTEN_AT = {
    "{message} (Possible options: {options})": ("_click/exceptions.py", 'f"(Possible options: {'),
    "{message}. Did you mean {suggestions}?": ("core.py", 'f"{message}. Did you mean {suggestions}?"'),
    "No such option: {name}": ("_click/exceptions.py", 'f"No such option: {'),
    "Invalid value for {name}: {message}": (
        "_click/exceptions.py",
        'f"Invalid value for {hint}: {self.message}"',
    ),
    "Invalid value: {message}": ("_click/exceptions.py", 'f"Invalid value: {self.message}"'),
    "Missing argument {name}.": ("_click/exceptions.py", 'f"Missing {param_type}{param_hint}."'),
    "Got unexpected extra argument(s) ({args})": ("_click/core.py", 'f"Got unexpected extra argument(s) ({'),
    "Option {name} requires an argument.": ("_click/parser.py", 'f"Option {option_name!r} requires {msg}"'),
    "Option {name} does not take a value.": ("_click/parser.py", 'f"Option {opt!r} does not take a value."'),
}


def test_the_texts_typer_writes_in_english_are_still_written_so() -> None:
    assert set(WRITTEN_AT) <= set(framework_messages.WRITTEN_IN_ENGLISH)
    for template, (name, snippet) in WRITTEN_AT.items():
        assert snippet in _source(name), f"typer/{name} no longer writes {template!r}"
    assert '"an argument."' in _source("_click/parser.py")
    assert 'prefix = "Usage: "' in _source("_click/formatting.py")
    assert f'help="{framework_messages.HELP_OPTION}"' in _source("_click/decorators.py")
    for piece in framework_messages.USAGE_PIECES:
        assert f'"{piece}"' in _source("core.py", "_click/core.py"), piece
    for text in framework_messages.COMPLETION_HELP:
        assert f'help="{text}"' in _source("completion.py"), text


def test_typer_still_builds_the_completion_options_where_woonbod_translates_their_help() -> None:
    i18n.use("nl")
    with startup.completion_help_translated():
        command = typer.main.get_command(app)
    helps = {p.name: getattr(p, "help", None) for p in command.params}
    assert helps["install_completion"] == "Installeer de aanvulling voor de huidige shell.", helps
    assert str(helps["show_completion"]).startswith("Toon de aanvulling voor de huidige shell"), helps
    untouched = {p.name: getattr(p, "help", None) for p in typer.main.get_command(app).params}
    assert untouched["install_completion"] == "Install completion for the current shell."


# --- woonbod's own messages -----------------------------------------------------------------


def test_dutch_refusals(tmp_path: Path) -> None:
    i18n.use("nl")
    existing = tmp_path / "out.md"
    existing.write_text("x", encoding="utf-8")
    assert (
        refusal(tmp_path) == f"{tmp_path} is een map: er is niets geschreven (noem een bestand met --output)"
    )
    assert refusal(existing) == (
        f"{existing} bestaat al: er is niets geschreven (gebruik --force om het te overschrijven)"
    )
    assert refusal(existing, inputs=[existing], force=True) == (
        f"{existing} is een van de gelezen bestanden: er is niets geschreven "
        "(noem een ander bestand bij --output)"
    )
    bid = tmp_path / "utrecht.yaml"
    bid.write_text("x", encoding="utf-8")
    assert refusal(bid, force=True) == (
        f"{bid} is een YAML-bestand en een rapport is nooit een bod: er is niets geschreven"
    )


def test_the_reasons_of_the_operating_system() -> None:
    missing = OSError(errno.ENOENT, os.strerror(errno.ENOENT))
    assert os_reason(missing) == os.strerror(errno.ENOENT)  # English: the system's own words
    i18n.use("nl")
    assert os_reason(missing) == "Bestand of map bestaat niet"
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "Geen ruimte meer op het apparaat"
    assert os_reason(OSError(0, "not a regular file")) == "geen gewoon bestand"
    assert os_reason(OSError(errno.EXDEV, "Invalid cross-device link")) == "Invalid cross-device link"


def _nl(*argv: str) -> typer.testing.Result:
    return CliRunner().invoke(app, [*argv, "--lang", "nl"])


def test_dutch_option_errors() -> None:
    result = _nl("total", str(DATA), "--segment", "huur")
    assert result.exit_code == 2
    assert result.stderr.startswith("woonbod: --segment moet een van totaal, sociale-huur,")
    assert result.stderr.endswith(", all zijn, niet 'huur'\n")
    result = _nl("status", str(DATA), "--as-of", "1-10-2022")
    assert result.stderr == "woonbod: --as-of verwacht een datum zoals 2022-10-01, niet '1-10-2022'\n"
    result = _nl("check", str(DATA), "--as-of", "2022-10-01", "--no-gaps")
    assert (
        result.stderr == "woonbod: --as-of stelt de peildatum voor de hiaten in en --no-gaps laat die weg: "
        "kies een van beide\n"
    )


def test_no_data_folder_in_dutch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = _nl("validate")
    assert result.exit_code == 2
    assert result.stderr == (
        "woonbod: er is hier geen map ./data: noem de map of de bestanden met de biedingen, "
        "bijvoorbeeld `woonbod validate pad/naar/biedingen/`\n"
    )


def test_files_with_errors_left_out_in_dutch(broken_copy: Path) -> None:
    result = _nl("total", str(broken_copy))
    assert result.exit_code == 1
    assert result.stderr == (
        "woonbod: 1 fout in de biedingen: cijfers uit bestanden met fouten zijn weggelaten "
        "(zie `woonbod validate`).\n"
    )


def test_verbose_names_the_round_in_dutch() -> None:
    result = _nl("validate", str(DATA), "--verbose")
    assert result.stdout.startswith(f"ronde: {DATA}/ronde.yaml\n{DATA}/drenthe.yaml: ok\n")


def test_init_says_what_it_wrote_in_dutch(tmp_path: Path) -> None:
    target = tmp_path / "data" / "utrecht.yaml"
    target.parent.mkdir()
    result = _nl("init", "utrecht", "--output", str(target))
    assert result.exit_code == 0, result.stderr
    first, second = result.stderr.splitlines()
    assert first == f"{target} geschreven"
    assert second.startswith("woonbod: de eerste regel wijst editors naar ")
    assert "dat er nog niet is: `mkdir -p " in second and "(commit het met de biedingen)" in second
    result = _nl("init", "utrecht", "--output", str(target))
    assert result.stderr == (
        f"woonbod: {target} bestaat al: er is niets geschreven (gebruik --force om het te overschrijven)\n"
    )


def test_cannot_write_in_dutch(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "schema.json"
    result = _nl("schema", "--output", str(target))
    assert result.exit_code == 2
    assert result.stderr == f"woonbod: {target}: kan niet schrijven: Bestand of map bestaat niet\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_full_standard_output_in_dutch() -> None:
    with Path("/dev/full").open("w", encoding="utf-8") as full:
        done = subprocess.run(
            [sys.executable, "-c", _ENTRY_POINT, "--lang", "nl", "schema"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 2
    assert (
        done.stderr
        == "woonbod: kan niet naar de standaarduitvoer schrijven: Geen ruimte meer op het apparaat\n"
    )


def test_a_step_summary_that_cannot_be_written_in_dutch(tmp_path: Path) -> None:
    runner = CliRunner(env={"GITHUB_STEP_SUMMARY": str(tmp_path), "GITHUB_ACTIONS": None, "NO_COLOR": "1"})
    result = runner.invoke(app, ["check", str(DATA), "--as-of", "2022-09-01", "--lang", "nl"])
    assert result.exit_code == 0
    assert (
        result.stderr
        == f"woonbod: waarschuwing: kan de stapsamenvatting niet schrijven naar {tmp_path}: Is een map\n"
    )


# --- the choice of language -----------------------------------------------------------------


def _speaks(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stderr
    if done.stdout.lstrip().startswith("Gebruik: "):
        return "nl"
    assert done.stdout.lstrip().startswith("Usage: "), done.stdout
    return "en"


@pytest.mark.parametrize(
    ("argv", "env", "language"),
    [
        (["--lang", "en"], {"WOONBOD_LANG": "nl", "LANG": "nl_NL.UTF-8"}, "en"),
        (["--lang", "nl"], {"WOONBOD_LANG": "en"}, "nl"),
        (["--lang=NL"], {}, "nl"),
        ([], {"WOONBOD_LANG": "nl", "LC_ALL": "en_US.UTF-8"}, "nl"),
        ([], {"WOONBOD_LANG": "en", "LC_ALL": "nl_NL.UTF-8"}, "en"),
        ([], {"WOONBOD_LANG": "NL"}, "nl"),
        ([], {"WOONBOD_LANG": "nl_NL.UTF-8"}, "nl"),
        ([], {"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "nl_NL.UTF-8", "LANG": "nl_NL.UTF-8"}, "en"),
        ([], {"LC_ALL": "", "LC_MESSAGES": "nl_NL.UTF-8", "LANG": "en_US.UTF-8"}, "nl"),
        ([], {"LANG": "nl_NL.UTF-8"}, "nl"),
        ([], {"LANG": "nl_BE.UTF-8"}, "nl"),
        ([], {"LANG": "de_DE.UTF-8"}, "en"),
        ([], {}, "en"),
    ],
)
def test_the_order_of_the_language_settings(argv: list[str], env: dict[str, str], language: str) -> None:
    assert _speaks(woonbod(*argv, "schema", "--help", **env)) == language


def test_lang_before_and_after_the_command() -> None:
    assert _speaks(woonbod("--lang", "nl", "schema", "--help")) == "nl"
    assert _speaks(woonbod("schema", "--help", "--lang", "nl")) == "nl"
    assert _speaks(woonbod("schema", "--lang", "en", "--help", WOONBOD_LANG="nl")) == "en"
    # A message, not only the help: the option after the command sets it before anything is said.
    done = woonbod("status", str(DATA), "--as-of", "x", "--lang", "nl")
    assert done.stderr == "woonbod: --as-of verwacht een datum zoals 2022-10-01, niet 'x'\n"
    done = woonbod("--lang", "nl", "status", str(DATA), "--as-of", "x", WOONBOD_LANG="en")
    assert done.stderr == "woonbod: --as-of verwacht een datum zoals 2022-10-01, niet 'x'\n"


def test_an_unknown_lang_exits_2_saying_which_languages() -> None:
    done = woonbod("--lang", "fr", "status", str(DATA))
    assert done.returncode == 2
    text = _panel_text(done.stderr)
    assert (
        "Invalid value for '--lang': 'fr' is not a language woonbod speaks: "
        "nl (Nederlands) or en (English)." in text
    )
    done = woonbod("status", str(DATA), "--lang", "fr", LANG="nl_NL.UTF-8")
    assert done.returncode == 2
    text = _panel_text(done.stderr)
    assert (
        "Ongeldige waarde voor '--lang': 'fr' is geen taal die woonbod spreekt: nl (Nederlands) of en" in text
    )


def test_an_unknown_woonbod_lang_exits_2_saying_which_languages() -> None:
    done = woonbod("status", str(DATA), WOONBOD_LANG="fr")
    assert done.returncode == 2
    assert done.stderr == (
        "woonbod: WOONBOD_LANG=fr is not a language woonbod speaks: "
        "set it to nl (Nederlands) or en (English).\n"
    )
    done = woonbod("status", str(DATA), WOONBOD_LANG="fr", LANG="nl_NL.UTF-8")
    assert done.returncode == 2
    assert done.stderr == (
        "woonbod: WOONBOD_LANG=fr is geen taal die woonbod spreekt: "
        "zet die op nl (Nederlands) of en (English).\n"
    )
    # --lang decides, so a WOONBOD_LANG it overrides is not in the way.
    assert woonbod("status", str(DATA), "--lang", "nl", WOONBOD_LANG="fr").returncode in (0, 1)

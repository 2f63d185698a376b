"""The language setting and the catalogues: which language a run speaks, that every message has
its Dutch, that the shipped catalogue is what its sources compile to, and that a run reads only
the catalogue of the language it speaks, and only when it prints a message."""

from __future__ import annotations

import ast
import datetime as dt
import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
from fractions import Fraction
from pathlib import Path
from types import ModuleType

import pytest

from conftest import DATA, ROOT
from woonbod import formatting, i18n

WOONBOD = Path(sysconfig.get_path("scripts")) / "woonbod"


def _catalogues() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalogues", ROOT / "scripts" / "catalogues.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- which language ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "environ", "expected"),
    [
        (None, {}, "en"),
        ("nl", {}, "nl"),
        ("en", {"WOONBOD_LANG": "nl", "LC_ALL": "nl_NL.UTF-8"}, "en"),
        (None, {"WOONBOD_LANG": "nl", "LANG": "en_GB.UTF-8"}, "nl"),
        (None, {"WOONBOD_LANG": "NL"}, "nl"),
        (None, {"WOONBOD_LANG": "nl_BE.UTF-8"}, "nl"),
        (None, {"WOONBOD_LANG": "en", "LC_ALL": "nl_NL.UTF-8"}, "en"),
        (None, {"WOONBOD_LANG": " ", "LANG": "nl_NL.UTF-8"}, "nl"),
        (None, {"LC_ALL": "nl_NL.UTF-8", "LANG": "en_US.UTF-8"}, "nl"),
        # The first of LC_ALL, LC_MESSAGES and LANG that is set decides, as POSIX says.
        (None, {"LC_ALL": "C.UTF-8", "LC_MESSAGES": "nl_NL.UTF-8"}, "en"),
        (None, {"LC_MESSAGES": "nl_NL.UTF-8", "LANG": "en_US.UTF-8"}, "nl"),
        (None, {"LC_ALL": "", "LANG": "nl_NL"}, "nl"),
        (None, {"LANG": "C"}, "en"),
        (None, {"LANG": "de_DE.UTF-8"}, "en"),
    ],
)
def test_the_language_is_the_option_then_woonbod_lang_then_the_locale(
    option: str | None, environ: dict[str, str], expected: str
) -> None:
    assert i18n.resolve(option, environ) == expected


@pytest.mark.parametrize(("option", "environ"), [("fr", {}), (None, {"WOONBOD_LANG": "dutch"})])
def test_an_unknown_language_is_refused_not_guessed(option: str | None, environ: dict[str, str]) -> None:
    with pytest.raises(i18n.UnknownLanguage):
        i18n.resolve(option, environ)


def test_a_library_call_with_an_unknown_woonbod_lang_falls_back_to_the_locale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(i18n, "_active", None)
    monkeypatch.setenv("WOONBOD_LANG", "fr")
    monkeypatch.setenv("LC_ALL", "nl_NL.UTF-8")
    assert i18n.language() == "nl"


# --- Dutch numbers and dates ----------------------------------------------------------------------


def test_dutch_numbers_and_dates() -> None:
    i18n.use("nl")
    assert formatting.homes(917193) == "917.193"
    assert formatting.homes(Fraction(2, 3) * 1_000_000) == "666.667"
    assert formatting.percent(Fraction(1019, 1000)) == "101,9%"
    assert formatting.decimal(2.25, 2) == "2,25"
    assert formatting.date(dt.date(2022, 10, 1)) == "1 oktober 2022"
    assert formatting.date(dt.date(2023, 3, 31)) == "31 maart 2023"
    assert formatting.homes_word(1) == "1 woning"
    assert formatting.homes_word(12500) == "12.500 woningen"
    assert formatting.days(1) == "1 dag"
    assert formatting.days(1521) == "1.521 dagen"
    assert formatting.span(153000, 225000, approx=True, derived=True) == "ca. 153.000–225.000*"
    assert formatting.yes_no(True) == "ja"


def test_english_numbers_and_dates_are_as_before() -> None:
    assert formatting.homes(917193) == "917 193"
    assert formatting.percent(Fraction(1019, 1000)) == "101.9%"
    assert formatting.date(dt.date(2022, 10, 1)) == "2022-10-01"
    assert formatting.homes_word(1) == "1 home"
    assert formatting.days(1521) == "1 521 days"


# --- the catalogues -------------------------------------------------------------------------------


def test_the_shipped_catalogues_are_complete_and_current() -> None:
    """Every marked message has a Dutch translation (none fuzzy, the same placeholders), the
    template holds exactly what the sources mark, and the .mo is what the .po compiles to."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "catalogues.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert ", 0 problems" in done.stdout


def test_gnu_msgfmt_accepts_the_catalogue(tmp_path: Path) -> None:
    """GNU gettext's own checker (what translators' tools run) finds no error: every placeholder
    kept, no '%' that reads as a printf directive, a valid header and plural forms."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext's msgfmt is not installed (apt-get install gettext)")
    po = i18n.LOCALE_DIR / "nl" / "LC_MESSAGES" / "woonbod.po"
    argv = [msgfmt, "--check", "-o", str(tmp_path / "nl.mo"), str(po)]
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


@pytest.fixture
def catalogues(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """scripts/catalogues.py working on a copy of the package and its catalogues."""
    module = _catalogues()
    package = tmp_path / "woonbod"
    shutil.copytree(ROOT / "src" / "woonbod", package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(module, "PACKAGE", package)
    monkeypatch.setattr(module, "LOCALE", package / "locale")
    monkeypatch.setattr(module, "TEMPLATE", package / "locale" / "woonbod.pot")
    monkeypatch.setattr(module, "ROOT", tmp_path)
    return module


def _check(module: ModuleType, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = module.main(["--check"])
    return code, capsys.readouterr().out


def test_the_check_fails_on_a_new_message_without_dutch(
    catalogues: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _check(catalogues, capsys)[0] == 0
    (catalogues.PACKAGE / "extra.py").write_text(
        'from woonbod.i18n import _\n\n\ndef f() -> str:\n    return _("A brand-new message")\n',
        encoding="utf-8",
    )
    code, out = _check(catalogues, capsys)
    assert code == 1
    assert "woonbod.pot is not what the sources mark" in out
    assert "nl: not in the catalogue (run scripts/catalogues.py update): 'A brand-new message'" in out
    catalogues.main(["extract"])
    catalogues.main(["update"])
    code, out = _check(catalogues, capsys)
    assert (code, out.splitlines()[0]) == (1, "nl: no translation: 'A brand-new message'")


def test_the_check_fails_on_a_stale_mo_fuzzy_entry_or_lost_placeholder(
    catalogues: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    po = catalogues.po_path("nl")
    text = po.read_text(encoding="utf-8")
    # A translation changed in the .po but not compiled: the .mo no longer says the same.
    po.write_text(text.replace('msgstr "ja"', 'msgstr "jazeker"'), encoding="utf-8")
    code, out = _check(catalogues, capsys)
    assert code == 1
    assert "woonbod.mo is not what the .po compiles to" in out
    # A translation that dropped its placeholder, and one marked fuzzy.
    broken = text.replace('msgstr[0] "{n} dag"', 'msgstr[0] "een dag"')
    broken = broken.replace('msgid "yes"', '#, fuzzy\nmsgid "yes"')
    po.write_text(broken, encoding="utf-8")
    catalogues.main(["compile"])
    code, out = _check(catalogues, capsys)
    assert code == 1
    assert "nl: placeholders differ ([] for ['n']): '{n} day'" in out
    assert "nl: fuzzy, to be checked: 'yes'" in out


def test_the_check_knows_a_message_in_each_of_its_contexts(
    catalogues: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same English word in two places ("province" as a column and in a sentence) is two
    messages: each needs its Dutch, the one without a context too."""
    po = catalogues.po_path("nl")
    text = po.read_text(encoding="utf-8")
    plain = '\nmsgid "province"\nmsgstr "provincie"\n'
    assert plain in text
    po.write_text(text.replace(plain, '\nmsgid "province"\nmsgstr ""\n'), encoding="utf-8")
    code, out = _check(catalogues, capsys)
    assert code == 1
    assert "nl: no translation: 'province'" in out


def test_the_wheel_ships_the_compiled_catalogue(tmp_path: Path) -> None:
    """What pip installs holds the .mo the run reads (hatchling takes every file in the package
    that git does not ignore): checked on a real wheel."""
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    import zipfile

    (wheel,) = tmp_path.glob("woonbod-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "woonbod/locale/nl/LC_MESSAGES/woonbod.mo" in names


# --- start-up: only the active catalogue, only when a message is printed --------------------------

_OPENED = """
import sys
opened = []
sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" else None)
sys.argv[0] = "woonbod"
from woonbod.cli import main
try:
    main()
finally:
    print("CATALOGUES", [p for p in opened if p.endswith(".mo")], file=sys.stderr)
"""


def _catalogues_read(*argv: str, **env: str) -> list[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("WOONBOD_LANG", "LANGUAGE")}
    done = subprocess.run(
        [sys.executable, "-c", _OPENED, *argv],
        capture_output=True,
        text=True,
        env={**environ, **env},
        check=False,
    )
    line = next(line for line in done.stderr.splitlines() if line.startswith("CATALOGUES "))
    return [Path(p).relative_to(i18n.LOCALE_DIR).as_posix() for p in ast.literal_eval(line.split(" ", 1)[1])]


def test_an_english_run_reads_no_catalogue() -> None:
    assert _catalogues_read("validate", str(DATA), WOONBOD_LANG="en", LC_ALL="nl_NL.UTF-8") == []


def test_a_dutch_run_reads_the_dutch_catalogue_once() -> None:
    assert _catalogues_read("validate", str(DATA), WOONBOD_LANG="nl") == ["nl/LC_MESSAGES/woonbod.mo"]
    assert _catalogues_read("--lang", "nl", "total", str(DATA), LANG="en_US.UTF-8") == [
        "nl/LC_MESSAGES/woonbod.mo"
    ]


@pytest.mark.parametrize("where", ["option", "environment"])
def test_a_huge_unknown_language_is_quoted_short(where: str) -> None:
    """Issue #12's class 1 for the language setting: a 100 kB value is refused with exit 2 and a
    short quote, never repeated whole into a terminal or a CI log."""
    value = "n" * 100_000
    argv = ["--lang", value, "status", str(DATA)] if where == "option" else ["status", str(DATA)]
    env = {k: v for k, v in os.environ.items() if k not in ("WOONBOD_LANG", "LANGUAGE")}
    if where == "environment":
        env["WOONBOD_LANG"] = value
    done = subprocess.run([str(WOONBOD), *argv], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 2
    assert len(done.stdout + done.stderr) < 2_000
    assert "nnnnnnnnnn…" in done.stderr
    with pytest.raises(i18n.UnknownLanguage) as raised:
        i18n.use(value)
    assert raised.value.value == value
    assert str(raised.value) == "use(): not a language woonbod speaks: nl (Nederlands) or en (English)"

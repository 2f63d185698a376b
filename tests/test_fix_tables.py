"""Round 2 of #15, the tables: the regions' legend follows the round (open: "?" not known; closed:
"n.p." not published), the regions' sum says its coverage in every format, an approximate share
keeps its "ca.", English headers are English, and a backticked hint never breaks over lines."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from conftest import DATA, ROOT, reopen
from woonbod import i18n
from woonbod.analysis.need import compare_need
from woonbod.analysis.totals import sum_segment
from woonbod.cli import app
from woonbod.loading.loader import load_dataset
from woonbod.render.terminal import wrap
from woonbod.render.totals import bar, need_row_cells, need_summary

WOONDEALS = DATA / "rondes" / "2023-woondeals"
LANGUAGES = ("nl", "en")


@pytest.fixture(autouse=True)
def _in_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _run(lang: str, *args: str, width: int | None = None) -> str:
    env = {"NO_COLOR": None, "FORCE_COLOR": None, "GITHUB_ACTIONS": None, "COLUMNS": None}
    if width is not None:
        env["COLUMNS"] = str(width)
    return CliRunner(env=env).invoke(app, ["--lang", lang, *(str(a) for a in args)]).stdout


@pytest.fixture
def open_woondeals(tmp_path: Path) -> Path:
    """The 2023 woondeals round without its `gesloten` line: the same bids in an open round."""
    return reopen(Path(shutil.copytree(WOONDEALS, tmp_path / "2023-woondeals")))


def _flat(text: str) -> str:
    return " ".join(text.split())


# 1. The regions' legend and unknown cells follow the round, as `total` without --by does.


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_regions_of_an_open_round_say_not_known(open_woondeals: Path, fmt: str) -> None:
    dutch = _flat(_run("nl", "total", open_woondeals, "--by", "regio", "-f", fmt, width=1000))
    assert "* afgeleid; ? onbekend; per provincie:" in dutch
    assert "niet gepubliceerd" not in dutch and "n.p." not in dutch
    assert "Groningen ?, Drenthe 3.790" in dutch
    english = _flat(_run("en", "total", open_woondeals, "--by", "regio", "-f", fmt, width=1000))
    assert "* derived; ? not known; per province:" in english
    assert "not published" not in english and "n.p." not in english


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_regions_of_a_closed_round_say_not_published(fmt: str) -> None:
    dutch = _flat(_run("nl", "total", WOONDEALS, "--by", "regio", "-f", fmt, width=1000))
    assert "* afgeleid; n.p. niet gepubliceerd; per provincie:" in dutch
    assert "? onbekend" not in dutch and "Groningen n.p., Drenthe 3.790" in dutch
    assert re.search(r"[│|] Leeuwarden +[│|] Fryslân +[│|] +n\.p\. [│|]", dutch)
    english = _flat(_run("en", "total", WOONDEALS, "--by", "regio", "-f", fmt, width=1000))
    assert "* derived; n.p. not published; per province:" in english
    assert "? not" not in english and "Groningen n.p., Drenthe 3 790" in english


# 2. The regions' partial sum says how many regions it covers, in every format.


def test_the_regions_sum_says_its_coverage_in_markdown_too() -> None:
    dutch = _run("nl", "total", WOONDEALS, "--by", "regio", "-f", "markdown")
    assert re.search(r"\| \*\*Som\*\* +\| elke regio één keer +\| \*\*429\.562\*\* \(14/27\) +\|", dutch)
    english = _run("en", "total", WOONDEALS, "--by", "regio", "-f", "markdown")
    assert re.search(r"\| \*\*Sum\*\* +\| each region once +\| \*\*429 562\*\* \(14/27\) +\|", english)
    table = _flat(_run("nl", "total", WOONDEALS, "--by", "regio", width=1000))
    assert "│ Som │ elke regio één keer │ 429.562 (14/27) │" in table
    report = _run("nl", "report", WOONDEALS, "-f", "markdown")
    assert "**429.562** (14/27)" in report


# 3. A share of an approximate figure (or of an approximate totaal) is approximate too.


def test_an_approximate_share_keeps_its_ca() -> None:
    dutch = _flat(_run("nl", "total", "data", "-s", "betaalbaar", width=1000))
    assert "│ Zeeland │ ca. 11.000* │ ca. 66,7% │ uit een aandeel │" in dutch
    assert "│ Noord-Brabant │ 87.067* │ 66,7% │ uit een aandeel │" in dutch
    assert "│ Som (2 van 12) │ ca. 98.067* │ ca. 66,7% │" in dutch
    english = _flat(_run("en", "total", "data", "-s", "betaalbaar", width=1000))
    assert "│ Zeeland │ ca. 11 000* │ ca. 66.7% │ from a share │" in english
    assert "│ Noord-Brabant │ 87 067* │ 66.7% │ from a share │" in english


def test_a_share_of_an_approximate_totaal_is_approximate(tmp_path: Path) -> None:
    (tmp_path / "utrecht.yaml").write_text(
        "provincie: Utrecht\nronde: definitief\ntotaal: {ca: 10000}\nsegmenten: {sociale_huur: 3000}\n",
        encoding="utf-8",
    )
    dutch = _flat(_run("nl", "total", tmp_path, "-s", "sociale-huur", width=1000))
    assert "│ Utrecht │ 3.000 │ ca. 30,0% │" in dutch
    assert "│ Som (1 van 12) │ 3.000 │ ca. 30,0% │" in dutch
    assert "ongeveer 30,0% van hun eigen totaal" in dutch
    english = _flat(_run("en", "total", tmp_path, "-s", "sociale-huur", width=1000))
    assert "│ Utrecht │ 3 000 │ ca. 30.0% │" in english
    assert "put about 30.0% of their own totaal in it" in english


def test_shares_of_an_approximate_bid_against_need_and_target(tmp_path: Path) -> None:
    for path in DATA.glob("*.yaml"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    zeeland = tmp_path / "zeeland.yaml"
    zeeland.write_text(
        zeeland.read_text(encoding="utf-8").replace("\ntotaal: 16500\n", "\ntotaal: {ca: 16500}\n")
    )
    dataset = load_dataset([tmp_path])
    need = compare_need(dataset.bids, dataset.round.ronde)
    assert need is not None
    row = next(r for r in need.rows if r.province.name == "Zeeland")
    total = sum_segment(dataset.bids, dataset.round.ronde, "totaal")
    i18n.use("nl")
    assert need_row_cells(row) == ("7.006", "ca. 235,5%")
    assert "Zeeland ca. 16.500 tegenover 7.006 (ca. 235,5%)" in need_summary(need)
    assert (bar(total) or "").endswith(" ca. 101,9% van het doel")
    i18n.use("en")
    assert need_row_cells(row) == ("7 006", "ca. 235.5%")
    assert "Zeeland ca. 16 500 vs 7 006 (ca. 235.5%)" in need_summary(need)
    assert (bar(total) or "").endswith(" ca. 101.9% of target")
    table = _flat(_run("en", "total", tmp_path, width=1000))
    assert "│ Zeeland │ ca. 16 500 │ 7 006 │ ca. 235.5% │" in table


# 4. woonbod's own headers in English in English, in Dutch in Dutch.


def _header_line(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(("┃", "|")))


def test_totals_headers_follow_the_language() -> None:
    english = _flat(_header_line(_run("en", "total", "data", width=1000)))
    assert english == "┃ Province ┃ totaal ┃ need ┃ of need ┃ how ┃"
    dutch = _flat(_header_line(_run("nl", "total", "data", width=1000)))
    assert dutch == "┃ Provincie ┃ totaal ┃ benodigd ┃ van benodigd ┃ hoe ┃"
    matrix = _flat(_header_line(_run("en", "total", "data", "-s", "all", width=1000)))
    assert matrix.startswith("┃ Province ┃ totaal ┃ sociale huur ┃")
    markdown = _header_line(_run("en", "total", "data", "-f", "markdown"))
    assert markdown.startswith("| Province ") and "Provincie" not in markdown
    assert _header_line(_run("nl", "total", "data", "-f", "markdown")).startswith("| Provincie ")


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_region_headers_follow_the_language(fmt: str) -> None:
    english = _flat(_header_line(_run("en", "total", WOONDEALS, "--by", "regio", "-f", fmt, width=1000)))
    assert re.fullmatch(
        r"(┃|\|) Region (┃|\|) Province\(s\) (┃|\|) totaal (┃|\|) per province (┃|\|)", english
    )
    dutch = _flat(_header_line(_run("nl", "total", WOONDEALS, "--by", "regio", "-f", fmt, width=1000)))
    assert re.fullmatch(
        r"(┃|\|) Regio (┃|\|) Provincie\(s\) (┃|\|) totaal (┃|\|) per provincie (┃|\|)", dutch
    )


# 5. A backticked snippet meant for copying stays on one line when it fits.


def _split_snippets(text: str) -> list[str]:
    """The lines where a backticked snippet opens but does not close."""
    return [line for line in text.splitlines() if line.count("`") % 2]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width", [60, 80])
def test_a_backticked_hint_is_never_split(lang: str, width: int) -> None:
    text = _run(lang, "check", "data", "--as-of", "2022-09-20", width=width)
    assert "`" in text
    assert _split_snippets(text) == []
    assert max(cell_len(line) for line in text.splitlines()) <= width
    if lang == "nl":
        assert "`seniorenwoningen: {uitgesteld_tot: 2023-12-31}`" in text


def test_wrap_keeps_a_snippet_that_fits_and_breaks_one_that_does_not() -> None:
    hint = "geef een getal, of stel het uit: `seniorenwoningen: {uitgesteld_tot: 2023-12-31}`."
    lines = wrap(hint, 60, first="utrecht.yaml:3:1 ", rest="    ")
    assert lines[-1] == "    `seniorenwoningen: {uitgesteld_tot: 2023-12-31}`."
    assert all(cell_len(line) <= 60 for line in lines)
    long = "zet dit erin: `" + " ".join(["sleutel: waarde"] * 8) + "` en klaar"
    lines = wrap(long, 40)
    assert all(cell_len(line) <= 40 for line in lines) and len(_split_snippets("\n".join(lines))) == 2
    assert wrap("het getal 917 193 en `a b`", 12, least=1) == ["het getal", "917 193 en", "`a b`"]

"""The renderers in Dutch (issue #15): tables, notes, summaries, the JSON/Markdown human fields and
the CI formats speak Dutch with Dutch numbers and dates, and the Dutch screens still fit."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import xml.etree.ElementTree as ET
from io import StringIO
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from conftest import ROOT
from woonbod import i18n
from woonbod.analysis.gaps import Cell
from woonbod.cli import app
from woonbod.model.provinces import PROVINCES
from woonbod.problems import CannotRun, Level, Problem
from woonbod.render import ci
from woonbod.render.bid_template import render_template
from woonbod.render.gaps import cell_detail, cell_symbol
from woonbod.render.problems import ProblemReport, render_text, summary_line
from woonbod.render.terminal import wrap

INDICATIVE = "data/rondes/2022-06-indicatief"
WOONDEALS = "data/rondes/2023-woondeals"


@pytest.fixture(autouse=True)
def _in_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@functools.cache
def _run(args: tuple[str, ...], width: int | None = None) -> str:
    env = {"NO_COLOR": None, "FORCE_COLOR": None, "GITHUB_ACTIONS": None, "COLUMNS": None}
    if width is not None:
        env["COLUMNS"] = str(width)
    return CliRunner(env=env).invoke(app, ["--lang", "nl", *args]).stdout


def _dutch() -> None:
    i18n.use("nl")


def test_total_in_dutch() -> None:
    text = _run(("total", "data"), 80)
    assert "│ Landelijk     │ 917.193 │" in text
    assert "│ Doel          │ 900.000 │" in text
    assert "van benodigd" in text and "111,6%" in text
    assert "101,9% van het doel" in text
    assert "Landelijk: 917.193 = 101,9% van het doel van 900.000: 17.193 erboven." in text
    assert "* afgeleid (uit een aandeel" in text and "geen biedingsbestand" in text
    assert "Opgave (benodigd, de raming van de minister) bekend voor 3 van de 12 provincies" in text
    assert "Fryslân 17.500 tegenover 15.680 (111,6%)" in text
    for english in ("National", "Target", "of target", "derived (from", "Need (benodigd", " vs "):
        assert english not in text


def test_total_partial_sums_and_matrix_in_dutch() -> None:
    text = " ".join(_run(("total", "data", "--segment", "all"), 1000).split())
    assert text.startswith("Alle segmenten — Definitieve provinciale biedingen 2022")
    assert "betaalbaar: Deelsom, niet het landelijke cijfer: ca. 98.067* uit 2 van de 12 provincies." in text
    assert "Niet gepubliceerd voor Groningen" in text
    assert "Bij de provincies die het opgaven, is dit ongeveer 66,7% van hun eigen totaal." in text
    assert "corporaties: Geen provincie heeft corporaties gepubliceerd: er is geen landelijk cijfer." in text
    assert re.search(r"│ Som +│ 917\.193 │", text) and re.search(r"│ Provincies +│ +12/12 │", text)
    assert "Partial sum" not in text and "All segments" not in text and "Sum" not in text


def test_total_markdown_and_json_in_dutch() -> None:
    markdown = _run(("total", "data", "-f", "markdown"))
    assert "| **Som**       | **917.193** |" in markdown
    assert "| Doel          |     900.000 |" in markdown
    assert "- totaal: Landelijk: 917.193 = 101,9% van het doel van 900.000: 17.193 erboven." in markdown
    assert "\\* afgeleid" in markdown
    document = json.loads(_run(("total", "data", "-f", "json")))
    assert document["segments"][0]["sum"]["value"] == 917193  # values stay plain numbers
    assert set(document["segments"][0]) == {"segment", "provinces", "sum", "coverage", "target"}


def test_status_in_dutch() -> None:
    text = _run(("status", "data"), 80)
    lines = text.splitlines()
    assert lines[0] == "Definitieve provinciale biedingen 2022 (data/ronde.yaml, gesloten op"
    assert lines[1] == "13 oktober 2022)"  # a date is never split over two lines
    assert lines[2] == "Biedingen: 12 bestanden voor 12 van de 12 provincies; 12 geldig."
    assert "Deel 1 van 2:" in text
    assert re.search(r"│ totaal +│ +917\.193 │ +12/12 │ +900\.000 │ 101,9% │", text)
    assert "deelsom (ca. 66,7% van eigen totaal)" in text and "niet gepubliceerd" in text
    flat = " ".join(text.split())  # the longer Dutch sentence wraps at 80 columns
    assert "Niet meer te leveren (gesloten ronde): 107 × not-published (details: woonbod gaps)." in flat
    assert "Normen: niets onder de normen van de ronde" in text
    assert "closed" not in lines[0] + lines[1]
    for english in ("Bids:", "partial sum", "Part 1", "Norms:", "Not owed"):
        assert english not in text


def test_status_json_human_fields_in_dutch() -> None:
    document = json.loads(_run(("status", "data", "-f", "json")))
    assert document["norms"]["summary"].startswith("Normen: niets onder de normen")
    assert document["round"]["closed_on"] == "2022-10-13"  # machine values stay ISO
    assert "summary" in document["gaps"] and "by_rule" in document["gaps"]


def test_gaps_in_dutch() -> None:
    text = _run(("gaps", "data", "--as-of", "2022-10-20"), 80)
    assert "Deel 1 van 3:" in text
    assert "✓ gegeven, ✓* afgeleid, ca. bij benadering, → uitgesteld" in text
    assert "given, " not in text and "Part 1" not in text
    markdown = _run(("gaps", "data", "-f", "markdown"))
    assert "✓ gegeven, ✓\\* afgeleid" in markdown


def test_a_gap_cell_in_dutch() -> None:
    _dutch()
    deferred = Cell("deferred", on=dt.date(2023, 6, 30))
    assert cell_symbol(deferred) == "→ 30 juni 2023"
    assert cell_detail(deferred) == "tot 30 juni 2023"
    assert cell_detail(Cell("overdue", on=dt.date(2023, 6, 30))) == "sinds 30 juni 2023"
    assert cell_detail(Cell("on time", on=dt.date(2022, 10, 1))) == "1 oktober 2022"
    assert cell_detail(Cell("late", days_late=12)) == "12 dagen te laat"
    assert cell_symbol(Cell("late")) == "te laat" and cell_symbol(Cell("overdue")) == "over tijd"


def test_knelpunten_in_dutch() -> None:
    text = _run(("knelpunten", "data"), 80)
    assert re.search(r"│ Landelijk +│ +\+20\.000 │", text)
    assert "extra" in text and "aangeboden" in text
    assert "woningen op het spel per knelpunt; +N: extra aangeboden woningen" in text
    flat = " ".join(text.split())
    assert "7 van de 12 provincies noemen knelpunten; geen bod geeft een aantal woningen op het spel." in flat
    assert "Daarnaast bieden 2 provincies 25.800 extra woningen aan" in flat
    assert "National" not in text and "homes at stake" not in text
    markdown = _run(("knelpunten", "data", "-f", "markdown"))
    assert "**Landelijk**" in markdown and "op het spel" in markdown


def test_regions_in_dutch() -> None:
    text = " ".join(_run(("total", WOONDEALS, "--by", "regio"), 1000).split())
    assert text.startswith("Regio's — Regionale woondeals 2023")
    assert "│ Som │ elke regio één keer │ 429.562 (14/27) │" in text
    assert (
        "27 regio's genoemd in de biedingen van 9 van de 12 provincies; 4 liggen over een provinciegrens"
        in text
    )
    assert "(geen regio's opgegeven voor Zuid-Holland, Zeeland, Noord-Brabant)." in text
    assert "Groningen n.p., Drenthe 3.790" in text  # a closed round: not published
    assert "regions named" not in text and "each region once" not in text
    markdown = _run(("total", WOONDEALS, "--by", "regio", "-f", "markdown"))
    assert "| **Som**" in markdown and "* afgeleid; n.p. niet gepubliceerd" in markdown


def test_diff_in_dutch() -> None:
    text = " ".join(_run(("diff", INDICATIVE, "data")).split())
    assert "Drenthe: totaal: 18.000 → 13.631 (−4.369)" in text
    assert (
        "Landelijk totaal: ≥ 279.000 (4 van de 12 provincies) → 917.193 (12 van de 12 provincies); "
        "niet vergelijkbaar als landelijke cijfers: de dekking verschilt of is gedeeltelijk."
    ) in text
    assert "National totaal" not in text
    markdown = _run(("diff", INDICATIVE, "data", "-f", "markdown"))
    assert (
        "Landelijk totaal: ≥ 279.000" in markdown
        and "| Drenthe | totaal | 18.000 | 13.631 | −4.369 |" in markdown
    )


def test_diff_presence_in_dutch(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for name in ("ronde.yaml", "utrecht.yaml"):
        (tmp_path / "a" / name).write_bytes((ROOT / "data" / name).read_bytes())
    (tmp_path / "b" / "ronde.yaml").write_bytes((ROOT / "data" / "ronde.yaml").read_bytes())
    (tmp_path / "b" / "utrecht.yaml").write_text("provincie: Utrecht\ntotaal: [\n", encoding="utf-8")
    text = _run(("diff", str(tmp_path / "a"), str(tmp_path / "b")))
    assert "Utrecht: geen bruikbaar bod in de latere ronde: het bestand bevat fouten" in text


def _problems() -> ProblemReport:
    problems = [
        Problem("data/utrecht.yaml", 6, 9, "thousands-separator", Level.ERROR, "fout", "tip"),
        Problem("data/zeeland.yaml", 2, 1, "norm-national", Level.WARNING, "waarschuwing"),
        Problem("data/zeeland.yaml", 3, 1, "not-published", Level.INFO, "info"),
    ]
    return ProblemReport(
        "validate", problems, ["data/utrecht.yaml", "data/zeeland.yaml", "data/gelderland.yaml"]
    )


def test_problem_summaries_in_dutch() -> None:
    _dutch()
    report = _problems()
    assert (
        summary_line(report) == "3 biedingsbestanden gecontroleerd: 2 geldig, 1 fout, 1 waarschuwing, 1 info."
    )
    assert summary_line(ProblemReport("validate", [], ["a.yaml"])) == (
        "1 biedingsbestand gecontroleerd: alle geldig, geen problemen."
    )
    many = ProblemReport("check", [report.problems[2]] * 25, ["data/zeeland.yaml"], max_problems=2)
    out = StringIO()
    render_text(many, out)
    assert "… en nog 23 problemen (--max-problems 2); de afsluitcode telt ze allemaal mee." in out.getvalue()
    assert "Meest voorkomend: 25 × not-published." in out.getvalue()


def test_ci_formats_in_dutch() -> None:
    _dutch()
    report = _problems()
    out = StringIO()
    ci.render_github(report, out)
    assert out.getvalue().splitlines()[-1].startswith("3 biedingsbestanden gecontroleerd")
    assert (
        "::error file=data/utrecht.yaml,line=6,col=9,title=woonbod thousands-separator::fout — tip"
        in out.getvalue()
    )
    document = ci.sarif_document(report)
    rule = document["runs"][0]["tool"]["driver"]["rules"][0]  # type: ignore[index]
    assert "; standaardniveau: waarschuwing." in rule["fullDescription"]["text"]
    assert "Een rondebestand kan het niveau wijzigen onder `niveaus`." in rule["help"]["text"]
    assert rule["id"] == "norm-national" and rule["defaultConfiguration"]["level"] == "warning"
    out = StringIO()
    ci.render_junit(report, out)
    failure = ET.fromstring(out.getvalue().split("\n", 1)[1]).find(".//failure")
    assert failure is not None and failure.get("message") == "1 fout"
    summary = ci.markdown_summary(report, limit=1)
    assert "| waar | niveau | controle | probleem |" in summary
    assert "… en nog 2: 1 waarschuwing, 1 info." in summary


def test_init_refuses_an_unknown_province_in_dutch() -> None:
    _dutch()
    with pytest.raises(CannotRun, match=r"is geen Nederlandse provincie\. Bedoelt u Utrecht"):
        render_template("Utrect", "definitief", None)


def test_a_dutch_date_is_never_split() -> None:
    assert wrap("gesloten op 13 oktober 2022 en daarna", 20) == [
        "gesloten op",
        "13 oktober 2022 en",
        "daarna",
    ]


# The main screens in Dutch, at the widths people use: nothing wider, no cell cut off, every
# province shown. Dutch words are longer than English ones; the tables still fit.
DUTCH_SCREENS = [
    ["total", "data"],
    ["total", "data", "--segment", "all"],
    ["total", WOONDEALS, "--by", "regio", "--segment", "all"],
    ["status", "data"],
    ["status", INDICATIVE, "--as-of", "2022-06-20"],
    ["gaps", "data", "--as-of", "2022-10-20"],
    ["gaps", INDICATIVE, "--as-of", "2022-05-20"],
    ["knelpunten", "data"],
    ["diff", INDICATIVE, "data"],
]


@pytest.mark.parametrize("width", (60, 80))
@pytest.mark.parametrize("args", DUTCH_SCREENS, ids=" ".join)
def test_dutch_screens_fit(args: list[str], width: int) -> None:
    text = _run(tuple(args), width)
    lines = text.splitlines()
    assert lines and max(cell_len(line) for line in lines) <= width
    rows = [line for line in lines if line[:1] in "│┃"]
    assert not any(re.search(r"\S…|…\S", row) for row in rows), "a cell was cut off"
    if args[0] != "status":
        for province in PROVINCES:
            assert province.name in text, province.name
    assert text.split() == _run(tuple(args), 1000).split() or args[0] != "diff"

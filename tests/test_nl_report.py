"""The report (HTML, Markdown, the SVG charts) and the export (CSV, xlsx) in Dutch: one language
throughout, Dutch numbers and dates where people read them, plain numbers where a spreadsheet
reads them, and a CSV that Dutch Excel opens on a double click (``;`` and a byte order mark)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA, ROOT
from woonbod import i18n
from woonbod.cli import app
from woonbod.render.escaping import spreadsheet_cell

runner = CliRunner(env={"NO_COLOR": None, "FORCE_COLOR": None, "GITHUB_ACTIONS": None, "COLUMNS": None})
WOONDEALS = DATA / "rondes" / "2023-woondeals"
BOM = "\ufeff"
# Sentences the English report shows and the Dutch one must not.
ENGLISH = (
    "Housing construction bids",
    "National: total against the target",
    "Gross housing construction",
    "of the target",
    "/ target ",
    "partial sum",
    "split unknown",
    "Segments against the national targets",
    "dotted: derived",
    "Made with woonbod",
    "Notes per province",
    "Sources</h2>",
    "What the figures alone",
)


@pytest.fixture(scope="module")
def dutch_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    target = tmp_path_factory.mktemp("nl") / "rapport.html"
    args = ["report", str(DATA), "--lang", "nl", "-o", str(target), "--as-of", "2022-10-15"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"{target} geschreven\n"
    return target.read_text(encoding="utf-8")


def _tiles(html: str) -> dict[str, str]:
    return dict(re.findall(r'<g data-province="(\w\w)">.*?class="tile-value">([^<]*)</text></g>', html))


def test_dutch_html_report_speaks_dutch_with_dutch_numbers_and_dates(dutch_html: str) -> None:
    html = dutch_html
    assert '<html lang="nl">' in html
    assert "<h1>Woningbouwbiedingen: Definitieve provinciale biedingen 2022</h1>" in html
    assert (
        "Ronde: Definitieve provinciale biedingen 2022 · peildatum 15 oktober 2022 · "
        "deadline 1 oktober 2022 · 12 biedingen</p>"
    ) in html
    assert "<h2>Landelijk: totaal tegenover het doel</h2>" in html
    assert "Bruto woningbouw 2022-2030" in html and '<div class="big">917.193</div>' in html
    assert "12 van de 12 provincies" in html and "101,9% van het doel" in html
    assert "Ronde gesloten: wat niet gepubliceerd is (peildatum 15 oktober 2022)" in html
    assert "<th>op het spel</th><th>extra aangeboden</th>" in html
    assert "een doel met * is afgeleid uit een aandeel in de ronde" in html
    assert "<h2>Bronnen</h2>" in html and "<h2>Toelichting per provincie</h2>" in html
    assert re.search(r"<footer>Gemaakt met woonbod \S+ op \d{1,2} \w+ \d{4}\. Cijfers met \*", html)
    for sentence in ENGLISH:
        assert sentence not in html, sentence


def test_dutch_svg_charts(dutch_html: str) -> None:
    html = dutch_html
    assert "<title>Segmenten tegenover de landelijke doelen</title>" in html
    assert "917.193 / doel 900.000 (101,9%)</text>" in html
    # A partial sum is never a percentage of the national target; a derived target keeps its *.
    assert "39.180 / doel 250.000</text>" in html and "/ doel 600.000*</text>" in html
    assert "1 van de 12 provincies — deelsom, niet het landelijke cijfer — deels afgeleid</text>" in html
    assert "<title>Verdeling per provincie</title>" in html
    assert "16.500 (verdeling bij benadering, ca.)</text>" in html
    assert "28.359 (verdeling onbekend)</text>" in html
    assert ">gestippeld: afgeleid uit een percentage of uit de andere segmenten</text>" in html
    assert "<title>Kaart: totaal per provincie</title>" in html
    assert ">totaal, aantal woningen</text>" in html and ">n.p. niet gepubliceerd</text>" in html
    assert _tiles(html)["ZH"] == "235.460"


def test_dutch_map_tiles_and_tooltips(tmp_path: Path, broken_copy: Path) -> None:
    target = tmp_path / "kaart.html"
    result = runner.invoke(
        app, ["report", str(DATA), "--lang", "nl", "--kaart", "betaalbaar", "-o", str(target)]
    )
    assert result.exit_code == 0, result.stderr
    html = target.read_text(encoding="utf-8")
    tiles = _tiles(html)
    assert tiles["ZE"] == "ca. 11.000*" and tiles["NB"] == "87.067*" and tiles["FR"] == "n.p."
    assert "<title>betaalbaar (verdeling onbekend): ca. 11.000 (afgeleid)</title>" in html
    (broken_copy / "zeeland.yaml").unlink()
    broken = runner.invoke(app, ["report", str(broken_copy), "--lang", "nl"])
    assert broken.exit_code == 1
    tiles = _tiles(broken.stdout)
    assert tiles["UT"] == "fouten" and tiles["ZE"] == "geen bod"
    assert "onbekend (bestand met fouten)" in broken.stdout and "onbekend (geen bod)" in broken.stdout
    assert "<strong>1 fout in de bestanden (niet meegeteld)</strong>" in broken.stdout
    assert "file with errors" not in broken.stdout and "no bid" not in broken.stdout


def test_english_html_report_has_no_dutch_sentences_of_its_own() -> None:
    html = runner.invoke(app, ["report", str(DATA), "--as-of", "2022-10-15"]).stdout
    assert '<html lang="en">' in html
    assert "<h1>Housing construction bids: Definitieve provinciale biedingen 2022</h1>" in html
    assert "as of 2022-10-15 · deadline 2022-10-01 · 12 bids" in html
    assert "917 193 / target 900 000 (101.9%)" in html and "Made with woonbod" in html
    for dutch in (
        "Landelijk: totaal",
        "Bruto woningbouw",
        "peildatum",
        "van het doel",
        "/ doel ",
        "deelsom",
        "verdeling onbekend",
        "gestippeld",
        "Gemaakt met",
        "Toelichting per provincie",
        "<h2>Bronnen</h2>",
        "Geen enkel bod",
    ):
        assert dutch not in html, dutch


def test_dutch_markdown_report() -> None:
    result = runner.invoke(
        app, ["report", str(DATA), "--lang", "nl", "-f", "markdown", "--as-of", "2022-10-15"]
    )
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith(
        "# Woningbouwbiedingen: Definitieve provinciale biedingen 2022\n\n"
        "Peildatum 15 oktober 2022, 12 biedingen.\n\n## Segmenten tegenover de landelijke doelen\n"
    )
    assert "## Ronde gesloten: wat niet gepubliceerd is\n" in out
    assert "## Bod tegenover opgave (benodigd)\n" in out
    assert "| Provincie     |   bod (totaal) |   opgave (benodigd) |   bod / opgave |" in out
    # A Dutch 17.500 is seventeen thousand five hundred: the table must not read it as 17.5.
    fryslan = next(line for line in out.splitlines() if line.startswith("| Fryslân ") and "111,6%" in line)
    assert "17.500" in fryslan and "15.680" in fryslan
    assert "## Toelichting per provincie\n" in out and "## Bronnen\n" in out
    assert re.search(r"\n_Gemaakt met woonbod \S+\. Een \* markeert een afgeleid cijfer\._\n$", out)
    for sentence in (
        "Housing construction",
        "As of ",
        "## Sources",
        "## Notes",
        "Made with",
        "## Bid against",
    ):
        assert sentence not in out, sentence


def test_dutch_markdown_regions_and_errors(broken_copy: Path) -> None:
    regions = runner.invoke(app, ["report", str(WOONDEALS), "--lang", "nl", "-f", "markdown"]).stdout
    assert "\n## Regio's\n" in regions and "## Regions" not in regions
    broken = runner.invoke(app, ["report", str(broken_copy), "--lang", "nl", "-f", "markdown"]).stdout
    assert re.search(
        r"^Peildatum \d{1,2} \w+ \d{4}, 12 biedingen, 1 fout in de bestanden \(niet meegeteld\)\.$",
        broken,
        re.M,
    )


def test_target_bar_notes_in_dutch() -> None:
    from woonbod.analysis.report import build_report
    from woonbod.checks.validation import load_checked

    i18n.use("nl")
    dataset, problems = load_checked([DATA])
    bars = {bar.label: bar for bar in build_report(dataset, problems, dt.date(2022, 10, 15)).target_bars()}
    assert bars["totaal"].note == "12 van de 12 provincies"
    assert bars["betaalbaar"].note == (
        "2 van de 12 provincies — deelsom, niet het landelijke cijfer — deels afgeleid — bij benadering (ca.)"
    )


def _csv(*args: str) -> str:
    result = runner.invoke(app, ["export", str(DATA), "-f", "csv", "--as-of", "2022-10-15", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_dutch_csv_opens_in_dutch_excel(tmp_path: Path) -> None:
    target = tmp_path / "biedingen.csv"
    result = runner.invoke(app, ["export", str(DATA), "-f", "csv", "--lang", "nl", "-o", str(target)])
    assert result.exit_code == 0 and result.stderr == f"{target} geschreven\n"
    raw = target.read_bytes()
    # The byte order mark, once, before the first header; then the Dutch headers, ; between.
    assert raw.startswith(b"\xef\xbb\xbfprovincie;code;bestand;ronde;ingediend;status;totaal;totaal_max;")
    assert raw.count(b"\xef\xbb\xbf") == 1 and "Fryslân".encode() in raw
    text = raw.decode("utf-8-sig")
    sample = "\n".join(text.splitlines()[:4])
    assert csv.Sniffer().sniff(sample, delimiters=";,").delimiter == ";"
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert list(rows[0])[6:10] == ["totaal", "totaal_max", "totaal_herkomst", "totaal_bron"]
    by_name = {row["provincie"]: row for row in rows}
    assert "Fryslân" in by_name and by_name["Fryslân"]["code"] == "NL-FR"
    brabant, zeeland, groningen = by_name["Noord-Brabant"], by_name["Zeeland"], by_name["Groningen"]
    # Numbers stay plain machine numbers: no thousands separator, whatever the language.
    assert brabant["totaal"] == "130600" and brabant["sociale_huur"] == "39180"
    assert (
        brabant["totaal_herkomst"] == "gegeven" and brabant["sociale_huur_herkomst"] == "afgeleid (aandeel)"
    )
    assert brabant["overig_herkomst"] == "afgeleid (verschil)"
    assert zeeland["betaalbaar_herkomst"] == "afgeleid (aandeel), bij benadering (ca.)"
    assert groningen["sociale_huur_herkomst"] == "niet gepubliceerd"
    assert groningen["status"].startswith("ingediend")
    assert brabant["sociale_huur_bron"] == (
        "https://www.omroepbrabant.nl/nieuws/4163483/13000-nieuwe-huizen-bouwen-per-jaar-maar-de-vraag-is-of-dat-lukt"
    )
    assert groningen["sociale_huur_bron"] == ""  # not published: no source to name
    assert "knelpunten_woningen_op_het_spel" in rows[0] and "knelpunten_extra_woningen_aangeboden" in rows[0]
    # (The status column's detail, "date not published", is the gaps renderer's to translate.)
    ours = " ".join(value for row in rows for key, value in row.items() if key != "status")
    for english in ("given", "derived", "not published", "approximate", "share", "difference"):
        assert english not in ours and english not in text.splitlines()[0], english


def test_english_csv_has_commas_and_no_bom() -> None:
    out = _csv()
    assert out.startswith(
        "province,code,file,round,submitted,status,totaal,totaal_max,totaal_origin,totaal_source,"
    )
    assert BOM not in out and ";" not in out.splitlines()[0]
    assert ",130600,,given," in out and "derived (share)" in out


@pytest.mark.parametrize(
    ("delimiter", "separator"), [(",", ","), (";", ";"), ("tab", "\t")], ids=["comma", "semicolon", "tab"]
)
def test_delimiter_chooses_the_separator(delimiter: str, separator: str) -> None:
    dutch = _csv("--lang", "nl", "--delimiter", delimiter)
    assert dutch.startswith(f"{BOM}provincie{separator}code{separator}bestand{separator}")
    english = _csv("--delimiter", delimiter)
    assert english.startswith(f"province{separator}code{separator}file{separator}")


def test_delimiter_is_refused_where_it_means_nothing(tmp_path: Path) -> None:
    bad = runner.invoke(app, ["export", str(DATA), "-f", "csv", "--delimiter", "|"])
    assert bad.exit_code == 2 and "--delimiter" in bad.stderr
    workbook = ["export", str(DATA), "--lang", "nl", "--delimiter", ";", "-o", str(tmp_path / "w.xlsx")]
    result = runner.invoke(app, workbook)
    assert result.exit_code == 2 and "--delimiter is voor --format csv" in result.stderr
    assert not (tmp_path / "w.xlsx").exists()
    result = runner.invoke(app, ["export", str(DATA), "--lang", "nl"])
    assert result.exit_code == 2 and "--format xlsx heeft --output BESTAND nodig" in result.stderr


def test_dutch_xlsx_carries_each_figures_source(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "biedingen.xlsx"
    args = ["export", str(DATA), "--lang", "nl", "-o", str(target), "--as-of", "2022-10-15"]
    assert runner.invoke(app, args).exit_code == 0
    book = load_workbook(target)
    assert book.sheetnames == ["Provincies", "Landelijk"]
    sheet = book["Provincies"]
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["provincie", "code", "bestand", "ronde", "ingediend", "status"]
    where = header.index("betaalbaar_herkomst")
    assert header[where - 2 : where + 2] == [
        "betaalbaar",
        "betaalbaar_max",
        "betaalbaar_herkomst",
        "betaalbaar_bron",
    ]
    rows = {
        row[0]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert "Fryslân" in rows and rows["Fryslân"]["totaal"] == 17_500
    zeeland = rows["Zeeland"]
    assert zeeland["betaalbaar"] == 11_000 and zeeland["betaalbaar_herkomst"].startswith("afgeleid (aandeel)")
    assert zeeland["betaalbaar_bron"] == (
        "https://www.nu.nl/walcheren-en-beveland/6229814/in-acht-jaar-tijd-16500-nieuwe-huizen-er-bij-in-zeeland.html"
    )
    # Two sources of one figure: both URLs, a space between (a URL holds none).
    assert rows["Utrecht"]["totaal_bron"].split(" ") == [
        "https://vtw.nl/nieuwsbrief/259/artikel/2222",
        "https://www.provincie-utrecht.nl/actueel/nieuws/provincie-utrecht-zet-op-bouw-van-83500-woningen-tot-en-met-2030",
    ]
    assert sheet.cell(row=2, column=header.index("totaal") + 1).number_format == "#,##0"
    assert sheet.cell(row=2, column=header.index("ingediend") + 1).number_format == "yyyy-mm-dd"
    national_header = [c.value for c in book["Landelijk"][1]]
    assert national_header[:3] == ["segment", "som", "som_max"] and national_header[-1] == "bij_benadering"
    national = {
        row[0]: dict(zip(national_header, row, strict=True))
        for row in book["Landelijk"].iter_rows(min_row=2, values_only=True)
    }
    assert national["totaal"]["volledig"] == "ja" and national["sociale_huur"]["volledig"] == "nee (deelsom)"
    assert (
        national["betaalbaar"]["doel_afgeleid"] == "ja" and national["betaalbaar"]["bij_benadering"] == "ja"
    )
    assert (
        book["Landelijk"].cell(row=2, column=national_header.index("aandeel_van_doel") + 1).number_format
        == "0.0%"
    )


def test_english_xlsx_names_the_source_column_in_english(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "bids.xlsx"
    assert runner.invoke(app, ["export", str(DATA), "-o", str(target)]).exit_code == 0
    book = load_workbook(target)
    assert book.sheetnames == ["Provinces", "National"]
    header = [c.value for c in book["Provinces"][1]]
    assert "sociale_huur_origin" in header and "sociale_huur_source" in header
    assert not any("herkomst" in name or "bron" in name for name in header)


def test_spreadsheet_escaping_holds_for_the_new_columns_and_the_bom(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import load_workbook

    folder = tmp_path / "=1+1"
    folder.mkdir()
    (folder / "utrecht.yaml").write_text(
        "provincie: Utrecht\nronde: definitief\ntotaal: 83500\n"
        "bronnen:\n  - url: https://example.org/=cmd\n    over: [totaal]\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    text = runner.invoke(app, ["export", "=1+1", "-f", "csv", "--lang", "nl"]).stdout
    assert text.startswith(BOM + "provincie;")
    utrecht = next(
        row for row in csv.reader(io.StringIO(text.removeprefix(BOM)), delimiter=";") if row[0] == "Utrecht"
    )
    assert utrecht[2] == "'=1+1/utrecht.yaml" and utrecht[9] == "https://example.org/=cmd"
    assert runner.invoke(app, ["export", "=1+1", "--lang", "nl", "-o", "w.xlsx"]).exit_code == 0
    sheet = load_workbook(tmp_path / "w.xlsx")["Provincies"]
    assert all(not str(c.value or "").startswith("=") for row in sheet.iter_rows() for c in row)
    # A value that starts with a byte order mark before its formula is escaped all the same.
    assert spreadsheet_cell(BOM + "=HYPERLINK(1)") == "'" + BOM + "=HYPERLINK(1)"
    assert spreadsheet_cell("\u200b+1") == "'\u200b+1"
    assert spreadsheet_cell(BOM + "Fryslân") == BOM + "Fryslân"


@pytest.mark.parametrize(
    ("command", "texts"),
    [
        ("export", ("Het scheidingsteken van de CSV", "xlsx of csv.")),
        ("report", ("Het segment dat de kleuren van de kaart bepaalt.", "html of markdown.")),
    ],
)
def test_report_and_export_help_in_dutch(command: str, texts: tuple[str, ...]) -> None:
    env = {**os.environ, "WOONBOD_LANG": "nl", "COLUMNS": "200"}
    argv = [sys.executable, "-m", "woonbod", command, "--help"]
    out = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=ROOT, check=True).stdout
    for text in texts:
        assert text in out, text


@pytest.mark.parametrize(
    ("lang", "unpublished", "unknown"),
    [("nl", "niet gepubliceerd", "onbekend"), ("en", "not published", "unknown")],
)
def test_the_chart_says_not_published_in_a_closed_round_and_unknown_in_an_open_one(
    lang: str, unpublished: str, unknown: str, open_data: Path, tmp_path: Path
) -> None:
    """corporaties has no figure in any 2022 bid: not published once the round closed, not yet
    known while it is open; never one word for both."""
    closed = runner.invoke(app, ["--lang", lang, "report", str(DATA), "-o", str(tmp_path / "c.html")])
    assert closed.exit_code == 0, closed.output
    opened = runner.invoke(app, ["--lang", lang, "report", str(open_data), "-o", str(tmp_path / "o.html")])
    assert opened.exit_code in (0, 1), opened.output
    target = "300.000" if lang == "nl" else "300 000"
    assert (
        f"{unpublished} / {'doel' if lang == 'nl' else 'target'} {target}"
        in (tmp_path / "c.html").read_text()
    )
    assert f"{unknown} / {'doel' if lang == 'nl' else 'target'} {target}" in (tmp_path / "o.html").read_text()

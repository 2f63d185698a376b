"""report (HTML and Markdown, rendered in a real browser), export (xlsx, csv) and diff."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA
from woonbod.cli import app

runner = CliRunner(env={"NO_COLOR": None, "FORCE_COLOR": None, "GITHUB_ACTIONS": None, "COLUMNS": None})
INDICATIVE = DATA / "rondes" / "2022-06-indicatief"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def report_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("report") / "report.html"
    result = runner.invoke(app, ["report", str(DATA), "--output", str(target), "--as-of", "2022-10-15"])
    assert result.exit_code == 0, result.stderr
    return target


def test_report_says_closed_round_not_published_and_keeps_knelpunten_apart(report_html: Path) -> None:
    html = report_html.read_text()
    assert '<div class="kpi"><div class="note">Not published</div>' in html
    assert "Round closed: what was not published" in html and "missing after the deadline" in html
    assert '<td class="unpublished" title="">n.p.</td>' in html and 'class="missing"' not in html
    assert "<th>at stake</th><th>extra offered</th>" in html
    assert '<th class="num">+25 800</th>' in html
    # A partial sum is never a percentage of the national target.
    assert "39 180 / target 250 000 (" not in html and "39 180 / target 250 000" in html


def test_report_is_self_contained(report_html: Path) -> None:
    html = report_html.read_text()
    assert html.count("<svg") == 3
    # Nothing is fetched: no script, stylesheet or image from anywhere else.
    assert not re.search(r"<(script|link|img)\b", html)
    assert "http" not in "".join(re.findall(r'(?:src|href)="([^"]*)"', html.split('id="bronnen"')[0]))


def test_report_content(report_html: Path) -> None:
    html = report_html.read_text()
    assert "917 193" in html and "900 000" in html
    assert "partial sum, not the national figure" in html  # partial segment sums are labelled
    for url in (
        "https://vtw.nl/nieuwsbrief/259/artikel/2222",
        "https://www.omroepbrabant.nl/nieuws/4163483/13000-nieuwe-huizen-bouwen-per-jaar-maar-de-vraag-is-of-dat-lukt",
    ):
        assert f'href="{url}"' in html
    assert 'data-province="NB"' in html and html.count("data-province=") == 12
    assert 'data-segment="sociale_huur"' in html  # Noord-Brabant's split is drawn
    assert "@media print" in html


def test_report_refuses_to_overwrite(report_html: Path) -> None:
    before = report_html.read_text()
    result = runner.invoke(app, ["report", str(DATA), "--output", str(report_html)])
    assert result.exit_code == 2 and "exists already" in result.stderr
    assert report_html.read_text() == before


def test_report_markdown() -> None:
    result = runner.invoke(app, ["report", str(DATA), "--format", "markdown", "--as-of", "2022-10-15"])
    assert result.exit_code == 0
    assert result.stdout.startswith("# Housing construction bids: Definitieve provinciale biedingen 2022\n")
    assert "<https://vtw.nl/nieuwsbrief/259/artikel/2222>" in result.stdout
    # The round is closed: nothing is owed, what is unknown was not published.
    assert "## Round closed: what was not published" in result.stdout
    assert "| Groningen     | ✓ n.p. |" in result.stdout
    assert "at stake" in result.stdout and "extra offered" in result.stdout


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium on this machine (apt-get install chromium); .ci/run installs it so CI runs this test",
)
def test_report_renders_in_chromium(report_html: Path, tmp_path: Path) -> None:
    from PIL import Image

    shot = tmp_path / "shot.png"
    subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--hide-scrollbars",
            "--window-size=1000,3200",
            f"--screenshot={shot}",
            report_html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    raw = Image.open(shot).convert("RGB").tobytes()
    pixels = [tuple(raw[i : i + 3]) for i in range(0, len(raw), 3)]

    def count(rgb: tuple[int, int, int]) -> int:
        return sum(1 for p in pixels if all(abs(a - b) <= 12 for a, b in zip(p, rgb, strict=True)))

    assert count((0x00, 0x72, 0xB2)) > 500, "the bars (sociale huur blue) are drawn"
    assert count((0xE6, 0x9F, 0x00)) > 500, "the overig part of the stacked bars is drawn"
    assert count((0xD5, 0x5E, 0x00)) > 30, "the target lines are drawn"


def test_export_xlsx(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "biedingen.xlsx"
    result = runner.invoke(app, ["export", str(DATA), "--output", str(target), "--as-of", "2022-10-15"])
    assert result.exit_code == 0
    book = load_workbook(target)
    sheet = book["Provinces"]
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b
    header = [c.value for c in sheet[1]]
    brabant = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "Noord-Brabant")
    record = dict(zip(header, brabant, strict=True))
    assert record["totaal"] == 130_600 and record["sociale_huur"] == 39_180
    assert record["sociale_huur_origin"] == "derived (share)"
    assert sheet.cell(row=2, column=header.index("totaal") + 1).number_format == "#,##0"
    national = {row[0]: row for row in book["National"].iter_rows(min_row=2, values_only=True)}
    assert national["totaal"][1] == 917_193 and national["totaal"][6] == 900_000
    assert national["sociale_huur"][5] == "no (partial sum)"
    # A partial sum: no share of the national target, but the share of the provinces' own totaal.
    national_header = [c.value for c in book["National"][1]]
    sociale_huur = dict(zip(national_header, national["sociale_huur"], strict=True))
    assert sociale_huur["share_of_target"] in (None, "") and sociale_huur["share_of_own_totaal"] == 0.3
    betaalbaar = dict(zip(national_header, national["betaalbaar"], strict=True))
    assert betaalbaar["approximate"] == "yes"
    rows = {
        row[0]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert rows["Zeeland"]["betaalbaar_origin"] == "derived (share), approximate (ca.)"
    assert rows["Groningen"]["sociale_huur_origin"] == "not published"
    assert rows["Groningen"]["status"] == "submitted (date not published)"
    # Homes at stake and extra homes offered: two columns, never added.
    assert rows["Limburg"]["knelpunten_homes_at_stake"] in (None, "")
    assert rows["Limburg"]["knelpunten_extra_homes_offered"] == 20_000


def test_export_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "biedingen.csv"
    target.write_text("mijn werk\n")
    result = runner.invoke(app, ["export", str(DATA), "-f", "csv", "--output", str(target)])
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"woonbod: {target} exists already: nothing was written (use --force to overwrite it)\n"
    )
    assert target.read_text() == "mijn werk\n"
    assert runner.invoke(app, ["export", str(DATA), "-f", "csv", "-o", str(target), "--force"]).exit_code == 0
    assert target.read_text().startswith("province,code,file,")


def test_export_xlsx_needs_a_file() -> None:
    result = runner.invoke(app, ["export", str(DATA)])
    assert result.exit_code == 2 and "needs --output FILE" in result.stderr


def test_diff_indicative_to_definitive() -> None:
    result = runner.invoke(app, ["diff", str(INDICATIVE), str(DATA)])
    assert result.exit_code == 0
    assert "Zuid-Holland:\n  totaal: 153 000–225 000 → 235 460\n" in result.stdout
    assert "Drenthe:\n  totaal: 18 000 → 13 631 (−4 369)\n  ronde: indicatief → definitief\n" in result.stdout
    assert (
        "  knelpunt onrendabele_toppen: — → added (5 800 extra homes offered on conditions)\n"
        in result.stdout
    )
    # The eight indicative bids that were never published are not "added" in October.
    assert "bid added" not in result.stdout
    assert "Groningen:\n  totaal: not published → 28 359\n" in result.stdout
    assert "Zeeland:\n  totaal: 18 000 → 16 500 (−1 500)\n  betaalbaar: not published → ca. 11 000*\n" in (
        result.stdout
    )
    # The June Zuid-Holland "40%" was about all plans, not the bid: no affordable figure to compare.
    assert "Zuid-Holland:\n  totaal: 153 000–225 000 → 235 460\n  ronde: indicatief → definitief\n" in (
        result.stdout
    )
    assert result.stdout.rstrip().endswith(
        "National totaal: ≥ 279 000 (4 of 12 provinces) → 917 193 (12 of 12 provinces); not comparable as "
        "national figures: coverage differs or is partial."
    )


def test_diff_a_bid_added_is_not_a_bid_unpublished(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    (old / "ronde.yaml").write_text("ronde: indicatief\ngesloten: true\n")
    (new / "ronde.yaml").write_text("ronde: indicatief\n")
    (old / "utrecht.yaml").write_text("provincie: Utrecht\nronde: indicatief\ningediend: onbekend\n")
    for folder in (new,):
        (folder / "utrecht.yaml").write_text("provincie: Utrecht\nronde: indicatief\ntotaal: 1000\n")
        (folder / "zeeland.yaml").write_text("provincie: Zeeland\nronde: indicatief\ntotaal: 500\n")
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert "Utrecht:\n  totaal: not published → 1 000\nZeeland: bid added\n" in result.stdout
    assert "Zeeland: bid added\n  totaal: unknown → 500\n" in result.stdout


def test_diff_json_and_markdown() -> None:
    document = json.loads(runner.invoke(app, ["diff", str(INDICATIVE), str(DATA), "-f", "json"]).stdout)
    zeeland = next(p for p in document["provinces"] if p["provincie"] == "Zeeland")
    assert {
        "what": "totaal",
        "old": "18 000",
        "new": "16 500",
        "delta": -1500,
        "kind": "segment",
        "key": "totaal",
        "old_state": "given",
        "old_value": 18000,
        "new_state": "given",
        "new_value": 16500,
    } in zeeland["changes"]
    markdown = runner.invoke(app, ["diff", str(INDICATIVE), str(DATA), "-f", "markdown"]).stdout
    assert "| Zeeland | totaal | 18 000 | 16 500 | −1 500 |" in markdown


def test_diff_topics_deferred_then_delivered(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    (old / "utrecht.yaml").write_text(
        "provincie: Utrecht\nronde: definitief\ntotaal: 1000\n"
        "onderwerpen: {transformatie: {uitgesteld_tot: 2023-06-30}}\n"
        "knelpunten: [{soort: stikstof, woningen: 100}]\n"
    )
    (new / "utrecht.yaml").write_text(
        "provincie: Utrecht\nronde: definitief\ntotaal: 1100\nonderwerpen: {transformatie: 120}\n"
        "knelpunten: []\n"
    )
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert "  totaal: 1 000 → 1 100 (+100)\n" in result.stdout
    assert "  knelpunt stikstof: 100 homes at stake → no longer named\n" in result.stdout
    assert "  transformatie: deferred until 2023-06-30 → 120\n" in result.stdout
    assert (
        "National totaal: 1 000 (1 of 12 provinces) → 1 100 (1 of 12 provinces); not comparable"
        in result.stdout
    )


@pytest.mark.parametrize(
    "command",
    [
        ["report", str(DATA), "-o"],
        ["schema", "-o"],
        ["gaps", str(DATA), "-f", "csv", "-o"],
        ["export", str(DATA), "-o"],
        ["export", str(DATA), "-f", "csv", "-o"],
        ["validate", str(DATA), "-f", "sarif", "-o"],
        ["init", "utrecht", "-o"],
    ],
)
def test_unwritable_output_exits_2_without_traceback(tmp_path: Path, command: list[str]) -> None:
    target = tmp_path / "no-such-folder" / "out.file"
    result = runner.invoke(app, [*command, str(target)])
    assert result.exit_code == 2
    assert result.stderr == f"woonbod: {target}: cannot write: No such file or directory\n"
    assert result.exception is None or isinstance(result.exception, SystemExit)


# Measured inside the page: how wide the document is, and the smallest chart text as drawn
# (its font size times the SVG's scale on screen).
MEASURE = """<script>
window.addEventListener('load', function () {
  var doc = document.getElementById('page').contentDocument, win = doc.defaultView, sizes = [];
  doc.querySelectorAll('svg text').forEach(function (t) {
    var m = t.getScreenCTM();
    sizes.push(parseFloat(win.getComputedStyle(t).fontSize) * Math.sqrt(m.a * m.a + m.b * m.b));
  });
  var out = {scrollWidth: doc.documentElement.scrollWidth, width: win.innerWidth,
             smallest: Math.min.apply(null, sizes), texts: sizes.length,
             tables: Array.prototype.map.call(doc.querySelectorAll('table'), function (t) {
               return t.parentElement.className; })};
  var p = document.createElement('pre'); p.id = 'measure'; p.textContent = JSON.stringify(out);
  document.body.appendChild(p);
});
</script>"""


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium on this machine (apt-get install chromium); .ci/run installs it so CI runs this test",
)
@pytest.mark.parametrize(
    "folder", [DATA, INDICATIVE, DATA / "rondes" / "2023-woondeals"], ids=["definitief", "indicatief", "2023"]
)
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["en", "nl"])  # Dutch words are longer
def test_report_fits_a_phone_and_a_screen(folder: Path, width: int, lang: str, tmp_path: Path) -> None:
    import html
    import json

    report = tmp_path / "report.html"
    args = ["--lang", lang, "report", str(folder), "--output", str(report), "--as-of", "2022-10-15"]
    assert runner.invoke(app, args).exit_code in (0, 1)
    # Headless Chromium will not make a window narrower than 500 px: the report goes into an
    # iframe of the width under test (srcdoc: same origin, so the page can be measured).
    harness = tmp_path / "harness.html"
    harness.write_text(
        f'<!DOCTYPE html><html><body style="margin:0"><iframe id="page" '
        f'style="width:{width}px;height:3000px;border:0" '
        f'srcdoc="{html.escape(report.read_text(), quote=True)}"></iframe>{MEASURE}</body></html>'
    )
    done = subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--hide-scrollbars",
            f"--window-size={max(width, 500)},3200",
            "--dump-dom",
            harness.as_uri(),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    found = re.search(r'<pre id="measure">(.*?)</pre>', done.stdout)
    assert found, done.stdout[-2000:]
    measured = json.loads(html.unescape(found.group(1)))
    assert measured["width"] == width
    assert measured["scrollWidth"] == width, "the page scrolls sideways"
    assert measured["texts"] > 50 and measured["smallest"] >= 11 - 0.01
    assert set(measured["tables"]) == {"scroll"}, "every table scrolls inside its own box"


def test_diff_a_bid_without_knelpunten_does_not_resolve_them(tmp_path: Path) -> None:
    """Absent is unknown: a later round that does not list knelpunten has not resolved any."""
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    (old / "utrecht.yaml").write_text(
        "provincie: Utrecht\nronde: definitief\nknelpunten: [{soort: stikstof, woningen: 100}]\n"
    )
    (new / "utrecht.yaml").write_text("provincie: Utrecht\nronde: definitief\n")
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert "  knelpunt stikstof: 100 homes at stake → not listed\n" in result.stdout
    assert "resolved" not in result.stdout


def test_diff_from_2022_to_the_2023_woondeals() -> None:
    result = runner.invoke(app, ["diff", str(DATA), str(DATA / "rondes" / "2023-woondeals")])
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("Definitieve provinciale biedingen 2022 → Regionale woondeals 2023\n")
    assert "Gelderland:\n  totaal: 100 000 → 104 000 (+4 000)\n" in out
    assert "Zuid-Holland:\n  totaal: 235 460 → 247 896 (+12 436)\n" in out
    assert "  regio Groningen-Assen (part in Drenthe): not listed → 3 790\n" in out
    assert "  regio MRA (part in Flevoland): not listed → 31 400\n" in out
    # Knelpunten the 2023 files do not list are not "resolved".
    assert "resolved" not in out
    assert out.endswith(
        "National totaal: 917 193 (12 of 12 provinces) → 934 962 (12 of 12 provinces) (+17 769).\n"
    )


def test_the_woondeals_round_works_with_every_command(tmp_path: Path) -> None:
    folder = str(DATA / "rondes" / "2023-woondeals")
    for command in (
        ["validate", folder],
        ["status", folder],
        ["total", folder, "-s", "all"],
        ["report", folder],
    ):
        assert runner.invoke(app, command).exit_code == 0, command
    result = runner.invoke(app, ["export", folder, "--output", str(tmp_path / "w.xlsx")])
    assert result.exit_code == 0 and (tmp_path / "w.xlsx").stat().st_size > 0
    report = runner.invoke(app, ["report", folder, "-f", "markdown"]).stdout
    assert "## Regions\n" in report and "| Groningen-Assen       | Groningen, Drenthe " in report
    assert "Zeeland: De delen tellen in de bron niet op tot het geheel" in report


def test_the_province_bars_say_when_a_split_is_approximate(report_html: Path) -> None:
    # Zeeland's betaalbaar is "about two thirds" ({ca: "2/3"}): its bar must not look exact.
    page = report_html.read_text(encoding="utf-8")
    assert "16 500 (split approximate, ca.)" in page
    assert "130 600 (split approximate" not in page  # Noord-Brabant's split is exact


def test_implausible_totaal_is_an_error_and_xlsx_holds_the_file_figure_exactly(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    folder = tmp_path / "bids"
    folder.mkdir()
    bid = folder / "utrecht.yaml"
    bid.write_text("provincie: Utrecht\nronde: definitief\ntotaal: 9007199254740993\n")
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    assert f"{bid}:3:9: error [implausible-number] totaal: 9 007 199 254 740 993 homes" in result.stdout
    status = runner.invoke(app, ["status", str(folder)])
    assert "111111" not in status.stdout
    # The largest figure the bound allows reaches the spreadsheet exactly as written.
    bid.write_text("provincie: Utrecht\nronde: definitief\ntotaal: 10000000\n")
    target = tmp_path / "out.xlsx"
    assert runner.invoke(app, ["export", str(folder), "-o", str(target)]).exit_code == 0
    sheet = load_workbook(target)["Provinces"]
    header = [c.value for c in sheet[1]]
    utrecht = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "Utrecht")
    assert dict(zip(header, utrecht, strict=True))["totaal"] == 10_000_000


def test_implausible_count_in_the_round_file_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "bids"
    shutil.copytree(DATA / "rondes" / "2023-woondeals", folder)
    ronde = folder / "ronde.yaml"
    ronde.write_text(ronde.read_text().replace("totaal: 981000", "totaal: 999999999999"))
    result = runner.invoke(app, ["status", str(folder)])
    assert result.exit_code != 0
    assert "implausible-number" in result.stdout + result.stderr
    assert "111111" not in result.stdout


def test_a_derived_target_is_marked_everywhere_a_target_is_shown(report_html: Path) -> None:
    # betaalbaar's 600 000 is two thirds of the round's 900 000: derived, never as if stated.
    table = runner.invoke(app, ["total", str(DATA), "--segment", "all"]).stdout
    target_row = next(line for line in table.splitlines() if line.startswith("│ Target"))
    assert "600 000* │" in target_row and "900 000 │" in target_row and "250 000 │" in target_row
    markdown = runner.invoke(app, ["total", str(DATA), "--segment", "all", "-f", "markdown"]).stdout
    assert "600 000\\* |" in next(line for line in markdown.splitlines() if line.startswith("| Target"))
    single = runner.invoke(app, ["total", str(DATA), "--segment", "betaalbaar"]).stdout
    assert "│ Target        │    600 000* │" in single
    report = runner.invoke(app, ["report", str(DATA), "-f", "markdown"]).stdout
    assert "600 000\\* |" in next(line for line in report.splitlines() if line.startswith("| Target"))
    assert "600 000 |" not in report
    html = report_html.read_text()
    assert "a target with * is derived from a share in" in html
    assert "/ target 600 000*</text>" in html and "/ target 600 000</text>" not in html


def test_diff_from_an_approximate_figure_is_approximate() -> None:
    """ca. 11 000 → 11 370 is not exactly +370: the change says ca. in every format."""
    args = ["diff", str(DATA), str(DATA / "rondes" / "2023-woondeals")]
    text = runner.invoke(app, args).stdout
    assert "  betaalbaar: ca. 11 000* → 11 370* (ca. +370)\n" in text
    assert "(+370)" not in text
    markdown = runner.invoke(app, [*args, "-f", "markdown"]).stdout
    assert "| Zeeland | betaalbaar | ca. 11 000\\* | 11 370\\* | ca. +370 |" in markdown
    document = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    zeeland = next(p for p in document["provinces"] if p["provincie"] == "Zeeland")
    change = next(c for c in zeeland["changes"] if c["what"] == "betaalbaar")
    assert change["delta"] == 370 and change["approximate"] is True
    gelderland = next(p for p in document["provinces"] if p["provincie"] == "Gelderland")
    totaal = next(c for c in gelderland["changes"] if c["what"] == "totaal")
    assert totaal["delta"] == 4000 and "approximate" not in totaal


def test_diff_a_bid_file_with_errors_is_not_a_bid_removed(broken_copy: Path) -> None:
    broken = broken_copy
    utrecht = broken / "utrecht.yaml"
    later = runner.invoke(app, ["diff", str(DATA), str(broken)])
    assert "bid removed" not in later.stdout and "bid added" not in later.stdout
    assert f"Utrecht: no usable bid in the later round: the file has errors ({utrecht})\n" in later.stdout
    earlier = runner.invoke(app, ["diff", str(broken), str(DATA)])
    assert "Utrecht: no usable bid in the earlier round: the file has errors" in earlier.stdout
    assert "bid added" not in earlier.stdout
    document = json.loads(runner.invoke(app, ["diff", str(DATA), str(broken), "-f", "json"]).stdout)
    entry = next(p for p in document["provinces"] if p["provincie"] == "Utrecht")
    assert entry["presence"] == "invalid-later" and entry["files_with_errors"] == [str(utrecht)]


def test_diff_against_one_named_file_removes_no_other_province() -> None:
    result = runner.invoke(app, ["diff", str(DATA), str(DATA / "rondes" / "2023-woondeals" / "drenthe.yaml")])
    assert "bid removed" not in result.stdout
    assert "Drenthe:\n  totaal: 13 631 → 13 864 (+233)\n" in result.stdout
    assert "Groningen: not compared: one round was given as a file" in result.stdout
    document = json.loads(
        runner.invoke(
            app, ["diff", str(DATA), str(DATA / "rondes" / "2023-woondeals" / "drenthe.yaml"), "-f", "json"]
        ).stdout
    )
    presence = {p["provincie"]: p["presence"] for p in document["provinces"]}
    assert presence["Drenthe"] == "both" and presence["Utrecht"] == "not-compared"


def _tiles(html: str) -> dict[str, str]:
    return dict(re.findall(r'<g data-province="(\w\w)">.*?class="tile-value">([^<]*)</text></g>', html))


def test_report_tile_map_keeps_about_derived_and_not_published(tmp_path: Path, broken_copy: Path) -> None:
    """The map says what every table says: ca., * derived, n.p. (not published in a closed
    round), errors (a file with errors); the bar tooltips keep ca. too."""
    target = tmp_path / "k.html"
    result = runner.invoke(app, ["report", str(DATA), "--kaart", "betaalbaar", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    html = target.read_text()
    tiles = _tiles(html)
    assert tiles["ZE"] == "ca. 11 000*" and tiles["NB"] == "87 067*"
    assert tiles["FR"] == "n.p." and "unknown" not in tiles.values()
    assert "n.p. not published" in html.split('data-province="LI"')[1]
    assert "<title>betaalbaar (split unknown): ca. 11 000 (derived)</title>" in html
    assert not re.search(r"<title>[^<]*: 11 000 \(derived\)", html)

    broken = broken_copy
    (broken / "zeeland.yaml").unlink()
    runner.invoke(app, ["report", str(broken), "-o", str(tmp_path / "b.html")])
    tiles = _tiles((tmp_path / "b.html").read_text())
    assert tiles["UT"] == "errors" and tiles["ZE"] == "no bid" and tiles["GE"] == "100 000"

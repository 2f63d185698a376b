"""Round 2 of #15: one CSV rule for every CSV woonbod writes, machine tables without words, the
export's honest national sheet and its file column, a readable --delimiter error, and the
singular of the knelpunten summary."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA
from woonbod.cli import app
from woonbod.render.csv_format import BOM

runner = CliRunner(env={"NO_COLOR": None, "FORCE_COLOR": None, "GITHUB_ACTIONS": None, "COLUMNS": None})
WOONDEALS = DATA / "rondes" / "2023-woondeals"

# Every command that writes CSV, as (name, arguments without the language).
CSV_COMMANDS: list[tuple[str, list[str]]] = [
    ("total", ["total", str(DATA), "-f", "csv"]),
    ("total-all", ["total", str(DATA), "-s", "all", "-f", "csv"]),
    ("total-regio", ["total", str(WOONDEALS), "--by", "regio", "-f", "csv"]),
    ("gaps", ["gaps", str(DATA), "-f", "csv", "--as-of", "2022-10-15"]),
    ("knelpunten", ["knelpunten", str(DATA), "-f", "csv"]),
    ("export", ["export", str(DATA), "-f", "csv", "--as-of", "2022-10-15"]),
]
MACHINE = [c for c in CSV_COMMANDS if c[0] != "export"]
IDS = [name for name, _ in CSV_COMMANDS]


def _out(args: list[str], lang: str = "en") -> str:
    result = runner.invoke(app, ["--lang", lang, *args])
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def _rows(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix(BOM)), delimiter=delimiter))


def _dicts(text: str, delimiter: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix(BOM)), delimiter=delimiter))


# 1. One CSV rule: Dutch ; and a BOM, English , and none, --delimiter / -d everywhere.


@pytest.mark.parametrize(("name", "args"), CSV_COMMANDS, ids=IDS)
def test_every_csv_in_dutch_opens_in_dutch_excel(name: str, args: list[str]) -> None:
    dutch = _out(args, "nl")
    assert dutch.startswith(BOM + ("regio;" if name == "total-regio" else "provincie;"))
    assert dutch.count(BOM) == 1
    rows = _rows(dutch, ";")
    assert len(rows[0]) > 3 and all(len(row) == len(rows[0]) for row in rows)
    if name != "total-regio":
        assert any(row[0] == "Fryslân" for row in rows)  # intact: the file is UTF-8 with a BOM
    assert "917.193" not in dutch  # numbers stay plain


@pytest.mark.parametrize(("name", "args"), CSV_COMMANDS, ids=IDS)
def test_every_csv_in_english_has_commas_and_no_bom(name: str, args: list[str]) -> None:
    english = _out(args)
    assert not english.startswith(BOM)
    first = english.split("\n", 1)[0]
    assert first.startswith(
        ("province,code,file," if name == "export" else "provincie,code,", "regio,provincies,")
    )


@pytest.mark.parametrize(("name", "args"), CSV_COMMANDS, ids=IDS)
@pytest.mark.parametrize(("option", "value", "separator"), [("--delimiter", "tab", "\t"), ("-d", ",", ",")])
def test_every_csv_command_takes_a_delimiter(
    name: str, args: list[str], option: str, value: str, separator: str
) -> None:
    dutch = _out([*args, option, value], "nl")
    english = _out([*args, option, ";"])
    assert dutch.startswith(BOM) and not english.startswith(BOM)
    assert _rows(dutch, separator) == _rows(_out(args, "nl"), ";")
    assert _rows(english, ";") == _rows(_out(args), ",")


def test_a_machine_csv_written_to_a_file_follows_the_same_rule(tmp_path: Path) -> None:
    target = tmp_path / "gaps.csv"
    args = ["--lang", "nl", "gaps", str(DATA), "-f", "csv", "-o", str(target), "--as-of", "2022-10-15"]
    assert runner.invoke(app, args).exit_code == 0
    assert target.read_bytes().startswith(BOM.encode() + b"provincie;code;bod;")
    assert "Fryslân" in target.read_text(encoding="utf-8-sig")


# 2 and 3. The machine tables: format keys, machine values, the same in both languages.


@pytest.mark.parametrize(("name", "args"), MACHINE, ids=[name for name, _ in MACHINE])
def test_a_machine_csv_is_the_same_in_both_languages(name: str, args: list[str]) -> None:
    assert _rows(_out(args, "nl"), ";") == _rows(_out(args), ",")


def test_the_total_csv_sum_row_says_its_coverage_in_columns() -> None:
    for lang, separator in (("en", ","), ("nl", ";")):
        rows = _dicts(_out(["total", str(DATA), "-f", "csv"], lang), separator)
        national = rows[-1]
        assert (national["provincie"], national["code"]) == ("Nederland", "NL")
        assert national["totaal"] == "917193" and national["totaal_status"] == "complete"
        assert (national["totaal_provincies_bekend"], national["provincies"]) == ("12", "12")
        # benodigd: numbers only, the coverage beside it (Fryslân, Zeeland, Limburg).
        assert national["benodigd"] == str(15680 + 7006 + 16273)
        assert national["benodigd_provincies_bekend"] == "3"
        assert rows[0]["benodigd"] == "" and rows[1]["benodigd"] == "15680"
        assert all(r["provincies"] == r["totaal_provincies_bekend"] == "" for r in rows[:-1])
    text = _out(["total", str(DATA), "-f", "csv"], "nl")
    assert "Sum" not in text and " of 12" not in text and "Som" not in text


def test_the_total_csv_of_a_broken_set_says_partial(broken_copy: Path) -> None:
    rows = _dicts(_out(["total", str(broken_copy), "-s", "all", "-f", "csv"], "nl"), ";")
    national = rows[-1]
    assert national["totaal"] == str(917_193 - 83_500)
    assert (national["totaal_status"], national["totaal_provincies_bekend"]) == ("partial", "11")
    # Eleven did not publish it and one file has errors: no figure, for more than one reason.
    assert (national["middenhuur_status"], national["middenhuur_provincies_bekend"]) == ("unknown", "0")
    assert national["provincies"] == "12"
    shipped = _dicts(_out(["total", str(DATA), "-s", "all", "-f", "csv"], "nl"), ";")[-1]
    assert (shipped["middenhuur"], shipped["middenhuur_status"]) == ("", "unpublished")
    assert (shipped["sociale_huur_status"], shipped["sociale_huur_provincies_bekend"]) == ("partial", "1")
    statuses = {r[k] for r in rows for k in r if k.endswith("_status")}
    assert statuses <= {
        "given",
        "derived",
        "unknown",
        "unpublished",
        "missing",
        "invalid",
        "complete",
        "partial",
    }


def test_an_open_round_with_no_figure_says_unknown(open_data: Path) -> None:
    national = _dicts(_out(["total", str(open_data), "-s", "middenhuur", "-f", "csv"]), ",")[-1]
    assert (national["middenhuur"], national["middenhuur_status"]) == ("", "unknown")


def test_booleans_are_true_and_false_in_every_machine_csv() -> None:
    for lang, separator in (("en", ","), ("nl", ";")):
        knelpunten = _dicts(_out(["knelpunten", str(DATA), "-f", "csv"], lang), separator)
        assert {r["rijksrol"] for r in knelpunten} == {"true", "false"}
        totals = _dicts(_out(["total", str(DATA), "-s", "betaalbaar", "-f", "csv"], lang), separator)
        assert {r["betaalbaar_approx"] for r in totals} == {"true", "false"}
        text = "\n".join(_out(args, lang) for _, args in MACHINE)
        for word in ("ja", "nee", "yes", "no"):
            assert f"{separator}{word}{separator}" not in text and f"{separator}{word}\n" not in text


def _national_sheet(folder: Path, lang: str, tmp_path: Path) -> dict[str, dict[str, object]]:
    from openpyxl import load_workbook

    target = tmp_path / f"{lang}.xlsx"
    args = ["--lang", lang, "export", str(folder), "-o", str(target), "--as-of", "2022-10-15"]
    assert runner.invoke(app, args).exit_code in (0, 1)
    sheet = load_workbook(target).worksheets[1]
    header = [c.value for c in sheet[1]]
    return {
        str(row[0]): dict(zip(header, row, strict=True))
        for row in sheet.iter_rows(min_row=2, values_only=True)
    }


def test_the_xlsx_speaks_yes_and_no_in_the_language(tmp_path: Path) -> None:
    english = _national_sheet(DATA, "en", tmp_path)
    dutch = _national_sheet(DATA, "nl", tmp_path)
    assert english["totaal"]["complete"] == "yes" and english["totaal"]["approximate"] == "no"
    assert dutch["totaal"]["volledig"] == "ja" and dutch["totaal"]["bij_benadering"] == "nee"


# 4. No sum at all is not a partial sum.


def test_the_national_sheet_says_not_published_where_no_province_gave_a_figure(tmp_path: Path) -> None:
    dutch = _national_sheet(DATA, "nl", tmp_path)
    english = _national_sheet(DATA, "en", tmp_path)
    for segment in ("middenhuur", "betaalbare_koop", "corporaties"):
        assert dutch[segment]["volledig"] == "niet gepubliceerd" and dutch[segment]["som"] is None
        assert english[segment]["complete"] == "not published"
    assert dutch["sociale_huur"]["volledig"] == "nee (deelsom)"  # 1 of 12: a partial sum indeed
    assert english["sociale_huur"]["complete"] == "no (partial sum)"


def test_the_national_sheet_of_an_open_round_says_no_figure(open_data: Path, tmp_path: Path) -> None:
    assert _national_sheet(open_data, "nl", tmp_path)["middenhuur"]["volledig"] == "geen cijfer"
    assert _national_sheet(open_data, "en", tmp_path)["middenhuur"]["complete"] == "no figure"


# 5. The file column names the file with errors.


def test_the_export_names_the_bid_file_that_has_errors(broken_copy: Path) -> None:
    result = runner.invoke(app, ["--lang", "nl", "export", str(broken_copy), "-f", "csv"])
    assert result.exit_code == 1
    utrecht = next(r for r in _dicts(result.stdout, ";") if r["provincie"] == "Utrecht")
    assert utrecht["bestand"] == str(broken_copy / "utrecht.yaml")
    assert utrecht["status"] == "ontbreekt (fouten)"


# 6. A readable --delimiter error.


def test_a_wrong_delimiter_is_refused_naming_the_choices_quoted() -> None:
    for command in (["total"], ["gaps"], ["knelpunten"], ["export"]):
        args = [*command, str(DATA), "-f", "csv", "--delimiter", "junk"]
        dutch = runner.invoke(app, ["--lang", "nl", *args])
        assert dutch.exit_code == 2
        assert "woonbod: --delimiter moet ',', ';' of 'tab' zijn, niet 'junk'" in dutch.stderr
        english = runner.invoke(app, args)
        assert "woonbod: --delimiter must be ',', ';' or 'tab', not 'junk'" in english.stderr


def test_a_delimiter_without_csv_is_refused() -> None:
    for command in (["total"], ["gaps"], ["knelpunten"]):
        result = runner.invoke(app, ["--lang", "nl", *command, str(DATA), "-d", ";"])
        assert result.exit_code == 2 and "--delimiter is alleen voor --format csv" in result.stderr
        english = runner.invoke(app, [*command, str(DATA), "-f", "json", "-d", ";"])
        assert english.exit_code == 2 and "--delimiter is only for --format csv" in english.stderr


# 7. The singular of the knelpunten summary.


def test_one_province_offering_extra_homes_is_singular(tmp_path: Path) -> None:
    (tmp_path / "ronde.yaml").write_bytes((DATA / "ronde.yaml").read_bytes())
    (tmp_path / "limburg.yaml").write_bytes((DATA / "limburg.yaml").read_bytes())
    english = " ".join(_out(["knelpunten", str(tmp_path)]).split())
    assert "Separately, 1 province offers 20 000 extra homes on top of its bid if bottlenecks" in english
    assert "province offer " not in english
    dutch = " ".join(_out(["knelpunten", str(tmp_path)], "nl").split())
    assert "Daarnaast biedt 1 provincie 20.000 extra woningen aan bovenop haar bod" in dutch
    two = " ".join(_out(["knelpunten", str(DATA)]).split())
    assert "Separately, 2 provinces offer 25 800 extra homes on top of their bids" in two

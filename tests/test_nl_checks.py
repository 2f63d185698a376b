"""Dutch output of the checks, the gaps, the diff, the rule summaries and the library's errors
(issue #15): the Dutch sentence, Dutch numbers and dates, and no English left."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA, ROOT
from test_gaps import COMPLETE, RONDE
from woonbod import i18n
from woonbod.analysis.diff import diff_rounds
from woonbod.analysis.gaps import find_gaps, summarize
from woonbod.checks.validation import check_against_round, validate
from woonbod.cli import app
from woonbod.loading.loader import load_dataset
from woonbod.model.provinces import PROVINCES
from woonbod.problems import Level, Problem
from woonbod.rules import RULES, STAGES, stage_title

runner = CliRunner()


def _write(folder: Path, bids: dict[str, str], ronde: str = RONDE) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "ronde.yaml").write_text(ronde)
    names = {p.slug: p.name for p in PROVINCES}
    for slug, body in bids.items():
        (folder / f"{slug}.yaml").write_text(f"provincie: {names[slug.split('-oud')[0]]}\n{body}")
    return folder


def _messages(problems: list[Problem], rule: str) -> list[str]:
    return [p.message for p in problems if p.rule == rule]


def _hints(problems: list[Problem], rule: str) -> list[str]:
    return [p.hint for p in problems if p.rule == rule]


def test_submitted_late_in_dutch(tmp_path: Path) -> None:
    folder = _write(tmp_path, {"utrecht": f"ronde: definitief\ningediend: 2022-10-03\n{COMPLETE}"})
    i18n.use("nl")
    report = find_gaps(load_dataset([folder]), dt.date(2022, 10, 5))
    assert _messages(report.problems, "submitted-late") == [
        "Utrecht heeft op 3 oktober 2022 ingediend, 2 dagen na de deadline van 1 oktober 2022"
    ]
    assert _hints(report.problems, "submitted-late") == [
        "niets te herstellen in het bestand; de datum is vastgelegd als te laat"
    ]
    summary = summarize(report)
    assert summary.startswith(
        "Per 5 oktober 2022: de deadline van 1 oktober 2022 is 4 dagen geleden verstreken;"
    )
    assert "0 van de 12 biedingen op tijd ingediend" in summary and "1 te laat" in summary
    assert "11 zonder biedingsbestand" in summary and "As of" not in summary


def test_days_left_and_due_in_dutch(tmp_path: Path) -> None:
    folder = _write(tmp_path, {"utrecht": f"ronde: definitief\n{COMPLETE}"})
    i18n.use("nl")
    report = find_gaps(load_dataset([folder]), dt.date(2022, 9, 20))
    assert summarize(report).startswith(
        "Per 20 september 2022: nog 11 dagen tot de deadline van 1 oktober 2022;"
    )
    assert (
        "het bod van Utrecht heeft geen indieningsdatum (ingediend) (deadline 1 oktober 2022, nog 11 dagen)"
        in (_messages(report.problems, "bid-due"))
    )
    zeeland = [p for p in report.problems if p.rule == "bid-due" and "Zeeland" in p.message]
    assert zeeland[0].message == "geen biedingsbestand voor Zeeland (deadline 1 oktober 2022, nog 11 dagen)"
    assert zeeland[0].hint.startswith("voeg ") and "`woonbod init zeeland --output " in zeeland[0].hint
    today = find_gaps(load_dataset([folder]), dt.date(2022, 10, 1))
    assert summarize(today).startswith("Per 1 oktober 2022: de deadline is vandaag;")


def test_missing_bid_and_not_submitted_after_the_deadline_in_dutch(tmp_path: Path) -> None:
    folder = _write(tmp_path, {"utrecht": f"ronde: definitief\n{COMPLETE}"})
    i18n.use("nl")
    report = find_gaps(load_dataset([folder]), dt.date(2022, 10, 2))
    assert "geen biedingsbestand voor Zeeland, 1 dag na de deadline van 1 oktober 2022" in _messages(
        report.problems, "missing-bid"
    )
    assert _messages(report.problems, "not-submitted") == [
        "het bod van Utrecht heeft geen indieningsdatum (ingediend), 1 dag na de deadline"
    ]
    assert "1 onderdeel moet nog komen" not in summarize(report)
    assert "onderdelen moeten nog komen" in summarize(report)


def test_topics_and_deferrals_in_dutch(tmp_path: Path) -> None:
    body = (
        "ronde: definitief\ningediend: 2022-09-01\ntotaal: 1000\nsegmenten: {sociale_huur: 300}\n"
        "onderwerpen: {transformatie: {uitgesteld_tot: 2024-02-01},"
        " flexwoningen: {uitgesteld_tot: 2022-11-01}, seniorenwoningen: {uitgesteld_tot: 2023-01-01}}\n"
    )
    folder = _write(tmp_path, {"utrecht": body})
    i18n.use("nl")
    problems = find_gaps(load_dataset([folder]), dt.date(2022, 11, 11)).problems
    assert _messages(problems, "deferral-too-late") == [
        "transformatie is uitgesteld tot 1 februari 2024, na de uiterste datum van de ronde, 31 december 2023"
    ]
    # A date the user types into the file stays ISO.
    assert _hints(problems, "deferral-too-late") == ["stel het uit tot uiterlijk 2023-12-31"]
    assert _messages(problems, "deferral-overdue") == [
        "flexwoningen was uitgesteld tot 1 november 2022, 10 dagen geleden, "
        "en het aantal is nog steeds niet gegeven"
    ]
    assert _messages(problems, "topic-not-deferrable") == [
        "seniorenwoningen is uitgesteld, maar deze ronde staat uitstel daarvan niet toe"
    ]


def test_topic_missing_hint_keeps_the_file_format(tmp_path: Path) -> None:
    body = "ronde: definitief\ningediend: 2022-09-01\ntotaal: 1000\nsegmenten: {sociale_huur: 300}\n"
    folder = _write(tmp_path, {"utrecht": body})
    i18n.use("nl")
    problems = find_gaps(load_dataset([folder]), dt.date(2022, 11, 1)).problems
    assert "Utrecht heeft voor transformatie geen aantal gegeven en ook geen uitstel opgegeven" in _messages(
        problems, "topic-missing"
    )
    assert "geef een getal, of stel het uit: `transformatie: {uitgesteld_tot: 2023-12-31}`" in _hints(
        problems, "topic-missing"
    )


def test_a_closed_round_in_dutch() -> None:
    i18n.use("nl")
    report = find_gaps(load_dataset([DATA]), dt.date(2026, 12, 1))
    summary = summarize(report)
    assert summary.startswith("De ronde is gesloten op 13 oktober 2022: 12 van de 12 biedingen binnen.")
    assert "Niet gepubliceerd (provincies): indieningsdatum (" in summary
    assert "niet gepubliceerd door Drenthe: de indieningsdatum (de ronde is gesloten op 13 oktober 2022)" in (
        _messages(report.problems, "not-published")
    )
    assert "niet gepubliceerd door Drenthe: sociale huur (de ronde is gesloten op 13 oktober 2022)" in (
        _messages(report.problems, "not-published")
    )
    assert "not published" not in " ".join(p.message for p in report.problems)


def test_consistency_messages_in_dutch(tmp_path: Path) -> None:
    body = (
        "ronde: definitief\ntotaal: 917193\nfasering: {2022-2025: 400000, 2025-2030: 500000}\n"
        "bronnen: [{url: 'https://example.org', over: [totaal, woningen]}]\n"
    )
    folder = _write(tmp_path, {"utrecht": body})
    i18n.use("nl")
    problems = validate(load_dataset([folder]))
    assert _messages(problems, "fasering-sum") == ["de fasering komt uit op 900.000, maar totaal is 917.193"]
    assert _hints(problems, "fasering-sum") == ["zorg dat de periodes samen uitkomen op totaal"]
    assert _messages(problems, "fasering-overlap") == [
        "de faseringsperiodes 2022-2025 en 2025-2030 overlappen"
    ]
    assert _messages(problems, "source-field-unknown") == [
        "de bron zegt dat ze over 'woningen' gaat, maar dat is geen veld van een bod"
    ]


def test_regions_and_ranges_in_dutch(tmp_path: Path) -> None:
    body = (
        "ronde: definitief\ntotaal: {min: 1000, max: 2000}\n"
        "regios:\n  - {naam: Foodvallei, totaal: 3000}\n"
        "  - {naam: Grensland, provincies: [Gelderland], totaal: 100}\n"
    )
    folder = _write(tmp_path, {"utrecht": body})
    i18n.use("nl")
    problems = validate(load_dataset([folder]))
    assert _messages(problems, "range-in-definitive") == [
        "totaal is een bandbreedte, maar een definitief bod noemt één getal"
    ]
    assert _messages(problems, "regio-provincies") == [
        "regio 'Grensland' noemt de provincies Gelderland, maar niet Utrecht, de provincie van dit bod"
    ]


def test_file_set_messages_in_dutch(tmp_path: Path) -> None:
    body = f"ronde: definitief\ningediend: 2022-09-01\n{COMPLETE}"
    folder = _write(tmp_path, {"utrecht": body, "utrecht-oud": body})
    (folder / "zeeland.yaml").write_text(f"provincie: Limburg\n{body}")
    i18n.use("nl")
    problems = validate(load_dataset([folder]))
    duplicate = _messages(problems, "duplicate-province")
    assert len(duplicate) == 2 and duplicate[0].startswith("2 bestanden bevatten een bod voor Utrecht (ook ")
    assert duplicate[0].endswith("; geen ervan telt mee tot er één over is")
    assert _messages(problems, "filename-mismatch") == [
        "het bestand heet 'zeeland.yaml' (naar Zeeland) maar bevat het bod van Limburg; "
        "het telt voor geen van beide mee"
    ]
    assert _hints(problems, "filename-mismatch") == ["hernoem het naar limburg.yaml, of verbeter provincie"]
    assert _messages(problems, "filename-unusual") == [
        "het bestand heet 'utrecht-oud.yaml', niet naar de provincie van het bod, Utrecht"
    ]


def test_norms_in_dutch(tmp_path: Path) -> None:
    bids = {p.slug: "ronde: definitief\ntotaal: 3000\nsegmenten: {betaalbaar: 1800}\n" for p in PROVINCES}
    folder = _write(tmp_path, bids, "ronde: definitief\nnormen: {betaalbaar: '2/3'}\n")
    i18n.use("nl")
    problems = check_against_round(load_dataset([folder]))
    assert _messages(problems, "norm-national") == [
        "landelijk is betaalbaar 21.600 (60,0% van 36.000), onder de norm van 2/3 = 24.000: "
        "2.400 woningen te weinig"
    ]
    province = _messages(problems, "norm-betaalbaar")[0]
    assert province == (
        "betaalbaar is 1.800 (60,0% van totaal), onder de landelijke norm van 2/3 = 2.000: "
        "200 woningen te weinig "
        "(ter informatie: de norm is een landelijk gemiddelde)"
    )


def test_a_derived_approximate_figure_below_a_norm_in_dutch(tmp_path: Path) -> None:
    body = "ronde: definitief\ntotaal: 1000\nsegmenten: {betaalbaar: {ca: 500}}\n"
    folder = _write(tmp_path, {"utrecht": body}, "ronde: definitief\nnormen: {betaalbaar: '2/3'}\n")
    i18n.use("nl")
    [message] = _messages(check_against_round(load_dataset([folder])), "norm-betaalbaar")
    assert (
        message.startswith("betaalbaar is ca. 500 (50,0% van totaal)")
        and "ca. 167 woningen te weinig" in message
    )


def test_diff_texts_in_dutch(tmp_path: Path) -> None:
    old = _write(
        tmp_path / "old",
        {
            "utrecht": "ronde: definitief\ningediend: 2022-10-01\ntotaal: 1000\n"
            "onderwerpen: {transformatie: {uitgesteld_tot: 2023-06-30}}\n"
            "knelpunten: [{soort: stikstof, woningen: 1500}]\n"
        },
        "ronde: definitief\n",
    )
    new = _write(
        tmp_path / "new",
        {
            "utrecht": "ronde: definitief\ningediend: 2022-10-02\ntotaal: 1100\n"
            "onderwerpen: {transformatie: 120}\n"
            "knelpunten: [{soort: netcongestie, extra_woningen: 2000}]\n"
        },
        "ronde: definitief\n",
    )
    i18n.use("nl")
    [utrecht] = diff_rounds(load_dataset([old]), load_dataset([new])).provinces
    changes = {c.what: (c.old, c.new) for c in utrecht.changes}
    assert changes["ingediend"] == ("1 oktober 2022", "2 oktober 2022")
    assert changes["transformatie"] == ("uitgesteld tot 30 juni 2023", "120")
    assert changes["knelpunt stikstof"] == ("1.500 woningen op het spel", "niet meer genoemd")
    assert changes["knelpunt netcongestie"] == (
        "—",
        "toegevoegd (2.000 extra aangeboden woningen onder voorwaarden)",
    )


def test_rules_have_dutch_summaries_and_stay_english_in_the_docs() -> None:
    rule = RULES["thousands-separator"]
    i18n.use("nl")
    assert rule.text == "Een getal is geschreven met een scheidingsteken voor duizendtallen."
    assert rule.summary == "A number is written with a thousands separator."
    assert stage_title("gaps") == "Hiaten ten opzichte van de deadline" and stage_title("other") == "other"
    assert all(r.text != r.summary for r in RULES.values())
    assert all(stage_title(s) != title for s, title in STAGES.items())
    assert RULES["implausible-number"].text.startswith("Een aantal woningen boven 10.000.000")
    i18n.use("en")
    assert rule.text == rule.summary
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "rules_doc.py"), "--check"],
        env={"WOONBOD_LANG": "nl", "PATH": ""},
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr


@pytest.mark.parametrize(
    ("level", "dutch"),
    [(Level.ERROR, "fout"), (Level.WARNING, "waarschuwing"), (Level.INFO, "info"), (Level.OFF, "uit")],
)
def test_level_labels(level: Level, dutch: str) -> None:
    assert level.label == level.value
    i18n.use("nl")
    assert level.label == dutch and level.value in ("error", "warning", "info", "off")


def test_library_errors_in_dutch() -> None:
    import woonbod

    i18n.use("nl")
    with pytest.raises(ValueError, match="load_round: max_bytes moet 1 of meer zijn, niet 0"):
        woonbod.load_round(DATA, max_bytes=0)
    with pytest.raises(TypeError, match="ronde verwacht een pad"):
        woonbod.load_round(DATA, ronde=3)  # type: ignore[arg-type]
    ronde = woonbod.load_round(DATA)
    with pytest.raises(ValueError, match=r"as_of verwacht een datum zoals '2022-10-01' \(JJJJ-MM-DD\)"):
        ronde.gaps("1-10-2022")


def test_check_command_in_dutch(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("rondes"))
    (folder / "zeeland.yaml").unlink()
    result = runner.invoke(app, ["--lang", "nl", "check", str(folder)])
    assert (
        "geen biedingsbestand voor Zeeland in deze map, terwijl de ronde is gesloten op 13 oktober 2022"
        in (result.stdout)
    )
    assert "no bid file" not in result.stdout and "was not published" not in result.stdout

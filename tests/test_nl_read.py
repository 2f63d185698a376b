"""Reading, parsing and validating a bid file or round file in Dutch (issue #15): every kind of
problem the reader, the schema and the model report, with Dutch numbers, and nothing English."""

from __future__ import annotations

import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from conftest import DATA, FIXTURES, ROOT
from woonbod import i18n
from woonbod.cli import app
from woonbod.loading.discover import discover
from woonbod.loading.loader import load_bid, load_dataset, load_round
from woonbod.model.derive import derive
from woonbod.model.quantities import BadValue, Count, Range, Share, parse_amount
from woonbod.problems import CannotRun, Problem
from woonbod.reading.source import parse_bytes

INVALID = FIXTURES / "invalid"
HOSTILE = FIXTURES / "hostile"


@pytest.fixture
def dutch() -> None:
    i18n.use("nl")


def _one(path: Path) -> Problem:
    problems = load_bid(path).problems
    assert problems, path
    return problems[0]


def _text(problem: Problem) -> str:
    return f"{problem.message} — {problem.hint}"


def _parsed(text: str, *, pure: bool = False) -> Problem:
    _, problems = parse_bytes(text.encode("utf-8"), "bod.yaml", pure=pure)
    assert problems, text
    return problems[0]


# (fixture, rule, Dutch that must be said, English that must be gone)
BID_FIXTURES = [
    (
        INVALID / "thousands-dot.yaml",
        "thousands-separator",
        [
            "'12.000' heeft een punt als scheidingsteken voor duizendtallen",
            "kommagetal 12,0",
            "schrijf 12000, zonder punt: in een biedingsbestand is een punt geen scheidingsteken",
        ],
        "uses a dot",
    ),
    (
        INVALID / "thousands-many.yaml",
        "thousands-separator",
        ["YAML leest het als tekst, niet als getal", "schrijf 1234567, zonder punt"],
        "reads it as text",
    ),
    (
        INVALID / "thousands-comma.yaml",
        "thousands-separator",
        ["'12,500' heeft een scheidingsteken voor duizendtallen", "schrijf 12500 zonder scheidingstekens"],
        "without separators",
    ),
    (
        INVALID / "quoted-number.yaml",
        "not-a-number",
        ["staat tussen aanhalingstekens", "schrijf 12000"],
        "quotes",
    ),
    (
        INVALID / "leading-zero.yaml",
        "leading-zero",
        ["achttallige getal 15", "schrijf 17, zonder de nul"],
        "octal",
    ),
    (
        INVALID / "scientific.yaml",
        "scientific-notation",
        ["wetenschappelijke notatie", "schrijf 120000"],
        "write",
    ),
    (
        INVALID / "boolean-yes.yaml",
        "yaml-boolean",
        ["is een ja/nee-waarde", "of null als het onbekend is"],
        "yes/no",
    ),
    (INVALID / "sexagesimal.yaml", "sexagesimal", ["zestigtallig getal (90)"], "base-60"),
    (
        INVALID / "fraction-of-home.yaml",
        "fraction-of-home",
        ["is geen geheel aantal woningen"],
        "whole number",
    ),
    (
        INVALID / "approximate.yaml",
        "approximate-number",
        ["is geen kaal getal", "{ca: 11000}"],
        "plain number",
    ),
    (INVALID / "negative-count.yaml", "negative-count", ["-5 is negatief", "zonder minteken"], "negative"),
    (
        INVALID / "ambiguous-share.yaml",
        "ambiguous-share",
        ["dubbelzinnig", 'schrijf het als "30%"'],
        "ambiguous",
    ),
    (INVALID / "share-over-100.yaml", "share-over-100", ["meer dan het geheel (boven 100%)"], "the whole"),
    (INVALID / "range-min-max.yaml", "invalid-range", ["(2.000) is groter dan de max (1.000)"], "larger"),
    (INVALID / "approx-extra-key.yaml", "invalid-approx", ["alleen de sleutel ca, niet max"], "only the key"),
    (
        INVALID / "misspelled-key.yaml",
        "unknown-key",
        ["onbekende sleutel 'sociale_hur'", "bedoelt u 'sociale_huur'?"],
        "did you mean",
    ),
    (
        INVALID / "missing-ronde.yaml",
        "missing-key",
        ["de verplichte sleutel 'ronde' ontbreekt", "voeg een regel"],
        "missing",
    ),
    (
        INVALID / "invalid-ronde.yaml",
        "invalid-value",
        ["geen van de toegestane waarden", "bedoelt u 'definitief'?"],
        "allowed",
    ),
    (
        INVALID / "rijksrol-ja.yaml",
        "invalid-value",
        ["true of false verwacht, maar 'ja' gevonden"],
        "expected",
    ),
    (INVALID / "bad-url.yaml", "invalid-value", ["geen webadres dat begint met https://"], "web address"),
    (
        INVALID / "not-a-mapping.yaml",
        "not-a-mapping",
        ["het bestand: een mapping van sleutels verwacht, maar een lijst"],
        "found",
    ),
    (
        INVALID / "unknown-province.yaml",
        "unknown-province",
        ["geen Nederlandse provincie", "bedoelt u Utrecht?"],
        "Dutch province",
    ),
    (INVALID / "empty-provincie.yaml", "unknown-province", ["er is geen provincie opgegeven"], "no province"),
    (
        INVALID / "impossible-date.yaml",
        "invalid-date",
        ["2022-09-31 is geen datum die bestaat", "schrijf `onbekend`"],
        "exists",
    ),
    (INVALID / "fasering-same-period.yaml", "fasering-overlap", ["staat er twee keer"], "written twice"),
    (
        INVALID / "duplicate-key.yaml",
        "duplicate-key",
        ["'totaal' staat twee keer", "eerst op regel 4"],
        "appears twice",
    ),
    (
        INVALID / "tab-indent.yaml",
        "yaml-tab",
        ["een tab: YAML staat alleen spaties toe", "vervang de tab"],
        "tab character",
    ),
    (
        INVALID / "bad-indentation.yaml",
        "yaml-indentation",
        ["niet uitgelijnd met de sleutels erboven"],
        "aligned",
    ),
    (INVALID / "unclosed-quote.yaml", "unclosed-quote", ["aanhalingsteken wordt geopend"], "quote is opened"),
    (
        INVALID / "several-documents.yaml",
        "several-documents",
        ["meer dan één YAML-document"],
        "more than one",
    ),
    (INVALID / "only-comments.yaml", "empty-file", ["alleen commentaar of lege regels"], "only comments"),
    (INVALID / "nul-byte.yaml", "control-character", ["het stuurteken #x0000"], "control character"),
    (
        INVALID / "line-separator.yaml",
        "control-character",
        ["U+2028, een regelscheidingsteken"],
        "line separator",
    ),
    (
        INVALID / "escaped-control.yaml",
        "control-character",
        ["toelichting bevat een stuurteken, U+001B"],
        "holds",
    ),
    (
        INVALID / "direction-override.yaml",
        "control-character",
        ["bevat een richtingsteken, U+202E"],
        "direction mark",
    ),
    (
        INVALID / "not-utf8.yaml",
        "not-utf8",
        ["geen UTF-8-tekst (hier byte 0xe9)", "sla het op als UTF-8"],
        "not UTF-8",
    ),
    (HOSTILE / "utf16.yaml", "not-utf8", ["het bestand is UTF-16-tekst, geen UTF-8"], "text, not"),
    (INVALID / "str-tag.yaml", "yaml-tag", ["de YAML-tag !!str is niet toegestaan"], "is not allowed"),
    (
        INVALID / "complex-key.yaml",
        "yaml-complex-key",
        ["geen lijst of mapping", "met [ of { begint"],
        "plain word",
    ),
    (INVALID / "too-deep.yaml", "too-deep", ["meer dan 64 niveaus diep"], "levels deep"),
    (INVALID / "alias-bomb.yaml", "alias-expansion", ["meer dan 100.000 waarden"], "expand to"),
    (INVALID / "long-key.yaml", "yaml-syntax", ["een sleutel van meer dan 1.024 tekens"], "longer than"),
    (HOSTILE / "huge-number.yaml", "not-a-number", ["(5.000 cijfers) is veel te groot"], "far too large"),
    (HOSTILE / "null-document.yaml", "not-a-mapping", ["maar niets (null) gevonden"], "nothing"),
    (HOSTILE / "undefined-alias.yaml", "yaml-syntax", ["geen geldige YAML", "vergelijk de regel"], "compare"),
]


@pytest.mark.parametrize(
    ("path", "rule", "said", "english"), BID_FIXTURES, ids=lambda v: getattr(v, "stem", None)
)
def test_bid_problems_in_dutch(dutch: None, path: Path, rule: str, said: list[str], english: str) -> None:
    problem = next(p for p in load_bid(path).problems if p.rule == rule)
    for text in said:
        assert text in _text(problem)
    assert english not in _text(problem)


def test_english_is_unchanged_after_dutch() -> None:
    i18n.use("nl")
    dutch = _one(INVALID / "thousands-dot.yaml")
    i18n.use("en")
    english = _one(INVALID / "thousands-dot.yaml")
    assert dutch.rule == english.rule and (dutch.line, dutch.col) == (english.line, english.col)
    assert (
        english.message
        == "totaal: '12.000' uses a dot as thousands separator; YAML reads it as the decimal number 12.0"
    )
    assert english.hint == "write 12000 without separators"


def test_the_hint_to_type_keeps_a_plain_number(dutch: None, tmp_path: Path) -> None:
    bid = tmp_path / "utrecht.yaml"
    bid.write_text("provincie: Utrecht\nronde: definitief\ntotaal: 83.500\n", encoding="utf-8")
    problem = _one(bid)
    assert "'83.500' heeft een punt" in problem.message and "kommagetal 83,5" in problem.message
    assert problem.hint.startswith("schrijf 83500, zonder punt")
    assert "83.500" not in problem.hint


def test_numbers_in_dutch(dutch: None) -> None:
    with pytest.raises(BadValue) as huge:
        parse_amount(12_000_000)
    assert huge.value.message.startswith("12.000.000 woningen is meer dan het maximum van 10.000.000")
    assert "8 miljoen" in huge.value.message
    with pytest.raises(BadValue) as range_keys:
        parse_amount({"min": 1, "van": 2})
    assert range_keys.value.message == "een bandbreedte heeft alleen de sleutels min en max, niet van"
    with pytest.raises(BadValue) as divides:
        parse_amount("1/0")
    assert divides.value.message == "'1/0' deelt door nul"
    with pytest.raises(BadValue) as decimal:
        parse_amount(12000.0)
    assert decimal.value.hint == "schrijf het gehele getal 12000"
    with pytest.raises(BadValue) as ca_map:
        parse_amount({"ca": {"x": 1}})
    assert ca_map.value.message == "ca bevat één getal of aandeel, geen mapping"


def test_size_limits_in_dutch(dutch: None, tmp_path: Path) -> None:
    big = tmp_path / "groot.yaml"
    big.write_bytes(b"totaal: 1\n" * 200)
    problem = load_bid(big, max_bytes=1500).problems[0]
    assert problem.message == "het bestand is 2.000 bytes, meer dan de grens van 1.500"
    assert "verhoog de grens met --max-bytes" in problem.hint
    folder = load_bid(tmp_path).problems[0]
    assert folder.message == "dit is een map, geen YAML-bestand"
    gone = load_bid(tmp_path / "weg.yaml").problems[0]
    assert gone.message.startswith("het bestand kan niet worden gelezen: ")


def test_parser_messages_in_dutch(dutch: None) -> None:
    assert _parsed("").message == "het bestand is leeg"
    assert _parsed("a: b: c\n").message.startswith("een ':' waar YAML die niet verwacht")
    assert _parsed("a:\n  - x\n  y: 1\n").message == "deze regel is niet uitgelijnd met de lijstitems erboven"
    assert (
        _parsed("a: &x [1]\nb: *nergens\n", pure=True).message
        == "de alias *nergens verwijst naar geen enkel anker"
    )
    assert (
        _parsed("a: !!int 3\n").message
        == "de YAML-tag !!int is niet toegestaan: woonbod leest alleen gewone gegevens"
    )


def test_too_many_values_in_dutch(dutch: None) -> None:
    problem = _parsed("a: [" + "1, " * 100_001 + "]\n")
    assert _text(problem) == (
        "het bestand heeft meer dan 100.000 waarden — "
        "een bod heeft er hooguit een paar honderd; controleer of dit een biedingsbestand is"
    )


def test_derived_conflicts_in_dutch(dutch: None) -> None:
    _, sums = derive(
        Count(1000), {"sociale_huur": Count(300), "middensegment": Count(300), "betaalbaar": Count(700)}
    )
    assert sums[0].message == "sociale huur (300) + middensegment (300) = 600, maar betaalbaar is 700"
    _, larger = derive(Count(1000), {"sociale_huur": Count(1300)})
    assert larger[0].message == "sociale huur (1.300) is groter dan totaal (1.000)"
    _, ranged = derive(Range(1000, 2000), {"sociale_huur": Count(1500), "middensegment": Count(1500)})
    assert ranged[0].message == "betaalbaar (afgeleid) (3.000) is groter dan totaal (hoogstens 2.000)"
    _, share = derive(
        Range(1000, 2000), {"betaalbaar": Share(Fraction(1, 2), "50%"), "sociale_huur": Count(1500)}
    )
    assert (
        share[0].message
        == "sociale huur (1.500) is groter dan betaalbaar (uit een aandeel) (hoogstens 1.000)"
    )


def test_round_file_in_dutch(dutch: None, tmp_path: Path) -> None:
    ronde = tmp_path / "ronde.yaml"
    ronde.write_text(
        "gesloten: 2026-02-30\nperiode: 2030-2022\ndoelen: {totaal: 0}\nniveaus: {foo-bar: info}\n",
        encoding="utf-8",
    )
    with pytest.raises(CannotRun) as raised:
        load_round(ronde)
    assert raised.value.message == f"{ronde}: het rondebestand is onbruikbaar"
    said = {p.rule: _text(p) for p in raised.value.problems}
    assert "of schrijf true als de sluitingsdatum niet bekend is" in said["invalid-date"]
    assert "de periode 2030-2022 eindigt voordat die begint — schrijf 2022-2030" in said["invalid-period"]
    messages = " ".join(_text(p) for p in raised.value.problems)
    assert "een doel van 0 woningen" in messages
    assert "onbekende controle(s): foo-bar; de controles staan in docs/rules.md" in messages
    ronde.write_text("niveaus: {yaml-syntax: warning}\n", encoding="utf-8")
    with pytest.raises(CannotRun) as fixed:
        load_round(ronde)
    assert "yaml-syntax kan alleen op error staan: die controle betekent" in fixed.value.problems[0].message


def test_finding_files_in_dutch(dutch: None, tmp_path: Path) -> None:
    _, problems, _ = discover([tmp_path])
    assert _text(problems[0]) == (
        "deze map bevat geen biedingsbestanden (*.yaml) — "
        "controleer het pad; biedingen zijn bestanden zoals utrecht.yaml"
    )
    (tmp_path / "ronde.yaml").write_text("ronde: definitief\n", encoding="utf-8")
    _, problems, _ = discover([tmp_path / "ronde.yaml"])
    assert problems[0].message == "alleen het rondebestand van deze map is genoemd, geen biedingsbestand"
    with pytest.raises(CannotRun) as missing:
        discover([tmp_path / "weg"])
    assert missing.value.message.endswith("weg: dat bestand of die map bestaat niet")
    other = tmp_path / "b"
    other.mkdir()
    (other / "x.yaml").write_text("a: 1\n", encoding="utf-8")
    (tmp_path / "y.yaml").write_text("a: 1\n", encoding="utf-8")
    with pytest.raises(CannotRun) as two:
        load_dataset([tmp_path / "y.yaml", other / "x.yaml"])
    assert two.value.message.startswith("deze paden zijn 2 mappen, dus 2 rondes")
    (tmp_path / "Ronde.yml").write_text("ronde: definitief\n", encoding="utf-8")
    with pytest.raises(CannotRun) as rounds:
        load_dataset([tmp_path / "y.yaml"])
    assert (
        "2 rondebestanden (Ronde.yml, ronde.yaml): houd er één, met de naam ronde.yaml"
        in rounds.value.message
    )


@pytest.mark.parametrize("width", [60, 80])
def test_validate_in_dutch_fits_the_terminal(width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    env = {"NO_COLOR": None, "FORCE_COLOR": None, "GITHUB_ACTIONS": None, "COLUMNS": str(width)}
    out = CliRunner(env=env).invoke(app, ["--lang", "nl", "validate", "tests/fixtures/invalid"]).stdout
    assert max(cell_len(line) for line in out.splitlines()) <= width
    out = " ".join(out.split())
    assert "heeft een punt als scheidingsteken voor duizendtallen" in out
    assert "bedoelt u 'sociale_huur'?" in out
    assert "uses a dot as thousands separator" not in out and "did you mean" not in out


def test_broken_bid_in_dutch_through_the_environment(broken_copy: Path) -> None:
    env = {**os.environ, "WOONBOD_LANG": "nl", "COLUMNS": "80", "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "woonbod", "validate", str(broken_copy / "utrecht.yaml")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert "'83.500' heeft een punt als scheidingsteken voor duizendtallen" in " ".join(done.stdout.split())
    assert "schrijf 83500, zonder punt" in " ".join(done.stdout.split())
    assert "without separators" not in done.stdout


def test_the_shipped_data_stays_valid_in_dutch(dutch: None) -> None:
    assert all(
        not load_bid(path).problems for path in sorted(DATA.glob("*.yaml")) if path.name != "ronde.yaml"
    )

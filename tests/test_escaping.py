"""Text from files reaching other media: one escaping function per medium (woonbod.render.escaping),
and every renderer of every command with hostile text in every field that reaches it.

Issue #12, class 6.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from woonbod.cli import app
from woonbod.render.escaping import (
    github_data,
    github_property,
    html_url,
    md_code,
    md_text,
    md_url,
    printable,
    rich_text,
    spreadsheet_cell,
    xml_text,
)

# Rich markup that crashed `total` or made a live link, a Markdown table cell ending, HTML, a
# GitHub workflow command on a line of its own, a spreadsheet formula, Markdown emphasis and code.
HOSTILE = (
    '=HYPERLINK("http://evil.example")|a [/concept] [link=https://evil.example]click[/link] '
    "<img src=x onerror=alert(1)> *b* `c` _d_\n::error::pwned"
)
HOSTILE_NAME = "=HYPERLINK(1)|[b]<i>`x`\n::error::f.yaml"
HOSTILE_URL = 'https://example.org/a"><img/src/onerror=alert(1)>'

runner = CliRunner(
    env={"NO_COLOR": None, "FORCE_COLOR": None, "GITHUB_ACTIONS": None, "GITHUB_STEP_SUMMARY": None}
)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A round whose naam, a bid whose bronnen, toelichting and knelpunt, and a file whose name
    and unknown key carry the hostile text; plus a folder for `diff`."""
    q = json.dumps
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "ronde.yaml").write_text(
        f"naam: {q(HOSTILE)}\nronde: definitief\ndeadline: 2022-10-01\nperiode: 2022-2030\n"
        "verplicht: [totaal]\ndoelen:\n  totaal: 900000\n"
    )
    (folder / "utrecht.yaml").write_text(
        "provincie: Utrecht\nronde: definitief\ntotaal: 83500\n"
        f"bronnen:\n  - url: '{HOSTILE_URL}'\n    over: [{q(HOSTILE)}]\n    titel: {q(HOSTILE)}\n"
        f"knelpunten:\n  - soort: stikstof\n    toelichting: {q(HOSTILE)}\n    woningen: 100\n"
        f"toelichting: {q(HOSTILE)}\n"
        f"regios:\n  - naam: {q(HOSTILE)}\n    totaal: 1000\n"
    )
    (folder / HOSTILE_NAME).write_text(
        f"provincie: Zeeland\nronde: definitief\ntotaal: 1000\n{q(HOSTILE)}: 1\n"
    )
    return folder


def _invoke(args: list[str], color: bool = False) -> str:
    result = runner.invoke(app, [*args, "--color", "always" if color else "never"] if color else args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def _no_command_lines(text: str, allowed: bool = False) -> None:
    """No line that GitHub Actions would run as a workflow command, unless it is ours (github
    format), and then the hostile one is not at a line start."""
    for line in text.splitlines():
        if line.lstrip().startswith("::"):
            assert allowed and re.match(r"::(error|warning|notice) file=[^\n]*::", line), line
        assert not line.startswith("::error::pwned"), line


def _markdown_safe(text: str) -> None:
    _no_command_lines(text)
    text = re.sub(r"(`+)(?!`).*?(?<!`)\1(?!`)", "", text)  # code spans show their text literally
    assert "<img" not in text and "<i>" not in text
    assert "[/concept]" not in text.replace("\\[/concept\\]", "")  # only as escaped text
    for line in text.splitlines():  # the hostile | is escaped wherever it lands
        if "pwned" in line:
            assert "HYPERLINK(" not in line or "\\|a " in line, line


PROBLEM_FORMATS = ["text", "json", "github", "sarif", "junit"]


@pytest.mark.parametrize("fmt", PROBLEM_FORMATS)
@pytest.mark.parametrize("command", ["validate", "check"])
def test_problem_formats(hostile: Path, command: str, fmt: str) -> None:
    extra = ["--as-of", "2022-10-02"] if command == "check" else []
    out = _invoke([command, str(hostile), *extra, "-f", fmt])
    _no_command_lines(out, allowed=fmt == "github")
    assert "\x1b" not in out
    if fmt == "sarif":
        document = json.loads(out)
        texts = [r["message"]["text"] for r in document["runs"][0]["results"]]
        # Messages quote 50 characters of a value at most (formatting.excerpt): the start of it.
        assert all("\n" not in t for t in texts) and any("HYPERLINK" in t for t in texts)
    if fmt == "junit":
        root = ET.fromstring(out.split("\n", 1)[1])
        names = [case.get("name") or "" for case in root.iter("testcase")]
        assert printable(str(hostile / HOSTILE_NAME)) in names
    if fmt == "github":
        assert f"file={github_property(str(hostile / HOSTILE_NAME))}," in out


@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize(
    "args",
    [
        ["total"],
        ["total", "-s", "all"],
        ["status"],
        ["gaps", "--as-of", "2022-10-02"],
        ["knelpunten"],
        ["total", "--by", "regio"],
    ],
    ids=lambda a: "-".join(a[:3]),
)
def test_terminal_tables_print_file_text_as_text(hostile: Path, args: list[str], color: bool) -> None:
    out = _invoke([*args, str(hostile)], color=color)
    _no_command_lines(out)
    assert "\x1b]8;" not in out  # no terminal hyperlink (OSC 8) from [link=…]
    if args[0] in ("total", "status") and "regio" not in args:
        flat = re.sub(r"\x1b\[[0-9;]*m|\s", "", out)
        assert "[/concept][link=https://evil.example]click[/link]" in flat


@pytest.mark.parametrize(
    "args",
    [
        ["total", "-f", "markdown"],
        ["total", "-s", "all", "-f", "markdown"],
        ["gaps", "--as-of", "2022-10-02", "-f", "markdown"],
        ["knelpunten", "-f", "markdown"],
        ["total", "--by", "regio", "-f", "markdown"],
        ["report", "-f", "markdown", "--as-of", "2022-10-02"],
    ],
    ids=lambda a: "-".join(a[:3]),
)
def test_markdown_outputs(hostile: Path, args: list[str]) -> None:
    out = _invoke([*args, str(hostile)])
    _markdown_safe(out)


def test_report_markdown_sources_and_name(hostile: Path) -> None:
    out = _invoke(["report", str(hostile), "-f", "markdown", "--as-of", "2022-10-02"])
    assert out.startswith(f"# Housing construction bids: {md_text(HOSTILE)}\n")
    assert f"- Utrecht ({md_text(HOSTILE)}): {md_url(HOSTILE_URL)}\n" in out


def test_diff_text_and_markdown(hostile: Path, tmp_path: Path) -> None:
    later = tmp_path / "later"
    later.mkdir()
    (later / "ronde.yaml").write_text((hostile / "ronde.yaml").read_text())
    (later / "utrecht.yaml").write_text(
        "provincie: Utrecht\nronde: definitief\ntotaal: 83600\nonderwerpen:\n  flexwoningen:\n"
        f"    uitgesteld_tot: 2023-01-01\n    toelichting: {json.dumps(HOSTILE)}\n"
    )
    for fmt in ("text", "markdown", "json"):
        out = _invoke(["diff", str(hostile), str(later), "-f", fmt])
        _no_command_lines(out)
        if fmt == "markdown":
            _markdown_safe(out)


def test_html_report(hostile: Path) -> None:
    out = _invoke(["report", str(hostile), "--as-of", "2022-10-02"])
    assert "<img" not in out and "onerror=alert(1)>" not in out
    assert re.findall(r'href="([^"]*)"', out) and all(
        h.startswith(("https://", "http://", "#")) for h in re.findall(r'href="([^"]*)"', out)
    )
    assert "[link=https://evil.example]click[/link]" in out  # shown as text, escaped by Jinja


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _formula_free(cells: list[object]) -> None:
    for cell in cells:
        if isinstance(cell, str) and cell.startswith(("=", "+", "-", "@", "\t", "\r")):
            assert re.fullmatch(r"-\d+(\.\d+)?", cell), cell  # only a negative number may


@pytest.mark.parametrize(
    "args",
    [
        ["total", "-f", "csv"],
        ["total", "-s", "all", "-f", "csv"],
        ["gaps", "--as-of", "2022-10-02", "-f", "csv"],
        ["knelpunten", "-f", "csv"],
        ["total", "--by", "regio", "-f", "csv"],
        ["export", "-f", "csv", "--as-of", "2022-10-02"],
    ],
    ids=lambda a: "-".join(a[:3]),
)
def test_csv_outputs_carry_no_formula(
    hostile: Path, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A bid file whose name starts a formula, valid this time, so that its name is a cell.
    (hostile / "=cmd|' calc'!A0 zeeland.yaml").write_text(
        "provincie: Zeeland\nronde: definitief\ntotaal: 1\n"
    )
    (hostile / HOSTILE_NAME).unlink()
    monkeypatch.chdir(hostile)
    out = _invoke([*args, "."])
    cells = _cells(out)
    _formula_free(cells)
    if args[0] == "export":
        assert any(c.startswith("'=cmd") for c in cells)


def test_xlsx_carries_no_formula(hostile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import load_workbook

    (hostile / "=cmd|' calc'!A0 zeeland.yaml").write_text(
        "provincie: Zeeland\nronde: definitief\ntotaal: 1\n"
    )
    (hostile / HOSTILE_NAME).unlink()
    monkeypatch.chdir(hostile)
    target = tmp_path / "out.xlsx"
    result = runner.invoke(app, ["export", ".", "-o", str(target), "--as-of", "2022-10-02"])
    assert result.exit_code in (0, 1), result.output
    book = load_workbook(target)
    values = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.value
                values.append(cell.value)
    _formula_free(values)
    assert any(isinstance(v, str) and v.startswith("'=cmd") for v in values)


def test_step_summary_markdown(hostile: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    CliRunner(env={"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_ACTIONS": None}).invoke(
        app, ["check", str(hostile), "--as-of", "2022-10-02"]
    )
    text = summary.read_text()
    _markdown_safe(text)
    assert md_code(f"{hostile / HOSTILE_NAME}:4") in text


# The functions themselves, one per medium.


def test_printable_keeps_text_on_one_line() -> None:
    assert printable("a\nb\u2028c\x1b[2J\u202e\ud800") == "a\\nb\\u2028c\\x1b[2J\\u202e\\ud800"


def test_rich_text_is_plain_text_to_rich() -> None:
    from rich.text import Text

    assert Text.from_markup(rich_text(HOSTILE)).plain == printable(HOSTILE)
    assert not Text.from_markup(rich_text("[link=https://x]y[/link]")).spans
    # embedded in markup, as the renderers do: a trailing backslash cannot escape the closing tag
    trailing = "ends with \\"
    assert Text.from_markup(f"[bold]{rich_text(trailing)}[/]").plain == trailing


def test_md_text_and_code() -> None:
    text = md_text(HOSTILE)
    assert "\n" not in text and "<" not in text and re.search(r"(?<!\\)[|*_`\[]", text) is None
    assert md_code("a`b|c") == "``a`b\\|c``"
    assert md_code("`x`") == "`` `x` ``"


def test_md_url_cannot_end_the_autolink() -> None:
    assert md_url(HOSTILE_URL) == "<https://example.org/a%22%3E%3Cimg/src/onerror=alert(1)%3E>"
    assert md_url("javascript:alert(1)") == "javascript:alert(1)"


def test_github_command_escapes() -> None:
    assert github_data("50%\n::error::x") == "50%25\\n::error::x"
    assert github_property("a,b:c") == "a%2Cb%3Ac"


def test_xml_text_is_writable_xml() -> None:
    element = ET.Element("t", name=xml_text("a\x00b\ufffe<&>"))
    assert ET.fromstring(ET.tostring(element)).get("name") == "a\\x00b\\ufffe<&>"


def test_html_url_only_http() -> None:
    assert html_url("https://a.example/x") == "https://a.example/x"
    assert html_url("javascript:alert(1)") == "#"


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1+cmd", "@SUM(A1)", "\t=1", "\r=1", "=cmd.yaml"])
def test_spreadsheet_cells_get_the_owasp_prefix(text: str) -> None:
    assert spreadsheet_cell(text) == "'" + text


def test_spreadsheet_numbers_stay_numbers() -> None:
    assert spreadsheet_cell(-3000) == -3000
    assert spreadsheet_cell(0.5) == 0.5
    assert spreadsheet_cell("Utrecht") == "Utrecht"


def test_a_cannot_run_message_names_a_file_on_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "x\n::error::y"
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 2
    _no_command_lines(result.stderr)

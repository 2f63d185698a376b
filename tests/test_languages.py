"""Every command and every format, in both languages: the same verdict and the same machine
values, and each output in one language only (no English sentence in a Dutch run, no Dutch
sentence of woonbod's own in an English one).

The words checked are the common words of each language that the other does not use; what the
bid files themselves say (titles of sources, descriptions of knelpunten, round names), rule ids,
keys, paths, URLs and quoted values are taken out first, since they are the same in both."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from conftest import DATA, ROOT
from woonbod.cli import app

runner = CliRunner(env={"NO_COLOR": "1", "FORCE_COLOR": None, "GITHUB_ACTIONS": None, "COLUMNS": "2000"})

ENGLISH = {
    "the", "and", "from", "with", "which", "file", "files", "provinces", "province", "homes",
    "target", "partial", "published", "missing", "should", "must", "not", "no", "are", "has",
    "have", "this", "that", "there", "round", "bid", "bids", "sum", "share", "left", "until",
    "after", "before", "valid", "errors", "warnings", "error", "warning", "found", "wrote", "given",
    "unknown", "derived", "need", "national", "yes", "days", "day", "late", "closed",
    "segments", "figures", "offered", "stake", "at", "by", "for", "or",
}  # fmt: skip
# Woonbod's own Dutch words (not the format's keys or the domain terms, which both languages use).
DUTCH = {
    "het", "een", "niet", "geen", "zijn", "wordt", "bestand", "bestanden", "provincies", "woningen",
    "doel", "deelsom", "gepubliceerd", "ontbreekt", "afgeleid", "landelijk", "landelijke", "som",
    "biedingen", "gesloten", "tegen", "tegenover", "bij", "benadering", "dagen", "fout", "fouten",
    "waarschuwing", "waarschuwingen", "geldig", "ja", "nee", "onbekend", "opgave", "deel",
}  # fmt: skip


def _file_texts() -> list[str]:
    """Every text the shipped bid and round files hold (longest first), and their keys."""
    texts: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                texts.add(str(key))
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, str):
            texts.add(node)

    for path in [*DATA.rglob("*.yaml")]:
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return sorted((t for t in texts if len(t) >= 3), key=len, reverse=True)


FILE_TEXTS = _file_texts()
_NOT_PROSE = re.compile(
    r"https?://\S+"  # URLs
    r"|`[^`]*`|'[^'\n]*'|\"[^\"\n]*\"|‘[^’]*’"  # quoted: what a file says, a key, a command
    r"|(?<![\w.-])[\w./-]*/[\w./-]*"  # paths
    r"|--?[a-z][\w-]*"  # options
    r"|\b[a-z]+(?:[-_][a-z0-9]+)+\b"  # rule ids, keys (sociale_huur, not-published)
    r"|woonbod \w+"  # a command named
    r"|\b[a-z_]+(?=: )"  # a key as a bid file writes it (woningen: 5000)
)


def _prose(text: str) -> str:
    # HTML, SVG, JUnit: the text and the attributes people read (tooltips, labels), not the
    # tags, the style sheet or the comments for developers.
    text = re.sub(r"<style.*?</style>|<!--.*?-->|/\*.*?\*/", " ", text, flags=re.S)
    read = re.findall(r'(?:title|aria-label|alt|message)="([^"]*)"', text)
    text = html.unescape(re.sub(r"<[^>]*>", " ", text) + "\n" + "\n".join(read))
    text = re.sub(r"^::\w+[^:]*::", " ", text, flags=re.M)  # a GitHub workflow command's syntax
    text = re.sub(r"\\(.)", r"\1", text)  # Markdown's escapes
    for known in FILE_TEXTS:
        text = text.replace(known, " ")
    return _NOT_PROSE.sub(" ", text)


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-zÀ-ÿ]+", _prose(text))}


_NOT_READ = ("uri", "url", "path", "$schema", "$id", "name")


def _human_strings(node: Any, key: str = "") -> Iterator[str]:
    """The texts of a JSON document a person reads: values with a space in them, not URLs, and
    not SARIF's rule names (the rule id, spaced: an identifier, never translated)."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _human_strings(v, k)
    elif isinstance(node, list):
        for item in node:
            yield from _human_strings(item, key)
    elif isinstance(node, str) and " " in node and key not in _NOT_READ:
        yield node


# A figure or date written for people ("28.359", "45.000–60.000", "2022-06-01"), as the diff's
# old and new values are: language-dependent text, like its sentences.
_DISPLAY_NUMBER = re.compile(r"[\d.,%–*≥-]+")


def _machine(node: Any) -> Any:
    """A JSON document with its human texts blanked: what must be the same in both languages."""
    if isinstance(node, dict):
        return {k: _machine(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_machine(v) for v in node]
    if isinstance(node, str) and (" " in node or "\n" in node or _DISPLAY_NUMBER.fullmatch(node)):
        return "<text>"
    return node


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped bids, one with the 83.500 mistake, one deleted: problems of every stage."""
    folder = tmp_path_factory.mktemp("broken") / "data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("rondes"))
    utrecht = folder / "utrecht.yaml"
    text = utrecht.read_text(encoding="utf-8")
    utrecht.write_text(text.replace("totaal: 83500", "totaal: 83.500"), encoding="utf-8")
    (folder / "limburg.yaml").unlink()
    return folder


WOONDEALS = DATA / "rondes" / "2023-woondeals"
JUNE = DATA / "rondes" / "2022-06-indicatief"

# (name, arguments); {broken} is the broken copy, {out} a file in a fresh folder.
RUNS: list[tuple[str, list[str]]] = [
    *[(f"validate-{f}", ["validate", "{broken}", "-f", f]) for f in ("text", "json", "github", "sarif")],
    ("validate-junit", ["validate", "{broken}", "-f", "junit"]),
    *[(f"check-{f}", ["check", "{broken}", "--gaps", "-f", f]) for f in ("text", "json", "github", "sarif")],
    *[(f"total-{f}", ["total", str(DATA), "-s", "all", "-f", f]) for f in ("table", "json", "csv")],
    ("total-markdown", ["total", str(DATA), "-s", "all", "-f", "markdown"]),
    ("total-regio", ["total", str(WOONDEALS), "--by", "regio"]),
    ("total-broken", ["total", "{broken}"]),
    *[(f"status-{f}", ["status", "{broken}", "-f", f]) for f in ("table", "json")],
    *[(f"gaps-{f}", ["gaps", str(WOONDEALS), "-f", f]) for f in ("table", "json", "csv", "markdown")],
    ("gaps-open", ["gaps", "{broken}", "--as-of", "2022-09-20"]),
    *[(f"knelpunten-{f}", ["knelpunten", str(DATA), "-f", f]) for f in ("table", "json", "csv", "markdown")],
    *[(f"diff-{f}", ["diff", str(JUNE), str(DATA), "-f", f]) for f in ("text", "json", "markdown")],
    ("report-markdown", ["report", str(DATA), "-f", "markdown", "-o", "{out}"]),
    ("report-html", ["report", str(DATA), "-o", "{out}"]),
    ("export-csv", ["export", str(DATA), "-f", "csv", "-o", "-"]),
    ("init", ["init", "utrecht", "-o", "{out}"]),
    ("error", ["total", "{broken}", "--segment", "nonsense"]),
]


def _run(args: list[str], lang: str, broken: Path, tmp_path: Path) -> tuple[int, str]:
    out = tmp_path / lang / "out.txt"
    out.parent.mkdir()
    argv = [a.replace("{broken}", str(broken)).replace("{out}", str(out)) for a in args]
    done = runner.invoke(app, ["--lang", lang, *argv])
    assert done.exception is None or isinstance(done.exception, SystemExit), done.exception
    text = done.stdout + done.stderr
    if out.exists():
        text += out.read_text(encoding="utf-8-sig")
    return done.exit_code, text


@pytest.mark.parametrize(("name", "args"), RUNS, ids=[name for name, _ in RUNS])
def test_every_command_speaks_one_language(name: str, args: list[str], broken: Path, tmp_path: Path) -> None:
    code_nl, dutch = _run(args, "nl", broken, tmp_path)
    code_en, english = _run(args, "en", broken, tmp_path)
    assert code_nl == code_en
    if dutch.lstrip().startswith(("{", "[")) and not name.startswith("check-json"):
        data_nl, data_en = json.loads(dutch), json.loads(english)
        assert _machine(data_nl) == _machine(data_en), "the JSON differs in more than its texts"
        dutch, english = "\n".join(_human_strings(data_nl)), "\n".join(_human_strings(data_en))
    if "-csv" in name:
        # A data table: its one-word cells are the format's values, the same in both languages.
        dutch, english = (_csv_prose(text) for text in (dutch, english))
    leftover = _words(dutch) & ENGLISH
    assert not leftover, f"English in the Dutch output: {sorted(leftover)}\n{dutch}"
    leftover = _words(english) & DUTCH
    assert not leftover, f"Dutch in the English output: {sorted(leftover)}\n{english}"


def _csv_prose(text: str) -> str:
    # Every CSV follows one rule: ; in Dutch, , in English. (csv.Sniffer guessed from the first
    # 4000 characters, and failed when a longer checkout path moved where they end.)
    header = text.removeprefix("\ufeff").partition("\n")[0]
    rows = csv.reader(io.StringIO(text), delimiter=";" if header.count(";") > header.count(",") else ",")
    return "\n".join(cell for row in rows for cell in row if " " in cell)


def test_the_runs_cover_every_command() -> None:
    from woonbod.cli.startup import command_name

    every = {command_name(info) for info in app.registered_commands}
    covered = {args[0] for _, args in RUNS} | {"schema"}  # schema: the format's own (Dutch) text
    assert every <= covered, every - covered
    assert (ROOT / "schema" / "bod.schema.json").exists()

"""Problem formats for CI: GitHub annotations, SARIF 2.1.0 and JUnit XML."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from itertools import groupby
from pathlib import PurePath
from typing import TextIO
from urllib.parse import quote

from woonbod import __version__
from woonbod.i18n import _, ngettext
from woonbod.problems import Level, Problem, count_levels
from woonbod.render.escaping import github_data, github_property, md_code, md_text, sarif_text, xml_text
from woonbod.render.problems import ProblemReport, format_problem, summary_line
from woonbod.rules import RULES, STAGES

DOCS = "https://github.com/woonbod/woonbod/blob/main/docs/rules.md"
_GITHUB_LEVEL = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "notice"}
_SARIF_LEVEL = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "note", Level.OFF: "none"}


def sarif_uri(path: str) -> str:
    """A SARIF artifact location is a URI reference: a relative path percent-encoded (code
    scanning resolves it against the repository), an absolute one as a file: URI."""
    pure = PurePath(path)
    return pure.as_uri() if pure.is_absolute() else quote(pure.as_posix())


def github_line(p: Problem) -> str:
    """One workflow command: an annotation on the file and line in the pull request."""
    props = [f"file={github_property(p.path)}"]
    if p.line:
        props += [f"line={p.line}", f"col={p.col}"]
    props.append(f"title={github_property(f'woonbod {p.rule}')}")
    message = github_data(p.message + (f" — {p.hint}" if p.hint else ""))
    return f"::{_GITHUB_LEVEL.get(p.level, 'notice')} {','.join(props)}::{message}"


def render_github(report: ProblemReport, out: TextIO) -> None:
    """GitHub Actions workflow commands, then the summary line."""
    for problem in report.problems:
        out.write(github_line(problem) + "\n")
    out.write(summary_line(report) + "\n")


def sarif_rule(rule: str) -> dict[str, object]:
    """A rule's reportingDescriptor with everything GitHub code scanning requires: a full
    description, help as text and Markdown, and a link to the rule in docs/rules.md."""
    known = RULES.get(rule)
    # rules.py marks its summaries and stage names for the catalogue; _() finds their translation.
    summary = _(known.summary) if known and known.summary else rule
    level = known.level if known else Level.ERROR
    stage = known.stage if known else "unknown"
    stage_name = _(STAGES[stage]) if STAGES.get(stage) else stage
    uri = rule_uri(rule)
    # Translators: {stage} is a stage name (lower case); {level} is error, warning or info, translated.
    full = _("{summary} Stage: {stage}; default level: {level}.").format(
        summary=summary, stage=stage_name.lower(), level=level.label
    )
    levels = _("A round file can change the level under `niveaus`.")
    example = _("A failing and a passing example:")
    # Translators: {level} is the value to write under `niveaus` (error, warning or info): kept.
    markdown = _("Stage: {stage}; default level: `{level}`.").format(
        stage=stage_name.lower(), level=level.value
    )
    return {
        "id": rule,
        "name": rule.replace("-", " "),
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full},
        "help": {
            "text": f"{full} {levels} {example} {uri}",
            "markdown": f"**{summary}**\n\n{markdown} {levels}\n\n{example} [docs/rules.md#{rule}]({uri})",
        },
        "helpUri": uri,
        "defaultConfiguration": {"level": _SARIF_LEVEL[level]},
        "properties": {"stage": stage, "tags": ["woonbod", stage]},
    }


def rule_uri(rule: str) -> str:
    """Where a rule is documented: its heading in docs/rules.md. The anchor is the rule id,
    which never changes (a test checks that every rule has that heading)."""
    return f"{DOCS}#{rule}"


def sarif_location(p: Problem) -> dict[str, object]:
    """A physical location with a region: a problem about the file as a whole (line 0) gets
    the file's first line, as GitHub code scanning requires a region on every result."""
    region: dict[str, object] = {"startLine": p.line or 1}
    if p.line and p.col:
        region["startColumn"] = p.col
    return {"physicalLocation": {"artifactLocation": {"uri": sarif_uri(p.path)}, "region": region}}


def sarif_document(report: ProblemReport) -> dict[str, object]:
    """SARIF 2.1.0 with rule metadata and regions."""
    used = sorted({p.rule for p in report.problems})
    index = {rule: i for i, rule in enumerate(used)}
    results = [
        {
            "ruleId": p.rule,
            "ruleIndex": index[p.rule],
            "level": _SARIF_LEVEL[p.level],
            "message": {"text": sarif_text(p.message + (f" — {p.hint}" if p.hint else ""))},
            "locations": [sarif_location(p)],
        }
        for p in report.problems
    ]
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "woonbod",
                        "version": __version__,
                        "informationUri": DOCS,
                        "rules": [sarif_rule(rule) for rule in used],
                    }
                },
                "results": results,
            }
        ],
    }


def render_sarif(report: ProblemReport, out: TextIO) -> None:
    """SARIF for code-scanning upload."""
    json.dump(sarif_document(report), out, ensure_ascii=False, indent=2)
    out.write("\n")


def render_junit(report: ProblemReport, out: TextIO) -> None:
    """JUnit XML: one test case per file; errors fail it, warnings go to its output. Each
    problem is the text format's line (``file:line:col: level [rule] message — hint``; a problem
    about the whole file has no position), so the fix hint travels with it."""
    by_path = {path: list(group) for path, group in groupby(report.problems, key=lambda p: p.path)}
    paths = list(dict.fromkeys([*report.files, *by_path]))
    failures = sum(1 for path in paths if any(p.level is Level.ERROR for p in by_path.get(path, [])))
    suites = ET.Element("testsuites", name="woonbod", tests=str(len(paths)), failures=str(failures))
    suite = ET.SubElement(
        suites,
        "testsuite",
        name=f"woonbod {report.command}",
        tests=str(len(paths)),
        failures=str(failures),
        errors="0",
        skipped="0",
    )
    for path in paths:
        case = ET.SubElement(suite, "testcase", classname=f"woonbod.{report.command}", name=xml_text(path))
        problems = by_path.get(path, [])
        errors = [p for p in problems if p.level is Level.ERROR]
        others = [p for p in problems if p.level is not Level.ERROR]
        if errors:
            failure = ET.SubElement(
                case,
                "failure",
                type=errors[0].rule,
                message=ngettext("{n} error", "{n} errors", len(errors)).format(n=len(errors)),
            )
            failure.text = "\n".join(xml_text(format_problem(p)) for p in errors)
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(xml_text(format_problem(p)) for p in others)
    ET.indent(suites)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(suites, encoding="unicode") + "\n")


def markdown_summary(report: ProblemReport, limit: int = 50) -> str:
    """A short Markdown summary for $GITHUB_STEP_SUMMARY: the worst problems first (errors,
    then warnings, then info, each in file order), and what is left out counted per level."""
    lines = [f"### woonbod {report.command}", "", summary_line(report), ""]
    if report.problems:
        ranked = sorted(report.problems, key=lambda p: -p.level.rank)  # stable: file order kept
        lines += [_("| where | level | rule | problem |"), "| --- | --- | --- | --- |"]
        for p in ranked[:limit]:
            where = md_code(f"{p.path}:{p.line}" if p.line else p.path)
            lines.append(f"| {where} | {p.level.value} | `{p.rule}` | {md_text(p.message)} |")
        left = count_levels(ranked[limit:])
        if len(ranked) > limit:
            counted = [_level_count(level, n) for level, n in left.items() if n]
            more = _("… and {n} more: {counts}.").format(n=len(ranked) - limit, counts=", ".join(counted))
            lines.append("\n" + more)
    return "\n".join(lines) + "\n"


def _level_count(level: Level, n: int) -> str:
    """'3 errors', '1 warning', '2 info'."""
    if level is Level.ERROR:
        return ngettext("{n} error", "{n} errors", n).format(n=n)
    if level is Level.WARNING:
        return ngettext("{n} warning", "{n} warnings", n).format(n=n)
    return ngettext("{n} info", "{n} info", n).format(n=n)

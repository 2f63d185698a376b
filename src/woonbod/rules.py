"""Every rule woonbod reports, with its default level and one line of documentation.

The full description with a passing and a failing example is in docs/rules.md; a test keeps
the two in step. A round file may change a rule's level under ``niveaus``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from woonbod.i18n import N_, _
from woonbod.problems import Level, Problem


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule's id, its default level, the stage that reports it, and what it means."""

    id: str
    level: Level
    stage: str  # file, schema, consistency, files, norm, gaps
    summary: str  # in English, as docs/rules.md gives it; ``text`` in the language in use

    @property
    def text(self) -> str:
        """The summary in the language in use (renderers, SARIF); ``summary`` stays English."""
        return _(self.summary)

    @property
    def fixed(self) -> bool:
        """A rule that means the file could not be read, or its figures not be trusted (or
        attributed to a province): a round file cannot lower it below error."""
        return self.stage in ("file", "schema") or self.id in _TRUST


# Across files: which province a file is for. Lowered, a copied or second file would be counted.
_TRUST = frozenset({"duplicate-province", "filename-mismatch"})


_E, _W, _I = Level.ERROR, Level.WARNING, Level.INFO

# The stages in the order a run meets them, with the title docs/rules.md gives each.
STAGES = {
    "file": N_("Reading the file"),
    "schema": N_("The format (schema)"),
    "consistency": N_("Consistency inside a bid"),
    "files": N_("Across the files of a folder"),
    "norm": N_("The bid against its round (norms)"),
    "gaps": N_("Gaps against the deadline"),
}

RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        # reading the file
        Rule("file-unreadable", _E, "file", N_("The file cannot be read.")),
        Rule(
            "link-outside",
            _E,
            "file",
            N_("The file is a symbolic link to a file outside the folder: it is not followed."),
        ),
        Rule("file-too-large", _E, "file", N_("The file is larger than the size limit.")),
        Rule("not-utf8", _E, "file", N_("The file is not UTF-8 text.")),
        Rule("empty-file", _E, "file", N_("The file is empty or holds only comments.")),
        Rule(
            "control-character",
            _E,
            "file",
            N_(
                "The file, a key or a value holds a control character (NUL, or ESC from an escape such as "
                "\\e) or a direction mark, which can hide or disguise text on screen."
            ),
        ),
        Rule("yaml-syntax", _E, "file", N_("The file is not valid YAML.")),
        Rule("yaml-tab", _E, "file", N_("A tab character is used for indentation.")),
        Rule("yaml-indentation", _E, "file", N_("A line is indented differently from its neighbours.")),
        Rule("unclosed-quote", _E, "file", N_("A quoted value is never closed.")),
        Rule("several-documents", _E, "file", N_("The file holds more than one YAML document.")),
        Rule("duplicate-key", _E, "file", N_("The same key appears twice in one mapping.")),
        Rule("yaml-tag", _E, "file", N_("A YAML tag such as !!python/object is used.")),
        Rule("yaml-complex-key", _E, "file", N_("A key is a list or mapping instead of a word.")),
        Rule("too-deep", _E, "file", N_("The file is nested too deeply.")),
        Rule("too-many-values", _E, "file", N_("The file holds far more values than a bid has.")),
        Rule("alias-expansion", _E, "file", N_("Anchors and aliases expand to too many values.")),
        # the schema
        Rule("not-a-mapping", _E, "schema", N_("The file (or a part of it) is not a mapping of keys.")),
        Rule("missing-key", _E, "schema", N_("A required key is missing.")),
        Rule("unknown-key", _E, "schema", N_("A key that the format does not have (often a typo).")),
        Rule("invalid-value", _E, "schema", N_("A value of the wrong kind for its key.")),
        Rule("unknown-province", _E, "schema", N_("The province is not one of the twelve.")),
        Rule("thousands-separator", _E, "schema", N_("A number is written with a thousands separator.")),
        Rule("scientific-notation", _E, "schema", N_("A number of homes is written as 1.2e5.")),
        Rule("yaml-boolean", _E, "schema", N_("A yes/no value where a number belongs.")),
        Rule("sexagesimal", _E, "schema", N_("A value such as 1:30 that YAML 1.1 reads as base 60.")),
        Rule("leading-zero", _E, "schema", N_("A number such as 017 that YAML 1.1 reads as octal (15).")),
        Rule("approximate-number", _E, "schema", N_("A number with words or signs such as 'ca.'.")),
        Rule("fraction-of-home", _E, "schema", N_("A number of homes that is not whole.")),
        Rule("negative-count", _E, "schema", N_("A negative number of homes.")),
        Rule("not-a-number", _E, "schema", N_("Text where a number of homes belongs.")),
        Rule(
            "implausible-number",
            _E,
            "schema",
            N_("A number of homes above 10 000 000: more than the Netherlands has in all."),
        ),
        Rule("not-a-share", _E, "schema", N_("A share that is not a percentage or fraction.")),
        Rule("ambiguous-share", _E, "schema", N_("A decimal such as 0.3 where a share was meant.")),
        Rule("share-over-100", _E, "schema", N_("A share above 100%.")),
        Rule("invalid-range", _E, "schema", N_("A {min, max} range that is malformed.")),
        Rule("invalid-approx", _E, "schema", N_("An approximate value {ca: …} that is malformed.")),
        Rule("invalid-date", _E, "schema", N_("A date that is malformed or does not exist.")),
        Rule("invalid-period", _E, "schema", N_("A period of years that is malformed.")),
        # consistency inside one bid
        Rule("segments-sum", _E, "consistency", N_("Written segments do not add up to their whole.")),
        Rule("part-exceeds-whole", _E, "consistency", N_("A part is larger than its whole.")),
        Rule("fasering-sum", _E, "consistency", N_("The fasering does not add up to totaal.")),
        Rule("fasering-overlap", _E, "consistency", N_("Two fasering periods overlap.")),
        Rule(
            "regios-sum",
            _E,
            "consistency",
            N_("What the regions give the province adds up to more than the province."),
        ),
        Rule(
            "regios-short",
            _I,
            "consistency",
            N_("The regions add up to less than the province: kept as published, reported as a note."),
        ),
        Rule(
            "regio-provincies",
            _E,
            "consistency",
            N_("A cross-border region's provincies do not include the bid's own province."),
        ),
        Rule(
            "regio-toegerekend",
            _E,
            "consistency",
            N_("A region's toegerekend part is given without a border to cross, or exceeds the region."),
        ),
        Rule("range-in-definitive", _E, "consistency", N_("A definitive bid still gives a range.")),
        Rule(
            "source-field-unknown",
            _W,
            "consistency",
            N_("A source's `over` names a field that does not exist."),
        ),
        # across files
        Rule(
            "duplicate-province",
            _E,
            "files",
            N_(
                "Two files (not named after another province) hold a bid for the same province: "
                "neither counts."
            ),
        ),
        Rule(
            "filename-mismatch",
            _E,
            "files",
            N_("The file name names another province than the bid's `provincie` (a copied file)."),
        ),
        Rule(
            "filename-unusual",
            _W,
            "files",
            N_("The file name does not name the bid's province exactly (bod.yaml, utrecht-oud.yaml)."),
        ),
        Rule("no-bids", _E, "files", N_("A folder holds no bid files.")),
        Rule(
            "regio-conflict",
            _W,
            "files",
            N_("Bids that name the same region disagree on its totaal, or give it more than it has."),
        ),
        # norms and the round
        Rule("ronde-mismatch", _W, "norm", N_("The bid's round differs from the round file's.")),
        Rule("periode-mismatch", _W, "norm", N_("The bid's period differs from the round's.")),
        Rule(
            "fasering-outside-period",
            _W,
            "norm",
            N_("A fasering period lies outside the bid's period."),
        ),
        Rule(
            "norm-sociale-huur",
            _I,
            "norm",
            N_("A province's sociale huur is below the round's (national) norm: information."),
        ),
        Rule("norm-middenhuur", _I, "norm", N_("A province's middenhuur is below the national norm.")),
        Rule(
            "norm-betaalbare-koop", _I, "norm", N_("A province's betaalbare koop is below the national norm.")
        ),
        Rule("norm-middensegment", _I, "norm", N_("A province's middensegment is below the national norm.")),
        Rule("norm-betaalbaar", _I, "norm", N_("A province's betaalbaar is below the national norm.")),
        Rule(
            "norm-corporaties", _I, "norm", N_("A province's corporations' share is below the national norm.")
        ),
        Rule(
            "norm-national",
            _W,
            "norm",
            N_("The national figure (every province reported) is below the round's norm."),
        ),
        # gaps against the deadline
        Rule(
            "bid-due",
            _I,
            "gaps",
            N_("Before the deadline: a bid is still owed (no usable file, not submitted, indicative)."),
        ),
        Rule("item-due", _I, "gaps", N_("Before the deadline: a required item or topic is still owed.")),
        Rule("missing-bid", _E, "gaps", N_("A province has no bid file, or only one with errors.")),
        Rule("not-submitted", _E, "gaps", N_("A bid has no submission date (ingediend) in an open round.")),
        Rule(
            "not-published",
            _I,
            "gaps",
            N_(
                "In a closed round (gesloten): a figure, topic or submission date that is unknown was not "
                "published; nothing is owed any more."
            ),
        ),
        Rule("submitted-late", _E, "gaps", N_("A bid was submitted after the deadline.")),
        Rule("still-indicative", _E, "gaps", N_("A bid is still indicative after a definitive deadline.")),
        Rule("required-unknown", _E, "gaps", N_("A required item (verplicht) is unknown.")),
        Rule("topic-missing", _W, "gaps", N_("A deferrable topic is neither given nor deferred.")),
        Rule("deferral-overdue", _W, "gaps", N_("A deferred topic is past its own date.")),
        Rule("deferral-too-late", _E, "gaps", N_("A topic is deferred past the round's latest date.")),
        Rule(
            "topic-not-deferrable",
            _E,
            "gaps",
            N_("A topic is deferred that the round does not allow to defer."),
        ),
    )
}


def stage_title(stage: str) -> str:
    """A stage's title (``STAGES``) in the language in use; an unknown stage as it is."""
    title = STAGES.get(stage)
    return stage if title is None else _(title)


def apply_levels(problems: Iterable[Problem], levels: Mapping[str, Level]) -> list[Problem]:
    """Set each problem's level from the round file's ``niveaus``; drop those set to off. A fixed
    rule keeps its level whatever ``niveaus`` says (the round model refuses such a setting too)."""
    out: list[Problem] = []
    for problem in problems:
        level = levels.get(problem.rule)
        rule = RULES.get(problem.rule)
        if level is None or (rule is not None and rule.fixed):
            out.append(problem)
        elif level is not Level.OFF:
            out.append(replace(problem, level=level))
    return out


def level_of(rule: str) -> Level:
    """The default level of a rule."""
    return RULES[rule].level

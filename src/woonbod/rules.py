"""Every rule woonbod reports, with its default level and one line of documentation.

The full description with a passing and a failing example is in docs/rules.md; a test keeps
the two in step. A round file may change a rule's level under ``niveaus``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from woonbod.problems import Level, Problem


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule's id, its default level, the stage that reports it, and what it means."""

    id: str
    level: Level
    stage: str  # file, schema, consistency, files, norm, gaps
    summary: str

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
    "file": "Reading the file",
    "schema": "The format (schema)",
    "consistency": "Consistency inside a bid",
    "files": "Across the files of a folder",
    "norm": "The bid against its round (norms)",
    "gaps": "Gaps against the deadline",
}

RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        # reading the file
        Rule("file-unreadable", _E, "file", "The file cannot be read."),
        Rule(
            "link-outside",
            _E,
            "file",
            "The file is a symbolic link to a file outside the folder: it is not followed.",
        ),
        Rule("file-too-large", _E, "file", "The file is larger than the size limit."),
        Rule("not-utf8", _E, "file", "The file is not UTF-8 text."),
        Rule("empty-file", _E, "file", "The file is empty or holds only comments."),
        Rule(
            "control-character",
            _E,
            "file",
            "The file, a key or a value holds a control character (NUL, or ESC from an escape such as "
            "\\e) or a direction mark, which can hide or disguise text on screen.",
        ),
        Rule("yaml-syntax", _E, "file", "The file is not valid YAML."),
        Rule("yaml-tab", _E, "file", "A tab character is used for indentation."),
        Rule("yaml-indentation", _E, "file", "A line is indented differently from its neighbours."),
        Rule("unclosed-quote", _E, "file", "A quoted value is never closed."),
        Rule("several-documents", _E, "file", "The file holds more than one YAML document."),
        Rule("duplicate-key", _E, "file", "The same key appears twice in one mapping."),
        Rule("yaml-tag", _E, "file", "A YAML tag such as !!python/object is used."),
        Rule("yaml-complex-key", _E, "file", "A key is a list or mapping instead of a word."),
        Rule("too-deep", _E, "file", "The file is nested too deeply."),
        Rule("too-many-values", _E, "file", "The file holds far more values than a bid has."),
        Rule("alias-expansion", _E, "file", "Anchors and aliases expand to too many values."),
        # the schema
        Rule("not-a-mapping", _E, "schema", "The file (or a part of it) is not a mapping of keys."),
        Rule("missing-key", _E, "schema", "A required key is missing."),
        Rule("unknown-key", _E, "schema", "A key that the format does not have (often a typo)."),
        Rule("invalid-value", _E, "schema", "A value of the wrong kind for its key."),
        Rule("unknown-province", _E, "schema", "The province is not one of the twelve."),
        Rule("thousands-separator", _E, "schema", "A number is written with a thousands separator."),
        Rule("scientific-notation", _E, "schema", "A number of homes is written as 1.2e5."),
        Rule("yaml-boolean", _E, "schema", "A yes/no value where a number belongs."),
        Rule("sexagesimal", _E, "schema", "A value such as 1:30 that YAML 1.1 reads as base 60."),
        Rule("leading-zero", _E, "schema", "A number such as 017 that YAML 1.1 reads as octal (15)."),
        Rule("approximate-number", _E, "schema", "A number with words or signs such as 'ca.'."),
        Rule("fraction-of-home", _E, "schema", "A number of homes that is not whole."),
        Rule("negative-count", _E, "schema", "A negative number of homes."),
        Rule("not-a-number", _E, "schema", "Text where a number of homes belongs."),
        Rule(
            "implausible-number",
            _E,
            "schema",
            "A number of homes above 10 000 000: more than the Netherlands has in all.",
        ),
        Rule("not-a-share", _E, "schema", "A share that is not a percentage or fraction."),
        Rule("ambiguous-share", _E, "schema", "A decimal such as 0.3 where a share was meant."),
        Rule("share-over-100", _E, "schema", "A share above 100%."),
        Rule("invalid-range", _E, "schema", "A {min, max} range that is malformed."),
        Rule("invalid-approx", _E, "schema", "An approximate value {ca: …} that is malformed."),
        Rule("invalid-date", _E, "schema", "A date that is malformed or does not exist."),
        Rule("invalid-period", _E, "schema", "A period of years that is malformed."),
        # consistency inside one bid
        Rule("segments-sum", _E, "consistency", "Written segments do not add up to their whole."),
        Rule("part-exceeds-whole", _E, "consistency", "A part is larger than its whole."),
        Rule("fasering-sum", _E, "consistency", "The fasering does not add up to totaal."),
        Rule("fasering-overlap", _E, "consistency", "Two fasering periods overlap."),
        Rule(
            "regios-sum",
            _E,
            "consistency",
            "What the regions give the province adds up to more than the province.",
        ),
        Rule(
            "regios-short",
            _I,
            "consistency",
            "The regions add up to less than the province: kept as published, reported as a note.",
        ),
        Rule(
            "regio-provincies",
            _E,
            "consistency",
            "A cross-border region's provincies do not include the bid's own province.",
        ),
        Rule(
            "regio-toegerekend",
            _E,
            "consistency",
            "A region's toegerekend part is given without a border to cross, or exceeds the region.",
        ),
        Rule("range-in-definitive", _E, "consistency", "A definitive bid still gives a range."),
        Rule(
            "source-field-unknown",
            _W,
            "consistency",
            "A source's `over` names a field that does not exist.",
        ),
        # across files
        Rule(
            "duplicate-province",
            _E,
            "files",
            "Two files (not named after another province) hold a bid for the same province: neither counts.",
        ),
        Rule(
            "filename-mismatch",
            _E,
            "files",
            "The file name names another province than the bid's `provincie` (a copied file).",
        ),
        Rule(
            "filename-unusual",
            _W,
            "files",
            "The file name does not name the bid's province exactly (bod.yaml, utrecht-oud.yaml).",
        ),
        Rule("no-bids", _E, "files", "A folder holds no bid files."),
        Rule(
            "regio-conflict",
            _W,
            "files",
            "Bids that name the same region disagree on its totaal, or give it more than it has.",
        ),
        # norms and the round
        Rule("ronde-mismatch", _W, "norm", "The bid's round differs from the round file's."),
        Rule("periode-mismatch", _W, "norm", "The bid's period differs from the round's."),
        Rule(
            "fasering-outside-period",
            _W,
            "norm",
            "A fasering period lies outside the bid's period.",
        ),
        Rule(
            "norm-sociale-huur",
            _I,
            "norm",
            "A province's sociale huur is below the round's (national) norm: information.",
        ),
        Rule("norm-middenhuur", _I, "norm", "A province's middenhuur is below the national norm."),
        Rule("norm-betaalbare-koop", _I, "norm", "A province's betaalbare koop is below the national norm."),
        Rule("norm-middensegment", _I, "norm", "A province's middensegment is below the national norm."),
        Rule("norm-betaalbaar", _I, "norm", "A province's betaalbaar is below the national norm."),
        Rule("norm-corporaties", _I, "norm", "A province's corporations' share is below the national norm."),
        Rule(
            "norm-national",
            _W,
            "norm",
            "The national figure (every province reported) is below the round's norm.",
        ),
        # gaps against the deadline
        Rule(
            "bid-due",
            _I,
            "gaps",
            "Before the deadline: a bid is still owed (no usable file, not submitted, indicative).",
        ),
        Rule("item-due", _I, "gaps", "Before the deadline: a required item or topic is still owed."),
        Rule("missing-bid", _E, "gaps", "A province has no bid file, or only one with errors."),
        Rule("not-submitted", _E, "gaps", "A bid has no submission date (ingediend) in an open round."),
        Rule(
            "not-published",
            _I,
            "gaps",
            "In a closed round (gesloten): a figure, topic or submission date that is unknown was not "
            "published; nothing is owed any more.",
        ),
        Rule("submitted-late", _E, "gaps", "A bid was submitted after the deadline."),
        Rule("still-indicative", _E, "gaps", "A bid is still indicative after a definitive deadline."),
        Rule("required-unknown", _E, "gaps", "A required item (verplicht) is unknown."),
        Rule("topic-missing", _W, "gaps", "A deferrable topic is neither given nor deferred."),
        Rule("deferral-overdue", _W, "gaps", "A deferred topic is past its own date."),
        Rule("deferral-too-late", _E, "gaps", "A topic is deferred past the round's latest date."),
        Rule(
            "topic-not-deferrable",
            _E,
            "gaps",
            "A topic is deferred that the round does not allow to defer.",
        ),
    )
}


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

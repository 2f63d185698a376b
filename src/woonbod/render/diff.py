"""Renderers for a round-to-round diff: text, JSON and Markdown."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TextIO

from woonbod import __version__
from woonbod.analysis.diff import Change, ProvinceDiff, RoundDiff
from woonbod.formatting import homes
from woonbod.i18n import N_, _, pgettext
from woonbod.render.escaping import md_text, printable
from woonbod.render.terminal import wrap, wrap_width
from woonbod.render.totals import national_cell


def _delta(value: int | None, approx: bool = False) -> str:
    if value is None:
        return ""
    return f" ({'ca. ' if approx else ''}{'+' if value >= 0 else '−'}{homes(abs(value))})"


PRESENCE = {
    "invalid-earlier": N_("no usable bid in the earlier round: the file has errors"),
    "invalid-later": N_("no usable bid in the later round: the file has errors"),
    "invalid-both": N_("no usable bid in either round: the files have errors"),
    "not-compared": N_(
        "not compared: one round was given as a file, not a folder, and it is not this province"
    ),
}
BID = {"added": N_("bid added"), "removed": N_("bid removed")}


def presence(province: ProvinceDiff) -> str:
    """Why a province has nothing to compare, naming the file with errors."""
    files = ", ".join(printable(p) for p in province.paths)
    return _(PRESENCE[province.presence]) + (f" ({files})" if files else "")


def _national(diff: RoundDiff) -> str:
    old, new = diff.old_total, diff.new_total
    # Translators: "National totaal: 917 193 (12 of 12 provinces) → 920 000 (12 of 12 provinces)".
    text = _(
        "National totaal: {old} ({old_known} of {old_count} provinces) → "
        "{new} ({new_known} of {new_count} provinces)"
    ).format(
        old=national_cell(old),
        old_known=old.known,
        old_count=len(old.rows),
        new=national_cell(new),
        new_known=new.known,
        new_count=len(new.rows),
    )
    if old.complete and new.complete and not old.is_range and not new.is_range:
        text += _delta(new.low - old.low, old.approx or new.approx)
    elif not (old.complete and new.complete):
        text += _("; not comparable as national figures: coverage differs or is partial")
    return text + "."


def render_text(diff: RoundDiff, out: TextIO) -> None:
    """Per province what changed, then the national change; on a terminal each line wraps
    between words, a number whole."""
    width = wrap_width(out)

    def line(text: str, indent: str = "") -> None:
        shown = wrap(text, width, first=indent, rest=indent + "    ") if width else [indent + text]
        out.write("\n".join(shown) + "\n")

    line(f"{printable(diff.old_name)} → {printable(diff.new_name)}")
    out.write("\n")
    for province in diff.provinces:
        if province.presence in PRESENCE:
            line(f"{province.province.name}: {presence(province)}")
            continue
        if province.presence != "both":
            line(f"{province.province.name}: {_(BID[province.presence])}")
        elif not province.changes:
            line(_("{province}: no changes").format(province=province.province.name))
            continue
        else:
            line(f"{province.province.name}:")
        for change in province.changes:
            what, old, new = (printable(str(v)) for v in (change.what, change.old, change.new))
            line(f"{what}: {old} → {new}{_delta(change.delta, change.approx)}", "  ")
    out.write("\n")
    line(_national(diff))


def render_markdown(diff: RoundDiff, out: TextIO) -> None:
    """A Markdown table of the changes."""
    out.write(f"## {md_text(diff.old_name)} → {md_text(diff.new_name)}\n\n")
    headers = (
        _("province"),
        _("what"),
        pgettext("diff", "was"),
        pgettext("diff", "becomes"),
        _("difference"),
    )
    out.write("| " + " | ".join(headers) + " |\n")
    out.write("| --- | --- | --- | --- | ---: |\n")
    bid = "bod"
    for province in diff.provinces:
        if province.presence in PRESENCE:
            out.write(f"| {province.province.name} | {bid} | {md_text(presence(province))} | | |\n")
            continue
        if province.presence != "both":
            was, now = ("—", bid) if province.presence == "added" else (bid, "—")
            out.write(f"| {province.province.name} | {bid} | {was} | {now} | |\n")
        for change in province.changes:
            delta = _delta(change.delta, change.approx).strip(" ()")
            what, old, new = (md_text(str(v)) for v in (change.what, change.old, change.new))
            out.write(f"| {province.province.name} | {what} | {old} | {new} | {delta} |\n")
    out.write(f"\n{_national(diff)}\n")


def _change_json(change: Change) -> dict[str, object]:
    """One change: the texts for people (``what``, ``old``, ``new``, in the language chosen) and
    beside them the same change for programs, alike in every language."""
    document: dict[str, object] = {
        "what": change.what,
        "old": change.old,
        "new": change.new,
        "delta": change.delta,
    }
    if change.approx:
        document["approximate"] = True
    document |= {"kind": change.kind, "key": change.key}
    if change.part:
        document["part"] = True
    for name, side in (("old", change.before), ("new", change.after)):
        document[f"{name}_state"] = side.state
        document[f"{name}_value"] = side.value
        if side.approx:
            document[f"{name}_approx"] = True
    return document


def render_json(diff: RoundDiff, out: TextIO) -> None:
    """Versioned JSON (docs/json.md)."""
    document = {
        "version": 1,
        "tool": {"name": "woonbod", "version": __version__},
        "command": "diff",
        "old": diff.old_name,
        "new": diff.new_name,
        "provinces": [
            {
                "provincie": p.province.name,
                "code": p.province.iso,
                "presence": p.presence,
                **({"files_with_errors": list(p.paths)} if p.paths else {}),
                "changes": [_change_json(c) for c in p.changes],
            }
            for p in diff.provinces
        ],
        "national": {
            "old": {
                "min": diff.old_total.low if diff.old_total.known else None,
                "max": diff.old_total.high,
                "known": diff.old_total.known,
            },
            "new": {
                "min": diff.new_total.low if diff.new_total.known else None,
                "max": diff.new_total.high,
                "known": diff.new_total.known,
            },
        },
    }
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")


DIFF_RENDERERS: dict[str, Callable[[RoundDiff, TextIO], None]] = {
    "text": render_text,
    "json": render_json,
    "markdown": render_markdown,
}

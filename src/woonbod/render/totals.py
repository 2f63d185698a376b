"""Renderers for the totals: a terminal table with a bar, JSON, CSV and Markdown."""

from __future__ import annotations

import json
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Protocol, TextIO

from woonbod import __version__
from woonbod.analysis.need import NeedComparison, NeedRow
from woonbod.analysis.totals import ProvinceFigure, SegmentTotal, segment_label
from woonbod.formatting import homes, percent, span
from woonbod.i18n import N_, _, pgettext
from woonbod.loading.loader import RoundInfo
from woonbod.render.csv_format import write_csv
from woonbod.render.escaping import printable, rich_text
from woonbod.render.terminal import Column, print_prose, print_table
from woonbod.render.terminal import console as terminal_console

if TYPE_CHECKING:
    from rich.console import Console

JSON_VERSION = 1
HOW = {
    "given": "",
    "share": N_("from a share"),
    "sum": N_("sum of its parts"),
    "difference": N_("whole minus parts"),
}
LEGEND = N_(
    "* derived (from a share, or from the other segments); ca. approximate (the source says about "
    "or almost); ? not known; n.p. not published (closed round); – no bid file; ! file has errors"
)


def how(row: ProvinceFigure) -> str:
    """How a province's figure was found, in words (empty when the bid gives it)."""
    text = HOW.get(row.how or "", "")
    return _(text) if text else ""


def cell(row: ProvinceFigure) -> str:
    """A province's figure as shown in a table."""
    if row.status == "missing":
        return "–"
    if row.status == "invalid":
        return "!"
    if row.low is None:
        return "n.p." if row.status == "unpublished" else "?"
    return span(row.low, row.high, derived=row.status == "derived", approx=row.approx)


def target_cell(total: SegmentTotal) -> str:
    """The national target as shown everywhere: ``*`` when derived from the round's share."""
    if total.target is None:
        return ""
    return homes(total.target.value) + ("*" if total.target.derived else "")


def national_cell(total: SegmentTotal) -> str:
    """The sum over the provinces that reported, as shown."""
    if total.known == 0:
        return "n.p." if total.unpublished else "?"
    return span(total.low, total.high, derived=total.derived, approx=total.approx)


def coverage(total: SegmentTotal) -> str:
    """'12 of 12 provinces' or '3 of 12 provinces; missing: …'."""
    text = _("{known} of {count} provinces").format(known=total.known, count=len(total.rows))
    label = segment_label(total.segment)
    if total.complete:
        return text
    if total.known == 0 and total.unpublished:
        return _("no province published {segment}").format(segment=label)
    if total.known == 0:
        return _("no province reported {segment}; {why}").format(segment=label, why=why_unknown(total))
    return f"{text}; {why_unknown(total)}"


def why_unknown(total: SegmentTotal) -> str:
    """Why the provinces without a figure have none, kept apart: not published (a bid of a
    closed round), a bid file with errors (named), no bid file, or not given (an open round)."""
    groups: dict[str, list[str]] = {}
    for row in total.rows:
        if row.known:
            continue
        name = row.province.name
        if row.status == "invalid" and row.path is not None:
            name += f" ({printable(row.path)})"
        groups.setdefault(row.status, []).append(name)
    labels = {
        "unpublished": N_("not published for {provinces}"),
        "invalid": N_("the bid file has errors for {provinces}"),
        "missing": N_("no bid file for {provinces}"),
        "unknown": N_("unknown for {provinces}"),
    }
    return "; ".join(
        _(labels[status]).format(provinces=", ".join(names))
        for status in ("unpublished", "invalid", "missing", "unknown")
        if (names := groups.get(status))
    )


def verdict(total: SegmentTotal) -> str:
    """The national figure against the target, honest about coverage and derivation: a partial
    sum is held against the same provinces' own totaal, never against the national target."""
    label = segment_label(total.segment)
    if total.known == 0:
        if total.unpublished:
            return _("No province published {segment}: there is no national figure.").format(segment=label)
        if all(r.status == "unknown" for r in total.rows):
            return _("No province reported {segment}: there is no national figure.").format(segment=label)
        return _("No national figure for {segment}: {why}.").format(segment=label, why=why_unknown(total))
    if not total.complete:
        return _partial_verdict(total)
    figure = national_cell(total)
    if total.target is None:
        return _("National: {figure}.").format(figure=figure)
    details = f" ({total.target.note})" if total.target.note else ""
    if total.target.derived:
        details += _(", derived from the round's share")
    # Translators: {share} is e.g. "101.9%", {target} "900 000", {details} an optional
    # " (parts)" and ", derived from the round's share".
    national = _("National: {figure} = {share} of the target of {target}{details}").format(
        figure=figure, share=share_text(total), target=target_cell(total), details=details
    )
    difference = total.difference()
    if difference is None:
        return national + "."
    amount = homes(abs(difference))
    if total.approx:
        above = _("{national}: about {amount} above it.") if difference >= 0 else None
        text = above or _("{national}: about {amount} below it.")
    else:
        text = _("{national}: {amount} above it.") if difference >= 0 else _("{national}: {amount} below it.")
    return text.format(national=national, amount=amount)


def _partial_verdict(total: SegmentTotal) -> str:
    """A partial sum, held against the reporting provinces' own totaal."""
    why = why_unknown(total)
    # Translators: {why} is a sentence saying why the other provinces have no figure.
    text = _(
        "Partial sum, not the national figure: {figure} from {known} of {count} provinces. {why}."
    ).format(
        figure=national_cell(total), known=total.known, count=len(total.rows), why=why[:1].upper() + why[1:]
    )
    own = total.share_of_own_totaal()
    if own is not None and total.segment != "totaal":
        if total.own_share_approx:
            put = _("The provinces that reported put about {share} of their own totaal in it.")
        else:
            put = _("The provinces that reported put {share} of their own totaal in it.")
        text += " " + put.format(share=percent(own))
    return text


def share_text(total: SegmentTotal) -> str:
    """The national figure as a share of its target; empty for a partial sum."""
    if total.target is None or not total.target.value or not total.complete:
        return ""
    target = total.target.value
    high = None if total.high is None else Fraction(total.high, target)
    return span(Fraction(total.low, target), high, approx=total.approx, show=percent)


def bar(total: SegmentTotal, width: int = 40) -> str | None:
    """A text bar of the (partial) sum against the target."""
    value = total.share_of_target()
    if value is None:
        return None
    filled = min(width, round(float(value) * width))
    shown = share(value, total.approx)
    return "█" * filled + "░" * (width - filled) + " " + _("{share} of target").format(share=shown)


def need_summary(need: NeedComparison) -> str:
    """The bids against the need, saying for how many provinces the need is known."""
    known = need.with_need
    if not known:
        return _("Need (benodigd): not known for any province.")
    each = ", ".join(
        # Translators: a province's bid against its need (benodigd): "Zeeland 16 500 vs 7 006".
        _("{province} {bid} vs {need}").format(province=r.province.name, bid=cell(r.bid), need=homes(r.need))
        + ("" if (ratio := r.ratio()) is None else f" ({share(ratio, r.bid.approx)})")
        for r in known
    )
    missing = len(need.rows) - len(known)
    if missing:
        text = _(
            "Need (benodigd, the minister's estimate) known for {known} of {count} provinces; "
            "bid vs need: {each}; unknown for the other {missing}, so no national comparison."
        )
    else:
        text = _(
            "Need (benodigd, the minister's estimate) known for {known} of {count} provinces; "
            "bid vs need: {each}."
        )
    return text.format(known=len(known), count=len(need.rows), each=each, missing=missing)


def need_row_cells(row: NeedRow) -> tuple[str, str]:
    """A province's need and its bid as a share of it, as shown in a table."""
    ratio = row.ratio()
    return (
        "" if row.need is None else homes(row.need),
        "" if ratio is None else share(ratio, row.bid.approx),
    )


def share(value: Fraction, approx: bool) -> str:
    """A share shown as a percentage, "ca. " before it when the figure it is a share of (or
    the figure it shares out) is approximate, the way ``span`` writes an approximate figure."""
    return span(value, value, approx=approx, show=percent)


def render_table(
    totals: Sequence[SegmentTotal],
    info: RoundInfo,
    out: TextIO,
    color: bool,
    need: NeedComparison | None = None,
) -> None:
    """Rich table(s) for the terminal."""
    console = terminal_console(out, color)
    if len(totals) > 1:
        _render_matrix(totals, info, console)
        if need is not None:
            print_prose(console, need_summary(need))
        return
    total = totals[0]
    shares = total.segment != "totaal"  # a total as a share of itself says nothing
    needs = need is not None and total.segment == "totaal"
    name = rich_text(info.ronde.title)
    console.print(f"[bold]{segment_label(total.segment).capitalize()}[/] — {name}")
    columns = [
        Column(_("Province"), justify="left"),
        Column(segment_label(total.segment)),
        *([Column(_("of totaal"))] if shares else []),
        *([Column(pgettext("table header", "need")), Column(_("of need"))] if needs else []),
        Column(pgettext("table header", "how"), justify="left", style="dim"),
    ]
    need_rows = need.rows if needs and need is not None else ()
    rows: list[list[str]] = []
    for i, (row, part) in enumerate(zip(total.rows, total.of_totaal, strict=True)):
        ratio = ["" if part is None else share(part, total.share_approx(i))] if shares else []
        extra = list(need_row_cells(need_rows[i])) if need_rows else []
        rows.append([row.province.name, cell(row), *ratio, *extra, how(row)])
    label = (
        _("National")
        if total.complete
        else _("Sum ({known} of {count})").format(known=total.known, count=len(total.rows))
    )
    own = total.share_of_own_totaal()
    basis = "" if own is None else share(own, total.own_share_approx)
    blank = ["", ""] if need_rows else []
    rows.append([label, national_cell(total), *([basis] if shares else []), *blank, ""])
    if total.target is not None:
        rows.append(
            [
                _("Target"),
                target_cell(total),
                *([""] if shares else []),
                *blank,
                total.target.note or (_("derived") if total.target.derived else ""),
            ]
        )
    print_table(console, columns, rows, sections=[len(total.rows)])
    print_prose(console, _(LEGEND), style="dim")
    graph = bar(total, min(40, console.width - 20))
    if graph:
        console.print(graph)
    print_prose(console, verdict(total))
    if needs and need is not None:
        print_prose(console, need_summary(need))


def _render_matrix(totals: Sequence[SegmentTotal], info: RoundInfo, console: Console) -> None:
    title = _("All segments — {round}").format(round=printable(info.ronde.title))
    console.print(title, markup=False, style="bold")
    columns = [Column(_("Province"), justify="left"), *(Column(segment_label(t.segment)) for t in totals)]
    rows = [[row.province.name, *(cell(t.rows[i]) for t in totals)] for i, row in enumerate(totals[0].rows)]
    rows.append([_("Sum"), *(national_cell(t) for t in totals)])
    rows.append([_("Provinces"), *(f"{t.known}/{len(t.rows)}" for t in totals)])
    rows.append([_("Target"), *(target_cell(t) for t in totals)])
    print_table(console, columns, rows, sections=[len(totals[0].rows)])
    print_prose(console, _(LEGEND), style="dim")
    for total in totals:
        print_prose(console, f"{segment_label(total.segment)}: {verdict(total)}")


def total_dict(total: SegmentTotal) -> dict[str, object]:
    """One segment's totals as documented in docs/json.md."""
    share = total.share_of_target()
    return {
        "segment": total.segment,
        "provinces": [r.record() for r in total.rows],
        "sum": {
            "value": None if total.is_range or total.known == 0 else total.low,
            "min": total.low if total.known else None,
            "max": total.high if total.known else None,
            "derived": total.derived,
            "approximate": total.approx,
            "share_of_own_totaal": None
            if total.share_of_own_totaal() is None
            else round(float(total.share_of_own_totaal() or 0), 4),
        },
        "coverage": {
            "known": total.known,
            "of": len(total.rows),
            "complete": total.complete,
            "missing": total.missing,
        },
        "target": None
        if total.target is None
        else {
            "value": total.target.value,
            "derived": total.target.derived,
            "parts": total.target.note or None,
            "difference": total.difference(),
            "share_of_target": None if share is None else round(float(share), 4),
        },
    }


def need_dict(need: NeedComparison) -> dict[str, object]:
    """The bids against the need as documented in docs/json.md."""
    sums = need.sums()
    return {
        "known": len(need.with_need),
        "of": len(need.rows),
        "provinces": [
            {
                "provincie": r.province.name,
                "code": r.province.iso,
                "totaal": r.bid.low if r.comparable else None,
                "benodigd": r.need,
                "difference": r.difference(),
                "share_of_need": None if (ratio := r.ratio()) is None else round(float(ratio), 4),
            }
            for r in need.rows
        ],
        "sum": None
        if sums is None
        else {"totaal": sums[0], "benodigd": sums[1], "provinces": len(need.comparable)},
    }


def render_json(
    totals: Sequence[SegmentTotal],
    info: RoundInfo,
    out: TextIO,
    color: bool,
    need: NeedComparison | None = None,
) -> None:
    """Versioned JSON (docs/json.md)."""
    document = {
        "version": JSON_VERSION,
        "tool": {"name": "woonbod", "version": __version__},
        "command": "total",
        "round": {"file": info.path, "naam": info.ronde.naam, "ronde": info.ronde.soort},
        "segments": [total_dict(t) for t in totals],
    }
    if need is not None:
        document["benodigd"] = need_dict(need)
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")


# The sum row of the total CSV: code NL and a name that is a name, not a word, like the
# provinces' own (the CSV is a machine table: the same in English and in Dutch).
NATIONAL_NAME, NATIONAL_CODE = "Nederland", "NL"


def national_status(total: SegmentTotal) -> str:
    """The sum row's status, a machine value like a province's: ``complete`` (every province),
    ``partial`` (some), ``unpublished`` (none; a closed round) or ``unknown`` (none)."""
    if total.complete:
        return "complete"
    if total.known:
        return "partial"
    return "unpublished" if total.unpublished else "unknown"


def _rows(totals: Sequence[SegmentTotal]) -> tuple[list[str], list[list[object]]]:
    """The machine table: per segment its figure, maximum, status, approx and, in the sum row,
    how many provinces it covers (``{segment}_provincies_bekend`` of ``provincies``)."""
    header = ["provincie", "code"]
    for t in totals:
        s = t.segment
        header += [s, f"{s}_max", f"{s}_status", f"{s}_approx", f"{s}_provincies_bekend"]
    header.append("provincies")
    rows: list[list[object]] = []
    for i, row in enumerate(totals[0].rows):
        line: list[object] = [row.province.name, row.province.iso]
        for t in totals:
            r = t.rows[i]
            line += ["" if r.low is None else r.low, "" if r.high is None else r.high, r.status, r.approx, ""]
        rows.append([*line, ""])
    national: list[object] = [NATIONAL_NAME, NATIONAL_CODE]
    for t in totals:
        national += [
            t.low if t.known else "",
            "" if t.high is None or not t.known else t.high,
            national_status(t),
            t.approx,
            t.known,
        ]
    rows.append([*national, len(totals[0].rows)])
    return header, rows


def render_csv(
    totals: Sequence[SegmentTotal],
    info: RoundInfo,
    out: TextIO,
    color: bool,
    need: NeedComparison | None = None,
    delimiter: str | None = None,
) -> None:
    """A machine table (render.csv_format's rule): plain numbers and the same values as the
    JSON, one row per province and a last row (code NL) with the sums and their coverage."""
    header, rows = _rows(totals)
    if need is not None:
        header += ["benodigd", "benodigd_provincies_bekend"]
        for row, need_row in zip(rows, need.rows, strict=False):
            row += ["" if need_row.need is None else need_row.need, ""]
        known = need.with_need
        rows[-1] += [sum(r.need or 0 for r in known) if known else "", len(known)]
    write_csv(out, header, rows, delimiter)


def render_markdown(
    totals: Sequence[SegmentTotal],
    info: RoundInfo,
    out: TextIO,
    color: bool,
    need: NeedComparison | None = None,
) -> None:
    """A Markdown table for an issue or wiki, with the verdict under it."""
    from woonbod.render.markdown_table import markdown_table

    headers = [_("Province"), *(segment_label(t.segment) for t in totals)]
    body = [[r.province.name, *(_md(cell(t.rows[i])) for t in totals)] for i, r in enumerate(totals[0].rows)]
    body.append(
        [
            "**" + _("Sum") + "**",
            *(f"**{national_cell(t).rstrip('*')}**" + ("\\*" if t.derived else "") for t in totals),
        ]
    )
    body.append([_("Provinces"), *(f"{t.known}/{len(t.rows)}" for t in totals)])
    body.append([_("Target"), *(_md(target_cell(t)) for t in totals)])
    colalign = ["left", *(["right"] * len(totals))]
    out.write(markdown_table(body, headers, colalign) + "\n\n")
    out.write(f"{_md(_(LEGEND))}\n\n")
    for t in totals:
        out.write(f"- {segment_label(t.segment)}: {verdict(t)}\n")
    if need is not None:
        out.write(f"- {need_summary(need)}\n")


def _md(text: str) -> str:
    return text.replace("*", "\\*")


class TotalsRenderer(Protocol):
    """A renderer of segment totals; ``need`` adds the bids against the round's benodigd."""

    def __call__(
        self,
        totals: Sequence[SegmentTotal],
        info: RoundInfo,
        out: TextIO,
        color: bool,
        need: NeedComparison | None = None,
    ) -> None: ...


TOTALS_RENDERERS: dict[str, TotalsRenderer] = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
    "markdown": render_markdown,
}

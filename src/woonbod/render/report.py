"""The report as one self-contained HTML page (inline SVG and CSS, nothing fetched) or Markdown."""

from __future__ import annotations

import datetime as dt
import io
from importlib import resources

from woonbod import __version__, i18n
from woonbod.analysis.gaps import Cell, summarize
from woonbod.analysis.regions import RegionTable
from woonbod.analysis.report import ReportData, provinces_known
from woonbod.analysis.totals import segment_label
from woonbod.formatting import date, homes
from woonbod.i18n import _, language, ngettext
from woonbod.model.provinces import PROVINCES
from woonbod.render.escaping import html_url, md_text, md_url
from woonbod.render.gaps import cell_detail, cell_symbol
from woonbod.render.knelpunten import cell_text
from woonbod.render.knelpunten import national_cell as knelpunt_national
from woonbod.render.regions import markdown_table as regions_markdown
from woonbod.render.regions import parts_text, region_cell
from woonbod.render.regions import summary as regions_summary
from woonbod.render.svg import stacked_bars, target_bars, tile_map
from woonbod.render.totals import cell as figure_cell
from woonbod.render.totals import national_cell, need_row_cells, need_summary, share_text, target_cell

_CSS_STATE = {"on time": "on-time", "submitted": "on-time"}


def _context(data: ReportData) -> dict[str, object]:
    """Everything the template shows, section by section."""
    return {
        **_heading(data),
        **_national(data),
        **_charts(data),
        **_gaps(data),
        **_knelpunten(data),
        **_regions(data),
        **_need(data),
        "sources": [
            {"province": s.province, "url": html_url(s.url), "over": s.over, "titel": s.titel or s.url}
            for s in data.sources
        ],
        "notes": data.notes,
        "generated": date(dt.date.today()),
        "lang": language(),
    }


def title(name: str) -> str:
    """The report's title: the round's name (as the round file writes it) after a fixed part."""
    # Translators: {round} is the name of the round from the round file,
    # e.g. "Definitieve provinciale biedingen 2022".
    return _("Housing construction bids: {round}").format(round=name)


def bids_word(n: int) -> str:
    """'1 bid', '12 bids' (Dutch '1 bod', '12 biedingen')."""
    return ngettext("{n} bid", "{n} bids", n).format(n=homes(n))


def errors_text(n: int) -> str:
    """'3 errors in the files (not counted)'."""
    return ngettext(
        "{n} error in the files (not counted)", "{n} errors in the files (not counted)", n
    ).format(n=homes(n))


def _heading(data: ReportData) -> dict[str, object]:
    ronde = data.dataset.round.ronde
    deadline = _("none") if ronde.deadline is None else date(ronde.deadline)
    return {
        "version": __version__,
        "title": title(ronde.title),
        "meta": _("Round: {round} · as of {as_of} · deadline {deadline} · {bids}").format(
            round=ronde.title,
            as_of=date(data.as_of),
            deadline=deadline,
            bids=bids_word(len(data.dataset.bids)),
        ),
        "as_of": date(data.as_of),
        "period": str(ronde.periode),
        "errors": errors_text(data.errors) if data.errors else "",
    }


def _national(data: ReportData) -> dict[str, object]:
    national = data.national
    known = provinces_known(national.known, len(national.rows))
    share = share_text(national)
    if national.target is None or national.known == 0:
        share_note = ""
    elif not national.complete:  # a partial sum is never a share of the national target
        share_note = _("partial sum ({provinces}): no share of the target").format(provinces=known)
    else:
        share_note = _("{share} of the target").format(share=share) if share else ""
    return {
        "national_value": national_cell(national),
        "national_note": known if national.complete else known + " — " + _("partial sum"),
        "national_target": target_cell(national) or None,
        "national_share": share_note,
    }


def _charts(data: ReportData) -> dict[str, object]:
    label = segment_label(data.map_segment)
    key = [
        # Translators: the first line of the map's key; {segment} is a segment such as "sociale huur".
        _("{segment}, number of homes").format(segment=label),
        _("* derived · ca. approximately"),
        _("grey: no figure"),
        _("n.p. not published"),
        _("errors: file with errors"),
    ]
    return {
        "target_chart": target_bars(data.target_bars(), _("Segments against the national targets")),
        "stacked_chart": stacked_bars(data.stacks, _("Split per province")),
        "map_label": label,
        "map_chart": tile_map(
            data.map_values,
            {p.code: p.name for p in PROVINCES},
            _("Map: {segment} per province").format(segment=label),
            "\n".join(key),
        ),
    }


def _gaps(data: ReportData) -> dict[str, object]:
    gaps = data.gaps
    closed, before = gaps.closed, gaps.before_deadline
    return {
        "gap_count": data.gap_count(),
        "gap_heading": _("Round closed: what was not published") if closed else _("What is still missing"),
        "gap_title": _("Not published") if closed else _("Still open (gaps)"),
        "gap_summary_short": _("round closed; nothing owed any more")
        if closed
        else (_("still owed, past the deadline") if not before else _("still to be delivered")),
        "gap_summary": summarize(gaps),
        "gap_columns": [c.replace("_", " ") for c in gaps.columns],
        "gap_rows": [
            {"name": row.province.name, "cells": [_gap_cell(row.cells.get(c)) for c in gaps.columns]}
            for row in gaps.rows
        ],
    }


def _gap_cell(cell: Cell | None) -> dict[str, str]:
    if cell is None:
        return {"text": "", "css": "", "detail": ""}
    return {
        "text": cell_symbol(cell),
        "css": _CSS_STATE.get(cell.state, cell.state),
        "detail": cell_detail(cell),
    }


def _knelpunten(data: ReportData) -> dict[str, object]:
    knelpunten = data.knelpunten
    return {
        "knelpunt_columns": [s.replace("_", " ") for s in knelpunten.soorten],
        "knelpunt_rows": [
            {
                "name": r.province.name,
                "cells": [cell_text(r.cells.get(s)) for s in knelpunten.soorten],
                "total": homes(r.homes) if r.counted else "",
                "extra": f"+{homes(r.extra)}" if r.extra else "",
            }
            for r in knelpunten.rows
        ],
        "knelpunt_totals": [knelpunt_national(knelpunten, s) for s in knelpunten.soorten],
        "knelpunt_total": homes(knelpunten.total_homes) if any(r.counted for r in knelpunten.rows) else "",
        "knelpunt_extra": f"+{homes(knelpunten.total_extra)}" if knelpunten.total_extra else "",
    }


def _regions(data: ReportData) -> dict[str, object]:
    closed = data.gaps.closed
    return {
        "region_rows": [
            {
                "name": row.naam,
                "provinces": ", ".join(p.name for p in row.provinces),
                "totaal": region_cell(row, "totaal", closed),
                "parts": parts_text(row, "totaal", closed),
            }
            for row in data.regions.rows
        ],
        "region_total": region_sum(data.regions),
        "region_summary": regions_summary(data.regions, "totaal"),
        "region_note": _(
            "Per province: the part of a region across the provincial border in each province "
            "(n.p. not published, – the bid of that province does not name the region)."
        )
        if closed
        else _(
            "Per province: the part of a region across the provincial border in each province "
            "(? not known yet, – the bid of that province does not name the region)."
        ),
    }


def region_sum(table: RegionTable, segment: str = "totaal") -> str:
    """The regions' sum, with how many regions it rests on when not all give it: '429 562 (14/27)'."""
    known, count = len(table.known(segment)), len(table.rows)
    total = homes(table.total(segment))
    return total if known == count else f"{total} ({known}/{count})"


def _need(data: ReportData) -> dict[str, object]:
    if data.need is None:
        return {"need_rows": [], "need_summary": ""}
    rows = []
    for r in data.need.rows:
        need, share = need_row_cells(r)
        rows.append({"name": r.province.name, "bid": figure_cell(r.bid), "need": need, "share": share})
    return {"need_rows": rows, "need_summary": need_summary(data.need)}


def render_html(data: ReportData) -> str:
    """The report page."""
    import jinja2

    template_text = (
        resources.files("woonbod.render").joinpath("templates/report.html.j2").read_text(encoding="utf-8")
    )
    environment = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    environment.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=i18n._, ngettext=i18n.ngettext, newstyle=True
    )
    return environment.from_string(template_text).render(**_context(data))


def _need_markdown(data: ReportData, out: io.StringIO) -> None:
    """Each bid against the round's benodigd, when the round gives it."""
    if data.need is None:
        return
    from woonbod.render.markdown_table import markdown_table

    out.write("\n## " + _("Bid against need") + "\n\n")
    rows = [
        [r.province.name, figure_cell(r.bid).replace("*", "\\*"), *need_row_cells(r)] for r in data.need.rows
    ]
    headers = [_("Province"), _("bid (totaal)"), _("need"), _("bid / need")]
    out.write(markdown_table(rows, headers, ["left", "right", "right", "right"]))
    out.write(f"\n\n{need_summary(data.need)}\n")


def render_markdown(data: ReportData) -> str:
    """The same content for an issue or a wiki page."""
    from woonbod.render.gaps import render_markdown as gaps_markdown
    from woonbod.render.knelpunten import render_markdown as knelpunten_markdown
    from woonbod.render.totals import render_markdown as totals_markdown

    info = data.dataset.round
    out = io.StringIO()
    out.write(f"# {title(md_text(info.ronde.title))}\n\n")
    bids = bids_word(len(data.dataset.bids))
    if data.errors:
        line = _("As of {date}, {bids}, {errors}.").format(
            date=date(data.as_of), bids=bids, errors=errors_text(data.errors)
        )
    else:
        line = _("As of {date}, {bids}.").format(date=date(data.as_of), bids=bids)
    out.write(f"{line}\n\n")
    out.write("## " + _("Segments against the national targets") + "\n\n")
    totals_markdown(data.totals, info, out, False)
    heading = _("Round closed: what was not published") if data.gaps.closed else _("What is still missing")
    out.write(f"\n## {heading}\n\n")
    gaps_markdown(data.gaps, out, False)
    _need_markdown(data, out)
    if data.regions.rows:
        out.write("\n## " + _("Regions") + "\n\n")
        out.write(regions_markdown(data.regions, ["totaal"], closed=data.gaps.closed))
        out.write(f"\n{md_text(regions_summary(data.regions, 'totaal'))}\n")
    out.write("\n## Knelpunten\n\n")
    knelpunten_markdown(data.knelpunten, out, False)
    if data.notes:
        out.write("\n## " + _("Notes per province") + "\n\n")
        for province, note in data.notes:
            out.write(f"- {province}: {md_text(' '.join(note.split()))}\n")
    out.write("\n## " + _("Sources") + "\n\n")
    for source in data.sources:
        over = f" ({', '.join(md_text(o) for o in source.over)})" if source.over else ""
        out.write(f"- {source.province}{over}: {md_url(source.url)}\n")
    made = _("Made with woonbod {version}. A * marks a derived figure.").format(version=__version__)
    out.write(f"\n_{made}_\n")
    return out.getvalue()

"""The report as one self-contained HTML page (inline SVG and CSS, nothing fetched) or Markdown."""

from __future__ import annotations

import datetime as dt
import io
from importlib import resources

from woonbod import __version__
from woonbod.analysis.gaps import Cell, summarize
from woonbod.analysis.report import ReportData
from woonbod.analysis.totals import segment_label
from woonbod.formatting import homes
from woonbod.model.provinces import PROVINCES
from woonbod.render.escaping import html_url, md_text, md_url
from woonbod.render.gaps import cell_detail, cell_symbol
from woonbod.render.knelpunten import cell_text
from woonbod.render.knelpunten import national_cell as knelpunt_national
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
        "generated": dt.date.today().isoformat(),
    }


def _heading(data: ReportData) -> dict[str, object]:
    ronde = data.dataset.round.ronde
    return {
        "version": __version__,
        "title": f"Woningbouwbiedingen: {ronde.title}",
        "round_name": ronde.title,
        "as_of": data.as_of.isoformat(),
        "deadline": None if ronde.deadline is None else ronde.deadline.isoformat(),
        "period": str(ronde.periode),
        "files": len(data.dataset.bids),
        "errors": data.errors,
    }


def _national(data: ReportData) -> dict[str, object]:
    national = data.national
    return {
        "national_value": national_cell(national),
        "national_note": f"{national.known} van {len(national.rows)} provincies"
        + ("" if national.complete else " — deelsom"),
        "national_target": target_cell(national) or None,
        "national_share": ""
        if national.target is None or national.known == 0
        else f"{share_text(national)} van het doel",
    }


def _charts(data: ReportData) -> dict[str, object]:
    label = segment_label(data.map_segment)
    return {
        "target_chart": target_bars(data.target_bars(), "Segmenten tegen de landelijke doelen"),
        "stacked_chart": stacked_bars(data.stacks, "Verdeling per provincie"),
        "map_label": label,
        "map_chart": tile_map(
            data.map_values,
            {p.code: p.name for p in PROVINCES},
            f"Kaart: {label} per provincie",
            f"{label}, aantal woningen\n* afgeleid · ca. bij benadering\ngrijs: geen cijfer\n"
            "n.p. niet gepubliceerd\nfouten: bestand met fouten",
        ),
    }


def _gaps(data: ReportData) -> dict[str, object]:
    gaps = data.gaps
    closed, before = gaps.closed, gaps.before_deadline
    return {
        "gap_count": gaps.heading_count(),
        "gap_heading": "Ronde gesloten: wat niet gepubliceerd is" if closed else "Wat ontbreekt nog",
        "gap_title": "Niet gepubliceerd" if closed else "Nog open (gaten)",
        "gap_summary_short": "ronde gesloten; niets meer verschuldigd"
        if closed
        else ("fouten en waarschuwingen" if not before else "nog te leveren"),
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
    return {
        "region_rows": [
            {
                "name": row.naam,
                "provinces": ", ".join(p.name for p in row.provinces),
                "totaal": region_cell(row, "totaal"),
                "parts": parts_text(row, "totaal"),
            }
            for row in data.regions.rows
        ],
        "region_total": homes(data.regions.total("totaal")),
        "region_summary": regions_summary(data.regions, "totaal"),
    }


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
        autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True
    )
    return environment.from_string(template_text).render(**_context(data))


def render_markdown(data: ReportData) -> str:
    """The same content for an issue or a wiki page."""
    from woonbod.render.gaps import render_markdown as gaps_markdown
    from woonbod.render.knelpunten import render_markdown as knelpunten_markdown
    from woonbod.render.totals import render_markdown as totals_markdown

    info = data.dataset.round
    out = io.StringIO()
    out.write(f"# Woningbouwbiedingen: {md_text(info.ronde.title)}\n\n")
    out.write(
        f"Peildatum {data.as_of}, {len(data.dataset.bids)} biedingen"
        + (f", {data.errors} fouten in de bestanden (niet meegeteld)" if data.errors else "")
        + ".\n\n"
    )
    out.write("## Segmenten tegen de landelijke doelen\n\n")
    totals_markdown(data.totals, info, out, False)
    heading = "Ronde gesloten: wat niet gepubliceerd is" if data.gaps.closed else "Wat ontbreekt nog"
    out.write(f"\n## {heading}\n\n")
    gaps_markdown(data.gaps, out, False)
    if data.need is not None:
        from tabulate import tabulate

        out.write("\n## Bod tegen benodigd\n\n")
        rows = [
            [r.province.name, figure_cell(r.bid).replace("*", "\\*"), *need_row_cells(r)]
            for r in data.need.rows
        ]
        headers = ["Provincie", "bod (totaal)", "benodigd", "bod / benodigd"]
        out.write(
            tabulate(rows, headers=headers, tablefmt="github", colalign=["left", "right", "right", "right"])
        )
        out.write(f"\n\n{need_summary(data.need)}\n")
    if data.regions.rows:
        from woonbod.render.regions import markdown_table

        out.write("\n## Regio's\n\n")
        out.write(markdown_table(data.regions, ["totaal"]))
        out.write(f"\n{md_text(regions_summary(data.regions, 'totaal'))}\n")
    out.write("\n## Knelpunten\n\n")
    knelpunten_markdown(data.knelpunten, out, False)
    if data.notes:
        out.write("\n## Toelichting per provincie\n\n")
        for province, note in data.notes:
            out.write(f"- {province}: {md_text(' '.join(note.split()))}\n")
    out.write("\n## Bronnen\n\n")
    for source in data.sources:
        over = f" ({', '.join(md_text(o) for o in source.over)})" if source.over else ""
        out.write(f"- {source.province}{over}: {md_url(source.url)}\n")
    out.write(f"\n_Gemaakt met woonbod {__version__}. Een * markeert een afgeleid cijfer._\n")
    return out.getvalue()

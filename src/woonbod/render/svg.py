"""Small, dependency-free SVG charts for the report: bars against a target, stacked segment bars,
and a tile map of the twelve provinces. Every chart carries a <title> and text labels, so it
reads without colour and prints well."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from woonbod.analysis.report import Stack, TargetBar
from woonbod.analysis.totals import ProvinceFigure
from woonbod.formatting import homes, percent, span
from woonbod.i18n import N_, _

# Colour-blind-safe palette (Okabe-Ito), one colour per segment, the same in every chart.
COLORS = {
    "sociale_huur": "#0072B2",
    "middenhuur": "#009E73",
    "betaalbare_koop": "#56B4E9",
    "middensegment": "#2CA58D",
    "betaalbaar": "#6A8FC8",
    "overig": "#E69F00",
    "onbekend": "#D9D9D9",
    "totaal": "#4D4D4D",
}
# Each part of a bar: its name in the legend, and what the tooltip adds to it. The segment
# names are domain terms (never translated); the rest is translated where it is shown.
LEGEND: dict[str, tuple[str, str]] = {
    "sociale_huur": ("sociale huur", ""),
    "middenhuur": ("middenhuur", ""),
    "betaalbare_koop": ("betaalbare koop", ""),
    "middensegment": ("middensegment", N_("(split unknown)")),
    "betaalbaar": ("betaalbaar", N_("(split unknown)")),
    "overig": ("overig", N_("(more expensive)")),
    "onbekend": (N_("split unknown"), ""),
}


def legend_name(key: str) -> str:
    """A part's name in the legend, in the language in use."""
    return _(LEGEND[key][0])


def label(key: str) -> str:
    """A part's name in a tooltip: its legend name and what the tooltip adds ("(split unknown)")."""
    name, more = LEGEND[key]
    return _(name) + (" " + _(more) if more else "")


# Where each province sits on the tile map (column, row): roughly its place in the country.
TILES = {
    "FR": (1, 0), "GR": (2, 0),
    "NH": (0, 1), "FL": (1, 1), "DR": (2, 1),
    "ZH": (0, 2), "UT": (1, 2), "OV": (2, 2),
    "ZE": (0, 3), "NB": (1, 3), "GE": (2, 3),
    "LI": (1, 4),
}  # fmt: skip


def _svg(width: int, height: int, title: str, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(title)}" class="chart">'
        f"<title>{escape(title)}</title>{body}</svg>"
    )


def target_bars(rows: Sequence[TargetBar], title: str) -> str:
    """Horizontal bars, each against its own target line; partial sums drawn hatched."""
    width, label_w, bar_w, row_h = 860, 150, 460, 56
    height = row_h * len(rows) + 10
    scale = max([r.value or 0 for r in rows] + [r.target or 0 for r in rows] + [1])
    parts = [
        '<defs><pattern id="partial" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="3" height="6" fill="#0072B2"/></pattern></defs>'
    ]
    for i, row in enumerate(rows):
        y = 8 + i * row_h
        parts.append(f'<text x="0" y="{y + 18}" class="label">{escape(row.label)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{bar_w}" height="20" fill="#F2F2F2"/>')
        if row.value is not None:
            w = round(bar_w * row.value / scale)
            fill = "#0072B2" if row.complete else "url(#partial)"
            parts.append(
                f'<rect x="{label_w}" y="{y + 4}" width="{w}" height="20" fill="{fill}" '
                f'data-value="{row.value}"/>'
            )
        if row.target is not None:
            x = label_w + round(bar_w * row.target / scale)
            parts.append(
                f'<line x1="{x}" x2="{x}" y1="{y}" y2="{y + 28}" stroke="#D55E00" stroke-width="3"/>'
            )
        nothing = _("not published") if row.unpublished else _("unknown")
        value = nothing if row.value is None else ("ca. " if row.approx else "") + homes(row.value)
        mark = "*" if row.target_derived else ""
        if row.target is not None:
            # Translators: a bar's value against its target: "39 180 / target 250 000*".
            value = _("{value} / target {target}").format(value=value, target=homes(row.target) + mark)
        # A partial sum is never a percentage of the national target.
        share = (
            ""
            if row.value is None or not row.target or not row.complete
            else f" ({percent(row.value / row.target)})"
        )
        parts.append(
            f'<text x="{label_w + bar_w + 10}" y="{y + 19}" class="value">{escape(value + share)}</text>'
        )
        parts.append(f'<text x="{label_w}" y="{y + 42}" class="note">{escape(row.note)}</text>')
    return _svg(width, height, title, "".join(parts))


def stacked_bars(stacks: Sequence[Stack], title: str) -> str:
    """One horizontal bar per province, split over the segments that are known."""
    width, label_w, bar_w, row_h = 860, 130, 480, 26
    height = row_h * len(stacks) + 56
    scale = max([s.total or 0 for s in stacks] + [1])
    parts = [
        '<defs><pattern id="derived" width="5" height="5" patternUnits="userSpaceOnUse">'
        '<circle cx="2.5" cy="2.5" r="1" fill="#FFFFFF" fill-opacity="0.7"/></pattern></defs>'
    ]
    for i, stack in enumerate(stacks):
        y = 6 + i * row_h
        parts.append(f'<text x="0" y="{y + 15}" class="label">{escape(stack.label)}</text>')
        x: float = label_w
        for part in stack.parts:
            key, derived = part.key, part.derived
            w = bar_w * part.value / scale
            shown = span(part.value, part.value, approx=part.approx)
            tooltip = label(key) + ": " + shown + (" " + _("(derived)") if derived else "")
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="18" fill="{COLORS[key]}" '
                f'data-segment="{key}"><title>{escape(tooltip)}</title></rect>'
            )
            if derived:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="18" fill="url(#derived)"/>'
                )
            x += w
        total = stack.shown or (_("unknown") if stack.total is None else homes(stack.total))
        parts.append(
            f'<text x="{x + 6:.1f}" y="{y + 16}" class="value">{escape(total)}{escape(stack.note)}</text>'
        )
    legend_y = 6 + len(stacks) * row_h + 14
    lx = 0
    for key in (
        "sociale_huur",
        "middenhuur",
        "betaalbare_koop",
        "middensegment",
        "betaalbaar",
        "overig",
        "onbekend",
    ):
        parts.append(f'<rect x="{lx}" y="{legend_y}" width="12" height="12" fill="{COLORS[key]}"/>')
        name = legend_name(key)
        parts.append(f'<text x="{lx + 16}" y="{legend_y + 11}" class="note">{escape(name)}</text>')
        lx += 16 + 7 * len(name) + 14
    dotted = _("dotted: derived from a percentage or from the other segments")
    parts.append(f'<text x="0" y="{legend_y + 30}" class="note">{escape(dotted)}</text>')
    return _svg(width, height + 20, title, "".join(parts))


# Why a province has no figure, as a tile says it (translated where it is shown).
NO_FIGURE = {
    "unpublished": N_("n.p."),  # a bid of a closed round that did not publish it
    "invalid": N_("errors"),  # a bid file with errors
    "missing": N_("no bid"),
}


def tile_text(figure: ProvinceFigure | None) -> str:
    """A tile's figure as written everywhere (``ca.``, ``*`` derived, a range), or why there is
    none: n.p. (not published), errors (the file has errors), no bid, unknown."""
    if figure is None or figure.low is None:
        reason = NO_FIGURE.get(figure.status if figure else "")
        return _("unknown") if reason is None else _(reason)
    return span(figure.low, figure.high, derived=figure.status == "derived", approx=figure.approx)


def tile_map(values: dict[str, ProvinceFigure], names: dict[str, str], title: str, unit: str) -> str:
    """The twelve provinces as tiles, shaded by their figure (its low end for a range; grey where
    there is none, with the reason written on the tile); ``unit``: the key, one line a line."""
    tile, gap = 104, 6
    known = [f.low for f in values.values() if f.low is not None]
    high = max(known) if known and max(known) > 0 else 1
    parts = []
    for code, (col, row) in TILES.items():
        x, y = col * (tile + gap), row * (tile + gap)
        figure = values.get(code)
        shown = tile_text(figure)
        if figure is None or figure.low is None:
            fill, text_fill = COLORS["onbekend"], "#333333"
        else:
            strength = 0.15 + 0.85 * figure.low / high
            fill = f"rgba(0, 114, 178, {strength:.2f})"
            text_fill = "#FFFFFF" if strength > 0.55 else "#111111"
        parts.append(
            f'<g data-province="{code}"><rect x="{x}" y="{y}" width="{tile}" height="{tile}" rx="8" '
            f'fill="{fill}"/><text x="{x + 8}" y="{y + 22}" fill="{text_fill}" class="tile-code">{code}'
            f'</text><text x="{x + 8}" y="{y + 44}" fill="{text_fill}" class="tile-name">'
            f'{escape(names[code])}</text><text x="{x + 8}" y="{y + 88}" fill="{text_fill}" '
            f'class="tile-value">{escape(shown)}</text></g>'
        )
    for i, line in enumerate(unit.splitlines()):  # the key, one line each, beside Limburg
        parts.append(
            f'<text x="{3 * (tile + gap)}" y="{4 * (tile + gap) + 20 + 16 * i}" class="note">'
            f"{escape(line)}</text>"
        )
    return _svg(3 * (tile + gap) + 240, 5 * (tile + gap), title, "".join(parts))

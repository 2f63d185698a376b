"""Small, dependency-free SVG charts for the report: bars against a target, stacked segment bars,
and a tile map of the twelve provinces. Every chart carries a <title> and text labels, so it
reads without colour and prints well."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from woonbod.formatting import homes, percent

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
LABELS = {
    "sociale_huur": "sociale huur",
    "middenhuur": "middenhuur",
    "betaalbare_koop": "betaalbare koop",
    "middensegment": "middensegment (verdeling onbekend)",
    "betaalbaar": "betaalbaar (verdeling onbekend)",
    "overig": "overig (duurder)",
    "onbekend": "verdeling onbekend",
}
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


@dataclass(frozen=True, slots=True)
class TargetBar:
    """One row of a bars-against-targets chart."""

    label: str
    value: int | None
    target: int | None
    note: str  # e.g. "12 van 12 provincies" or "3 van 12 provincies (deelsom)"
    complete: bool
    approx: bool = False


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
        value = "onbekend" if row.value is None else ("ca. " if row.approx else "") + homes(row.value)
        target = "" if row.target is None else f" / doel {homes(row.target)}"
        # A partial sum is never a percentage of the national target.
        share = (
            ""
            if row.value is None or not row.target or not row.complete
            else f" ({percent(row.value / row.target)})"
        )
        parts.append(
            f'<text x="{label_w + bar_w + 10}" y="{y + 19}" class="value">{escape(value + target + share)}'
            "</text>"
        )
        parts.append(f'<text x="{label_w}" y="{y + 42}" class="note">{escape(row.note)}</text>')
    return _svg(width, height, title, "".join(parts))


@dataclass(frozen=True, slots=True)
class Stack:
    """One province's bar: its parts in order, each (segment key, homes, derived)."""

    label: str
    parts: tuple[tuple[str, int, bool], ...]
    total: int | None
    note: str = ""


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
        for key, value, derived in stack.parts:
            w = bar_w * value / scale
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="18" fill="{COLORS[key]}" '
                f'data-segment="{key}"><title>{escape(LABELS[key])}: {homes(value)}'
                f"{' (afgeleid)' if derived else ''}</title></rect>"
            )
            if derived:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="18" fill="url(#derived)"/>'
                )
            x += w
        total = "onbekend" if stack.total is None else homes(stack.total)
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
        parts.append(
            f'<text x="{lx + 16}" y="{legend_y + 11}" class="note">{escape(LABELS[key].split(" (")[0])}'
            "</text>"
        )
        lx += 16 + 7 * len(LABELS[key].split(" (")[0]) + 14
    parts.append(
        f'<text x="0" y="{legend_y + 30}" class="note">gestippeld: afgeleid uit een percentage of '
        "uit de andere segmenten</text>"
    )
    return _svg(width, height + 20, title, "".join(parts))


def tile_map(values: dict[str, int | None], names: dict[str, str], title: str, unit: str) -> str:
    """The twelve provinces as tiles, shaded by ``values`` (grey where unknown)."""
    tile, gap = 104, 6
    known = [v for v in values.values() if v is not None]
    high = max(known) if known else 1
    parts = []
    for code, (col, row) in TILES.items():
        x, y = col * (tile + gap), row * (tile + gap)
        value = values.get(code)
        if value is None:
            fill, text_fill, shown = COLORS["onbekend"], "#333333", "onbekend"
        else:
            strength = 0.15 + 0.85 * value / high
            fill = f"rgba(0, 114, 178, {strength:.2f})"
            text_fill = "#FFFFFF" if strength > 0.55 else "#111111"
            shown = homes(value)
        parts.append(
            f'<g data-province="{code}"><rect x="{x}" y="{y}" width="{tile}" height="{tile}" rx="8" '
            f'fill="{fill}"/><text x="{x + 8}" y="{y + 22}" fill="{text_fill}" class="tile-code">{code}'
            f'</text><text x="{x + 8}" y="{y + 44}" fill="{text_fill}" class="tile-name">'
            f'{escape(names[code])}</text><text x="{x + 8}" y="{y + 88}" fill="{text_fill}" '
            f'class="tile-value">{escape(shown)}</text></g>'
        )
    parts.append(
        f'<text x="{3 * (tile + gap)}" y="{4 * (tile + gap) + 20}" class="note">{escape(unit)}</text>'
    )
    return _svg(3 * (tile + gap) + 240, 5 * (tile + gap), title, "".join(parts))

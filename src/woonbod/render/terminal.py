"""The terminal: whether to colour, how wide it is, and tables and lines laid out to fit it.

A number, a province name or a location is never cut: a table too wide for the terminal first
wraps its headers at word boundaries, then is split into parts that each repeat the first
column; a long problem line wraps at word boundaries with its location kept whole.
"""

from __future__ import annotations

import errno
import os
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from woonbod.i18n import _

if TYPE_CHECKING:
    from rich.console import Console, JustifyMethod
    from rich.text import Text


def use_color(stream: TextIO, mode: str = "auto") -> bool:
    """Colour for ``stream`` under ``--color auto|always|never`` and the environment."""
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return _isatty(stream)


def _isatty(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _columns() -> int | None:
    """The width set in $COLUMNS, if any: how a user lays out for a width off a terminal
    (``COLUMNS=80 woonbod total | less``)."""
    value = os.environ.get("COLUMNS", "")
    return int(value) if value.isdigit() and int(value) > 0 else None


def wrap_width(out: TextIO) -> int | None:
    """The width to wrap lines at: the terminal's or $COLUMNS; None for a pipe or a file,
    where a line stays one line (for grep and for CI problem matchers)."""
    columns = _columns()
    if columns is not None:
        return columns
    if _isatty(out):
        import shutil

        return shutil.get_terminal_size().columns
    return None


def console(out: TextIO, color: bool, width: int = 160) -> Console:
    """A Rich console on ``out``: $COLUMNS, else the terminal's width there, else ``width``
    (Rich would assume 80 columns off a terminal and wrap wide tables)."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # Rich would exit 1 itself; the command line decides what a broken pipe means.
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))

    shown = _columns() or (None if _isatty(out) else width)
    return _Console(file=out, no_color=not color, force_terminal=color, width=shown, highlight=False)


# A space inside a number ("917 193", "≥ 90 000") or a Dutch date ("13 oktober 2022") is no
# place to break a line.
_MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
_NUMBER_SPACE = re.compile(
    r"(?<=\d) (?=\d{3}(?!\d))|(?<=≥) (?=\d)"
    r"|(?<=\b\d) (?=(?:" + "|".join(_MONTHS) + r") \d{4}\b)"
    r"|(?<=\b\d\d) (?=(?:"
    + "|".join(_MONTHS)
    + r") \d{4}\b)"
    + "".join(rf"|(?<={month}) (?=\d{{4}}\b)" for month in _MONTHS)
)


# A backticked snippet, with what sticks to it ("(`x: 1`)."): a hint to copy into a file.
_SNIPPET = re.compile(r"\S*`[^`\n]+`\S*")


def _keep_snippets(text: str, room: int) -> str:
    """Each backticked snippet that fits in ``room`` columns made one unbreakable word, so a
    hint meant for copying stays on one line; a longer one may still break between words."""
    from rich.cells import cell_len

    def keep(match: re.Match[str]) -> str:
        found = match.group()
        return found.replace(" ", "\u00a0") if cell_len(found) <= room else found

    return _SNIPPET.sub(keep, text)


def wrap(text: str, width: int, *, first: str = "", rest: str = "", least: int = 20) -> list[str]:
    """``text`` in lines of at most ``width`` columns (``least`` at the narrowest), broken only
    between words (never inside a number, a word or a backticked snippet that fits a line),
    after ``first`` on the first line and ``rest`` on the others."""
    width = max(width, least)
    kept = _NUMBER_SPACE.sub("\u00a0", text)  # textwrap breaks at ASCII whitespace only
    if "`" in kept:
        kept = _keep_snippets(kept, width - len(rest))
    lines = textwrap.wrap(
        kept,
        width=width,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [line.replace("\u00a0", " ") for line in lines] or [first.rstrip()]


def wrap_line(where: str, rest: str, width: int | None) -> str:
    """``where rest`` as one line, or wrapped at word boundaries to ``width`` with ``where`` (a
    file:line:col location) whole at the start and the continuation lines indented."""
    if width is None:
        return f"{where} {rest}"
    first_word = rest.split(" ", 1)[0]
    if len(_ANSI.sub("", f"{where} {first_word}")) > width:  # a long path: the location alone
        return "\n".join([where, *wrap(rest, width, first="    ", rest="    ")])
    return "\n".join(wrap(rest, width, first=f"{where} ", rest="    "))


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def print_prose(out: Console, text: str, style: str | None = None) -> None:
    """A sentence or a legend, wrapped to the console's width between words, a number never
    split over two lines (Rich's own wrapping would break "917 193" at its space)."""
    for paragraph in text.split("\n"):
        out.print("\n".join(wrap(paragraph, out.width)), style=style, markup=False, soft_wrap=True)


def print_markup(out: Console, markup: str) -> None:
    """A line in Rich markup, wrapped like print_prose (between words, a number or a date never
    split over two lines), its styles kept."""
    from rich.text import Text

    text = Text.from_markup(markup)
    plain = text.plain
    starts: list[int] = []
    position = 0
    for line in wrap(plain, out.width):
        found = plain.find(line, position)
        if found < 0:  # not a plain cut of the text: let Rich wrap it
            out.print(text)
            return
        starts.append(found)
        position = found + len(line)
    for part in text.divide(starts[1:]):
        part.rstrip()
        out.print(part, soft_wrap=True)


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its header, alignment and style."""

    header: str
    justify: JustifyMethod = "right"
    style: str | None = None
    wrap: bool = False  # free text that may wrap between words to make the table fit


# Rich's default box: a border left of every column and one at the end, one space of padding
# on either side of each cell.
def _table_width(widths: Sequence[int]) -> int:
    return sum(widths) + 3 * len(widths) + 1


def _cell_width(cell: str | Text) -> int:
    from rich.cells import cell_len

    return max((cell_len(line) for line in _plain(cell).split("\n")), default=0)


def _plain(cell: str | Text) -> str:
    return cell if isinstance(cell, str) else cell.plain


def _wrapped_header(header: str, width: int) -> str:
    """The header in lines no wider than ``width`` where its words allow (a word is never cut)."""
    if _cell_width(header) <= width:
        return header
    return "\n".join(textwrap.wrap(header, width=width, break_long_words=False, break_on_hyphens=False))


def _wrap_free_text(
    rows: Sequence[Sequence[str | Text]], widths: list[int], free: list[int], limit: int
) -> tuple[list[list[str | Text]], list[int]]:
    """Free-text columns wrapped between words into the room the others leave (each at least
    as wide as its longest word or number), and the new widths."""
    fixed = sum(w for i, w in enumerate(widths) if i not in free)
    room = (limit - _table_width([0] * len(widths)) - fixed) // len(free)
    shaped = [list(row) for row in rows]
    widths = list(widths)
    for i in free:
        texts = [_plain(row[i]) for row in shaped]
        longest = max(
            (_cell_width(u) for t in texts for u in _NUMBER_SPACE.sub("\u00a0", t).split()), default=1
        )
        width = min(widths[i], max(room, longest))
        for row, text in zip(shaped, texts, strict=True):
            row[i] = "\n".join(wrap(text, width, least=1)) if text else text
        widths[i] = max(_cell_width(row[i]) for row in shaped)
    return shaped, widths


def _parts(widths: Sequence[int], limit: int) -> list[list[int]]:
    """Column indexes of each part: the first column in every part, the others in order, as
    many as fit in ``limit`` (at least one each, even if that one does not fit)."""
    parts: list[list[int]] = []
    current: list[int] = [0]
    for index in range(1, len(widths)):
        if len(current) > 1 and _table_width([widths[i] for i in (*current, index)]) > limit:
            parts.append(current)
            current = [0]
        current.append(index)
    parts.append(current)
    return parts


def _part_heading(number: int, count: int) -> str:
    # Translators: a table too wide for the terminal is printed in parts, each headed so.
    return _("Part {number} of {count}:").format(number=number, count=count)


def print_table(
    out: Console,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str | Text]],
    *,
    sections: Sequence[int] = (),
) -> None:
    """Print a table that fits the console: as it is if it fits; else with its headers wrapped
    at word boundaries; else in parts of whole columns, each repeating the first column.
    A section line goes before each row index in ``sections``."""
    from rich.table import Table
    from rich.text import Text

    from woonbod.render.escaping import printable

    def shown(cell: str | Text) -> Text:
        # Never parsed as markup: a "[/x]" from a file neither crashes the table nor styles it.
        return Text(cell) if isinstance(cell, str) else cell

    limit = out.width
    # Control characters escaped first: the only line breaks left are the ones made here.
    rows = [[printable(c) if isinstance(c, str) else c for c in row] for row in rows]
    cells = [max((_cell_width(row[i]) for row in rows), default=0) for i in range(len(columns))]
    headers = [printable(c.header) for c in columns]
    natural = [max(w, _cell_width(h)) for w, h in zip(cells, headers, strict=True)]
    if _table_width(natural) > limit:
        # The narrowest a header gets without cutting a word; the cells decide the rest.
        narrow = [
            max(w, *(_cell_width(word) for word in h.split() or [""]))
            for w, h in zip(cells, headers, strict=True)
        ]
        headers = [_wrapped_header(h, w) for h, w in zip(headers, narrow, strict=True)]
        natural = [max(w, _cell_width(h)) for w, h in zip(cells, headers, strict=True)]
    free = [i for i, c in enumerate(columns) if c.wrap]
    if free and _table_width(natural) > limit:
        rows, natural = _wrap_free_text(rows, natural, free, limit)
        natural = [max(w, _cell_width(h)) for w, h in zip(natural, headers, strict=True)]
    parts = _parts(natural, limit)
    for number, part in enumerate(parts, start=1):
        if len(parts) > 1:
            out.print(_part_heading(number, len(parts)), style="dim", highlight=False)
        table = Table()
        for i in part:
            column = columns[i]
            # no_wrap: a figure such as "109 267*" is never split over two lines; fold only
            # if one column alone is wider than the terminal, so nothing is cut off with "…".
            table.add_column(
                shown(headers[i]),
                justify=column.justify,
                style=column.style,
                no_wrap=True,
                overflow="fold",
                min_width=natural[i],
            )
        for index, row in enumerate(rows):
            if index in sections:
                table.add_section()
            table.add_row(*(shown(row[i]) for i in part))
        out.print(table)

"""The one way woonbod writes a Markdown table (GitHub's pipe tables, through tabulate)."""

from __future__ import annotations

from collections.abc import Sequence


def markdown_table(
    rows: Sequence[Sequence[object]], headers: Sequence[str], colalign: Sequence[str] | None = None
) -> str:
    """A pipe table of cells that are already text, escaped for Markdown by the caller.

    tabulate would read "17.500" (a Dutch 17 500) as the decimal 17.5 and "5.8" it would write as
    a float; woonbod's cells are written text (numbers in the language's style, "ca.", "*",
    "n.p."), so they are never parsed as numbers.
    """
    from tabulate import tabulate  # only here: a run that writes no Markdown does not import it

    return tabulate(rows, headers=headers, tablefmt="github", colalign=colalign, disable_numparse=True)

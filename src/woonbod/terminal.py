"""Whether to colour output: --color, then NO_COLOR / FORCE_COLOR, then whether it is a terminal."""

from __future__ import annotations

import errno
import os
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console


def use_color(stream: TextIO, mode: str = "auto") -> bool:
    """Colour for ``stream`` under ``--color auto|always|never`` and the environment."""
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def console(out: TextIO, color: bool, width: int = 160) -> Console:
    """A Rich console on ``out``: the terminal's width there, else ``width`` (Rich would assume 80
    columns off a terminal and wrap wide tables)."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # Rich would exit 1 itself; the command line decides what a broken pipe means.
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))

    isatty = getattr(out, "isatty", None)
    shown = None if isatty and isatty() else width
    return _Console(file=out, no_color=not color, force_terminal=color, width=shown, highlight=False)

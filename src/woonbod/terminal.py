"""Whether to colour output: --color, then NO_COLOR / FORCE_COLOR, then whether it is a terminal."""

from __future__ import annotations

import os
from typing import TextIO


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

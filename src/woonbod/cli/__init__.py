"""The command line: options, the choice of renderer, output files, printing and exit codes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from woonbod.cli.commands import app, main

__all__ = ["app", "main"]


def __getattr__(name: str) -> Any:
    # The console script (`woonbod.cli:main`) and `from woonbod.cli import app` load the
    # commands on first use, so that woonbod.cli.startup runs before they are imported.
    if name in __all__:
        from woonbod.cli import commands

        return getattr(commands, name)
    raise AttributeError(f"module 'woonbod.cli' has no attribute {name!r}")

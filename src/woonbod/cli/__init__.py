"""The command line: options, the choice of renderer, output files, printing and exit codes."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from woonbod.cli.commands import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``woonbod`` console script."""
    # Pydantic looks for plugins in the entry points of every installed distribution the first
    # time a model is built (~15 ms on a small install, more on a large one). woonbod uses none,
    # and an observability plugin installed for another program has no business in its run.
    # Setting the variable yourself (e.g. PYDANTIC_DISABLE_PLUGINS=) still decides.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from woonbod.cli.startup import choose_language_from

    # Before the commands are imported: their help texts are translated as they are defined.
    sys.argv[1:] = choose_language_from(sys.argv[1:])
    from woonbod.cli import commands

    commands.main()


def __getattr__(name: str) -> Any:
    # `from woonbod.cli import app` loads the commands on first use.
    if name == "app":
        from woonbod.cli import commands

        return commands.app
    raise AttributeError(f"module 'woonbod.cli' has no attribute {name!r}")

"""The command line: options, the choice of renderer, output files, printing and exit codes."""

from __future__ import annotations

from woonbod.cli.app import app, main

__all__ = ["app", "main"]

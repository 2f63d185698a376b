"""Allow ``python -m woonbod``."""

from __future__ import annotations

from woonbod.cli import main

main()

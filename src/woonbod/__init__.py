"""woonbod: validate, add up and check the Dutch provinces' housing-construction bids.

The library API (see the README, "Python"): ``load_round`` gives a checked ``Round`` with its
totals, gaps, knelpunten, norms and problems; ``rule_catalogue`` the rules. Those names are
imported on first use, so ``import woonbod`` (and the command line's start-up) stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from woonbod.api import SEGMENTS, Round, Segment, load_round, rule_catalogue, segment
    from woonbod.problems import CannotRun, Level, Problem

_LAZY = {
    "SEGMENTS": "woonbod.api",
    "Round": "woonbod.api",
    "Segment": "woonbod.api",
    "load_round": "woonbod.api",
    "rule_catalogue": "woonbod.api",
    "segment": "woonbod.api",
    "CannotRun": "woonbod.problems",
    "Level": "woonbod.problems",
    "Problem": "woonbod.problems",
}
__all__ = [
    "SEGMENTS",
    "CannotRun",
    "Level",
    "Problem",
    "Round",
    "Segment",
    "__version__",
    "load_round",
    "rule_catalogue",
    "segment",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'woonbod' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)

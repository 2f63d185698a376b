"""woonbod: validate, add up and check the Dutch provinces' housing-construction bids."""

from __future__ import annotations

__version__ = "0.1.0"

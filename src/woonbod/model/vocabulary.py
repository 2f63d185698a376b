"""The names the files use, each defined once as a Literal; the tuples are derived from them.

Cheap to import (no Pydantic), so the command line can name them in its --help.
"""

from __future__ import annotations

from typing import Literal, get_args

RondeSoort = Literal["indicatief", "definitief"]
RONDE_SOORTEN: tuple[RondeSoort, ...] = get_args(RondeSoort)

# The parts a bid may give under `segmenten`, in the order of the segment tree.
SegmentKey = Literal["sociale_huur", "middenhuur", "betaalbare_koop", "middensegment", "betaalbaar"]
SEGMENT_KEYS: tuple[SegmentKey, ...] = get_args(SegmentKey)

# Every figure of a bid, in the order it is listed everywhere: the whole, the parts, the rest.
ItemName = Literal["totaal", SegmentKey, "overig", "corporaties"]
SEGMENTS: tuple[ItemName, ...] = get_args(ItemName)

TopicName = Literal["transformatie", "seniorenwoningen", "flexwoningen", "aandachtsgroepen"]
TOPICS: tuple[TopicName, ...] = get_args(TopicName)

KnelpuntSoort = Literal[
    "onrendabele_toppen",
    "capaciteit_gemeenten",
    "bereikbaarheid",
    "stikstof",
    "netcongestie",
    "bouwcapaciteit",
    "financiering",
    "overig",
]
KNELPUNT_SOORTEN: tuple[KnelpuntSoort, ...] = get_args(KnelpuntSoort)


def segment(name: str) -> ItemName:
    """The segment ``name`` (``sociale_huur`` or, as on the command line, ``sociale-huur``);
    ValueError naming the segments for anything else."""
    key = name.strip().lower().replace("-", "_")
    for known in SEGMENTS:
        if key == known:
            return known
    from woonbod.i18n import _

    raise ValueError(
        _("unknown segment {name}: one of {segments}").format(name=repr(name), segments=", ".join(SEGMENTS))
    )


def option_name(item: str) -> str:
    """A segment as the command line spells it: `sociale-huur`."""
    return item.replace("_", "-")

"""The twelve provinces: official names, ISO 3166-2 codes and file names."""

from __future__ import annotations

import itertools
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class Province:
    """One province as the bid files may name it."""

    name: str
    code: str  # ISO 3166-2 subdivision code without the "NL-" prefix
    slug: str  # the expected file name without extension

    @property
    def iso(self) -> str:
        return f"NL-{self.code}"


PROVINCES: tuple[Province, ...] = (
    Province("Groningen", "GR", "groningen"),
    Province("Fryslân", "FR", "fryslan"),
    Province("Drenthe", "DR", "drenthe"),
    Province("Overijssel", "OV", "overijssel"),
    Province("Flevoland", "FL", "flevoland"),
    Province("Gelderland", "GE", "gelderland"),
    Province("Utrecht", "UT", "utrecht"),
    Province("Noord-Holland", "NH", "noord-holland"),
    Province("Zuid-Holland", "ZH", "zuid-holland"),
    Province("Zeeland", "ZE", "zeeland"),
    Province("Noord-Brabant", "NB", "noord-brabant"),
    Province("Limburg", "LI", "limburg"),
)


def _fold(text: str) -> str:
    """Case, accents and separators do not matter when naming a province."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())


_ALIASES = {"friesland": "FR"}
_LOOKUP: dict[str, Province] = {}
for _p in PROVINCES:
    for _form in (_p.name, _p.code, _p.iso, _p.slug):
        _LOOKUP[_fold(_form)] = _p
for _alias, _code in _ALIASES.items():
    _LOOKUP[_fold(_alias)] = next(p for p in PROVINCES if p.code == _code)


@lru_cache(maxsize=256)  # a folder of bids names the same twelve provinces again and again
def find_province(text: str) -> Province | None:
    """The province named by an official name, the Friesland alias, or an ISO code."""
    return _LOOKUP.get(_fold(text))


def _words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "".join(ch if ch.isalnum() else " " for ch in plain).split()


_NAMES_IN_FILES: dict[str, Province] = {_fold(form): p for p in PROVINCES for form in (p.name, p.slug)} | {
    _fold(alias): next(p for p in PROVINCES if p.code == code) for alias, code in _ALIASES.items()
}


def provinces_in_filename(stem: str) -> set[Province]:
    """The provinces a file name (without extension) names: its name or file name as a word or
    two (utrecht, 00-utrecht-oud, Noord Holland, noordholland, friesland), or the whole name a
    code (NB, NL-NB). A code inside a longer name does not count: "ut" or "ge" is too often a
    word of its own."""
    whole = _LOOKUP.get(_fold(stem)) if len(stem) <= 40 else None
    if whole is not None:
        return {whole}
    words = _words(stem[:200])
    found = {_NAMES_IN_FILES[w] for w in words if w in _NAMES_IN_FILES}
    found |= {_NAMES_IN_FILES[a + b] for a, b in itertools.pairwise(words) if a + b in _NAMES_IN_FILES}
    return found


def named_exactly(stem: str, province: Province) -> bool:
    """The file name is the province's own: utrecht, UT, NL-UT, noord-brabant."""
    return stem.lower() in (province.slug, province.code.lower(), province.iso.lower())


def suggest_province(text: str) -> str | None:
    """The official name closest to a misspelled one, if any is close."""
    import difflib  # only for a name that is wrong

    names = {_fold(p.name): p.name for p in PROVINCES}
    close = difflib.get_close_matches(_fold(text), list(names), n=1, cutoff=0.6)
    return names[close[0]] if close else None


def province_names() -> str:
    """All official names, for messages."""
    return ", ".join(p.name for p in PROVINCES)

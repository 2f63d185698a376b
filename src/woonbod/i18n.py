"""The one language setting every output follows, and the catalogue lookups that apply it.

Messages are written in English in the code and translated through gettext catalogues
(src/woonbod/locale/, built with Babel: scripts/catalogues.py). The language is chosen by
``--lang nl|en``, else ``WOONBOD_LANG``, else the locale (the first of LC_ALL, LC_MESSAGES and
LANG that is set: Dutch when it starts with ``nl``), else English.

English needs no catalogue; the Dutch one is read the first time a message is translated, so a
run that prints nothing reads nothing, and no run reads the catalogue of a language it does not
speak. Rule ids, the format's keys and domain terms (sociale huur, knelpunt, …) are never
marked for translation.

Marking, for scripts/catalogues.py (Babel's extractor):
- ``_("...")`` translates now; never at module level, where the language is not yet chosen.
- ``N_("...")`` only marks a module-level text; translate it with ``_()`` where it is used.
- ``ngettext(singular, plural, n)`` for a text that depends on a count.
- ``pgettext(context, "...")`` for a short text that needs a different word in another place.
Placeholders are ``{name}``, filled with ``.format(name=…)`` after the lookup.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from gettext import GNUTranslations

Language = Literal["en", "nl"]
LANGUAGES: tuple[Language, ...] = ("en", "nl")
DOMAIN = "woonbod"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
ENVIRONMENT = "WOONBOD_LANG"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

_active: Language | None = None
_catalogue: GNUTranslations | None = None


class UnknownLanguage(ValueError):
    """A language woonbod does not speak was asked for (by --lang or WOONBOD_LANG)."""

    def __init__(self, value: str, source: str) -> None:
        # The value is in .value; the message does not repeat it (it may be anything, of any size:
        # the command line quotes it through formatting.quoted).
        super().__init__(f"{source}: not a language woonbod speaks: nl (Nederlands) or en (English)")
        self.value = value
        self.source = source


def parse(value: str, source: str = "--lang") -> Language:
    """``nl``/``en`` in any case, also written as a locale (``nl_NL.UTF-8``, ``en-GB``)."""
    code = value.strip().replace("-", "_").split("_")[0].split(".")[0].lower()
    if code == "nl":
        return "nl"
    if code == "en":
        return "en"
    raise UnknownLanguage(value, source)


def resolve(option: str | None = None, environ: Mapping[str, str] | None = None) -> Language:
    """The language a run speaks: the option, then WOONBOD_LANG, then the locale, then English.

    An unknown ``--lang`` or ``WOONBOD_LANG`` raises UnknownLanguage (a typo should not silently
    give the other language); a locale that is not Dutch means English.
    """
    env = os.environ if environ is None else environ
    if option:
        return parse(option, "--lang")
    if env.get(ENVIRONMENT, "").strip():
        return parse(env[ENVIRONMENT], ENVIRONMENT)
    for name in LOCALE_VARIABLES:
        value = env.get(name, "")
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    return "en"


def use(language: str) -> Language:
    """Speak ``language`` from now on (``woonbod --lang`` does this before anything is printed);
    UnknownLanguage (a ValueError) for a language woonbod does not speak."""
    global _active, _catalogue
    chosen = parse(language, "use()")
    if chosen != _active:
        _active, _catalogue = chosen, None
    return chosen


def language() -> Language:
    """The language in use: set by use(), else resolved from the environment once.

    An unknown WOONBOD_LANG reached this way (a library call, no command line to report it on)
    falls back to the locale rule rather than failing a computation over a setting.
    """
    global _active
    if _active is None:
        try:
            _active = resolve()
        except UnknownLanguage:
            _active = resolve(environ={k: v for k, v in os.environ.items() if k != ENVIRONMENT})
    return _active


def _translations() -> GNUTranslations | None:
    global _catalogue
    if _catalogue is None and language() != "en":
        import gettext

        # Through gettext's own cache, which Click and Typer ask too (cli.startup binds the
        # domain for them): the file is read once however many ask.
        found = gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[language()])
        assert isinstance(found, gettext.GNUTranslations)
        _catalogue = found
    return _catalogue


def _(message: str) -> str:
    """``message`` in the language in use."""
    if language() == "en":
        return message
    found = _translations()
    return message if found is None else found.gettext(message)


def N_(message: str) -> str:
    """Marks a module-level text for the catalogue; it is translated with _() where it is used."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural text for ``n``, in the language in use."""
    found = None if language() == "en" else _translations()
    if found is None:
        return singular if n == 1 else plural
    return found.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the language in use, as meant in ``context``."""
    found = None if language() == "en" else _translations()
    return message if found is None else found.pgettext(context, message)

"""Build woonbod's message catalogues with Babel: extract, update, compile, or check them.

    python scripts/catalogues.py            # after changing a message: all three steps
    python scripts/catalogues.py extract    # the template (woonbod.pot) from the sources
    python scripts/catalogues.py update     # each language's .po from the template
    python scripts/catalogues.py compile    # each .po into the .mo the package ships
    python scripts/catalogues.py --check    # exit 1 if a catalogue is stale or incomplete
    python scripts/catalogues.py fill nl OTHER.po...   # take translations the .po lacks from
                                            # other catalogues (a compendium, a branch's .po);
                                            # --replace: also over existing ones (a review)

--check is what CI and tests/test_i18n.py run: the template must hold exactly the messages the
sources mark, every language must translate every one of them (none fuzzy, the same
placeholders), and each shipped .mo must be what its .po compiles to, byte for byte.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import string
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "woonbod"
LOCALE = PACKAGE / "locale"
TEMPLATE = LOCALE / "woonbod.pot"
LANGUAGES = ("nl",)
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
METHODS = [("**.py", "python"), ("**/templates/**.j2", "jinja2.ext:babel_extract")]
OPTIONS = {"**/templates/**.j2": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
VERSION = re.search(r'__version__ = "([^"]+)"', (PACKAGE / "__init__.py").read_text(encoding="utf-8"))
HEADER = {
    "project": "woonbod",
    "version": VERSION.group(1) if VERSION else "",
    "copyright_holder": "woonbod developers",
    "msgid_bugs_address": "https://github.com/woonbod/woonbod/issues",
    "last_translator": "woonbod developers",
    "language_team": "Nederlands",
    "charset": "utf-8",
}


TEMPLATE_COMMENT = """\
# Translations template for woonbod: scripts/catalogues.py writes it from the sources.
# This file is distributed under the same license as the woonbod project.
#"""


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "woonbod.po"


def mo_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "woonbod.mo"


def extract() -> Catalog:
    """The messages the sources mark, with the files they come from (no line numbers: a moved
    line should not change the catalogue)."""
    catalogue = Catalog(**HEADER, fuzzy=False, header_comment=TEMPLATE_COMMENT)
    found = extract_from_dir(
        str(PACKAGE),
        METHODS,
        OPTIONS,
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        where = f"src/woonbod/{filename}"
        catalogue.add(message, None, [(where, lineno)], auto_comments=comments, context=context)
    return catalogue


def render_po(catalogue: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalogue, width=100, sort_output=True, include_lineno=False, omit_header=False)
    # No line that changes with the day or the Babel version that wrote it, and no placeholder.
    return re.sub(rb'"(POT-Creation-Date|PO-Revision-Date|Generated-By): [^"]*\\n"\n', b"", out.getvalue())


def render_mo(catalogue: Catalog) -> bytes:
    # The epoch, not the time of compiling: a .mo that nothing changed stays the same file.
    catalogue.creation_date = dt.datetime.fromtimestamp(0, dt.timezone.utc)
    out = io.BytesIO()
    write_mo(out, catalogue, use_fuzzy=False)
    return out.getvalue()


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, locale=locale)


def updated(template: Catalog, lang: str) -> Catalog:
    """The language's catalogue with the template's messages: new ones empty, gone ones dropped."""
    path = po_path(lang)
    catalogue = read(path, lang) if path.exists() else Catalog(locale=lang, fuzzy=False, **HEADER)
    catalogue.update(template, no_fuzzy_matching=True, update_header_comment=False)
    catalogue.obsolete.clear()
    return catalogue


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)
        print(f"wrote {path.relative_to(ROOT)}")


def messages(catalogue: Catalog) -> dict[tuple[object, object], list[str]]:
    """What a template says, whichever Babel wrote it: each message and the files it is in."""
    return {(_key(m.id), m.context): sorted({path for path, _ in m.locations}) for m in catalogue if m.id}


def translations(mo: bytes) -> dict[tuple[object, object], object]:
    """What a compiled catalogue translates, without its header (which holds the Babel version)."""
    return {(_key(m.id), m.context): _key(m.string) for m in read_mo(io.BytesIO(mo)) if m.id}


def _key(text: object) -> object:
    """A message's id or string as a dictionary key (a plural's are a list or tuple)."""
    return tuple(text) if isinstance(text, list | tuple) else text


def fields(text: str) -> set[str]:
    """The placeholders of a message: {name} (Python) and %(name)s (Jinja templates)."""
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    return names | set(re.findall(r"%\((\w+)\)s", text))


def problems(lang: str, template: Catalog) -> Iterator[str]:
    """What is wrong with one language's catalogue against the template."""
    path = po_path(lang)
    if not path.exists():
        yield f"{path.relative_to(ROOT)} does not exist: run scripts/catalogues.py"
        return
    catalogue = read(path, lang)
    wanted = {_name(m): m for m in template if m.id}
    have = {_name(m): m for m in catalogue if m.id}
    for key in sorted(wanted.keys() - have.keys()):
        yield f"{lang}: not in the catalogue (run scripts/catalogues.py update): {key!r}"
    for key in sorted(have.keys() - wanted.keys()):
        yield f"{lang}: no longer in the sources (run scripts/catalogues.py update): {key!r}"
    for key, message in sorted(have.items()):
        yield from _message_problems(lang, key, message)
    if not mo_path(lang).exists() or translations(mo_path(lang).read_bytes()) != translations(
        render_mo(catalogue)
    ):
        mo = mo_path(lang).relative_to(ROOT)
        yield f"{mo} is not what the .po compiles to: run scripts/catalogues.py compile"


def _name(message: Message) -> str:
    """How a message is named in a report: its (first) id, with its context if it has one."""
    text = message.id if isinstance(message.id, str) else message.id[0]
    return text if message.context is None else f"{message.context}|{text}"


def _message_problems(lang: str, key: str, message: Message) -> Iterator[str]:
    ids = [message.id] if isinstance(message.id, str) else list(message.id)
    strings = _strings(message)
    if message.fuzzy:
        yield f"{lang}: fuzzy, to be checked: {key!r}"
    if "python-format" in message.flags and all(path.endswith(".py") for path, _ in message.locations):
        # woonbod's Python messages use {name}; a '%' that reads as printf ("100% of") makes
        # msgfmt --check and translation tools treat the message as a printf format.
        yield f"{lang}: a '%' in it reads as a printf directive: reword it: {key!r}"
    if not all(strings):
        yield f"{lang}: no translation: {key!r}"
        return
    for text in strings:
        if fields(text) != fields(ids[-1]) and fields(text) != fields(ids[0]):
            differ = f"{sorted(fields(text))} for {sorted(fields(ids[0]))}"
            yield f"{lang}: placeholders differ ({differ}): {key!r}"


def fill(lang: str, others: list[Path], replace: bool = False) -> int:
    """Give the messages of ``lang`` that have no translation the one another catalogue has
    (with ``replace``, every message the other catalogue translates: a reviewed wording)."""
    catalogue = read(po_path(lang), lang)
    filled = 0
    for other in others:
        known = {(m.id, m.context): m.string for m in read(other, lang) if m.id and all(_strings(m))}
        for message in catalogue:
            wanted = replace or not all(_strings(message))
            if message.id and wanted and (message.id, message.context) in known:
                message.string = known[(message.id, message.context)]
                filled += 1
    write(po_path(lang), render_po(catalogue))
    write(mo_path(lang), render_mo(catalogue))
    print(f"{lang}: {filled} translations taken from {len(others)} catalogue(s)")
    return 0


def _strings(message: Message) -> list[str]:
    if message.string is None:
        return [""]
    return [message.string] if isinstance(message.string, str) else list(message.string)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "step", nargs="?", choices=("all", "extract", "update", "compile", "fill"), default="all"
    )
    parser.add_argument("files", nargs="*", help="fill: the language, then the catalogues to take from")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if anything is stale")
    parser.add_argument("--replace", action="store_true", help="fill: also replace existing translations")
    args = parser.parse_args(argv)
    if args.step == "fill":
        return fill(args.files[0], [Path(f) for f in args.files[1:]], replace=args.replace)
    template = extract()
    if args.check:
        found = []
        if not TEMPLATE.exists() or messages(template) != messages(read(TEMPLATE)):
            found.append(
                f"{TEMPLATE.relative_to(ROOT)} is not what the sources mark: run scripts/catalogues.py"
            )
        for lang in LANGUAGES:
            found.extend(problems(lang, template))
        for line in found:
            print(line)
        print(f"catalogues: {len(template)} messages, {len(found)} problems")
        return 1 if found else 0
    if args.step in ("all", "extract"):
        write(TEMPLATE, render_po(template))
    for lang in LANGUAGES:
        if args.step in ("all", "update"):
            write(po_path(lang), render_po(updated(template, lang)))
        if args.step in ("all", "compile"):
            write(mo_path(lang), render_mo(read(po_path(lang), lang)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""One escaping function per output medium, for every text that came from a file or a file name.

A round's `naam`, a bid's `bronnen`, `toelichting`, knelpunt and topic names, the quoted
excerpts in problem messages and the file names themselves are written by whoever wrote the
files. Each renderer passes such text through the function of its medium, and only that:

==================  ======================  ==================================================
medium              function                what it stops
==================  ======================  ==================================================
plain text lines    ``printable``           control characters (a newline starting a line
                                            GitHub Actions runs as ``::error::``), ANSI
                                            escapes, direction overrides, lone surrogates
Rich markup         ``rich_text``           ``[/concept]`` crashing a table, ``[link=…]``
Markdown            ``md_text``             ``|`` splitting a table cell, raw HTML, emphasis,
                    ``md_code``             links, headings; a code span that ends early
                    ``md_url``              ``<url><img onerror=…>``: an autolink that ends
GitHub commands     ``github_data``         a message or property ending the command early
                    ``github_property``
SARIF (JSON)        ``sarif_text``          control characters in message text
JUnit XML           ``xml_text``            characters XML 1.0 cannot hold
HTML                Jinja's autoescape;     markup; ``javascript:`` and other schemes in links
                    ``html_url``
CSV / xlsx          ``spreadsheet_cell``    formulas: a cell starting with = + - @ tab or CR
                                            (also behind a BOM or zero-width space)
==================  ======================  ==================================================
"""

from __future__ import annotations

import re
from urllib.parse import quote

# Control characters (a YAML double-quoted "\e[2J" is one, and so is a newline in a file name),
# the bidirectional overrides that reorder text on screen, the line and paragraph separators
# some terminals and editors break lines at, and lone surrogates (which no UTF-8 stream can
# carry): printed as they are, they would let a bid file recolour, erase, disguise or end the
# lines that report on it.
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    if "\ud800" <= char <= "\udfff":
        return f"\\u{ord(char):04x}"
    return char.encode("unicode_escape").decode("ascii")


def printable(text: str) -> str:
    """``text`` on one line, with control and direction characters written as escapes
    (\\x1b, \\n, \\u202e)."""
    return _UNPRINTABLE.sub(_escape_char, text)


def rich_text(text: str) -> str:
    """``text`` for a Rich string that is parsed as markup (a table cell, a printed line)."""
    from rich.markup import escape  # only where Rich renders anyway

    return escape(printable(text))


# The characters that open emphasis, links, images, code or strike-through, or end a table
# cell, anywhere in a line (backslash-escaped); HTML is written as entities. Line-start
# constructs (headings, lists, quotes) cannot occur: md_text never starts a line.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md_text(text: str) -> str:
    """``text`` for Markdown (a paragraph, a list item or a table cell): literal, on one line."""
    escaped = _MD_SPECIAL.sub(r"\\\1", printable(text))
    return escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def md_code(text: str) -> str:
    """``text`` as an inline code span that survives a table row (GFM ``\\|``) and backticks."""
    body = printable(text).replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if body.startswith("`") or body.endswith("`") or not body.strip() else ""
    return f"{fence}{pad}{body}{pad}{fence}"


def md_url(url: str) -> str:
    """An http(s) URL as a Markdown autolink; anything else as literal text."""
    if not re.fullmatch(r"https?://\S+", url):
        return md_text(url)
    # Characters that could end the autolink or open HTML become percent escapes.
    return "<" + quote(url, safe="/:?#[]@!$&()*+,;=%~-._'") + ">"


def github_data(text: str) -> str:
    """The message of a GitHub Actions workflow command."""
    return printable(text).replace("%", "%25")


def github_property(text: str) -> str:
    """A property value (file=, title=) of a GitHub Actions workflow command."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def sarif_text(text: str) -> str:
    """Plain text in a SARIF message (JSON does the quoting)."""
    return printable(text)


# XML 1.0 has no way to write these at all, not even as character references.
_NOT_XML = re.compile("[\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text for a JUnit XML attribute or element (ElementTree quotes & < > and quotes)."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", printable(text))


def html_url(url: str) -> str:
    """A link target for the HTML report: http(s) only, anything else goes nowhere."""
    return url if re.fullmatch(r"https?://\S+", url) else "#"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Invisible characters a cell may start with before its formula: a byte order mark (the Dutch
# CSV starts with one, and a value copied from such a file may carry it) or a zero-width space.
_INVISIBLE_START = "\ufeff\u200b"


def spreadsheet_cell(value: object) -> object:
    """A CSV or xlsx cell: text that a spreadsheet would run as a formula gets the OWASP
    leading apostrophe (also behind a byte order mark or zero-width space, which some
    spreadsheets skip); numbers, dates and other text stay as they are."""
    if isinstance(value, str) and value.lstrip(_INVISIBLE_START).startswith(_FORMULA_START):
        return "'" + value
    return value

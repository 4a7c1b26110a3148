"""Plain-text normalisation shared by every layer: folding and sanitising.

Pure functions on `str`; no Rich, Textual or YAML here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

# C0 controls except TAB and LF (so CR too: CRLF becomes LF), DEL, C1
# controls, and the Unicode bidirectional controls that can make text read
# differently from how it is stored ("Trojan source"): the embeddings,
# overrides and isolates (U+202A-202E, U+2066-2069) and the LRM, RLM and ALM
# marks. None of them belongs in a timeline and several (ESC, CSI, OSC) let a
# data file drive the user's terminal. Zero-width characters, the BOM and the
# line and paragraph separators are kept: ZWJ and ZWNJ belong to emoji and to
# Persian and Indic spelling, and `single_line` folds the separators.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_SPACE_RUN = re.compile(r"\s+")


def sanitize(value: str) -> str:
    """Remove control characters and bidi overrides; keep TAB and newline."""
    if value.isascii() and value.isprintable():
        return value
    return _UNSAFE.sub("", value.replace("\r\n", "\n"))


def single_line(value: str) -> str:
    """Collapse every run of whitespace (newlines included) into one space."""
    return _SPACE_RUN.sub(" ", value).strip()


@lru_cache(maxsize=65536)
def _fold_run(run: str) -> str:
    decomposed = unicodedata.normalize("NFKD", run)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(value: str) -> str:
    """Case- and accent-insensitive form: "Treviño" and "TREVINO" both give "trevino".

    ASCII is only lower-cased; runs of other characters are decomposed and
    stripped of combining marks, memoised because names repeat a lot.
    """
    if value.isascii():
        return value.lower()
    return _NON_ASCII_RUN.sub(lambda m: _fold_run(m.group()), value).lower()


def holds_in_order(wanted: str) -> Callable[[str], bool]:
    """A test that a text holds every character of `wanted`, in that order.

    What a fuzzy matcher asks of a candidate before it scores it, run by the
    regex engine: over 100,000 event titles it leaves out most of them in a
    fraction of the matcher's time. Each "[^c]*c" consumes up to the next c,
    so nothing backtracks, whatever the text.
    """
    pattern = re.compile("".join(f"[^{re.escape(c)}]*{re.escape(c)}" for c in wanted), re.DOTALL)
    return lambda text: pattern.match(text) is not None


# Scripts with letters that look like Latin ones (Cyrillic a, e, o, p, c, x;
# Greek omicron and nu): in a word that also holds Latin letters, each is
# named, so that "camarena" spelt with a Cyrillic a is not shown as the
# "camarena" it pretends to be.
_LOOKALIKE_SCRIPTS = ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE")
_WORD = re.compile(r"\w+")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\x1b"}


def _escaped(character: str) -> str | None:
    """How a character no reader could see is written in a message, or None."""
    if character in _ESCAPES:
        return _ESCAPES[character]
    category = unicodedata.category(character)
    if category == "Cc":
        return f"\\x{ord(character):02x}"
    if category in ("Cf", "Zl", "Zp", "Co", "Cn", "Cs") or (category == "Zs" and character != " "):
        return (
            f"\\u{ord(character):04x}" if ord(character) <= 0xFFFF else f"\\U{ord(character):08x}"
        )
    return None


def _lookalike(character: str) -> bool:
    return unicodedata.name(character, "").startswith(_LOOKALIKE_SCRIPTS)


def shown(text: str) -> str:
    """Text for a message, with every character a reader could miss or mistake shown for what it is.

    Controls and invisible characters become escapes (`\\x1b`, `\\u200b`);
    a letter of a Latin lookalike script inside a word with Latin letters is
    named (`<U+0430 CYRILLIC SMALL LETTER A>`). Words wholly in another script
    (a Russian title) are left as they are. Every message that quotes a file
    name or data goes through this, on the way to a terminal.
    """
    if text.isascii() and text.isprintable():
        return text
    named: set[int] = set()
    for word in _WORD.finditer(text):
        value = word.group()
        if value.isascii() or not any("a" <= c.lower() <= "z" for c in value):
            continue
        named.update(word.start() + i for i, c in enumerate(value) if _lookalike(c))
    pieces = []
    for position, character in enumerate(text):
        if position in named:
            pieces.append(f"<U+{ord(character):04X} {unicodedata.name(character)}>")
        else:
            pieces.append(_escaped(character) or character)
    return "".join(pieces)

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

"""The characters text safety is about, one by one, and what must become of each.

Shared by the tests of `text.sanitize` and of `terminal_text`: the documented
unsafe set (text.py) is removed wherever data text is shown; the invisible
characters that real names and emoji need are kept as they are.
"""

from __future__ import annotations

import pytest

_KNOWN = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x0D: "CR", 0x1B: "ESC"}
_KNOWN |= {0x7F: "DEL", 0x85: "NEL", 0x90: "DCS", 0x9B: "CSI", 0x9C: "ST", 0x9D: "OSC"}


def _control(code: int) -> tuple[str, str]:
    kind = "C0" if code < 0x20 else "C1" if code >= 0x80 else ""
    return chr(code), f"U+{code:04X} {_KNOWN.get(code, kind)}".strip()


# C0 controls except TAB and LF, DEL, C1 controls, the bidirectional
# embeddings, overrides and isolates, and the three bidi marks.
REMOVED: list[tuple[str, str]] = [
    *(_control(code) for code in range(0x20) if code not in (0x09, 0x0A)),
    _control(0x7F),
    *(_control(code) for code in range(0x80, 0xA0)),
    ("\u202a", "U+202A LEFT-TO-RIGHT EMBEDDING"),
    ("\u202b", "U+202B RIGHT-TO-LEFT EMBEDDING"),
    ("\u202c", "U+202C POP DIRECTIONAL FORMATTING"),
    ("\u202d", "U+202D LEFT-TO-RIGHT OVERRIDE"),
    ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("\u2067", "U+2067 RIGHT-TO-LEFT ISOLATE"),
    ("\u2068", "U+2068 FIRST STRONG ISOLATE"),
    ("\u2069", "U+2069 POP DIRECTIONAL ISOLATE"),
    ("\u200e", "U+200E LEFT-TO-RIGHT MARK"),
    ("\u200f", "U+200F RIGHT-TO-LEFT MARK"),
    ("\u061c", "U+061C ARABIC LETTER MARK"),
]

# Kept by sanitising. Whitespace among them is folded into one space where
# text is shown on one line; the invisible ones stay: ZWJ and ZWNJ are part
# of emoji sequences and of Persian and Indic spelling.
KEPT_WHITESPACE: list[tuple[str, str]] = [
    ("\t", "U+0009 TAB"),
    ("\n", "U+000A LF"),
    ("\xa0", "U+00A0 NO-BREAK SPACE"),
    ("\u2028", "U+2028 LINE SEPARATOR"),
    ("\u2029", "U+2029 PARAGRAPH SEPARATOR"),
]
KEPT_INVISIBLE: list[tuple[str, str]] = [
    ("\u200b", "U+200B ZERO WIDTH SPACE"),
    ("\u200c", "U+200C ZERO WIDTH NON-JOINER"),
    ("\u200d", "U+200D ZERO WIDTH JOINER"),
    ("\u2060", "U+2060 WORD JOINER"),
    ("\ufeff", "U+FEFF BYTE ORDER MARK inside text"),
    ("\xad", "U+00AD SOFT HYPHEN"),
]

# Escape sequences a data file could use to drive a terminal: the ESC or C1
# introducer goes, what follows is left as inert text.
SEQUENCES: list[tuple[str, str]] = [
    ("red\x1b[31m alert\x1b[0m", "red[31m alert[0m"),  # SGR colour
    ("\x1b[2J\x1b[Hwiped", "[2J[Hwiped"),  # clear screen, cursor home
    ("\x9b31mcsi", "31mcsi"),  # the 8-bit CSI
    ("title\x1b]0;pwned\x07", "title]0;pwned"),  # OSC window title, BEL-terminated
    (
        "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
        "]8;;https://evil.example\\link]8;;\\",
    ),
    ("\x9d8;;https://evil.example\x9clink", "8;;https://evil.examplelink"),  # 8-bit OSC and ST
    ("\x1bPq#0;2;0;0;0\x1b\\", "Pq#0;2;0;0;0\\"),  # DCS (sixel)
    ("safe\u202egnp.exe", "safegnp.exe"),  # "Trojan source" file name
    ("\u2067\u05d0\u2069 \u200fmark", "\u05d0 mark"),
]


def cases(table: list[tuple[str, str]]) -> list[object]:
    """`table` as pytest parameters, each named after its character."""
    return [pytest.param(char, id=name) for char, name in table]

"""Folding for matching and sanitising untrusted text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline_viewer.text import fold, holds_in_order, sanitize, single_line


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Treviño", "trevino"),
        ("TREVIÑO", "trevino"),
        ("ÉL", "el"),
        ("Miguel Ángel Félix Gallardo", "miguel angel felix gallardo"),
        ("Cártel de Sinaloa", "cartel de sinaloa"),
        ("Straße", "strasse"),
        ("ﬁnal", "final"),
        ("plain ascii", "plain ascii"),
        ("Trevin\u0303o", "trevino"),  # decomposed ñ, as some editors store it
    ],
)
def test_fold_ignores_case_and_accents(text: str, folded: str) -> None:
    assert fold(text) == folded


@given(st.text())
def test_fold_is_idempotent_and_free_of_combining_marks(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert not any(unicodedata.combining(c) for c in folded)


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("red\x1b[31m alert\x1b[0m", "red[31m alert[0m"),  # ESC gone: inert text remains
        ("\x9b31mcsi", "31mcsi"),  # the 8-bit CSI
        ("title\x1b]0;pwned\x07", "title]0;pwned"),  # OSC with BEL
        ("nul\x00byte", "nulbyte"),
        ("del\x7f", "del"),
        ("c1\x85\x90\x9f", "c1"),
        ("safe\u202egnp.exe", "safegnp.exe"),  # right-to-left override
        ("\u2066isolate\u2069 \u200fmark", "isolate mark"),
        ("back\bspace\rreturn", "backspacereturn"),
    ],
)
def test_sanitize_removes_controls_and_bidi_overrides(text: str, clean: str) -> None:
    assert sanitize(text) == clean


@pytest.mark.parametrize(
    "text",
    ["line one\nline two", "a\tb", "Treviño — 29 “prisoners” ✓ 中文 🙂", "[bold]x[/bold]", ""],
)
def test_sanitize_keeps_newline_tab_and_normal_unicode(text: str) -> None:
    assert sanitize(text) == text


def test_sanitize_turns_crlf_into_lf() -> None:
    assert sanitize("a\r\nb") == "a\nb"


@given(st.text())
def test_sanitize_never_leaves_a_control_character(text: str) -> None:
    clean = sanitize(text)
    for char in clean:
        assert char in "\t\n" or unicodedata.category(char) != "Cc", repr(char)
        assert char not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_single_line_collapses_whitespace() -> None:
    assert single_line("  one\n\ttwo   three \n") == "one two three"


# Wide (CJK), combining and control characters among plain ones.
CELLS_TEXT = st.text(alphabet="ab 漢字é\u0301\t\n\x1b[", max_size=30)


@given(CELLS_TEXT, st.integers(1, 12))
def test_a_list_row_cuts_text_as_the_rest_of_the_ui_does(value: str, width: int) -> None:
    # The event list draws rows from plain strings; they must read exactly as
    # the Text the other widgets show, ellipsis, sanitising and all.
    from rich.cells import cell_len

    from timeline_viewer.terminal_text import cut, gap, one_line

    shown = cut(value, width)
    assert shown == one_line(value, width=width).plain
    assert cell_len(shown + gap(shown, width)) == max(width, cell_len(shown))


@given(st.text(alphabet="ab.*[\\]^-", max_size=5), st.text(alphabet="ab.*[\\]^-x", max_size=12))
def test_holds_in_order_is_a_subsequence_test(wanted: str, text: str) -> None:
    def naive(wanted: str, text: str) -> bool:
        rest = iter(text)
        return all(character in rest for character in wanted)

    assert holds_in_order(wanted)(text) is naive(wanted, text)

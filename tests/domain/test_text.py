"""Folding for matching and sanitising untrusted text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline_viewer.domain.text import fold, holds_in_order, sanitize, single_line
from unsafe_characters import KEPT_INVISIBLE, KEPT_WHITESPACE, REMOVED, SEQUENCES, cases

UNSAFE = {char for char, _ in REMOVED}


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


@pytest.mark.parametrize("char", cases(REMOVED))
def test_sanitize_removes_every_character_of_the_unsafe_set(char: str) -> None:
    assert sanitize(f"Caro{char} Quintero") == "Caro Quintero"
    assert sanitize(f"{char}Treviño{char}") == "Treviño"
    assert sanitize(char * 3) == ""


@pytest.mark.parametrize(("text", "clean"), SEQUENCES)
def test_sanitize_leaves_escape_sequences_inert(text: str, clean: str) -> None:
    assert sanitize(text) == clean


@pytest.mark.parametrize("char", cases(KEPT_WHITESPACE + KEPT_INVISIBLE))
def test_sanitize_keeps_whitespace_and_the_invisible_characters_names_need(char: str) -> None:
    assert sanitize(f"Caro{char}Quintero") == f"Caro{char}Quintero"
    assert sanitize(f"{char}Treviño{char}") == f"{char}Treviño{char}"


@pytest.mark.parametrize(
    "text",
    ["line one\nline two", "a\tb", "Treviño — 29 “prisoners” ✓ 中文 🙂", "[bold]x[/bold]", ""],
)
def test_sanitize_keeps_newline_tab_and_normal_unicode(text: str) -> None:
    assert sanitize(text) == text


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("a\r\nb", "a\nb"),
        ("Chapter XX\r\nXXI", "Chapter XX\nXXI"),
        ("one\r\n\r\ntwo\r\n", "one\n\ntwo\n"),
        ("Treviño\r\nMorales", "Treviño\nMorales"),
        ("carriage\rreturn", "carriagereturn"),  # a lone CR is a control like any other
    ],
)
def test_sanitize_turns_crlf_into_lf(text: str, clean: str) -> None:
    assert sanitize(text) == clean


@given(st.text())
def test_sanitize_never_leaves_a_control_character(text: str) -> None:
    clean = sanitize(text)
    for char in clean:
        assert char in "\t\n" or unicodedata.category(char) != "Cc", repr(char)
        assert char not in UNSAFE, repr(char)


def test_single_line_collapses_whitespace() -> None:
    assert single_line("  one\n\ttwo   three \n") == "one two three"


@pytest.mark.parametrize("char", cases(KEPT_WHITESPACE))
def test_single_line_folds_every_kind_of_line_break_and_space(char: str) -> None:
    assert single_line(f"{char}one{char}{char}two{char}") == "one two"


@pytest.mark.parametrize("char", cases(KEPT_INVISIBLE))
def test_single_line_keeps_invisible_characters_that_are_not_spaces(char: str) -> None:
    assert single_line(f"one{char}two") == f"one{char}two"


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

"""What a terminal shows of data text: sanitised, never markup, cut to width.

Every CLI printer and TUI widget builds its text with `terminal_text`, so these
tests render its results the way Rich and Textual do and look at what reaches
the screen.
"""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.segment import Segment, Segments
from rich.text import Text
from textual.content import Content

from timeline_viewer.terminal_text import cut, gap, join, literal, one_line, plain
from unsafe_characters import KEPT_INVISIBLE, KEPT_WHITESPACE, REMOVED, SEQUENCES, cases


def shown(text: Text, width: int = 200) -> str:
    """What a terminal `width` cells wide receives for `text`, lines and styles included."""
    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        force_terminal=True,
        color_system="standard",
        legacy_windows=False,
        _environ={},  # NO_COLOR, COLUMNS, TERM and the like of the test run do not apply
    )
    for line in console.render_lines(text, console.options, pad=False):
        console.print(Segments([*line, Segment.line()]))
    return out.getvalue()


# --- the unsafe set, through every function -----------------------------------------


@pytest.mark.parametrize("char", cases(REMOVED))
def test_no_unsafe_character_reaches_the_terminal(char: str) -> None:
    value = f"{char}Caro{char} Quintero{char}"
    assert plain(value) == "Caro Quintero"
    assert literal(value).plain == "Caro Quintero"
    assert one_line(value).plain == "Caro Quintero"
    assert one_line(value, width=40).plain == "Caro Quintero"
    assert cut(value, 40) == "Caro Quintero"
    assert shown(literal(value)) == "Caro Quintero\n"
    assert shown(one_line(value)) == "Caro Quintero\n"


@pytest.mark.parametrize(("text", "clean"), SEQUENCES)
def test_escape_sequences_are_shown_as_inert_text(text: str, clean: str) -> None:
    assert plain(text) == clean
    assert literal(text).plain == clean
    assert one_line(text).plain == clean
    assert cut(text, 80) == clean
    assert "\x1b" not in shown(literal(text)) and "\x9b" not in shown(literal(text))


@pytest.mark.parametrize("char", cases(KEPT_INVISIBLE))
def test_invisible_characters_that_names_need_are_kept(char: str) -> None:
    value = f"Caro{char}Quintero"
    assert plain(value) == value
    assert literal(value).plain == value
    assert one_line(value).plain == value
    assert cut(value, 40) == value


@pytest.mark.parametrize("char", cases(KEPT_WHITESPACE))
def test_line_breaks_and_spaces_are_kept_in_text_and_folded_on_one_line(char: str) -> None:
    value = f"{char}Caro{char}{char}Quintero{char}"
    assert plain(value) == value
    assert literal(value).plain == value
    assert one_line(value).plain == "Caro Quintero"
    assert one_line(value, width=8).plain == "Caro Qu…"
    assert cut(value, 40) == "Caro Quintero"
    assert cut(value, 8) == "Caro Qu…"


def test_plain_returns_a_string_for_plain_streams() -> None:
    shown_plain = plain("1985\t[bold]Caro\x1b[0m\r\nQuintero")
    assert type(shown_plain) is str
    assert shown_plain == "1985\t[bold]Caro[0m\nQuintero"


# --- markup is never interpreted -----------------------------------------------------

MARKUP_LOOKING = [
    "[bold]Caro[/bold] Quintero",
    "[/] closing tag",
    "[@click=app.quit]quit[/]",
    "[link=https://evil.example]click me[/link]",
    "[red on white]alarm[/]",
    "\\[escaped] and [[doubled]]",
    ":smile: :warning: emoji codes",
    "1985-02-07 https://example.org True None 'quoted' 3.14",  # what highlighters colour
    "[",
    "]",
]


@pytest.mark.parametrize("value", MARKUP_LOOKING)
def test_markup_looking_text_is_shown_exactly(value: str) -> None:
    for text in (literal(value), one_line(value)):
        assert text.plain == value
        assert text.spans == []
        assert shown(text) == value + "\n"  # no style codes, no emoji, no highlighting
        assert Content.from_rich_text(text).plain == value  # what a Textual widget draws
    assert plain(value) == value
    assert cut(value, 200) == value


@pytest.mark.parametrize("value", MARKUP_LOOKING)
def test_a_styled_literal_styles_its_text_and_nothing_else(value: str) -> None:
    assert shown(literal(value, "bold")) == f"\x1b[1m{value}\x1b[0m\n"
    assert shown(one_line(value, "bold")) == f"\x1b[1m{value}\x1b[0m\n"


def test_the_style_is_exactly_the_one_asked_for() -> None:
    assert literal("Caro").style == ""
    assert one_line("Caro").style == ""
    assert literal("Caro", "italic").style == "italic"
    assert one_line("Caro", "dim").style == "dim"
    assert shown(literal("Caro", "underline")) == "\x1b[4mCaro\x1b[0m\n"
    assert shown(one_line("Caro", "dim")) == "\x1b[2mCaro\x1b[0m\n"


def test_literal_keeps_lines_and_tabs() -> None:
    value = "Taken outside the consulate\nby armed men.\tSee notes."
    assert literal(value).plain == value
    assert shown(literal(value)) == "Taken outside the consulate\nby armed men.   See notes.\n"


# --- one line, cut to width ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "width", "cut_to"),
    [
        ("Caro Quintero", 13, "Caro Quintero"),  # exactly the width: not cut
        ("Caro Quintero", 14, "Caro Quintero"),
        ("Caro Quintero", 12, "Caro Quinte…"),
        ("Caro Quintero", 2, "C…"),
        ("Caro Quintero", 1, "…"),
        ("Caro Quintero", 0, "…"),  # a zero or negative width still shows that text was cut
        ("Caro Quintero", -5, "…"),
        ("", 0, ""),
        ("  Caro\n\n\tQuintero  ", 13, "Caro Quintero"),
        ("  Caro\n\n\tQuintero  ", 6, "Caro …"),
        ("Treviño", 7, "Treviño"),
        ("Trevin\u0303o", 7, "Trevin\u0303o"),  # a combining tilde takes no cell
        ("Trevin\u0303o", 6, "Trevi…"),
        ("漢字漢字", 8, "漢字漢字"),
        ("漢字漢字", 7, "漢字漢…"),
        ("漢字漢字", 6, "漢字 …"),  # half a wide character is a space
        ("漢字漢字", 3, "漢…"),
        ("漢字漢字", 2, " …"),
    ],
)
def test_one_line_and_cut_fit_a_width(value: str, width: int, cut_to: str) -> None:
    assert cut(value, width) == cut_to
    assert one_line(value, width=width).plain == cut_to


def test_one_line_without_a_width_is_never_cut() -> None:
    value = "A title far longer than any terminal is wide. " * 20
    assert one_line(value).plain == value.strip()
    assert one_line("x").plain == "x"


def test_one_line_stays_on_one_line_in_a_narrow_space() -> None:
    # A one_line title drawn in fewer cells than it needs ends in an ellipsis
    # on its one line; a literal wraps.
    title = "Caro Quintero recaptured in Sinaloa"
    assert shown(one_line(title), width=16) == "Caro Quintero r…\n"
    assert shown(one_line(title, "bold"), width=16) == "\x1b[1mCaro Quintero r…\x1b[0m\n"
    assert shown(one_line("Caro\nQuintero recaptured"), width=10) == "Caro Quin…\n"
    assert shown(literal(title), width=16) == "Caro Quintero \nrecaptured in \nSinaloa\n"


def test_one_line_cut_to_width_keeps_its_style() -> None:
    text = one_line("Caro Quintero", "bold", width=6)
    assert text.plain == "Caro …"
    assert shown(text) == "\x1b[1mCaro …\x1b[0m\n"


@pytest.mark.parametrize(
    ("shown_text", "width", "spaces"),
    [
        ("Caro", 6, 2),
        ("Caro", 4, 0),
        ("Caro Quintero", 4, 0),  # wider than the width: nothing to fill
        ("漢字", 6, 2),  # wide characters take two cells each
        ("Trevin\u0303o", 8, 1),
        ("", 3, 3),
    ],
)
def test_gap_fills_the_rest_of_the_width(shown_text: str, width: int, spaces: int) -> None:
    assert gap(shown_text, width) == " " * spaces


# --- join --------------------------------------------------------------------------------


def test_join_puts_a_comma_between_parts_and_keeps_their_styles() -> None:
    parts = [literal("Caro", "bold"), literal("[RCQ]"), literal("Narco of narcos", "italic")]
    joined = join(parts)
    assert joined.plain == "Caro, [RCQ], Narco of narcos"
    assert shown(joined) == "\x1b[1mCaro\x1b[0m, [RCQ], \x1b[3mNarco of narcos\x1b[0m\n"


def test_join_with_another_separator() -> None:
    joined = join([literal("first source"), literal("second source", "italic")], "\n")
    assert shown(joined) == "first source\n\x1b[3msecond source\x1b[0m\n"
    assert join([literal("a"), literal("b")], " · ").plain == "a · b"


def test_join_of_nothing_or_one_part() -> None:
    assert join([]).plain == ""
    assert join([literal("alone")]).plain == "alone"

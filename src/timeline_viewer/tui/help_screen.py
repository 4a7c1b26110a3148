"""The help screen: the keys that work where the user is, one line each, grouped.

What it lists comes from `key_guide`, given the place and the keys bound
there; this screen only lays the lines out (two columns when the window is
wide enough), scrolls them and filters them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from timeline_viewer.query.key_guide import (
    Place,
    ShownGroup,
    ShownKey,
    help_columns,
    help_groups,
    key_width,
    matching,
)
from timeline_viewer.runtime import keep_alive_from_now
from timeline_viewer.terminal_text import literal
from timeline_viewer.tui.key_bar import KeyBar
from timeline_viewer.tui.labels import fixed

# Two columns from this many cells inside the box.
TWO_COLUMNS_FROM = 96
# The box's widest, border included.
BOX_WIDTH = 120
# Cells between the two columns, and between a key and what it does.
COLUMN_GAP = 4
KEY_GAP = 2


def render_help(groups: Sequence[ShownGroup], width: int, key_style: str = "bold") -> Text:
    """The help's lines, in one or two columns within `width` cells."""
    columns = help_columns(groups, 2 if width >= TWO_COLUMNS_FROM else 1)
    column_width = (width - COLUMN_GAP * (len(columns) - 1)) // len(columns)
    rows = max((len(column) for column in columns), default=0)
    text = Text(no_wrap=True, overflow="ellipsis")
    for row in range(rows):
        if row:
            text.append("\n")
        for at, column in enumerate(columns):
            line = column[row] if row < len(column) else None
            keys = key_width(column)
            cell = Text(no_wrap=True)
            if isinstance(line, str):
                cell.append_text(fixed(line, "bold underline"))
            elif isinstance(line, ShownKey):
                cell.append_text(fixed(line.keys.ljust(keys + KEY_GAP), key_style))
                cell.append_text(literal(line.does))
            cell.truncate(column_width, overflow="ellipsis", pad=at < len(columns) - 1)
            if at:
                text.append(" " * COLUMN_GAP)
            text.append_text(cell)
    return text


class HelpScreen(ModalScreen[None]):
    """The keys of the place it was opened from; escape, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        background: $background 60%;
        & > Vertical {
            width: 120;  /* BOX_WIDTH */
            max-width: 100%;
            height: auto;
            max-height: 100%;
            border: round $primary;
            border-title-align: left;
            background: $surface;
            padding: 0 1;
        }
        & #help-scroll { height: auto; max-height: 1fr; scrollbar-size-vertical: 1; }
        & #help { width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
        & #help-filter { display: none; height: 1; }
        & #help-filter.-shown { display: block; }
        & #help-empty { display: none; color: $text-muted; }
        & #help-empty.-shown { display: block; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close"),
        Binding("slash", "filter", "Filter", priority=True),
        Binding("j,down", "scroll('down')", "Down", show=False),
        Binding("k,up", "scroll('up')", "Up", show=False),
        Binding("space,pagedown", "scroll('page_down')", "Page down", show=False),
        Binding("b,pageup", "scroll('page_up')", "Page up", show=False),
        Binding("g,home", "scroll('home')", "Top", show=False),
        Binding("G,end", "scroll('end')", "Bottom", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.groups: list[ShownGroup] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Input(placeholder="keys or words", compact=True, id="help-filter")
            with VerticalScroll(id="help-scroll"):
                yield Static(id="help")
                yield Static(fixed("No key matches."), id="help-empty")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()
        # Kept for the whole session (see `action_help`): out of the collector's
        # generations, like the timeline, once it is drawn.
        self.call_after_refresh(keep_alive_from_now)

    def show_for(
        self, place: Place, bound: Mapping[str, AbstractSet[str]], entity_name: str | None
    ) -> None:
        """List the keys of `place` from its next showing on.

        `bound` maps each key bound there to its actions' names.
        """
        self.groups = help_groups(place, bound, entity_name)

    def on_screen_resume(self) -> None:
        # The screen is kept between showings: each one starts at the top, whole.
        box = self.query_one("#help-box")
        box.border_title = fixed("Keys")
        box.border_subtitle = fixed("/ find · esc close")
        filter_input = self.query_one("#help-filter", Input)
        with filter_input.prevent(Input.Changed):
            filter_input.value = ""
        filter_input.remove_class("-shown")
        self._draw()
        scroll = self.query_one("#help-scroll")
        scroll.focus()
        scroll.scroll_home(animate=False)

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        if not self.is_mounted:
            return
        text = self.query_one("#help-filter", Input).value
        groups = matching(self.groups, text)
        # The box's inner width: the window's, less the border, padding and scroll bar.
        width = min(self.app.size.width, BOX_WIDTH) - 5
        accent = self.app.theme_variables.get("text-accent", "")
        key_style = f"bold {accent}" if accent.startswith("#") else "bold"
        self.query_one("#help", Static).update(render_help(groups, width, key_style))
        self.query_one("#help-empty").set_class(not groups, "-shown")

    @on(Input.Changed, "#help-filter")
    def _filter_changed(self) -> None:
        self._draw()
        self.query_one("#help-scroll").scroll_home(animate=False)

    @on(Input.Submitted, "#help-filter")
    def _filter_done(self) -> None:
        self.query_one("#help-scroll").focus()

    def action_filter(self) -> None:
        filter_input = self.query_one("#help-filter", Input)
        if self.focused is filter_input:
            filter_input.insert_text_at_cursor("/")
            return
        filter_input.add_class("-shown")
        self.set_focus(filter_input)

    def action_scroll(self, where: str) -> None:
        scroll = self.query_one("#help-scroll", VerticalScroll)
        moves = {
            "down": scroll.scroll_down,
            "up": scroll.scroll_up,
            "page_down": scroll.scroll_page_down,
            "page_up": scroll.scroll_page_up,
            "home": scroll.scroll_home,
            "end": scroll.scroll_end,
        }
        moves[where](animate=False)

    def action_close(self) -> None:
        filter_input = self.query_one("#help-filter", Input)
        if self.focused is filter_input:
            # Escape in the find bar: the whole help again, then escape closes.
            filter_input.value = ""
            filter_input.remove_class("-shown")
            self.query_one("#help-scroll").focus()
            return
        self.dismiss(None)

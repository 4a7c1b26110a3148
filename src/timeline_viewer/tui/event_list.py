"""The event list: a virtual list that renders only the rows on screen.

Built on the Line API (a `ScrollView` with `render_line`) rather than
DataTable/OptionList, which measure every row when filled: a re-filter of
100,000 events here only swaps the positions and repaints the visible rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from timeline_viewer.browse import date_column_width
from timeline_viewer.index import TimelineIndex
from timeline_viewer.tui.labels import event_row

NARROW_DATE_WIDTH = 12
# Below this width the entities column is dropped (they stay in the detail panel).
ENTITIES_MIN_WIDTH = 80


class EventList(ScrollView, can_focus=True):
    """Rows of events addressed by position in the index; one row is the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("enter", "choose", "Select", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "event-list--cursor",
        "event-list--date",
        "event-list--entities",
        "event-list--match",
        "event-list--empty",
    }

    DEFAULT_CSS = """
    EventList {
        background: $surface;
        & > .event-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .event-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
        & > .event-list--date { color: $text-accent; }
        & > .event-list--entities { color: $text-muted; }
        & > .event-list--match { color: $text-warning; text-style: bold underline; }
        & > .event-list--empty { color: $text-muted; text-style: italic; }
    }
    """

    @dataclass
    class Highlighted(Message):
        """The highlighted event changed (None: the list is empty)."""

        event_list: EventList
        position: int | None

        @property
        def control(self) -> EventList:
            return self.event_list

    @dataclass
    class Chosen(Message):
        """Enter was pressed on an event."""

        event_list: EventList
        position: int

        @property
        def control(self) -> EventList:
            return self.event_list

    def __init__(
        self, index: TimelineIndex, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.index = index
        self.date_width = date_column_width(index.events)
        self.positions: Sequence[int] = ()
        self.cursor = 0
        self.matches: frozenset[int] = frozenset()
        self.empty_message = ""
        # Not a position and not None, so that the first cursor move is always announced.
        self._announced: int | None = -1
        self._lines: LRUCache[tuple[int, int, bool, bool, bool], Strip] = LRUCache(1024)

    # -- attributes down ----------------------------------------------------

    def show(self, positions: Sequence[int], cursor: int, empty_message: str = "") -> None:
        """Swap the rows shown; only the visible ones are drawn again."""
        self.positions = positions
        self.empty_message = empty_message
        self.matches = frozenset()
        self._lines.clear()
        self.virtual_size = Size(self.size.width, len(positions))
        self.move_cursor(cursor, force_scroll=True)
        self.refresh()

    def mark_matches(self, rows: Sequence[int]) -> None:
        self.matches = frozenset(rows)
        self._lines.clear()
        self.refresh()

    @property
    def highlighted(self) -> int | None:
        """The position of the event under the cursor."""
        if 0 <= self.cursor < len(self.positions):
            return self.positions[self.cursor]
        return None

    def move_cursor(self, row: int, *, force_scroll: bool = False) -> None:
        count = len(self.positions)
        row = max(0, min(row, count - 1)) if count else 0
        if row != self.cursor or force_scroll:
            self.cursor = row
            self._lines.clear()
            self.refresh()
        self.scroll_to_cursor()
        if self.highlighted != self._announced:
            self._announced = self.highlighted
            self.post_message(self.Highlighted(self, self.highlighted))

    def scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)

    # -- rendering ----------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not self.positions:
            if y == 1 and self.empty_message:
                style = base + self.get_component_rich_style("event-list--empty")
                text = f"  {self.empty_message}"
                return Strip([Segment(text, style)]).crop_extend(0, width, base)
            return Strip.blank(width, base)
        row = round(self.scroll_y) + y
        if row >= len(self.positions):
            return Strip.blank(width, base)
        is_cursor = row == self.cursor
        key = (row, width, is_cursor, self.has_focus, row in self.matches)
        strip = self._lines.get(key)
        if strip is None:
            strip = self._render_row(row, width, base, is_cursor, row in self.matches)
            self._lines[key] = strip
        return strip

    def _render_row(
        self, row: int, width: int, base: Style, is_cursor: bool, is_match: bool
    ) -> Strip:
        event = self.index.events[self.positions[row]]
        # On a narrow list long dates (periods) give way to the title.
        date_width = min(self.date_width, max(NARROW_DATE_WIDTH, width // 3))
        text = event_row(
            self.index,
            event,
            width,
            date_width,
            with_entities=width >= ENTITIES_MIN_WIDTH,
            date_style=self.get_component_rich_style("event-list--date", partial=True),
            names_style=self.get_component_rich_style("event-list--entities", partial=True),
        )
        if is_match:
            title_start = date_width + 3
            text.stylize(
                self.get_component_rich_style("event-list--match", partial=True),
                title_start,
                title_start + len(event.title),
            )
        style = base
        if is_cursor:
            style = base + self.get_component_rich_style("event-list--cursor")
        text.no_wrap = True
        text.end = ""
        segments = list(text.render(self.app.console))
        return Strip(Segment.apply_style(segments, style)).crop_extend(0, width, style)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()

    def on_focus(self, event: events.Focus) -> None:
        self._lines.clear()
        self.refresh()

    def on_blur(self, event: events.Blur) -> None:
        self._lines.clear()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._lines.clear()
        self.virtual_size = Size(event.size.width, len(self.positions))
        self.scroll_to_cursor()

    # -- input --------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = round(self.scroll_y) + offset.y
        if row < len(self.positions):
            self.focus()
            self.move_cursor(row)
            if event.chain == 2 and self.highlighted is not None:
                self.post_message(self.Chosen(self, self.highlighted))

    def _page(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor + 1)

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self.positions) - 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor - self._page())

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor + self._page())

    def action_choose(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Chosen(self, self.highlighted))

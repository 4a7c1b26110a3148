"""The event list: a virtual list that renders only the rows on screen.

Built on the Line API (a `ScrollView` with `render_line`) rather than
DataTable/OptionList, which measure every row when filled: a re-filter of
100,000 events here only swaps the positions and repaints the visible rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from timeline_viewer.query.browse import date_column_width, index_in, row_mark
from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.query.marks import NO_MARKS, Marks
from timeline_viewer.tui.labels import event_row
from timeline_viewer.tui.row_cache import RowCache
from timeline_viewer.tui.scrolling import page_size, scroll_into_view

NARROW_DATE_WIDTH = 12
# How many events, spread over the timeline, the date column's first width is guessed from.
DATE_WIDTH_SAMPLE = 2_000
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
        "event-list--mark",
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
        & > .event-list--mark { color: $text-warning; }
    }
    """

    class Highlighted(Message):
        """The highlighted event changed (None: the list is empty)."""

        def __init__(self, event_list: EventList, position: int | None) -> None:
            super().__init__()
            self.event_list = event_list
            self.position = position

        @property
        def control(self) -> EventList:
            return self.event_list

    class Chosen(Message):
        """Enter was pressed on an event."""

        def __init__(self, event_list: EventList, position: int) -> None:
            super().__init__()
            self.event_list = event_list
            self.position = position

        @property
        def control(self) -> EventList:
            return self.event_list

    def __init__(
        self,
        index: TimelineIndex,
        positions: Sequence[int] = (),
        *,
        empty_message: str = "",
        date_width: int | None = None,
        cursor: int = 0,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """The list of `positions`, the cursor on row `cursor` (the first by default).

        `date_width`: the date column's width; if not known yet, a guess from the
        first events (`set_date_width` corrects it) rather than a pass over them all.
        """
        super().__init__(id=id, classes=classes)
        self.index = index
        if date_width is None:
            events = index.events
            stride = max(len(events) // DATE_WIDTH_SAMPLE, 1)
            date_width = date_column_width(events[::stride])
        self.date_width = date_width
        self.positions = positions
        self.cursor = cursor if 0 <= cursor < len(positions) else 0
        # The rows a search matches, ascending (tested by bisection: there may be 100,000).
        self.matches: Sequence[int] = ()
        self.empty_message = empty_message
        # The entities column: those the filter matched first, the view's own left out.
        self.first_entities: AbstractSet[str] = frozenset()
        self.leave_out: str | None = None
        # The filter's words, marked in the titles: why each row matched.
        self.words: tuple[str, ...] = ()
        # The user's stars and notes, marked at the start of their rows.
        self.marks: Marks = NO_MARKS
        # The first event is shown from the start: only a move away from it is announced.
        self._announced = self.highlighted
        # Drawn rows by event, not by row: they survive a re-filter that keeps the
        # event in view, and a cursor move redraws only the two rows it changes.
        self._lines: RowCache[tuple[int, int, bool, bool, bool, int]] = RowCache(512)
        self._dates_key: tuple[int, ...] | None = None
        self._dates_width = date_width
        self._styles: dict[str, Style] = {}

    # -- attributes down ----------------------------------------------------

    def use_index(self, index: TimelineIndex, date_width: int) -> None:
        """Draw from a reloaded timeline's index (`show` then brings its rows)."""
        self.index = index
        self.date_width = date_width
        self.matches = ()
        self._lines.clear()

    def set_date_width(self, width: int) -> None:
        if width != self.date_width:
            self.date_width = width
            self._lines.clear()
            self.refresh()

    def show(self, positions: Sequence[int], cursor: int, empty_message: str = "") -> None:
        """Swap the rows shown; only the visible ones are drawn again."""
        self.positions = positions
        self.empty_message = empty_message
        self.matches = ()
        self.virtual_size = Size(self.size.width, len(positions))
        self.move_cursor(cursor, force_scroll=True)
        self.refresh()

    def order_entities(self, first: AbstractSet[str], leave_out: str | None) -> None:
        """Name the entities in `first` first in each row, and not `leave_out`."""
        if first != self.first_entities or leave_out != self.leave_out:
            self.first_entities, self.leave_out = first, leave_out
            self._lines.clear()
            self.refresh()

    def mark_words(self, words: tuple[str, ...]) -> None:
        """Mark `words` (the filter's, folded: `highlight_words`) in the titles."""
        if words != self.words:
            self.words = words
            self._lines.clear()
            self.refresh()

    def set_marks(self, marks: Marks) -> None:
        """Mark the rows of starred and noted events from now on."""
        self.marks = marks
        self._lines.clear()
        self.refresh()

    def mark_matches(self, rows: Sequence[int]) -> None:
        self.matches = rows
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
            self.refresh()
        self.scroll_to_cursor()
        if self.highlighted != self._announced:
            self._announced = self.highlighted
            self.post_message(self.Highlighted(self, self.highlighted))

    def scroll_to_cursor(self) -> None:
        scroll_into_view(self, self.cursor)

    # -- rendering ----------------------------------------------------------

    def _style(self, name: str) -> Style:
        """The widget's style ("") or a component's, computed once until styles change.

        Working a style out through the DOM costs more than drawing a row with it.
        """
        style = self._styles.get(name)
        if style is None:
            if name == "":
                style = self.rich_style
            elif name == "event-list--cursor":
                style = self._style("") + self.get_component_rich_style(name)
            elif name == "event-list--empty":
                style = self.get_component_rich_style(name)
            else:  # parts of a row, over the row's own style
                style = self.get_component_rich_style(name, partial=True)
            self._styles[name] = style
        return style

    def _restyle(self) -> None:
        self._styles.clear()
        self._lines.clear()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._style("")
        if not self.positions:
            if y == 1 and self.empty_message:
                style = base + self._style("event-list--empty")
                text = f"  {self.empty_message}"
                return Strip([Segment(text, style)]).crop_extend(0, width, base)
            return Strip.blank(width, base)
        row = round(self.scroll_y) + y
        if row >= len(self.positions):
            return Strip.blank(width, base)
        is_cursor = row == self.cursor
        matched = index_in(self.matches, row) is not None
        # The date column as wide as the widest date on screen (no wider than any).
        dates = self._dates_on_screen()
        key = (self.positions[row], width, is_cursor, self.has_focus, matched, dates)
        return self._lines.get(
            key, lambda: self._render_row(row, width, base, is_cursor, matched, dates)
        )

    def _dates_on_screen(self) -> int:
        """The widest date of the rows on screen, measured once per scroll position."""
        top = round(self.scroll_y)
        key = (top, self.size.height, id(self.positions), len(self.positions), self.date_width)
        if self._dates_key != key:
            shown = self.positions[top : top + max(self.size.height, 1)]
            events = self.index.events
            self._dates_width = min(date_column_width([events[p] for p in shown]), self.date_width)
            self._dates_key = key
        return self._dates_width

    def _render_row(
        self, row: int, width: int, base: Style, is_cursor: bool, is_match: bool, dates: int
    ) -> Strip:
        event = self.index.events[self.positions[row]]
        # On a narrow list long dates (periods) give way to the title.
        date_width = min(dates, max(NARROW_DATE_WIDTH, width // 3))
        segments = event_row(
            self.index,
            event,
            width,
            date_width,
            # No entities in the whole timeline: no empty column, the titles get its room.
            with_entities=width >= ENTITIES_MIN_WIDTH and bool(self.index.timeline.entities),
            date_style=self._style("event-list--date"),
            names_style=self._style("event-list--entities"),
            title_style=self._style("event-list--match") if is_match else None,
            first=self.first_entities,
            leave_out=self.leave_out,
            words=self.words,
            word_style=self._style("event-list--match"),
            mark=row_mark(self.marks, event.id),
            mark_style=self._style("event-list--mark"),
        )
        style = self._style("event-list--cursor") if is_cursor else base
        return Strip(Segment.apply_style(segments, style)).crop_extend(0, width, style)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._restyle()

    def on_focus(self, event: events.Focus) -> None:
        self._restyle()
        self.refresh()

    def on_blur(self, event: events.Blur) -> None:
        self._restyle()
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

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor + 1)

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self.positions) - 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor - page_size(self))

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor + page_size(self))

    def action_choose(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Chosen(self, self.highlighted))

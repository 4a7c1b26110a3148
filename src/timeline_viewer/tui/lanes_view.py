"""Entity lanes: the entities of a view side by side on one time axis.

The screen opens over a browse screen (`v`, or "Entity lanes" in the
palette) and shows that screen's view, its filter included. What is drawn
comes from `query.lanes`; this module only turns its cells into lines, keeps
the cursor and window the user moved to, and says which event the cursor is on.
`enter` returns to the list with that event highlighted.

Gathering the lanes takes a pass over the events the view shows (and, the
first time on a timeline, over all of them for their days): for a big view
it is done in a thread while the screen says "Laying out lanes…", so that
the UI never waits for it. A reload of the file gathers them again from the
new version, the cursor kept on its event.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from timeline_viewer.query import lanes
from timeline_viewer.query.browse import BrowseView
from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.query.key_guide import Hint, Place, bar_hints
from timeline_viewer.query.lanes import Cell, CursorMark, LaneCursor, LaneRow, LaneSet, Window
from timeline_viewer.runtime import eager_switching
from timeline_viewer.terminal_text import cut, gap, one_line
from timeline_viewer.tui.labels import fixed

# The widest a lane's label (its entity's name) gets, and the least.
LABEL_WIDEST = 24
LABEL_LEAST = 6
# The most lanes the most frequent entities fill, however tall the window.
MOST_LANES = 60
# Rows the screen keeps for other things than lanes: title, axis (2), status, key bar.
OTHER_ROWS = 5
# What the screen says while the lanes are gathered in a thread.
GATHERING = "Laying out lanes…"

# Which component class styles each kind of cell.
_CELL_CLASSES = {
    Cell.EMPTY: "lanes--empty",
    Cell.BAR: "lanes--bar",
    Cell.VAGUE_BAR: "lanes--vague",
    Cell.EXTENT: "lanes--extent",
    Cell.MARK: "lanes--mark",
    Cell.VAGUE_MARK: "lanes--vague",
    Cell.CLUSTER: "lanes--cluster",
}


def lane_count(height: int) -> int:
    """How many lanes of most frequent entities a window `height` rows tall shows."""
    return max(1, min(height - OTHER_ROWS, MOST_LANES))


class LanesView(Widget):
    """The lanes, one line each, under a shared axis (two lines: ticks and labels).

    It draws the cells `query.lanes` lays out, keeping the lines until what
    they show changes; the cursor's cell is reversed and its lane's label bold.
    More lanes than lines scroll so that the cursor's lane stays in view.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "lanes--label",
        "lanes--current",
        "lanes--empty",
        "lanes--bar",
        "lanes--vague",
        "lanes--extent",
        "lanes--mark",
        "lanes--cluster",
        "lanes--cursor",
        "lanes--axis",
        "lanes--note",
    }

    DEFAULT_CSS = """
    LanesView {
        height: 1fr;
        & > .lanes--label { color: $text-muted; }
        & > .lanes--current { color: $text; text-style: bold; }
        & > .lanes--bar { color: $text-primary; }
        & > .lanes--vague { color: $text-warning; }
        & > .lanes--extent { color: $foreground 40%; }
        & > .lanes--mark { color: $text-primary; text-style: bold; }
        & > .lanes--cluster { color: $text-accent; text-style: bold; }
        & > .lanes--cursor { background: $accent; color: $text; text-style: bold; }
        & > .lanes--axis { color: $text-muted; }
        & > .lanes--note { color: $text-muted; text-style: italic; }
    }
    """

    class Clicked(Message):
        """A click on a lane: its number and the column of the click among the cells."""

        def __init__(self, lane: int, column: int) -> None:
            super().__init__()
            self.lane = lane
            self.column = column

    def __init__(self, lane_set: LaneSet | None, window: Window, cursor: LaneCursor | None) -> None:
        """`lane_set` None: the lanes are still being gathered (the view says so)."""
        super().__init__(id="lanes")
        self.lane_set = lane_set
        self.window = window
        self.cursor = cursor
        self.top = 0  # the first lane on screen
        self._rows: list[LaneRow] | None = None
        self._rows_key: tuple[object, ...] = ()
        self._styles: dict[str, Style] = {}
        self._label_key: tuple[int, int] | None = None
        self._label_width = 0
        # Drawn lane lines by (lane, width, cursor column or None): a cursor move
        # draws again only the lines it leaves and comes to.
        self._lines: dict[tuple[int, int, int | None], Strip] = {}

    # -- attributes down ----------------------------------------------------------

    def show(self, lane_set: LaneSet | None, window: Window, cursor: LaneCursor | None) -> None:
        self.lane_set, self.window, self.cursor = lane_set, window, cursor
        self._keep_cursor_lane_in_view()
        self.refresh()

    @property
    def cells_width(self) -> int:
        """Columns for the cells: the width less the labels and their rule."""
        return max(self.content_region.width - self.label_width - 1, 0)

    @property
    def label_width(self) -> int:
        """Columns for the labels: the longest name's, within bounds (once per lane set)."""
        width = self.content_region.width
        key = (id(self.lane_set), width)
        if key != self._label_key:
            names = () if self.lane_set is None else self.lane_set.lanes
            longest = max((len(lane.entity.name) for lane in names), default=0)
            self._label_width = max(
                min(longest, LABEL_WIDEST, width // 4), min(LABEL_LEAST, width // 4)
            )
            self._label_key = key
        return self._label_width

    @property
    def lane_lines(self) -> int:
        """Lines for lanes: all but the axis's two."""
        return max(self.content_region.height - 2, 0)

    def _keep_cursor_lane_in_view(self) -> None:
        if self.cursor is None:
            self.top = 0
            return
        lines = max(self.lane_lines, 1)
        lane = self.cursor.lane
        if lane < self.top:
            self.top = lane
        elif lane >= self.top + lines:
            self.top = lane - lines + 1

    def on_resize(self) -> None:
        self._keep_cursor_lane_in_view()

    def rows(self) -> list[LaneRow]:
        """The lanes laid out at the current width, computed once per change."""
        width = self.cells_width
        key = (id(self.lane_set), self.window, width)
        if self.lane_set is None:
            return []
        if self._rows is None or key != self._rows_key:
            self._rows = lanes.layout(self.lane_set, self.window, width)
            self._rows_key = key
            self._lines.clear()
        return self._rows

    # -- drawing ------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        """The widget's style ("") or a component's over it, worked out once until
        styles change: through the DOM it cost more than the rest of drawing a lane."""
        style = self._styles.get(name)
        if style is None:
            style = self.rich_style
            if name:
                style += self.get_component_rich_style(name)
            self._styles[name] = style
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._lines.clear()

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        base = self._style("")
        lines = self.lane_lines
        if self.lane_set is None or not self.lane_set.lanes:
            if y == 0:
                note = GATHERING if self.lane_set is None else "No entity has events in this view"
                return Strip([Segment(cut(note, width), self._style("lanes--note"))]).crop_extend(
                    0, width, base
                )
            return Strip.blank(width, base)
        # The axis right under the last lane shown, not at the bottom of the
        # window: a few lanes and their dates then stay together.
        shown = min(len(self.lane_set.lanes) - self.top, lines)
        if y == shown:
            return self._axis_rule(width)
        if y == shown + 1:
            return self._axis_labels(width)
        if y > shown:
            return Strip.blank(width, base)
        return self._lane_line(self.top + y, width)

    def _lane_line(self, number: int, width: int) -> Strip:
        assert self.lane_set is not None  # (render_line draws lanes only once there are some)
        lane = self.lane_set.lanes[number]
        laid_out = self.rows()  # (first: a new layout drops the lines kept)
        current = self.cursor is not None and self.cursor.lane == number
        cursor_column = None
        if current and self.cursor is not None and lane.positions:
            cursor_column = self.window.column(
                lane.starts[self.cursor.at], len(laid_out[number].glyphs)
            )
        key = (number, width, cursor_column if current else -1)
        line = self._lines.get(key)
        if line is None:
            line = self._lines[key] = self._draw_lane(number, width, current, cursor_column)
        return line

    def _draw_lane(
        self, number: int, width: int, current: bool, cursor_column: int | None
    ) -> Strip:
        assert self.lane_set is not None
        lane = self.lane_set.lanes[number]
        row = self.rows()[number]
        label_width = self.label_width
        label_style = self._style("lanes--current" if current else "lanes--label")
        name = cut(lane.entity.name, label_width)
        segments = [
            Segment(name + gap(name, label_width), label_style),
            Segment("│", self._style("lanes--axis")),
        ]
        if not lane.positions:
            segments.append(
                Segment(cut(" no events in this view", len(row.glyphs)), self._style("lanes--note"))
            )
            return Strip(segments).crop_extend(0, width, self._style(""))
        column = 0
        for kind, run in groupby(zip(row.kinds, row.glyphs, strict=True), key=lambda cell: cell[0]):
            glyphs = "".join(glyph for _, glyph in run)
            style = self._style(_CELL_CLASSES[Cell(kind)])
            if cursor_column is not None and column <= cursor_column < column + len(glyphs):
                at = cursor_column - column
                if at:
                    segments.append(Segment(glyphs[:at], style))
                segments.append(Segment(glyphs[at], self._style("lanes--cursor")))
                if at + 1 < len(glyphs):
                    segments.append(Segment(glyphs[at + 1 :], style))
            else:
                segments.append(Segment(glyphs, style))
            column += len(glyphs)
        return Strip(segments).crop_extend(0, width, self._style(""))

    def _axis_rule(self, width: int) -> Strip:
        cells = self.cells_width
        ticks = lanes.axis_ticks(self.window, cells)
        rule = ["─"] * cells
        for column, _ in ticks:
            rule[column] = "┴"
        style = self._style("lanes--axis")
        line = " " * self.label_width + "└" + "".join(rule)
        return Strip([Segment(line, style)]).crop_extend(0, width, self._style(""))

    def _axis_labels(self, width: int) -> Strip:
        cells = self.cells_width
        line = [" "] * cells
        for column, text in lanes.axis_ticks(self.window, cells):
            line[column : column + len(text)] = text
        text = " " * (self.label_width + 1) + "".join(line)
        return Strip([Segment(text, self._style("lanes--axis"))]).crop_extend(
            0, width, self._style("")
        )

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        column = offset.x - self.label_width - 1
        number = self.top + offset.y
        count = 0 if self.lane_set is None else len(self.lane_set.lanes)
        if 0 <= offset.y < self.lane_lines and number < count and column >= 0:
            self.post_message(self.Clicked(number, column))


class LanesGathered(Message):
    """Lanes gathered in a thread, for the screen's request number `request`."""

    def __init__(self, request: int, lane_set: LaneSet) -> None:
        super().__init__()
        self.request = request
        self.lane_set = lane_set


class LanesScreen(Screen[int | None]):
    """The lanes of a browse view; dismissed with the event to open (its position in
    `index`, which a reload may have made another than the opener's), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,l", "along(1)", "Next event", show=False),
        Binding("left,h", "along(-1)", "Previous event", show=False),
        Binding("down,j", "across(1)", "Lane below", show=False),
        Binding("up,k", "across(-1)", "Lane above", show=False),
        Binding("home,g", "lane_end(0)", "First in lane", show=False),
        Binding("end,G", "lane_end(1)", "Last in lane", show=False),
        Binding("plus,equals_sign", "zoom(1)", "Zoom in"),
        Binding("minus,underscore", "zoom(-1)", "Zoom out"),
        Binding("L,shift+right", "pan(1)", "Later", show=False),
        Binding("H,shift+left", "pan(-1)", "Earlier", show=False),
        Binding("0", "fit", "Fit", show=False),
        Binding("enter", "open_event", "Open"),
        Binding("escape,q", "back", "Back"),
    ]

    DEFAULT_CSS = """
    LanesScreen {
        layout: vertical;
        & > #lanes-top { height: 1; background: $boost; padding: 0 1; }
        & > #lanes-top > #lanes-title { width: 1fr; }
        & > #lanes-top > #lanes-window { width: auto; color: $text-muted; }
        & > LanesView { padding: 0 1; }
        & > #lanes-status { height: 1; padding: 0 1; background: $boost; }
        & > #lanes-footer { height: 1; }
    }
    """

    def __init__(
        self, view: BrowseView, chosen: Sequence[str] = (), lanes_wanted: int = 10
    ) -> None:
        """`chosen`: the entities to give lanes (none: the `lanes_wanted` most frequent)."""
        super().__init__()
        self.view = view
        self.chosen = tuple(chosen)
        self.lanes_wanted = lanes_wanted
        # None while the lanes are gathered in a thread.
        self.lane_set: LaneSet | None = None
        self.cursor: LaneCursor | None = None
        self.window = Window.fitting(None, 80)
        self._fitted = True  # the window is the whole extent (refitted on resize)
        # Numbers each gathering: a thread's lanes for an older request are dropped.
        self._request = 0
        # What the cursor was on before lanes are gathered anew (a reload, a new height).
        self._keep: CursorMark | None = None
        if lanes.gathers_quickly(view):
            self._use(lanes.lanes_of(view, chosen=self.chosen, top=lanes_wanted))
            # (refitted to the real width once laid out; close enough for a first frame)
            self.window = Window.fitting(self.lanes_extent, 80)

    @property
    def lanes_extent(self) -> tuple[int, int] | None:
        return None if self.lane_set is None else self.lane_set.extent

    @property
    def index(self) -> TimelineIndex:
        """The timeline the lanes, and the position `dismiss` gives, are of."""
        return self.view.index

    # -- composition ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="lanes-top"):
            yield Static(self._title(), id="lanes-title")
            yield Static(id="lanes-window")
        yield LanesView(self.lane_set, self.window, self.cursor)
        yield Static(id="lanes-status")
        yield Horizontal(id="lanes-footer")

    async def on_mount(self) -> None:
        from timeline_viewer.tui.key_bar import KeyBar

        await self.query_one("#lanes-footer").mount(
            KeyBar(compact=True, show_command_palette=False)
        )
        if self.lane_set is None:
            # After the first frame: a thread started now would slow the
            # building of this screen (they share the interpreter) to twice its time.
            self.call_after_refresh(self._gather_in_thread, self.view, self._request)
        self.call_after_refresh(self._fit_to_width)

    def _title(self) -> Text:
        title = fixed("Entity lanes", "bold")
        if self.lane_set is not None:
            title.append_text(fixed(f"  {lanes.lanes_label(self.lane_set)}", "dim"))
        if self.view.entity_id is not None:
            entity = self.view.index.entity(self.view.entity_id)
            if entity is not None:
                title.append_text(fixed(" · in ", "dim"))
                title.append_text(one_line(entity.name))
        filter_text = self.view.query.text.strip()
        if filter_text:
            title.append_text(fixed(" · filter ", "dim"))
            title.append_text(one_line(filter_text, "bold"))
        return title

    @property
    def lanes_view(self) -> LanesView:
        return self.query_one(LanesView)

    # -- gathering the lanes --------------------------------------------------------

    def use_view(self, view: BrowseView) -> None:
        """Show the lanes of `view` instead (the opener's, after a reload of the file),
        the cursor kept on its event if it is still there."""
        self.view = view
        self._regather()

    def _regather(self) -> None:
        """Gather the lanes again (the view or the height changed), now if that is
        quick, else in a thread; the cursor is found again afterwards."""
        if self.lane_set is not None and self.cursor is not None:
            self._keep = lanes.cursor_mark(self.lane_set, self.cursor)
        self._request += 1
        if lanes.gathers_quickly(self.view):
            self._use(lanes.lanes_of(self.view, chosen=self.chosen, top=self.lanes_wanted))
            self._shown()
            return
        # Meanwhile the old lanes stay on screen if there are any: the new ones
        # are much like them, and a blink to "Laying out" and back would be noise.
        self._gather_in_thread(self.view, self._request)

    @work(thread=True, exclusive=True, group="lanes", name="gather lanes")
    def _gather_in_thread(self, view: BrowseView, request: int) -> None:
        # Eager switching: the UI thread gets the interpreter back within a
        # millisecond while this walks the events.
        with eager_switching():
            lane_set = lanes.lanes_of(view, chosen=self.chosen, top=self.lanes_wanted)
        self.post_message(LanesGathered(request, lane_set))

    @on(LanesGathered)
    def _gathered(self, message: LanesGathered) -> None:
        if message.request != self._request or message.lane_set.index is not self.view.index:
            return  # gathered for a view or a height replaced since
        self._use(message.lane_set)
        self._shown()

    def _use(self, lane_set: LaneSet) -> None:
        """Take gathered lanes, the cursor where it was if it can be."""
        self.lane_set = lane_set
        keep, self._keep = self._keep, None
        found = None if keep is None else lanes.find_mark(lane_set, keep)
        self.cursor = found or lane_set.first_cursor()

    def _shown(self) -> None:
        """Show lanes just taken: the title, and the whole extent unless the user zoomed."""
        self.query_one("#lanes-title", Static).update(self._title())
        if self._fitted:
            self._fit_to_width()
        else:
            self._refresh()

    def _limit(self) -> tuple[int, int] | None:
        """The widest window zooming out and panning go to: every event in view."""
        if self.lane_set is None or self.lane_set.extent is None:
            return None
        fit = Window.fitting(self.lane_set.extent, max(self.lanes_view.cells_width, 1))
        return (fit.start, fit.end)

    def _fit_to_width(self) -> None:
        """The window that shows every event at the width the lanes now have."""
        self.window = Window.fitting(self.lanes_extent, max(self.lanes_view.cells_width, 1))
        self._fitted = True
        self._refresh()

    def on_resize(self, event: events.Resize) -> None:
        if not self.chosen:
            wanted = lane_count(self.app.size.height)
            if wanted != self.lanes_wanted:
                self.lanes_wanted = wanted
                self._regather()
        if self._fitted:
            self.call_after_refresh(self._fit_to_width)
        self.refresh_bindings()

    def _refresh(self) -> None:
        self.lanes_view.show(self.lane_set, self.window, self.cursor)
        label = "" if self.lane_set is None else lanes.window_label(self.window)
        self.query_one("#lanes-window", Static).update(fixed(label))
        self._show_status()

    def _show_status(self) -> None:
        status = self.query_one("#lanes-status", Static)
        if self.lane_set is None:
            status.update(fixed(GATHERING, "dim"))
            return
        if self.cursor is None:
            status.update(fixed("No events to show", "dim"))
            return
        index = self.lane_set.index
        lane = self.lane_set.lanes[self.cursor.lane]
        event = index.events[lane.positions[self.cursor.at]]
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append_text(one_line(event.when, "bold"))
        line.append("  ")
        line.append_text(one_line(event.title))
        where = f"  ·  {self.cursor.at + 1:,} of {len(lane):,} for "
        line.append_text(fixed(where, "dim"))
        line.append_text(one_line(lane.entity.name, "dim"))
        here, together = lanes.cell_events(
            self.lane_set, self.cursor, self.window, self.lanes_view.cells_width
        )
        if together > 1:
            line.append_text(fixed(f" · {here} of {together} in this cell", "dim"))
        elif together == 0:
            line.append_text(fixed(" · off screen: move to bring it back", "dim"))
        status.update(line)

    # -- keys ---------------------------------------------------------------------

    def key_hints(self, width: int) -> list[Hint]:
        from timeline_viewer.tui.key_bar import bound_keys

        return bar_hints("lanes", bound_keys(self), width)

    def help_place(self) -> Place:
        return "lanes"

    def _at(self) -> tuple[LaneSet, LaneCursor] | None:
        """The lanes and the cursor; None while the lanes are gathered, or without events."""
        if self.lane_set is None or self.cursor is None:
            return None
        return self.lane_set, self.cursor

    def _move_to(self, cursor: LaneCursor | None) -> None:
        if cursor is None or self.lane_set is None:
            self.app.bell()
            return
        self.cursor = cursor
        day = self.lane_set.lanes[cursor.lane].starts[cursor.at]
        window = self.window.showing(day)
        if window != self.window:
            self.window, self._fitted = window, False
        self._refresh()

    def action_along(self, step: int) -> None:
        if (here := self._at()) is not None:
            self._move_to(lanes.along(*here, step))

    def action_across(self, step: int) -> None:
        if (here := self._at()) is not None:
            self._move_to(lanes.across(*here, step))

    def action_lane_end(self, last: int) -> None:
        if (here := self._at()) is not None:
            self._move_to(lanes.lane_end(*here, bool(last)))

    def _cursor_day(self) -> int:
        here = self._at()
        if here is None:
            return (self.window.start + self.window.end) // 2
        lane_set, cursor = here
        return lane_set.lanes[cursor.lane].starts[cursor.at]

    def action_zoom(self, direction: int) -> None:
        if self.lane_set is None:
            self.app.bell()  # (nothing to zoom on while the lanes are gathered)
            return
        factor = 1 / lanes.ZOOM_FACTOR if direction > 0 else lanes.ZOOM_FACTOR
        window = self.window.zoomed(factor, self._cursor_day(), self._limit())
        if window == self.window:
            self.app.bell()
            return
        self.window, self._fitted = window, False
        self._refresh()

    def action_pan(self, direction: int) -> None:
        if self.lane_set is None:
            self.app.bell()
            return
        window = self.window.panned(lanes.PAN_SHARE * direction, self._limit())
        if window == self.window:
            self.app.bell()
            return
        self.window, self._fitted = window, False
        if (here := self._at()) is not None:
            self.cursor = lanes.nearest_in_window(*here, window)
        self._refresh()

    def action_fit(self) -> None:
        self._fit_to_width()

    def action_open_event(self) -> None:
        here = self._at()
        if here is None:
            self.app.bell()
            return
        lane_set, cursor = here
        self.dismiss(lane_set.position_at(cursor))

    def action_back(self) -> None:
        self.dismiss(None)

    @on(LanesView.Clicked)
    def _clicked(self, message: LanesView.Clicked) -> None:
        if self.lane_set is None:
            return
        row = self.lanes_view.rows()[message.lane]
        cursor = lanes.clicked(self.lane_set, message.lane, row, message.column, self.window)
        if cursor is not None:
            self._move_to(cursor)

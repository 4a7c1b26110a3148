"""The time axis: where the events fall across the timeline's span, proportionally.

One density bar per column, bright for the events the view shows and faint
for the rest, so a gap such as 1985 to 2013 stays visible whatever the
filter; year labels below; the highlighted event's date above, pointing at
its column (on a short window, a marker among the labels instead).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from timeline_viewer.query.browse import TimeAxis, axis_labels, bar, labels_clear_of
from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.terminal_text import one_line

MARKER_UP = "\u25b2"  # a black up-pointing triangle
MARKER_DOWN = "\u25bc"  # and a down-pointing one
# The highlighted event's extent, drawn in empty columns of the bar line:
# a solid line for a period, a broken one where the date is loose (approximate,
# uncertain, X digits, an unknown end), and an arrow where it is still going.
EXTENT_SOLID = "\u2500"  # ─
EXTENT_LOOSE = "\u2504"  # ┄
OPEN_MARKER = "\u2192"  # →


class TimeRail(Widget):
    """A two-line proportional rail over the whole timeline's span."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "time-rail--shown",
        "time-rail--hidden",
        "time-rail--marker",
        "time-rail--label",
    }

    DEFAULT_CSS = """
    TimeRail {
        height: 3;
        padding: 0 1;
        background: $boost;
        & > .time-rail--shown { color: $text-primary; }
        & > .time-rail--hidden { color: $foreground 25%; }
        & > .time-rail--marker { color: $text-accent; text-style: bold; }
        & > .time-rail--label { color: $text-muted; }
    }
    """

    class Clicked(Message):
        """A click on the rail, as a fraction of the span (0.0 to 1.0)."""

        def __init__(self, fraction: float) -> None:
            super().__init__()
            self.fraction = fraction

    def __init__(
        self,
        index: TimelineIndex,
        *,
        axis: TimeAxis | None = None,
        ready: bool = True,
        positions: Sequence[int] = (),
        highlighted: int | None = None,
        id: str | None = None,
    ) -> None:
        """`ready` False: the axis is still being built (`set_axis` brings it)."""
        super().__init__(id=id)
        self.index = index
        self.axis = axis
        self.ready = ready
        self.positions = positions
        self.highlighted = highlighted
        self._every_by_width: dict[int, list[int]] = {}
        # The lines as drawn, kept until what they show changes: Textual asks for
        # them again on every layout pass (each keystroke in the filter).
        self._lines: list[Strip] | None = None
        self._lines_width = -1

    @property
    def span(self) -> tuple[float, float] | None:
        """The whole timeline's first and last instant (None: no events, or not known yet)."""
        return None if self.axis is None else self.axis.span

    def use_index(self, index: TimelineIndex, axis: TimeAxis | None) -> None:
        """Place a reloaded timeline's events (`show` then says which are shown)."""
        self.index = index
        self.set_axis(axis)

    def set_axis(self, axis: TimeAxis | None) -> None:
        self.axis = axis
        self.ready = True
        self._every_by_width = {}
        self._redraw()

    def _redraw(self) -> None:
        self._lines = None
        self.refresh()

    def _every(self, axis: TimeAxis, width: int) -> list[int]:
        """The density of all events, which only changes with the width."""
        if width not in self._every_by_width:
            every = axis.density(range(len(axis.fractions)), width)
            self._every_by_width = {width: every}
        return self._every_by_width[width]

    def show(self, positions: Sequence[int], highlighted: int | None) -> None:
        self.positions = positions
        self.highlighted = highlighted
        self._redraw()

    def mark(self, highlighted: int | None) -> None:
        if highlighted != self.highlighted:
            self.highlighted = highlighted
            self._redraw()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines = None

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        if self._lines is None or self._lines_width != width:
            self._lines = self._draw(width, self.rich_style)
            self._lines_width = width
        if y < len(self._lines):
            return self._lines[y]
        return Strip.blank(width, self.rich_style)

    def _strip(self, line: Text, width: int, base: Style) -> Strip:
        console = self.app.console
        line.end = ""
        # `Text.render` leaves out the text's own style: it goes under the spans'.
        style = base + console.get_style(line.style) if line.style else base
        segments = Segment.apply_style(line.render(console), style)
        return Strip(Segment.simplify(segments)).crop_extend(0, width, base)

    def _draw(self, width: int, base: Style) -> list[Strip]:
        axis = self.axis
        if not self.ready:
            return []
        if axis is None or width <= 0:
            return [
                self._strip(Text("no events to place in time", style="dim italic"), width, base)
            ]
        marker = None
        if self.highlighted is not None:
            marker = axis.column(self.highlighted, width)
        bars = self._bars(axis, width, marker, base)
        if self.content_region.height < 3:
            # Two lines only: the marker goes on the label line, the labels
            # it would touch left out.
            labels = self._labels(axis, width, marker)
            if marker is not None:
                style = self.get_component_rich_style("time-rail--marker")
                labels = labels[:marker] + Text(MARKER_UP, style) + labels[marker + 1 :]
            return [bars, self._strip(labels, width, base)]
        labels = self._labels(axis, width)
        pointer = self._pointer(width, marker)
        return [self._strip(pointer, width, base), bars, self._strip(labels, width, base)]

    def _bars(self, axis: TimeAxis, width: int, marker: int | None, base: Style) -> Strip:
        shown = axis.density(self.positions, width)
        every = self._every(axis, width)
        peak = max(every) if every else 0
        shown_style = base + self.get_component_rich_style("time-rail--shown")
        hidden_style = base + self.get_component_rich_style("time-rail--hidden")
        marker_style = base + self.get_component_rich_style("time-rail--marker")
        extent = None
        if marker is not None and self.highlighted is not None:
            event = self.index.events[self.highlighted]
            extent = axis.extent(self.highlighted, event, width)
        # A segment per cell, drawn straight into the line (no `Text` to lay out).
        cells: list[Segment] = []
        for column in range(width):
            if shown[column]:
                cell, style = bar(shown[column], peak), shown_style
            else:
                cell, style = bar(every[column], peak), hidden_style
            if column == marker:
                cell, style = (cell if cell.strip() else "│"), marker_style
            elif extent is not None and extent.first < column <= extent.last:
                if extent.ongoing and column == extent.last:
                    cell = OPEN_MARKER
                elif not cell.strip():
                    cell = EXTENT_LOOSE if extent.loose else EXTENT_SOLID
                style = marker_style
            # An empty column is plain background, so that bars never merge with spaces.
            cells.append(Segment(cell, style if cell != " " else base))
        return Strip(cells, width)

    def _labels(self, axis: TimeAxis, width: int, marker: int | None = None) -> Text:
        cells = [" "] * width
        labels = axis_labels(axis.span, width)
        if marker is not None:
            labels = labels_clear_of(labels, marker)
        for column, label in labels:
            cells[column : column + len(label)] = label
        style = self.get_component_rich_style("time-rail--label")
        return Text("".join(cells), style=style, no_wrap=True, overflow="crop")

    def _pointer(self, width: int, marker: int | None) -> Text:
        """ "▼ 7 Feb 1985" over the marked column (or "7 Feb 1985 ▼" near the right edge)."""
        line = Text(no_wrap=True, overflow="crop")
        if marker is None or self.highlighted is None:
            return line
        style = self.get_component_rich_style("time-rail--marker")
        when = one_line(self.index.events[self.highlighted].when, width=max(width - 2, 1))
        if marker + 2 + when.cell_len <= width:
            line.append(" " * marker)
            line.append(MARKER_DOWN + " ", style)
            line.append_text(when)
        else:
            start = max(marker - 1 - when.cell_len, 0)
            line.append(" " * start)
            line.append_text(when)
            line.append(" " * max(marker - start - when.cell_len, 0))
            line.append(MARKER_DOWN, style)
        return line

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        width = self.content_region.width
        if offset is None or width <= 0:
            return
        self.post_message(self.Clicked((offset.x + 0.5) / width))

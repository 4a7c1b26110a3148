"""The entities panel: entities grouped by kind, each with its number of events.

A line-API widget (like the event list) rather than Textual's `Tree`: a
`Tree` makes a node object per entity and measures every line when built,
which for 5,000 entities is a few hundred milliseconds before anything is
shown. Here the outline is a list of plain lines and only the lines on
screen are drawn. Counts need a pass over every event, so for a big
timeline they appear when the background preparation is done.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from timeline_viewer.query.browse import EntityLine, EntityOutline, facet_tally
from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.terminal_text import cut
from timeline_viewer.tui.labels import kind_label_parts
from timeline_viewer.tui.messages import OpenEntity
from timeline_viewer.tui.row_cache import RowCache
from timeline_viewer.tui.scrolling import page_size, scroll_into_view

# The panel is 32 cells wide: less its border, scrollbar and the guides of a leaf.
LABEL_WIDTH = 25
EXPANDED, FOLDED = "▼ ", "▶ "
BRANCH, LAST_BRANCH = "├ ", "└ "
MARKED = "◆ "  # in place of the branch: the entity is chosen for the lanes
_BOLD, _DIM = Style(bold=True), Style(dim=True)


class EntityTree(ScrollView, can_focus=True):
    """Kinds as branches, entities as leaves; enter on an entity opens its view."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("space", "toggle_kind", "Toggle", show=False),
        Binding("s", "toggle_sort", "Sort", show=False),
        Binding("m", "toggle_mark", "Mark for lanes", show=False),
        # The list's keys too: j and k, g and G move here as they do there.
        Binding("up,k", "cursor_up", "Cursor up", show=False),
        Binding("down,j", "cursor_down", "Cursor down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "entity-tree--cursor",
        "entity-tree--guides",
        "entity-tree--empty",
        "entity-tree--marked",
    }

    DEFAULT_CSS = """
    EntityTree {
        background: $surface;
        & > .entity-tree--guides { color: $surface-lighten-2; }
        & > .entity-tree--cursor {
            text-style: $block-cursor-blurred-text-style;
            background: $block-cursor-blurred-background;
        }
        & > .entity-tree--empty { color: $text-muted; text-style: italic; }
        & > .entity-tree--marked { color: $text-accent; text-style: bold; }
        &:focus {
            background-tint: $foreground 5%;
            & > .entity-tree--guides { color: $surface-lighten-3; }
            & > .entity-tree--cursor {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        &:light > .entity-tree--guides { color: $surface-darken-1; }
    }
    """

    def __init__(
        self,
        index: TimelineIndex,
        *,
        current: str | None = None,
        counts: bool = True,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.index = index
        self.outline = EntityOutline.of(index)
        self.counts = counts
        # None until the panel is focused, or until it shows the entity of an entity view.
        self.cursor: int | None = None
        self._current = current
        # Events per entity in the view the list shows; None: the list shows them all.
        self.in_view: Mapping[str, int] | None = None
        self.by_count = False
        # The entities chosen for the lanes (`m`), in the order they were chosen.
        self.marked: list[str] = []
        self._lines: RowCache[tuple[int, int, bool, bool]] = RowCache(256)
        self._styles: dict[str, Style] = {}

    @property
    def lines(self) -> list[EntityLine]:
        return self.outline.lines

    @property
    def cursor_line(self) -> EntityLine | None:
        lines = self.lines
        return lines[self.cursor] if self.cursor is not None and self.cursor < len(lines) else None

    def use_index(self, index: TimelineIndex, *, current: str | None = None) -> None:
        """Show a reloaded timeline's entities, with counts; kinds folded stay folded.

        The cursor stays on the entity (or kind) it was on, if it is still there.
        """
        line = self.cursor_line
        self.index = index
        self.outline = EntityOutline.of(index, self.outline.folded).ordered_by(self._order())
        self.counts = True
        self._current = current
        self._resize_virtual()
        if line is None:
            self._redraw()
            return
        found = (
            self.outline.line_of_kind(line.kind)
            if line.entity is None
            else self.outline.line_of_entity(line.entity.id)
        )
        self.move_cursor((self.cursor or 0) if found is None else found)

    def _order(self) -> Mapping[str, int] | None:
        if not self.by_count:
            return None
        return self.in_view if self.in_view is not None else self.index.entity_counts()

    def show_view_counts(self, in_view: Mapping[str, int] | None) -> None:
        """Show each entity's events in the list's view ("3/4"); None: the view is all."""
        if in_view is None and self.in_view is None:
            return
        self.in_view = in_view
        self._reorder()

    def action_toggle_sort(self) -> None:
        """s: the entities of each kind by their events in the view (most first), or by name."""
        self.by_count = not self.by_count
        self._reorder()
        self.move_cursor(0)

    def _reorder(self) -> None:
        line = self.cursor_line
        self.outline = self.outline.ordered_by(self._order())
        if line is not None and line.entity is not None:
            found = self.outline.line_of_entity(line.entity.id)
            if found is not None:
                self.cursor = found
        self._redraw()

    def show_counts(self) -> None:
        """Add each entity's number of events (once the index can count them)."""
        if not self.counts:
            self.counts = True
            self._redraw()

    def on_mount(self) -> None:
        self._resize_virtual()
        if self._current is not None:
            line = self.outline.line_of_entity(self._current)
            if line is not None:
                self.call_after_refresh(self.move_cursor, line)

    def _resize_virtual(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.lines))

    def _redraw(self) -> None:
        self._lines.clear()
        self.refresh()

    def _restyle(self) -> None:
        self._styles.clear()
        self._redraw()

    # -- drawing --------------------------------------------------------------

    def _style(self, name: str) -> Style:
        """The widget's style ("") or a component's, computed once until styles change."""
        style = self._styles.get(name)
        if style is None:
            if name == "":
                style = self.rich_style
            elif name == "entity-tree--guides":
                style = self.get_component_rich_style(name, partial=True)
            else:
                style = self.get_component_rich_style(name)
            self._styles[name] = style
        return style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._style("")
        lines = self.lines
        if not lines:
            if y == 0:
                style = base + self._style("entity-tree--empty")
                return Strip([Segment("No entities", style)]).crop_extend(0, width, base)
            return Strip.blank(width, base)
        number = round(self.scroll_y) + y
        if number >= len(lines):
            return Strip.blank(width, base)
        is_cursor = number == self.cursor
        key = (number, width, is_cursor, self.has_focus)
        line = lines[number]
        return self._lines.get(
            key, lambda: self._render_entity_line(line, number, width, base, is_cursor)
        )

    def _render_entity_line(
        self, line: EntityLine, number: int, width: int, base: Style, is_cursor: bool
    ) -> Strip:
        # Segments rather than a Rich `Text`: laying one out costs several
        # times more, and this panel is drawn at every start.
        cursor = self._style("entity-tree--cursor") if is_cursor else None
        if line.entity is None:
            title, tally = kind_label_parts(line.kind, len(self.outline.groups[line.kind]))
            guide = Segment(FOLDED if line.kind in self.outline.folded else EXPANDED)
            label = Segment(title, _BOLD + cursor)
        else:
            total = self.index.event_count(line.entity.id) if self.counts else None
            in_view = None if self.in_view is None else self.in_view.get(line.entity.id, 0)
            tally = facet_tally(in_view, total)
            name = cut(line.entity.name, max(LABEL_WIDTH - len(tally), 4))
            if line.entity.id in self.marked:
                guide = Segment(MARKED, self._style("entity-tree--marked"))
            else:
                guide = Segment(
                    LAST_BRANCH if line.last else BRANCH, self._style("entity-tree--guides")
                )
            # None of its events in view: dimmed, as a facet with no match.
            label = Segment(name, _DIM + cursor if in_view == 0 else cursor)
        segments = [guide, label, Segment(tally, _DIM + cursor)] if tally else [guide, label]
        style = base + Style(meta={"line": number})
        return Strip(Segment.apply_style(segments, style)).crop_extend(0, width, style)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._lines.clear()

    def on_focus(self, event: events.Focus) -> None:
        if self.cursor is None and self.lines:
            self.cursor = 0
        self._restyle()

    def on_blur(self, event: events.Blur) -> None:
        self._restyle()

    def on_resize(self, event: events.Resize) -> None:
        self._lines.clear()
        self._resize_virtual()

    # -- moving and choosing ------------------------------------------------------

    def move_cursor(self, line: int) -> None:
        """Put the cursor on a line (clamped) and scroll it into view."""
        count = len(self.lines)
        if not count:
            return
        self.cursor = max(0, min(line, count - 1))
        self._redraw()
        scroll_into_view(self, self.cursor)

    def move_cursor_to_entity(self, entity_id: str) -> None:
        line = self.outline.line_of_entity(entity_id)
        if line is not None:
            self.move_cursor(line)

    def _step(self, lines: int) -> None:
        self.move_cursor(lines if self.cursor is None else self.cursor + lines)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_page_up(self) -> None:
        self._step(-page_size(self))

    def action_page_down(self) -> None:
        self._step(page_size(self))

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self.lines) - 1)

    def action_toggle_mark(self) -> None:
        """m: choose the entity under the cursor for the lanes (`v`), or let it go."""
        line = self.cursor_line
        if line is None or line.entity is None:
            self.app.bell()
            return
        entity_id = line.entity.id
        if entity_id in self.marked:
            self.marked.remove(entity_id)
        else:
            self.marked.append(entity_id)
        self._redraw()
        self._step(1)

    def action_toggle_kind(self) -> None:
        """Fold or unfold the kind under the cursor (or the kind of the entity under it)."""
        line = self.cursor_line
        if line is None:
            return
        self.outline = self.outline.toggled(line.kind)
        self._resize_virtual()
        self.move_cursor(self.outline.line_of_kind(line.kind) or 0)

    def action_select_cursor(self) -> None:
        """Enter: open the entity under the cursor, or fold/unfold a kind."""
        line = self.cursor_line
        if line is None:
            return
        if line.entity is None:
            self.action_toggle_kind()
        else:
            self.post_message(OpenEntity(line.entity.id))

    def on_click(self, event: events.Click) -> None:
        number = event.style.meta.get("line")
        if not isinstance(number, int):
            return
        self.move_cursor(number)
        self.action_select_cursor()

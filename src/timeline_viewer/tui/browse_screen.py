"""The browsing screen: filter bar, entities panel, event list, detail, time rail.

The whole timeline is one `BrowseScreen`; an entity view is another one,
pushed on top with `entity_id` set, so `escape` pops back to exactly where
the user was. The screen owns a `BrowseView` (from `browse`) and passes
its results down to the widgets; every decision comes from `browse`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import msgspec
from rich.text import Text
from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Label, Static

from timeline_viewer.curate.notes import Notes, notes_path
from timeline_viewer.domain.model import Entity, media_address
from timeline_viewer.domain.problems import Problem
from timeline_viewer.query import browse
from timeline_viewer.query.browse import BrowseView, SearchResult, TimelineFacts
from timeline_viewer.query.highlight import highlight_words
from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.query.key_guide import Hint, Place, bar_hints
from timeline_viewer.query.marks import Marks
from timeline_viewer.runtime import collector_paused, eager_switching
from timeline_viewer.terminal_text import literal, one_line
from timeline_viewer.tui.entity_tree import EntityTree
from timeline_viewer.tui.event_detail import SYNC_COST, EntityCard, EventDetail, JumpList
from timeline_viewer.tui.event_list import EventList
from timeline_viewer.tui.labels import KIND_NAMES, fixed
from timeline_viewer.tui.messages import (
    ApplyView,
    ChangeNotes,
    CopyText,
    EditSource,
    OpenEntity,
    OpenMedia,
    OpenSources,
    RevealInTimeline,
    ShowEvent,
)
from timeline_viewer.tui.problems_panel import ProblemsPanel
from timeline_viewer.tui.time_rail import TimeRail

if TYPE_CHECKING:
    from timeline_viewer.query.connections import Connection
    from timeline_viewer.tui.dialogs import ExportChoice
    from timeline_viewer.tui.lanes_view import LanesScreen

# Below these sizes the side panels collapse (a toggle shows them instead of the list).
NARROW_WIDTH = 80
# Below this width the entities panel starts hidden (`p` shows it beside the list).
ENTITIES_WIDTH = 100
SHORT_HEIGHT = 24
# Seconds of quiet in the filter bar before the entities panel counts a view of
# more than FACETS_AT_ONCE events (a smaller one is counted at once).
FACETS_DELAY = 0.15
FACETS_AT_ONCE = 5_000
# Below this the screen only says it is too small.
MIN_WIDTH, MIN_HEIGHT = 40, 12

FILTER_PLACEHOLDER = 'Filter: words "a phrase" -not entity: tag: kind: year: after: before:'


class _ConnectionsFound(Message):
    """Who appears with `entity` in `index`, found in a thread."""

    def __init__(self, index: TimelineIndex, entity: Entity, found: list[Connection]) -> None:
        super().__init__()
        self.index = index
        self.entity = entity
        self.found = found


class _CompactInput(Input):
    """An input without borders, from the start.

    Compact by default and given its class up front: set by `compact=True`,
    the class would restyle the input before it is even mounted.
    """

    compact = reactive(True, toggle_class="-textual-compact")

    def __init__(self, placeholder: str, *, id: str) -> None:
        super().__init__(placeholder=placeholder, compact=True, classes="-textual-compact", id=id)


# Past this many events an export says it has started (it then takes a moment).
EXPORT_NOTICE_ABOVE = 5_000


class ExportTarget(msgspec.Struct, frozen=True):
    """Where an export goes and in what: the file, whether it may replace one, the
    timeline's own file (never written), the format, and Markdown's extras."""

    path: Path
    force: bool
    source: Path | None
    format_name: str = "markdown"
    marks: Marks | None = None
    connections: bool = False


def _export_in_thread(
    app: App[object],
    index: TimelineIndex,
    positions: Sequence[int],
    filter_text: str,
    target: ExportTarget,
) -> None:
    """In a thread: `positions` in the chosen format, written atomically; told with a notification."""
    import datetime

    from timeline_viewer.export.formats import RenderOptions, export_stamp, render
    from timeline_viewer.export.markdown import ExportNote, Extras
    from timeline_viewer.export.writing import ExportError, write_atomically

    try:
        # The collector paused: the document's hundreds of thousands of short-lived
        # pieces would otherwise set off collection after collection meanwhile.
        with eager_switching(), collector_paused():
            # In pieces where the format allows: no step holds the interpreter for
            # long (joining or encoding the whole document would, for tens of ms).
            name = None if target.source is None else target.source.name
            options = RenderOptions(
                filter_text=filter_text,
                note=ExportNote(datetime.date.today(), name),
                extras=Extras(target.marks, target.connections),
                stamp=export_stamp(target.source),
            )
            rendered = render(target.format_name, index, positions, options)
            write_atomically(target.path, rendered.text, force=target.force, source=target.source)
    except ExportError as error:
        app.notify(str(error), title="Not exported", severity="error", markup=False)
        return
    except Exception as error:  # a bug: told, and the window (with the user's view) stays
        message = f"{type(error).__name__}: {error}"
        app.notify(message, title="Not exported", severity="error", markup=False)
        return
    count = browse.plural(rendered.written, "event")
    said = "".join(f"\n{line}" for line in rendered.warnings[:3])
    more = len(rendered.warnings) - 3
    if more > 0:
        said += f"\n…and {more} more"
    app.notify(
        f"Wrote {count} to {target.path}{said}",
        title="Exported",
        severity="warning" if said else "information",
        markup=False,
    )


class BrowseScreen(Screen[None]):
    """A chronology to browse: the whole timeline, or one entity's events."""

    AUTO_FOCUS = "#events"

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: handled as soon as they arrive, so that keys typed in the same
        # burst already go to the newly focused bar (or back to the list).
        Binding("slash", "focus_filter", "Filter", priority=True),
        Binding("ctrl+f", "start_search", "Search", priority=True),
        Binding("escape", "back", "Back", priority=True),
        Binding("n", "next_match(1)", "Next match", show=False),
        Binding("N", "next_match(-1)", "Previous match", show=False),
        Binding("right_square_bracket", "entity_step(1)", "Next of entity", show=False),
        Binding("left_square_bracket", "entity_step(-1)", "Previous of entity", show=False),
        Binding("right,l", "year_step(1, 1)", "Next year", show=False),
        Binding("left,h", "year_step(-1, 1)", "Previous year", show=False),
        Binding("L", "year_step(1, 10)", "Next decade", show=False),
        Binding("H", "year_step(-1, 10)", "Previous decade", show=False),
        Binding("e", "export", "Export"),
        Binding("E", "edit", "Edit"),
        Binding("y", "copy_event", "Copy"),
        Binding("o", "open_source", "Open source"),
        Binding("M", "open_media", "Open media", show=False),
        Binding("p", "toggle_entities", "Entities", show=False),
        Binding("d", "toggle_detail", "Detail", show=False),
        Binding("c", "toggle_card", "Card", show=False),
        Binding("s", "sort_entities", "Sort entities", show=False),
        Binding("v", "lanes", "Lanes", show=False),
        Binding("asterisk", "toggle_star", "Star", show=False),
        Binding("a", "edit_note", "Note", show=False),
        Binding("S", "save_view", "Save view", show=False),
        Binding("V", "open_views", "Views", show=False),
        Binding("w", "connections", "With whom", show=False),
        # As in tig and VisiData: q leaves an entity view (quits from the timeline), Q quits.
        Binding("q", "leave", "Quit"),
        Binding("Q", "quit_asking", "Quit", show=False),
    ]

    def __init__(
        self,
        index: TimelineIndex,
        source: Path | None,
        entity_id: str | None = None,
        *,
        working_folder: Path | None = None,
        facts: TimelineFacts | None = None,
        problems: Sequence[Problem] = (),
        start_at: int | None = None,
        notes: Notes | None = None,
    ) -> None:
        """`facts` None: still being prepared; `use_facts` brings them.

        `start_at`: the event the cursor starts on, if the view lists it (the
        event the user came from, opening an entity view); else the first.

        `problems`: why the file on disk did not load (the index is the last
        version that did); `show_problems` changes them.

        `notes`: the user's stars, notes and saved views; `use_notes` changes them.
        """
        super().__init__()
        self.index = index
        self.facts = facts
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source
        self.working_folder = working_folder or Path.cwd()
        # The format the export dialog offers first: the one last used here.
        self.export_format = "markdown"
        self.entity = index.entity(entity_id) if entity_id else None
        self.notes = notes if notes is not None else Notes()
        self.view = BrowseView.of(index, entity_id, self.notes.marks)
        start_row = None if start_at is None else self.view.row_of(start_at)
        self._start_row = start_row or 0
        self.search = SearchResult()
        self._search_origin = 0
        self._following: str | None = None  # the entity [ and ] went along last
        self._step_note_at: int | None = None  # the event the top bar's step note is about
        self._facets_timer: Timer | None = None
        # None: follow the window size; True/False: the user's choice (p and d).
        self.entities_wanted: bool | None = None
        self.detail_wanted: bool | None = None
        self._resumed = False

    # -- composition --------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Every widget gets its first state here, not on mount: the first frame
        # is then complete, and mounting changes nothing that needs another.
        self._apply_layout_classes()
        facts = self.facts
        positions = self.view.positions
        first = positions[self._start_row] if positions else None
        with Horizontal(id="top-bar"):
            yield Static(self._title(), id="title")
            yield Static(id="step-note")
            yield Static(self._count_text(), id="count")
        with Horizontal(id="filter-bar"):
            yield Label(fixed("/"), id="filter-prompt")
            yield _CompactInput(FILTER_PLACEHOLDER, id="filter")
        yield Static(id="filter-error")
        with Horizontal(id="body"):
            yield EntityTree(
                self.index, current=self.view.entity_id, counts=facts is not None, id="entities"
            )
            with Vertical(id="main"):
                if self.entity is not None:
                    yield EntityCard(self.index, self.entity, id="card")
                event_list = EventList(
                    self.index,
                    positions,
                    empty_message=self.view.empty_message() or "",
                    date_width=None if facts is None else facts.date_width,
                    cursor=self._start_row,
                    id="events",
                )
                event_list.marks = self.view.marks
                yield event_list
                detail = EventDetail(
                    self.index, first, related_ready=facts is not None, id="detail"
                )
                detail.marks = self.view.marks
                detail.border_title = "Event"
                yield detail
        yield ProblemsPanel(self.problems, id="problems")
        with Horizontal(id="search-bar"):
            yield Label(fixed("Search"), id="search-prompt")
            yield _CompactInput("same words as the filter", id="search")
            yield Static(id="search-status")
        yield TimeRail(
            self.index,
            axis=None if facts is None else facts.axis,
            ready=facts is not None,
            positions=positions,
            highlighted=first,
            id="rail",
        )
        yield Static(
            fixed(f"The window is too small: make it at least {MIN_WIDTH}x{MIN_HEIGHT}."),
            id="too-small",
        )
        # The key bar comes right after the first frame (its keys depend on the
        # focus, which that frame settles): its line is kept for it meanwhile.
        yield Horizontal(id="footer-bar")

    def on_mount(self) -> None:
        self._apply_layout()
        self.events_list.order_entities(frozenset(), self.view.entity_id)
        if self.entity is not None:  # an entity view: its panel counts its own events
            self._schedule_facets()
        self.call_after_refresh(self._add_footer)

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # The first time, the widgets were styled as they were mounted, a moment
        # ago: styling every one of them again would only delay the first frame.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False
        else:  # back from a dialog, the help or an entity view: its widgets are gone
            from timeline_viewer.runtime import drop_closed_widgets_styles

            drop_closed_widgets_styles()
        super()._on_screen_resume(event)

    async def _add_footer(self) -> None:
        from timeline_viewer.tui.key_bar import KeyBar  # (the first frame goes without it)

        bar = self.query_one("#footer-bar")
        if not bar.is_attached:  # the app quit as the first frame went out
            return
        await bar.mount(KeyBar(compact=True, show_command_palette=False))
        self.refresh_bindings()  # the footer shows the keys it is told about from now on

    def use_facts(self, facts: TimelineFacts) -> None:
        """Fill in what start-up went without: counts, date column, related events, rail."""
        self.facts = facts
        self.query_one(EntityTree).show_counts()
        self.events_list.set_date_width(facts.date_width)
        self.query_one(EventDetail).enable_related()
        rail = self.query_one(TimeRail)
        rail.set_axis(facts.axis)
        rail.show(self.view.positions, self.highlighted)

    async def use_index(self, index: TimelineIndex, facts: TimelineFacts) -> None:
        """Show a reloaded timeline: same filter, search and panels, the cursor on the same event.

        An entity view's entity must still be in `index` (the app closes the view if not).
        """
        old_index, previous = self.index, self.highlighted
        self.index, self.facts = index, facts
        entity_id = self.view.entity_id
        self.entity = index.entity(entity_id) if entity_id else None
        self.view = self.view.rebased(index)
        self.query_one("#title", Static).update(self._title())
        self.query_one(EntityTree).use_index(index, current=entity_id)
        self.events_list.use_index(index, facts.date_width)
        self.query_one(TimeRail).use_index(index, facts.axis)
        if self.entity is not None:
            # A new card rather than an updated one: a thread finding the old
            # entity's companions reports to the old card, which is gone.
            await self.query_one("#card", EntityCard).remove()
            card = EntityCard(index, self.entity, id="card")
            await self.query_one("#main").mount(card, before=self.events_list)
        self._refill(browse.position_after_reload(old_index, index, previous))
        # The event under the cursor may have the same position and new content.
        self.query_one(EventDetail).use_index(index, self.highlighted)
        self.query_one(TimeRail).mark(self.highlighted)
        self._apply_layout()

    def use_notes(self, notes: Notes) -> None:
        """Show changed stars and notes; a filter on them (`starred`, `note:`) is applied again."""
        self.notes = notes
        marks = notes.marks
        previous = self.highlighted
        asks_marks = self.view.query.uses_marks
        self.view = self.view.with_marks(marks)
        self.events_list.set_marks(marks)
        self.query_one(EventDetail).set_marks(marks)
        if asks_marks:
            self._refill(previous)

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """Show why the file on disk does not load (none: it loads again)."""
        self.problems = tuple(problems)
        self.query_one(ProblemsPanel).show(self.problems)

    def _title(self) -> Text:
        if self.entity is None:
            return one_line(self.index.timeline.title, "bold")
        title = fixed("\u2039 ", "dim")  # a single left angle quote: "back"
        title.append_text(one_line(self.entity.name, "bold"))
        title.append_text(fixed(f"  {KIND_NAMES[self.entity.kind]}", "dim"))
        return title

    def place(self) -> Place:
        """Where the focus is, as the help and the key bar name it."""
        focused = self.focused
        if focused is None:
            return "list"
        if focused.id == "filter":
            return "filter"
        if focused.id == "search":
            return "search"
        for node in focused.ancestors_with_self:
            if isinstance(node, EntityTree):
                return "entities"
            if isinstance(node, EventDetail):
                return "detail"
            if isinstance(node, EntityCard):
                return "card"
        return "list"

    def key_hints(self, width: int) -> list[Hint]:
        """The keys the key bar shows, for where the focus is, within `width` cells."""
        from timeline_viewer.tui.key_bar import bound_keys

        place = self.place()
        return bar_hints(place, bound_keys(self), width, entity_view=self.entity is not None)

    # -- the view -------------------------------------------------------------

    @property
    def events_list(self) -> EventList:
        return self.query_one("#events", EventList)

    @property
    def highlighted(self) -> int | None:
        return self.events_list.highlighted

    def _refill(self, previous: int | None) -> None:
        """Show the view's positions, keeping the highlighted event when it is still there."""
        self._schedule_facets()
        self.events_list.order_entities(browse.matched_entities(self.view), self.view.entity_id)
        words = highlight_words(self.view.query)
        self.events_list.mark_words(words)
        self.query_one(EventDetail).mark_words(words)
        positions = self.view.positions
        cursor = browse.cursor_after_refill(positions, previous)
        self.events_list.show(positions, cursor, self.view.empty_message() or "")
        self.query_one(TimeRail).show(positions, self.events_list.highlighted)
        self._show_count()
        if self.search.is_active:
            self._run_search(self.search.text, jump=False)

    def _count_text(self) -> Text:
        count = fixed(self.view.count_label())
        if self.view.is_filtered and not self.view.positions:
            count = Text.assemble(fixed("No events match · ", "bold"), count)
        return count

    def _schedule_facets(self) -> None:
        """Count the view's events per entity for the panel ("3/4"), once typing pauses."""
        if self._facets_timer is not None:
            self._facets_timer.stop()
            self._facets_timer = None
        if len(self.view.positions) <= FACETS_AT_ONCE:
            self._show_facets()  # a moment's work: no waiting
            return
        self._facets_timer = self.set_timer(FACETS_DELAY, self._show_facets, name="facets")

    def _show_facets(self) -> None:
        self._facets_timer = None
        if self.is_attached:
            self.query_one(EntityTree).show_view_counts(browse.view_counts(self.view))

    def action_sort_entities(self) -> None:
        """s: the entities panel by events in view, most first (shown if it was hidden)."""
        if self._say_no_entities():
            return
        tree = self.query_one(EntityTree)
        if not self._entities_visible():
            self.action_toggle_entities()
        tree.action_toggle_sort()

    def _show_count(self) -> None:
        no_match = self.view.is_filtered and not self.view.positions
        count_widget = self.query_one("#count", Static)
        count_widget.update(self._count_text())
        count_widget.set_class(self.view.is_filtered, "-filtered")
        count_widget.set_class(no_match, "-no-match")
        error = self.query_one("#filter-error", Static)
        if self.view.error:
            error.update(Text.assemble(fixed("✗ ", "bold"), literal(self.view.error)))
        # On the line itself, not the screen: a screen's class restyles every widget.
        error.set_class(self.view.error is not None, "-shown")

    def set_filter(self, text: str) -> None:
        """Filter the list (what typing in the filter bar does)."""
        filter_input = self.query_one("#filter", Input)
        if filter_input.value != text:
            with filter_input.prevent(Input.Changed):
                filter_input.value = text
        previous = self.highlighted
        self.view = self.view.filtered(text)
        if self.view.error is None:
            self._refill(previous)
        else:
            self._show_count()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        # Keys typed faster than the list is filtered queue up one change each:
        # only the latest value is worth filtering (its own change follows).
        if event.value == event.input.value:
            self.set_filter(event.value)

    @on(Input.Submitted, "#filter")
    @on(Input.Submitted, "#search")
    def _submitted(self) -> None:
        self.set_focus(self.events_list)

    @on(EventList.Highlighted)
    def _highlighted(self, event: EventList.Highlighted) -> None:
        if event.position != self._step_note_at:
            self._show_step_note("", None)
        self.query_one(EventDetail).show(event.position)
        self.query_one(TimeRail).mark(event.position)
        if self.search.is_active:
            self._show_search_status()

    @on(EventList.Chosen)
    def _chosen(self, event: EventList.Chosen) -> None:
        """Enter on an event: its detail, with the focus on its entities (enter opens one)."""
        if not self._detail_visible():
            self.detail_wanted = True
            self._apply_layout()
        self.query_one(EventDetail).focus_entities()

    @on(OpenEntity)
    def _open_entity(self, message: OpenEntity) -> None:
        message.stop()
        self.open_entity(message.entity_id)

    @on(ShowEvent)
    def _show_event(self, message: ShowEvent) -> None:
        message.stop()
        if not self.show_event(message.position) and self.view.entity_id is not None:
            self.post_message(RevealInTimeline(message.position))

    @on(TimeRail.Clicked)
    def _rail_clicked(self, message: TimeRail.Clicked) -> None:
        rail = self.query_one(TimeRail)
        if rail.span is None:
            return
        row = browse.nearest_row_in_time(self.view, message.fraction, rail.span)
        if row is not None:
            self.events_list.move_cursor(row)
            self.set_focus(self.events_list)

    def open_entity(self, entity_id: str) -> None:
        """Push the entity view of `entity_id` (nothing if it is this view's entity)."""
        if entity_id == self.view.entity_id or self.index.entity(entity_id) is None:
            return
        screen = BrowseScreen(
            self.index,
            self.source,
            entity_id,
            working_folder=self.working_folder,
            facts=self.facts,
            problems=self.problems,
            start_at=self.highlighted,
            notes=self.notes,
        )
        self.app.push_screen(screen)

    def show_event(self, position: int) -> bool:
        """Move the cursor to an event; clear this view's filter if it hides it.

        False when this view cannot show the event at all (an entity view,
        another entity's event).
        """
        if self.view.row_of(position) is None and (self.view.is_filtered or self.view.error):
            self.set_filter("")
        row = self.view.row_of(position)
        if row is None:
            return False
        self.events_list.move_cursor(row)
        self.set_focus(self.events_list)
        return True

    # -- search without filtering -----------------------------------------------

    def action_start_search(self) -> None:
        self._search_origin = self.events_list.cursor
        self.query_one("#search-bar").add_class("-shown")
        self.set_focus(self.query_one("#search", Input))

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self._run_search(event.value, jump=True)

    def _run_search(self, text: str, *, jump: bool) -> None:
        self.search = browse.search_view(self.view, text, self.search)
        self.events_list.mark_matches(self.search.rows)
        if jump and self.search.error is None:
            row = browse.next_match(self.search.rows, self._search_origin, 1, inclusive=True)
            self.events_list.move_cursor(self._search_origin if row is None else row)
        self._show_search_status()

    def _show_search_status(self) -> None:
        status = self.query_one("#search-status", Static)
        if not self.search.is_active:
            status.update("")
            return
        label = self.search.label(self.events_list.cursor)
        status.set_class(self.search.error is not None, "-error")
        status.update(Text.assemble(literal(label), fixed("   n/N: next/previous", "dim")))

    def clear_search(self) -> None:
        search_input = self.query_one("#search", Input)
        with search_input.prevent(Input.Changed):
            search_input.value = ""
        self.search = SearchResult()
        self.events_list.mark_matches(())
        self.query_one("#search-bar").remove_class("-shown")

    def action_next_match(self, step: int) -> None:
        if not self.search.is_active:
            self.notify("No search: press ctrl+f to search", severity="warning", markup=False)
            return
        row = browse.next_match(self.search.rows, self.events_list.cursor, step)
        if row is None:
            self.app.bell()
            return
        self.events_list.move_cursor(row)

    # -- keys ---------------------------------------------------------------

    # Focus is set at once (not after a refresh, as `widget.focus()` does) so
    # that keys typed in a burst right after `/` land in the bar, not on bindings.

    def action_focus_filter(self) -> None:
        focused = self.focused
        if isinstance(focused, Input):
            # In a bar, `/` is just a character.
            focused.insert_text_at_cursor("/")
            return
        self.set_focus(self.query_one("#filter", Input))

    def action_back(self) -> None:
        """Escape: leave the bar, close a collapsed panel, clear search, filter, then pop."""
        focused = self.focused
        filter_input = self.query_one("#filter", Input)
        search_input = self.query_one("#search", Input)
        if focused is search_input and not self.search.is_active:
            self.clear_search()
            self.set_focus(self.events_list)
        elif focused in (filter_input, search_input):
            self.set_focus(self.events_list)
        elif self._compact_panel_open():
            self.entities_wanted = self.detail_wanted = None
            self._apply_layout()
            self.set_focus(self.events_list)
        elif focused is not None and focused is not self.events_list:
            self.set_focus(self.events_list)
        elif self.search.is_active:
            self.clear_search()
        elif self.view.is_filtered or self.view.error:
            self.set_filter("")
        elif self.entity is not None:
            self.dismiss()

    def action_entity_step(self, step: int) -> None:
        position = self.highlighted
        event = None if position is None else self.index.events[position]
        entity_id = browse.stepping_entity(self.view, event, self._following)
        self._following = entity_id
        if entity_id is None:
            self.app.bell()
            return
        row = browse.entity_step(self.view, self.events_list.cursor, entity_id, step)
        if row is None:
            self.app.bell()
            return
        position = self.view.positions[row]
        self._show_step_note(
            browse.entity_step_label(self.view, entity_id, position, step), position
        )
        self.events_list.move_cursor(row)

    def _show_step_note(self, text: str, position: int | None) -> None:
        """Say in the top bar whose event `]` or `[` went to, until the cursor moves on."""
        self._step_note_at = position
        note = self.query_one("#step-note", Static)
        note.update(one_line(text))
        note.set_class(bool(text), "-shown")

    def action_leave(self) -> None:
        """q: leave this entity view; on the whole timeline, quit."""
        if self.entity is not None:
            self.dismiss()
        else:
            self.app.exit()

    def action_quit_asking(self) -> None:
        """Q: quit, asking first if a filter or an entity view would be lost."""
        from timeline_viewer.tui.dialogs import ConfirmDialog

        screens = [s for s in self.app.screen_stack if isinstance(s, BrowseScreen)]
        filters = sum(1 for s in screens if s.view.is_filtered or s.view.error)
        question = browse.quit_warning(filters, len(screens) - 1)
        if question is None:
            self.app.exit()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.exit()

        self.app.push_screen(ConfirmDialog(fixed(question), yes="Quit"), answered)

    def action_lanes(self) -> None:
        """v: the view's entities side by side in time; enter there comes back to an event."""
        from timeline_viewer.tui.lanes_view import LanesScreen, lane_count

        # The entities marked in the panel (`m`), if any; else the most frequent.
        chosen = self.query_one(EntityTree).marked
        screen = LanesScreen(self.view, chosen, lane_count(self.app.size.height))
        self.app.push_screen(screen, partial(self._back_from_lanes, screen))

    def _back_from_lanes(self, screen: LanesScreen, position: int | None) -> None:
        # A reload while the lanes were open gave them the new version too; the
        # position is of the version they show, which this screen may not (yet) show.
        index = screen.index
        if position is not None and index is not self.index:
            position = browse.position_after_reload(index, self.index, position)
        if position is None or not self.show_event(position):
            return
        if not self._detail_visible():
            self.detail_wanted = True
            self._apply_layout()

    def action_toggle_card(self) -> None:
        """c: the entity view's card at full length, or back to its few lines."""
        if self.entity is None:
            self.app.bell()
            return
        self.toggle_class("-card-open")

    def action_year_step(self, step: int, years: int) -> None:
        row = browse.year_step(self.view, self.events_list.cursor, step, years)
        if row is None:
            self.app.bell()
            return
        self.events_list.move_cursor(row)

    def action_copy_event(self) -> None:
        position = self.highlighted
        if position is None:
            self.app.bell()
            return
        self.post_message(
            CopyText(browse.event_markdown(self.index, position), "The event as Markdown")
        )

    def action_edit(self) -> None:
        """Open the file in the editor at the item E is on (see `edit_line`)."""
        self.post_message(EditSource(self.edit_line()))

    def edit_line(self) -> int:
        """The file line of what the user is on: an entity in the panel or a jump
        list, the entity of the view in its card, else the highlighted event."""
        focused = self.focused
        tree = self.query_one(EntityTree)
        line = tree.cursor_line
        if focused is tree and line is not None and line.entity is not None:
            return line.entity.line
        if isinstance(focused, JumpList) and focused.highlighted is not None:
            target = focused.targets[focused.highlighted]
            if isinstance(target, int):
                return self.index.events[target].line
            entity = None if target is None else self.index.entity(target)
            if entity is not None:
                return entity.line
        on_card = focused is not None and any(
            isinstance(node, EntityCard) for node in focused.ancestors_with_self
        )
        position = self.highlighted
        if self.entity is not None and (on_card or position is None):
            return self.entity.line
        return 0 if position is None else self.index.events[position].line

    def action_open_source(self) -> None:
        """o: the event's one source with an address opened; several, or no
        browser to open them, listed in a dialog (a digit there opens that one)."""
        position = self.highlighted
        if position is None:
            self.app.bell()
            return
        event = self.index.events[position]
        links = browse.source_links(self.index, event)
        if not browse.openable(links):
            self.notify("This event has no source with a web address", markup=False)
            return
        self.post_message(OpenSources(event.title, links))

    # -- the user's own marks: stars, notes, saved views --------------------------

    def action_toggle_star(self) -> None:
        """*: star the highlighted event, or take its star away."""
        position = self.highlighted
        if position is None:
            self.app.bell()
            return
        event_id = self.index.events[position].id
        starred = not self.notes.is_starred(event_id)
        self.post_message(
            ChangeNotes(
                lambda notes: notes.with_star(event_id, starred),
                "Starred" if starred else "Star removed",
            )
        )

    def action_edit_note(self) -> None:
        """m: write, change or (left empty) remove the highlighted event's note."""
        from timeline_viewer.tui.notes_dialogs import TextDialog

        position = self.highlighted
        if position is None:
            self.app.bell()
            return
        event = self.index.events[position]
        current = self.notes.notes.get(event.id, "")
        where = "beside the timeline, not in it"
        if self.source is not None:
            sidecar = notes_path(self.source)
            shown = sidecar.name if sidecar.parent == self.source.parent else str(sidecar)
            where = f"in {shown}, not in the timeline"
        dialog = TextDialog(
            "My note on this event",
            one_line(event.title, "bold"),
            current,
            hint=f"Kept {where}. Empty: no note.",
        )

        def write(text: str | None) -> None:
            if text is None or text.strip() == current:
                return
            done = "Note saved" if text.strip() else "Note removed"
            self.post_message(ChangeNotes(lambda notes: notes.with_note(event.id, text), done))

        self.app.push_screen(dialog, write)

    def action_save_view(self) -> None:
        """v: keep the current filter (an entity view's included) under a name."""
        from timeline_viewer.tui.notes_dialogs import TextDialog

        filter_text = self.export_filter_text()
        if not filter_text:
            self.notify("Filter the list first: a view is a saved filter", markup=False)
            return
        dialog = TextDialog(
            "Save this filter as a view",
            one_line(filter_text, "bold"),
            hint="A name for it. V (or ctrl+p) opens saved views.",
        )

        def save(name: str | None) -> None:
            if name is None:
                return
            if not name.strip():
                self.notify("Not saved: a view needs a name", severity="warning", markup=False)
                return
            self.post_message(
                ChangeNotes(
                    lambda notes: notes.with_view(name, filter_text), f"View saved: {name.strip()}"
                )
            )

        self.app.push_screen(dialog, save)

    def action_open_views(self) -> None:
        """V: pick a saved view; the whole timeline is filtered with it."""
        from timeline_viewer.tui.notes_dialogs import ViewsDialog

        def chosen(name: str | None) -> None:
            # The views as they are now: some may have been renamed in the dialog.
            views = self.notes.views
            if name is not None and name in views:
                self.post_message(ApplyView(name, views[name]))

        self.app.push_screen(ViewsDialog(dict(self.notes.views)), chosen)

    def action_connections(self) -> None:
        """w: who appears with the entity at hand; enter lists the events two share."""
        from timeline_viewer.query.connections import connections

        entity = self._entity_at_hand()
        if entity is None:
            self.notify(
                "Pick an entity first: open its view, or highlight it in the entities panel",
                markup=False,
            )
            return
        if self.index.event_count(entity.id) > SYNC_COST:
            # An entity in most of a big timeline's events: counting its companions
            # takes 70 ms at 100,000, so it is done in a thread and the list opens after.
            self.run_worker(
                partial(self._find_connections, self.index, entity),
                thread=True,
                exclusive=True,
                group="connections",
                name="connections",
            )
            return
        self._show_connections(entity, connections(self.index, entity.id))

    def _find_connections(self, index: TimelineIndex, entity: Entity) -> None:
        """In a thread: who appears with `entity`, posted back to open the list."""
        from timeline_viewer.query.connections import connections

        with eager_switching():
            found = connections(index, entity.id)
        self.post_message(_ConnectionsFound(index, entity, found))

    @on(_ConnectionsFound)
    def _connections_found(self, message: _ConnectionsFound) -> None:
        if message.index is self.index:  # (else a reload came first: w again counts anew)
            self._show_connections(message.entity, message.found)

    def _show_connections(self, entity: Entity, found: list[Connection]) -> None:
        from timeline_viewer.query.connections import shared_filter
        from timeline_viewer.tui.connections_dialog import ConnectionsDialog

        def chosen(other_id: str | None) -> None:
            if other_id is None:
                return
            if self.entity is not None and entity.id == self.entity.id:
                self.set_filter(f"entity:{other_id}")  # this view holds the entity's events already
            else:
                self.set_filter(shared_filter(entity.id, other_id))
            self.set_focus(self.events_list)

        self.app.push_screen(ConnectionsDialog(entity, found), chosen)

    def _entity_at_hand(self) -> Entity | None:
        """The entity the focus is on (in the panel or a jump list), else this view's entity."""
        focused = self.focused
        tree = self.query_one(EntityTree)
        line = tree.cursor_line
        if focused is tree and line is not None and line.entity is not None:
            return line.entity
        if isinstance(focused, JumpList) and focused.highlighted is not None:
            target = focused.targets[focused.highlighted]
            if isinstance(target, str):
                return self.index.entity(target)
        return self.entity

    def action_open_media(self) -> None:
        position = self.highlighted
        if position is None:
            self.app.bell()
            return
        media = self.index.events[position].media
        if media is None:
            self.notify("This event has no media", markup=False)
            return
        # A relative path is the timeline file's neighbour, wherever the program runs.
        folder = self.source.resolve().parent if self.source is not None else None
        url = media_address(media.url, folder)
        self.post_message(OpenMedia(url))

    # -- export ---------------------------------------------------------------

    def export_filter_text(self) -> str:
        """The view as filter text: an entity view is `entity:ID` plus its filter."""
        parts = [f"entity:{self.view.entity_id}"] if self.view.entity_id else []
        if self.view.filter_text.strip() and not self.view.error:
            parts.append(self.view.filter_text.strip())
        elif self.view.is_filtered:
            parts.append(self.view.query.text.strip())
        return " ".join(parts)

    def action_export(self) -> None:
        from timeline_viewer.tui.dialogs import ExportDialog

        what = fixed(f"{self.view.count_label()}")
        if filter_text := self.export_filter_text():
            what.append_text(fixed(", filter: "))
            what.append_text(one_line(filter_text, "bold"))
        dialog = ExportDialog(what, cwd=self.working_folder, format_name=self.export_format)
        self.app.push_screen(dialog, self._export_to)

    def _export_to(self, choice: ExportChoice | None) -> None:
        from timeline_viewer.export.writing import ExportError, check_target
        from timeline_viewer.tui.dialogs import ConfirmDialog

        if choice is None:
            return
        # The next export starts from the format of this one.
        self.export_format = choice.format_name
        target = choice.path
        try:
            check_target(target, force=True, source=self.source)
        except ExportError as error:
            self.notify(str(error), title="Not exported", severity="error", markup=False)
            return
        if target.exists():
            question = Text.assemble(literal(str(target)), fixed(" already exists. Replace it?"))

            def replace(yes: bool | None) -> None:
                if yes:
                    self._write_export(choice, force=True)
                else:
                    self.notify("Export cancelled", markup=False)

            self.app.push_screen(ConfirmDialog(question), replace)
            return
        self._write_export(choice, force=False)

    def _write_export(self, choice: ExportChoice, *, force: bool) -> None:
        """Write the view in a thread: a big view takes a second or more, and the
        window goes on answering keys meanwhile. What is exported is the view (and
        the notes) as they are now, whatever the user or a reload does next."""
        count = browse.plural(len(self.view.positions), "event")
        if len(self.view.positions) > EXPORT_NOTICE_ABOVE:
            self.notify(f"Exporting {count} to {choice.path}…", markup=False)
        target = ExportTarget(
            choice.path,
            force,
            self.source,
            choice.format_name,
            marks=self.notes.marks if choice.with_notes else None,
            connections=choice.with_connections,
        )
        self.run_worker(
            partial(
                _export_in_thread,
                self.app,
                self.index,
                self.view.positions,
                self.export_filter_text(),
                target,
            ),
            thread=True,
            group="export",
            name="export",
            exit_on_error=False,
        )

    # -- layout -------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._apply_layout()
        self.refresh_bindings()  # the key bar fits its keys to the new width

    # The window's size (the screen's own is not known before its first layout).

    def _narrow(self) -> bool:
        return self.app.size.width < NARROW_WIDTH

    def _short(self) -> bool:
        return self.app.size.height < SHORT_HEIGHT

    def _entities_visible(self) -> bool:
        if not self.index.timeline.entities:
            return False  # an empty panel would only take the titles' room
        if self.entities_wanted is None:
            return self.app.size.width >= ENTITIES_WIDTH
        return self.entities_wanted

    def _detail_visible(self) -> bool:
        return not self._short() if self.detail_wanted is None else self.detail_wanted

    def _compact_panel_open(self) -> bool:
        """A side panel shown in place of the list on a small window."""
        return (self._narrow() and self.entities_wanted is True) or (
            self._short() and self.detail_wanted is True
        )

    def _apply_layout(self) -> None:
        self._apply_layout_classes()
        self.events_list.scroll_to_cursor()
        if self.focused is None and not self.has_class("-too-small"):
            # Hiding everything took the focus away; give it back to the list.
            self.call_after_refresh(self._refocus)

    def _apply_layout_classes(self) -> None:
        width, height = self.app.size
        self.set_class(width < MIN_WIDTH or height < MIN_HEIGHT, "-too-small")
        self.set_class(self._narrow(), "-narrow")
        self.set_class(self._short(), "-short")
        self.set_class(self.entity is not None, "-entity-view")
        self.set_class(not self._entities_visible(), "-no-entities")
        self.set_class(not self._detail_visible(), "-no-detail")
        self.set_class(self._narrow() and self.entities_wanted is True, "-entities-only")
        self.set_class(self._short() and self.detail_wanted is True, "-detail-only")

    def _refocus(self) -> None:
        if self.focused is None and self.events_list.display:
            self.set_focus(self.events_list)

    def _say_no_entities(self) -> bool:
        """True (and said) when the timeline has no entities to show."""
        if self.index.timeline.entities:
            return False
        self.notify("This timeline has no entities", markup=False)
        return True

    def action_toggle_entities(self) -> None:
        if self._say_no_entities():
            return
        self.entities_wanted = not self._entities_visible()
        self._apply_layout()
        if self.entities_wanted:
            self.set_focus(self.query_one(EntityTree))
        else:
            self.set_focus(self.events_list)

    def action_toggle_detail(self) -> None:
        self.detail_wanted = not self._detail_visible()
        self._apply_layout()
        if self.detail_wanted and self._short():
            self.set_focus(self.query_one(EventDetail))
        else:
            self.set_focus(self.events_list)

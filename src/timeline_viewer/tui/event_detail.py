"""The detail panel of the highlighted event, and the card at the top of an entity view.

Entities, related events and an entity's relations are option lists, so
each is a jump by keyboard (tab, arrows, enter) or by mouse.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain, islice
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from timeline_viewer.domain.dates import describe_period
from timeline_viewer.domain.model import Entity, EntityKind, Event
from timeline_viewer.query.browse import STAR_MARK, co_entities_by_kind, related_cost
from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.query.marks import NO_MARKS, Marks
from timeline_viewer.terminal_text import join, literal
from timeline_viewer.tui.labels import (
    KIND_NAMES,
    entity_option,
    event_heading,
    fixed,
    mark_words,
    related_label,
    source_line,
)
from timeline_viewer.tui.messages import OpenEntity, ShowEvent

RELATED_LIMIT = 5
# Related events and shared entities go through every event of the entities
# involved: past this many, they are found in a thread and shown when found,
# so that moving the cursor onto an event of a huge entity never waits.
SYNC_COST = 20_000


# The entities an entity shares events with, by kind, with how many.
SharedByKind = list[tuple[EntityKind, list[tuple[Entity, int]]]]

# Where an option leads: an entity id, or an event position.
Jump = str | int

# Options made at a time in a list of jumps; sources listed in the detail at most.
JUMP_PAGE = 200
SOURCES_SHOWN = 100


class JumpList(OptionList):
    """Options that each lead somewhere: to an entity view (str) or to an event (int)."""

    DEFAULT_CSS = """
    JumpList {
        height: auto;
        max-height: 12;
        border: none;
        padding: 0;
        background: transparent;
        &:focus { border: none; background-tint: $foreground 5%; }
        /* Only the focused list shows where enter would go. */
        &:blur > .option-list--option-highlighted {
            background: transparent;
            text-style: none;
        }
    }
    """

    def __init__(
        self,
        jumps: Iterable[tuple[Text, Jump]] = (),
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        # Where each option leads; None for the last one when it shows more.
        self.targets: list[Jump | None] = []
        self._rest: Iterator[tuple[Text, Jump]] = iter(())
        self._left = 0
        self.set_jumps(jumps)

    def set_jumps(self, jumps: Iterable[tuple[Text, Jump]], total: int | None = None) -> None:
        """Show `jumps` (`total` of them, if known), a page at a time.

        One event may name 50,000 entities: their options are made only as
        the reader asks for them, not all at once while the cursor moves.
        """
        self._rest, self._left = iter(jumps), total or 0
        self.targets = []
        self.clear_options()
        self._add_page()

    def _add_page(self) -> None:
        page = list(islice(self._rest, JUMP_PAGE + 1))
        more = len(page) > JUMP_PAGE
        if more:
            self._rest = chain(page[JUMP_PAGE:], self._rest)
            page = page[:JUMP_PAGE]
        on_more = False
        if self.targets and self.targets[-1] is None:
            self.targets.pop()
            on_more = self.highlighted == len(self.targets)
            self.remove_option_at_index(len(self.targets))
        first = len(self.targets)
        self._left = max(0, self._left - len(page))
        options = [Option(prompt) for prompt, _ in page]
        self.targets += [target for _, target in page]
        if more:
            left = f"{self._left:,} more" if self._left else "more"
            options.append(Option(fixed(f"… {left}: enter shows the next {JUMP_PAGE}", "dim")))
            self.targets.append(None)
        self.add_options(options)
        if on_more and page:  # the cursor goes on to the first of them
            self.highlighted = first

    def on_focus(self) -> None:
        # Arriving by tab, enter should act on the first jump at once.
        if self.highlighted is None and self.option_count:
            self.highlighted = 0

    @on(OptionList.OptionSelected)
    def _jump(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        target = self.targets[event.option_index]
        if target is None:
            self._add_page()
        elif isinstance(target, str):
            self.post_message(OpenEntity(target))
        else:
            self.post_message(ShowEvent(target))


def _when(event: Event) -> str:
    return describe_period(event.date, event.end, event.open_end)


class EventDetail(VerticalScroll):
    """Everything about one event: date with precision, summary, entities, sources, related.

    Sections without content are hidden with `display`, not a class: a class
    change restyles the widget, and every cursor move would restyle several.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"event-detail--match"}

    DEFAULT_CSS = """
    EventDetail {
        padding: 0 1;
        /* As the event list marks the filter's words. */
        & > .event-detail--match { color: $text-warning; text-style: bold underline; }
        & > .heading { color: $text-accent; text-style: bold; margin-top: 1; }
        & > #detail-title { text-style: bold; }
        & > #detail-when { color: $text-muted; }
        & > #detail-summary { margin-top: 1; }
    }
    """

    class _Related(Message):
        """Related events found in a thread, for the event at `position` of `index`."""

        def __init__(self, index: TimelineIndex, position: int, related: list[int]) -> None:
            super().__init__()
            self.index = index
            self.position = position
            self.related = related

    def __init__(
        self,
        index: TimelineIndex,
        position: int | None = None,
        *,
        related_ready: bool = True,
        id: str | None = None,
    ) -> None:
        """The detail of the event at `position`.

        `related_ready` False: the index cannot find related events yet (`enable_related`).
        """
        super().__init__(id=id)
        self.index = index
        self.related_ready = related_ready
        self.position = position
        self._title = Static(id="detail-title")
        self._when = Static(id="detail-when")
        self._summary = Static(id="detail-summary")
        self._entities = JumpList(id="detail-entities")
        self._sources = Static(id="detail-sources")
        self._media = Static(id="detail-media")
        self._related = JumpList(id="detail-related")
        self._note = Static(id="detail-note")
        self._mine = Static(id="detail-mine")
        # The user's own stars and notes (kept beside the timeline, not in it).
        self.marks: Marks = NO_MARKS
        # Each section: its heading and its body, shown or hidden together.
        self._sections: dict[str, tuple[Label, Widget]] = {
            name: (Label(fixed(heading), classes="heading", id=f"detail-{name}-heading"), body)
            for name, heading, body in (
                # The reader's own note first: it is what they came back for.
                ("mine", "My note", self._mine),
                ("media", "Media (M opens it)", self._media),
                ("entities", "Entities", self._entities),
                ("sources", "Sources", self._sources),
                ("related", "Related events", self._related),
                ("note", "Note", self._note),
            )
        }
        # Found in a thread once mounted (a huge entity's events).
        self._related_wanted: int | None = None
        # The filter's words, marked in the title and the summary.
        self.words: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        # Filled before they are mounted: the first frame shows the event, and
        # mounting changes nothing that needs another frame.
        self._fill(None if self.position is None else self.index.events[self.position])
        yield self._title
        yield self._when
        yield self._summary
        for heading, body in self._sections.values():
            yield heading
            yield body

    def on_mount(self) -> None:
        if self._related_wanted is not None:
            self._find_related_later(self._related_wanted)

    def use_index(self, index: TimelineIndex, position: int | None) -> None:
        """Show the event at `position` of a reloaded timeline's index."""
        self.index = index
        self.related_ready = True
        self.show(position)

    def set_marks(self, marks: Marks) -> None:
        """Show the user's stars and notes from now on (the event shown is redrawn)."""
        self.marks = marks
        if self.position is not None:
            self._fill(self.index.events[self.position])

    def enable_related(self) -> None:
        if not self.related_ready:
            self.related_ready = True
            if self.position is not None:
                self._fill_related(self.position)

    def show(self, position: int | None) -> None:
        """Show the event at `position` (None: nothing is highlighted)."""
        self.position = position
        event = None if position is None else self.index.events[position]
        self._fill(event)
        self.scroll_home(animate=False)

    def mark_words(self, words: tuple[str, ...]) -> None:
        """Mark `words` (the filter's, folded) in the title and summary."""
        if words != self.words:
            self.words = words
            if self.position is not None:
                self._fill(self.index.events[self.position])

    def _marked(self, text: Text) -> Text:
        if not self.words or not self.is_mounted:  # (no styles before it is mounted)
            return text
        return mark_words(
            text, self.words, self.get_component_rich_style("event-detail--match", partial=True)
        )

    def _section(self, name: str, present: bool) -> None:
        for widget in self._sections[name]:
            widget.display = present

    def _fill(self, event: Event | None) -> None:
        if event is None:
            self._title.update(fixed("No event selected", "dim italic"))
            self._when.update("")
            self._summary.update("")
            self._summary.display = False
            for name in ("media", "entities", "sources", "related", "note", "mine"):
                self._section(name, False)
            return
        assert self.position is not None
        heading = self._marked(event_heading(event))
        if self.marks.is_starred(event.id):
            heading = Text.assemble(fixed(f"{STAR_MARK} ", "not bold"), heading)
        self._title.update(heading)
        when = literal(_when(event))
        if event.display_date:
            when.append_text(fixed("  ·  written: "))
            when.append_text(literal(event.display_date))
        if event.tags:
            when.append_text(fixed("  ·  tags: "))
            when.append_text(join([literal(tag) for tag in event.tags]))
        self._when.update(when)
        self._summary.update(self._marked(literal(event.summary or "")))
        self._summary.display = bool(event.summary)

        media = event.media
        if media is not None:
            parts = [literal(text) for text in (media.caption, media.credit) if text]
            parts.append(literal(media.url, "dim"))
            self._media.update(join(parts, "\n"))
        self._section("media", media is not None)

        entities = self.index.entities_of(event)
        self._entities.set_jumps(((entity_option(e), e.id) for e in entities), len(entities))
        self._section("entities", bool(entities))

        sources = self.index.sources_of(event)
        shown = sources[:SOURCES_SHOWN]
        lines = [source_line(source, number) for number, source in enumerate(shown, 1)]
        if len(sources) > len(shown):
            lines.append(fixed(f"… and {len(sources) - len(shown):,} more sources", "dim"))
        self._sources.update(join(lines, "\n"))
        self._section("sources", bool(sources))

        self._fill_related(self.position)

        self._note.update(literal(event.note or ""))
        self._section("note", bool(event.note))
        mine = self.marks.note(event.id)
        self._mine.update(literal(mine or ""))
        self._section("mine", bool(mine))

    def _fill_related(self, position: int) -> None:
        event = self.index.events[position]
        self._related_wanted = None
        if not self.related_ready:
            self._show_related([])
        elif related_cost(self.index, event) <= SYNC_COST:
            self._show_related(self.index.related_events(position, RELATED_LIMIT))
        else:
            self._show_related([])
            if self.is_mounted:
                self._find_related_later(position)
            else:  # a worker needs a mounted widget to report to
                self._related_wanted = position

    def _find_related_later(self, position: int) -> None:
        self._related_wanted = None
        index = self.index
        self.run_worker(
            lambda: self._find_related(index, position),
            thread=True,
            exclusive=True,
            group="related",
            name="related events",
        )

    def _find_related(self, index: TimelineIndex, position: int) -> None:
        self.post_message(
            self._Related(index, position, index.related_events(position, RELATED_LIMIT))
        )

    @on(_Related)
    def _related_found(self, message: _Related) -> None:
        message.stop()
        # Else the cursor has moved on since, or the file was reloaded.
        if message.position == self.position and message.index is self.index:
            self._show_related(message.related)

    def _show_related(self, related: list[int]) -> None:
        self._related.set_jumps((related_label(self.index.events[p]), p) for p in related)
        self._section("related", bool(related))

    def focus_entities(self) -> None:
        """Put the focus on the event's entities, the first one highlighted."""
        entities = self._entities
        if entities.option_count:
            entities.highlighted = 0
            self.screen.set_focus(entities)


def _life(entity: Entity) -> str:
    if entity.born and entity.died:
        return f"  {entity.born.display()} to {entity.died.display()}"
    if entity.born:
        return f"  born {entity.born.display()}"
    if entity.died:
        return f"  died {entity.died.display()}"
    return ""


class EntityCard(VerticalScroll):
    """The entity an entity view is about: summary, aliases, relations, co-occurring entities."""

    DEFAULT_CSS = """
    EntityCard {
        height: auto;
        max-height: 45%;
        padding: 0 1;
        border-bottom: solid $primary 40%;
        & > #card-name { text-style: bold; color: $text-accent; }
        & > .heading { color: $text-muted; text-style: bold; }
        & > .empty { display: none; }
        & > #card-shared { max-height: 100; }
    }
    """

    def __init__(self, index: TimelineIndex, entity: Entity, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.index = index
        self.entity = entity
        # An entity of many events: the entities it shares most with are found in a thread.
        self._deferred = index.event_count(entity.id) > SYNC_COST

    def compose(self) -> ComposeResult:
        entity = self.entity
        name = literal(entity.name)
        name.append_text(fixed(f"  {KIND_NAMES[entity.kind]}{_life(entity)}", "not bold dim"))
        yield Static(name, id="card-name")
        if entity.aliases:
            aliases = fixed("Also known as ", "dim")
            aliases.append_text(join([literal(a, "italic") for a in entity.aliases]))
            yield Static(aliases, id="card-aliases")
        if entity.summary:
            yield Static(literal(entity.summary), id="card-summary")
        relations = [(relation, self.index.entity(relation.entity)) for relation in entity.related]
        known = [(relation, other) for relation, other in relations if other is not None]
        if known:
            yield Label(fixed("Relations"), classes="heading")
            jumps: list[tuple[Text, Jump]] = []
            for relation, other in known:
                label = join([literal(relation.relation, "dim"), entity_option(other)], "  ")
                jumps.append((label, other.id))
            yield JumpList(jumps, id="card-relations")
        shared = [] if self._deferred else co_entities_by_kind(self.index, entity.id)
        heading_classes = "heading" if shared else "heading empty"
        yield Label(
            fixed("Shares most events with"), classes=heading_classes, id="card-shared-heading"
        )
        yield JumpList(
            self._shared_jumps(shared), id="card-shared", classes="" if shared else "empty"
        )

    def on_mount(self) -> None:
        if self._deferred:
            self.run_worker(self._find_shared, thread=True, name="shared entities")

    def _find_shared(self) -> None:
        self.post_message(self._Shared(co_entities_by_kind(self.index, self.entity.id)))

    class _Shared(Message):
        def __init__(self, shared: SharedByKind) -> None:
            super().__init__()
            self.shared = shared

    @on(_Shared)
    def _shared_found(self, message: _Shared) -> None:
        message.stop()
        self.query_one("#card-shared", JumpList).set_jumps(self._shared_jumps(message.shared))
        for widget_id in ("#card-shared-heading", "#card-shared"):
            self.query_one(widget_id).set_class(not message.shared, "empty")

    @staticmethod
    def _shared_jumps(shared: SharedByKind) -> list[tuple[Text, Jump]]:
        # By kind (the kind follows each name), the ties at the end of a kind kept.
        return [
            (entity_option(other, f"{count} shared"), other.id)
            for _, members in shared
            for other, count in members
        ]

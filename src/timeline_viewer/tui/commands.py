"""The command palette (ctrl+p): events, entities and actions, reached by name.

Textual's `Matcher.highlight` parses its candidate as markup, so hits are
built here from `terminal_text` and only the match offsets come from the
fuzzy matcher; names are matched accent-insensitively ("trevino" finds Treviño).
"""

from __future__ import annotations

import asyncio
import heapq
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING, Protocol, runtime_checkable
from weakref import WeakKeyDictionary

from rich.style import Style
from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider

from timeline_viewer.domain.text import fold, holds_in_order
from timeline_viewer.terminal_text import one_line
from timeline_viewer.tui.labels import KIND_NAMES, fixed

if TYPE_CHECKING:
    from timeline_viewer.curate.notes import Notes
    from timeline_viewer.query.index import TimelineIndex

# Yield to the event loop this often while scanning a large timeline's events.
_BATCH = 256
# The most entities and events the palette lists for one query (the best ones).
ENTITY_HITS = 50
EVENT_HITS = 100
_MATCH_STYLE = Style(bold=True, underline=True)
# (name, help, action of the browse screen)
_SCREEN_ACTIONS = (
    ("Filter events", "Focus the filter bar (/)", "focus_filter"),
    ("Search events", "Find matches without filtering (ctrl+f)", "start_search"),
    (
        "Export view",
        "Write the events shown to a file: Markdown, JSON, CSV, TimelineJS... (e)",
        "export",
    ),
    ("Edit in editor", "Open the file at the highlighted item, reload after (E)", "edit"),
    ("Copy event as Markdown", "Send the highlighted event to the clipboard (y)", "copy_event"),
    ("Open event source", "Open a source's web address, or list them to copy (o)", "open_source"),
    ("Open event media", "Open the event's picture or video (M)", "open_media"),
    ("Toggle entities panel", "Show or hide the entities (p)", "toggle_entities"),
    ("Toggle detail panel", "Show or hide the event detail (d)", "toggle_detail"),
    ("Entity lanes", "The view's entities side by side on one time axis (v)", "lanes"),
    ("Star event", "Star the highlighted event, or unstar it (*)", "toggle_star"),
    ("Note on event", "Write my own note on the highlighted event (a)", "edit_note"),
    ("Save filter as view", "Keep the current filter under a name (S)", "save_view"),
    ("Saved views", "Filter with a saved view (V)", "open_views"),
    ("Who appears with", "The entities sharing events with this one (w)", "connections"),
)


@runtime_checkable
class PaletteHost(Protocol):
    """What the palette needs of the app: its timeline, and what a choice does."""

    index: TimelineIndex
    notes: Notes

    def open_view(self, name: str) -> None: ...

    def run_on_browse(self, action: str) -> None: ...
    def open_entity(self, entity_id: str) -> None: ...
    def clear_filter(self) -> None: ...
    def go_home(self) -> None: ...
    def reveal_event(self, position: int) -> None: ...
    def action_help(self) -> None: ...


def highlighted(matcher: Matcher, prefix: str, value: str) -> tuple[float, Text]:
    """The score of `value` and its label, matched characters emphasised."""
    text = one_line(value)
    plain = text.plain
    folded = fold(plain)
    score, offsets = matcher.fuzzy_search.match(fold(matcher.query), folded)
    if score and len(folded) == len(plain):
        for offset in offsets:
            text.stylize(_MATCH_STYLE, offset, offset + 1)
    return score, Text.assemble(fixed(prefix, "dim"), text)


class TimelineCommands(Provider):
    """Actions of the browse screen, then entities, then events."""

    @property
    def timeline_app(self) -> PaletteHost:
        assert isinstance(self.app, PaletteHost)
        return self.app

    def _actions(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        app = self.timeline_app
        for name, help_text, action in _SCREEN_ACTIONS:
            yield name, help_text, partial(app.run_on_browse, action)
        yield "Clear filter", "Show every event of the view again", app.clear_filter
        yield "Whole timeline", "Leave every entity view", app.go_home
        yield "Help", "Every key (?)", app.action_help
        for name, filter_text in sorted(app.notes.views.items()):
            yield f"View: {name}", f"Saved view: {filter_text}", partial(app.open_view, name)

    async def discover(self) -> Hits:
        for name, help_text, command in self._actions():
            yield DiscoveryHit(fixed(name), command, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        app = self.timeline_app
        index = app.index
        for name, help_text, command in self._actions():
            score, label = highlighted(matcher, "", name)
            if score > 0:
                yield Hit(score, label, command, text=name, help=help_text)
        # Only the best of each: the palette lists every hit it is given again
        # as more arrive, which over thousands of them takes seconds each time.
        entity_names, event_names = await _folded_names(index)
        entities = index.timeline.entities
        for score, number, which in await best_matches(matcher, entity_names, ENTITY_HITS):
            entity = entities[number]
            _, label = highlighted(matcher, "Entity  ", entity.names[which])
            count = index.event_count(entity.id)
            label.append_text(fixed(f"  {KIND_NAMES[entity.kind]}, {count} events", "dim"))
            yield Hit(score, label, partial(app.open_entity, entity.id), text=label.plain)
        for score, position, _ in await best_matches(matcher, event_names, EVENT_HITS):
            event = index.events[position]
            _, label = highlighted(matcher, "Event  ", event.title)
            label.append_text(fixed("  "))
            label.append_text(one_line(event.when, "dim"))
            yield Hit(score * 0.9, label, partial(app.reveal_event, position), text=label.plain)


# Each entity's names and each event's title, folded.
_Names = tuple[list[tuple[str, ...]], list[tuple[str, ...]]]
# Per timeline, the names the palette matches, folded once: a query then folds only itself.
_FOLDED: WeakKeyDictionary[TimelineIndex, _Names] = WeakKeyDictionary()


async def _folded_names(index: TimelineIndex) -> _Names:
    """Each entity's names and each event's title, folded (built a batch at a time)."""
    found = _FOLDED.get(index)
    if found is None:
        # The index has the entities' (few) names folded already, one per line.
        folded = index.entity_haystacks
        entities = [tuple(folded[entity.id].split("\n")) for entity in index.timeline.entities]
        events: list[tuple[str, ...]] = []
        for position, event in enumerate(index.events):
            if position % _BATCH == 0:
                await asyncio.sleep(0)
            events.append((fold(event.title),))
        found = _FOLDED[index] = (entities, events)
    return found


async def best_matches(
    matcher: Matcher, candidates: Sequence[Sequence[str]], limit: int
) -> list[tuple[float, int, int]]:
    """The `limit` best-scoring candidates, best first, earlier ones first among equals:
    (score, the candidate's number, which of its names matched). Each candidate is
    its names, folded, and scores by the best of them. The event loop gets a turn
    every few hundred candidates: a big timeline's events take a while, and the
    palette stays responsive meanwhile."""
    wanted = fold(matcher.query)
    match = matcher.fuzzy_search.match
    # Names without the query's letters in order would score 0 (lower-cased: as the matcher does).
    possible = holds_in_order(wanted.lower()) if wanted else None
    best: list[tuple[float, int, int]] = []  # a min-heap of (score, -number, which name)
    for number, names in enumerate(candidates):
        if number % _BATCH == 0:
            await asyncio.sleep(0)
        top, which = 0.0, 0
        for at, name in enumerate(names):
            if possible is not None and not possible(name):
                continue  # it would score 0
            score = match(wanted, name)[0]
            if score > top:
                top, which = score, at
        if top > 0:
            entry = (top, -number, which)
            if len(best) < limit:
                heapq.heappush(best, entry)
            elif entry > best[0]:
                heapq.heapreplace(best, entry)
    return [(score, -negated, which) for score, negated, which in sorted(best, reverse=True)]

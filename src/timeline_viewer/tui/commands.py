"""The command palette (ctrl+p): events, entities and actions, reached by name.

Textual's `Matcher.highlight` parses its candidate as markup, so hits are
built here from `terminal_text` and only the match offsets come from the
fuzzy matcher; names are matched accent-insensitively ("trevino" finds Treviño).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider

from timeline_viewer.terminal_text import one_line
from timeline_viewer.text import fold
from timeline_viewer.tui.labels import KIND_NAMES, fixed

if TYPE_CHECKING:
    from timeline_viewer.tui.app import TimelineApp

# Yield to the event loop this often while scanning a large timeline's events.
_BATCH = 256
_MATCH_STYLE = Style(bold=True, underline=True)
# (name, help, action of the browse screen)
_SCREEN_ACTIONS = (
    ("Filter events", "Focus the filter bar (/)", "focus_filter"),
    ("Search events", "Find matches without filtering (ctrl+f)", "start_search"),
    ("Export view as Markdown", "Write the events shown to a file (e)", "export"),
    ("Edit in editor", "Open the file at the highlighted item, reload after (E)", "edit"),
    ("Copy event as Markdown", "Copy the highlighted event (y)", "copy_event"),
    ("Open event source", "Open the first source's web address (o)", "open_source"),
    ("Toggle entities panel", "Show or hide the entities (p)", "toggle_entities"),
    ("Toggle detail panel", "Show or hide the event detail (d)", "toggle_detail"),
)


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
    def timeline_app(self) -> TimelineApp:
        from timeline_viewer.tui.app import TimelineApp

        assert isinstance(self.app, TimelineApp)
        return self.app

    def _actions(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        app = self.timeline_app
        for name, help_text, action in _SCREEN_ACTIONS:
            yield name, help_text, partial(app.run_on_browse, action)
        yield "Clear filter", "Show every event of the view again", app.clear_filter
        yield "Whole timeline", "Leave every entity view", app.go_home
        yield "Help", "Every key (?)", app.action_help

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
        for entity in index.timeline.entities:
            for name in entity.names:
                score, label = highlighted(matcher, "Entity  ", name)
                if score > 0:
                    count = index.event_count(entity.id)
                    label.append_text(fixed(f"  {KIND_NAMES[entity.kind]}, {count} events", "dim"))
                    yield Hit(score, label, partial(app.open_entity, entity.id), text=label.plain)
                    break
        for position, event in enumerate(index.events):
            if position % _BATCH == 0:
                await asyncio.sleep(0)
            score, label = highlighted(matcher, "Event  ", event.title)
            if score > 0:
                label.append_text(fixed("  "))
                label.append_text(one_line(event.when, "dim"))
                yield Hit(score * 0.9, label, partial(app.reveal_event, position), text=label.plain)

"""Requests that widgets post up to the browse screen, which decides what they mean."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.message import Message

from timeline_viewer.curate.notes import Notes
from timeline_viewer.query.browse import SourceLink, TimelineFacts
from timeline_viewer.query.index import TimelineIndex


class OpenEntity(Message):
    """Show the entity view of `entity_id`."""

    def __init__(self, entity_id: str) -> None:
        super().__init__()
        self.entity_id = entity_id


class ShowEvent(Message):
    """Put the cursor on the event at `position`, widening the view if it is hidden."""

    def __init__(self, position: int) -> None:
        super().__init__()
        self.position = position


class RevealInTimeline(Message):
    """Show the event at `position` in the whole timeline (an entity view cannot show it)."""

    def __init__(self, position: int) -> None:
        super().__init__()
        self.position = position


class CopyText(Message):
    """Put `text` on the clipboard (the app decides how and says so); `what`
    names it in that notice ("The event as Markdown")."""

    def __init__(self, text: str, what: str) -> None:
        super().__init__()
        self.text = text
        self.what = what


class OpenSources(Message):
    """Open one of an event's sources in the browser, or show them where none can open.

    `links`: the event's sources, numbered (`source_links`); `title`: the event's.
    """

    def __init__(self, title: str, links: Sequence[SourceLink]) -> None:
        super().__init__()
        self.title = title
        self.links = links


class OpenMedia(Message):
    """Open an event's media (its address, or a file's path) in the browser, or say where it is."""

    def __init__(self, address: str) -> None:
        super().__init__()
        self.address = address


class EditSource(Message):
    """Open the timeline file in the user's editor at `line` (1-based; 0: the top)."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line


class FactsReady(Message):
    """The background preparation has built the facts start-up went without.

    `index` is the one they were built for: a reload may have replaced it since.
    """

    def __init__(self, facts: TimelineFacts, index: TimelineIndex) -> None:
        super().__init__()
        self.facts = facts
        self.index = index


class ChangeNotes(Message):
    """Change the user's notes (stars, notes, views) and save them beside the timeline.

    `change` is applied to the notes as they are on disk; `done` is said once saved.
    """

    def __init__(self, change: Callable[[Notes], Notes], done: str) -> None:
        super().__init__()
        self.change = change
        self.done = done


class ApplyView(Message):
    """Filter the whole timeline with a saved view's filter text."""

    def __init__(self, name: str, filter_text: str) -> None:
        super().__init__()
        self.name = name
        self.filter_text = filter_text

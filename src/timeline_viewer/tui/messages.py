"""Requests that widgets post up to the browse screen, which decides what they mean."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from timeline_viewer.browse import TimelineFacts
from timeline_viewer.index import TimelineIndex


@dataclass
class OpenEntity(Message):
    """Show the entity view of `entity_id`."""

    entity_id: str


@dataclass
class ShowEvent(Message):
    """Put the cursor on the event at `position`, widening the view if it is hidden."""

    position: int


@dataclass
class RevealInTimeline(Message):
    """Show the event at `position` in the whole timeline (an entity view cannot show it)."""

    position: int


@dataclass
class CopyText(Message):
    """Put `text` on the clipboard (the app decides how)."""

    text: str


@dataclass
class OpenLink(Message):
    """Open `url` in the user's browser (the app decides how)."""

    url: str


@dataclass
class EditSource(Message):
    """Open the timeline file in the user's editor at `line` (1-based; 0: the top)."""

    line: int


@dataclass
class FactsReady(Message):
    """The background preparation has built the facts start-up went without.

    `index` is the one they were built for: a reload may have replaced it since.
    """

    facts: TimelineFacts
    index: TimelineIndex

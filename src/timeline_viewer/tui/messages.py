"""Requests that widgets post up to the browse screen, which decides what they mean."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from timeline_viewer.browse import TimelineFacts


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
class FactsReady(Message):
    """The background preparation has built the facts start-up went without."""

    facts: TimelineFacts

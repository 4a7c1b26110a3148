"""The user's own marks on events, as the filter language sees them.

Stars and notes live in a file of their own beside the timeline (see
`curate.notes`); the query layer reads no file: whoever filters hands the
marks in as this value, keyed by event id so that they survive reloads.
"""

from __future__ import annotations

from collections.abc import Mapping

import msgspec

from timeline_viewer.domain.text import fold


class Marks(msgspec.Struct, frozen=True, eq=False):
    """Starred event ids and a note per event id."""

    starred: frozenset[str] = frozenset()
    notes: Mapping[str, str] = msgspec.field(default_factory=dict)

    def is_starred(self, event_id: str) -> bool:
        return event_id in self.starred

    def note(self, event_id: str) -> str | None:
        return self.notes.get(event_id)

    def noted_containing(self, needle: str) -> frozenset[str]:
        """Ids of the events whose note holds `needle` (folded); any note if it is empty."""
        if not needle:
            return frozenset(i for i, text in self.notes.items() if text.strip())
        return frozenset(
            i for i, text in self.notes.items() if needle in " ".join(fold(text).split())
        )

    @property
    def is_empty(self) -> bool:
        return not self.starred and not self.notes


NO_MARKS = Marks()

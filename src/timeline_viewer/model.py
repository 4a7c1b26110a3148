"""The timeline as plain, frozen, typed data.

Everything here is already validated: the loader builds these values and
nothing else does. No Textual, Rich or YAML import belongs in this module.
msgspec Structs rather than dataclasses: they are compact, decode fast from
the load cache, and (gc=False) keep 100,000 events out of the collector.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from timeline_viewer.dates import PartialDate, display_period

EntityKind = Literal["person", "organization", "place", "other"]
ENTITY_KINDS: tuple[EntityKind, ...] = ("person", "organization", "place", "other")


class Source(msgspec.Struct, frozen=True, gc=False):
    id: str
    title: str
    publisher: str | None = None
    published: PartialDate | None = None
    url: str | None = None
    line: int = 0


class Relation(msgspec.Struct, frozen=True, gc=False):
    entity: str
    relation: str


class Entity(msgspec.Struct, frozen=True, gc=False):
    id: str
    name: str
    kind: EntityKind
    aliases: tuple[str, ...] = ()
    summary: str | None = None
    related: tuple[Relation, ...] = ()
    born: PartialDate | None = None
    died: PartialDate | None = None
    line: int = 0

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class Event(msgspec.Struct, frozen=True, gc=False):
    id: str
    date: PartialDate
    title: str
    end: PartialDate | None = None
    summary: str | None = None
    entities: tuple[str, ...] = ()
    place: str | None = None
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    note: str | None = None
    reported: PartialDate | None = None
    line: int = 0

    @property
    def when(self) -> str:
        """The date (or period) as shown, precision kept."""
        return display_period(self.date, self.end)

    @property
    def entity_ids(self) -> tuple[str, ...]:
        """Every entity the event involves, its place included, without repeats."""
        if self.place is None or self.place in self.entities:
            return self.entities
        return (*self.entities, self.place)


class Timeline(msgspec.Struct, frozen=True, gc=False):
    """A whole timeline; `events` are in chronological order."""

    title: str
    events: tuple[Event, ...] = ()
    entities: tuple[Entity, ...] = ()
    sources: tuple[Source, ...] = ()
    description: str | None = None


def chronological(events: list[Event]) -> tuple[Event, ...]:
    """Sort by start; a coarser date before finer dates inside it; then file order."""
    return tuple(sorted(events, key=lambda event: event.date.sort_key))

"""The timeline as plain, frozen, typed data.

Everything here is already validated: the loader builds these values and
nothing else does. No Textual, Rich or YAML import belongs in this module.
msgspec Structs rather than dataclasses: they are compact, decode fast from
the load cache, and (gc=False) keep 100,000 events out of the collector.
"""

from __future__ import annotations

from heapq import merge
from pathlib import Path
from typing import Literal

import msgspec

from timeline_viewer.domain.dates import DayKey, OpenEnd, PartialDate, display_period

# Later than any day a date can name: how far an ongoing period reaches.
FOREVER: DayKey = (10**100, 12, 31)

EntityKind = Literal["person", "organization", "place", "other"]
ENTITY_KINDS: tuple[EntityKind, ...] = ("person", "organization", "place", "other")
# Each kind as a heading over its entities (the panel, the export's index, groups).
KIND_TITLES: dict[EntityKind, str] = {
    "person": "People",
    "organization": "Organisations",
    "place": "Places",
    "other": "Other",
}


class Source(msgspec.Struct, frozen=True, gc=False):
    id: str
    title: str
    publisher: str | None = None
    published: PartialDate | None = None
    url: str | None = None
    line: int = 0


class Media(msgspec.Struct, frozen=True, gc=False):
    """A picture, video or page shown with an event (or on the title).

    `url` is a web address or a path relative to the timeline file's folder
    (`media/x.jpg`), resolved when the media is opened, so a folder of files
    moves as one.
    """

    url: str
    caption: str | None = None
    credit: str | None = None
    thumbnail: str | None = None
    alt: str | None = None


def is_web_address(url: str) -> bool:
    """An http(s) address (else a media url is a path relative to the timeline file)."""
    return url.lower().startswith(("http://", "https://"))


def media_address(url: str, folder: Path | None) -> str:
    """Where a media url points: a web address as it is, a relative path as a file URL
    in `folder` (the timeline file's), or as written when the folder is unknown."""
    if is_web_address(url) or folder is None:
        return url
    return (folder / url).resolve().as_uri()


class Background(msgspec.Struct, frozen=True, gc=False):
    """A TimelineJS slide background: an image (url, alt), a colour, or both."""

    url: str | None = None
    color: str | None = None
    alt: str | None = None


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
    media: Media | None = None
    # The date as written for readers ("13 сентября"); the date itself is `date`.
    display_date: str | None = None
    background: Background | None = None
    line: int = 0
    # A period's end written without a date (`end: ..` or `end: unknown`);
    # `end` is None then. Last, so that positional construction is unchanged.
    open_end: OpenEnd | None = None

    @property
    def when(self) -> str:
        """The date (or period) as shown, precision kept."""
        return display_period(self.date, self.end, self.open_end)

    @property
    def ongoing(self) -> bool:
        """Whether the period is still going (`end: ..`)."""
        return self.open_end is OpenEnd.ONGOING

    @property
    def last_day(self) -> DayKey:
        """The last day the event is known to cover: its end's, else its date's.

        An ongoing period's is its start's too: how far it runs depends on
        who asks (a filter: forever; the time rail: to the timeline's end).
        """
        return (self.end or self.date).last_day

    @property
    def reach(self) -> DayKey:
        """The last day the event can cover, as filters and checks see it: an
        ongoing period runs on, past every date; an unknown end says only that
        it started, so it reaches as far as its start's span."""
        return FOREVER if self.ongoing else self.last_day

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
    media: Media | None = None
    background: Background | None = None
    # What TimelineJS's title slide shows as its headline when that is not
    # `title` ("" for none): a file imported without one exports without one.
    title_headline: str | None = None


# Events sorted in one go; a longer list is sorted in runs of this many, then merged.
SORT_RUN = 8192


def _start(event: Event) -> DayKey:
    return event.date.sort_key


def chronological(events: list[Event]) -> tuple[Event, ...]:
    """Sort by start; a coarser date before finer dates inside it; then file order.

    One sort of 100,000 shuffled events compares keys in C for some 50 ms,
    holding the interpreter all along: a UI reloading the file in a thread
    could not paint meanwhile. Runs of a few thousand hold it a few ms each,
    and the merge (stable, like the sort) gives it back between events. It
    costs about 30 ms more over 100,000 events.
    """
    if len(events) <= SORT_RUN:
        return tuple(sorted(events, key=_start))
    runs = [
        sorted(events[at : at + SORT_RUN], key=_start) for at in range(0, len(events), SORT_RUN)
    ]
    return tuple(merge(*runs, key=_start))

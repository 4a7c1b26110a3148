"""Lookups and derived facts over a timeline: what the views show that is not layout.

Grouping by year, event counts, related events, co-occurring entities and the
density of events over time all live here, tested without any UI.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from timeline_viewer.domain.dates import DayKey
from timeline_viewer.domain.model import ENTITY_KINDS, Entity, EntityKind, Event, Source, Timeline
from timeline_viewer.domain.text import fold
from timeline_viewer.runtime import collector_paused

if TYPE_CHECKING:  # (built in the background, after the first paint: imported then)
    from timeline_viewer.query.word_index import WordIndex


class SearchTextStore(Protocol):
    """Somewhere the search text of a timeline can be kept between runs."""

    def get(self) -> list[str] | None: ...

    def put(self, haystacks: list[str]) -> None: ...


class TimelineIndex:
    """A timeline with its lookups, each built on first use. Events are referred to by position.

    Lookups are lazy so that a command which needs one of them (listing a
    filtered 100,000-event file, say) does not pay for all of them.
    """

    def __init__(self, timeline: Timeline, *, search_cache: SearchTextStore | None = None) -> None:
        self.timeline = timeline
        self.events = timeline.events
        self.entity_by_id: dict[str, Entity] = {e.id: e for e in timeline.entities}
        self.source_by_id: dict[str, Source] = {s.id: s for s in timeline.sources}
        self._search_cache = search_cache
        # Built on request (a UI builds it in the background), then used by queries.
        self.word_index: WordIndex | None = None

    @cached_property
    def position_by_id(self) -> dict[str, int]:
        return {e.id: i for i, e in enumerate(self.events)}

    @cached_property
    def _positions_by_entity(self) -> dict[str, tuple[int, ...]]:
        positions: defaultdict[str, list[int]] = defaultdict(list)
        for position, event in enumerate(self.events):
            for entity_id in event.entity_ids:
                positions[entity_id].append(position)
        return {key: tuple(value) for key, value in positions.items()}

    @cached_property
    def positions_by_tag(self) -> dict[str, tuple[int, ...]]:
        """Folded tag to the positions of the events carrying it."""
        positions: defaultdict[str, list[int]] = defaultdict(list)
        for position, event in enumerate(self.events):
            for tag in event.tags:
                positions[fold(tag)].append(position)
        return {key: tuple(value) for key, value in positions.items()}

    @cached_property
    def first_days(self) -> list[DayKey]:
        """Each event's first day; non-decreasing, because events are in chronological order."""
        return [event.date.first_day for event in self.events]

    @cached_property
    def period_positions(self) -> tuple[int, ...]:
        """The events that can run past their start's year: periods (with an end
        date, or still going) and dates with X years (198X runs to 1989)."""
        return tuple(
            i
            for i, event in enumerate(self.events)
            if event.end is not None or event.ongoing or event.date.last_year != event.date.year
        )

    def __len__(self) -> int:
        return len(self.events)

    def event(self, event_id: str) -> Event | None:
        position = self.position_by_id.get(event_id)
        return None if position is None else self.events[position]

    def entity(self, entity_id: str) -> Entity | None:
        return self.entity_by_id.get(entity_id)

    def entities_of(self, event: Event) -> list[Entity]:
        return [self.entity_by_id[i] for i in event.entity_ids if i in self.entity_by_id]

    def sources_of(self, event: Event) -> list[Source]:
        return [self.source_by_id[i] for i in event.sources if i in self.source_by_id]

    def positions_of(self, entity_id: str) -> tuple[int, ...]:
        """Positions of the events that involve the entity, in chronological order."""
        return self._positions_by_entity.get(entity_id, ())

    def event_count(self, entity_id: str) -> int:
        return len(self.positions_of(entity_id))

    def entities_by_kind(self) -> dict[EntityKind, list[Entity]]:
        """Entities grouped by kind (in a fixed kind order), each group by name."""
        return {kind: list(members) for kind, members in self._entities_by_kind.items()}

    @cached_property
    def _entities_by_kind(self) -> dict[EntityKind, tuple[Entity, ...]]:
        # Sorting 5,000 names takes 10 ms: once, not on every entity view.
        groups: dict[EntityKind, list[Entity]] = {kind: [] for kind in ENTITY_KINDS}
        for entity in self.timeline.entities:
            groups[entity.kind].append(entity)
        return {
            kind: tuple(sorted(members, key=lambda e: fold(e.name)))
            for kind, members in groups.items()
            if members
        }

    def related_events(self, position: int, limit: int = 5) -> list[int]:
        """Other events sharing entities with this one: most shared first, then nearest in time."""
        shared: Counter[int] = Counter()
        for entity_id in self.events[position].entity_ids:
            for other in self.positions_of(entity_id):
                if other != position:
                    shared[other] += 1
        ranked = sorted(shared, key=lambda other: (-shared[other], abs(other - position)))
        return ranked[:limit]

    def step_within_entity(self, entity_id: str, position: int, step: int) -> int | None:
        """The previous (step=-1) or next (step=1) event of the entity from a position."""
        from bisect import bisect_left, bisect_right

        positions = self.positions_of(entity_id)
        if step > 0:
            at = bisect_right(positions, position)
            return positions[at] if at < len(positions) else None
        at = bisect_left(positions, position) - 1
        return positions[at] if at >= 0 else None

    @cached_property
    def entity_haystacks(self) -> dict[str, str]:
        """Per entity, its folded name and aliases, one per line: matched once per query
        rather than once per event that involves the entity."""
        return {e.id: "\n".join(_folded(_flat(n)) for n in e.names) for e in self.timeline.entities}

    def entity_counts(self, positions: Iterable[int] | None = None) -> Counter[str]:
        """How many of the events at `positions` (all, if None) involve each entity."""
        if positions is None:
            return Counter({i: len(p) for i, p in self._positions_by_entity.items()})
        counts: Counter[str] = Counter()
        for position in positions:
            counts.update(self.events[position].entity_ids)
        return counts

    def prepare_entity_lookup(self) -> None:
        """Build the entity -> events lookup behind counts, related events and entity views."""
        self._positions_by_entity  # noqa: B018 - a cached property, built here once

    def prepare_lookups(self) -> None:
        """Build every lazy lookup now (a UI does this in a thread after its first paint)."""
        # Hundreds of thousands of tuples and lists: collections meanwhile would
        # walk them again and again, tens of milliseconds each, for nothing.
        with collector_paused():
            # What a word typed needs first (a scan), then the rest.
            self.haystacks  # noqa: B018
            self.entity_haystacks  # noqa: B018
            self.involved  # noqa: B018
            self.prepare_entity_lookup()

    def prepare_word_index(self, pause: Callable[[], None] | None = None) -> WordIndex:
        """Index the search text by word: worth it for many queries (a UI), not for one.

        `pause` is called between steps of a few milliseconds (see `WordIndex`).
        """
        if self.word_index is None:
            from timeline_viewer.query.word_index import WordIndex

            names = self.entity_haystacks
            shared = ((names[i], self.positions_of(i)) for i in names)
            with collector_paused():
                self.word_index = WordIndex(self.haystacks, shared, pause)
        return self.word_index

    @cached_property
    def haystacks(self) -> list[str]:
        """Per event, the folded text of its own fields (title, summary, tags) that words are
        matched against; its entities' names are in `entity_haystacks`."""
        if self._search_cache is not None:
            cached = self._search_cache.get()
            if cached is not None and len(cached) == len(self.events):
                return cached
        haystacks = self._build_haystacks()
        if self._search_cache is not None:
            self._search_cache.put(haystacks)
        return haystacks

    def _build_haystacks(self) -> list[str]:
        # One line per field, its whitespace runs made one space as in a parsed
        # phrase: "taken in guadalajara" finds a summary that wraps between
        # "in" and "Guadalajara", and no phrase straddles two fields.
        return [
            _folded(
                "\n".join(
                    (_flat(event.title), _flat(event.summary) if event.summary else "", *event.tags)
                )
            )
            for event in self.events
        ]

    def entities_named(self, needle: str) -> frozenset[str]:
        """Ids of the entities whose folded name or alias contains `needle`."""
        return frozenset(i for i, names in self.entity_haystacks.items() if needle in names)

    @cached_property
    def involved(self) -> list[tuple[str, ...]]:
        """Per event, the ids of the entities it involves (its place included)."""
        return [event.entity_ids for event in self.events]


_SPACES = re.compile(" {2,}")


def _flat(text: str) -> str:
    """Whitespace runs as one space (only non-printables and double spaces need it)."""
    return " ".join(text.split()) if "  " in text or not text.isprintable() else text


def _folded(text: str) -> str:
    # Folding turns a spacing accent (U+00B4, U+00A8) into a space: collapse again.
    folded = fold(text)
    return _SPACES.sub(" ", folded) if "  " in folded else folded


def group_by_year(events: Iterable[Event]) -> list[tuple[int, list[Event]]]:
    """Consecutive events grouped by start year, in the order given."""
    groups: list[tuple[int, list[Event]]] = []
    for event in events:
        if groups and groups[-1][0] == event.date.year:
            groups[-1][1].append(event)
        else:
            groups.append((event.date.year, [event]))
    return groups


def _day_number(day: DayKey) -> float:
    year, month, dom = day
    return year + (month - 1) / 12 + (dom - 1) / 372


def time_span(events: Sequence[Event]) -> tuple[float, float] | None:
    """The first and last instant of the events, as fractional years."""
    if not events:
        return None
    start = min(_day_number(e.date.first_day) for e in events)
    # An ongoing period does not stretch the span: it runs to the span's end.
    end = max(_day_number(e.last_day) for e in events)
    return start, end


def fraction_in_span(event: Event, span: tuple[float, float]) -> float:
    """Where an event starts within a span, from 0.0 to 1.0."""
    start, end = span
    if end <= start:
        return 0.0
    return min(1.0, max(0.0, (_day_number(event.date.first_day) - start) / (end - start)))


def density(events: Sequence[Event], span: tuple[float, float], buckets: int) -> list[int]:
    """How many events start in each of `buckets` equal slices of the span."""
    counts = [0] * max(buckets, 0)
    if buckets <= 0:
        return counts
    for event in events:
        slot = int(fraction_in_span(event, span) * buckets)
        counts[min(slot, buckets - 1)] += 1
    return counts

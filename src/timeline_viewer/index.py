"""Lookups and derived facts over a timeline: what the views show that is not layout.

Grouping by year, event counts, related events, co-occurring entities and the
density of events over time all live here, tested without any UI.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import cached_property

from timeline_viewer.dates import DayKey
from timeline_viewer.model import ENTITY_KINDS, Entity, EntityKind, Event, Source, Timeline
from timeline_viewer.text import fold


class TimelineIndex:
    """A timeline with its lookups built once. Events are referred to by position."""

    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self.events = timeline.events
        self.entity_by_id: dict[str, Entity] = {e.id: e for e in timeline.entities}
        self.source_by_id: dict[str, Source] = {s.id: s for s in timeline.sources}
        self.position_by_id: dict[str, int] = {e.id: i for i, e in enumerate(self.events)}
        positions: defaultdict[str, list[int]] = defaultdict(list)
        for position, event in enumerate(self.events):
            for entity_id in event.entity_ids:
                positions[entity_id].append(position)
        self._positions_by_entity = {key: tuple(value) for key, value in positions.items()}

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
        groups: dict[EntityKind, list[Entity]] = {kind: [] for kind in ENTITY_KINDS}
        for entity in self.timeline.entities:
            groups[entity.kind].append(entity)
        return {
            kind: sorted(members, key=lambda e: fold(e.name))
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

    def co_entities(self, entity_id: str, limit: int = 5) -> list[tuple[Entity, int]]:
        """The entities that share most events with this one, with how many."""
        shared: Counter[str] = Counter()
        for position in self.positions_of(entity_id):
            shared.update(i for i in self.events[position].entity_ids if i != entity_id)
        ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))
        return [(self.entity_by_id[i], n) for i, n in ranked if i in self.entity_by_id][:limit]

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
    def haystacks(self) -> list[str]:
        """Per event, the folded text that words are matched against."""
        names = {e.id: "\n".join(e.names) for e in self.timeline.entities}
        return [
            fold(
                "\n".join(
                    (
                        event.title,
                        event.summary or "",
                        "\n".join(event.tags),
                        *(names.get(i, "") for i in event.entity_ids),
                    )
                )
            )
            for event in self.events
        ]


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
    end = max(_day_number((e.end or e.date).last_day) for e in events)
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

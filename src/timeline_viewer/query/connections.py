"""Who appears with whom: the entities that share events, ranked by how many.

One ranking serves the entity view's "shares most events with" card, the
connections list of the TUI, `timeline connections` and the Markdown
export's table, so that all of them agree on who comes first.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import msgspec

from timeline_viewer.domain.model import Entity
from timeline_viewer.query.index import TimelineIndex


class Connection(msgspec.Struct, frozen=True):
    """An entity sharing `shared` events with the one asked about."""

    entity: Entity
    shared: int


def shared_counts(
    index: TimelineIndex, entity_id: str, within: Collection[int] | None = None
) -> dict[str, int]:
    """How many events each other entity shares with `entity_id` (among `within` only, if given).

    Goes through the entity's own events only: cheap for most entities even in
    a 100,000-event timeline.
    """
    counts: dict[str, int] = {}
    events = index.events
    for position in index.positions_of(entity_id):
        if within is not None and position not in within:
            continue
        for other_id in events[position].entity_ids:
            if other_id != entity_id:
                counts[other_id] = counts.get(other_id, 0) + 1
    return counts


def connections(
    index: TimelineIndex, entity_id: str, within: Collection[int] | None = None
) -> list[Connection]:
    """Every entity sharing events with `entity_id`: most shared first, then by name, then id.

    Entities the events name but the file does not define are left out.
    """
    found = [
        Connection(other, count)
        for other_id, count in shared_counts(index, entity_id, within).items()
        if (other := index.entity(other_id)) is not None
    ]
    found.sort(key=lambda c: (-c.shared, c.entity.name, c.entity.id))
    return found


def shared_positions(index: TimelineIndex, entity_id: str, other_id: str) -> list[int]:
    """The events involving both entities, chronological."""
    mine, theirs = index.positions_of(entity_id), index.positions_of(other_id)
    if len(theirs) < len(mine):
        mine, theirs = theirs, mine
    others = frozenset(theirs)
    return [p for p in mine if p in others]


def shared_filter(entity_id: str, other_id: str) -> str:
    """The filter that lists the events two entities share."""
    return f"entity:{entity_id} entity:{other_id}"


class ConnectionRow(msgspec.Struct, frozen=True):
    """One line of a "who appears with whom" table: an entity, its events, its companions."""

    entity: Entity
    events: int
    top: list[Connection]
    more: int  # companions beyond `top`


def appears_with(
    index: TimelineIndex, positions: Sequence[int], *, rows: int = 25, per_row: int = 5
) -> list[ConnectionRow]:
    """For the entities of most events among `positions` (up to `rows`), who they appear with.

    Counted among those events only. Entities sharing no event are left out.
    Linear in the events' entity references: no pair of entities is counted
    for an event unless one of them is in the table.
    """
    events = index.events
    counts: dict[str, int] = {}
    for position in positions:
        for entity_id in events[position].entity_ids:
            counts[entity_id] = counts.get(entity_id, 0) + 1
    ranked = sorted(
        (entity for entity_id in counts if (entity := index.entity(entity_id)) is not None),
        key=lambda e: (-counts[e.id], e.name, e.id),
    )
    within = positions if isinstance(positions, range) else frozenset(positions)
    table: list[ConnectionRow] = []
    for entity in ranked:
        if len(table) >= rows:
            break
        found = connections(index, entity.id, within)
        if found:
            table.append(
                ConnectionRow(
                    entity, counts[entity.id], found[:per_row], max(0, len(found) - per_row)
                )
            )
    return table

"""The timeline as JSON-ready records: a stable shape for scripts.

Dates are EDTF text ("1985", "1985-02-07", "1985~", "198X") plus their
display form; `end` is written as in the file (a date, ".." for a period
still going, "unknown" for one that ended when is not known);
ids link events to entities and sources exactly as in the YAML. `media` and
`background` are objects with every field (null where not set), or null.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import msgspec

from timeline_viewer.domain.dates import PartialDate, end_text
from timeline_viewer.domain.model import Background, Entity, Event, Media, Source
from timeline_viewer.query.index import TimelineIndex

FORMAT_VERSION = 1


def _date(value: PartialDate | None) -> str | None:
    return None if value is None else value.edtf()


def _object(value: Media | Background | None) -> dict[str, Any] | None:
    # Every field, set or not: a script reads `media["credit"]` without asking first.
    return None if value is None else msgspec.structs.asdict(value)


def event_record(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "date": _date(event.date),
        "end": end_text(event.end, event.open_end),
        "when": event.when,
        "precision": event.date.precision.value,
        "title": event.title,
        "summary": event.summary,
        "entities": list(event.entities),
        "place": event.place,
        "tags": list(event.tags),
        "sources": list(event.sources),
        "note": event.note,
        "reported": _date(event.reported),
        "display_date": event.display_date,
        "media": _object(event.media),
        "background": _object(event.background),
    }


def entity_record(entity: Entity, event_count: int) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.name,
        "kind": entity.kind,
        "aliases": list(entity.aliases),
        "summary": entity.summary,
        "related": [{"entity": r.entity, "relation": r.relation} for r in entity.related],
        "born": _date(entity.born),
        "died": _date(entity.died),
        "events": event_count,
    }


def source_record(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "published": _date(source.published),
        "url": source.url,
    }


def export_json(
    index: TimelineIndex, positions: Sequence[int] | None = None, *, filter_text: str = ""
) -> str:
    """The selected events with the entities and sources they use, as indented JSON."""
    chosen = [index.events[p] for p in (range(len(index)) if positions is None else positions)]
    entity_ids = {i for event in chosen for i in event.entity_ids}
    source_ids = {i for event in chosen for i in event.sources}
    document = {
        "format": "timeline-viewer",
        "version": FORMAT_VERSION,
        "title": index.timeline.title,
        "description": index.timeline.description,
        "media": _object(index.timeline.media),
        "background": _object(index.timeline.background),
        "filter": filter_text or None,
        "total_events": len(index),
        "events": [event_record(e) for e in chosen],
        "entities": [
            entity_record(e, index.event_count(e.id))
            for e in index.timeline.entities
            if e.id in entity_ids
        ],
        "sources": [source_record(s) for s in index.timeline.sources if s.id in source_ids],
    }
    return msgspec.json.format(msgspec.json.encode(document), indent=2).decode() + "\n"

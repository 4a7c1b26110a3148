"""The selected events as FollowTheMoney entities, one JSON object a line.

FollowTheMoney is the data model of OCCRP Aleph and the tools around it;
this is the form its command-line tools and Aleph import (`ftm`,
`alephclient write-entities`): `{"id", "schema", "properties"}` with every
property a list of strings.

What becomes what:

- a person is a `Person` (born and died as `birthDate` and `deathDate`);
- an organization is an `Organization` (born and died as
  `incorporationDate` and `dissolutionDate`);
- a place is an `Address` with its name as the full address;
- any other entity is a `LegalEntity`, the schema FollowTheMoney keeps for
  parties whose kind the data does not say;
- a relation between two exported entities is an `UnknownLink` with the
  relation as its `role` ("co-founder");
- an event is an `Event`: title as `name`, summary as `description`, its
  date as `date` (or `startDate` and `endDate` for a period), its people
  and organizations as `involved`, its places as `addressEntity` and
  `location`, tags as `keywords`, source URLs as `sourceUrl` and source
  publishers as `publisher`.

Only the entities the selected events use are written, entities first, so
that a reader meets every entity before a reference to it. FollowTheMoney
dates are partial like ours ("1985", "1985-02", "1985-02-07"); what they
cannot hold is said in `notes` instead: an approximate or uncertain mark,
and a year outside 1 to 9999 (the date is then left out).

Ids are the timeline's ids behind a fixed prefix and the item's kind
(`timeline-event-camarena-kidnapped`), so a second import of a newer
export updates the same entities. An id FollowTheMoney would refuse (other
characters than letters, digits, dots and dashes; over 200 characters) is
replaced by a hash of it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence

import msgspec

from timeline_viewer.domain.dates import PartialDate, Unspecified
from timeline_viewer.domain.model import Entity, Event
from timeline_viewer.query.index import TimelineIndex

ID_PREFIX = "timeline"
SCHEMA_OF_KIND = {
    "person": "Person",
    "organization": "Organization",
    "place": "Address",
    "other": "LegalEntity",
}
# FollowTheMoney's entity id rule (followthemoney.types.entity) and length limit.
_FTM_ID = re.compile(r"[0-9a-zA-Z]([0-9a-zA-Z.\-]*[0-9a-zA-Z])?")
_MAX_ID = 200
_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f\"<>\\^`{|}]+", re.IGNORECASE)
_encode = msgspec.json.Encoder().encode
# Where born and died go, and what a note calls them.
_LIFE_DATES: dict[str, tuple[tuple[str, str], ...]] = {
    "person": (("birthDate", "birth date"), ("deathDate", "death date")),
    "organization": (
        ("incorporationDate", "founding date"),
        ("dissolutionDate", "dissolution date"),
    ),
}


def ftm_id(kind: str, item_id: str) -> str:
    """The FollowTheMoney id of a timeline item: stable, and one FollowTheMoney accepts."""
    candidate = f"{ID_PREFIX}-{kind}-{item_id}"
    if len(candidate) <= _MAX_ID and _FTM_ID.fullmatch(candidate):
        return candidate
    return f"{ID_PREFIX}-{kind}-{hashlib.sha1(item_id.encode('utf-8')).hexdigest()}"


def ftm_lines(index: TimelineIndex, positions: Sequence[int] | None = None) -> Iterator[str]:
    """One JSON line for each entity the selected events use, each relation among
    them, then each event."""
    chosen = [index.events[p] for p in (range(len(index)) if positions is None else positions)]
    used = {i for event in chosen for i in event.entity_ids if i in index.entity_by_id}
    entities = [e for e in index.timeline.entities if e.id in used]
    for entity in entities:
        yield _line(ftm_id("entity", entity.id), SCHEMA_OF_KIND[entity.kind], _entity(entity))
    for entity in entities:
        for relation in entity.related:
            if relation.entity not in used:
                continue
            key = f"{entity.id}\n{relation.entity}\n{relation.relation}"
            digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
            properties = {
                "subject": [ftm_id("entity", entity.id)],
                "object": [ftm_id("entity", relation.entity)],
                "role": [relation.relation],
            }
            yield _line(f"{ID_PREFIX}-link-{digest}", "UnknownLink", properties)
    for event in chosen:
        yield _line(ftm_id("event", event.id), "Event", _event(index, event))


def export_ftm(index: TimelineIndex, positions: Sequence[int] | None = None) -> str:
    return "".join(ftm_lines(index, positions))


def _line(entity_id: str, schema: str, properties: dict[str, list[str]]) -> str:
    # FollowTheMoney strips every value as it reads it, and drops an empty one.
    stripped = {name: [v.strip() for v in values] for name, values in properties.items()}
    kept = {name: [v for v in values if v] for name, values in stripped.items()}
    kept = {name: values for name, values in kept.items() if values}
    line = _encode({"id": entity_id, "schema": schema, "properties": kept}).decode()
    # Line and paragraph separators are valid in JSON strings, but a reader
    # that splits lines the way Python's str.splitlines does would cut there.
    return line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n"


def _entity(entity: Entity) -> dict[str, list[str]]:
    properties: dict[str, list[str]] = {
        "name": [entity.name],
        "alias": list(entity.aliases),
        "description": [entity.summary] if entity.summary else [],
    }
    if entity.kind == "place":
        properties["full"] = [entity.name]
    notes: list[str] = []
    # An unknown kind's born and died could mean anything: not said.
    fields = _LIFE_DATES.get(entity.kind, ())
    for (name, word), date in zip(fields, (entity.born, entity.died), strict=False):
        if date is None:
            continue
        value, note = _date(date, word)
        properties[name] = [value] if value else []
        notes += [note] if note else []
    properties["notes"] = notes
    return properties


def _event(index: TimelineIndex, event: Event) -> dict[str, list[str]]:
    places = [
        place
        for i in event.entity_ids
        if (place := index.entity_by_id.get(i)) is not None and place.kind == "place"
    ]
    involved = [
        ftm_id("entity", i)
        for i in event.entities
        if i in index.entity_by_id and index.entity_by_id[i].kind != "place"
    ]
    sources = index.sources_of(event)
    properties: dict[str, list[str]] = {
        "name": [event.title],
        "description": [event.summary] if event.summary else [],
        "involved": involved,
        "addressEntity": [ftm_id("entity", p.id) for p in places],
        "location": [p.name for p in places],
        "keywords": list(event.tags),
        "sourceUrl": [s.url for s in sources if s.url and _URL.fullmatch(s.url)],
        "publisher": list(dict.fromkeys(s.publisher for s in sources if s.publisher)),
        "recordId": [event.id],
    }
    notes: list[str] = []
    dates: list[tuple[str, PartialDate, str]] = (
        [("startDate", event.date, "start"), ("endDate", event.end, "end")]
        if event.end is not None and event.end != event.date
        else [("date", event.date, "date")]
    )
    for name, date, word in dates:
        value, note = _date(date, word)
        properties[name] = [value] if value else []
        notes += [note] if note else []
    if event.open_end is not None:  # FollowTheMoney has no end without a date
        notes.append(f"The period is {event.when}: it has no end date.")
    titles = [s.title for s in sources]
    if titles:
        notes.append("Sources: " + "; ".join(titles))
    if event.note:
        notes.append(event.note)
    properties["notes"] = notes
    return properties


def _date(date: PartialDate, word: str) -> tuple[str | None, str | None]:
    """The FollowTheMoney date, and a note on what it cannot hold."""
    if not 1 <= date.year <= 9999:
        return None, f"The {word} is {date.display(long=True)}, which FollowTheMoney cannot hold."
    plain = PartialDate(date.year, date.month, date.day).edtf()
    marks = [
        m for m, on in (("approximate", date.approximate), ("uncertain", date.uncertain)) if on
    ]
    said = [f"is {' and '.join(marks)}"] if marks else []
    if date.unspecified is not Unspecified.NONE:
        # 198X is written as its first year: the digits left open are said.
        said.append(f"is written {date.edtf()} in the file, digits marked X not given")
    if not said:
        return plain, None
    return plain, f"The {word} ({plain}) {'; it '.join(said)}."

"""The FollowTheMoney export: every line an entity FollowTheMoney's schema accepts.

Each line is checked against the published schema files kept in
fixtures/followthemoney-schema (see the README there), and with the
`followthemoney` package itself (in the test extra).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from timeline_viewer.domain.dates import OpenEnd, PartialDate, parse_partial_date
from timeline_viewer.domain.model import Entity, Event, Relation, Source, Timeline
from timeline_viewer.interop.ftm_export import export_ftm, ftm_id
from timeline_viewer.query.index import TimelineIndex

SCHEMA_FOLDER = Path(__file__).parent / "fixtures" / "followthemoney-schema"
ENTITY_ID = re.compile(r"[0-9a-zA-Z]([0-9a-zA-Z.\-]*[0-9a-zA-Z])?")
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@cache
def _schemata() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for path in SCHEMA_FOLDER.glob("*.yaml"):
        found.update(yaml.safe_load(path.read_text(encoding="utf-8")))
    return found


def _ancestry(name: str) -> list[str]:
    """The schema and every schema it extends, nearest first."""
    seen = [name]
    for parent in _schemata()[name].get("extends", []):
        seen += [a for a in _ancestry(parent) if a not in seen]
    return seen


def _property(schema: str, name: str) -> dict[str, Any] | None:
    for ancestor in _ancestry(schema):
        found = (_schemata()[ancestor].get("properties") or {}).get(name)
        if found is not None:
            return dict(found or {})
    return None


def _check_against_schema_files(entities: list[dict[str, Any]]) -> None:
    """What the published schema says of each entity, checked as FollowTheMoney would."""
    by_id = {entity["id"]: entity for entity in entities}
    assert len(by_id) == len(entities), "ids are unique"
    for entity in entities:
        assert set(entity) == {"id", "schema", "properties"}
        assert ENTITY_ID.fullmatch(entity["id"]) and len(entity["id"]) <= 200
        schema = entity["schema"]
        assert schema in _schemata(), schema
        assert not _schemata()[schema].get("abstract"), f"{schema} is abstract"
        properties = entity["properties"]
        for required in {r for a in _ancestry(schema) for r in _schemata()[a].get("required", [])}:
            assert properties.get(required), f"{entity['id']}: {required} is required"
        for name, values in properties.items():
            spec = _property(schema, name)
            assert spec is not None, f"{schema} has no property {name}"
            assert values and all(isinstance(v, str) and v.strip() for v in values), name
            kind = spec.get("type", "string")
            for value in values:
                if kind == "date":
                    assert DATE.fullmatch(value), f"{name}: {value}"
                elif kind == "url":
                    assert value.startswith(("http://", "https://")), value
                elif kind == "entity":
                    target = by_id.get(value)
                    assert target is not None, f"{entity['id']}.{name} -> {value}: not exported"
                    assert spec["range"] in _ancestry(target["schema"]), (
                        f"{entity['id']}.{name}: {target['schema']} is not a {spec['range']}"
                    )


def _check_with_followthemoney(entities: list[dict[str, Any]]) -> None:
    """The package's own reading: nothing it cleans away, nothing out of range."""
    # Imported here: it takes some 0.7 s, which only this check should pay.
    from followthemoney import model

    proxies = {e["id"]: model.get_proxy(e, cleaned=False) for e in entities}
    for entity in entities:
        proxy = proxies[entity["id"]]
        assert not proxy.schema.abstract
        proxy.schema.validate(proxy.to_dict())
        kept = proxy.to_dict()["properties"]
        # Cleaning drops what it cannot read (an unknown property, a bad date,
        # a bad reference) without a word: every value must still be there.
        # Text it may tidy (invisible characters, runs of spaces in names).
        assert set(kept) == set(entity["properties"]), entity["id"]
        for name, values in entity["properties"].items():
            assert len(kept[name]) == len(set(values)), f"{entity['id']}.{name}"
            if proxy.schema.get(name).type.name in ("date", "entity", "url"):
                assert sorted(kept[name]) == sorted(set(values)), f"{entity['id']}.{name}"
        for name in proxy.schema.required:
            assert proxy.get(name), name
        for prop, value in proxy.itervalues():
            if prop.range is not None and prop.type.name == "entity":
                assert proxies[value].schema.is_a(prop.range)


def _lines(text: str) -> list[dict[str, Any]]:
    assert text == "" or text.endswith("\n")
    # Split as str.splitlines would, the most eager reader: no line may be cut.
    return [json.loads(line) for line in text.splitlines()]


def _by_id(text: str) -> dict[str, dict[str, Any]]:
    return {entity["id"]: entity for entity in _lines(text)}


def _validators() -> Iterator[Any]:
    yield _check_against_schema_files
    yield _check_with_followthemoney


VALIDATORS = pytest.mark.parametrize(
    "check", list(_validators()), ids=["schema-files", "followthemoney"]
)


@VALIDATORS
def test_the_sample_is_valid(check: Any, sample_timeline: Timeline) -> None:
    check(_lines(export_ftm(TimelineIndex(sample_timeline))))


@VALIDATORS
def test_the_hostile_timeline_is_valid(check: Any, hostile: Timeline) -> None:
    check(_lines(export_ftm(TimelineIndex(hostile))))


@VALIDATORS
def test_the_bundled_timeline_is_valid(check: Any) -> None:
    from timeline_viewer.load.loader import bundled_timeline_path, load_timeline

    check(_lines(export_ftm(TimelineIndex(load_timeline(bundled_timeline_path())))))


def test_entities_and_events(sample_timeline: Timeline) -> None:
    found = _by_id(export_ftm(TimelineIndex(sample_timeline)))
    kidnapped = found["timeline-event-camarena-kidnapped"]
    assert kidnapped == {
        "id": "timeline-event-camarena-kidnapped",
        "schema": "Event",
        "properties": {
            "name": ["Agent Enrique Camarena kidnapped"],
            "description": ["Taken outside the US consulate in\nGuadalajara by armed men."],
            "involved": [
                "timeline-entity-camarena",
                "timeline-entity-caro-quintero",
                "timeline-entity-dea",
            ],
            "addressEntity": ["timeline-entity-guadalajara"],
            "location": ["Guadalajara"],
            "keywords": ["kidnapping", "dea"],
            "sourceUrl": ["https://news.example/article?id=1&lang=en"],
            "publisher": ["Daily Paper"],
            "recordId": ["camarena-kidnapped"],
            "date": ["1985-02-07"],
            "notes": ["Sources: The article"],
        },
    }
    assert found["timeline-entity-camarena"] == {
        "id": "timeline-entity-camarena",
        "schema": "Person",
        "properties": {"name": ["Enrique Camarena"], "alias": ["Kiki"]},
    }
    assert found["timeline-entity-dea"]["schema"] == "Organization"
    assert found["timeline-entity-guadalajara"]["schema"] == "Address"
    assert found["timeline-entity-guadalajara"]["properties"]["full"] == ["Guadalajara"]
    # A period has a start and an end; the approximate start is said in the notes.
    era = found["timeline-event-cartel-era"]["properties"]
    assert (era["startDate"], era["endDate"]) == (["1978"], ["1989"])
    assert "date" not in era
    assert "The start (1978) is approximate." in era["notes"]
    assert found["timeline-event-caro-arrested"]["properties"]["date"] == ["1985-04"]


def test_entities_come_before_the_events_that_use_them(sample_timeline: Timeline) -> None:
    schemas = [entity["schema"] for entity in _lines(export_ftm(TimelineIndex(sample_timeline)))]
    first_event = schemas.index("Event")
    assert "Event" not in schemas[:first_event]
    assert set(schemas[first_event:]) == {"Event"}


def test_a_selection_writes_only_what_it_uses(sample_timeline: Timeline) -> None:
    index = TimelineIndex(sample_timeline)
    found = _by_id(export_ftm(index, [3]))  # z40-captured: Treviño alone
    assert list(found) == ["timeline-entity-trevino", "timeline-event-z40-captured"]
    assert export_ftm(index, []) == ""


def test_relations_between_exported_entities_are_links() -> None:
    entities = (
        Entity(id="a", name="A", kind="person", related=(Relation("b", "co-founder"),)),
        Entity(id="b", name="B", kind="organization", related=(Relation("c", "based in"),)),
        Entity(id="c", name="C", kind="place"),
        Entity(id="d", name="D", kind="other", born=PartialDate(1990, 1), died=PartialDate(2000)),
    )
    events = (Event(id="e", date=PartialDate(2001), title="t", entities=("a", "b", "d")),)
    text = export_ftm(TimelineIndex(Timeline(title="T", events=events, entities=entities)))
    lines = _lines(text)
    _check_against_schema_files(lines)
    links = [line for line in lines if line["schema"] == "UnknownLink"]
    # b's relation to c is left out: c is in no exported event.
    assert [link["properties"] for link in links] == [
        {
            "subject": ["timeline-entity-a"],
            "object": ["timeline-entity-b"],
            "role": ["co-founder"],
        }
    ]
    other = _by_id(text)["timeline-entity-d"]
    assert other["schema"] == "LegalEntity"
    assert "incorporationDate" not in other["properties"]  # not said of an unknown kind


def test_dates_it_cannot_hold_are_said_in_notes() -> None:
    entities = (
        Entity(
            id="caesar",
            name="Julius Caesar",
            kind="person",
            born=PartialDate(-99, 7, 12),
            died=PartialDate(-43, 3, 15),
        ),
        Entity(
            id="guild",
            name="A guild",
            kind="organization",
            born=PartialDate(1250, approximate=True),
        ),
    )
    events = (
        Event(id="ides", date=PartialDate(-43, 3, 15), title="Caesar killed", entities=("caesar",)),
        Event(
            id="guild-founded",
            date=PartialDate(1250, uncertain=True),
            title="t",
            entities=("guild",),
        ),
    )
    text = export_ftm(TimelineIndex(Timeline(title="T", events=events, entities=entities)))
    _check_against_schema_files(_lines(text))
    found = _by_id(text)
    caesar = found["timeline-entity-caesar"]["properties"]
    assert "birthDate" not in caesar
    assert caesar["notes"] == [
        "The birth date is 12 July 100 BCE, which FollowTheMoney cannot hold.",
        "The death date is 15 March 44 BCE, which FollowTheMoney cannot hold.",
    ]
    ides = found["timeline-event-ides"]["properties"]
    assert "date" not in ides
    assert ides["notes"] == ["The date is 15 March 44 BCE, which FollowTheMoney cannot hold."]
    guild = found["timeline-entity-guild"]["properties"]
    assert guild["incorporationDate"] == ["1250"]
    assert guild["notes"] == ["The founding date (1250) is approximate."]
    assert found["timeline-event-guild-founded"]["properties"]["notes"] == [
        "The date (1250) is uncertain."
    ]


def test_ids_it_would_refuse_are_hashed() -> None:
    assert ftm_id("event", "camarena-kidnapped") == "timeline-event-camarena-kidnapped"
    odd = ftm_id("event", "ends-with-dash-")
    assert ENTITY_ID.fullmatch(odd)
    assert odd == ftm_id("event", "ends-with-dash-")  # stable
    assert odd != ftm_id("event", "ends-with-dash--")
    assert len(ftm_id("entity", "x" * 300)) <= 200
    assert ENTITY_ID.fullmatch(ftm_id("entity", "ümlaut id"))


def test_a_url_that_is_not_a_web_address_is_left_out() -> None:
    sources = (Source(id="s", title="S", url="javascript:alert(1)"),)
    events = (Event(id="e", date=PartialDate(2001), title="t", sources=("s",)),)
    text = export_ftm(TimelineIndex(Timeline(title="T", events=events, sources=sources)))
    assert "sourceUrl" not in _by_id(text)["timeline-event-e"]["properties"]


@VALIDATORS
def test_x_dates_and_ends_without_a_date_are_said_in_the_notes(check: Any) -> None:
    events = (
        Event("decade", parse_partial_date("198X"), "Some year of the eighties"),
        Event("going", PartialDate(1985, 4), "Still going", open_end=OpenEnd.ONGOING),
    )
    timeline = Timeline("T", events=events)
    lines = _lines(export_ftm(TimelineIndex(timeline)))
    check(lines)
    by_id = {line["properties"]["recordId"][0]: line["properties"] for line in lines}
    assert by_id["decade"]["date"] == ["1980"]
    assert any("198X" in note for note in by_id["decade"]["notes"])
    assert by_id["going"]["date"] == ["1985-04"]
    assert any("Apr 1985 \u2013 ongoing" in note for note in by_id["going"]["notes"])

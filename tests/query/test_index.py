"""Derived facts the views show: grouping, counts, related events, time density."""

from __future__ import annotations

import pytest

from timeline_viewer.domain.dates import parse_partial_date
from timeline_viewer.domain.model import Entity, EntityKind, Event, Timeline
from timeline_viewer.query.index import (
    TimelineIndex,
    density,
    fraction_in_span,
    group_by_year,
    time_span,
)


def event(event_id: str, date: str, *entities: str, end: str | None = None) -> Event:
    return Event(
        event_id,
        parse_partial_date(date),
        event_id,
        end=parse_partial_date(end) if end else None,
        entities=entities,
    )


def entity(entity_id: str, kind: EntityKind = "person", name: str | None = None) -> Entity:
    return Entity(entity_id, name or entity_id.title(), kind)


def test_lookups(sample_index: TimelineIndex) -> None:
    transfer = sample_index.event("transfer")
    assert transfer is not None
    assert sample_index.position_by_id["transfer"] == 6
    assert sample_index.event("missing") is None
    assert sample_index.entity("missing") is None
    assert [e.id for e in sample_index.entities_of(transfer)] == ["caro-quintero", "trevino"]
    assert [s.id for s in sample_index.sources_of(transfer)] == ["article"]
    assert len(sample_index) == 7


def test_entities_by_kind_groups_in_kind_order_and_sorts_by_folded_name(
    sample_index: TimelineIndex,
) -> None:
    groups = sample_index.entities_by_kind()
    assert list(groups) == ["person", "organization", "place"]  # no empty "other" group
    assert [e.name for e in groups["person"]] == [
        "Enrique Camarena",
        "Miguel Ángel Treviño Morales",
        "Rafael Caro Quintero",
    ]
    assert [e.id for e in groups["organization"]] == ["dea", "guadalajara-cartel"]
    assert [e.id for e in groups["place"]] == ["guadalajara"]


def test_entities_sort_ignoring_accents_and_case() -> None:
    timeline = Timeline(
        "t",
        entities=(
            entity("b", name="bravo"),
            entity("a2", name="Ángel"),
            entity("z", name="Zeta"),
            entity("a1", name="adam"),
        ),
    )
    names = [e.name for e in TimelineIndex(timeline).entities_by_kind()["person"]]
    assert names == ["adam", "Ángel", "bravo", "Zeta"]


def test_event_count_and_positions_include_the_place(sample_index: TimelineIndex) -> None:
    assert sample_index.event_count("caro-quintero") == 5
    assert sample_index.positions_of("caro-quintero") == (1, 2, 4, 5, 6)
    assert sample_index.event_count("guadalajara") == 2  # only ever the `place`
    assert sample_index.event_count("trevino") == 2
    assert sample_index.event_count("nobody") == 0


def _ranking_index() -> TimelineIndex:
    events = (
        event("e0", "1980", "x", "y", "z"),
        event("e1", "1981", "x"),
        event("e2", "1982", "x", "y"),
        event("e3", "1983", "q"),
        event("e4", "1984", "x", "y", "z"),
        event("e5", "1985", "y"),
        event("e6", "1986", "x"),
    )
    entities = tuple(entity(i) for i in "qxyz")
    return TimelineIndex(Timeline("t", events=events, entities=entities))


def test_related_events_rank_by_shared_entities_then_nearness() -> None:
    index = _ranking_index()
    # From e4 (x, y, z): e0 shares 3, e2 shares 2; e5, e6 and e1 share one
    # each and are 1, 2 and 3 positions away. e3 shares nothing.
    assert index.related_events(4, limit=10) == [0, 2, 5, 6, 1]
    assert index.related_events(4, limit=2) == [0, 2]
    assert index.related_events(3) == []


def test_step_within_entity() -> None:
    index = _ranking_index()  # y is at positions 0, 2, 4, 5
    assert index.step_within_entity("y", 2, 1) == 4
    assert index.step_within_entity("y", 2, -1) == 0
    assert index.step_within_entity("y", 5, 1) is None
    assert index.step_within_entity("y", 0, -1) is None
    # From an event the entity is not in, the nearest one on that side.
    assert index.step_within_entity("y", 3, 1) == 4
    assert index.step_within_entity("y", 3, -1) == 2
    assert index.step_within_entity("nobody", 3, 1) is None


def test_group_by_year_groups_consecutive_events(sample_index: TimelineIndex) -> None:
    groups = group_by_year(sample_index.events)
    assert [(year, [e.id for e in members]) for year, members in groups] == [
        (1978, ["cartel-era"]),
        (1985, ["camarena-kidnapped", "caro-arrested"]),
        (2013, ["z40-captured", "caro-released"]),
        (2022, ["caro-recaptured"]),
        (2025, ["transfer"]),
    ]
    assert group_by_year([]) == []


def test_haystacks_match_phrases_across_line_breaks(sample_index: TimelineIndex) -> None:
    # The summary wraps between "in" and "Guadalajara" in the YAML.
    assert "consulate in guadalajara by" in sample_index.haystacks[1]
    # Entity names and aliases are searched once per entity, not per event.
    named = [
        e
        for e in sample_index.events[6].entity_ids
        if "trevino" in sample_index.entity_haystacks[e]
    ]
    assert named
    assert set(sample_index.involved[6]) & sample_index.entities_named("trevino")
    assert set(sample_index.involved[6]) & sample_index.entities_named("z-40")  # aliases count
    # Fields stay apart: no phrase straddles a name and its alias, or two tags.
    assert not any("morales z-40" in names for names in sample_index.entity_haystacks.values())
    assert "kidnapping dea" not in sample_index.haystacks[1]


def test_time_span_covers_first_to_last_day() -> None:
    events = [event("a", "1985-02-07"), event("b", "2013", end="2022-07")]
    span = time_span(events)
    assert span is not None
    start, end = span
    assert start == pytest.approx(1985 + 1 / 12 + 6 / 372)
    assert 2022.5 < end < 2022.6  # July 2022, to its last day
    assert time_span([]) is None


def test_density_is_proportional_so_gaps_show() -> None:
    events = [
        event("a", "1985-02-07"),
        event("b", "1985-04"),
        event("c", "2013-08-09"),
        event("d", "2022-07-15"),
    ]
    span = (1985.0, 2025.0)
    counts = density(events, span, 40)  # one bucket per year
    assert sum(counts) == 4
    assert counts[0] == 2
    assert counts[28] == 1  # 2013
    assert counts[37] == 1  # 2022
    assert counts[1:28] == [0] * 27  # the 28-year gap is visible
    assert fraction_in_span(events[2], span) == pytest.approx((2013 + 7 / 12 + 8 / 372 - 1985) / 40)


def test_density_edges() -> None:
    events = [event("a", "1985"), event("b", "2025-12-31")]
    span = time_span(events)
    assert span is not None
    counts = density(events, span, 10)
    assert counts[0] == 1 and counts[-1] == 1  # the last event lands in the last bucket
    assert density(events, span, 0) == []
    single = [event("only", "1985")]
    one_day = (1985.0, 1985.0)
    assert fraction_in_span(single[0], one_day) == 0.0
    assert density(single, one_day, 3) == [1, 0, 0]


def test_entity_counts_over_all_or_some_events(sample_index: TimelineIndex) -> None:
    everything = sample_index.entity_counts()
    for entity in sample_index.timeline.entities:
        assert everything[entity.id] == sample_index.event_count(entity.id)
    first_two = sample_index.entity_counts([0, 1])
    expected: dict[str, int] = {}
    for position in (0, 1):
        for entity_id in sample_index.events[position].entity_ids:
            expected[entity_id] = expected.get(entity_id, 0) + 1
    assert dict(first_two) == expected
    assert sample_index.entity_counts([]) == {}

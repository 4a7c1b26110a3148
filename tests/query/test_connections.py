"""Who appears with whom: one ranking for the card, the list, the CLI and the export."""

from __future__ import annotations

from timeline_viewer.domain.dates import PartialDate
from timeline_viewer.domain.model import Entity, Event, Timeline
from timeline_viewer.query import browse
from timeline_viewer.query.connections import (
    appears_with,
    connections,
    shared_filter,
    shared_positions,
)
from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.query.language import parse_query


def _index() -> TimelineIndex:
    entities = [
        Entity("a", "Alma", "person"),
        Entity("b", "Bruno", "person"),
        Entity("c", "Cartel", "organization"),
        Entity("d", "Dora", "person"),
        Entity("p", "Port", "place"),
    ]
    events = [
        Event("e1", PartialDate(2001), "one", entities=("a", "b", "c")),
        Event("e2", PartialDate(2002), "two", entities=("a", "b"), place="p"),
        Event("e3", PartialDate(2003), "three", entities=("a", "c", "ghost")),
        Event("e4", PartialDate(2004), "four", entities=("b", "d")),
        Event("e5", PartialDate(2005), "five", entities=("a", "d")),
    ]
    return TimelineIndex(Timeline(title="t", entities=entities, events=events))


def test_connections_are_ranked_by_shared_events_then_name() -> None:
    found = connections(_index(), "a")
    assert [(c.entity.id, c.shared) for c in found] == [
        ("b", 2),
        ("c", 2),
        ("d", 1),
        ("p", 1),
    ]


def test_an_undefined_entity_is_left_out_and_an_unknown_one_has_none() -> None:
    index = _index()
    assert "ghost" not in {c.entity.id for c in connections(index, "a")}
    assert connections(index, "nobody") == []


def test_connections_within_a_selection() -> None:
    index = _index()
    within = frozenset(parse_query("after:2002").select(index))
    assert [(c.entity.id, c.shared) for c in connections(index, "a", within)] == [
        ("c", 1),
        ("d", 1),
    ]


def test_shared_events_and_the_filter_that_lists_them_agree() -> None:
    index = _index()
    assert shared_positions(index, "a", "b") == [0, 1]
    assert shared_positions(index, "b", "a") == [0, 1]
    filter_text = shared_filter("a", "b")
    assert list(parse_query(filter_text).select(index)) == shared_positions(index, "a", "b")


def test_the_entity_card_uses_the_same_ranking() -> None:
    index = _index()
    by_kind = browse.co_entities_by_kind(index, "a", per_kind=1)
    # Persons: Bruno (2); Dora (1) is cut. Ties are kept: none here.
    assert [(kind, [(e.id, n) for e, n in members]) for kind, members in by_kind] == [
        ("person", [("b", 2)]),
        ("organization", [("c", 2)]),
        ("place", [("p", 1)]),
    ]


def test_appears_with_lists_the_busiest_entities_with_their_companions() -> None:
    index = _index()
    rows = appears_with(index, range(len(index)), rows=2, per_row=1)
    assert [(r.entity.id, r.events, [c.entity.id for c in r.top], r.more) for r in rows] == [
        ("a", 4, ["b"], 3),
        ("b", 3, ["a"], 3),
    ]


def test_appears_with_counts_among_the_selection_only() -> None:
    index = _index()
    rows = appears_with(index, [3])  # e4: Bruno and Dora
    assert [(r.entity.id, r.events, [(c.entity.id, c.shared) for c in r.top]) for r in rows] == [
        ("b", 1, [("d", 1)]),
        ("d", 1, [("b", 1)]),
    ]
    assert appears_with(index, []) == []


def test_appears_with_by_default_lists_25_entities_with_5_companions_each() -> None:
    # 30 people in one event, and each of the first 29 in one more with the next:
    # every one has many companions, and the busiest are the first 29.
    people = [Entity(f"p{n:02}", f"Person {n:02}", "person") for n in range(30)]
    events = [Event("all", PartialDate(2000), "all", entities=tuple(p.id for p in people))]
    events += [
        Event(f"pair{n}", PartialDate(2001), "pair", entities=(f"p{n:02}", f"p{n + 1:02}"))
        for n in range(29)
    ]
    index = TimelineIndex(Timeline(title="t", entities=people, events=events))
    rows = appears_with(index, range(len(index)))
    assert len(rows) == 25
    assert all(len(row.top) == 5 and row.more == 29 - 5 for row in rows)
    # With no one beyond the shown companions, there are no more to say.
    assert all(row.more == 0 for row in appears_with(index, [0], per_row=29))

"""The fast query paths (bisection on dates, position sets, the narrowing cache)
must agree with the plain meaning of each filter on any timeline."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from timeline_strategies import Vocabulary, partial_dates, timelines

from timeline_viewer.domain.model import Entity, Event, Timeline
from timeline_viewer.domain.text import fold
from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.query.language import Query, parse_query, prepare_search

# No summaries: the plain meaning below reads titles, tags and names only.
VOCABULARY = Vocabulary(
    entities=(
        Entity("ana", "Ana Núñez", "person"),
        Entity("navy", "Navy", "organization"),
        Entity("gdl", "Guadalajara", "place"),
    ),
    titles=["Arrest", "Trial", "Tariffs", "Arrest warrant"],
    tags=["dea", "court", "no"],
    dates=partial_dates(range(1983, 1989)),
    most_events=25,
)


def plain_match(query: Query, index: TimelineIndex, event: Event) -> bool:
    """Each filter exactly as the README defines it, one event at a time."""
    entities = [index.entity_by_id[i] for i in event.entity_ids]
    start, end = event.date.first_day, (event.end or event.date).last_day
    for term in query.terms:
        date = term.date
        if term.field == "text":
            # A phrase matches within one field or name, never across two.
            text = fold(
                "\n".join([event.title, *event.tags, *(n for e in entities for n in e.names)])
            )
            hit = term.value in text
        elif term.field == "tag":
            hit = term.value in (fold(t) for t in event.tags)
        elif term.field == "entity":
            hit = any(e.id == term.value or term.value in fold(e.name) for e in entities)
        elif term.field == "kind":
            hit = any(e.kind == term.value for e in entities)
        elif term.field == "after":
            hit = date is not None and start > date.last_day
        elif term.field == "before":
            hit = date is not None and start < date.first_day
        elif term.field == "from":
            hit = date is not None and end >= date.first_day
        elif term.field == "to":
            hit = date is not None and start <= date.last_day
        else:
            hit = date is not None and end >= date.first_day and start <= date.last_day
        if hit == term.negated:
            return False
    return True


QUERIES = st.lists(
    st.sampled_from(
        [
            "arrest",
            "arr",
            "-arrest",
            '"arrest warrant"',
            "nunez",
            "tag:dea",
            "-tag:court",
            "entity:ana",
            "entity:navy",
            "kind:place",
            "-kind:person",
            "year:1985",
            "year:1987",
            "after:1985",
            "after:1985-06",
            "before:1986-02-15",
            "from:1985-06",
            "to:1986",
            "from:1984-03-10",
            "-year:1986",
            "a",
            "ez",
            "-nunez",
            "guad",
            '"ana nunez"',
            '"arrest w"',
            '"t a"',
        ]
    ),
    max_size=3,
).map(" ".join)


@settings(max_examples=120, deadline=None)
@given(timelines(VOCABULARY), st.lists(QUERIES, min_size=1, max_size=6))
def test_fast_paths_agree_with_the_plain_meaning(timeline: Timeline, texts: list[str]) -> None:
    index = TimelineIndex(timeline)
    indexed = TimelineIndex(timeline)
    prepare_search(indexed)  # the word index and bitmaps, as the TUI builds them
    # Several queries in a row on one index also exercise the narrowing cache.
    for text in texts:
        query = parse_query(text)
        expected = [i for i, e in enumerate(index.events) if plain_match(query, index, e)]
        assert list(query.select(index)) == expected, text
        assert query.select(index, range(len(index))) == expected, text
        assert list(query.select(indexed)) == expected, text

"""The filter language: the parsed value, its errors, and what it matches."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline_viewer.domain.dates import PartialDate
from timeline_viewer.domain.model import Entity, Event, Timeline
from timeline_viewer.domain.text import fold
from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.query.language import (
    FIELDS,
    Query,
    QueryError,
    Term,
    parse_query,
    prepare_search,
)

# --- the parsed value ------------------------------------------------------


def test_words_are_folded_terms() -> None:
    query = parse_query("  Treviño   CAMARENA ")
    assert query.terms == (Term("text", "trevino"), Term("text", "camarena"))
    assert query.text == "  Treviño   CAMARENA "
    assert str(query) == "trevino camarena"


def test_negation_phrases_and_fields() -> None:
    query = parse_query(
        '-tariffs "Exact   Phrase" -"two words" entity:Caro-Quintero tag:DEA kind:people '
        "year:1985 after:2013 before:2022-07 from:2013 to:2022"
    )
    assert query.terms == (
        Term("text", "tariffs", negated=True),
        Term("text", "exact phrase"),
        Term("text", "two words", negated=True),
        Term("entity", "caro-quintero"),
        Term("tag", "dea"),
        Term("kind", "person"),
        Term("year", "1985", date=PartialDate(1985)),
        Term("after", "2013", date=PartialDate(2013)),
        Term("before", "2022-07", date=PartialDate(2022, 7)),
        Term("from", "2013", date=PartialDate(2013)),
        Term("to", "2022", date=PartialDate(2022)),
    )
    assert str(query) == (
        '-tariffs "exact phrase" -"two words" entity:caro-quintero tag:dea kind:person '
        "year:1985 after:2013 before:2022-07 from:2013 to:2022"
    )


def test_field_names_are_case_insensitive_and_values_may_be_quoted() -> None:
    query = parse_query('Entity:"Caro Quintero" -YEAR:1985 from:"Feb 1985"')
    assert query.terms == (
        Term("entity", "caro quintero"),
        Term("year", "1985", negated=True, date=PartialDate(1985)),
        Term("from", "Feb 1985", date=PartialDate(1985, 2)),
    )


def test_text_with_a_colon_that_is_not_a_field_is_a_word() -> None:
    assert parse_query("12:30").terms == (Term("text", "12:30"),)
    assert parse_query('"note: x"').terms == (Term("text", "note: x"),)


@pytest.mark.parametrize(
    "text",
    ['"-x"', '"tag:x"', '"foo:bar"', 'tag:"a b"', '-"entity:z"', '"a\tb"', 'tag:"a\tb"', "--x"],
)
def test_str_round_trips_even_for_tricky_terms(text: str) -> None:
    query = parse_query(text)
    assert parse_query(str(query)) == query


def test_empty_query() -> None:
    assert parse_query("").is_empty
    assert parse_query(" \t ").is_empty
    assert str(parse_query("")) == ""
    assert Query() == parse_query("")


# --- errors ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ('camarena "unclosed', ["unclosed quote", "column 10", 'closing "']),
        ("-", ['"-" must be followed', "-tariffs"]),
        ("a - b", ['"-" must be followed']),
        ("entty:camarena", ['unknown filter "entty:"', "did you mean entity:?", "tag:"]),
        ("yeer:1985", ["did you mean year:?"]),
        ("http://example.com", ['unknown filter "http:"', "in quotes"]),
        ("tag:", ['"tag:" needs a value', "tag:dea"]),
        ('entity:""', ['"entity:" needs a value', "entity:caro-quintero"]),
        ('""', ["empty phrase"]),
        ("kind:robot", ['unknown kind "robot"', "person, organization, place, other"]),
        ("after:soon", ['"after:soon" needs a date like 1985']),
        ("before:1985-13", ['"before:1985-13" needs a date', "(there is no month 13)"]),
        ("from:2023-02-29", ['"from:2023-02-29" needs a date']),
        ("to:Feb", ['"to:Feb" needs a date']),
        (
            "after:1985-02-07T10:00",
            ['"after:1985-02-07T10:00" needs a date like 1985', "times of day are not kept"],
        ),
        ('from:"Feb 7, 1985 2pm"', ['"from:Feb 7, 1985 2pm" needs a date like 1985']),
        ("year:1985-02", ['"year:1985-02" needs a year such as 1985']),
        ("year:" + "9" * 990, ["needs a date"]),  # (longer filters are refused whole)
    ],
)
def test_malformed_queries_are_helpful_errors(text: str, fragments: list[str]) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(text)
    for fragment in fragments:
        assert fragment in str(caught.value)


KNOWN_FILTERS = (
    "known filters are entity:, tag:, kind:, year:, after:, before:, from:, to:, reported:,"
    " note: and starred;"
    " put text with a colon in quotes"
)


def test_unknown_field_without_a_close_match_has_no_guess() -> None:
    with pytest.raises(QueryError) as caught:
        parse_query("zzz:1")
    assert str(caught.value) == f'unknown filter "zzz:"; {KNOWN_FILTERS}'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-", '"-" must be followed by what to exclude, as in -tariffs'),
        ('""', 'empty phrase "": put words between the quotes'),
        ('a -""', 'empty phrase "": put words between the quotes'),
        ("kind:robot", 'unknown kind "robot"; kinds are person, organization, place, other'),
        ("tag:", '"tag:" needs a value, as in tag:dea'),
        ("year:1985-02", '"year:1985-02" needs a year such as 1985'),
        (
            "from:2023-02-29",
            '"from:2023-02-29" needs a date like 1985, 1985-02 or 1985-02-07'
            " (February 2023 has no day 29)",
        ),
        ("Entty:x", f'unknown filter "Entty:"; did you mean entity:? {KNOWN_FILTERS}'),
    ],
)
def test_error_messages_in_full(text: str, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(text)
    assert str(caught.value) == message


@given(st.text(max_size=60))
def test_arbitrary_text_is_a_query_or_a_query_error(text: str) -> None:
    try:
        query = parse_query(text)
    except QueryError as error:
        assert str(error)
    else:
        assert isinstance(query, Query)
        assert parse_query(str(query)) == query


_PIECES = st.sampled_from(
    ["a", "É", "1985", "-", '"', ":", " ", "\t", "tag:", "year:", "from:", "entity:", "kind:"]
)


@given(st.lists(_PIECES, max_size=12).map("".join))
def test_query_like_text_is_a_query_or_a_query_error(text: str) -> None:
    try:
        query = parse_query(text)
    except QueryError:
        return
    assert parse_query(str(query)) == query


# --- matching ----------------------------------------------------------------
# Sample positions: 0 cartel-era (1978~-1989), 1 camarena-kidnapped (1985-02-07),
# 2 caro-arrested (1985-04), 3 z40-captured (2013-07-15),
# 4 caro-released (2013-08-09), 5 caro-recaptured (2022-07-15), 6 transfer (2025-02-27)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", [0, 1, 2, 3, 4, 5, 6]),
        ("caro quintero", [1, 2, 4, 5, 6]),  # words ANDed, names of entities count
        ("caro costa", [2]),
        ("caro sinaloa arrested", []),
        ("trevino", [3, 6]),  # accent-insensitive; 6 through its entity
        ("TREVIÑO", [3, 6]),
        ("z-40", [3, 6]),  # an alias
        ("kiki", [1]),
        ("rcq -arrested", [1, 4, 5, 6]),  # substring: "arrested" is in event 2 only
        ("conviction", [4]),  # summary
        ("extradition", [6]),  # tag
        ('"caro quintero arrested"', [2]),
        ('"arrested caro"', []),
        ('"consulate in guadalajara"', [1]),  # the summary wraps mid-phrase
        ('"quintero rcq"', []),  # a name and its alias are separate texts
        ("caro -sinaloa -costa", [1, 4, 6]),
        ('-"caro quintero"', [0, 3]),
    ],
)
def test_text_matching(sample_index: TimelineIndex, text: str, expected: list[int]) -> None:
    assert list(parse_query(text).select(sample_index)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("entity:caro-quintero", [1, 2, 4, 5, 6]),  # by id
        ('entity:"Caro Quintero"', [1, 2, 4, 5, 6]),  # by name
        ("entity:RCQ", [1, 2, 4, 5, 6]),  # by alias
        ('entity:"treviño morales"', [3, 6]),
        ("entity:Z-40", [3, 6]),
        ("entity:guadalajara", [0, 1]),  # the place, by exact id, not the cartel too
        ("entity:cartel", [0]),
        ("entity:nobody", []),
        ("-entity:caro-quintero", [0, 3]),
        ("tag:arrest", [2, 3, 5]),
        ("tag:ARREST", [2, 3, 5]),
        ("tag:arr", []),  # tags match whole
        ("-tag:arrest", [0, 1, 4, 6]),
        ("kind:person", [1, 2, 3, 4, 5, 6]),
        ("kind:organization", [0, 1]),
        ("kind:org", [0, 1]),
        ("kind:place", [0, 1]),
        ("kind:other", []),
        ("caro tag:arrest", [2, 5]),
    ],
)
def test_field_matching(sample_index: TimelineIndex, text: str, expected: list[int]) -> None:
    assert list(parse_query(text).select(sample_index)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("year:1985", [0, 1, 2]),  # the 1978-1989 period overlaps 1985
        ("year:2013", [3, 4]),
        ("year:1990", []),
        ("-year:1985", [3, 4, 5, 6]),
        ("after:2013", [5, 6]),  # starts after the end of 2013
        ("after:2013-07", [4, 5, 6]),
        ("after:2013-07-15", [4, 5, 6]),
        ("before:2013", [0, 1, 2]),
        ("before:2022-07", [0, 1, 2, 3, 4]),
        ("before:2022-07-15", [0, 1, 2, 3, 4]),
        ("before:2022-07-16", [0, 1, 2, 3, 4, 5]),
        ("from:2013 to:2022", [3, 4, 5]),
        ("from:1989", [0, 3, 4, 5, 6]),  # the period is still running in 1989
        ("from:1990", [3, 4, 5, 6]),
        ("to:1980", [0]),
        ("from:1985-03 to:1985-04", [0, 2]),
        ("from:1985-02-07 to:1985-02-07", [0, 1]),
        ('from:"July 2022"', [5, 6]),
        ("from:2013-07-16 to:2022-07-14", [4]),
    ],
)
def test_date_matching(sample_index: TimelineIndex, text: str, expected: list[int]) -> None:
    assert list(parse_query(text).select(sample_index)) == expected


NEGATED = [
    ("caro", [0, 3]),
    ('"caro quintero"', [0, 3]),
    ("entity:caro-quintero", [0, 3]),
    ("entity:rcq", [0, 3]),
    ("tag:arrest", [0, 1, 4, 6]),
    ("kind:person", [0]),
    ("kind:organization", [2, 3, 4, 5, 6]),
    ("kind:place", [2, 3, 4, 5, 6]),
    ("year:1985", [3, 4, 5, 6]),
    ("after:2013-07", [0, 1, 2, 3]),
    ("before:2013-08", [4, 5, 6]),
    ("from:2013-08", [0, 1, 2, 3]),
    ("to:2013-07-15", [4, 5, 6]),
]


def test_every_filter_is_negated() -> None:
    negated = {text.partition(":")[0] for text, _ in NEGATED if ":" in text}
    # reported: is negated in test_reported_filters_on_when_an_event_was_first_reported,
    # note: (the user's marks) in test_marks_filter.py
    assert negated | {"reported", "note"} == set(FIELDS)


@pytest.mark.parametrize("how", ["scan", "word index", "within"])
@pytest.mark.parametrize(("text", "expected"), NEGATED)
def test_a_minus_keeps_exactly_what_the_filter_drops(
    sample_index: TimelineIndex, how: str, text: str, expected: list[int]
) -> None:
    if how == "word index":
        prepare_search(sample_index)
    within = range(len(sample_index)) if how == "within" else None
    kept = list(parse_query(text).select(sample_index, within))
    dropped = list(parse_query(f"-{text}").select(sample_index, within))
    assert dropped == expected
    assert sorted(kept + dropped) == list(range(len(sample_index)))


NAMES_WITH_ANA = ["Ana", "Anabel", "Mariana", "Juliana"]


def test_a_word_that_names_entities_in_most_events() -> None:
    # Four people whose names hold "ana", each in the first three events: the events
    # are found through their entities, and "banana" in a title counts too.
    people = [Entity(f"p{n}", name, "person") for n, name in enumerate(NAMES_WITH_ANA)]
    involved = tuple(person.id for person in people)
    timeline = Timeline(
        "t",
        events=(
            Event("meeting", PartialDate(1985, 1), "Meeting", entities=involved),
            Event("raid", PartialDate(1985, 2), "Raid", entities=involved),
            Event("trial", PartialDate(1985, 3), "Trial", entities=involved),
            Event("banana", PartialDate(1985, 4), "Banana boat"),
            Event("storm", PartialDate(1985, 5), "Storm"),
        ),
        entities=tuple(people),
    )
    for prepared in (False, True):
        index = TimelineIndex(timeline)
        if prepared:
            prepare_search(index)
        assert list(parse_query("ana").select(index)) == [0, 1, 2, 3]
        assert list(parse_query("-ana").select(index)) == [4]
        assert list(parse_query("-ana -storm").select(index)) == []
        assert list(parse_query("ana").select(index, [0, 3, 4])) == [0, 3]
        assert list(parse_query("-ana").select(index, [0, 3, 4])) == [4]
        assert list(parse_query("ana raid").select(index)) == [1]


@pytest.mark.parametrize("text", ['"caro zzz"', '"zzz caro"', '"zzz"', 'caro "zzz quintero"'])
def test_a_phrase_with_a_word_found_nowhere_matches_nothing(
    sample_index: TimelineIndex, text: str
) -> None:
    assert list(parse_query(text).select(sample_index)) == []
    prepare_search(sample_index)  # the same through the word index
    assert list(parse_query(text).select(sample_index)) == []


def test_select_within_and_matches(sample_index: TimelineIndex) -> None:
    query = parse_query("caro")
    assert query.select(sample_index, within=[0, 2, 3, 6]) == [2, 6]
    assert query.select(sample_index, within=[]) == []
    assert query.matches(sample_index, 2)
    assert not query.matches(sample_index, 3)
    assert parse_query("").matches(sample_index, 3)


_WORDY = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters='"')
    | st.sampled_from([" ", "\n", "\t", "\u00a0", "\u00b4", "\u00a8", "ñ", "É", "ß", "ﬁ"]),
    max_size=30,
).filter(lambda text: bool(fold(text).split()))


@given(_WORDY, _WORDY)
def test_any_title_or_summary_is_found_by_its_own_phrase(title: str, summary: str) -> None:
    timeline = Timeline(
        "t",
        events=(
            Event("a", PartialDate(1985), title, summary=summary, entities=("p",)),
            Event("b", PartialDate(1986), "other"),
        ),
        entities=(Entity("p", summary, "person", aliases=(title,)),),
    )
    index = TimelineIndex(timeline)
    for text in (title, summary):
        assert 0 in parse_query(f'"{text}"').select(index)
        assert 0 in parse_query(f'entity:"{text}"').select(index)


def test_reported_filters_on_when_an_event_was_first_reported() -> None:
    from timeline_viewer.load.loader import parse_timeline

    timeline = parse_timeline(
        "schema: 1\ntitle: t\nevents:\n"
        "  - {id: a, date: 1985-02-07, reported: 1985-02-09, title: Kidnapping}\n"
        "  - {id: b, date: 2013-08, reported: 2025-01, title: Release}\n"
        "  - {id: c, date: 2025-02-27, title: Transfer}\n",
        "t.yaml",
    )
    index = TimelineIndex(timeline)
    ids = lambda text: [index.events[p].id for p in parse_query(text).select(index)]  # noqa: E731
    assert ids("reported:2025") == ["b"]
    assert ids("reported:1985-02") == ["a"]
    assert ids("-reported:2025") == ["a", "c"]
    assert ids("year:2025") == ["c"]  # occurred, not reported
    with pytest.raises(QueryError, match="reported:2025"):
        parse_query("reported:")

"""Queries asked one after another of the same index give what each gives alone.

An index remembers its recent results, and a new query may start from an earlier
result it refines (typing "trev" after "tre" scans only what "tre" matched).
Whatever the order of the queries, each answer must be the one a fresh index,
with nothing remembered, gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, MutableSequence, Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from timeline_strategies import Vocabulary, partial_dates, timelines

from timeline_viewer.domain.dates import Precision
from timeline_viewer.domain.model import Entity, Timeline
from timeline_viewer.load.loader import bundled_timeline_path, load_timeline
from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.query.language import (
    DATE_FIELDS,
    FIELDS,
    MARK_FIELDS,
    TEXT_FIELDS,
    Query,
    QueryError,
    parse_query,
    prepare_search,
)

# Bounded and repeatable: the same examples on every run, none saved between runs.
EXAMPLES = settings(
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def fresh(timeline: Timeline, query: Query) -> list[int]:
    """The answer from an index that has remembered nothing."""
    return list(query.select(TimelineIndex(timeline)))


# --- the two cases found by hand -------------------------------------------------
# Sample positions: 0 cartel-era (1978~-1989), 1 camarena-kidnapped (1985-02-07),
# 2 caro-arrested (1985-04), 3 z40-captured (2013-07-15),
# 4 caro-released (2013-08-09), 5 caro-recaptured (2022-07-15), 6 transfer (2025-02-27)


def test_year_after_the_same_digits_as_a_word(sample_index: TimelineIndex) -> None:
    # No title or summary says "1985": the word matches nothing, but the year
    # is not narrower than the word, so its answer must not start from it.
    assert list(parse_query("1985").select(sample_index)) == []
    assert list(parse_query("year:1985").select(sample_index)) == [0, 1, 2]
    assert list(parse_query("year:1985 -1985").select(sample_index)) == [0, 1, 2]


def test_a_phrase_left_out_after_a_word_of_it(sample_index: TimelineIndex) -> None:
    # "Kiki" is an alias of Enrique Camarena: one event. No event has the phrase
    # "kiki camarena", so leaving it out keeps all seven.
    assert list(parse_query("kiki").select(sample_index)) == [1]
    assert list(parse_query('-"kiki camarena"').select(sample_index)) == list(range(7))
    assert list(parse_query("-kiki").select(sample_index)) == [0, 2, 3, 4, 5, 6]


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("kind:person", "-kind:person"),
        ("-kind:person", "kind:person"),
        ("caro", "-caro"),
        ("tag:arrest", "-tag:arrest"),
        ("entity:trevino", "entity:trevino -z-40"),
        ("kiki", "kiki kind:person"),
        ("camarena", '-"agent enrique"'),
        ("after:2013", "after:2013-07"),
        ("year:1985", "from:1985 to:1985"),
    ],
)
def test_any_query_after_another(sample_index: TimelineIndex, earlier: str, later: str) -> None:
    parse_query(earlier).select(sample_index)
    query = parse_query(later)
    assert list(query.select(sample_index)) == fresh(sample_index.timeline, query)


# --- any sequence of queries ------------------------------------------------------

ENTITIES = (
    Entity("ana", "Ana Núñez", "person", aliases=("La Güera",)),
    Entity("anabel", "Anabel Caro", "person"),
    Entity("mariana", "Mariana", "person", aliases=("Kiki",)),
    Entity("navy", "Navy", "organization", aliases=("SEMAR",)),
    Entity("cartel", "Guadalajara Cartel", "organization"),
    Entity("gdl", "Guadalajara", "place"),
    Entity("tijuana", "Tijuana", "place"),
    Entity("ledger", "The Ledger", "other"),
)
TITLES = [
    "Arrest warrant issued",
    "Caro arrested in 1985",
    "Trial of the cartel",
    "Navy raid on the cartel",
    "Kiki Camarena kidnapped",
    "Tariffs announced",
    "Ledger found in Tijuana",
]
TAGS = ["dea", "court", "arrest", "no"]
YEARS = (1984, 1985, 1986)


DATES = partial_dates(YEARS, edges=True, qualified=True)
VOCABULARY = Vocabulary(
    ENTITIES, TITLES, TAGS, DATES, summaries=TITLES, reported=True, most_events=14
)


WORDS = [
    "arrest",
    "arrested",
    "warrant",
    "caro",
    "cartel",
    "guadalajara",
    "nunez",
    "Núñez",
    "kiki",
    "camarena",
    "1984",
    "1985",
    "1986",
    "ana",
    "court",
    "navy",
    "semar",
    "ledger",
    "tijuana",
    "the",
    "zz",
]
PHRASES = [
    "arrest warrant",
    "caro arrested",
    "kiki camarena",
    "the cartel",
    "cartel trial",
    "ana nunez",
    "la guera",
    "raid on",
    "arrest w",
    "zz top",
    "caro zz",
]
ENTITY_VALUES = [
    "ana",
    "anabel",
    "mariana",
    "navy",
    "semar",
    "cartel",
    "guadalajara",
    '"ana nunez"',
    "gdl",
    "ledger",
    "nobody",
]
KINDS = ["person", "organization", "place", "other", "org", "people"]


@st.composite
def date_texts(draw: st.DrawFn, field: str) -> str:
    year = draw(st.sampled_from(YEARS))
    if field == "year":
        return f"{year}{draw(st.sampled_from(['', '~', '?']))}"
    date = draw(DATES)
    text = date.edtf()
    if (
        draw(st.booleans())
        and date.precision is Precision.MONTH
        and not (date.approximate or date.uncertain)
    ):
        text = f'"{date.display(long=True)}"'  # a human spelling, as in from:"February 1985"
    return text


@st.composite
def terms(draw: st.DrawFn) -> str:
    # The marks' fields (note:) are applied outside the cache: test_marks_filter.py.
    own_fields = [f for f in FIELDS if f not in MARK_FIELDS]
    kind = draw(st.sampled_from(["word", "word", "prefix", "prefix", "phrase", *own_fields]))
    if kind == "word":
        text = draw(st.sampled_from(WORDS))
    elif kind == "prefix":  # a word being typed
        word = draw(st.sampled_from(WORDS))
        text = word[: draw(st.integers(1, len(word)))]
    elif kind == "phrase":
        text = f'"{draw(st.sampled_from(PHRASES))}"'
    elif kind == "entity":
        text = f"entity:{draw(st.sampled_from(ENTITY_VALUES))}"
    elif kind == "tag":
        text = f"tag:{draw(st.sampled_from([*TAGS, 'DEA', 'none']))}"
    elif kind == "kind":
        text = f"kind:{draw(st.sampled_from(KINDS))}"
    else:
        assert kind in DATE_FIELDS
        text = f"{kind}:{draw(date_texts(kind))}"
    return f"-{text}" if draw(st.integers(0, 3)) == 0 else text


QUERIES = st.lists(terms(), min_size=0, max_size=3).map(" ".join)


@st.composite
def changed(draw: st.DrawFn, term: str) -> str:
    """The term left out or kept, made longer, or its word made a filter's value."""
    negated, text = term.startswith("-"), term.removeprefix("-")
    how = draw(st.sampled_from(["negate", "lengthen", "filter"]))
    if how == "negate":
        negated = not negated
    elif ":" not in text and not text.startswith('"'):  # a word (or the start of one)
        if how == "lengthen":
            longer = [w for w in WORDS if w.startswith(text) and w != text]
            longer += [f'"{p}"' for p in PHRASES if text in p]
            text = draw(st.sampled_from(longer)) if longer else text
            negated = draw(st.booleans())
        else:  # digits, as in "1985" then "year:1985", make a date filter's value
            fields = DATE_FIELDS if text.isdigit() else TEXT_FIELDS
            text = f"{draw(st.sampled_from(fields))}:{text}"
    return f"-{text}" if negated else text


@st.composite
def refinements(draw: st.DrawFn) -> list[str]:
    """A session at the filter bar: each query made from the one before by adding or
    dropping a term, leaving one out or in, lengthening a word, making it a filter."""
    current: list[str] = draw(st.lists(terms(), max_size=2))
    texts = [" ".join(current)]
    for _ in range(draw(st.integers(1, 8))):
        how = draw(st.sampled_from(["add", "drop", "change", "change"]))
        if how == "add" or not current:
            current = [*current, draw(terms())]
        elif how == "drop":
            del current[draw(st.integers(0, len(current) - 1))]
        else:
            at = draw(st.integers(0, len(current) - 1))
            current = [*current[:at], draw(changed(current[at])), *current[at + 1 :]]
        texts.append(" ".join(current))
    return texts


def typed(text: str) -> list[str]:
    """What a filter bar holds as `text` is typed one character at a time, then erased."""
    forward = [text[:n] for n in range(1, len(text) + 1)]
    return forward + forward[-2::-1]


def parsed(texts: Sequence[str]) -> list[Query]:
    """The texts that are queries (half-typed ones, like `tag:` or an open quote, are not)."""
    queries = []
    for text in texts:
        try:
            queries.append(parse_query(text))
        except QueryError:
            continue
    return queries


def check_sequence(timeline: Timeline, queries: Sequence[Query]) -> None:
    """Each query of the sequence, on one index that remembers, against a fresh index;
    also on an index with the word index a UI builds, which remembers differently."""
    remembering = TimelineIndex(timeline)
    indexed = TimelineIndex(timeline)
    prepare_search(indexed)
    for query in queries:
        expected = fresh(timeline, query)
        assert list(query.select(remembering)) == expected, (query.text, queries)
        assert list(query.select(indexed)) == expected, (query.text, queries)


@EXAMPLES
@given(timelines(VOCABULARY), st.lists(QUERIES, min_size=1, max_size=6))
def test_typing_queries_one_after_another(timeline: Timeline, texts: list[str]) -> None:
    # Each text typed out and erased, then the next: every state of the filter bar.
    check_sequence(timeline, parsed([state for text in texts for state in typed(text)]))


@EXAMPLES
@given(timelines(VOCABULARY), refinements())
def test_each_query_made_from_the_one_before(timeline: Timeline, texts: list[str]) -> None:
    # "1985" then "year:1985"; "kiki" then -"kiki camarena"; "caro" then "-caro"...
    check_sequence(timeline, parsed(texts))


@EXAMPLES
@given(timelines(VOCABULARY), st.lists(QUERIES, min_size=1, max_size=12))
def test_any_queries_one_after_another(timeline: Timeline, texts: list[str]) -> None:
    check_sequence(timeline, parsed(texts))


def test_typing_on_the_bundled_timeline() -> None:
    timeline = load_timeline(bundled_timeline_path())
    texts = [
        'camarena -"kiki camarena"',
        "kiki -kind:person",
        "caro year:1985 -tag:dea",
        "1985 year:1985",
        "year:1985 -caro",
        "entity:caro-quintero -year:2022",
        "caro quintero from:2013 to:2022",
    ]
    queries = parsed([state for text in texts for state in typed(text)])
    assert len(queries) > 100
    check_sequence(timeline, queries)


# --- what a caller gets -------------------------------------------------------------


def test_an_answer_cannot_be_changed_by_the_caller_it_was_given_to(
    sample_index: TimelineIndex,
) -> None:
    # The same answer is handed to whoever asks again: it is a tuple or a range.
    first = parse_query("caro").select(sample_index)
    assert not isinstance(first, MutableSequence)
    assert list(parse_query("caro").select(sample_index)) == [1, 2, 4, 5, 6]
    everything = parse_query("").select(sample_index)
    assert not isinstance(everything, MutableSequence)
    assert list(everything) == list(range(7))


@pytest.mark.parametrize(
    "given",
    [iter, lambda positions: (p for p in positions), list, tuple],
    ids=["iterator", "generator", "list", "tuple"],
)
def test_within_may_be_any_iterable(
    sample_index: TimelineIndex, given: Callable[[Sequence[int]], Iterable[int]]
) -> None:
    positions = (0, 2, 3, 6)
    assert list(parse_query("caro").select(sample_index, given(positions))) == [2, 6]
    assert list(parse_query("-caro").select(sample_index, given(positions))) == [0, 3]
    assert list(parse_query("").select(sample_index, given(positions))) == [0, 2, 3, 6]


def test_one_query_does_not_build_the_word_index(sample_index: TimelineIndex) -> None:
    # A command that asks one question (timeline list -q) scans; building the word
    # index costs a second at 100,000 events, worth it only where many queries follow.
    assert list(parse_query("caro -tag:arrest").select(sample_index)) == [1, 4, 6]
    assert sample_index.word_index is None


def test_prepare_search_lets_others_in_while_it_builds_the_word_index(
    sample_index: TimelineIndex,
) -> None:
    building: list[bool] = []
    prepare_search(sample_index, pause=lambda: building.append(sample_index.word_index is None))
    assert sample_index.word_index is not None
    assert building.count(True) >= 1, "no pause while the word index was being built"
    assert building.count(False) >= 1, "no pause after it"
    assert list(parse_query("caro -tag:arrest").select(sample_index)) == [1, 4, 6]

"""The word index and its bitmaps must give exactly what scanning the text gives."""

from __future__ import annotations

import gc
import weakref

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_viewer.domain.dates import PartialDate
from timeline_viewer.domain.model import Event, Timeline
from timeline_viewer.query import bitset
from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.query.language import _results_of, parse_query, prepare_search
from timeline_viewer.query.word_index import WordIndex

# Few letters, so that needles often match, partly match and straddle tokens.
LETTERS = "abñ é-(1"
TEXTS = st.lists(st.text(alphabet=LETTERS + " \n\t", max_size=12), max_size=40)
NEEDLES = st.text(alphabet=LETTERS.replace(" ", ""), min_size=1, max_size=3)


@given(st.integers(0, 300).flatmap(lambda n: st.tuples(st.just(n), st.sets(st.integers(0, n)))))
def test_bitmaps_round_trip_positions(case: tuple[int, set[int]]) -> None:
    count, chosen = case
    wanted = sorted(p for p in chosen if p < count)
    bits = bitset.from_positions(wanted, count)
    assert bits == sum(1 << p for p in wanted)
    assert bitset.positions(bits, count) == wanted
    assert bitset.from_groups([wanted[::2], wanted[1::2]], count) == bits
    assert bitset.from_flags(bitset.flags_of(bits, count)) == bits


def test_span_and_every() -> None:
    assert bitset.positions(bitset.span(2, 5), 8) == [2, 3, 4]
    assert bitset.span(5, 5) == 0
    assert bitset.positions(bitset.every(3), 3) == [0, 1, 2]
    assert bitset.positions(0, 10) == []


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.lists(NEEDLES, min_size=1, max_size=8), st.data())
def test_containing_is_a_substring_scan(
    texts: list[str], needles: list[str], data: st.DataObject
) -> None:
    count = len(texts)
    shared = data.draw(
        st.lists(
            st.tuples(
                st.text(alphabet=LETTERS + " ", max_size=8),
                st.lists(st.integers(0, max(count - 1, 0)), max_size=5).map(
                    lambda ps: ps if count else []
                ),
            ),
            max_size=4,
        )
    )
    index = WordIndex(texts, shared)
    for needle in needles:
        expected = [
            p
            for p, text in enumerate(texts)
            if needle in text or any(needle in t and p in ps for t, ps in shared)
        ]
        # Twice: the second answer comes from the cache.
        assert bitset.positions(index.containing(needle), count) == expected, needle
        assert bitset.positions(index.containing(needle), count) == expected, needle


def test_common_and_rare_tokens_are_both_found() -> None:
    # 200 texts: "common" is in every one (a bitmap), "<7>" in one (a tuple).
    texts = [f"common <{i}> x" for i in range(200)]
    index = WordIndex(texts, [("shared name", [3, 150, 3])])
    assert bitset.positions(index.containing("<7>"), 200) == [7]
    assert bitset.positions(index.containing("ommo"), 200) == list(range(200))
    assert bitset.positions(index.containing("name"), 200) == [3, 150]
    assert index.containing("absent") == 0


def test_a_needle_in_thousands_of_tokens_is_found_in_each() -> None:
    # More tokens hold "x" than are stepped through one by one: the regex pass.
    texts = [f"x{i} y{i}" for i in range(5000)]
    index = WordIndex(texts)
    assert bitset.positions(index.containing("x"), 5000) == list(range(5000))
    y49 = [49, *range(490, 500), *range(4900, 5000)]
    assert bitset.positions(index.containing("y49"), 5000) == y49


def test_every_event_matching_is_the_whole_range_and_results_are_shared() -> None:
    events = tuple(Event(f"e{i}", PartialDate(2000 + i), f"Event {i}") for i in range(10))
    index = TimelineIndex(Timeline("T", events))
    prepare_search(index)
    assert parse_query("event").select(index) == range(10)
    some = parse_query("1").select(index)
    assert list(some) == [1]
    assert parse_query("1").select(index) is some  # remembered, so never changed in place
    assert isinstance(some, tuple)


def test_remembered_results_do_not_keep_an_index_alive() -> None:
    # A reload replaces the index: the old one, with its results, must be freed.
    events = tuple(Event(f"e{i}", PartialDate(2000 + i), f"Event {i}") for i in range(10))
    index = TimelineIndex(Timeline("T", events))
    prepare_search(index)
    assert list(parse_query("event -1").select(index)) == [0, *range(2, 10)]
    gone = [weakref.ref(index), weakref.ref(index.prepare_word_index())]
    gone.append(weakref.ref(_results_of(index)))
    # Freed when the last reference goes, without the cyclic collector: the app
    # freezes its generations, so anything kept in a cycle would stay for good.
    gc.disable()
    try:
        del index
        assert [ref() for ref in gone] == [None, None, None]
    finally:
        gc.enable()


def test_building_pauses_every_few_thousand_texts() -> None:
    # A thread building the index waits in `pause` while the user types.
    calls: list[int] = []
    texts = [f"w{i}" for i in range(5000)]
    index = WordIndex(texts, pause=lambda: calls.append(1))
    assert len(calls) == 6  # 3 steps over the 5,000 texts, 3 over their 5,000 tokens
    assert bitset.positions(index.containing("w4999"), 5000) == [4999]

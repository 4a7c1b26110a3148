"""`starred` and `note:` in the filter language: the user's marks, handed in as data."""

from __future__ import annotations

import pytest

from timeline_viewer.domain.dates import PartialDate
from timeline_viewer.domain.model import Event, Timeline
from timeline_viewer.query.browse import BrowseView, search_view
from timeline_viewer.query.filter_wording import describe_filter
from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.query.language import Term, parse_query, prepare_search
from timeline_viewer.query.marks import Marks


def _index() -> TimelineIndex:
    events = [
        Event(f"e{i}", PartialDate(2000 + i), f"event {i} starred word" if i == 4 else f"event {i}")
        for i in range(6)
    ]
    return TimelineIndex(Timeline(title="t", events=events))


MARKS = Marks(
    frozenset({"e1", "e3", "gone"}),
    {"e1": "Motive: money", "e2": "Ask about the MÓTIVE", "e5": "   ", "gone": "motive"},
)


def test_starred_and_note_parse_and_print_back() -> None:
    query = parse_query('starred -Starred note: -note:Motive "starred"')
    assert query.terms == (
        Term("starred", ""),
        Term("starred", "", negated=True),
        Term("note", ""),
        Term("note", "motive", negated=True),
        Term("text", "starred"),
    )
    assert str(query) == 'starred -starred note: -note:motive "starred"'
    assert parse_query(str(query)) == query
    assert query.uses_marks
    assert not parse_query('"starred" camarena').uses_marks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("starred", [1, 3]),
        ("-starred", [0, 2, 4, 5]),
        ("note:", [1, 2]),  # a blank note is no note
        ("-note:", [0, 3, 4, 5]),
        ("note:motive", [1, 2]),  # folded: MÓTIVE too
        ("note:money starred", [1]),
        ("-note:money", [0, 2, 3, 4, 5]),
        ('"starred"', [4]),  # quoted: the word
        ("event starred", [1, 3]),
        ("year:2003 starred", [3]),
    ],
)
@pytest.mark.parametrize("how", ["scan", "word index", "within"])
def test_marks_filter(text: str, expected: list[int], how: str) -> None:
    index = _index()
    query = parse_query(text)
    if how == "word index":
        prepare_search(index)
    if how == "within":
        assert list(query.select(index, [1, 2, 3, 4], MARKS)) == [
            p for p in expected if 1 <= p <= 4
        ]
    else:
        assert list(query.select(index, None, MARKS)) == expected


def test_without_marks_nothing_is_starred_or_noted() -> None:
    index = _index()
    assert list(parse_query("starred").select(index)) == []
    assert list(parse_query("-note:").select(index)) == list(range(6))


def test_the_timeline_part_is_still_remembered_while_marks_change() -> None:
    index = _index()
    query = parse_query("event starred")
    assert list(query.select(index, None, MARKS)) == [1, 3]
    assert list(query.select(index, None, Marks(frozenset({"e0"})))) == [0]


def test_a_view_filters_again_when_its_marks_change() -> None:
    index = _index()
    view = BrowseView.of(index).filtered("starred")
    assert list(view.positions) == []
    view = view.with_marks(MARKS)
    assert list(view.positions) == [1, 3]
    unrelated = view.filtered("year:2001").with_marks(Marks())
    assert list(unrelated.positions) == [1]
    assert list(view.rebased(_index()).positions) == [1, 3]  # kept over a reload


def test_search_uses_the_views_marks() -> None:
    view = BrowseView.of(_index(), marks=MARKS)
    assert list(search_view(view, "note:").rows) == [1, 2]


def test_marks_are_said_in_words() -> None:
    index = _index()
    assert describe_filter(index, "starred -note:") == "Events starred, not with a note"
    assert describe_filter(index, "note:money") == 'Events with a note mentioning "money"'


def test_a_note_phrase_matches_across_any_run_of_spaces() -> None:
    index = _index()
    marks = Marks(frozenset(), {"e1": "ask about the  money"})
    query = parse_query('note:"the    money"')
    assert query.terms == (Term("note", "the money", False),)
    assert query.select(index, range(len(index)), marks) == [1]


def test_one_event_matches_with_the_marks_it_is_given() -> None:
    index, query = _index(), parse_query("starred")
    assert query.matches(index, 1, MARKS)
    assert not query.matches(index, 2, MARKS)
    assert not query.matches(index, 1)  # without marks, nothing is starred

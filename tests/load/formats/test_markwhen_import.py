"""Markwhen .mw files to our timeline: dates, ids, tags, text, and what is left out, located."""

from __future__ import annotations

import pytest

from timeline_viewer.domain.dates import OpenEnd, PartialDate, parse_partial_date
from timeline_viewer.domain.model import Event, Timeline
from timeline_viewer.domain.problems import LoadError, Problem
from timeline_viewer.interop.markwhen_export import export_markwhen
from timeline_viewer.load.formats import is_markwhen_file, is_timelinejs_file
from timeline_viewer.load.formats.markwhen import import_markwhen
from timeline_viewer.load.loader import bundled_timeline_path, load_timeline
from timeline_viewer.query.index import TimelineIndex

DOCUMENT = """\
---
title: Test #1
description: A test
---
1985: Plain year
id: plain-year

1985-02-07: A day #dea #kidnapping
Summary line one
- a list item
// a comment, left out

1985-02 / 1989: A period !period
44 BC: Caesar
300 BC - 200 BC: Years BC
Feb 7, 1985: Casual
7 February 1985: Casual day first
February 1985: Casual month
1/2/1985: Slash
# Section one
0800: Early
2000-01-01 12:00: With a time
after !period 3 days: Relative
"""


def _read(text: str) -> tuple[Timeline, list[Problem]]:
    warnings: list[Problem] = []
    return import_markwhen(text, "t.mw", warnings=warnings), warnings


def test_dates_ids_tags_and_text() -> None:
    timeline, warnings = _read(DOCUMENT)
    assert timeline.title == "Test )1"  # Markwhen itself reads `#1` in a header so
    assert timeline.description == "A test"
    by_title = {e.title: e for e in timeline.events}
    assert by_title["Plain year"].id == "plain-year"
    day = by_title["A day"]
    assert (day.date, day.tags) == (PartialDate(1985, 2, 7), ("dea", "kidnapping"))
    assert day.summary == "Summary line one\n- a list item"
    period = by_title["A period"]
    assert (period.id, period.date, period.end) == (
        "period",
        PartialDate(1985, 2),
        PartialDate(1989),
    )
    assert by_title["Caesar"].date == PartialDate(-43)
    # Markwhen ends a BC range where its last year begins.
    years = by_title["Years BC"]
    assert (years.date, years.end) == (PartialDate(-299), PartialDate(-200))
    for title in ("Casual", "Casual day first"):
        assert by_title[title].date == PartialDate(1985, 2, 7)
    assert by_title["Casual month"].date == PartialDate(1985, 2)
    assert by_title["Slash"].date == PartialDate(1985, 1, 2)
    assert by_title["Early"].tags == ("Section one",)
    assert by_title["With a time"].date == PartialDate(2000, 1, 1)
    assert "Relative" not in by_title
    messages = [str(w) for w in warnings]
    assert any(m.startswith("t.mw:22:1: times of day are not kept") for m in messages)
    assert any(m.startswith("t.mw:23:1: Markwhen reads a date here") for m in messages)


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n", "just words\nno dates here\n", "---\ntitle: x\n---\n1989?: not a date\n"],
)
def test_a_file_without_events_is_refused(text: str) -> None:
    with pytest.raises(LoadError) as raised:
        import_markwhen(text, "t.mw")
    assert "t.mw" in str(raised.value)


def test_relative_only_file_is_refused_with_every_problem() -> None:
    with pytest.raises(LoadError) as raised:
        import_markwhen("now: here\n-0043: minus\n", "t.mw")
    lines = str(raised.value).splitlines()
    assert lines[0].startswith("t.mw:1:1:") and lines[1].startswith("t.mw:2:1:")
    assert lines[-1].startswith("t.mw: no events")


def test_ids_are_slugs_and_unique() -> None:
    timeline, _ = _read("1985: Same\n1986: Same\n1987: Other\nid: Not A Slug\n1988: x\nid: same\n")
    assert sorted(e.id for e in timeline.events) == ["not-a-slug", "same", "same-2", "same-3"]


def test_our_export_comes_back_exactly() -> None:
    index = TimelineIndex(load_timeline(bundled_timeline_path()))
    back, warnings = _read(export_markwhen(index))
    assert warnings == []
    assert back.title == index.timeline.title
    assert back.description == index.timeline.description
    assert [(e.id, e.date, e.end, e.title, e.summary, e.tags) for e in back.events] == [
        (e.id, e.date, e.end, e.title, e.summary, e.tags) for e in index.events
    ]


def test_escaped_summary_lines_and_qualified_dates_come_back() -> None:
    summary = "note: x\n1990: a date\n# a section\n. dotted\nSee #tag and !bang"
    event = Event(
        "e",
        PartialDate(-43, 3, 15, approximate=True),
        "Ides (maybe)",
        summary=summary,
        tags=("a-b", "c"),
    )
    timeline = Timeline("T", events=(event,))
    back, warnings = _read(export_markwhen(TimelineIndex(timeline)))
    assert warnings == []
    assert back.events[0].summary == summary
    assert (back.events[0].date, back.events[0].title) == (event.date, "Ides (maybe)")
    assert back.events[0].tags == ("a-b", "c")


def test_mw_files_go_to_the_markwhen_importer() -> None:
    assert is_markwhen_file("x.MW") and is_timelinejs_file("x.mw")
    assert not is_markwhen_file("x.json")


@pytest.mark.parametrize(
    ("start", "end", "open_end"),
    [
        ("198X", None, None),
        ("19XX", "2001", None),
        ("1985-04-XX", None, ".."),
        ("1990", None, "unknown"),
        ("1985-XX?", "199X", None),
    ],
)
def test_x_dates_and_ends_without_a_date_come_back(
    start: str, end: str | None, open_end: str | None
) -> None:
    event = Event(
        "e",
        parse_partial_date(start),
        "Somewhere in time",
        end=None if end is None else parse_partial_date(end),
        open_end=None if open_end is None else OpenEnd(open_end),
    )
    back, warnings = _read(export_markwhen(TimelineIndex(Timeline("T", events=(event,)))))
    assert warnings == []
    got = back.events[0]
    assert (got.date, got.end, got.open_end, got.title) == (
        event.date,
        event.end,
        event.open_end,
        event.title,
    )
    assert got.when == event.when

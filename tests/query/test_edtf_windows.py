"""Date filters over EDTF forms: X dates are their span, an ongoing period runs on.

after:D / before:D   where the event starts: its date's first day (198X: 1980-01-01),
                     as for any coarse date
year: from: to:      any overlap: 198X is in year:1985; an ongoing period
                     (end: ..) overlaps every later date; an unknown end
                     (end: unknown) counts as the start's span only
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_viewer.domain.dates import DayKey, OpenEnd, PartialDate, parse_partial_date
from timeline_viewer.domain.model import Event, Timeline, chronological
from timeline_viewer.query.browse import RailExtent, TimeAxis
from timeline_viewer.query.index import TimelineIndex, time_span
from timeline_viewer.query.language import parse_query, prepare_search

FOREVER: DayKey = (10**9, 12, 31)


def event(
    event_id: str, date: str, end: str | None = None, open_end: OpenEnd | None = None
) -> Event:
    return Event(
        event_id,
        parse_partial_date(date),
        event_id,
        end=None if end is None else parse_partial_date(end),
        open_end=open_end,
    )


def matching(events: Sequence[Event], text: str) -> list[str]:
    timeline = Timeline("t", chronological(list(events)))
    query = parse_query(text)
    indexed = TimelineIndex(timeline)
    prepare_search(indexed)
    answers = {
        "scan": list(query.select(TimelineIndex(timeline))),
        "word index": list(query.select(indexed)),
        "within": list(query.select(TimelineIndex(timeline), range(len(timeline.events)))),
    }
    assert answers["scan"] == answers["word index"] == answers["within"], answers
    return sorted(timeline.events[p].id for p in answers["scan"])


def expected(events: Sequence[Event], field: str, date: PartialDate) -> list[str]:
    """The rule, written out plainly."""
    kept = []
    for e in events:
        start = e.date.first_day
        end = FOREVER if e.ongoing else e.last_day
        keep = {
            "after": start > date.last_day,
            "before": start < date.first_day,
            "to": start <= date.last_day,
            "from": end >= date.first_day,
            "year": start <= date.last_day and end >= date.first_day,
        }[field]
        if keep:
            kept.append(e.id)
    return sorted(kept)


SAMPLE = [
    event("decade", "198X"),
    event("century", "19XX"),
    event("some-month", "1985-XX"),
    event("some-day", "1985-04-XX"),
    event("ongoing", "1983", open_end=OpenEnd.ONGOING),
    event("ended-unknown", "1983", open_end=OpenEnd.UNKNOWN),
    event("plain", "1986-02-07"),
]


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("year:1985", ["century", "decade", "ongoing", "some-day", "some-month"]),
        ("year:1983", ["century", "decade", "ended-unknown", "ongoing"]),
        ("year:2020", ["ongoing"]),
        ("after:1985", ["plain"]),
        ("before:1985", ["century", "decade", "ended-unknown", "ongoing"]),
        ("from:1989", ["century", "decade", "ongoing"]),
        ("to:1979", ["century"]),
        ("year:198X", ["decade", "ended-unknown", "ongoing", "plain", "some-day", "some-month"]),
    ],
)
def test_edtf_forms_in_date_filters(query: str, ids: list[str]) -> None:
    # 19XX overlaps every year 1900 to 1999; an X query date is its span as well.
    if query == "year:198X":
        ids = sorted([*ids, "century"])
    assert matching(SAMPLE, query) == ids


dates = st.one_of(
    st.integers(1890, 2010).map(str),
    st.integers(189, 201).map(lambda d: f"{d}X"),
    st.integers(18, 20).map(lambda c: f"{c}XX"),
    st.integers(1890, 2010).map(lambda y: f"{y}-XX"),
    st.tuples(st.integers(1890, 2010), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}-XX"),
    st.tuples(st.integers(1890, 2010), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
)


@st.composite
def events(draw: st.DrawFn) -> list[Event]:
    made = []
    for n in range(draw(st.integers(0, 12))):
        date = parse_partial_date(draw(dates))
        kind = draw(st.sampled_from(["none", "end", "ongoing", "unknown"]))
        end = None
        if kind == "end":
            end_date = parse_partial_date(draw(dates))
            if end_date.last_day >= date.first_day:
                end = end_date
        open_end = {"ongoing": OpenEnd.ONGOING, "unknown": OpenEnd.UNKNOWN}.get(kind)
        made.append(Event(f"e{n}", date, f"e{n}", end=end, open_end=open_end))
    return made


@settings(max_examples=150, deadline=None)
@given(
    events(),
    st.sampled_from(["after", "before", "to", "from", "year"]),
    st.integers(1890, 2010),
    st.sampled_from(["", "-06", "-06-15", "X"]),
)
def test_filters_follow_the_rule_for_any_mix(
    made: list[Event], field: str, year: int, suffix: str
) -> None:
    if field == "year":
        suffix = suffix if suffix in ("", "X") else ""
    text = (str(year)[:3] + "X") if suffix == "X" else f"{year}{suffix}"
    assert matching(made, f"{field}:{text}") == expected(made, field, parse_partial_date(text))


def test_x_dates_widen_the_span_and_ongoing_periods_do_not() -> None:
    timeline = Timeline("t", chronological([event("a", "1975"), event("b", "198X")]))
    index = TimelineIndex(timeline)
    assert time_span(index.events) == (1975.0, 1989 + 11 / 12 + 30 / 372)
    axis = TimeAxis.of(index)
    assert axis is not None and axis.span == time_span(index.events)
    ongoing = Timeline(
        "t", chronological([event("a", "1975", open_end=OpenEnd.ONGOING), event("b", "1985")])
    )
    assert time_span(ongoing.events) == (1975.0, 1985 + 11 / 12 + 30 / 372)


@pytest.mark.parametrize(
    ("target", "extent"),
    [
        ("a", RailExtent(0, 9, ongoing=False, loose=False)),
        # 1985 is halfway across the span 1980 to 1989: column 10 of 20.
        ("still", RailExtent(10, 19, ongoing=True, loose=False)),
        # A decade starts where its first year does and runs to its last.
        ("decade", RailExtent(0, 19, ongoing=False, loose=True)),
        # A date inside one year has no extent to draw, whatever its end says.
        ("unknown", None),
        ("about", None),
        ("last", None),
        ("long-ago", RailExtent(0, 19, ongoing=True, loose=True)),
    ],
)
def test_rail_extent_of_each_kind_of_event(target: str, extent: RailExtent | None) -> None:
    timeline = Timeline(
        "t",
        chronological(
            [
                event("a", "1980", end="1984"),
                event("still", "1985-01", open_end=OpenEnd.ONGOING),
                event("decade", "198X"),
                event("unknown", "1985", open_end=OpenEnd.UNKNOWN),
                event("about", "1985~"),
                event("last", "1989-12-31"),
                event("long-ago", "198X", open_end=OpenEnd.ONGOING),
            ]
        ),
    )
    index = TimelineIndex(timeline)
    axis = TimeAxis.of(index)
    assert axis is not None
    position = index.position_by_id[target]
    assert axis.extent(position, index.events[position], 20) == extent

"""The edges of every date filter: the first and last day in, the day either side out.

    year:1985    happened (at least partly) in 1985
    from:D       still running on or after D's first day
    to:D         started on or before D's last day
    after:D      started after D's last day
    before:D     started before D's first day
    reported:D   first reported (at least partly) within D

A date known to the year or month runs from its first day to its last; a
period runs from its start to its end. Qualifiers (~ ? %) do not move a date.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from timeline_viewer.domain.dates import parse_partial_date
from timeline_viewer.domain.model import Event, Timeline, chronological
from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.query.language import parse_query, prepare_search


def event(event_id: str, date: str, end: str | None = None, reported: str | None = None) -> Event:
    return Event(
        event_id,
        parse_partial_date(date),
        event_id,
        end=None if end is None else parse_partial_date(end),
        reported=None if reported is None else parse_partial_date(reported),
    )


def matching(events: Sequence[Event], text: str) -> list[str]:
    """Ids of the events a query keeps, the same whichever way it is answered: by a
    scan, from the word index a UI builds, or among given positions."""
    timeline = Timeline("t", chronological(list(events)))
    query = parse_query(text)
    indexed = TimelineIndex(timeline)
    prepare_search(indexed)
    everywhere = range(len(timeline.events))
    answers = {
        "scan": list(query.select(TimelineIndex(timeline))),
        "word index": list(query.select(indexed)),
        "within": list(query.select(TimelineIndex(timeline), everywhere)),
    }
    assert answers["scan"] == answers["word index"] == answers["within"], answers
    return [timeline.events[p].id for p in answers["scan"]]


# --- year: -------------------------------------------------------------------

YEARS = [
    event("dec-31-before", "1984-12-31"),
    event("jan-1", "1985-01-01"),
    event("dec-31", "1985-12-31"),
    event("jan-1-after", "1986-01-01"),
    event("the-year", "1985"),
    event("a-month", "1985-06"),
    event("about-the-year", "1985~"),
    event("maybe-the-year", "1985?"),
    event("about-maybe-december", "1985-12%"),
    event("about-the-year-before", "1984~"),
    event("until-jan-1", "1984-06", end="1985-01-01"),
    event("until-dec-31-before", "1983", end="1984-12-31"),
    event("from-dec-31", "1985-12-31", end="1987"),
    event("across", "1980", end="1990"),
]


def test_year_keeps_events_from_its_first_day_to_its_last() -> None:
    assert sorted(matching(YEARS, "year:1985")) == sorted(
        [
            "jan-1",
            "dec-31",
            "the-year",
            "a-month",
            "about-the-year",
            "maybe-the-year",
            "about-maybe-december",
            "until-jan-1",
            "from-dec-31",
            "across",
        ]
    )


def test_minus_year_keeps_the_rest() -> None:
    assert sorted(matching(YEARS, "-year:1985")) == sorted(
        ["dec-31-before", "jan-1-after", "about-the-year-before", "until-dec-31-before"]
    )


def test_year_with_a_coarse_date_first_in_the_list() -> None:
    events = [event("the-year", "1985"), event("june", "1985-06-01"), event("later", "1986")]
    assert matching(events, "year:1985") == ["the-year", "june"]
    assert matching(events, "year:1986") == ["later"]


# --- from: -------------------------------------------------------------------

FROM = [
    event("until-the-day", "1984-01", end="1985-03-10"),
    event("until-the-day-before", "1984-01", end="1985-03-09"),
    event("the-day-before", "1985-03-09"),
    event("the-day", "1985-03-10"),
    event("its-month", "1985-03"),  # starts before the day, ends after it
    event("its-year", "1985~"),
    event("february", "1985-02"),
    event("the-year-before", "1984"),
    event("next-year", "1986"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "from:1985-03-10",
            "its-year until-the-day its-month the-day next-year",
        ),
        (
            "from:1985-03",  # from its first day, 1 March
            "its-year until-the-day until-the-day-before its-month the-day-before the-day next-year",
        ),
        (
            "from:1985-02-28",  # the last day of February: a date known to the month ends then
            "its-year until-the-day until-the-day-before february its-month the-day-before the-day next-year",
        ),
        (
            "-from:1985-03-10",
            "until-the-day-before the-year-before february the-day-before",
        ),
    ],
)
def test_from_keeps_what_is_still_running_on_the_day(text: str, expected: str) -> None:
    assert sorted(matching(FROM, text)) == sorted(expected.split())


@pytest.mark.parametrize("first", ["1985", "1985~", "1985?", "1985-06%"])
def test_from_finds_a_coarse_date_first_in_the_list(first: str) -> None:
    # It starts before the day and is found by looking back from it, down to position 0.
    events = [event("coarse", first), event("march", "1985-03-01"), event("july", "1985-07-01")]
    assert matching(events, "from:1985-06-15") == ["coarse", "july"]


def test_from_finds_a_period_first_in_the_list() -> None:
    events = [event("period", "1984", end="1985-06-15"), event("march", "1985-03-01")]
    assert matching(events, "from:1985-06-15") == ["period"]
    assert matching(events, "from:1985-06-16") == []


def test_from_inside_a_year_before_the_common_era() -> None:
    # Astronomical years: -0043 is 44 BCE, the year of the Ides of March.
    events = [
        event("that-year", "-0043"),
        event("ides-of-march", "-0043-03-15"),
        event("next-year", "-0042"),
    ]
    assert matching(events, "from:-0043-06") == ["that-year", "next-year"]
    assert matching(events, "year:-0043") == ["that-year", "ides-of-march"]


# --- to:, before:, after: --------------------------------------------------

STARTS = [
    event("the-year", "1985"),
    event("the-year-before-period", "1984", end="1990"),
    event("february-28", "1985-02-28"),
    event("march", "1985-03"),
    event("march-1", "1985-03-01"),
    event("march-9", "1985-03-09"),
    event("march-10", "1985-03-10"),
    event("march-11-period", "1985-03-11", end="1986"),
    event("march-31", "1985-03-31"),
    event("april-1", "1985-04-01"),
    event("next-year", "1986"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # to: started on or before the date's last day.
        (
            "to:1985-03-10",
            "the-year-before-period the-year february-28 march march-1 march-9 march-10",
        ),
        (
            "to:1985-03",
            "the-year-before-period the-year february-28 march march-1 march-9 march-10 march-11-period march-31",
        ),
        ("to:1984", "the-year-before-period"),
        # before: started before the date's first day.
        (
            "before:1985-03-10",
            "the-year-before-period the-year february-28 march march-1 march-9",
        ),
        ("before:1985-03", "the-year-before-period the-year february-28"),
        ("before:1985", "the-year-before-period"),
        # after: started after the date's last day.
        ("after:1985-03-10", "march-11-period march-31 april-1 next-year"),
        ("after:1985-03", "april-1 next-year"),
        (
            "after:1985-02-28",
            "march march-1 march-9 march-10 march-11-period march-31 april-1 next-year",
        ),
        ("after:1985", "next-year"),
        # Each minus keeps exactly the others.
        ("-to:1985-03-10", "march-11-period march-31 april-1 next-year"),
        (
            "-before:1985-03-10",
            "march-10 march-11-period march-31 april-1 next-year",
        ),
        (
            "-after:1985-03-10",
            "the-year-before-period the-year february-28 march march-1 march-9 march-10",
        ),
    ],
)
def test_start_filters_at_their_edges(text: str, expected: str) -> None:
    assert sorted(matching(STARTS, text)) == sorted(expected.split())


# --- reported: ----------------------------------------------------------------

REPORTED = [
    event("day-before", "1984", reported="1985-01-31"),
    event("first-day", "1984", reported="1985-02-01"),
    event("last-day", "1984", reported="1985-02-28"),
    event("day-after", "1984", reported="1985-03-01"),
    event("that-month", "1984", reported="1985-02~"),
    event("that-year", "1984", reported="1985"),  # might be February: kept, as by year:
    event("never-reported", "1984"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("reported:1985-02", "first-day last-day that-month that-year"),
        ("reported:1985-02-01", "first-day that-month that-year"),
        ("reported:1985-02-28", "last-day that-month that-year"),
        ("reported:1985-01-31", "day-before that-year"),
        ("reported:1985-03-01", "day-after that-year"),
        ("reported:1984", ""),  # when it happened does not count
        ("-reported:1985-02", "day-before day-after never-reported"),
    ],
)
def test_reported_keeps_reports_from_the_first_day_to_the_last(text: str, expected: str) -> None:
    assert sorted(matching(REPORTED, text)) == sorted(expected.split())

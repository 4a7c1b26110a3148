"""Random timelines for the query tests, drawn from a small vocabulary.

The property tests of the query engine check an answer against a plain meaning or a
fresh index; each wants words, names and dates of its own that make its queries hit
and miss, but the same kind of timeline around them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hypothesis import strategies as st

from timeline_viewer.domain.dates import PartialDate, days_in_month
from timeline_viewer.domain.model import Entity, Event, Timeline, chronological


@st.composite
def partial_dates(
    draw: st.DrawFn, years: Sequence[int], *, edges: bool = False, qualified: bool = False
) -> PartialDate:
    """A date in one of `years` at any precision; with `edges`, often on the edge of a
    month or a year (where a window's bounds are); `qualified`, maybe `~` or `?`."""
    year = draw(st.sampled_from(years))
    months = st.sampled_from([1, 2, 6, 12]) | st.integers(1, 12) if edges else st.integers(1, 12)
    month = draw(st.none() | months)
    day = None
    if month is not None:
        last = days_in_month(year, month)
        days = st.sampled_from([1, last]) | st.integers(1, last) if edges else st.integers(1, last)
        day = draw(st.none() | days)
    if not qualified:
        return PartialDate(year, month, day)
    return PartialDate(
        year, month, day, approximate=draw(st.booleans()), uncertain=draw(st.booleans())
    )


@dataclass(frozen=True)
class Vocabulary:
    """What the events of a drawn timeline are made of."""

    # Places go in an event's place, the others in its entities.
    entities: tuple[Entity, ...]
    titles: Sequence[str]
    tags: Sequence[str]
    dates: st.SearchStrategy[PartialDate]
    # Empty: no event has a summary (for a test whose plain meaning reads no summary).
    summaries: Sequence[str] = ()
    # Whether an event may carry the date it was first reported (`reported:`).
    reported: bool = False
    most_events: int = 14


@st.composite
def timelines(draw: st.DrawFn, vocabulary: Vocabulary) -> Timeline:
    people_and_groups = [e.id for e in vocabulary.entities if e.kind != "place"]
    places = [e.id for e in vocabulary.entities if e.kind == "place"]
    dates = vocabulary.dates
    events = []
    # Some timelines have their entities in most events, others in few.
    involvement = draw(st.sampled_from([0.2, 0.5, 0.9]))
    for n in range(draw(st.integers(0, vocabulary.most_events))):
        date = draw(dates)
        end = draw(st.none() | dates)
        if end is not None and end.last_day < date.first_day:
            end = None
        title = draw(st.sampled_from(vocabulary.titles))
        summary = (
            draw(st.none() | st.sampled_from(vocabulary.summaries))
            if vocabulary.summaries
            else None
        )
        entities = tuple(
            e for e in people_and_groups if draw(st.floats(0, 1, exclude_max=True)) < involvement
        )
        events.append(
            Event(
                id=f"e{n}",
                date=date,
                end=end,
                title=title,
                summary=summary,
                entities=entities,
                place=draw(st.none() | st.sampled_from(places)) if places else None,
                tags=tuple(draw(st.sets(st.sampled_from(vocabulary.tags)))),
                reported=draw(st.none() | dates) if vocabulary.reported else None,
            )
        )
    return Timeline("T", chronological(events), vocabulary.entities)

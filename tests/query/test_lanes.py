"""Entity lanes without any UI: which lanes, where each event is drawn, cursor, zoom, axis."""

from __future__ import annotations

import datetime
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_viewer.domain.dates import PartialDate
from timeline_viewer.domain.model import Entity, Event, Timeline, chronological
from timeline_viewer.load.loader import load_timeline
from timeline_viewer.query import lanes
from timeline_viewer.query.browse import BrowseView
from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.query.lanes import Cell, LaneCursor, Window, day_number

SMALL = Path(__file__).parent.parent / "tui" / "fixtures" / "small.yaml"


@pytest.fixture
def index() -> TimelineIndex:
    return TimelineIndex(load_timeline(SMALL))


def names(lane_set: lanes.LaneSet) -> list[str]:
    return [lane.entity.id for lane in lane_set.lanes]


def ids(lane_set: lanes.LaneSet, number: int) -> list[str]:
    events = lane_set.index.events
    return [events[p].id for p in lane_set.lanes[number].positions]


# -- days -------------------------------------------------------------------------


@given(st.dates())
def test_day_numbers_count_days_as_the_calendar_does(date: datetime.date) -> None:
    number = day_number((date.year, date.month, date.day))
    assert number == date.toordinal() - datetime.date(1970, 1, 1).toordinal()
    assert lanes.day_key(number) == (date.year, date.month, date.day)


@given(st.integers(min_value=-3_000_000, max_value=3_000_000))
def test_day_numbers_go_both_ways_outside_datetime_years(number: int) -> None:
    assert day_number(lanes.day_key(number)) == number


# -- which lanes ---------------------------------------------------------------------


def test_without_a_choice_the_lanes_are_the_entities_with_most_events(
    index: TimelineIndex,
) -> None:
    lane_set = lanes.lanes_of(BrowseView.of(index), top=3)
    counts = [len(lane) for lane in lane_set.lanes]
    assert counts == sorted(counts, reverse=True)
    assert names(lane_set)[0] == "river-town"
    assert not lane_set.chosen


def test_the_filter_applies_to_the_lanes_and_to_which_entities_lead(
    index: TimelineIndex,
) -> None:
    view = BrowseView.of(index).filtered("bridge")
    lane_set = lanes.lanes_of(view, top=5)
    shown = set(view.positions)
    for lane in lane_set.lanes:
        assert lane.positions
        assert set(lane.positions) <= shown
    assert sum(1 for _ in lane_set.lanes) <= 5
    assert "old-mill" not in names(lane_set)


def test_the_label_says_which_entities_have_lanes(index: TimelineIndex) -> None:
    view = BrowseView.of(index)
    assert lanes.lanes_label(lanes.lanes_of(view, top=3)) == "the 3 entities with most events"
    assert lanes.lanes_label(lanes.lanes_of(view, top=1)) == "1 entity"
    two = lanes.lanes_of(view, chosen=["river-town", "old-mill"])
    assert lanes.lanes_label(two) == "2 chosen entities"
    assert lanes.lanes_label(lanes.lanes_of(view, chosen=["old-mill"])) == "1 chosen entity"


def test_chosen_entities_get_lanes_in_their_order_even_without_events(
    index: TimelineIndex,
) -> None:
    view = BrowseView.of(index).filtered("flood")
    lane_set = lanes.lanes_of(view, chosen=["old-mill", "nobody", "river-board"])
    assert names(lane_set) == ["old-mill", "river-board"]
    assert lane_set.chosen
    assert ids(lane_set, 0) == []
    assert ids(lane_set, 1) == ["flood"]


def test_an_entity_view_lanes_its_own_events(index: TimelineIndex) -> None:
    lane_set = lanes.lanes_of(BrowseView.of(index, "ana-lima"), top=4)
    assert names(lane_set)[0] == "ana-lima"
    for lane in lane_set.lanes:
        assert set(lane.positions) <= set(index.positions_of("ana-lima"))


# -- layout -------------------------------------------------------------------------


def test_a_period_is_a_bar_from_its_start_to_its_end(index: TimelineIndex) -> None:
    lane_set = lanes.lanes_of(BrowseView.of(index), chosen=["river-board"])
    flood = index.events[index.position_by_id["flood"]]
    start = day_number(flood.date.first_day)
    window = Window(start - 10, start + 30)
    row = lanes.layout(lane_set, window, 40)[0]
    assert row.kinds[10] == Cell.MARK  # 2 April: the flood's mark
    assert set(row.kinds[11:29]) == {Cell.BAR}  # to 20 April
    assert row.kinds[29] == Cell.EMPTY
    assert row.glyphs[10:12] == "●━"


def test_approximate_and_uncertain_dates_are_drawn_hollow(index: TimelineIndex) -> None:
    lane_set = lanes.lanes_of(BrowseView.of(index), chosen=["river-town", "river-board"])
    window = Window.fitting(lane_set.extent, 100)
    town, board = lanes.layout(lane_set, window, 100)
    # "1975~" founds the town; "2013?" creates the board.
    assert town.kinds[town.kinds.index("?")] == Cell.VAGUE_MARK
    assert town.glyphs.lstrip()[0] == "○"
    assert Cell.VAGUE_MARK in board.kinds


def test_an_imprecise_date_spreads_over_its_days_when_zoomed_in(index: TimelineIndex) -> None:
    lane_set = lanes.lanes_of(BrowseView.of(index), chosen=["old-mill"])
    july = day_number((1985, 7, 1))
    window = Window(july - 5, july + 35)  # a day per column
    row = lanes.layout(lane_set, window, 40)[0]
    assert row.kinds[5] == Cell.MARK
    assert set(row.kinds[6:36]) == {Cell.EXTENT}  # the rest of July 1985
    assert row.kinds[36] == Cell.EMPTY


def test_events_in_one_cell_are_counted(index: TimelineIndex) -> None:
    lane_set = lanes.lanes_of(BrowseView.of(index), chosen=["river-town"])
    row = lanes.layout(lane_set, Window.fitting(lane_set.extent, 3), 3)[0]
    assert sum(row.counts) == len(lane_set.lanes[0])
    assert any(kind == Cell.CLUSTER for kind in row.kinds)
    assert "◆" in row.glyphs


# Random timelines: a few entities, events on random days (some periods, some
# vague, some known only to the month or year).

_ENTITIES = ("a", "b", "c", "d")


@st.composite
def timelines(draw: st.DrawFn) -> Timeline:
    events = []
    for number in range(draw(st.integers(min_value=0, max_value=60))):
        year = draw(st.integers(min_value=1980, max_value=1990))
        precision = draw(st.sampled_from(("year", "month", "day", "day", "day")))
        month = None if precision == "year" else draw(st.integers(1, 12))
        day = draw(st.integers(1, 28)) if precision == "day" else None
        date = PartialDate(year, month, day, approximate=draw(st.booleans()) and number % 3 == 0)
        end = None
        if draw(st.integers(0, 5)) == 0:
            end = PartialDate(year + draw(st.integers(1, 3)), 6, 1)
        entities = tuple(draw(st.sets(st.sampled_from(_ENTITIES), min_size=1, max_size=3)))
        events.append(Event(f"e{number}", date, f"Event {number}", end, entities=entities))
    entities = tuple(Entity(i, i.upper(), "person") for i in _ENTITIES)
    return Timeline("Random", chronological(events), entities)


@st.composite
def windows(draw: st.DrawFn) -> Window:
    start = draw(st.integers(day_number((1979, 1, 1)), day_number((1995, 1, 1))))
    return Window(start, start + draw(st.integers(lanes.MIN_SPAN, 6000)))


@settings(max_examples=150, deadline=None, derandomize=True)
@given(timelines(), windows(), st.integers(1, 120))
def test_every_event_in_the_window_is_in_exactly_one_cell(
    timeline: Timeline, window: Window, width: int
) -> None:
    index = TimelineIndex(timeline)
    lane_set = lanes.lanes_of(BrowseView.of(index), chosen=_ENTITIES)
    for lane, row in zip(lane_set.lanes, lanes.layout(lane_set, window, width), strict=True):
        inside = [at for at, day in enumerate(lane.starts) if window.start <= day < window.end]
        assert sum(row.counts) == len(inside) == row.in_view
        for at in inside:
            column = window.column(lane.starts[at], width)
            assert column is not None
            first = row.first[column]
            assert first <= at < first + row.counts[column]
        assert len(row.glyphs) == len(row.kinds) == width
        for column, count in enumerate(row.counts):
            marks = (Cell.MARK, Cell.VAGUE_MARK) if count == 1 else (Cell.CLUSTER,)
            assert (row.kinds[column] in marks) if count else (row.kinds[column] not in marks)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(timelines(), st.sampled_from(_ENTITIES))
def test_moving_along_a_lane_visits_its_events_in_date_order(
    timeline: Timeline, entity: str
) -> None:
    index = TimelineIndex(timeline)
    lane_set = lanes.lanes_of(BrowseView.of(index), chosen=[entity])
    if not lane_set.lanes[0].positions:
        assert lane_set.first_cursor() is None
        return
    cursor: LaneCursor | None = lane_set.first_cursor()
    visited = []
    while cursor is not None:
        visited.append(lane_set.position_at(cursor))
        cursor = lanes.along(lane_set, cursor, 1)
    assert sorted(visited) == sorted(index.positions_of(entity))
    keys = [index.events[p].date.first_day for p in visited]
    assert keys == sorted(keys)
    # Same day: file order, as the list shows them.
    for (a, b), (day_a, day_b) in zip(pairwise(visited), pairwise(keys), strict=True):
        assert day_a < day_b or a < b
    back = lanes.lane_end(lane_set, LaneCursor(0, 0), last=True)
    assert lane_set.position_at(back) == visited[-1]


@settings(max_examples=100, deadline=None, derandomize=True)
@given(timelines(), st.integers(0, 59))
def test_moving_between_lanes_lands_on_the_nearest_event_in_date(
    timeline: Timeline, pick: int
) -> None:
    index = TimelineIndex(timeline)
    lane_set = lanes.lanes_of(BrowseView.of(index), chosen=_ENTITIES)
    filled = [n for n, lane in enumerate(lane_set.lanes) if lane.positions]
    if len(filled) < 2:
        return
    top = lane_set.lanes[filled[0]]
    cursor = LaneCursor(filled[0], pick % len(top))
    moved = lanes.across(lane_set, cursor, 1)
    assert moved is not None and moved.lane == filled[1]
    day = top.starts[cursor.at]
    below = lane_set.lanes[filled[1]].starts
    assert abs(below[moved.at] - day) == min(abs(other - day) for other in below)
    assert lanes.across(lane_set, LaneCursor(filled[0], 0), -1) is None or filled[0] > 0


# -- the window -----------------------------------------------------------------------


def test_zooming_keeps_the_cursor_day_in_place_and_stops_at_a_week() -> None:
    window = Window(0, 1000)
    zoomed = window.zoomed(0.5, 250)
    assert zoomed == Window(125, 625)
    assert (250 - zoomed.start) / zoomed.span == pytest.approx(0.25)
    tiny = Window(0, 10).zoomed(0.5, 5)
    assert tiny.span == lanes.MIN_SPAN


def test_zooming_out_stops_at_the_whole_extent() -> None:
    limit = (0, 1000)
    assert Window(400, 800).zoomed(2, 600, limit) == Window(200, 1000)
    assert Window(200, 1000).zoomed(2, 600, limit) == Window(0, 1000)
    assert Window(800, 1000).zoomed(2, 990, limit) == Window(600, 1000)  # kept inside
    assert Window(0, 1000).zoomed(2, 600, limit) == Window(0, 1000)


def test_panning_moves_a_quarter_and_stops_at_the_edges() -> None:
    limit = (0, 1000)
    assert Window(100, 500).panned(0.25, limit) == Window(200, 600)
    assert Window(500, 900).panned(0.25, limit) == Window(600, 1000)
    assert Window(600, 1000).panned(0.25, limit) == Window(600, 1000)
    assert Window(50, 450).panned(-0.25, limit) == Window(0, 400)


def test_a_window_follows_a_day_outside_it() -> None:
    window = Window(100, 200)
    assert window.showing(150) is window
    later = window.showing(300)
    assert later.start <= 300 < later.end and later.span == 100
    assert window.showing(10).start <= 10 < window.showing(10).end
    assert window.showing(10).span == 100


def test_after_a_pan_the_cursor_moves_to_an_event_in_view(index: TimelineIndex) -> None:
    lane_set = lanes.lanes_of(BrowseView.of(index), chosen=["river-town"])
    lane = lane_set.lanes[0]
    cursor = LaneCursor(0, 0)  # 1975
    later = Window(lane.starts[2] - 1, lane.starts[2] + 400)
    moved = lanes.nearest_in_window(lane_set, cursor, later)
    assert moved == LaneCursor(0, 2)
    empty = Window(day_number((1900, 1, 1)), day_number((1901, 1, 1)))
    assert lanes.nearest_in_window(lane_set, cursor, empty) == cursor


# -- the axis ------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None, derandomize=True)
@given(windows(), st.integers(1, 200))
def test_axis_labels_fit_and_never_touch(window: Window, width: int) -> None:
    ticks = lanes.axis_ticks(window, width)
    for column, text in ticks:
        assert column >= 0 and column + len(text) <= width
    for (left, text), (right, _) in pairwise(ticks):
        assert left + len(text) < right


def test_the_axis_says_years_months_or_days_as_the_zoom_needs() -> None:
    decades = Window(day_number((1980, 1, 1)), day_number((2020, 1, 1)))
    assert [t for _, t in lanes.axis_ticks(decades, 80)][:2] == ["1980", "1985"]
    months = Window(day_number((1985, 1, 1)), day_number((1986, 1, 1)))
    assert [t for _, t in lanes.axis_ticks(months, 100)][:3] == ["1985", "Feb", "Mar"]
    days = Window(day_number((1985, 2, 1)), day_number((1985, 3, 1)))
    texts = [t for _, t in lanes.axis_ticks(days, 120)]
    assert texts[0] == "Feb" and "15" in texts
    assert lanes.window_label(days) == "1 Feb 1985 to 28 Feb 1985"
    assert lanes.window_label(decades) == "1980 to 2019"


def test_cell_events_say_which_of_a_cluster_the_cursor_is_on(index: TimelineIndex) -> None:
    lane_set = lanes.lanes_of(BrowseView.of(index), chosen=["river-town"])
    window = Window.fitting(lane_set.extent, 3)
    assert lanes.cell_events(lane_set, LaneCursor(0, 0), window, 3)[0] == 1
    far = Window(0, 10)
    assert lanes.cell_events(lane_set, LaneCursor(0, 0), far, 3) == (0, 0)


def test_a_click_goes_to_the_first_event_of_its_column_else_the_nearest(
    index: TimelineIndex,
) -> None:
    lane_set = lanes.lanes_of(BrowseView.of(index), chosen=["river-town"])
    lane = lane_set.lanes[0]
    width = 40
    window = Window.fitting(lane_set.extent, width)
    row = lanes.layout_lane(lane, window, width)
    bounds = window.boundaries(width)
    for column in range(width + 3):  # (and past the last column: the last day's nearest)
        cursor = lanes.clicked(lane_set, 0, row, column, window)
        assert cursor is not None and cursor.lane == 0
        if column < width and row.first[column] >= 0:
            assert cursor.at == row.first[column]
        else:
            day = bounds[min(column, width - 1)]
            nearest = min(abs(start - day) for start in lane.starts)
            assert abs(lane.starts[cursor.at] - day) == nearest
            assert cursor.at == lane.starts.index(lane.starts[cursor.at])  # the first that day


def test_a_click_on_a_lane_without_events_goes_nowhere(index: TimelineIndex) -> None:
    view = BrowseView.of(index).filtered("flood")
    lane_set = lanes.lanes_of(view, chosen=["old-mill", "river-board"])
    window = Window.fitting(lane_set.extent, 10)
    row = lanes.layout_lane(lane_set.lanes[0], window, 10)
    assert lanes.clicked(lane_set, 0, row, 3, window) is None


# -- gathering off the UI thread, and after a reload -------------------------------------


def _days_apart(count: int, entity_of: tuple[str, ...] = ("a", "b")) -> Timeline:
    """`count` events a day apart, each of one entity in turn."""
    start = datetime.date(1980, 1, 1)
    events = []
    for number in range(count):
        day = start + datetime.timedelta(days=number)
        date = PartialDate(day.year, day.month, day.day)
        entity = entity_of[number % len(entity_of)]
        events.append(Event(f"e{number}", date, f"Event {number}", entities=(entity,)))
    entities = tuple(Entity(i, i.upper(), "person") for i in entity_of)
    return Timeline("Days", chronological(events), entities)


def test_small_timelines_and_small_views_with_known_days_gather_quickly() -> None:
    assert lanes.gathers_quickly(BrowseView.of(TimelineIndex(_days_apart(lanes.QUICK_EVENTS))))
    big = TimelineIndex(_days_apart(lanes.QUICK_EVENTS + 2))
    whole, few = BrowseView.of(big), BrowseView.of(big).filtered("year:1980")
    assert not lanes.has_event_days(big)
    # Until the days are known, even a view of a few events needs a pass over all.
    assert not lanes.gathers_quickly(few)
    lanes.event_days(big)
    assert lanes.has_event_days(big)
    assert lanes.gathers_quickly(few)
    assert not lanes.gathers_quickly(whole)  # a pass over every event it shows


def test_the_days_are_computed_once_when_two_threads_ask() -> None:
    import threading

    index = TimelineIndex(_days_apart(3000))
    found: list[lanes.EventDays] = []
    threads = [threading.Thread(target=lambda: found.append(lanes.event_days(index))) for _ in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found[0] is found[1]


def test_after_a_reload_the_cursor_finds_its_event_by_id() -> None:
    timeline = _days_apart(10)
    before = lanes.lanes_of(BrowseView.of(TimelineIndex(timeline)), top=2)
    cursor = LaneCursor(1, 2)  # b's third event: e5
    mark = lanes.cursor_mark(before, cursor)
    assert (mark.event_id, mark.entity_id) == ("e5", "b")
    # An event added before it: its position moves, its id does not.
    added = Event("new", PartialDate(1979, 6, 1), "New", entities=("b",))
    moved = Timeline("Days", chronological((added, *timeline.events)), timeline.entities)
    after = lanes.lanes_of(BrowseView.of(TimelineIndex(moved)), top=2)
    found = lanes.find_mark(after, mark)
    assert found is not None
    assert after.index.events[after.position_at(found)].id == "e5"
    assert after.lanes[found.lane].entity.id == "b"


def test_after_a_reload_a_deleted_event_leaves_the_cursor_nearby_in_its_lane() -> None:
    timeline = _days_apart(10)
    before = lanes.lanes_of(BrowseView.of(TimelineIndex(timeline)), top=2)
    mark = lanes.cursor_mark(before, LaneCursor(1, 2))  # e5, 1980-01-06
    kept = tuple(e for e in timeline.events if e.id != "e5")
    after = lanes.lanes_of(BrowseView.of(TimelineIndex(Timeline("Days", kept, timeline.entities))))
    found = lanes.find_mark(after, mark)
    assert found is not None
    assert after.lanes[found.lane].entity.id == "b"
    assert after.index.events[after.position_at(found)].id == "e3"  # two days before: the earlier
    # Its entity gone too: the first event.
    only_a = tuple(e for e in kept if e.entity_ids == ("a",))
    alone = lanes.lanes_of(
        BrowseView.of(TimelineIndex(Timeline("Days", only_a, timeline.entities[:1])))
    )
    assert lanes.find_mark(alone, mark) == alone.first_cursor()

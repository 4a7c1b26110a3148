"""The browser's view state, cursor moves and time rail, without any UI."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

import pytest

from timeline_viewer.domain.dates import PartialDate
from timeline_viewer.domain.model import Entity, Event, Source, Timeline
from timeline_viewer.load.loader import load_timeline
from timeline_viewer.query import browse
from timeline_viewer.query.browse import BrowseView, SearchResult
from timeline_viewer.query.index import TimelineIndex, density, time_span

SMALL = Path(__file__).parent.parent / "tui" / "fixtures" / "small.yaml"


@pytest.fixture(scope="module")
def small() -> Timeline:
    return load_timeline(SMALL)


@pytest.fixture
def index(small: Timeline) -> TimelineIndex:
    # New for each test: an index remembers the query results of the views over it.
    return TimelineIndex(small)


def ids(view: BrowseView, rows: list[int] | None = None) -> list[str]:
    positions = view.positions if rows is None else [view.positions[r] for r in rows]
    return [view.index.events[p].id for p in positions]


def row(view: BrowseView, event_id: str) -> int:
    found = view.row_of(view.index.position_by_id[event_id])
    assert found is not None
    return found


# -- the view ----------------------------------------------------------------


def test_whole_timeline_view(index: TimelineIndex) -> None:
    view = BrowseView.of(index)
    assert len(view.positions) == 8
    assert view.count_label() == "8 of 8 events"
    assert not view.is_filtered
    assert view.empty_message() is None


def test_filtered_view_counts_and_empty_message(index: TimelineIndex) -> None:
    view = BrowseView.of(index).filtered("bridge")
    assert ids(view) == ["bridge-designed", "bridge-opened"]
    assert view.count_label() == "2 of 8 events"
    assert view.is_filtered
    nothing = view.filtered("zeppelin")
    assert list(nothing.positions) == []
    assert nothing.count_label() == "0 of 8 events"
    assert nothing.empty_message() == "No events match"
    assert nothing.filtered("").positions == BrowseView.of(index).positions


def test_malformed_filter_keeps_the_last_good_result(index: TimelineIndex) -> None:
    good = BrowseView.of(index).filtered("lima")
    bad = good.filtered('lima "unclosed')
    assert bad.error is not None and "unclosed quote" in bad.error
    assert bad.positions == good.positions
    assert bad.filter_text == 'lima "unclosed'
    assert bad.filtered("lima").error is None


def test_entity_view_filters_within_its_events(index: TimelineIndex) -> None:
    view = BrowseView.of(index, "ana-lima")
    assert ids(view) == ["lima-elected", "board-created", "bridge-opened", "lima-retires"]
    assert view.count_label() == "4 of 4 events"
    narrowed = view.filtered("bridge")
    assert ids(narrowed) == ["bridge-opened"]
    assert narrowed.count_label() == "1 of 4 events"
    assert BrowseView.of(index, "nobody").empty_message() == "This entity has no events"


def test_empty_timeline_view() -> None:
    view = BrowseView.of(TimelineIndex(Timeline(title="Empty")))
    assert view.count_label() == "0 of 0 events"
    assert view.empty_message() == "This timeline has no events"
    assert view.filtered("x").empty_message() == "This timeline has no events"
    assert view.position_at(0) is None


def test_one_event_is_singular() -> None:
    event = Event(id="a", date=PartialDate(2000), title="A")
    assert BrowseView.of(TimelineIndex(Timeline("T", (event,)))).count_label() == "1 of 1 event"


def test_cursor_after_refill_keeps_or_follows_the_event() -> None:
    assert browse.cursor_after_refill([1, 4, 9], 4) == 1
    assert browse.cursor_after_refill([1, 4, 9], 5) == 2  # the next one in time
    assert browse.cursor_after_refill([1, 4, 9], 10) == 2
    assert browse.cursor_after_refill([1, 4, 9], None) == 0
    assert browse.cursor_after_refill([], 3) == 0


# -- search --------------------------------------------------------------------


def test_search_marks_rows_without_changing_the_view(index: TimelineIndex) -> None:
    view = BrowseView.of(index)
    found = browse.search_view(view, "bridge")
    assert found.rows == (row(view, "bridge-designed"), row(view, "bridge-opened"))
    assert found.label(found.rows[1]) == "match 2 of 2"
    assert found.label(0) == "2 matches"
    assert browse.search_view(view, "zeppelin").label(0) == "no match"
    broken = browse.search_view(view, "bridge year:", found)
    assert broken.rows == found.rows and broken.error is not None
    assert broken.label(0) == broken.error
    assert not browse.search_view(view, "  ").is_active


def _crowd(count: int) -> TimelineIndex:
    """Events whose titles hold words in known proportions, two entities among them."""
    words = ["river", "bridge", "mill", "fire", "vote", "flood", "bridge river", "market"]
    people = (Entity(id="ana", name="Ana Lima", kind="person"),)
    places = (Entity(id="town", name="River Town", kind="place"),)
    events = tuple(
        Event(
            id=f"e{i}",
            date=PartialDate(1900 + i % 120),
            title=f"{words[i % len(words)]} {i}",
            entities=("ana",) if i % 37 == 0 else (),
            place="town" if i % 5 == 0 else None,
        )
        for i in range(count)
    )
    return TimelineIndex(Timeline("Crowd", events, people + places))


@pytest.mark.parametrize(
    ("view_filter", "entity"),
    [
        ("", None),
        ("-zzz", None),
        ("-fire", None),
        ("bridge", None),
        ("vote 1", None),
        ("", "ana"),
        ("", "town"),
        ("-mill", "town"),
    ],
)
def test_search_rows_are_the_rows_whose_events_match(view_filter: str, entity: str | None) -> None:
    # Whatever way the rows are found (the view's own events for a small view,
    # the whole timeline's remembered result for a big one), they are these.
    index = _crowd(640)
    view = BrowseView.of(index, entity).filtered(view_filter)
    for text in ["river", "bridge river", "-river", "year:1950", "zzz", "e", "ana", "town 5"]:
        query = browse.parse_query(text)
        expected = [
            row for row, position in enumerate(view.positions) if query.select(index, [position])
        ]
        rows = browse.search_view(view, text).rows
        assert list(rows) == expected, (view_filter, entity, text)
        assert all(a < b for a, b in pairwise(rows))


def test_next_match_wraps_both_ways() -> None:
    rows = (2, 5, 7)
    assert browse.next_match(rows, 2, 1) == 5
    assert browse.next_match(rows, 7, 1) == 2
    assert browse.next_match(rows, 2, -1) == 7
    assert browse.next_match(rows, 6, -1) == 5
    assert browse.next_match(rows, 5, 1, inclusive=True) == 5
    assert browse.next_match(rows, 5, -1, inclusive=True) == 5
    assert browse.next_match((), 0, 1) is None


# -- jumps ---------------------------------------------------------------------


def test_year_and_decade_steps(index: TimelineIndex) -> None:
    view = BrowseView.of(index)
    # 1975, 1984, 1985, 1986, 2013, 2014, 2016, 2020
    assert ids(view, [browse.year_step(view, 0, 1) or 0]) == ["lima-elected"]
    assert browse.year_step(view, row(view, "lima-retires"), 1) is None
    assert browse.year_step(view, 0, -1) is None
    assert ids(view, [browse.year_step(view, row(view, "flood"), -1) or 0]) == ["mill-fire"]
    assert ids(view, [browse.year_step(view, 0, 1, 10) or 0]) == ["lima-elected"]
    after_80s = browse.year_step(view, row(view, "lima-elected"), 1, 10)
    assert after_80s == row(view, "board-created")
    # Back a decade from 2016 is the first event of the 2000s-or-earlier decade with events.
    assert browse.year_step(view, row(view, "bridge-opened"), -1, 10) == row(view, "lima-elected")
    assert browse.year_step(view, row(view, "lima-retires"), -1, 10) == row(view, "board-created")
    assert browse.year_step(BrowseView.of(TimelineIndex(Timeline("T"))), 0, 1) is None


def test_year_step_handles_years_before_the_common_era() -> None:
    events = tuple(
        Event(id=f"e{i}", date=PartialDate(year), title=str(year))
        for i, year in enumerate((-43, -40, -3, 5))
    )
    view = BrowseView.of(TimelineIndex(Timeline("Rome", events)))
    assert browse.year_step(view, 0, 1, 10) == 1  # -43 is in the decade -50..-41
    assert browse.year_step(view, 2, 1, 10) == 3
    assert browse.year_step(view, 3, -1, 10) == 2


def test_entity_steps_follow_and_skip_what_the_view_hides(index: TimelineIndex) -> None:
    view = BrowseView.of(index)
    start = row(view, "lima-elected")
    next_row = browse.entity_step(view, start, "ana-lima", 1)
    assert next_row == row(view, "board-created")
    assert browse.entity_step(view, start, "ana-lima", -1) is None
    filtered = view.filtered("-board")  # hides board-created (and the board's events)
    assert browse.entity_step(filtered, row(filtered, "lima-elected"), "ana-lima", 1) == row(
        filtered, "lima-retires"
    )


def test_stepping_entity(index: TimelineIndex) -> None:
    view = BrowseView.of(index)
    board = index.event("board-created")
    assert browse.stepping_entity(view, board) == "river-board"
    assert browse.stepping_entity(view, board, "ana-lima") == "ana-lima"
    assert browse.stepping_entity(view, board, "old-mill") == "river-board"
    assert browse.stepping_entity(BrowseView.of(index, "bruno-sa"), board) == "bruno-sa"
    assert browse.stepping_entity(view, None) is None
    assert browse.stepping_entity(view, Event(id="x", date=PartialDate(1), title="x")) is None


# -- the time rail -------------------------------------------------------------


def test_bars_grow_with_the_count_and_never_hide_one_event() -> None:
    assert browse.bar(0, 10) == " "
    assert browse.bar(1, 100) != " "
    assert browse.bar(10, 10) == "█"
    heights = [browse.BAR_LEVELS.index(browse.bar(n, 50)) for n in (1, 5, 20, 50)]
    assert heights == sorted(heights) and heights[0] < heights[-1]


def test_density_of_matches_the_index(index: TimelineIndex) -> None:
    span = time_span(index.events)
    assert span is not None
    fractions = browse.event_fractions(index, span)
    every = range(len(index))
    for width in (1, 7, 40, 117):
        assert browse.density_of(fractions, every, width) == density(index.events, span, width)
    assert sum(browse.density_of(fractions, [0, 1], 30)) == 2
    assert browse.density_of(fractions, every, 0) == []


def test_axis_labels_fit_and_do_not_overlap() -> None:
    for span, width in [((1975.0, 2020.5), 118), ((1980.0, 2026.2), 38), ((1985.0, 1985.9), 60)]:
        labels = browse.axis_labels(span, width)
        assert labels[0] == (0, str(int(span[0])))
        ends = [(column, column + len(text)) for column, text in labels]
        assert all(end <= width for _, end in ends)
        assert all(a_end < b_start for (_, a_end), (b_start, _) in pairwise(ends))
    wide = browse.axis_labels((1975.0, 2020.5), 118)
    assert (118 - 4, "2020") in wide
    assert any(text == "2000" for _, text in wide)
    assert browse.axis_labels((1975.0, 2020.5), 3) == []


def test_axis_labels_before_the_common_era() -> None:
    labels = browse.axis_labels((-500.0, 100.0), 80)
    assert labels[0] == (0, "501 BCE")
    assert labels[-1][1] == "100"


def test_a_click_on_the_rail_finds_the_nearest_event(index: TimelineIndex) -> None:
    view = BrowseView.of(index)
    span = time_span(index.events)
    assert span is not None
    assert browse.nearest_row_in_time(view, 0.0, span) == 0
    assert browse.nearest_row_in_time(view, 1.0, span) == len(view.positions) - 1
    # Halfway through 1975-2020 is 1997: nearer 1986 than 2013.
    assert ids(view, [browse.nearest_row_in_time(view, 0.5, span) or 0]) == ["flood"]
    assert browse.nearest_row_in_time(view.filtered("zeppelin"), 0.5, span) is None


# -- copy and open -------------------------------------------------------------


def test_event_markdown_escapes_data() -> None:
    source = Source(id="s", title="[x](javascript:alert(1))", url="https://example.org/a(b)<c>")
    person = Entity(id="p", name="*Bold* <b>", kind="person")
    event = Event(
        id="e",
        date=PartialDate(1985, 2, 7),
        title="[bold]x[/bold] `code`",
        summary="line one\nline two",
        entities=("p",),
        sources=("s",),
        note="# not a heading",
    )
    text = browse.event_markdown(TimelineIndex(Timeline("T", (event,), (person,), (source,))), 0)
    assert text.startswith("**7 Feb 1985** — **\\[bold\\]x\\[/bold\\] \\`code\\`**\n")
    assert "line one line two" in text
    assert "*Involves:* \\*Bold\\* \\<b\\>" in text
    assert "*Note:* \\# not a heading" in text
    assert "- \\[x\\](javascript:alert(1)) <https://example.org/a%28b%29%3Cc%3E>" in text
    assert text.endswith("\n")


def test_source_links_are_numbered_as_the_detail_lists_them(index: TimelineIndex) -> None:
    elected = index.event("lima-elected")
    retires = index.event("lima-retires")
    assert elected is not None and retires is not None
    links = browse.source_links(index, elected)
    # The archive has no address: it keeps its number, and nothing opens it.
    assert [(link.number, link.source.id, link.url) for link in links] == [
        (1, "archive", None),
        (2, "gazette", "https://example.org/gazette"),
    ]
    assert [link.number for link in browse.openable(links)] == [2]
    assert browse.source_links(index, retires) == []


def test_date_column_width() -> None:
    events = [
        Event(id="a", date=PartialDate(1985), title="a"),
        Event(id="b", date=PartialDate(1985, 2, 7), end=PartialDate(1986, 3, 1), title="b"),
    ]
    assert browse.date_column_width(events[:1]) == 4
    assert browse.date_column_width(events) == len(events[1].when)
    assert events[1].when.startswith("7 Feb 1985 ")
    assert browse.date_column_width(events, widest=12) == 12
    assert browse.date_column_width([]) == 4


def test_search_result_defaults() -> None:
    assert not SearchResult().is_active
    assert SearchResult().label(0) == "no match"


def test_large_counts_have_thousands_separators() -> None:
    events = tuple(Event(id=f"e{i}", date=PartialDate(2000), title="x") for i in range(1234))
    view = BrowseView.of(TimelineIndex(Timeline("T", events)))
    assert view.count_label() == "1,234 of 1,234 events"
    assert browse.plural(1, "match") == "1 match"


# -- what start-up leaves for later ------------------------------------------------


def test_the_whole_timeline_is_a_range_not_a_copy(index: TimelineIndex) -> None:
    view = BrowseView.of(index)
    assert view.positions == range(len(index))
    assert view.filtered("bridge").filtered("").positions == range(len(index))
    entity_view = BrowseView.of(index, "ana-lima")
    assert entity_view.positions is index.positions_of("ana-lima")


def _events_on(dates: list[PartialDate]) -> TimelineIndex:
    events = tuple(Event(id=f"e{i}", date=d, title="x") for i, d in enumerate(dates))
    return TimelineIndex(Timeline("T", events))


def test_time_axis_counts_like_a_pass_over_the_events(index: TimelineIndex) -> None:
    axis = browse.TimeAxis.of(index)
    assert axis is not None and axis.ordered
    assert axis.span == time_span(index.events)
    fractions = browse.event_fractions(index, axis.span)
    assert list(axis.fractions) == fractions
    every = range(len(index))
    some = BrowseView.of(index).filtered("bridge").positions
    for width in (1, 2, 7, 40, 117):
        for positions in (every, some, [], [0], [len(index) - 1]):
            assert axis.density(positions, width) == browse.density_of(fractions, positions, width)
        assert axis.column(0, width) == 0
    assert axis.density(every, 0) == []


def test_time_axis_of_a_big_timeline_spans_its_steps() -> None:
    dates = [PartialDate(1900 + i // 1000, i % 12 + 1) for i in range(25_000)]
    big = _events_on(dates)
    axis = browse.TimeAxis.of(big)
    assert axis is not None
    assert axis.span == time_span(big.events)
    fractions = browse.event_fractions(big, axis.span)
    assert axis.density(range(0, 25_000, 3), 90) == browse.density_of(
        fractions, range(0, 25_000, 3), 90
    )


def test_time_axis_out_of_order_falls_back_to_a_pass() -> None:
    # Only a hand-built timeline can be out of order; the counts stay right.
    shuffled = _events_on([PartialDate(2000), PartialDate(1990), PartialDate(2010)])
    axis = browse.TimeAxis.of(shuffled)
    assert axis is not None and not axis.ordered
    assert axis.density([0, 1, 2], 3) == [1, 1, 1]
    assert browse.TimeAxis.of(TimelineIndex(Timeline("T"))) is None


def test_timeline_facts_and_their_pauses(index: TimelineIndex) -> None:
    pauses: list[None] = []
    facts = browse.TimelineFacts.of(index, lambda: pauses.append(None))
    assert facts.date_width == browse.date_column_width(index.events)
    assert facts.axis is not None and facts.axis.span == time_span(index.events)
    assert len(pauses) >= 3
    empty = browse.TimelineFacts.of(TimelineIndex(Timeline("T")))
    assert empty.axis is None and empty.date_width == browse.date_column_width([])


def test_related_cost_counts_the_events_of_the_entities(index: TimelineIndex) -> None:
    event = index.event("bridge-opened")
    assert event is not None
    expected = sum(len(index.positions_of(e)) for e in event.entity_ids)
    assert browse.related_cost(index, event) == expected > 0


def test_entity_outline_groups_folds_and_finds(index: TimelineIndex) -> None:
    outline = browse.EntityOutline.of(index)
    headings = [line.kind for line in outline.lines if line.entity is None]
    assert headings == ["person", "organization", "place", "other"]
    people = [line for line in outline.lines if line.kind == "person" and line.entity]
    assert [line.entity.name for line in people if line.entity] == ["Ana Lima", "Bruno Sá"]
    assert [line.last for line in people] == [False, True]
    bruno = outline.line_of_entity("bruno-sa")
    assert bruno is not None and outline.lines[bruno].entity is not None
    folded = outline.toggled("person")
    assert folded.line_of_entity("bruno-sa") is None
    assert len(folded.lines) == len(outline.lines) - 2
    assert folded.line_of_kind("organization") == 1
    assert folded.toggled("person").lines == outline.lines
    assert outline.line_of_entity("nobody") is None


def test_time_axis_matches_the_index_on_coarse_dates_periods_and_bce() -> None:
    events = (
        Event(id="a", date=PartialDate(-43), title="a"),
        Event(id="b", date=PartialDate(1985), end=PartialDate(1990, 2), title="b"),
        Event(id="c", date=PartialDate(1985, 2), title="c"),
        Event(id="d", date=PartialDate(1985, 2, 7, approximate=True), title="d"),
        Event(id="e", date=PartialDate(2024), title="e"),
    )
    index = TimelineIndex(Timeline("T", events))
    axis = browse.TimeAxis.of(index)
    assert axis is not None and axis.ordered
    assert axis.span == time_span(events)
    assert list(axis.fractions) == browse.event_fractions(index, axis.span)
    single = browse.TimeAxis.of(TimelineIndex(Timeline("T", events[2:3])))
    assert single is not None and list(single.fractions) == [0.0]


# -- after a reload -----------------------------------------------------------------


def reloaded(index: TimelineIndex, *, drop: tuple[str, ...] = ()) -> TimelineIndex:
    """The same timeline saved again without the `drop` events."""
    timeline = index.timeline
    events = tuple(e for e in timeline.events if e.id not in drop)
    return TimelineIndex(Timeline(timeline.title, events, timeline.entities, timeline.sources))


def test_a_rebased_view_keeps_entity_filter_and_filter_error(index: TimelineIndex) -> None:
    new = reloaded(index, drop=("bridge-designed",))
    view = BrowseView.of(index, "bruno-sa").filtered("bridge")
    rebased = view.rebased(new)
    assert (rebased.index, rebased.entity_id, rebased.filter_text) == (new, "bruno-sa", "bridge")
    assert ids(rebased) == ["bridge-opened"]
    # A half-typed filter keeps its message over the last good filter's result.
    broken = BrowseView.of(index).filtered("lima").filtered('lima "ma')
    rebased = broken.rebased(new)
    assert rebased.error == broken.error
    assert rebased.filter_text == 'lima "ma'
    assert ids(rebased) == ids(broken)
    assert BrowseView.of(index).rebased(new).positions == range(len(new))


def test_position_after_reload_follows_the_id_or_the_next_survivor(index: TimelineIndex) -> None:
    new = reloaded(index, drop=("town-founded", "mill-fire", "lima-retires"))
    at = index.position_by_id

    def found(event_id: str) -> str | None:
        position = browse.position_after_reload(index, new, at[event_id])
        return None if position is None else new.events[position].id

    assert found("flood") == "flood"
    assert found("town-founded") == "lima-elected"
    assert found("mill-fire") == "flood"
    assert found("lima-retires") == "bridge-opened"
    assert browse.position_after_reload(index, new, None) is None
    assert browse.position_after_reload(index, new, len(index)) is None
    assert browse.position_after_reload(index, reloaded(index, drop=tuple(at)), 0) is None


@pytest.mark.parametrize("ascending", [(), (2, 5, 7), range(3, 9), range(0)])
def test_index_in_finds_a_value_or_says_it_is_not_there(ascending: Sequence[int]) -> None:
    for value in range(-1, 11):
        expected = list(ascending).index(value) if value in ascending else None
        assert browse.index_in(ascending, value) == expected


def test_labels_clear_of_a_marker_leave_it_room() -> None:
    labels = [(0, "1980"), (10, "1990"), (36, "2020")]
    assert browse.labels_clear_of(labels, 0) == [(10, "1990"), (36, "2020")]
    assert browse.labels_clear_of(labels, 4) == [(10, "1990"), (36, "2020")]
    assert browse.labels_clear_of(labels, 5) == labels
    assert browse.labels_clear_of(labels, 9) == [(0, "1980"), (36, "2020")]
    assert browse.labels_clear_of(labels, 39) == [(0, "1980"), (10, "1990")]


def test_a_step_says_whose_event_and_which_of_them(index: TimelineIndex) -> None:
    view = BrowseView.of(index)
    opened = index.position_by_id["bridge-opened"]
    assert browse.entity_step_label(view, "ana-lima", opened, 1) == "next event of Ana Lima, 3 of 4"
    assert browse.entity_step_label(view, "ana-lima", opened, -1).startswith("previous event")
    # Counted among the events the view shows.
    filtered = view.filtered("bridge")
    label = browse.entity_step_label(filtered, "ana-lima", opened, 1)
    assert label == "next event of Ana Lima, 1 of 1"


def _sharing(counts: dict[str, tuple[str, int]]) -> TimelineIndex:
    """An entity `x` sharing with each other entity (name: kind, events) that many events."""
    entities = [Entity("x", "X", "person")]
    entities += [Entity(f"e{i}", name, kind) for i, (name, (kind, _)) in enumerate(counts.items())]  # type: ignore[arg-type]
    events = []
    for i, (_, (_, n)) in enumerate(counts.items()):
        events += [
            Event(f"ev{i}-{k}", PartialDate(2000), "T", entities=("x", f"e{i}")) for k in range(n)
        ]
    return TimelineIndex(Timeline("T", events=tuple(events), entities=tuple(entities)))


def test_co_entities_come_by_kind_with_ties_kept() -> None:
    index = _sharing(
        {
            "Ann": ("person", 5),
            "Bob": ("person", 3),
            "Cid": ("person", 2),
            "Dee": ("person", 2),
            "Eve": ("person", 1),
            "Acme": ("organization", 4),
            "Lima": ("place", 1),
        }
    )
    groups = [
        (kind, [(e.name, n) for e, n in members])
        for kind, members in browse.co_entities_by_kind(index, "x")
    ]
    assert groups == [
        # Cid and Dee tie for third: both shown; Eve is not.
        ("person", [("Ann", 5), ("Bob", 3), ("Cid", 2), ("Dee", 2)]),
        ("organization", [("Acme", 4)]),
        ("place", [("Lima", 1)]),
    ]


def test_quitting_says_what_would_be_lost() -> None:
    assert browse.quit_warning(0, 0) is None
    assert browse.quit_warning(1, 0) == "Quit? The filter will be lost."
    assert browse.quit_warning(2, 1) == "Quit? 2 filters and the entity view will be lost."
    assert browse.quit_warning(0, 3) == "Quit? 3 entity views will be lost."


def test_facets_say_in_view_over_all_and_order_by_count(index: TimelineIndex) -> None:
    assert browse.facet_tally(None, None) == ""
    assert browse.facet_tally(None, 4) == " 4"
    assert browse.facet_tally(3, 4) == " 3/4"
    whole = BrowseView.of(index)
    assert browse.view_counts(whole) is None  # every event: the totals say it
    bridge = whole.filtered("bridge")
    counts = browse.view_counts(bridge)
    assert counts is not None
    assert counts["bruno-sa"] == 2 and counts["ana-lima"] == 1 and "old-mill" not in counts
    outline = browse.EntityOutline.of(index).ordered_by(counts)
    people = [line.entity.name for line in outline.lines if line.entity and line.kind == "person"]
    assert people == ["Bruno Sá", "Ana Lima"]
    by_name = outline.ordered_by(None)
    assert [
        line.entity.name for line in by_name.lines if line.entity and line.kind == "person"
    ] == [
        "Ana Lima",
        "Bruno Sá",
    ]


def test_the_entities_column_names_what_matched_first_and_not_the_view_s_own(
    index: TimelineIndex,
) -> None:
    opened = index.events[index.position_by_id["bridge-opened"]]
    assert browse.row_entity_names(index, opened) == "Ana Lima, Bruno Sá, River Board, River Town"
    view = BrowseView.of(index).filtered("entity:river-town bruno")
    first = browse.matched_entities(view)
    assert first == {"river-town", "bruno-sa"}
    assert browse.row_entity_names(index, opened, first) == (
        "Bruno Sá, River Town, Ana Lima, River Board"
    )
    assert browse.row_entity_names(index, opened, leave_out="ana-lima") == (
        "Bruno Sá, River Board, River Town"
    )
    assert browse.matched_entities(BrowseView.of(index).filtered("-entity:river-town")) == set()

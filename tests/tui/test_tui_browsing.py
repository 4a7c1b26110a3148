"""The browse screen under a Pilot: keys, filter, search, entities, layout."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Input, Static
from tui_helpers import app_on_file, browse, drawn_line, make_app, running, settle, synchronous

from timeline_viewer.query.language import parse_query
from timeline_viewer.tui.browse_screen import BrowseScreen
from timeline_viewer.tui.dialogs import ConfirmDialog
from timeline_viewer.tui.entity_tree import EntityTree
from timeline_viewer.tui.event_detail import (
    JUMP_PAGE,
    SOURCES_SHOWN,
    EntityCard,
    EventDetail,
    JumpList,
)
from timeline_viewer.tui.event_list import EventList
from timeline_viewer.tui.sources_dialog import LISTED, SourcesDialog
from timeline_viewer.tui.time_rail import TimeRail

WIDE = (120, 36)


def titles(screen: BrowseScreen) -> list[str]:
    events = screen.index.events
    return [events[p].title for p in screen.events_list.positions]


def highlighted_id(screen: BrowseScreen) -> str | None:
    position = screen.highlighted
    return None if position is None else screen.index.events[position].id


def static_text(screen: BrowseScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


@synchronous
async def test_opens_on_the_whole_chronology() -> None:
    app = make_app("small")
    async with running(app, size=WIDE):
        screen = browse(app)
        assert static_text(screen, "#title") == "River Town Chronicle"
        assert static_text(screen, "#count") == "8 of 8 events"
        assert len(screen.events_list.positions) == 8
        assert titles(screen)[0] == "River Town becomes a municipality"
        assert isinstance(app.focused, EventList)
        assert screen.query_one(EventDetail).position == screen.events_list.positions[0]
        assert static_text(screen, "#detail-title") == "River Town becomes a municipality"
        tree = screen.query_one(EntityTree)
        kinds = [drawn_line(tree, y) for y, line in enumerate(tree.lines) if line.entity is None]
        assert kinds == ["▼ People 2", "▼ Organisations 1", "▼ Places 1", "▼ Other 1"]
        assert drawn_line(tree, 1) == "├ Ana Lima 4"


@synchronous
async def test_cursor_keys_move_and_update_the_detail() -> None:
    app = make_app("small")
    async with running(app, size=WIDE) as pilot:
        screen = browse(app)
        await pilot.press("j", "down")
        assert highlighted_id(screen) == "mill-fire"
        await pilot.pause()
        assert static_text(screen, "#detail-title") == "The Old Mill burns down"
        assert "July 1985 (known to the month)" in static_text(screen, "#detail-when")
        assert "never established" in static_text(screen, "#detail-note")
        await pilot.press("k")
        assert highlighted_id(screen) == "lima-elected"
        await pilot.press("G")
        assert highlighted_id(screen) == "lima-retires"
        await pilot.press("g")
        assert highlighted_id(screen) == "town-founded"
        await pilot.press("end")
        assert screen.events_list.cursor == 7
        await pilot.press("home", "pagedown")
        assert screen.events_list.cursor == 7  # the page is taller than the list
        await pilot.press("pageup", "up")
        assert screen.events_list.cursor == 0


@synchronous
async def test_filter_narrows_as_you_type_and_escape_returns() -> None:
    app = make_app("small")
    async with running(app, size=WIDE) as pilot:
        screen = browse(app)
        await pilot.press("slash")
        assert app.focused is screen.query_one("#filter", Input)
        await pilot.press("r")
        every_r = parse_query("r").select(screen.index)
        assert list(screen.events_list.positions) == list(every_r)
        assert static_text(screen, "#count") == f"{len(every_r)} of 8 events"
        await pilot.press(*"i")
        assert len(screen.events_list.positions) < len(every_r)
        await pilot.press("backspace", "backspace", *"bri")
        await pilot.press(*"dge")
        assert titles(screen) == ["Bruno Sá presents the bridge design", "The new bridge opens"]
        assert static_text(screen, "#count") == "2 of 8 events"
        await pilot.press("q")  # a letter in the bar, not quit
        assert app.is_running
        assert screen.query_one("#filter", Input).value == "bridgeq"
        assert static_text(screen, "#count").startswith("No events match")
        assert "0 of 8 events" in static_text(screen, "#count")
        assert screen.events_list.empty_message == "No events match"
        await pilot.press("backspace", "escape")
        assert isinstance(app.focused, EventList)
        assert len(screen.events_list.positions) == 2
        await pilot.press("escape")  # in the list: clears the filter
        assert len(screen.events_list.positions) == 8
        assert screen.query_one("#filter", Input).value == ""


@synchronous
async def test_filter_language_and_malformed_query() -> None:
    app = make_app("small")
    async with running(app, size=WIDE) as pilot:
        screen = browse(app)
        await pilot.press("slash", *"kind:other")
        assert titles(screen) == ["The Old Mill burns down"]
        screen.set_filter("lima")
        await pilot.pause()
        good = list(screen.events_list.positions)
        assert len(good) == 4
        await pilot.press("space", "quotation_mark", "x")
        await pilot.pause()
        assert list(screen.events_list.positions) == good
        assert "unclosed quote" in static_text(screen, "#filter-error")
        assert screen.query_one("#filter-error").display
        await pilot.press("quotation_mark")
        await pilot.pause()
        assert not screen.query_one("#filter-error").display
        assert list(screen.events_list.positions) == []


@synchronous
async def test_a_pasted_wall_of_text_is_refused_with_its_column_and_the_list_stays() -> None:
    app = make_app("small")
    async with running(app, size=WIDE) as pilot:
        screen = browse(app)
        screen.set_filter("lima")
        await pilot.pause()
        good = list(screen.events_list.positions)
        await pilot.press("slash")
        screen.query_one("#filter", Input).insert_text_at_cursor(" lima" * 2_000)
        await settle(pilot)
        assert list(screen.events_list.positions) == good
        assert static_text(screen, "#filter-error").endswith(
            "the filter is 10,004 characters long, at most 1,000: cut it from column 1,001 on"
        )
        assert screen.query_one("#filter-error").display


@synchronous
async def test_filter_keeps_the_highlighted_event_when_it_stays() -> None:
    app = make_app("small")
    async with running(app, size=WIDE) as pilot:
        screen = browse(app)
        await pilot.press("G")
        screen.set_filter("lima")
        assert highlighted_id(screen) == "lima-retires"
        screen.set_filter("")
        assert highlighted_id(screen) == "lima-retires"


@synchronous
async def test_search_moves_between_matches_without_filtering() -> None:
    app = make_app("small")
    async with running(app, size=WIDE) as pilot:
        screen = browse(app)
        await pilot.press("ctrl+f")
        assert app.focused is screen.query_one("#search", Input)
        await pilot.press(*"bridge", "enter")
        assert isinstance(app.focused, EventList)
        assert len(screen.events_list.positions) == 8
        assert highlighted_id(screen) == "bridge-designed"
        assert list(screen.events_list.matches) == [5, 6]
        assert "match 1 of 2" in static_text(screen, "#search-status")
        await pilot.press("n")
        assert highlighted_id(screen) == "bridge-opened"
        await pilot.press("n")
        assert highlighted_id(screen) == "bridge-designed"  # wraps around
        await pilot.press("N")
        assert highlighted_id(screen) == "bridge-opened"
        await pilot.press("escape")
        assert not screen.search.is_active
        assert not screen.query_one("#search-bar").display
        assert not screen.events_list.matches


@synchronous
async def test_enter_on_an_event_then_on_an_entity_opens_the_entity_view() -> None:
    app = make_app("small")
    async with running(app, size=WIDE) as pilot:
        await pilot.press("j", "enter")
        entities = browse(app).query_one("#detail-entities", JumpList)
        assert app.focused is entities
        assert entities.highlighted == 0
        await pilot.press("enter")
        await settle(pilot)
        screen = browse(app)
        assert screen.view.entity_id == "ana-lima"
        assert len(app.screen_stack) == 2  # the whole timeline, the entity
        assert titles(screen) == [
            "Ana Lima elected mayor",
            "River Board created",
            "The new bridge opens",
            "Ana Lima retires",
        ]
        assert static_text(screen, "#count") == "4 of 4 events"
        card = screen.query_one(EntityCard)
        assert "Also known as The Mayor" in static_text(screen, "#card-aliases")
        assert "Mayor of River Town" in str(card.query_one("#card-summary", Static).render())
        relations = card.query_one("#card-relations", JumpList)
        assert relations.targets == ["river-board", "bruno-sa"]
        shared = card.query_one("#card-shared", JumpList)
        # By kind, people first: Bruno Sá, the River Board, River Town.
        assert shared.targets == ["bruno-sa", "river-board", "river-town"]
        await pilot.press("escape")
        await settle(pilot)
        assert browse(app).view.entity_id is None
        assert len(app.screen_stack) == 1  # the whole timeline: the app's first screen
        assert highlighted_id(browse(app)) == "lima-elected"


@synchronous
async def test_choosing_an_entity_in_the_panel() -> None:
    app = make_app("small")
    async with running(app, size=WIDE) as pilot:
        tree = browse(app).query_one(EntityTree)
        tree.focus()
        # The list's keys move in the panel too.
        await pilot.press("G")
        last = tree.cursor
        assert last == len(tree.lines) - 1
        await pilot.press("k", "k", "j")
        assert tree.cursor == last - 1
        await pilot.press("g")
        assert tree.cursor == 0
        tree.move_cursor_to_entity("bruno-sa")
        await pilot.press("enter")
        await settle(pilot)
        screen = browse(app)
        assert screen.view.entity_id == "bruno-sa"
        assert len(screen.events_list.positions) == 2
        # A relation in the card leads on to another entity view, and back.
        screen.query_one("#card-relations", JumpList).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert browse(app).view.entity_id == "river-board"
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert browse(app).view.entity_id == "bruno-sa"


@synchronous
async def test_brackets_follow_the_entity() -> None:
    app = make_app("small")
    async with running(app, size=WIDE) as pilot:
        screen = browse(app)
        await pilot.press("j")  # lima-elected: first entity ana-lima
        await pilot.press("right_square_bracket")
        assert highlighted_id(screen) == "board-created"
        # Still Ana Lima, although board-created's first entity is the River Board.
        await pilot.press("right_square_bracket")
        assert highlighted_id(screen) == "bridge-opened"
        await pilot.press("left_square_bracket")
        assert highlighted_id(screen) == "board-created"
        # Moved elsewhere: the event's first entity is followed (the Old Mill has no more).
        await pilot.press("up", "up")
        assert highlighted_id(screen) == "mill-fire"
        await pilot.press("right_square_bracket")
        assert highlighted_id(screen) == "mill-fire"
        await pilot.press("down", "right_square_bracket")  # the flood: River Town
        assert highlighted_id(screen) == "bridge-opened"
        app.open_entity("ana-lima")
        await settle(pilot)
        screen = browse(app)
        # The view opens on the event it was opened from.
        assert highlighted_id(screen) == "bridge-opened"
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert highlighted_id(screen) == "lima-elected"


@synchronous
async def test_year_and_decade_jumps() -> None:
    app = make_app("small")
    async with running(app, size=WIDE) as pilot:
        screen = browse(app)
        await pilot.press("right")
        assert highlighted_id(screen) == "lima-elected"
        await pilot.press("l")
        assert highlighted_id(screen) == "mill-fire"
        await pilot.press("L")
        assert highlighted_id(screen) == "board-created"  # 2013: the 1990s and 2000s are empty
        await pilot.press("H")
        assert highlighted_id(screen) == "lima-elected"  # first of the 1980s
        await pilot.press("left")
        assert highlighted_id(screen) == "town-founded"


@synchronous
async def test_related_event_jump() -> None:
    app = make_app("small")
    async with running(app, size=WIDE) as pilot:
        screen = browse(app)
        related = screen.query_one("#detail-related", JumpList)
        first = related.targets[0]
        related.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert screen.highlighted == first
        assert isinstance(app.focused, EventList)


@synchronous
async def test_related_event_outside_an_entity_view_goes_back_to_the_timeline() -> None:
    app = make_app("small")
    async with running(app, size=WIDE) as pilot:
        app.open_entity("old-mill")
        await settle(pilot)
        screen = browse(app)
        related = screen.query_one("#detail-related", JumpList)
        target = related.targets[0]
        assert isinstance(target, int)
        assert screen.view.row_of(target) is None
        related.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert browse(app).view.entity_id is None
        assert browse(app).highlighted == target


@synchronous
async def test_mouse_selects_rows_and_the_rail_jumps_in_time() -> None:
    app = make_app("small")
    async with running(app, size=WIDE) as pilot:
        screen = browse(app)
        assert await pilot.click(EventList, offset=(10, 3))
        assert highlighted_id(screen) == "flood"
        rail = screen.query_one(TimeRail)
        # The rail's right end is the last event; its left end the first.
        assert await pilot.click(TimeRail, offset=(rail.size.width - 2, 1))
        assert highlighted_id(screen) == "lima-retires"
        assert await pilot.click(TimeRail, offset=(1, 1))
        assert highlighted_id(screen) == "town-founded"


@synchronous
async def test_tab_moves_between_panels() -> None:
    app = make_app("small")
    async with running(app, size=WIDE) as pilot:
        await pilot.press("shift+tab")
        assert isinstance(app.focused, EntityTree)
        await pilot.press("tab")
        assert isinstance(app.focused, EventList)
        await pilot.press("tab")
        assert app.focused is not None
        assert app.focused.id == "detail-entities" or isinstance(app.focused, EventDetail)


@synchronous
async def test_q_quits_from_the_list() -> None:
    app = make_app("small")
    async with running(app, size=WIDE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


@synchronous
async def test_empty_timeline_says_so() -> None:
    app = make_app("empty")
    async with running(app, size=WIDE) as pilot:
        screen = browse(app)
        assert static_text(screen, "#count") == "0 of 0 events"
        assert screen.events_list.empty_message == "This timeline has no events"
        assert screen.query_one(EventDetail).position is None
        await pilot.press("j", "G", "right_square_bracket", "L", "y", "o", "n", "enter")
        await pilot.press("slash", "x", "escape", "escape", "ctrl+f", "x", "enter")
        await settle(pilot)
        assert app.is_running
        assert app.copied == [] and app.opened == []


async def burst(pilot: Pilot[None], *keys: str) -> None:
    """Deliver keys all at once, as a terminal does with fast typing or a script."""
    app = pilot.app
    for key in keys:
        character = {"slash": "/", "escape": None}.get(key, key)
        event = events.Key(key, character)
        event.set_sender(app)
        app._driver.send_message(event)  # type: ignore[union-attr]
    await settle(pilot)


@synchronous
async def test_keys_typed_in_one_burst_follow_the_focus() -> None:
    app = make_app("small")
    async with running(app, size=WIDE) as pilot:
        screen = browse(app)
        await burst(pilot, "slash", *"river", "escape", "j")
        assert screen.query_one("#filter", Input).value == "river"
        assert list(screen.events_list.positions) == list(parse_query("river").select(screen.index))
        assert isinstance(app.focused, EventList)
        assert screen.events_list.cursor == 1
        await burst(pilot, "slash", "q")
        assert app.is_running  # the q was a letter in the bar (replacing the selected text)
        assert screen.query_one("#filter", Input).value == "q"
        await pilot.press("end", "slash")  # in the bar, / is a character
        assert screen.query_one("#filter", Input).value == "q/"


@synchronous
async def test_the_rail_keeps_its_lines_until_what_they_show_changes() -> None:
    app = make_app("small")
    async with running(app, size=WIDE) as pilot:
        screen = browse(app)
        rail = screen.query_one(TimeRail)

        def lines() -> list[list[object]]:
            return [list(rail.render_line(y)) for y in range(3)]

        first = lines()
        # Drawn once: asked again, the same strip comes back.
        assert rail.render_line(1) is rail.render_line(1)
        when = screen.index.events[screen.highlighted or 0].when
        assert when in rail.render_line(0).text

        await pilot.press("down")
        await settle(pilot)
        moved = screen.index.events[screen.highlighted or 0].when
        assert moved != when and moved in rail.render_line(0).text

        await pilot.press("up", "slash", *"bridge")
        await settle(pilot)
        filtered = lines()
        assert filtered[1] != first[1]  # fewer events shown bright
        assert filtered[2] == first[2]  # the same years below

        await pilot.press("escape", "escape")  # out of the filter bar, then clear it
        screen.events_list.move_cursor(0)  # (the filter left it on its match)
        await settle(pilot)
        assert lines() == first
        await pilot.resize_terminal(100, 36)
        await settle(pilot)
        assert len(rail.render_line(1).text) == rail.content_region.width


@synchronous
async def test_an_entity_view_opens_on_the_event_it_was_opened_from() -> None:
    app = make_app("small")
    async with running(app, size=(120, 36)) as pilot:
        await pilot.press(*"jjjjjj")  # The new bridge opens: Ana Lima's third event
        await settle(pilot)
        app.open_entity("ana-lima")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen) and screen.entity is not None
        assert screen.highlighted == screen.index.position_by_id["bridge-opened"]
        assert screen.events_list.cursor == 2


@synchronous
async def test_an_entity_view_gives_its_list_half_the_height_and_c_opens_the_card() -> None:
    for size in ((120, 36), (80, 24)):
        app = make_app("small")
        async with running(app, size=size) as pilot:
            app.open_entity("ana-lima")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, BrowseScreen)
            body = screen.query_one("#body").size.height
            assert screen.events_list.size.height * 2 >= body - 1, size
            card = screen.query_one("#card")
            closed = card.size.height
            await pilot.press("c")
            await settle(pilot)
            assert card.size.height > closed
            await pilot.press("c")
            await settle(pilot)
            assert card.size.height == closed


@synchronous
async def test_bracket_says_whose_event_it_went_to() -> None:
    app = make_app("small")
    async with running(app, size=(120, 36)) as pilot:
        app.open_entity("ana-lima")
        await settle(pilot)
        note = app.screen.query_one("#step-note", Static)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert str(note.render()) == "next event of Ana Lima, 2 of 4"
        assert note.display
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert str(note.render()) == "previous event of Ana Lima, 1 of 4"
        await pilot.press("j")  # another move: the note goes
        await settle(pilot)
        assert not note.display


@synchronous
async def test_q_leaves_an_entity_view_and_shift_q_asks_before_losing_views() -> None:
    app = make_app("small")
    async with running(app, size=(120, 36)) as pilot:
        app.open_entity("ana-lima")
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert app.is_running and len(app.browse_screens()) == 1
        app.open_entity("ana-lima")
        await settle(pilot)
        await pilot.press("Q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "The entity view will be lost" in str(app.screen.question)
        await pilot.press("n")
        await settle(pilot)
        assert app.is_running and app.screen.entity is not None  # type: ignore[attr-defined]
        await pilot.press("Q")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
    assert not app.is_running


@synchronous
async def test_q_on_the_whole_timeline_quits_at_once() -> None:
    app = make_app("small")
    async with running(app, size=(120, 36)) as pilot:
        await pilot.press("q")
        await settle(pilot)
    assert not app.is_running


@synchronous
async def test_the_entities_panel_counts_the_view_and_s_sorts_by_it() -> None:
    app = make_app("small")
    async with running(app, size=(120, 36)) as pilot:
        screen = browse(app)
        tree = screen.query_one(EntityTree)
        await pilot.press("slash", *"bridge", "enter")
        await pilot.pause(0.3)
        await settle(pilot)
        lines = [drawn_line(tree, y) for y in range(4)]
        assert lines[1].endswith("Ana Lima 1/4") and lines[2].endswith("Bruno Sá 2/2")
        await pilot.press("s")
        await settle(pilot)
        assert drawn_line(tree, 1).endswith("Bruno Sá 2/2")
        await pilot.press("escape", "escape")  # the panel, then the filter
        await pilot.pause(0.3)
        await settle(pilot)
        assert drawn_line(tree, 1).endswith("Ana Lima 4")


@synchronous
async def test_the_date_column_is_as_wide_as_the_widest_date_on_screen() -> None:
    app = make_app("small")
    async with running(app, size=(120, 36)) as pilot:
        # The whole timeline shows the flood's period: the column fits it.
        assert drawn_line(browse(app).events_list, 3).startswith(
            " 2 Apr 1986 \N{EN DASH} 20 Apr 1986  "
        )
        app.open_entity("ana-lima")
        await settle(pilot)
        # Ana Lima's dates are at most "11 Mar 1984": no room kept for the period.
        assert drawn_line(browse(app).events_list, 0).startswith(" 11 Mar 1984  Ana Lima elected")


def _marked_in_row(view: EventList, y: int) -> list[str]:
    """The pieces of row `y` drawn underlined: the filter's words."""
    return [
        segment.text
        for segment in view.render_line(y)
        if segment.style is not None and segment.style.underline
    ]


@synchronous
async def test_a_filter_marks_its_words_in_the_rows_and_the_detail() -> None:
    app = make_app("small")
    async with running(app, size=WIDE) as pilot:
        screen = browse(app)
        await pilot.press("slash", *"sa bridge design -flood")
        await settle(pilot)
        assert titles(screen) == ["Bruno Sá presents the bridge design"]
        # Accents ignored as the filter ignores them: "sa" marks "Sá".
        assert _marked_in_row(screen.events_list, 0) == ["Sá", "bridge", "design"]
        title = screen.query_one("#detail-title", Static).render()
        assert isinstance(title, Content)
        marked = [title.plain[s.start : s.end] for s in title.spans if "underline" in str(s.style)]
        assert marked == ["Sá", "bridge", "design"]
        await pilot.press("escape", "escape")  # out of the bar, then the filter cleared
        await settle(pilot)
        assert len(screen.events_list.positions) == 8
        assert _marked_in_row(screen.events_list, 0) == []


def wide_event_file(folder: Path, entities: int, sources: int) -> Path:
    """One event that names `entities` people and cites `sources` sources."""
    lines = ["schema: 1", "title: One wide event", "entities:"]
    lines += [f"  - {{id: p{n}, name: Person {n}, kind: person}}" for n in range(entities)]
    lines += ["sources:"]
    lines += [
        f"  - {{id: s{n}, title: Report {n}, url: https://example.org/{n}}}" for n in range(sources)
    ]
    lines += ["events:", "  - id: wide", "    date: 1985-02-07", "    title: Everybody"]
    lines += [f"    entities: [{', '.join(f'p{n}' for n in range(entities))}]"]
    lines += [f"    sources: [{', '.join(f's{n}' for n in range(sources))}]"]
    path = folder / "wide.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@synchronous
async def test_a_wide_event_lists_its_entities_a_page_at_a_time(tmp_path: Path) -> None:
    app = app_on_file(wide_event_file(tmp_path, JUMP_PAGE * 2 + 50, SOURCES_SHOWN + 7))
    async with running(app, size=WIDE) as pilot:
        screen = browse(app)
        entities = screen.query_one("#detail-entities", JumpList)
        # A page of people, then one line that says how many more.
        assert entities.option_count == JUMP_PAGE + 1
        assert entities.targets[:2] == ["p0", "p1"] and entities.targets[-1] is None
        more = str(entities.get_option_at_index(JUMP_PAGE).prompt)
        assert f"{JUMP_PAGE + 50:,} more" in more
        sources = static_text(screen, "#detail-sources")
        assert f"Report {SOURCES_SHOWN - 1}" in sources and f"Report {SOURCES_SHOWN}" not in sources
        assert "… and 7 more sources" in sources
        await pilot.press("enter")  # from the list into the detail's entities
        assert app.focused is entities
        entities.highlighted = JUMP_PAGE
        await pilot.press("enter")
        await settle(pilot)
        # The next page, the cursor on its first person; then the last 50, and no more line.
        assert entities.option_count == 2 * JUMP_PAGE + 1
        assert entities.highlighted == JUMP_PAGE and entities.targets[JUMP_PAGE] == f"p{JUMP_PAGE}"
        entities.highlighted = 2 * JUMP_PAGE
        await pilot.press("enter")
        await settle(pilot)
        assert entities.option_count == 2 * JUMP_PAGE + 50
        assert None not in entities.targets
        assert len(app.screen_stack) == 1  # a "more" line never opens anything
        await pilot.press("enter")
        await settle(pilot)
        assert browse(app).view.entity_id == f"p{2 * JUMP_PAGE}"


@synchronous
async def test_a_wide_event_s_sources_dialog_lists_a_hundred_and_says_how_many_more(
    tmp_path: Path,
) -> None:
    app = app_on_file(wide_event_file(tmp_path, 3, LISTED + 400))
    async with running(app, "o", size=WIDE):
        dialog = app.screen
        assert isinstance(dialog, SourcesDialog)
        assert len(dialog.query(".source")) == LISTED
        assert "… and 400 more, not listed here" in [
            str(widget.render()) for widget in dialog.query(Static)
        ]

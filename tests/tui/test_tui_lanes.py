"""The entity lanes under a Pilot: opening, moving, zooming, panning, coming back."""

from __future__ import annotations

import shutil
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Static
from tui_helpers import (
    RecordingApp,
    app_on_file,
    fixture_path,
    make_app,
    reload,
    running,
    settle,
    synchronous,
)

from timeline_viewer.query import lanes
from timeline_viewer.tui.browse_screen import BrowseScreen
from timeline_viewer.tui.entity_tree import EntityTree
from timeline_viewer.tui.help_screen import HelpScreen
from timeline_viewer.tui.lanes_view import GATHERING, LanesScreen, LanesView

WIDE = (120, 36)

NEW_EVENT = """  - id: town-hall
    date: 1980-05-01
    title: The town hall is built
    entities: [river-town]
"""


def lanes_screen(app: Any) -> LanesScreen:
    screen = app.screen
    assert isinstance(screen, LanesScreen)
    return screen


@asynccontextmanager
async def lanes_open(
    app: RecordingApp | str, size: tuple[int, int] = WIDE
) -> AsyncIterator[tuple[RecordingApp, Pilot[None], LanesScreen]]:
    """The app (or one on that fixture) with the lanes opened by `v` and settled."""
    if isinstance(app, str):
        app = make_app(app)
    async with running(app, "v", size=size) as pilot:
        yield app, pilot, lanes_screen(app)


def status(app: Any) -> str:
    return str(lanes_screen(app).query_one("#lanes-status", Static).render())


def drawn(app: Any) -> list[str]:
    view = lanes_screen(app).query_one(LanesView)
    return [view.render_line(y).text.rstrip() for y in range(view.content_region.height)]


@synchronous
async def test_v_shows_the_entities_with_most_events_and_enter_opens_one() -> None:
    async with lanes_open("small") as (app, pilot, screen):
        names = [lane.entity.id for lane in screen.lane_set.lanes]
        assert names[0] == "river-town"
        assert set(names) == {"river-town", "ana-lima", "river-board", "bruno-sa", "old-mill"}
        lines = drawn(app)
        assert lines[0].startswith("River Town")
        assert "○" in lines[0]  # "1975~": approximate
        assert "1975~" in status(app) or "c. 1975" in status(app)
        # Along the lane, then down a lane: the status follows.
        await pilot.press("l", "l", "j")
        await settle(pilot)
        cursor = screen.cursor
        assert cursor is not None and cursor.lane == 1
        position = screen.lane_set.position_at(cursor)
        title = app.index.events[position].title
        assert title in status(app)
        await pilot.press("enter")
        await settle(pilot)
        browse = app.screen
        assert isinstance(browse, BrowseScreen)
        assert browse.highlighted == position


@synchronous
async def test_the_filter_applies_and_escape_goes_back() -> None:
    app = make_app("small")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        browse = app.screen
        assert isinstance(browse, BrowseScreen)
        browse.set_filter("bridge")
        await pilot.press("v")
        await settle(pilot)
        screen = lanes_screen(app)
        shown = set(browse.view.positions)
        for lane in screen.lane_set.lanes:
            assert set(lane.positions) <= shown
        title = str(screen.query_one("#lanes-title", Static).render())
        assert "filter bridge" in title
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is browse
        assert browse.view.filter_text == "bridge"


@synchronous
async def test_zoom_pan_and_fit() -> None:
    async with lanes_open("small") as (_, pilot, screen):
        whole = screen.window
        await pilot.press("plus")
        await settle(pilot)
        assert screen.window.span < whole.span
        await pilot.press("minus", "minus")
        await settle(pilot)
        assert screen.window == whole  # never wider than every event
        await pilot.press("plus", "plus", "plus")
        await settle(pilot)
        zoomed = screen.window
        await pilot.press("L")
        await settle(pilot)
        assert screen.window.start > zoomed.start
        assert screen.window.span == zoomed.span
        await pilot.press("H", "H")
        await settle(pilot)
        assert screen.window.start < zoomed.start
        await pilot.press("0")
        await settle(pilot)
        assert screen.window == whole
        # The window label at the top says what the axis spans.
        label = str(screen.query_one("#lanes-window", Static).render())
        assert label == lanes.window_label(whole)


@synchronous
async def test_moving_far_brings_the_window_along() -> None:
    async with lanes_open("small") as (_, pilot, screen):
        for _ in range(8):
            await pilot.press("plus")
        await settle(pilot)
        await pilot.press("G")
        await settle(pilot)
        cursor = screen.cursor
        assert cursor is not None
        day = screen.lane_set.lanes[cursor.lane].starts[cursor.at]
        assert screen.window.start <= day < screen.window.end


@synchronous
async def test_the_palette_opens_the_lanes_and_help_names_their_keys() -> None:
    app = make_app("small")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"entity lanes")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        lanes_screen(app)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = str(app.screen.query_one("#help", Static).render())
        assert "In the entity lanes" in shown
        assert "zoom in / out" in shown
        assert "In the event list" not in shown


@synchronous
async def test_a_click_on_a_mark_moves_the_cursor_there() -> None:
    async with lanes_open("small") as (_, pilot, screen):
        view = screen.query_one(LanesView)
        row = view.rows()[2]
        column = max(c for c, count in enumerate(row.counts) if count)
        offset = (view.content_region.x - view.region.x) + view.label_width + 1 + column
        await pilot.click(LanesView, offset=(offset, 2))
        await settle(pilot)
        assert screen.cursor is not None
        assert screen.cursor.lane == 2
        assert screen.cursor.at == row.first[column]


@synchronous
async def test_small_windows_and_a_timeline_without_events() -> None:
    for size in ((80, 24), (40, 12)):
        async with lanes_open("small", size) as (app, pilot, _):
            lines = drawn(app)
            assert any("●" in line or "○" in line for line in lines)
            await pilot.press("l", "j", "plus", "L", "minus", "k", "h")
            await settle(pilot)
            assert status(app)
    async with lanes_open("empty") as (app, pilot, _):
        assert drawn(app)[0] == "No entity has events in this view"
        assert "No events" in status(app)
        await pilot.press("l", "j", "plus", "L", "enter")
        await settle(pilot)
        assert isinstance(app.screen, LanesScreen)


@synchronous
async def test_zoomed_in_a_period_is_a_bar() -> None:
    async with lanes_open("small") as (app, pilot, screen):
        board = [lane.entity.id for lane in screen.lane_set.lanes].index("river-board")
        await pilot.press(*["j"] * board)
        await settle(pilot)
        assert "The great flood" in status(app)
        await pilot.press(*["plus"] * 9)
        await settle(pilot)
        assert "━━━" in drawn(app)[board]


@synchronous
async def test_entities_marked_in_the_panel_get_the_lanes() -> None:
    app = make_app("small")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        browse = app.screen
        assert isinstance(browse, BrowseScreen)
        tree = browse.query_one(EntityTree)
        browse.set_focus(tree)
        tree.move_cursor_to_entity("old-mill")
        await pilot.press("m")
        tree.move_cursor_to_entity("bruno-sa")
        await pilot.press("m")
        await settle(pilot)
        assert tree.marked == ["old-mill", "bruno-sa"]
        assert "◆" in tree.render_line(tree.cursor - 1 - round(tree.scroll_y)).text  # type: ignore[operator]
        await pilot.press("v")
        await settle(pilot)
        screen = lanes_screen(app)
        assert [lane.entity.id for lane in screen.lane_set.lanes] == ["old-mill", "bruno-sa"]
        title = str(screen.query_one("#lanes-title", Static).render())
        assert "2 chosen entities" in title
        await pilot.press("escape")
        await settle(pilot)
        # Unmarked again: the most frequent come back.
        browse.set_focus(tree)
        tree.move_cursor_to_entity("old-mill")
        await pilot.press("m")
        tree.move_cursor_to_entity("bruno-sa")
        await pilot.press("m")
        await pilot.press("v")
        await settle(pilot)
        assert not lanes_screen(app).lane_set.chosen


def _save(path: Path, *changes: tuple[str, str]) -> None:
    """Make each (old, new) change and save in one go, as an editor does."""
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new, 1)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def _cursor_id(screen: LanesScreen) -> str:
    assert screen.lane_set is not None and screen.cursor is not None
    return screen.index.events[screen.lane_set.position_at(screen.cursor)].id


@synchronous
async def test_a_reload_shows_the_new_version_in_the_lanes_keeping_the_cursor(
    tmp_path: Path,
) -> None:
    path = tmp_path / "river.yaml"
    shutil.copyfile(fixture_path("small"), path)
    async with lanes_open(app_on_file(path)) as (app, pilot, screen):
        await pilot.press("l", "l")  # River Town's third event
        assert _cursor_id(screen) == "mill-fire"
        # An event added before it (its position moves) and its title changed.
        _save(
            path,
            ("  - id: lima-elected", NEW_EVENT + "  - id: lima-elected"),
            ("The Old Mill burns down", "The Old Mill burns to the ground"),
        )
        await reload(pilot)
        assert lanes_screen(app) is screen  # still open, on the new version
        assert screen.index is app.index
        assert _cursor_id(screen) == "mill-fire"
        assert "burns to the ground" in status(app)
        assert screen.lane_set is not None
        assert len(screen.lane_set.lanes[0]) == 6  # River Town's new event too
        # Its event deleted: the cursor stays in its lane, on the nearest in date.
        text = path.read_text(encoding="utf-8")
        start = text.index("  - id: mill-fire")
        _save(path, (text[start : text.index("  - id: flood")], ""))
        await reload(pilot)
        assert screen.cursor is not None and screen.lane_set is not None
        assert screen.lane_set.lanes[screen.cursor.lane].entity.id == "river-town"
        assert _cursor_id(screen) == "flood"
        # Enter goes to that event in the reloaded list.
        await pilot.press("enter")
        await settle(pilot)
        browse = app.screen
        assert isinstance(browse, BrowseScreen)
        assert browse.highlighted is not None
        assert browse.index.events[browse.highlighted].id == "flood"


@synchronous
async def test_a_big_view_is_gathered_in_a_thread_while_the_screen_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every view counts as big; the thread waits until the test has looked.
    monkeypatch.setattr(lanes, "QUICK_EVENTS", 0)
    looked = threading.Event()
    gather = lanes.lanes_of

    def slow_lanes_of(*args: Any, **options: Any) -> lanes.LaneSet:
        assert threading.current_thread() is not threading.main_thread()
        looked.wait(10)
        return gather(*args, **options)

    monkeypatch.setattr(lanes, "lanes_of", slow_lanes_of)
    app = make_app("small")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await pilot.pause()
        screen = lanes_screen(app)
        assert screen.lane_set is None
        assert drawn(app)[0] == GATHERING
        assert status(app) == GATHERING
        await pilot.press("l", "plus", "enter")  # nothing to move, zoom or open yet
        assert lanes_screen(app) is screen
        looked.set()
        await settle(pilot)
        assert screen.lane_set is not None
        assert drawn(app)[0].startswith("River Town")
        assert "1 of 5 for River Town" in status(app)


@synchronous
async def test_who_appears_with_an_entity_of_many_events_is_counted_in_a_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # (beside the lanes: both keep a big timeline's counting off the UI thread)
    from timeline_viewer.query import connections
    from timeline_viewer.tui import browse_screen
    from timeline_viewer.tui.connections_dialog import ConnectionsDialog

    monkeypatch.setattr(browse_screen, "SYNC_COST", 0)  # every entity counts as big
    threads: list[bool] = []
    count = connections.connections

    def watched(*args: Any, **options: Any) -> list[connections.Connection]:
        threads.append(threading.current_thread() is threading.main_thread())
        return count(*args, **options)

    monkeypatch.setattr(connections, "connections", watched)
    app = make_app("small")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        browse = app.screen
        assert isinstance(browse, BrowseScreen)
        browse.open_entity("ana-lima")
        await settle(pilot)
        threads.clear()  # (the entity card's own count)
        await pilot.press("w")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConnectionsDialog)
        assert threads == [False]
        assert [c.entity.id for c in dialog.found][:1] == ["river-board"]


@synchronous
async def test_the_lanes_take_a_new_theme_s_colours() -> None:
    # (the lanes keep their styles between frames: a theme change must reach them)
    app = make_app("small")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        view = lanes_screen(app).query_one(LanesView)
        before = view.render_line(0)
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await settle(pilot)
        after = view.render_line(0)
        assert after.text == before.text
        assert list(after) != list(before)
        label = view.rich_style + view.get_component_rich_style("lanes--current")
        assert next(iter(after)).style == label  # the cursor's lane's name, as the theme has it


@synchronous
async def test_the_cursor_s_cell_follows_it_along_and_across_the_lanes() -> None:
    # (lines are kept between frames: a move must still draw the cursor where it went)
    app = make_app("small")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        screen = lanes_screen(app)
        view = screen.query_one(LanesView)
        cursor_style = view.rich_style + view.get_component_rich_style("lanes--cursor")

        def cursor_cells() -> list[tuple[int, int]]:
            found = []
            for y in range(len(screen.lane_set.lanes)):
                x = 0
                for segment in view.render_line(y):
                    if segment.style == cursor_style:
                        found.append((y, x))
                    x += segment.cell_length
            return found

        def expected() -> tuple[int, int]:
            cursor = screen.cursor
            lane = screen.lane_set.lanes[cursor.lane]
            column = screen.window.column(lane.starts[cursor.at], view.cells_width)
            return (cursor.lane - view.top, view.label_width + 1 + column)

        assert cursor_cells() == [expected()]
        seen = {expected()}
        for key in ("l", "l", "j", "l", "k", "h"):
            await pilot.press(key)
            await settle(pilot)
            assert cursor_cells() == [expected()]
            seen.add(expected())
        assert len(seen) >= 4

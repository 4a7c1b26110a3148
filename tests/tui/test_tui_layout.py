"""Small windows, resizing, hostile text and very large timelines."""

from __future__ import annotations

import html
import re
import time

from textual.widgets import Static
from tui_helpers import make_app, settle, synchronous

from timeline_viewer.domain.dates import PartialDate
from timeline_viewer.domain.model import Entity, Event, Timeline
from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.terminal_text import cut
from timeline_viewer.tui.app import TimelineApp
from timeline_viewer.tui.browse_screen import BrowseScreen
from timeline_viewer.tui.entity_tree import EntityTree
from timeline_viewer.tui.event_detail import EventDetail
from timeline_viewer.tui.event_list import EventList
from timeline_viewer.tui.labels import entity_names


def browse(app: object) -> BrowseScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, BrowseScreen)
    return screen


def screen_text(app: TimelineApp) -> str:
    """What the terminal shows, from an SVG screenshot, as plain text."""
    svg = app.export_screenshot()
    chunks = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    return html.unescape("".join(chunks)).replace("\xa0", " ")


@synchronous
async def test_40x12_collapses_the_side_panels_and_toggles_them() -> None:
    app = make_app("small")
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        screen = browse(app)
        tree, detail = screen.query_one(EntityTree), screen.query_one(EventDetail)
        assert screen.events_list.display and screen.events_list.size.height >= 4
        assert not tree.display and not detail.display
        await pilot.press("p")
        assert tree.display and app.focused is tree
        assert not screen.query_one("#main").display  # the panel takes the list's place
        await pilot.press("escape")
        assert not tree.display and app.focused is screen.events_list
        await pilot.press("enter")  # the detail, in place of the list
        assert detail.display and not screen.events_list.display
        await pilot.press("escape", "escape")
        assert not detail.display and screen.events_list.display


@synchronous
async def test_too_small_then_resized_back() -> None:
    app = make_app("small")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = browse(app)
        for width, height in [(39, 30), (20, 5), (1, 1), (80, 11), (40, 12), (200, 60), (79, 23)]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            too_small = width < 40 or height < 12
            assert screen.has_class("-too-small") is too_small
            assert screen.query_one("#too-small", Static).display is too_small
            assert screen.query_one("#body").display is not too_small
        await pilot.press("j", "G")
        assert app.is_running
        assert screen.events_list.cursor == 7


@synchronous
async def test_hostile_text_is_shown_literally_and_never_acts() -> None:
    app = make_app("hostile")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "[bold]x[/bold] should not be bold" in text
        assert "[@click=app.quit]x[/] is not a link" in text
        assert "[bold]Hostile[/bold] timeline [/]" in text
        for control in ("\x1b", "\x07", "\x00", "\u202e", "\x9b"):
            assert control not in text
        assert "…" in text  # the very long title is cut
        # Clicking where a markup action would be does nothing but select.
        await pilot.click(EventList, offset=(20, 1))
        await pilot.click("#title", offset=(2, 0))
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert app.is_running
        await pilot.press("ctrl+p", *"click")
        await settle(pilot)
        assert app.is_running
        assert "[@click=app.quit]" in screen_text(app)


def big_timeline(count: int) -> Timeline:
    people = tuple(Entity(id=f"p{i}", name=f"Person {i}", kind="person") for i in range(50))
    events = tuple(
        Event(
            id=f"e{i}",
            date=PartialDate(1000 + i // 50, i % 12 + 1, i % 28 + 1),
            title=f"Event {i} {'harbour' if i % 7 == 0 else 'market'}",
            entities=(f"p{i % 50}",),
        )
        for i in range(count)
    )
    return Timeline(title="Big", events=events, entities=people)


@synchronous
async def test_a_hundred_thousand_events_filter_and_scroll_fast() -> None:
    app = TimelineApp(big_timeline(100_000))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = browse(app)
        rows = screen.events_list
        assert len(rows.positions) == 100_000
        drawn = 0
        original = rows._render_row

        def counting(*args: object, **kwargs: object) -> object:
            nonlocal drawn
            drawn += 1
            return original(*args, **kwargs)  # type: ignore[arg-type]

        rows._render_row = counting  # type: ignore[assignment,method-assign]
        started = time.perf_counter()
        screen.set_filter("harbour")
        refilled = time.perf_counter() - started
        await pilot.pause()
        assert len(rows.positions) == 100_000 // 7 + 1
        started = time.perf_counter()
        rows.action_page_down()
        paged = time.perf_counter() - started
        await pilot.pause()
        started = time.perf_counter()
        screen.set_filter("")
        cleared = time.perf_counter() - started
        await pilot.press("G")
        assert rows.cursor == 99_999
        # Only what is on screen is ever drawn: a few screenfuls, not 100,000 rows.
        assert drawn < 200
        # Generous bounds (the work is ~20 ms): they catch accidental O(n) widgets.
        assert refilled < 0.5, refilled
        assert cleared < 0.5, cleared
        assert paged < 0.05, paged


def test_the_names_column_of_an_event_with_hundreds_of_entities_shows_what_all_names_would() -> (
    None
):
    names = ["Ana", "Zoë  Núñez", "日本語の名前", "  spaced   out  ", "e\u0301" * 30, "Bo\n"]
    people = tuple(
        Entity(id=f"p{n}", name=f"{names[n % len(names)]} {n}", kind="person") for n in range(600)
    )
    event = Event(
        id="e", date=PartialDate(2000), title="Everyone", entities=tuple(p.id for p in people)
    )
    index = TimelineIndex(Timeline(title="T", events=(event,), entities=people))
    every_name = ", ".join(p.name for p in people)
    for width in (*range(1, 30), 36, 47, 80, 119):
        assert cut(entity_names(index, event, width), width) == cut(every_name, width), width
    few = Event(id="f", date=PartialDate(2000), title="Two", entities=("p0", "p1"))
    assert entity_names(index, few, 36) == "Ana 0, Zoë  Núñez 1"

"""Small windows, resizing, hostile text and very large timelines."""

from __future__ import annotations

import html
import re

from textual.widgets import Static
from tui_helpers import browse, make_app, running, settle, synchronous

from timeline_viewer.domain.dates import PartialDate
from timeline_viewer.domain.model import Entity, Event, Timeline
from timeline_viewer.tui.app import TimelineApp
from timeline_viewer.tui.entity_tree import EntityTree
from timeline_viewer.tui.event_detail import EventDetail
from timeline_viewer.tui.event_list import EventList


def screen_text(app: TimelineApp) -> str:
    """What the terminal shows, from an SVG screenshot, as plain text."""
    svg = app.export_screenshot()
    chunks = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    return html.unescape("".join(chunks)).replace("\xa0", " ")


@synchronous
async def test_40x12_collapses_the_side_panels_and_toggles_them() -> None:
    app = make_app("small")
    async with running(app, size=(40, 12)) as pilot:
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
    async with running(app, size=(120, 36)) as pilot:
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
    async with running(app, size=(120, 36)) as pilot:
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
async def test_a_hundred_thousand_events_filter_and_scroll_drawing_only_what_shows() -> None:
    app = TimelineApp(big_timeline(100_000))
    async with running(app, size=(120, 36)) as pilot:
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
        screen.set_filter("harbour")
        await pilot.pause()
        assert len(rows.positions) == 100_000 // 7 + 1
        rows.action_page_down()
        await pilot.pause()
        screen.set_filter("")
        await pilot.press("G")
        assert rows.cursor == 99_999
        # Only what is on screen is ever drawn: a few screenfuls, not 100,000 rows.
        # (How fast is for benchmarks/run.py: a timed test fails on a busy machine.)
        assert drawn < 200


def _key_bar(app: TimelineApp) -> list[str]:
    from textual.widgets._footer import FooterKey

    return [f"{key.key_display} {key.description}" for key in app.screen.query(FooterKey)]


@synchronous
async def test_80x24_starts_without_the_entities_panel_and_keeps_help_and_quit() -> None:
    app = make_app("small")
    async with running(app, size=(80, 24)) as pilot:
        screen = browse(app)
        tree = screen.query_one(EntityTree)
        assert not tree.display
        assert screen.events_list.size.width >= 78
        keys = _key_bar(app)
        assert keys[-2:] == ["? help", "q quit"]
        assert sum(len(key) + 1 for key in keys) <= 80
        await pilot.press("p")
        await settle(pilot)
        # Beside the list, not in its place: 80 columns are enough for both.
        assert tree.display and screen.query_one("#main").display
        assert _key_bar(app)[:4] == ["⏎ open entity", "space fold", "s sort", "esc back"]
        await pilot.press("escape", "enter")
        await settle(pilot)
        assert _key_bar(app)[:2] == ["⏎ open entity", "esc back"]
        await pilot.press("enter")  # the event's first entity: its view
        await settle(pilot)
        assert browse(app).entity is not None
        assert _key_bar(app)[:3] == ["] next", "[ prev", "esc back"]
        assert _key_bar(app)[-2:] == ["? help", "Q quit"]  # q goes back there


@synchronous
async def test_the_key_bar_fits_the_window_as_it_is_resized() -> None:
    app = make_app("small")
    async with running(app, size=(120, 36)) as pilot:
        assert "ctrl+f search" in _key_bar(app)
        await pilot.resize_terminal(40, 12)
        await settle(pilot)
        keys = _key_bar(app)
        assert "ctrl+f search" not in keys and keys[-2:] == ["? help", "q quit"]
        assert sum(len(key) + 1 for key in keys) <= 40


@synchronous
async def test_the_rail_marker_at_40x12_never_writes_over_a_year() -> None:
    app = make_app("small")
    async with running(app, size=(40, 12)) as pilot:
        for _ in range(8):
            text = screen_text(app)
            assert "▲97" not in text and "▲98" not in text and "▲2" not in text
            await pilot.press("j")
            await settle(pilot)

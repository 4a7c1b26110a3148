"""Export, clipboard, browser, help, command palette and theme, under a Pilot."""

from __future__ import annotations

import asyncio
import datetime
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.binding import Binding
from textual.command import CommandPalette
from textual.widgets import Input, Static
from tui_helpers import browse, make_app, notices, refreshed, running, settle, synchronous

from timeline_viewer.domain.dates import PartialDate
from timeline_viewer.domain.model import Event, Timeline
from timeline_viewer.domain.text import fold
from timeline_viewer.query.browse import event_markdown
from timeline_viewer.tui.app import TimelineApp
from timeline_viewer.tui.browse_screen import BrowseScreen
from timeline_viewer.tui.dialogs import ConfirmDialog, ExportDialog
from timeline_viewer.tui.event_list import EventList
from timeline_viewer.tui.help_screen import HelpScreen
from timeline_viewer.tui.settings import FILE_NAME

WIDE = (120, 36)


def crowded(count: int) -> Timeline:
    events = tuple(
        Event(id=f"e{i}", date=PartialDate(1000 + i // 12, i % 12 + 1), title=f"Event {i}")
        for i in range(count)
    )
    return Timeline(title="Crowded", events=events)


async def type_path(pilot: object, path: Path) -> None:
    field = pilot.app.screen.query_one("#export-path", Input)  # type: ignore[attr-defined]
    field.value = str(path)
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


@synchronous
async def test_export_writes_the_filtered_view(tmp_path: Path) -> None:
    app = make_app("small")
    async with running(app, size=WIDE) as pilot:
        browse(app).set_filter("bridge")
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        assert app.screen.query_one("#export-path", Input).value == "timeline.md"
        target = tmp_path / "bridges.md"
        await type_path(pilot, target)
        assert isinstance(app.screen, BrowseScreen)
        text = target.read_text(encoding="utf-8")
        assert "Bruno Sá presents the bridge design" in text
        assert "The new bridge opens" in text
        assert "Ana Lima elected mayor" not in text
        day = PartialDate(*datetime.date.today().timetuple()[:3]).display()
        header = f'> Events mentioning "bridge": 2 of 8 events, exported {day} from small\\.yaml.'
        assert header in text.splitlines()
        assert any(f"Wrote 2 events to {target}" in m for m in notices(app))


@synchronous
async def test_a_name_typed_without_an_extension_is_saved_as_markdown(tmp_path: Path) -> None:
    app = make_app("small")
    app.working_folder = tmp_path
    async with running(app, "e", size=WIDE) as pilot:
        await type_path(pilot, Path("river"))
        assert (tmp_path / "river.md").is_file()
        assert not (tmp_path / "river").exists()


@synchronous
async def test_export_default_name_is_in_the_working_folder(tmp_path: Path) -> None:
    app = make_app("small")
    app.working_folder = tmp_path
    async with running(app, size=WIDE) as pilot:
        # The entity view exports its own events, said as an entity: filter.
        app.open_entity("bruno-sa")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        text = (tmp_path / "timeline.md").read_text(encoding="utf-8")
        assert "> Events involving Bruno Sá: 2 of 8 events, exported " in text


@synchronous
async def test_export_asks_before_replacing_a_file(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("keep me\n", encoding="utf-8")
    app = make_app("small")
    async with running(app, "e", size=WIDE) as pilot:
        await type_path(pilot, target)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
        assert target.read_text(encoding="utf-8") == "keep me\n"
        await pilot.press("e")
        await settle(pilot)
        await type_path(pilot, target)
        await pilot.press("y")
        await settle(pilot)
        assert "River Town Chronicle" in target.read_text(encoding="utf-8")


@synchronous
async def test_export_never_writes_over_the_source_or_into_nowhere(tmp_path: Path) -> None:
    app = make_app("small")
    source = app.source
    assert source is not None
    before = source.read_bytes()
    async with running(app, "e", size=WIDE) as pilot:
        await type_path(pilot, source)
        assert isinstance(app.screen, BrowseScreen)
        assert source.read_bytes() == before
        await pilot.press("e")
        await settle(pilot)
        await type_path(pilot, tmp_path / "missing" / "out.md")
        assert not (tmp_path / "missing").exists()
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
        assert any("own source file" in m for m in notices(app))
        assert any("does not exist" in m for m in notices(app))


@synchronous
async def test_copy_and_open_go_through_replaceable_methods() -> None:
    app = make_app("small")
    async with running(app, size=WIDE) as pilot:
        screen = browse(app)
        await pilot.press("j", "y")
        await pilot.pause()
        assert app.copied == [
            event_markdown(screen.index, screen.index.position_by_id["lima-elected"])
        ]
        assert app.copied[0].startswith("**11 Mar 1984** — **Ana Lima elected mayor**")
        await pilot.press("o")
        await pilot.pause()
        # The archive (first source) has no address: the gazette's is opened.
        assert app.opened == ["https://example.org/gazette"]
        await pilot.press("G", "o")  # lima-retires cites nothing
        await pilot.pause()
        assert app.opened == ["https://example.org/gazette"]


def _help_lines(app: TimelineApp) -> list[str]:
    return str(app.screen.query_one("#help", Static).render()).splitlines()


@synchronous
async def test_help_lists_the_keys_of_the_list_in_one_screen_and_closes() -> None:
    app = make_app("small")
    async with running(app, "question_mark", size=WIDE) as pilot:
        assert isinstance(app.screen, HelpScreen)
        help_screen = app.screen
        text = "\n".join(_help_lines(app))
        assert "In the event list" in text
        assert "Filter words" in text
        # Every key the list, its screen and the app show or hide, but for the
        # help's own scrolling (the same keys) and the system ones.
        names = {"slash": "/", "right_square_bracket": "]", "left_square_bracket": "["}
        names |= {"question_mark": "?", "enter": "⏎", "escape": "esc", "right": "→", "left": "←"}
        names |= {"up": "↑", "down": "↓", "pageup": "pgup", "pagedown": "pgdn", "asterisk": "*"}
        bindings = [*TimelineApp.BINDINGS, *BrowseScreen.BINDINGS, *EventList.BINDINGS]
        for binding in bindings:
            assert isinstance(binding, Binding)
            for key in binding.key.split(","):
                assert names.get(key, key) in text, key
        # Two columns, and all of it on one screen at 120x36.
        assert any("In the event list" in line and "Anywhere" in line for line in _help_lines(app))
        scroll = help_screen.query_one("#help-scroll")
        assert scroll.max_scroll_y == 0
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
        await pilot.press("question_mark")
        await settle(pilot)
        assert app.screen is help_screen  # built once


@synchronous
async def test_help_at_80x24_takes_two_screens_at_most_and_scrolls_with_vi_keys() -> None:
    app = make_app("small")
    async with running(app, size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        scroll = app.screen.query_one("#help-scroll")
        assert 0 < scroll.max_scroll_y <= scroll.size.height
        await pilot.press("j")
        await settle(pilot)
        assert scroll.scroll_y == 1
        await pilot.press("G")
        await settle(pilot)
        assert scroll.scroll_y == scroll.max_scroll_y
        await pilot.press("g")
        await settle(pilot)
        assert scroll.scroll_y == 0
        await pilot.press("space")
        await settle(pilot)
        assert scroll.scroll_y > 1
        await pilot.press("k")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        # Shown again: from the top.
        await pilot.press("question_mark")
        await settle(pilot)
        assert scroll.scroll_y == 0


@synchronous
async def test_slash_in_the_help_finds_keys_and_escape_brings_them_all_back() -> None:
    app = make_app("small")
    async with running(app, size=(80, 24)) as pilot:
        await pilot.press("question_mark", "slash", *"export")
        await settle(pilot)
        lines = [line.strip() for line in _help_lines(app) if line.strip()]
        assert lines == ["Anywhere", "e  export the view: Markdown, CSV, iCalendar…"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert len(_help_lines(app)) > 20
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)


@synchronous
async def test_help_follows_where_the_user_is() -> None:
    app = make_app("small")
    async with running(app, "slash", "question_mark", size=WIDE) as pilot:
        assert isinstance(app.screen, BrowseScreen)  # `?` is typed in the filter bar
        assert app.screen.query_one("#filter", Input).value == "?"
        await pilot.press("backspace", "f1")
        await settle(pilot)
        await pilot.press("escape", "tab", "tab", "question_mark")
        await settle(pilot)
        text = "\n".join(_help_lines(app))
        assert "In the event's detail" in text
        assert "open the entity, or go to the event" in text
        assert "next / previous event" not in text
        await pilot.press("escape", "escape")
        await settle(pilot)
        app.open_entity("ana-lima")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        text = "\n".join(_help_lines(app))
        assert "next / previous event of Ana Lima" in text


@synchronous
async def test_command_palette_reaches_entities_events_and_actions() -> None:
    app = make_app("small")
    async with running(app, "ctrl+p", size=WIDE) as pilot:
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"brun")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert browse(app).view.entity_id == "bruno-sa"
        # An event outside the entity view: back to the whole timeline, on it.
        await pilot.press("ctrl+p", *"flod")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = browse(app)
        assert screen.view.entity_id is None
        assert screen.highlighted == screen.index.position_by_id["flood"]
        await pilot.press("ctrl+p", *"expo")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)


@synchronous
async def test_theme_is_kept_between_runs(private_settings: Path) -> None:
    app = make_app("small")
    async with running(app, size=WIDE) as pilot:
        app.theme = "nord"
        await settle(pilot)
    saved = json.loads((private_settings / FILE_NAME).read_text(encoding="utf-8"))
    assert saved == {"theme": "nord"}
    again = make_app("small")
    async with running(again, size=WIDE) as pilot:
        assert again.theme == "nord"


@synchronous
async def test_a_corrupt_settings_file_is_ignored(private_settings: Path) -> None:
    private_settings.mkdir(parents=True)
    (private_settings / FILE_NAME).write_bytes(b'{"theme": [1, 2\xff')
    app = make_app("small")
    async with running(app, size=WIDE):
        assert app.theme == "textual-dark"
        assert app.is_running
    (private_settings / FILE_NAME).write_text('{"theme": "no-such-theme"}', encoding="utf-8")
    app = make_app("small")
    async with running(app, size=WIDE):
        assert app.theme == "textual-dark"


@synchronous
async def test_export_is_written_while_the_window_answers_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A big view's export takes a second or more: the cursor moves meanwhile,
    # and what is written is the view as it was when the export started.
    from timeline_viewer.export import markdown

    started, release = threading.Event(), threading.Event()
    real_chunks = markdown.markdown_chunks

    def slow_chunks(*args: Any, **kwargs: Any) -> Iterator[str]:
        started.set()
        release.wait(10)
        return real_chunks(*args, **kwargs)

    monkeypatch.setattr(markdown, "markdown_chunks", slow_chunks)
    app = make_app("small")
    async with running(app, size=WIDE) as pilot:
        screen = browse(app)
        screen.set_filter("bridge")
        await pilot.press("e")
        await settle(pilot)
        target = tmp_path / "out.md"
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        assert started.wait(5)
        before = screen.highlighted
        await pilot.press("escape", "j")  # leave the filter; move down the whole timeline
        await pilot.pause()
        assert not release.is_set() and not target.exists()
        assert len(screen.events_list.positions) == 8
        assert screen.highlighted != before
        release.set()
        await settle(pilot)
        text = target.read_text(encoding="utf-8")
        assert '> Events mentioning "bridge": 2 of 8 events, exported ' in text
        assert any(f"Wrote 2 events to {target}" in m for m in notices(app))


@synchronous
async def test_an_export_that_fails_in_its_thread_is_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline_viewer.export import markdown

    def broken_chunks(*args: Any, **kwargs: Any) -> Iterator[str]:
        yield "# A start\n"
        raise RuntimeError("the [bold]export[/bold] broke")

    monkeypatch.setattr(markdown, "markdown_chunks", broken_chunks)
    app = make_app("small")
    async with running(app, "e", size=WIDE) as pilot:
        await type_path(pilot, tmp_path / "out.md")
        assert app.is_running and isinstance(app.screen, BrowseScreen)
        assert list(tmp_path.iterdir()) == []  # nor a half-written temporary file
        assert "RuntimeError: the [bold]export[/bold] broke" in notices(app)


def test_best_matches_are_the_best_scores_earlier_first_among_equals() -> None:
    from textual.fuzzy import Matcher

    from timeline_viewer.tui.commands import best_matches

    names = ["Bridge", "Old bridge", "Brigade", "Mill", "bridge", "Bride", "Ábridge", "BRIDGE"]
    # Folded, as the palette keeps them; the name that matches first or second.
    candidates = [
        ("zzz", fold(name)) if number % 2 else (fold(name), "zzz")
        for number, name in enumerate(names)
    ]
    matcher = Matcher("bridge")
    found = asyncio.run(best_matches(matcher, candidates, 3))
    scores = {
        number: matcher.fuzzy_search.match("bridge", fold(name))[0]
        for number, name in enumerate(names)
    }
    ranked = sorted((n for n in scores if scores[n] > 0), key=lambda n: (-scores[n], n))
    assert [number for _, number, _ in found] == ranked[:3]
    assert [score for score, _, _ in found] == [scores[n] for n in ranked[:3]]
    assert [which for _, _, which in found] == [n % 2 for n in ranked[:3]]
    assert len(asyncio.run(best_matches(matcher, candidates, 100))) == len(ranked)


@pytest.mark.parametrize(
    "query", ["a", "an", "ana", "zq", "l. [", "r\\d", "ñu", "Caro Q", "-(", "  ", ".*", "ss"]
)
def test_best_matches_skip_only_names_the_matcher_scores_zero(query: str) -> None:
    import random

    from textual.fuzzy import Matcher

    from timeline_viewer.tui.commands import best_matches

    rng = random.Random(query)
    alphabet = "aaabcdeilnñoqrsuz .-[]()*\\ÁÑß"
    names = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24))) for _ in range(400)]
    candidates = [(fold(name),) for name in names]
    matcher = Matcher(query)
    found = asyncio.run(best_matches(matcher, candidates, len(names)))
    # Every name the fuzzy matcher itself scores above 0, in its order.
    scores = {n: matcher.fuzzy_search.match(fold(query), c[0])[0] for n, c in enumerate(candidates)}
    ranked = sorted((n for n in scores if scores[n] > 0), key=lambda n: (-scores[n], n))
    assert [number for _, number, _ in found] == ranked


@synchronous
async def test_the_palette_lists_only_the_best_of_thousands_of_matches() -> None:
    # Listing every hit of a big timeline made the palette redo a list of
    # thousands with each batch of results, for minutes.
    from textual.command import CommandList

    from timeline_viewer.tui.commands import ENTITY_HITS, EVENT_HITS

    app = TimelineApp(crowded(3000))
    async with running(app, "ctrl+p", *"event", size=WIDE) as pilot:
        await pilot.pause(0.5)
        listed = app.screen.query_one(CommandList)
        assert 0 < listed.option_count <= ENTITY_HITS + EVENT_HITS + 16
        prompts = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
        assert sum("Event  Event" in p for p in prompts) == EVENT_HITS


@synchronous
async def test_screens_shown_and_closed_do_not_stay_in_memory() -> None:
    # Textual kept the keys of every key bar and the drawing caches of the
    # last thousand widgets: each help screen left thousands of objects that
    # every full garbage collection walked (25 ms, then 180 ms after a few).
    # Only widgets this app makes after the help screen was first shown are
    # followed, by weak references: other tests' apps, let go of meanwhile or
    # not, change nothing here, and what was alive when start-up and the help
    # screen were frozen out of the collector (kept on purpose) is not counted.
    import gc
    import weakref

    from textual.dom import DOMNode

    def shown() -> list[DOMNode]:
        screens = {*app.screen_stack, *app._installed_screens.values()}
        return [
            widget
            for screen in screens
            if isinstance(screen, DOMNode)
            for widget in screen.walk_children(with_self=True)
        ]

    app = make_app("small")
    async with running(app, size=WIDE) as pilot:
        await pilot.press("question_mark")
        await refreshed(pilot)  # the help screen is frozen once it is drawn
        await pilot.press("escape")
        await settle(pilot)
        known: weakref.WeakSet[DOMNode] = weakref.WeakSet(shown())
        followed: list[weakref.ref[object]] = []
        rounds = 4
        for round_number in range(rounds):
            if round_number == rounds - 1:
                # What the earlier rounds made is followed; the last round only
                # moves on, as a user does (Textual may hold the dialog just
                # closed until the next one: that is not piling up).
                earlier = len(followed)
            # Each round ends back from a screen, when the browser lets go of the
            # drawing caches Textual keeps (of the filter bar's keys, say).
            for key in ("slash", "escape", "e", "escape", "question_mark", "escape"):
                await pilot.press(key)
                await pilot.pause()
                for widget in app.screen.walk_children(with_self=True):
                    if widget not in known:
                        known.add(widget)
                        followed += [weakref.ref(widget), weakref.ref(widget._styles_cache)]
            await settle(pilot)
        gc.collect()
        kept = {id(thing) for widget in shown() for thing in (widget, widget._styles_cache)}
        alive = (ref() for ref in followed[:earlier])
        left_behind = [type(thing).__name__ for thing in alive if thing and id(thing) not in kept]
        # The help screen, the export dialog, the filter bar's keys, three times.
        assert earlier > 100
        assert left_behind == []


@synchronous
async def test_the_key_bar_is_rebuilt_only_when_its_keys_change() -> None:
    from timeline_viewer.tui.key_bar import KeyBar

    app = make_app("small")
    async with running(app, size=WIDE) as pilot:
        bar = browse(app).query_one(KeyBar)
        keys = list(bar.children)
        assert keys
        browse(app).refresh_bindings()  # what Textual does when they may have changed
        await settle(pilot)
        assert list(bar.children) == keys
        await pilot.press("slash")  # in the filter bar, other keys are shown
        await settle(pilot)
        assert list(bar.children) != keys
        assert all(key.is_attached for key in bar.children)

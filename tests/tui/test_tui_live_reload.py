"""The curator's loop under a Pilot: a save reloads the file, `E` hands it to the editor.

Timing is the tests': they call `check_source()` (what the timer calls) and
wait for the reload worker, rather than waiting for the timer (one test
leaves a save to the timer, to see that it is wired).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import Input, Static
from tui_helpers import (
    app_on_file,
    browse,
    fixture_path,
    messages,
    reload,
    running,
    settle,
    synchronous,
)

from timeline_viewer.tui.app import TimelineApp
from timeline_viewer.tui.browse_screen import BrowseScreen
from timeline_viewer.tui.entity_tree import EntityTree
from timeline_viewer.tui.event_detail import EntityCard
from timeline_viewer.tui.problems_panel import ProblemsPanel

WIDE = (120, 36)

NEW_EVENT = """  - id: bridge-vote
    date: 2015-03-01
    title: The town votes for the bridge
    entities: [river-town]
"""


def highlighted_id(screen: BrowseScreen) -> str | None:
    position = screen.highlighted
    return None if position is None else screen.index.events[position].id


def text_of(node: Widget, selector: str) -> str:
    return str(node.query_one(selector, Static).render())


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the first line of `path` containing `needle`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def save(path: Path, text: str) -> None:
    """Save as most editors do, in one go (a new file renamed over the old one):
    a look at the file from the watch's thread never sees half a save."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def edit(path: Path, *changes: tuple[str, str]) -> None:
    """Make each (old, new) change, then save once."""
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new, 1)
    save(path, text)


@pytest.fixture
def timeline_file(tmp_path: Path) -> Path:
    """A copy of the small fixture that the test changes under the app."""
    path = tmp_path / "river.yaml"
    shutil.copyfile(fixture_path("small"), path)
    return path


def use_vim(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "vim")


@synchronous
async def test_a_save_reloads_keeping_filter_search_and_cursor(timeline_file: Path) -> None:
    app = app_on_file(timeline_file)
    async with running(app, size=WIDE) as pilot:
        screen = browse(app)
        screen.set_filter("bridge")
        screen.show_event(screen.index.position_by_id["bridge-opened"])
        await pilot.press("ctrl+f", *"bruno", "enter")
        await settle(pilot)
        assert text_of(screen, "#count") == "2 of 8 events"
        assert highlighted_id(screen) == "bridge-opened"

        # Another editor saves: an event added before the cursor's, one redated.
        edit(
            timeline_file,
            ("  - id: bridge-opened\n", NEW_EVENT + "  - id: bridge-opened\n"),
            ("date: 2016-05-01", "date: 2016-06-01"),
        )
        await reload(pilot)

        assert browse(app) is screen
        assert len(app.index) == 9
        assert text_of(screen, "#count") == "3 of 9 events"
        assert screen.query_one("#filter", Input).value == "bridge"
        assert highlighted_id(screen) == "bridge-opened"
        assert screen.search.text == "bruno"
        assert screen.search.rows == (0, 2)  # rows of the new list (the vote is row 1)
        assert "1 June 2016" in text_of(screen, "#detail-when")
        assert "Reloaded: 1 event added, 1 redated" in messages(app)
        assert not screen.query_one(ProblemsPanel).display
        # The new version gets its own word index, and filters through it.
        for _ in range(40):
            if app.index.word_index is not None:
                break
            await pilot.pause(0.05)
        assert app.index.word_index is not None
        screen.set_filter('"town votes"')
        assert text_of(screen, "#count") == "1 of 9 events"
        screen.set_filter("bridge")

        # Saved again unchanged (or only touched): nothing to reload or say.
        edit(timeline_file)
        await reload(pilot)
        assert len(app._notifications) == 1

        # Left to the timer: the next save is seen within a second.
        edit(timeline_file, ("title: The town votes", "title: The council votes"))
        for _ in range(40):
            await pilot.pause(0.05)
            if len(app._notifications) > 1:
                break
        await settle(pilot)
        assert messages(app)[-1] == "Reloaded: 1 event retitled"


@synchronous
async def test_a_broken_save_keeps_the_timeline_and_lists_problems_until_fixed(
    timeline_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_vim(monkeypatch)
    app = app_on_file(timeline_file)
    async with running(app, size=WIDE) as pilot:
        screen = browse(app)
        await pilot.press("j", "j")
        before = list(screen.events_list.positions)

        edit(
            timeline_file,
            ("date: 1986-04-02", "date: 1986-14-02"),
            ("[old-mill, river-town]", "[old-mill, '[bold]x[/]']"),
        )
        await reload(pilot)

        # The last good timeline stays, cursor and all.
        assert list(screen.events_list.positions) == before
        assert highlighted_id(screen) == "mill-fire"
        panel = screen.query_one(ProblemsPanel)
        assert panel.display and panel.region.height > 0
        listed = text_of(screen, "#problems-list").splitlines()
        date_line = line_of(timeline_file, "1986-14-02")
        entity_line = line_of(timeline_file, "[bold]x[/]")
        assert listed[0].startswith(f"{timeline_file}:{entity_line}:26: events[2].entities[1]")
        assert "[bold]x[/]" in listed[0]  # shown literally, not as markup
        assert listed[1].startswith(f"{timeline_file}:{date_line}:11: events[3].date")
        assert "2 problems" in text_of(screen, "#problems-heading")
        assert "Not reloaded: 2 problems: the last version that loaded stays" in messages(app)
        # E goes to the first problem, wherever the cursor is.
        await pilot.press("E")
        assert app.edited == [["vim", f"+{entity_line}", str(timeline_file)]]
        # A window too small says only that: the problems too wait for a bigger one.
        await pilot.resize_terminal(30, 10)
        await settle(pilot)
        assert not panel.display
        await pilot.resize_terminal(*WIDE)
        await settle(pilot)
        assert panel.display

        # Fixed: reloaded, the problems gone (what changed is against the last good version).
        edit(
            timeline_file,
            ("[old-mill, '[bold]x[/]']", "[old-mill, river-town]"),
            ("date: 1986-14-02", "date: 1986-04-03"),
        )
        await reload(pilot)
        assert not panel.display
        assert app.problems == []
        assert "Reloaded: The file loads again: 1 event redated" in messages(app)
        assert highlighted_id(screen) == "mill-fire"


@synchronous
async def test_entity_views_follow_a_reload_and_close_when_their_entity_goes(
    timeline_file: Path,
) -> None:
    app = app_on_file(timeline_file)
    async with running(app, size=WIDE) as pilot:
        app.open_entity("old-mill")
        await settle(pilot)
        app.open_entity("river-town")
        await settle(pilot)
        mill_view = app.browse_screens()[1]

        # Renamed: the view stays, with the new name in its title and card.
        edit(timeline_file, ("name: Old Mill", "name: Old Water Mill"))
        await reload(pilot)
        assert len(app.browse_screens()) == 3
        assert "Old Water Mill" in text_of(mill_view, "#title")
        assert "Old Water Mill" in text_of(mill_view.query_one(EntityCard), "#card-name")

        # Removed (with its one event): its view and the one above it close.
        text = timeline_file.read_text(encoding="utf-8")
        start = text.index("  - id: old-mill")
        text = text[:start] + text[text.index("events:", start) :]
        start = text.index("  - id: mill-fire")
        text = text[:start] + text[text.index("  - id: flood", start) :]
        save(timeline_file, text)
        await reload(pilot)
        assert app.browse_screens() == [app.screen]
        assert browse(app).entity is None
        assert "Entity view closed: Old Water Mill (old-mill) is no longer in the file" in (
            messages(app)
        )
        assert text_of(browse(app), "#count") == "7 of 7 events"


@synchronous
async def test_E_opens_the_editor_at_the_item_and_reloads_after(
    timeline_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_vim(monkeypatch)
    app = app_on_file(timeline_file)

    def retitle(command: list[str]) -> None:
        edit(timeline_file, ("title: Ana Lima elected mayor", "title: Ana Lima wins the election"))

    app.editing = retitle
    async with running(app, size=WIDE) as pilot:
        screen = browse(app)
        await pilot.press("j", "E")
        await settle(pilot)
        await pilot.pause()
        event_line = line_of(timeline_file, "- id: lima-elected")
        assert app.edited == [["vim", f"+{event_line}", str(timeline_file)]]
        assert highlighted_id(screen) == "lima-elected"
        assert text_of(screen, "#detail-title").startswith("Ana Lima wins the election")
        assert "Reloaded: 1 event retitled" in messages(app)

        # On an entity in the entities panel: the entity's line.
        app.editing = None
        await pilot.press("p")  # hide it, then show it focused
        await pilot.press("p")
        tree = screen.query_one(EntityTree)
        assert app.focused is tree
        tree.move_cursor_to_entity("bruno-sa")
        await pilot.press("E")
        entity_line = line_of(timeline_file, "- id: bruno-sa")
        assert app.edited[-1] == ["vim", f"+{entity_line}", str(timeline_file)]

        # In an entity view, on its card: the entity's line.
        app.open_entity("river-board")
        await settle(pilot)
        card = browse(app).query_one(EntityCard)
        browse(app).set_focus(card)
        await pilot.press("E")
        board_line = line_of(timeline_file, "- id: river-board")
        assert app.edited[-1] == ["vim", f"+{board_line}", str(timeline_file)]


@synchronous
async def test_E_says_why_when_no_editor_can_run(
    timeline_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("PATH", "")
    recording = app_on_file(timeline_file)
    async with running(recording, size=WIDE) as pilot:
        await pilot.press("E")
        await pilot.pause()
        assert recording.edited == []
        assert any(m.startswith("No editor: set $EDITOR") for m in messages(recording))

    # The real hand-over, headless: the terminal cannot be let go of, and it says so.
    monkeypatch.setenv("EDITOR", "true")
    app = TimelineApp(recording.index.timeline, timeline_file)
    async with running(app, size=WIDE) as pilot:
        await pilot.press("E")
        await pilot.pause()
        assert "Not edited: This terminal cannot be handed over to an editor" in messages(app)


@pytest.mark.parametrize("through", ["app", "command"])
def test_a_save_between_the_load_and_the_watch_is_shown(
    timeline_file: Path, through: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The watch compares with the bytes that were loaded, not with the file when it starts."""
    from timeline_viewer.load import load_cache, loader
    from timeline_viewer.tui import app as app_module

    loaded_bytes = timeline_file.read_bytes()
    saved_early = loaded_bytes.decode().replace("events:\n", f"events:\n{NEW_EVENT}", 1)

    @synchronous
    async def watch(app: TimelineApp) -> None:
        # Loaded before the save (the app's own timer may reload it any moment once running).
        assert "bridge-vote" not in [event.id for event in app.index.events]
        async with app.run_test(size=WIDE) as pilot:
            await reload(pilot)
            assert "bridge-vote" in [event.id for event in app.index.events]
            assert "Reloaded: 1 event added" in messages(app)

    if through == "app":
        app = TimelineApp(
            load_timeline_from(loaded_bytes, timeline_file),
            timeline_file,
            loaded_key=load_cache.content_key(loaded_bytes),
        )
        save(timeline_file, saved_early)  # after the load, before the app's watch starts
        watch(app)
    else:
        # The command's own start-up: the save lands once the file was read.
        real_prefetch = loader.prefetch

        def prefetch_then_save(path: Path, **options: bool) -> loader.Prefetched:
            prefetched = real_prefetch(path, **options)
            save(timeline_file, saved_early)
            return prefetched

        def run_tui(timeline: object, source: Path | None, **options: object) -> int:
            app = TimelineApp(timeline, source, **options)  # type: ignore[arg-type]
            watch(app)
            return 0

        monkeypatch.setattr(loader, "prefetch", prefetch_then_save)
        monkeypatch.setattr(app_module, "run_tui", run_tui)
        from timeline_viewer.cli.main import main

        assert main([str(timeline_file)]) == 0


def load_timeline_from(raw: bytes, path: Path) -> object:
    from timeline_viewer.load.loader import parse_timeline

    return parse_timeline(raw.decode(), str(path))

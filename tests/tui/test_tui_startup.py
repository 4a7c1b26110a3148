"""Start-up: what waits for the first paint, what is imported, and what is built later."""

from __future__ import annotations

import gc
import inspect
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from textual.app import ComposeResult
from textual.dom import DOMNode
from textual.widgets import Input
from tui_helpers import (
    RecordingApp,
    browse,
    drawn_line,
    fixture_path,
    make_app,
    running,
    settle,
    synchronous,
)

from timeline_viewer.domain.dates import PartialDate
from timeline_viewer.domain.model import Entity, Event, Timeline
from timeline_viewer.load.loader import load_timeline
from timeline_viewer.query import browse as browse_module
from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.tui import app as app_module
from timeline_viewer.tui.app import TimelineApp, run_tui
from timeline_viewer.tui.browse_screen import BrowseScreen
from timeline_viewer.tui.entity_tree import EntityTree
from timeline_viewer.tui.event_detail import SYNC_COST, EventDetail, JumpList
from timeline_viewer.tui.event_list import EventList
from timeline_viewer.tui.settings import FILE_NAME, Settings, save_settings
from timeline_viewer.tui.time_rail import TimeRail

WIDE = (120, 36)


def crowded_timeline(count: int, *, entities: int = 10) -> Timeline:
    """`count` events, each with two of a few entities; "p0" is in every one."""
    people = tuple(Entity(id=f"p{i}", name=f"Person {i}", kind="person") for i in range(entities))
    events = tuple(
        Event(
            id=f"e{i}",
            date=PartialDate(1000 + i // 300, i % 12 + 1, i % 28 + 1),
            title=f"Event {i}",
            entities=("p0", f"p{1 + i % (entities - 1)}"),
        )
        for i in range(count)
    )
    return Timeline(title="Crowded", events=events, entities=people)


def test_nothing_but_the_browse_screen_is_imported_at_start() -> None:
    # Help (with the Markdown widget), dialogs, the palette's provider and the
    # exporters are imported when first used, not before the first paint.
    code = (
        "import sys, timeline_viewer.tui.app\n"
        "late = ['timeline_viewer.tui.help_screen', 'timeline_viewer.tui.dialogs',\n"
        "        'timeline_viewer.tui.commands', 'timeline_viewer.export.writing',\n"
        "        'textual.widgets._markdown']\n"
        "print(','.join(m for m in late if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_run_tui_takes_a_prebuilt_index() -> None:
    assert "index" in inspect.signature(run_tui).parameters
    timeline = crowded_timeline(10)
    index = TimelineIndex(timeline)
    assert TimelineApp(timeline, index=index).index is index
    assert TimelineApp(timeline).index is not index


@synchronous
async def test_a_new_cache_entry_is_written_once_the_first_rows_are_shown(tmp_path: Path) -> None:
    calls: list[bool] = []
    app = TimelineApp(
        crowded_timeline(10),
        settings_file=tmp_path / "settings.json",
        write_cache=lambda: calls.append(app._painted.is_set()),
    )
    async with app.run_test(size=WIDE) as pilot:
        for _ in range(40):
            if calls:
                break
            await pilot.pause(0.05)
    assert calls == [True]  # once, after the first paint


@synchronous
async def test_a_cache_entry_not_written_yet_is_written_on_quitting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The preparing thread never gets to it (quit at once): the app writes it as it closes.
    monkeypatch.setattr(TimelineApp, "_prepare", lambda self: None)
    calls: list[str] = []
    app = TimelineApp(
        crowded_timeline(10),
        settings_file=tmp_path / "settings.json",
        write_cache=lambda: calls.append(threading.current_thread().name),
    )
    async with app.run_test(size=WIDE):
        assert calls == []
    assert calls == [threading.main_thread().name]


@synchronous
async def test_a_small_timeline_is_complete_from_the_first_frame() -> None:
    app = make_app("small")
    assert app.facts is not None
    async with app.run_test(size=WIDE):
        screen = browse(app)
        assert screen.query_one(TimeRail).axis is not None
        assert screen.query_one(EntityTree).counts
        assert screen.query_one(EventDetail).related_ready


@synchronous
async def test_a_big_timeline_fills_in_the_rail_counts_and_related_later(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(app_module, "PREPARE_BEFORE_PAINT", 100)
    release = threading.Event()
    original = browse_module.TimelineFacts.of

    def held_back(index: TimelineIndex, pause: object = None) -> browse_module.TimelineFacts:
        release.wait(10)
        return original(index)

    monkeypatch.setattr(app_module.TimelineFacts, "of", held_back)
    app = TimelineApp(crowded_timeline(500))
    assert app.facts is None
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = browse(app)
        # The rows and the detail are there; what needs a pass over every event is not.
        assert len(screen.events_list.positions) == 500
        assert screen.query_one(EventDetail).position == 0
        rail, tree = screen.query_one(TimeRail), screen.query_one(EntityTree)
        assert not rail.ready and rail.span is None
        assert not tree.counts
        assert drawn_line(tree, 1) == "├ Person 0"
        related = screen.query_one("#detail-related", JumpList)
        assert not related.display
        # Moving and filtering work meanwhile.
        await pilot.press("j")
        screen.set_filter("event 1")
        release.set()
        await settle(pilot)
        assert app.facts is not None
        assert rail.ready and rail.span is not None
        assert tree.counts
        # Under the filter, its events in view over all of them.
        assert drawn_line(tree, 1).startswith("├ Person 0 ")
        assert drawn_line(tree, 1).endswith("/500")
        assert related.display
        assert screen.highlighted is not None
        assert related.targets == screen.index.related_events(screen.highlighted, 5)
        # An entity view opened now gets the facts at once.
        app.open_entity("p1")
        await settle(pilot)
        assert browse(app).facts is app.facts
        assert browse(app).query_one(TimeRail).ready


@synchronous
async def test_related_events_of_a_huge_entity_are_found_in_a_thread() -> None:
    count = SYNC_COST + 500
    app = TimelineApp(crowded_timeline(count))
    async with running(app, size=WIDE) as pilot:
        screen = browse(app)
        position = screen.highlighted
        assert position is not None
        assert browse_module.related_cost(screen.index, screen.index.events[position]) > SYNC_COST
        related = screen.query_one("#detail-related", JumpList)
        assert related.targets == screen.index.related_events(position, 5)
        # A quick run of moves: only the last event's related events are kept.
        await pilot.press("j", "j", "j")
        await settle(pilot)
        assert screen.highlighted == 3
        assert related.targets == screen.index.related_events(3, 5)
        assert related.display


@synchronous
async def test_the_card_of_a_huge_entity_finds_shared_entities_in_a_thread() -> None:
    app = TimelineApp(crowded_timeline(SYNC_COST + 500))
    async with running(app, size=WIDE) as pilot:
        app.open_entity("p0")
        await settle(pilot)
        shared = browse(app).query_one("#card-shared", JumpList)
        assert not shared.has_class("empty")
        assert shared.targets[0] == "p1"


@synchronous
async def test_a_stale_filter_change_is_skipped() -> None:
    app = make_app("small")
    async with running(app, size=WIDE) as pilot:
        screen = browse(app)
        field = screen.query_one("#filter", Input)
        with field.prevent(Input.Changed):
            field.value = "bridge"
        # A change queued before the last key: the field already says more.
        screen.post_message(Input.Changed(field, "b"))
        await settle(pilot)
        assert screen.view.filter_text == ""
        screen.post_message(Input.Changed(field, "bridge"))
        await settle(pilot)
        assert len(screen.events_list.positions) == 2


@synchronous
async def test_the_collector_skips_what_lives_as_long_as_the_app() -> None:
    app = make_app("small")
    async with running(app, size=WIDE):
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


class _Clock:
    """The app's clock, moved only by its own sleeps: no wall time in the test."""

    def __init__(self) -> None:
        self.now = 1_000.0
        self.slept = 0.0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds
        self.slept += seconds


@synchronous
async def test_preparation_waits_while_keys_arrive(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = _Clock()
    monkeypatch.setattr(app_module, "time", clock)
    app = make_app("small")
    async with running(app, size=WIDE) as pilot:
        app._wait_for_typing()
        assert clock.slept == 0  # no key yet: no wait
        await pilot.press("j")
        assert app._last_key == clock.now  # the key was noted when it came
        app._wait_for_typing()
        # Waited until a whole pause had passed since the key, and no longer.
        step = app_module.TYPING_PAUSE / 4
        assert app_module.TYPING_PAUSE <= clock.slept < app_module.TYPING_PAUSE + step


@synchronous
async def test_the_entities_panel_folds_kinds_and_opens_entities() -> None:
    app = make_app("small")
    async with running(app, size=WIDE) as pilot:
        tree = browse(app).query_one(EntityTree)
        await pilot.press("shift+tab")
        assert app.focused is tree and tree.cursor == 0
        lines = len(tree.lines)
        await pilot.press("space")  # folds People
        assert len(tree.lines) == lines - 2
        await pilot.press("enter")  # unfolds it again
        assert len(tree.lines) == lines
        await pilot.press("down", "down", "up", "end", "home", "pagedown", "pageup")
        assert tree.cursor == 0
        await pilot.press("down", "enter")
        await settle(pilot)
        assert browse(app).view.entity_id == "ana-lima"
        # The entity view's panel starts on its entity.
        tree = browse(app).query_one(EntityTree)
        line = tree.cursor_line
        assert line is not None and line.entity is not None and line.entity.id == "ana-lima"
        await pilot.press("escape")
        await settle(pilot)
        assert await pilot.click(EntityTree, offset=(4, 2))
        await settle(pilot)
        assert browse(app).view.entity_id == "bruno-sa"


@synchronous
async def test_an_empty_entities_panel_ignores_keys() -> None:
    app = make_app("empty")
    async with running(app, size=WIDE) as pilot:
        tree = browse(app).query_one(EntityTree)
        tree.focus()
        await pilot.press("down", "enter", "space", "end")
        assert tree.cursor is None and tree.cursor_line is None
        assert isinstance(browse(app).query_one(EventList), EventList)


@synchronous
async def test_the_whole_timeline_is_the_apps_first_screen() -> None:
    app = make_app("small")
    async with running(app, size=WIDE):
        (screen,) = app.screen_stack
        assert isinstance(screen, BrowseScreen) and screen.entity is None


@synchronous
async def test_a_collector_paused_for_start_up_resumes_after_the_first_frame() -> None:
    gc.disable()
    try:
        app = make_app("small")
        async with running(app, size=WIDE):
            assert gc.isenabled()
    finally:
        gc.enable()


@synchronous
async def test_a_running_collector_is_left_running() -> None:
    app = make_app("small")
    async with running(app, size=WIDE):
        assert gc.isenabled()


@synchronous
async def test_the_saved_theme_is_set_before_the_screen_is_built(
    private_settings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_settings(Settings(theme="nord"), private_settings / FILE_NAME)
    themes: list[str] = []
    compose = BrowseScreen.compose

    def recording(screen: BrowseScreen) -> ComposeResult:
        themes.append(screen.app.theme)
        return compose(screen)

    monkeypatch.setattr(BrowseScreen, "compose", recording)
    app = make_app("small")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
    assert themes == ["nord"]


class StampAfterPaint(RecordingApp):
    """Records whether the file had been stamped when the first frame was out."""

    stamped_before_paint: bool | None = None

    def _first_paint_done(self) -> None:
        self.stamped_before_paint = self._watch is not None
        super()._first_paint_done()


@synchronous
async def test_the_file_is_stamped_after_the_first_frame() -> None:
    path = fixture_path("small")
    app = StampAfterPaint(load_timeline(path), path)
    async with running(app, size=WIDE):
        assert app.stamped_before_paint is False
        assert app._watch is not None


class QuitOnFirstPaint(RecordingApp):
    """A user who quits the moment the first frame is out."""

    def _first_paint_done(self) -> None:
        super()._first_paint_done()
        self.exit()


@synchronous
async def test_quitting_as_the_first_frame_is_shown_is_clean() -> None:
    # The key bar is added after the first frame: by then the screen may be
    # going away, and adding it must not fail the quit.
    app = QuitOnFirstPaint(load_timeline(fixture_path("small")), fixture_path("small"))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
    assert app.return_code == 0
    assert app._exception is None


class CountRestyles(RecordingApp):
    """Records how many widgets each restyle touched, before and after the first frame."""

    def __init__(self, timeline: Timeline, source: Path | None = None) -> None:
        super().__init__(timeline, source)
        self.before_paint: list[int] = []
        self.after_paint: list[int] = []
        self._painted_yet = False

    def _first_paint_done(self) -> None:
        self._painted_yet = True
        super()._first_paint_done()

    def update_styles(self, node: DOMNode, animate: bool = True) -> None:
        touched = len(list(node.walk_children(with_self=True)))
        (self.after_paint if self._painted_yet else self.before_paint).append(touched)
        super().update_styles(node, animate)


@synchronous
async def test_start_up_styles_each_widget_once() -> None:
    # Widgets are styled as they are mounted. Anything that restyles them
    # before the first frame (a class set after mounting, a detail section
    # hidden by class, the screen's first resume) delays that frame: only the
    # focus landing on the list may.
    app = CountRestyles(load_timeline(fixture_path("small")), fixture_path("small"))
    async with running(app, size=WIDE) as pilot:
        assert app.before_paint == [1]
        # Coming back from the help (a popped screen) does not restyle it whole
        # either: Textual restyles a screen on resume only when one is pushed.
        app.after_paint.clear()
        await pilot.press("question_mark")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
        assert max(app.after_paint) < len(list(app.screen.walk_children()))

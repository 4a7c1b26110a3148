"""Apps built from fixture files, with the clipboard and the browser replaced by lists."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, ParamSpec

from textual.pilot import Pilot
from textual.scroll_view import ScrollView
from textual.widgets import Input

from timeline_viewer.domain.model import Timeline
from timeline_viewer.load.loader import bundled_timeline_path, load_timeline
from timeline_viewer.tui.app import TimelineApp
from timeline_viewer.tui.browse_screen import BrowseScreen

P = ParamSpec("P")
FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]


def fixture_path(name: str) -> Path:
    return FIXTURES / f"{name}.yaml"


def bundled_path() -> Path:
    """The packaged timeline, or the repository's copy while it is not packaged yet."""
    packaged = bundled_timeline_path()
    return packaged if packaged.exists() else ROOT / "data" / "timeline.yaml"


class RecordingApp(TimelineApp):
    """The app with the clipboard, the browser and the editor replaced by lists.

    `editing`, if set, stands for what the user does in the editor (changing
    the file, say): it is called with the command the app ran.

    A desktop with a browser that opens (`browser_opens`), whatever the
    environment the tests run in: `environ` stands for it.
    """

    def __init__(self, timeline: Timeline, source: Path | None = None) -> None:
        super().__init__(timeline, source)
        self.copied: list[str] = []
        self.opened: list[str] = []
        self.edited: list[list[str]] = []
        self.editing: Callable[[list[str]], None] | None = None
        self.browser_opens = True
        self.environ = {"DISPLAY": ":0"}

    def copy_text(self, text: str) -> None:
        self.copied.append(text)

    def open_link(self, url: str) -> bool:
        self.opened.append(url)
        return self.browser_opens

    def run_editor(self, command: list[str]) -> None:
        self.edited.append(command)
        if self.editing is not None:
            self.editing(command)


def make_app(name: str) -> RecordingApp:
    """An app on tests/tui/fixtures/<name>.yaml ("bundled": the shipped timeline)."""
    path = bundled_path() if name == "bundled" else fixture_path(name)
    return RecordingApp(load_timeline(path), path)


def app_on_file(path: Path) -> RecordingApp:
    """An app on any timeline file (a copy the test may change under it)."""
    return RecordingApp(load_timeline(path), path)


def browse(app: TimelineApp) -> BrowseScreen:
    """The screen on top, which must be the event list's."""
    screen = app.screen
    assert isinstance(screen, BrowseScreen)
    return screen


def notices(app: TimelineApp) -> list[str]:
    """The messages of the notifications the app is showing, oldest first."""
    return [notification.message for notification in app._notifications]


def messages(app: TimelineApp) -> list[str]:
    """Each notification the app is showing as "title: message", oldest first."""
    return [f"{n.title}: {n.message}" for n in app._notifications]


def drawn_line(view: ScrollView, y: int) -> str:
    """The text of line `y` of a line-drawn widget, as the screen shows it."""
    return view.render_line(y).text.rstrip()


async def settle(pilot: Pilot[None]) -> None:
    """Wait until the app is still: workers done, and what waited for a refresh done too.

    `pilot.pause()` alone judges stillness by the process's CPU time, which
    other threads (an earlier test's, say) move: the footer, added after the
    first refresh, could be missing from a screenshot now and then.
    """
    await pilot.app.workers.wait_for_complete()
    await refreshed(pilot)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@asynccontextmanager
async def running(
    app: RecordingApp, *keys: str, size: tuple[int, int]
) -> AsyncIterator[Pilot[None]]:
    """The app run at `size`, settled, then `keys` pressed (if any) and settled again."""
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)
        yield pilot


async def refreshed(pilot: Pilot[None]) -> None:
    """Wait until what the screen asked to run after its next refresh has run.

    Textual runs those on the screen shown when it refreshes; one that is
    closed meanwhile never runs them, so then the next screen is asked again.
    """
    app = pilot.app
    while app.is_running:
        done = asyncio.Event()
        screen = app.screen
        app.call_after_refresh(done.set)
        screen.refresh()
        while not done.is_set() and app.is_running and app.screen is screen:
            await asyncio.sleep(0.005)
        if done.is_set():
            return


async def still(pilot: Pilot[None]) -> None:
    """`settle`, with no blinking cursor either: what a snapshot needs."""
    await settle(pilot)
    for screen in pilot.app.screen_stack:
        for field in screen.query(Input):
            field.cursor_blink = False
    await pilot.pause()


async def reload(pilot: Pilot[None]) -> None:
    """What the watch's timer does on its next tick, then wait for the reload to land."""
    app = pilot.app
    assert isinstance(app, TimelineApp)
    await settle(pilot)  # the watch has taken the file's first stamp
    app.check_source()
    await settle(pilot)
    await pilot.pause()


def synchronous(test: Callable[P, Coroutine[Any, Any, None]]) -> Callable[P, None]:
    """Run an async Pilot test in its own event loop (no pytest async plugin needed)."""

    @functools.wraps(test)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        asyncio.run(test(*args, **kwargs))

    return run

"""The first screen as an SVG picture, made headless: `timeline export -f svg`.

The real app runs without a terminal at a given size, the filter goes into
its filter bar as if typed, and the picture is taken once every worker is
done and the screen has refreshed after them, so that counts, the date
column and the time rail are all in it. The user's saved theme is not read
(settings go to a temporary folder): the picture is the same on every
machine for the same file, filter and size.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from textual.app import App
from textual.widgets import Input

from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.tui.app import TimelineApp
from timeline_viewer.tui.browse_screen import FACETS_DELAY, BrowseScreen

# The window's title in the picture: fixed, never data text.
PICTURE_TITLE = "timeline"


def screen_svg(
    index: TimelineIndex, filter_text: str = "", size: tuple[int, int] = (120, 36)
) -> str:
    """The SVG of the browse screen on `index`, filtered by `filter_text`, at columns x rows."""
    return asyncio.run(_take(index, filter_text, size))


async def settle(app: App[None]) -> None:
    """Until workers are done and the screen has refreshed after them, with no
    cursor blinking (a blink caught half-way is a picture of nothing)."""
    for _ in range(2):
        await app.workers.wait_for_complete()
        refreshed = asyncio.Event()
        app.call_after_refresh(refreshed.set)
        app.screen.refresh()
        await refreshed.wait()
    for field in app.screen.query(Input):
        field.cursor_blink = False


async def _take(index: TimelineIndex, filter_text: str, size: tuple[int, int]) -> str:
    with tempfile.TemporaryDirectory() as folder:
        # No source: nothing is watched, and no cache is written for a picture.
        app = TimelineApp(index.timeline, None, index=index, settings_file=Path(folder) / "s.json")
        async with app.run_test(size=size) as pilot:
            await settle(app)
            screen = app.screen
            if filter_text and isinstance(screen, BrowseScreen):
                screen.set_filter(filter_text)
                # A big view's entity counts wait for a quiet moment in the filter bar.
                await pilot.pause(FACETS_DELAY * 2)
            await settle(app)
            await pilot.pause()
            return app.export_screenshot(title=PICTURE_TITLE)

"""Make docs/screenshot.svg: the main screen on the bundled timeline, from the real app.

The app runs headless at a fixed size, the cursor goes down a few events so
that the detail shows a full one, and the picture is taken once every
worker is done and the screen has refreshed. The saved theme of whoever runs
it is not used: settings go to a temporary folder, so the default theme is
shown.

Usage: PYTHONPATH=src python3 tools/screenshot.py [-o docs/screenshot.svg] [--size 120x36]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path

from textual.pilot import Pilot

from timeline_viewer.load.loader import bundled_timeline_path, load_timeline
from timeline_viewer.tui.app import TimelineApp
from timeline_viewer.tui.screen_picture import settle

ROOT = Path(__file__).resolve().parent.parent


async def settled(pilot: Pilot[None]) -> None:
    """As `timeline export -f svg` waits before its picture, then one pause more."""
    await settle(pilot.app)
    await pilot.pause()


async def take(output: Path, size: tuple[int, int], down: int) -> None:
    path = bundled_timeline_path()
    with tempfile.TemporaryDirectory() as folder:
        app = TimelineApp(load_timeline(path), path, settings_file=Path(folder) / "settings.json")
        async with app.run_test(size=size) as pilot:
            await settled(pilot)
            for _ in range(down):
                await pilot.press("down")
            await settled(pilot)
            output.write_text(app.export_screenshot(title="timeline"), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "screenshot.svg")
    parser.add_argument("--size", default="120x36", help="columns x rows (default: 120x36)")
    parser.add_argument("--down", type=int, default=2, help="events to move down first")
    args = parser.parse_args()
    columns, rows = (int(n) for n in args.size.split("x"))
    asyncio.run(take(args.output, (columns, rows), args.down))
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Time the entity lanes at a size: gathering the lanes, one layout, a cursor move, a zoom;
then, in a headless app, the longest UI stall while they open, and the same for
who appears with the entity of most events (`w`).

    python benchmarks/lanes.py 100000            # the 100,000-event figures
    python benchmarks/lanes.py 1000 10000 --lanes 30

The lanes are those of the entities with most events (all events, then a
filter by a word), laid out 100 columns wide; a cursor move or a zoom is
timed with the layout that follows it, as the screen redraws after each key.
In the app, `v` is pressed twice: right after the first rows are shown (the
preparation in the background has not yet reached the lanes' day numbers),
then with the word's filter on once everything is prepared.
`benchmarks/run.py` prints these after its own figures.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from ui_stalls import StallWatch  # noqa: E402

from timeline_viewer.domain.model import Timeline  # noqa: E402
from timeline_viewer.load.loader import load_timeline  # noqa: E402
from timeline_viewer.query import connections, lanes  # noqa: E402
from timeline_viewer.query.browse import BrowseView  # noqa: E402
from timeline_viewer.query.index import TimelineIndex  # noqa: E402

WIDTH = 100
WORD = "nunez"
# Under this, a step is timed over many runs and the median kept.
REPEATS = 50


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def _median(step: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(timeline: Timeline, lane_count: int = 30) -> dict[str, float]:
    """Seconds per step (see the module's docstring)."""
    index = TimelineIndex(timeline)
    index.prepare_lookups()
    figures: dict[str, float] = {}
    started = time.perf_counter()
    lanes.event_days(index)
    figures["event days, once per timeline"] = time.perf_counter() - started
    whole = BrowseView.of(index)
    filtered = whole.filtered(WORD)
    figures["lanes of all events"] = _median(lambda: lanes.lanes_of(whole, top=lane_count), 5)
    figures[f"lanes of filter {WORD!r}"] = _median(
        lambda: lanes.lanes_of(filtered, top=lane_count), 5
    )
    lane_set = lanes.lanes_of(whole, top=lane_count)
    window = lanes.Window.fitting(lane_set.extent, WIDTH)
    figures["layout, every event in view"] = _median(lambda: lanes.layout(lane_set, window, WIDTH))
    cursor = lane_set.first_cursor()
    assert cursor is not None
    middle = lanes.LaneCursor(cursor.lane, len(lane_set.lanes[cursor.lane]) // 2)
    day = lane_set.lanes[middle.lane].starts[middle.at]
    narrow = window.zoomed(1 / 16, day)

    def move_along() -> None:
        moved = lanes.along(lane_set, middle, 1) or middle
        lanes.layout(lane_set, narrow.showing(lane_set.lanes[moved.lane].starts[moved.at]), WIDTH)

    def move_across() -> None:
        moved = lanes.across(lane_set, middle, 1) or middle
        lanes.layout(lane_set, narrow.showing(lane_set.lanes[moved.lane].starts[moved.at]), WIDTH)

    def zoom() -> None:
        lanes.layout(lane_set, window.zoomed(0.5, day), WIDTH)

    def pan() -> None:
        lanes.layout(lane_set, narrow.panned(0.25), WIDTH)

    figures["cursor along a lane + layout"] = _median(move_along)
    figures["cursor to the lane below + layout"] = _median(move_across)
    figures["zoom in + layout"] = _median(zoom)
    figures["pan + layout"] = _median(pan)
    figures["axis labels"] = _median(lambda: lanes.axis_ticks(window, WIDTH))
    busiest = _busiest_entity(index)
    figures[f"connections of the busiest ({index.event_count(busiest):,} events)"] = _median(
        lambda: connections.connections(index, busiest), 5
    )
    figures["who appears with whom, all events"] = _median(
        lambda: connections.appears_with(index, range(len(index))), 3
    )
    return figures


def _busiest_entity(index: TimelineIndex) -> str:
    """The id of the entity with most events."""
    return max(index.timeline.entities, key=lambda e: index.event_count(e.id)).id


async def _until(pilot: Any, done: Callable[[], bool], never: str, started: float) -> float:
    """Seconds since `started` until `done()` holds, looked at every few milliseconds."""
    while not done():
        await pilot.pause(0.005)
        if time.perf_counter() - started > 120:
            raise TimeoutError(never)
    return time.perf_counter() - started


async def _in_app(timeline: Timeline, path: Path, figures: dict[str, float]) -> None:
    """Open the lanes and the connections in a headless app, watching for stalls."""
    from timeline_viewer.tui.app import TimelineApp
    from timeline_viewer.tui.lanes_view import LanesScreen

    settings = Path(tempfile.mkdtemp()) / "settings.json"
    app = TimelineApp(timeline, path, settings_file=settings)
    stalls = StallWatch()

    def lanes_shown() -> bool:
        screen = app.screen
        return isinstance(screen, LanesScreen) and screen.lane_set is not None

    async with app.run_test(size=(120, 40)) as pilot:
        stalls.start(app)
        await pilot.pause(0.1)
        # At once after the first rows: the day numbers may not be there yet.
        stalls.clear()
        started = time.perf_counter()
        await pilot.press("v")
        figures["v at start: lanes shown"] = await _until(pilot, lanes_shown, "no lanes", started)
        figures["v at start: longest UI stall"] = stalls.longest
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.press("slash", *WORD, "enter")
        await pilot.pause(0.2)
        stalls.clear()
        started = time.perf_counter()
        await pilot.press("v")
        figures[f"v on filter {WORD!r}: lanes shown"] = await _until(
            pilot, lanes_shown, "no lanes", started
        )
        figures[f"v on filter {WORD!r}: longest UI stall"] = stalls.longest
        await pilot.press("escape")
        await pilot.pause(0.1)
        # Who appears with the entity of most events, from its entity view.
        app.open_entity(_busiest_entity(app.index))
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
        stalls.clear()
        started = time.perf_counter()
        await pilot.press("w")
        figures["w on the busiest entity: list shown"] = await _until(
            pilot,
            lambda: type(app.screen).__name__ == "ConnectionsDialog",
            "no connections",
            started,
        )
        await pilot.pause(0.1)
        figures["w on the busiest entity: longest UI stall"] = stalls.longest


def report(events: int, lane_count: int = 30) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "timeline.yaml"
        path.write_text(generate(events), encoding="utf-8")
        timeline = load_timeline(path)
        print(f"\nEntity lanes at {events:,} events ({lane_count} lanes, {WIDTH} columns)")
        for name, seconds in measure(timeline, lane_count).items():
            print(f"  {name:<44} {_ms(seconds)}")
        figures: dict[str, float] = {}
        asyncio.run(_in_app(load_timeline(path), path, figures))
        print("  in the app (120x40, headless):")
        for name, seconds in figures.items():
            print(f"  {name:<44} {_ms(seconds)}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sizes", type=int, nargs="*", default=[100_000])
    parser.add_argument("--lanes", type=int, default=30)
    args = parser.parse_args()
    for size in args.sizes:
        report(size, args.lanes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Time the entity lanes at a size: gathering the lanes, one layout, a cursor move, a zoom.

    python benchmarks/lanes.py 100000            # the 100,000-event figures
    python benchmarks/lanes.py 1000 10000 --lanes 30

The lanes are those of the entities with most events (all events, then a
filter by a word), laid out 100 columns wide; a cursor move or a zoom is
timed with the layout that follows it, as the screen redraws after each key.
`benchmarks/run.py` prints these after its own figures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

from timeline_viewer.load.loader import load_timeline  # noqa: E402
from timeline_viewer.query import lanes  # noqa: E402
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


def measure(events: int, lane_count: int = 30) -> dict[str, float]:
    """Seconds per step at `events` events (see the module's docstring)."""
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "timeline.yaml"
        path.write_text(generate(events), encoding="utf-8")
        timeline = load_timeline(path)
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
    return figures


def report(events: int, lane_count: int = 30) -> None:
    print(f"\nEntity lanes at {events:,} events ({lane_count} lanes, {WIDTH} columns)")
    for name, seconds in measure(events, lane_count).items():
        print(f"  {name:<36} {_ms(seconds)}")


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

"""The longest UI stall of a headless app: how long its event loop went without a turn.

A 10 ms timer on the app's loop notes the time between its ticks; the
longest gap is the longest the UI could not answer a key or draw (a gap
of 10 ms is no stall at all). `benchmarks/run.py` and `benchmarks/lanes.py` both measure with it.
"""

from __future__ import annotations

import time
from typing import Any

# How often the timer ticks: a stall is seen to within this.
TICK = 0.01


class StallWatch:
    """Ticks on `app`'s loop from `start()`; `longest` is the longest gap since `clear()`."""

    def __init__(self) -> None:
        self.gaps: list[float] = []
        self._last = time.perf_counter()

    def start(self, app: Any) -> None:
        """Start ticking (in a running app: inside `run_test`)."""
        self._last = time.perf_counter()
        app.set_interval(TICK, self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now

    def clear(self) -> None:
        """Forget the gaps so far: the next `longest` is of what follows."""
        self.gaps.clear()

    @property
    def longest(self) -> float:
        return max(self.gaps, default=0.0)

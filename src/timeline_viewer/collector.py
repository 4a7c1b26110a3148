"""Keeping Python's cyclic garbage collector out of the way of bulk building."""

from __future__ import annotations

import gc
from contextlib import AbstractContextManager

from timeline_viewer.shared_change import SharedChange


def _pause() -> bool:
    enabled = gc.isenabled()
    gc.disable()
    return enabled


def _resume(was_enabled: bool) -> None:
    if was_enabled:
        # What was built while paused lives on: the first collection after
        # resuming would walk all of it (40 ms at 100,000 events) for nothing.
        gc.freeze()
        gc.enable()


_PAUSED = SharedChange(_pause, _resume)


def collector_paused() -> AbstractContextManager[None]:
    """Building a million small objects triggers the cyclic GC over and over for nothing.

    Threads may overlap (a reload and an export): the first one in pauses the
    collector, the last one out resumes it, if it was running before.
    """
    return _PAUSED.held()

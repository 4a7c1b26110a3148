"""Keeping Python's cyclic garbage collector out of the way of bulk building."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_paused = 0  # how many callers are inside collector_paused, in any thread
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Building a million small objects triggers the cyclic GC over and over for nothing.

    Threads may overlap (a reload and an export): the first one in pauses the
    collector, the last one out resumes it, if it was running before.
    """
    global _paused, _was_enabled
    with _lock:
        if _paused == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _lock:
            _paused -= 1
            if _paused == 0 and _was_enabled:
                # What was built while paused lives on: the first collection after
                # resuming would walk all of it (40 ms at 100,000 events) for nothing.
                gc.freeze()
                gc.enable()

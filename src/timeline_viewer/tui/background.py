"""Work in a thread that leaves the UI thread its turns at the interpreter."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Seconds between switches of the interpreter between threads while one works
# through every event (the default is 5 ms: a page drawn meanwhile waits that long).
SWITCH_INTERVAL = 0.001

_lock = threading.Lock()
_threads = 0
_saved = 0.0


@contextmanager
def eager_switching() -> Iterator[None]:
    """While a thread works through every event, the UI thread takes the interpreter
    back within a millisecond of wanting it, not five. Threads may overlap
    (preparing, reloading, exporting): the first one in sets the interval, the
    last one out puts it back."""
    global _threads, _saved
    with _lock:
        if _threads == 0:
            _saved = sys.getswitchinterval()
            sys.setswitchinterval(SWITCH_INTERVAL)
        _threads += 1
    try:
        yield
    finally:
        with _lock:
            _threads -= 1
            if _threads == 0:
                sys.setswitchinterval(_saved)

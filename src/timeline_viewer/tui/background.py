"""Work in a thread that leaves the UI thread its turns at the interpreter."""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager

from timeline_viewer.runtime import SharedChange

# Seconds between switches of the interpreter between threads while one works
# through every event (the default is 5 ms: a page drawn meanwhile waits that long).
SWITCH_INTERVAL = 0.001


def _switch_eagerly() -> float:
    before = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    return before


_EAGER = SharedChange(_switch_eagerly, sys.setswitchinterval)


def eager_switching() -> AbstractContextManager[None]:
    """While a thread works through every event, the UI thread takes the interpreter
    back within a millisecond of wanting it, not five. Threads may overlap
    (preparing, reloading, exporting): the first one in sets the interval, the
    last one out puts it back."""
    return _EAGER.held()

"""How this program tunes Python's runtime: the garbage collector and freeing big structures.

Every switch of the cyclic garbage collector the program makes goes through
here, so that one file says what is changed, when, and what it buys:

- `collector_paused()`: building a timeline makes a million small objects;
  with the collector running it walks them again and again for nothing.
- `keep_alive_from_now()`: what lives for the whole session (the timeline,
  its index, the widgets of the first screen) leaves the collector's
  generations, so that no full collection walks it again (40 ms at 100,000
  events, every time one runs).
- `release_list` / `release_dict`: letting go of 100,000 events at once
  holds the interpreter for a tenth of a second or more.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from itertools import islice
from typing import Any, Generic, TypeVar, cast

T = TypeVar("T")


class SharedChange(Generic[T]):
    """A change that overlapping holders share (a reload and an export, say):
    the first one in makes it, the last one out puts back what was before.

    `change` makes the change and returns what `restore` needs to undo it.
    """

    def __init__(self, change: Callable[[], T], restore: Callable[[T], None]) -> None:
        self._change = change
        self._restore = restore
        self._lock = threading.Lock()
        self._holders = 0
        self._before: T | None = None

    @contextmanager
    def held(self) -> Iterator[None]:
        with self._lock:
            if self._holders == 0:
                self._before = self._change()
            self._holders += 1
        try:
            yield
        finally:
            with self._lock:
                self._holders -= 1
                if self._holders == 0:
                    self._restore(cast(T, self._before))


def keep_alive_from_now() -> None:
    """Take everything alive now out of the collector's generations, for good.

    Only for what lives as long as the program: a frozen object that later
    becomes garbage in a cycle is never collected.
    """
    gc.freeze()


def pause_collector() -> bool:
    """Stop the cyclic collector (for a start-up that builds a lot); whether it ran."""
    enabled = gc.isenabled()
    gc.disable()
    return enabled


def resume_collector(was_enabled: bool) -> None:
    """Undo `pause_collector`: what was built while paused lives on, out of the way."""
    if was_enabled:
        # The first collection after resuming would walk all of it (40 ms at
        # 100,000 events) for nothing.
        keep_alive_from_now()
        gc.enable()


_PAUSED = SharedChange(pause_collector, resume_collector)


def collector_paused() -> AbstractContextManager[None]:
    """Building a million small objects triggers the cyclic GC over and over for nothing.

    Threads may overlap (a reload and an export): the first one in pauses the
    collector, the last one out resumes it, if it was running before.
    """
    return _PAUSED.held()


# Items freed per step: a step frees in well under a millisecond.
RELEASE_STEP = 2_000


def release_list(items: list[Any]) -> None:
    """Empty `items` from the end, a step at a time.

    Freeing 100,000 events' worth of objects in one go holds the interpreter
    for hundreds of milliseconds, on whichever thread drops the last
    reference: a UI reloading a file in a thread cannot paint meanwhile.
    Emptied a slice at a time, the other threads get their turns in between.
    """
    while items:
        del items[-RELEASE_STEP:]


def release_dict(mapping: dict[Any, Any]) -> None:
    """Empty `mapping`, a step at a time (its table is then freed at once, cheaply)."""
    while mapping:
        for key in list(islice(mapping, RELEASE_STEP)):
            del mapping[key]

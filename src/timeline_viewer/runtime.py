"""How this program tunes Python's runtime, and works around Textual's internals.

Every switch of the cyclic garbage collector, of the interpreter's thread
switching and every reach into Textual's internals goes through here, so that
one file says what is changed, when, and what it buys:

- `collector_paused()`: building a timeline makes a million small objects;
  with the collector running it walks them again and again for nothing.
- `keep_alive_from_now()`: what lives for the whole session (the timeline,
  its index, the widgets of the first screen) leaves the collector's
  generations, so that no full collection walks it again (40 ms at 100,000
  events, every time one runs).
- `release_list` / `release_dict`: letting go of 100,000 events at once
  holds the interpreter for a tenth of a second or more.
- `eager_switching()`: a thread working through every event gives the UI
  thread its turn within a millisecond, not five.
- `forget_removed_footer_keys` / `drop_closed_widgets_styles`: Textual 8
  keeps widgets alive after they are gone; each full collection walked them
  (25 ms, growing to 180 ms after a few help screens).
- `enabled_bindings`: which keys work where the focus is, every binding of
  the chain counted (Textual's public `active_bindings` keeps only the first
  per key), for the key bar and the help.

Textual is imported only inside the functions that need it: the headless
commands never pay for it. `tests/tui/test_textual_workarounds.py` fails
when a Textual upgrade changes what a workaround relies on.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from itertools import islice
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widgets import Footer

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


# The garbage collector


def collector_is_paused() -> bool:
    return not gc.isenabled()


def run_collector() -> None:
    """Start the collector again after a start-up that paused it."""
    gc.enable()


def keep_alive_from_now() -> None:
    """Take everything alive now out of the collector's generations, for good.

    Only for what lives as long as the program: a frozen object that later
    becomes garbage in a cycle is never collected.
    """
    gc.freeze()


def stop_keeping_alive() -> None:
    """Put what `keep_alive_from_now` set aside back in the collector's care (at exit)."""
    gc.unfreeze()


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


# Threads


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


# Textual's internals (checked on Textual 8.2.8)


def forget_removed_footer_keys(footer: Footer) -> None:
    """Let go of the keys a footer's rebuild removed.

    Each key of Textual's footer watches the footer's `compact` setting, and
    the watchers of removed keys are only dropped when that setting changes,
    which it never does here: every rebuild (ten keys, each time the focus
    moves) kept the old keys alive. Touching the setting drops them.
    """
    from textual.widgets import Footer

    footer.mutate_reactive(Footer.compact)


def drop_closed_widgets_styles() -> None:
    """Forget the drawing caches of widgets that are gone.

    `StylesCache.get_inner_outer` is memoized as a method (its `cls` is in
    fact the instance), so the last 1,024 widgets' caches, drawn lines
    included, outlive the widgets. The memo only saves making two styles.
    This is the one import of a private Textual module.
    """
    from textual._styles_cache import StylesCache

    StylesCache.get_inner_outer.cache_clear()


def enabled_bindings(screen: Screen[Any]) -> list[tuple[str, str]]:
    """Every (key, action) bound where `screen`'s focus is, up to the first modal
    screen, whose action is not disabled there (a `check_action` saying False).

    All of them, not only the first binding of each key as Textual's
    `active_bindings` keeps: a widget's binding that does nothing there lets
    the screen's binding of the same key act. Textual has no public way to
    walk the chain or to ask whether an action is enabled: these are
    `Screen._modal_binding_chain` and `App._check_action_state`.
    """
    app = screen.app
    return [
        (key, binding.action)
        for node, bindings in screen._modal_binding_chain
        for key, binding in bindings
        if app._check_action_state(binding.action, node) is not False
    ]

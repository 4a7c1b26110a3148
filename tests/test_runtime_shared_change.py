"""Settings that overlapping threads change together: the collector, the switch interval."""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest

from timeline_viewer.runtime import SWITCH_INTERVAL, collector_paused, eager_switching


@pytest.mark.parametrize(
    ("held", "state", "changed"),
    [
        pytest.param(collector_paused, gc.isenabled, False, id="collector-paused"),
        pytest.param(eager_switching, sys.getswitchinterval, SWITCH_INTERVAL, id="eager-switching"),
    ],
)
def test_overlapping_threads_keep_the_change_until_the_last_one_ends(
    held: Callable[[], AbstractContextManager[None]],
    state: Callable[[], object],
    changed: object,
) -> None:
    before = state()
    assert before != changed
    inside, leave = threading.Event(), threading.Event()

    def other_thread() -> None:
        with held():
            inside.set()
            leave.wait(5)

    with held():
        assert state() == changed
        worker = threading.Thread(target=other_thread)
        worker.start()
        assert inside.wait(5)
    # This thread is done first: the other one still works with the change.
    assert state() == changed
    leave.set()
    worker.join(5)
    assert state() == before

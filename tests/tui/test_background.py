"""Threads working through every event leave the UI thread its turns."""

from __future__ import annotations

import sys
import threading

from timeline_viewer.tui.background import SWITCH_INTERVAL, eager_switching


def test_overlapping_threads_switch_eagerly_until_the_last_one_ends() -> None:
    before = sys.getswitchinterval()
    assert before != SWITCH_INTERVAL
    inside, leave = threading.Event(), threading.Event()

    def other_thread() -> None:
        with eager_switching():
            inside.set()
            leave.wait(5)

    with eager_switching():
        assert sys.getswitchinterval() == SWITCH_INTERVAL
        worker = threading.Thread(target=other_thread)
        worker.start()
        assert inside.wait(5)
    # This thread is done first: the other one still works eagerly.
    assert sys.getswitchinterval() == SWITCH_INTERVAL
    leave.set()
    worker.join(5)
    assert sys.getswitchinterval() == before

"""Pausing the cyclic garbage collector around bulk work, from several threads."""

from __future__ import annotations

import gc
import threading

from timeline_viewer.collector import collector_paused


def test_overlapping_pauses_resume_the_collector_when_the_last_one_ends() -> None:
    assert gc.isenabled()
    inside, leave = threading.Event(), threading.Event()

    def other_thread() -> None:
        with collector_paused():
            inside.set()
            leave.wait(5)

    with collector_paused():
        worker = threading.Thread(target=other_thread)
        worker.start()
        assert inside.wait(5)
    # This thread's pause ended first: the other one still runs without collections.
    assert not gc.isenabled()
    leave.set()
    worker.join(5)
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()

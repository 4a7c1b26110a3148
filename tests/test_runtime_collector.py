"""Pausing the cyclic garbage collector around bulk work (overlapping pauses: test_shared_change)."""

from __future__ import annotations

import gc

from timeline_viewer.runtime import collector_paused


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()

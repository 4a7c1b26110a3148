"""Letting go of big structures a step at a time.

Freeing 100,000 events' worth of objects in one go (the last reference to a
list, a dict or a parse tree dropped) holds the interpreter for hundreds of
milliseconds, on whichever thread drops it: a UI reloading a file in a
thread cannot paint meanwhile. Emptied a slice at a time, each step frees a
few thousand items and the other threads get their turns in between.
"""

from __future__ import annotations

from itertools import islice
from typing import Any

# Items freed per step.
STEP = 2_000


def release_list(items: list[Any]) -> None:
    """Empty `items` from the end, a step at a time."""
    while items:
        del items[-STEP:]


def release_dict(mapping: dict[Any, Any]) -> None:
    """Empty `mapping`, a step at a time (its table is then freed at once, cheaply)."""
    while mapping:
        for key in list(islice(mapping, STEP)):
            del mapping[key]

"""Drawn rows of a long list, kept for when they are shown again."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from rich.segment import Segment
from textual.cache import LRUCache
from textual.strip import Strip

K = TypeVar("K", bound=Hashable)


class RowCache(Generic[K]):
    """The last `size` rows drawn, kept as their segments rather than as strips.

    A strip carries seven caches of its own and, once drawn, the strips derived
    from it: a thousand kept strips were tens of thousands of objects that
    every full garbage collection walked. A strip is rebuilt from its
    segments in microseconds.
    """

    def __init__(self, size: int) -> None:
        self._rows: LRUCache[K, tuple[list[Segment], int]] = LRUCache(size)

    def get(self, key: K, draw: Callable[[], Strip]) -> Strip:
        """The row for `key`: kept, or drawn by `draw` now and kept."""
        kept = self._rows.get(key)
        if kept is not None:
            segments, length = kept
            return Strip(segments, length)
        strip = draw()
        self._rows[key] = (list(strip), strip.cell_length)
        return strip

    def clear(self) -> None:
        self._rows.clear()

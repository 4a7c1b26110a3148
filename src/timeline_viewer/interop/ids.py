"""Ids for imported data: slugs of our schema, unique, and the same for the same input.

An imported file is usually re-imported after its authors edit it, so ids are
derived from what a reader sees (a headline, a URL's host) rather than from
counters over the whole file: editing one slide does not rename the others.
"""

from __future__ import annotations

import re

from timeline_viewer.domain.text import fold
from timeline_viewer.load.schema import SLUG_PATTERN

_SLUG = re.compile(SLUG_PATTERN)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 60


def is_slug(text: str) -> bool:
    return bool(_SLUG.fullmatch(text))


def slugify(text: str, fallback: str) -> str:
    """`text` as an id ("Muhammad Migrates to Medina" -> "muhammad-migrates-to-medina")."""
    slug = _NOT_SLUG.sub("-", fold(text)).strip("-")
    if len(slug) > MAX_SLUG:
        # Cut at a word boundary when there is one reasonably late.
        cut = slug.rfind("-", 0, MAX_SLUG + 1)
        slug = slug[: cut if cut > MAX_SLUG // 2 else MAX_SLUG].strip("-")
    return slug or fallback


class IdAllocator:
    """Hands out unique slugs: the first claimant gets `base`, later ones `base-2`, `base-3`."""

    def __init__(self) -> None:
        self._taken: set[str] = set()
        # Per base, the number to try next (1: the base itself): 25,000 slides
        # with one headline would otherwise try base-2, base-3, ... for each.
        self._next: dict[str, int] = {}

    def __contains__(self, candidate: str) -> bool:
        return candidate in self._taken

    def reserve(self, candidate: str) -> bool:
        """Claim an exact id (one the file gave); False if it is not a free, valid slug."""
        if not is_slug(candidate) or candidate in self._taken:
            return False
        self._taken.add(candidate)
        return True

    def allocate(self, base: str) -> str:
        # Ids are only ever taken, never given back, so every candidate tried
        # before for this base is still taken: the search goes on from there.
        n = self._next.get(base, 1)
        while True:
            candidate = base if n == 1 else f"{base}-{n}"
            n += 1
            if candidate not in self._taken:
                break
        self._next[base] = n
        self._taken.add(candidate)
        return candidate

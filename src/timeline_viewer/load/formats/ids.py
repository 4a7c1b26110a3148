"""Ids for imported data: slugs of our schema, unique, and the same for the same input.

An imported file is usually re-imported after its authors edit it, so ids are
derived from what a reader sees (a headline, a URL's host) rather than from
counters over the whole file: editing one slide does not rename the others.

Text in any script is transliterated to ASCII first ("Москва" -> "moskva",
"東京" -> "dongjing"), so that ids, TimelineJS `unique_id`s and page anchors
read as the title does. An id is never only digits: "1917" becomes
"event-1917" (with the caller's fallback word).
"""

from __future__ import annotations

import re

from timeline_viewer.domain.text import fold
from timeline_viewer.load.schema import SLUG_PATTERN

_SLUG = re.compile(SLUG_PATTERN)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_DIGITS = re.compile(r"[0-9-]+")
# Signs a transliteration writes inside a word (a soft sign as ', an ain as `).
_IN_WORD = re.compile(r"(?<=[A-Za-z])['`](?=[A-Za-z])")
MAX_SLUG = 60


def is_slug(text: str) -> bool:
    return bool(_SLUG.fullmatch(text))


def is_digits(slug: str) -> bool:
    """Whether an id is only numbers ("1917", "22-17"): no name, and a poor anchor."""
    return bool(_DIGITS.fullmatch(slug))


def transliterate(text: str) -> str:
    """Text in any script as ASCII, letters kept ("Αθήνα" -> "Athina")."""
    if text.isascii():
        return text
    from anyascii import anyascii

    return _IN_WORD.sub("", anyascii(text))


def slugify(text: str, fallback: str) -> str:
    """`text` as an id ("Muhammad Migrates to Medina" -> "muhammad-migrates-to-medina").

    `fallback` is the id when the text gives none, and the word put before
    an id that would be only digits ("1917" -> "event-1917").
    """
    slug = _NOT_SLUG.sub("-", fold(transliterate(text))).strip("-")
    if len(slug) > MAX_SLUG:
        # Cut at a word boundary when there is one reasonably late.
        cut = slug.rfind("-", 0, MAX_SLUG + 1)
        slug = slug[: cut if cut > MAX_SLUG // 2 else MAX_SLUG].strip("-")
    if slug and is_digits(slug) and fallback:
        slug = f"{fallback}-{slug}"
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

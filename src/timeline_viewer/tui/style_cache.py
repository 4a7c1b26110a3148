"""Textual's parsed stylesheets, kept between runs: a start styles its first
screen without parsing any CSS.

Textual parses all the CSS in use at every start (its widgets' and ours,
about 3,000 tokens): some 10 ms of the first frame. Parsed rules depend only
on the CSS text, where it was read from, the theme's variables, and the
Textual and Python versions. They are kept in one file per Textual version,
Python version and set of variables, and put into the stylesheet's own parse
cache before the first screen is styled. Textual looks that cache up by the
CSS text itself: changed CSS misses and is parsed as usual.

A missing, unreadable or foreign file is only a slower start: it is ignored
and written again. The file is a pickle, read from the user's own cache
folder: nobody but the user can put one there, as for Python's bytecode.
"""

from __future__ import annotations

import contextlib
import pickle
import sys
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import textual
from textual.cache import LRUCache
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet

from timeline_viewer.load_cache import write_cache_file

# Bump when what is stored changes shape.
FORMAT = 1
# Style files kept (a theme each, or older Textual versions): the newest ones.
KEEP = 6
_PREFIX = "styles-"


def _textual_files() -> list[tuple[str, int, int]]:
    """Textual's CSS modules, as installed: another Textual has other files.

    (Not `textual.__version__`: it reads the package metadata, some 10 ms.)
    """
    folder = Path(textual.__file__).parent / "css"
    files = []
    for name in ("model.py", "parse.py", "styles.py", "scalar.py", "types.py"):
        try:
            status = (folder / name).stat()
        except OSError:  # not files on disk (a zip, say): the folder's name stands alone
            files.append((str(folder / name), -1, -1))
        else:
            files.append((str(folder / name), status.st_mtime_ns, status.st_size))
    return files


def _stamp(variables: Mapping[str, str]) -> tuple[object, ...]:
    return (FORMAT, sys.version_info[:2], _textual_files(), sorted(variables.items()))


class StyleCache:
    """The parsed CSS of one theme's variables, in `folder`."""

    def __init__(self, folder: Path, variables: Mapping[str, str]) -> None:
        self.folder = folder
        self.variables = dict(variables)
        self._stamp = _stamp(variables)
        # The name only tells files apart; what a file holds is checked against the stamp.
        digest = zlib.crc32(repr(self._stamp).encode()) & 0xFFFFFFFF
        self.path = folder / f"{_PREFIX}{digest:08x}.pickle"
        self._known: set[tuple[object, ...]] = set()

    @classmethod
    def of(cls, stylesheet: Stylesheet, folder: Path) -> StyleCache:
        """The cache for `stylesheet`'s variables (read from it: computing them costs)."""
        return cls(folder, getattr(stylesheet, "_variables", {}))

    def for_variables_of(self, stylesheet: Stylesheet) -> StyleCache:
        """This cache, or another one if `stylesheet`'s variables changed (a new theme)."""
        if getattr(stylesheet, "_variables", {}) == self.variables:
            return self
        return StyleCache.of(stylesheet, self.folder)

    def prefill(self, stylesheet: Stylesheet) -> int:
        """Put the kept rules into `stylesheet`'s parse cache; how many sources they are."""
        cache = _parse_cache_of(stylesheet)
        if cache is None:
            return 0
        entries = self._read()
        for key, rules in entries.items():
            cache.set(key, rules)
        self._known = set(entries)
        return len(entries)

    def save(self, stylesheet: Stylesheet) -> bool:
        """Keep what `stylesheet` parsed, if it parsed anything not kept yet; whether it wrote."""
        cache = _parse_cache_of(stylesheet)
        if cache is None:
            return False
        entries = {key: cache[key] for key in list(cache.keys())}
        if set(entries) <= self._known:
            return False
        try:
            data = pickle.dumps((self._stamp, entries), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # rules that do not pickle (a later Textual): no cache, no harm
            return False
        if not write_cache_file(self.path, [data]):
            return False
        self._known = set(entries)
        self._prune()
        return True

    def _read(self) -> dict[tuple[object, ...], list[RuleSet]]:
        try:
            data = self.path.read_bytes()
        except OSError:
            return {}
        try:
            stamp, entries = pickle.loads(data)
        except Exception:  # truncated, corrupt or foreign: parsed as usual, then rewritten
            return {}
        if stamp != self._stamp or not _well_formed(entries):
            return {}
        return entries  # type: ignore[no-any-return]

    def _prune(self) -> None:
        with contextlib.suppress(OSError):
            kept = sorted(
                self.folder.glob(f"{_PREFIX}*.pickle"),
                key=lambda path: path.stat().st_mtime,
                reverse=True,
            )
            for old in kept[KEEP:]:
                old.unlink(missing_ok=True)


def _parse_cache_of(stylesheet: Stylesheet) -> LRUCache[tuple[object, ...], list[RuleSet]] | None:
    """The stylesheet's parse cache; None if this Textual keeps none like it (no caching then)."""
    cache = getattr(stylesheet, "_parse_cache", None)
    return cache if isinstance(cache, LRUCache) else None


def _well_formed(entries: Any) -> bool:
    return isinstance(entries, dict) and all(
        isinstance(key, tuple)
        and len(key) == 5
        and isinstance(rules, list)
        and all(isinstance(rule, RuleSet) for rule in rules)
        for key, rules in entries.items()
    )

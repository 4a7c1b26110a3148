"""How a timeline file becomes a Timeline, in the order it happens.

    load(path)                          through the cache (`load_timeline`: without)
      prefetch(path)                    1. the file's bytes, its content key and cached
                                           entry (another format: its own reader)
      Prefetched.load()                 2. the cached timeline, if the entry decodes
        decode(raw, name)               3. else the text
        parse_timeline(text, name)
          read_fast(text)               4. the fast way: yaml-rs, msgspec, cross-checks
          problems_in_pieces(...)       5. a big file's problem: located, reading
                                           carefully only the pieces that hold one
          parse_careful(text, name)     6. anything else: the careful way, every
                                           problem at its file:line:col
        write_entry(...)                7. the timeline cached for next time

Each step is a function of its own module: `file_text`, `load_cache`,
`fast_parser` (with `event_pieces`, which cuts a big events list into
pieces), `careful_parser` (with `yaml_source` and `field_check`), and the
cross-checks that build the model, one set for both ways, `model_builder`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

import msgspec

from timeline_viewer.domain.model import Timeline
from timeline_viewer.domain.problems import LoadError, Problem
from timeline_viewer.load import load_cache
from timeline_viewer.load.file_text import decode, read_bytes
from timeline_viewer.load.formats import is_markwhen_file, is_timelinejs_file
from timeline_viewer.load.load_cache import MIN_CACHED_BYTES, SearchCache
from timeline_viewer.runtime import collector_paused

__all__ = [
    "LoadError",
    "Loaded",
    "Prefetched",
    "Problem",
    "bundled_timeline_path",
    "load",
    "load_imported",
    "load_timeline",
    "parse_timeline",
    "prefetch",
]


def load(path: Path, *, use_cache: bool = True, min_bytes: int = MIN_CACHED_BYTES) -> Loaded:
    """Load a timeline file, through the cache when allowed; LoadError for a bad file.

    TimelineJS files (.json, .csv) are imported on the fly, never cached.
    """
    return prefetch(path, use_cache=use_cache, min_bytes=min_bytes).load()


def load_imported(path: Path, *, warnings: list[Problem] | None = None) -> Timeline:
    """A TimelineJS (.json, .csv) or Markwhen (.mw) file through its importer, by suffix."""
    if is_markwhen_file(path):
        from timeline_viewer.load.formats.markwhen import load_markwhen

        return load_markwhen(path, warnings=warnings)
    from timeline_viewer.load.formats.timelinejs import load_timelinejs

    return load_timelinejs(path, warnings=warnings)


def load_timeline(path: Path | str) -> Timeline:
    """Load and validate a timeline file, not through the cache; LoadError with every problem."""
    return load(Path(path), use_cache=False).timeline


class Loaded(msgspec.Struct):
    """A timeline and, when caching, where its search text may be cached."""

    timeline: Timeline
    from_cache: bool
    search_cache: SearchCache | None
    # Loaded with `defer_write`: writes the cache entry when called (once, later).
    write_entry: Callable[[], None] | None = None
    # What was imported with a loss (another format's file): said, never fatal.
    warnings: tuple[Problem, ...] = ()


def prefetch(
    path: Path, *, use_cache: bool = True, min_bytes: int = MIN_CACHED_BYTES
) -> Prefetched:
    """Step 1: read a timeline file, and through the cache when allowed, its key and entry.

    Nothing is decoded or parsed here: reading and hashing let go of the
    interpreter lock, so a thread can do this while another imports. LoadError
    for a file that cannot be read.
    """
    if is_timelinejs_file(path):
        return Prefetched(path, b"", timelinejs=True)
    raw = read_bytes(path)
    if not use_cache or len(raw) < min_bytes:
        return Prefetched(path, raw)
    key, folder = load_cache.content_key(raw), load_cache.cache_dir()
    return Prefetched(path, raw, key, folder, load_cache.read_entry(key, folder))


class Prefetched(msgspec.Struct):
    """A file read for loading: its bytes and, when caching, its key and cached entry."""

    path: Path
    raw: bytes
    # The content key and the cache folder, when the file goes through the cache.
    key: str | None = None
    folder: Path | None = None
    # The entry's bytes, not yet decoded; None when there is none.
    entry: bytes | None = None
    # A TimelineJS or Markwhen file: its importer reads it (raw is empty).
    timelinejs: bool = False

    def load(self, *, defer_write: bool = False) -> Loaded:
        """Steps 2 to 7: the entry's timeline if it decodes, else the file's (then cached).

        Once only: the bytes are let go of on the way, for the memory that a big
        file's text and parse need. With `defer_write`, a new entry is not
        written now but by `Loaded.write_entry`, a step at a time: a UI calls
        it in a thread once its first rows are shown.
        """
        if self.timelinejs:
            warnings: list[Problem] = []
            timeline = load_imported(self.path, warnings=warnings)
            return Loaded(timeline, False, None, warnings=tuple(warnings))
        raw, entry = self.raw, self.entry
        self.raw, self.entry = b"", None
        store = (
            None if self.key is None or self.folder is None else SearchCache(self.key, self.folder)
        )
        if store is not None and entry is not None:
            cached = load_cache.cached_timeline(entry, store.key)
            del entry
            if cached is not None:
                return Loaded(cached, True, store)
        name = str(self.path)
        text = decode(raw, name)
        del raw
        timeline = parse_timeline(text, name)
        if store is None:
            return Loaded(timeline, False, None)
        write = partial(load_cache.write_entry, store.key, store.folder, timeline)
        if defer_write:
            return Loaded(timeline, False, store, write)
        write()
        return Loaded(timeline, False, store)


def parse_timeline(text: str, name: str = "<text>") -> Timeline:
    """Steps 4 to 6: validate timeline YAML text; LoadError listing every problem."""
    # The parsers are imported here: a timeline read from the cache needs none of them.
    from timeline_viewer.load.fast_parser import read_fast

    with collector_paused():
        fast = read_fast(text)
        if fast.timeline is not None:
            return fast.timeline
        # Imported only now: a file read the fast way never needs PyYAML.
        from timeline_viewer.load.careful_parser import (
            YamlSyntaxLoadError,
            parse_careful,
            problems_in_pieces,
        )
        from timeline_viewer.load.event_pieces import EventPieces

        if fast.cut is not None:
            problems = problems_in_pieces(name, fast.cut, fast.suspects, fast.head_clean)
            if problems:
                raise LoadError(problems)
        try:
            return parse_careful(text, name)
        except YamlSyntaxLoadError as error:
            # Not YAML: if the error is in the events list, the list is read
            # again without the event it is in, for the others' problems (not
            # if its pieces were read already: an alias left without its anchor).
            cut = None if fast.cut is not None else EventPieces.of(text, at_least=0)
            if cut is None or not cut.count:
                raise
            every = set(range(len(cut.spans)))
            problems = problems_in_pieces(name, cut, every, syntax=error)
            if not problems:
                raise
        raise LoadError(problems)


def bundled_timeline_path() -> Path:
    """The Caro Quintero / Camarena timeline shipped with the package."""
    return Path(__file__).resolve().parent.parent / "data" / "timeline.yaml"

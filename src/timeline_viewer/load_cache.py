"""A cache of loaded timelines, so that a big file opens in a fraction of a second.

Entries are keyed on the file's content (a BLAKE2 hash of its bytes, never
its name or mtime), stored as MessagePack under the user cache directory,
written atomically, and ignored (then rebuilt) when unreadable, corrupt or
written by another version. A file that changed by one byte has another key,
so a stale entry can never be served. The search text (`TimelineIndex.haystacks`)
is cached beside the timeline when it is first built.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import msgspec

from timeline_viewer import __version__
from timeline_viewer.loader import collector_paused, decode, parse_timeline, read_bytes
from timeline_viewer.model import Timeline

# Bump when the model or the cached layout changes shape.
CACHE_FORMAT = 2
CACHE_DIR_VARIABLE = "TIMELINE_VIEWER_CACHE_DIR"
# Small files load in milliseconds: caching them would only litter the disk.
MIN_CACHED_BYTES = 256 * 1024


class _TimelineEntry(msgspec.Struct):
    format: int
    version: str
    key: str
    timeline: Timeline


class _SearchEntry(msgspec.Struct):
    format: int
    version: str
    key: str
    haystacks: list[str]


def cache_dir() -> Path:
    override = os.environ.get(CACHE_DIR_VARIABLE)
    if override:
        return Path(override)
    from platformdirs import user_cache_path

    return user_cache_path("timeline-viewer") / "timelines"


def content_key(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=20).hexdigest()


@dataclass
class SearchCache:
    """Where the search text of one file's timeline is kept between runs."""

    key: str
    folder: Path

    @property
    def path(self) -> Path:
        return self.folder / f"{self.key}.search.msgpack"

    def get(self) -> list[str] | None:
        entry = _read(self.path, _SearchEntry, self.key)
        return None if entry is None else entry.haystacks

    def put(self, haystacks: list[str]) -> None:
        _write(self.path, _SearchEntry(CACHE_FORMAT, __version__, self.key, haystacks))


@dataclass
class Loaded:
    """A timeline and, when caching, where its search text may be cached."""

    timeline: Timeline
    from_cache: bool
    search_cache: SearchCache | None


def load(path: Path, *, use_cache: bool = True, min_bytes: int = MIN_CACHED_BYTES) -> Loaded:
    """Load a timeline file, through the cache when allowed; LoadError for a bad file.

    TimelineJS files (.json, .csv) are imported on the fly, never cached.
    """
    if path.suffix.lower() in (".json", ".csv"):  # checked before importing the importer
        from timeline_viewer.interop.timelinejs_import import is_timelinejs_file, load_timelinejs

        if is_timelinejs_file(path):
            return Loaded(load_timelinejs(path), False, None)
    raw = read_bytes(path)
    if not use_cache or len(raw) < min_bytes:
        text = decode(raw, str(path))
        del raw  # a big file's bytes need not outlive its text
        return Loaded(parse_timeline(text, str(path)), False, None)
    key = content_key(raw)
    folder = cache_dir()
    entry_path = folder / f"{key}.msgpack"
    entry = _read(entry_path, _TimelineEntry, key)
    if entry is not None:
        return Loaded(entry.timeline, True, SearchCache(key, folder))
    text = decode(raw, str(path))
    del raw
    timeline = parse_timeline(text, str(path))
    _write(entry_path, _TimelineEntry(CACHE_FORMAT, __version__, key, timeline))
    return Loaded(timeline, False, SearchCache(key, folder))


_EntryT = TypeVar("_EntryT", _TimelineEntry, _SearchEntry)


def _read(path: Path, kind: type[_EntryT], key: str) -> _EntryT | None:
    try:
        raw = path.read_bytes()
        with collector_paused():
            entry = msgspec.msgpack.decode(raw, type=kind)
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        return None  # missing, unreadable, corrupt or another layout: load the file itself
    if (entry.format, entry.version, entry.key) != (CACHE_FORMAT, __version__, key):
        return None
    return entry


def _write(path: Path, entry: _TimelineEntry | _SearchEntry) -> None:
    """Best effort: a cache that cannot be written is only a slower next start."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(msgspec.msgpack.encode(entry))
            Path(temporary).replace(path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                Path(temporary).unlink()

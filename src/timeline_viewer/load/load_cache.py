"""A cache of loaded timelines, so that a big file opens in a fraction of a second.

Entries are keyed on the file's content (a BLAKE2 hash of its bytes, never
its name or mtime), stored as MessagePack under the user cache directory,
written atomically, and ignored (then rebuilt) when unreadable, corrupt or
written by another version. A file that changed by one byte has another key,
so a stale entry can never be served. The search text (`TimelineIndex.haystacks`)
is cached beside the timeline when it is first built.

`loader.load` is what uses it: this module only keeps the entries.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import msgspec

from timeline_viewer import __version__
from timeline_viewer.domain.model import Timeline
from timeline_viewer.runtime import collector_paused

# Bump when the model or the cached layout changes shape.
CACHE_FORMAT = 4
CACHE_DIR_VARIABLE = "TIMELINE_VIEWER_CACHE_DIR"
# Below this a file parses in a millisecond or so: an entry would only litter the
# disk. (Above it, even the parser's import costs more than reading an entry.)
MIN_CACHED_BYTES = 16 * 1024
# Entries kept: the most recently used, within both limits (the newest always).
KEEP_ENTRIES = 32
KEEP_BYTES = 2 * 1024**3


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
    try:
        # What hashlib.blake2b is; hashlib itself also loads OpenSSL (1.5 ms).
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - a Python built without it
        from hashlib import blake2b

    return blake2b(raw, digest_size=20).hexdigest()


def prune(folder: Path, *, keep_entries: int | None = None, keep_bytes: int | None = None) -> None:
    """Delete the least recently used entries beyond the limits (best effort).

    The limits default to KEEP_ENTRIES and KEEP_BYTES.

    Every save of a big file while it is open makes a new entry (its content
    changed): without this, the folder would grow by the file's size each time.
    """
    with contextlib.suppress(OSError):
        entries = []
        for path in folder.glob("*.msgpack"):
            with contextlib.suppress(OSError):  # (another process may prune too)
                status = path.stat()
                entries.append((status.st_mtime, status.st_size, path))
        entries.sort(reverse=True)
        keep_entries = KEEP_ENTRIES if keep_entries is None else keep_entries
        keep_bytes = KEEP_BYTES if keep_bytes is None else keep_bytes
        total = 0
        for number, (_, size, path) in enumerate(entries):
            total += size
            if number and (number >= keep_entries or total > keep_bytes):
                path.unlink(missing_ok=True)


def _touch(path: Path) -> None:
    """Mark an entry as used just now: pruning goes by it."""
    with contextlib.suppress(OSError):
        os.utime(path)


class SearchCache(msgspec.Struct):
    """Where the search text of one file's timeline is kept between runs."""

    key: str
    folder: Path

    @property
    def path(self) -> Path:
        return self.folder / f"{self.key}.search.msgpack"

    def get(self) -> list[str] | None:
        entry = _read(self.path, _SearchEntry, self.key)
        if entry is None:
            return None
        _touch(self.path)
        return entry.haystacks

    def put(self, haystacks: list[str]) -> None:
        _write(self.path, _SearchEntry(CACHE_FORMAT, __version__, self.key, haystacks))


def read_entry(key: str, folder: Path) -> bytes | None:
    """The bytes of the timeline entry for `key`, not yet decoded; None when there is none.

    Reading lets go of the interpreter lock: a thread can do it while another imports.
    """
    path = _entry_path(key, folder)
    try:
        entry = path.read_bytes()
    except OSError:
        return None  # none yet, or unreadable: the file itself is loaded
    _touch(path)
    return entry


def cached_timeline(entry: bytes, key: str) -> Timeline | None:
    """The timeline an entry holds; None if it is corrupt or of another version or file."""
    decoded = _decode(entry, _TimelineEntry, key)
    return None if decoded is None else decoded.timeline


def write_entry(key: str, folder: Path, timeline: Timeline) -> None:
    """Cache `timeline` as the entry for `key`, a step at a time (best effort)."""
    entry = _TimelineEntry(CACHE_FORMAT, __version__, key, timeline)
    _write_in_steps(_entry_path(key, folder), entry)  # (no second copy of it all at once)


def _entry_path(key: str, folder: Path) -> Path:
    return folder / f"{key}.msgpack"


_EntryT = TypeVar("_EntryT", _TimelineEntry, _SearchEntry)


def _read(path: Path, kind: type[_EntryT], key: str) -> _EntryT | None:
    try:
        raw = path.read_bytes()
    except OSError:
        return None  # missing or unreadable: built again
    return _decode(raw, kind, key)


def _decode(raw: bytes, kind: type[_EntryT], key: str) -> _EntryT | None:
    try:
        with collector_paused():
            entry = msgspec.msgpack.decode(raw, type=kind)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None  # corrupt or another layout: load the file itself
    if (entry.format, entry.version, entry.key) != (CACHE_FORMAT, __version__, key):
        return None
    return entry


def _write(path: Path, entry: _TimelineEntry | _SearchEntry) -> None:
    """Best effort: a cache that cannot be written is only a slower next start."""
    if write_cache_file(path, [msgspec.msgpack.encode(entry)]):
        prune(path.parent)


def write_cache_file(path: Path, pieces: Iterable[bytes]) -> bool:
    """Write `pieces` to `path` atomically; whether it could (a cache failing is no error)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as stream:
            for piece in pieces:
                stream.write(piece)
        Path(temporary).replace(path)
        return True
    except OSError:
        return False
    finally:
        with contextlib.suppress(FileNotFoundError):
            Path(temporary).unlink()


# Events encoded per step of `_write_in_steps`: about 10 ms each.
_EVENTS_PER_STEP = 5000
# Stands for the events while the rest of the entry is encoded: a msgpack
# binary value that no timeline's data can hold (data is text, never bytes).
_EVENTS_MARK = msgspec.msgpack.encode(b"timeline-viewer: the events go here")


def _write_in_steps(path: Path, entry: _TimelineEntry) -> None:
    """`_write(path, entry)` in steps of a few milliseconds, the same bytes.

    Encoding 100,000 events in one call holds the interpreter for 0.2 s, a
    stall for a UI running beside it, and doubles the memory in use; here the
    events are encoded and written a slice at a time, between the rest of the
    entry encoded around a mark.
    """
    events = entry.timeline.events
    marked = msgspec.structs.replace(
        entry, timeline=msgspec.structs.replace(entry.timeline, events=msgspec.Raw(_EVENTS_MARK))
    )
    head, mark, tail = msgspec.msgpack.encode(marked).partition(_EVENTS_MARK)
    assert mark, "the mark is in the encoded entry"

    def pieces() -> Iterator[bytes]:
        yield head + _array_header(len(events))
        for start in range(0, len(events), _EVENTS_PER_STEP):
            chunk = msgspec.msgpack.encode(events[start : start + _EVENTS_PER_STEP])
            yield chunk[len(_array_header(min(_EVENTS_PER_STEP, len(events) - start))) :]
        yield tail

    if write_cache_file(path, pieces()):
        prune(path.parent)


def _array_header(length: int) -> bytes:
    """The msgpack header of an array of `length` items."""
    if length < 16:
        return bytes((0x90 | length,))
    if length < 1 << 16:
        return b"\xdc" + length.to_bytes(2, "big")
    return b"\xdd" + length.to_bytes(4, "big")

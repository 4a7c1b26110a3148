"""Noticing that a timeline file changed on disk, whichever editor saved it.

Polling, not inotify: it works the same on every system and filesystem,
and editors that save by writing a new file and renaming it over the old
one (vim, most IDEs) are seen like any other save. A change is a change of
content: touching a file, or saving it unchanged, is not reported.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from timeline_viewer.load.load_cache import content_key


@dataclass(frozen=True)
class Stamp:
    """What a file looked like when last read."""

    mtime_ns: int
    size: int
    digest: str | None  # None: the file was missing or unreadable
    taken_ns: int = 0  # when the stamp was taken


# Filesystems keep modification times coarsely (a few milliseconds): a file
# written again soon after it was stamped may keep its time and size. Like
# git's "racily clean" index entries, such a stamp is never trusted alone.
_RACY_NS = 2_000_000_000
# A file modified less than this long ago may still be being written: many
# editors write in place, and a big file takes a tenth of a second or more.
# Read half-written, it would be reported broken (and a careful re-read of a
# big file takes seconds). It is looked at again at the next check instead.
SETTLE_NS = 300_000_000


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


def stamp(path: Path) -> Stamp:
    """The file's current stamp (reads it whole to hash its content)."""
    stat = _stat(path)
    try:
        digest = content_key(path.read_bytes())
    except OSError:
        digest = None
    mtime_ns, size = stat if stat else (0, 0)
    return Stamp(mtime_ns, size, digest, time.time_ns())


class SourceWatch:
    """Tells whether a file's content differs from when it was last `accept`ed.

    `loaded`: the `content_key` of the bytes the shown timeline was loaded
    from. The watch then compares with those, not with the file as it is when
    the watch starts: a save made in between is seen at the first check,
    not lost. Without it the file is stamped now (read and hashed).
    """

    def __init__(self, path: Path, loaded: str | None = None) -> None:
        self.path = path
        # A stamp no stat matches: the first check reads the file and compares.
        self.last = stamp(path) if loaded is None else Stamp(0, -1, loaded)

    def changed(self) -> bool:
        """True when the content changed since the last accepted stamp.

        A cheap stat first; the content is read and hashed only when the
        modification time or the size moved, and not in the moment after a
        write (see `SETTLE_NS`).
        """
        stat = _stat(self.path)
        racy = self.last.taken_ns - self.last.mtime_ns < _RACY_NS
        if stat is not None and stat == (self.last.mtime_ns, self.last.size) and not racy:
            return False
        # (A time ahead of the clock, on a network filesystem say, is not waited for.)
        if stat is not None and 0 <= time.time_ns() - stat[0] < SETTLE_NS:
            return False
        current = stamp(self.path)
        if current.digest == self.last.digest:
            self.last = current  # touched or rewritten identically: nothing to reload
            return False
        return current.digest is not None  # a file mid-save or deleted: wait for it

    def accept(self) -> None:
        """Remember the file as it is now (after reloading it, successfully or not)."""
        self.last = stamp(self.path)

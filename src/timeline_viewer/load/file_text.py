"""A file's bytes and its text, with every failure a located LoadError (never OSError).

A regular file is read whole. Anything else that can be opened (a pipe, a
process substitution such as `<(git show HEAD:timeline.yaml)`, a device) is
read as a stream, with two bounds: it must end within `STREAM_LIMIT` bytes
(`/dev/zero` never ends) and data must keep arriving (a pipe nobody writes
to would wait forever).

Text is UTF-8, or UTF-16 or UTF-32 when a byte-order mark says so (YAML 1.2
allows them and Windows tools write them); anything else is refused with the
encoding it looks like.
"""

from __future__ import annotations

import codecs
import os
import select
import stat
from pathlib import Path

from timeline_viewer.domain.problems import LoadError, Problem

# The most a pipe or device may give: a 100,000-event timeline is about 40 MB.
STREAM_LIMIT = 256 * 1024 * 1024
# Seconds a pipe may stay silent before it is given up on.
STREAM_PATIENCE = 10.0
_CHUNK = 1 << 20


def read_bytes(path: Path) -> bytes:
    """The file's bytes; LoadError (never OSError) for a missing file, a folder, no access."""
    name = str(path)
    try:
        mode = path.stat().st_mode
        if stat.S_ISREG(mode):
            return path.read_bytes()
        if stat.S_ISDIR(mode):
            raise IsADirectoryError
        return _read_stream(path, name)
    except FileNotFoundError:
        raise LoadError([Problem(name, "no such file")]) from None
    except IsADirectoryError:
        raise LoadError([Problem(name, "is a folder, not a timeline file")]) from None
    except PermissionError:
        raise LoadError([Problem(name, "permission denied")]) from None
    except OSError as error:
        raise LoadError([Problem(name, f"cannot be read: {error.strerror or error}")]) from None


def _read_stream(path: Path, name: str) -> bytes:
    # Not blocking to open: a pipe with no writer yet would otherwise block here.
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    try:
        pieces: list[bytes] = []
        size = 0
        while True:
            ready, _, _ = select.select([handle], [], [], STREAM_PATIENCE)
            if not ready:
                said = "nothing arrived" if size == 0 else "it stopped sending"
                raise LoadError(
                    [
                        Problem(
                            name,
                            f"not a regular file, and {said} for {STREAM_PATIENCE:g} s:"
                            " is a program writing to it?",
                        )
                    ]
                )
            try:
                piece = os.read(handle, _CHUNK)
            except BlockingIOError:
                continue
            if not piece:
                return b"".join(pieces)
            size += len(piece)
            if size > STREAM_LIMIT:
                raise LoadError(
                    [
                        Problem(
                            name,
                            f"not a regular file, and it gives more than"
                            f" {STREAM_LIMIT // (1024 * 1024)} MB without ending:"
                            " not a timeline file",
                        )
                    ]
                )
            pieces.append(piece)
    finally:
        os.close(handle)


# Byte-order marks, longest first: UTF-32 LE's starts with UTF-16 LE's.
_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
)


def decode(raw: bytes, name: str) -> str:
    """The text: UTF-8, or UTF-16/32 with a byte-order mark; LoadError at the first bad byte."""
    codec, label, skip = "utf-8", "UTF-8", 0
    for mark, mark_codec, mark_label in _MARKS:
        if raw.startswith(mark):
            codec, label, skip = mark_codec, mark_label, len(mark)
            break
    try:
        return raw[skip:].decode(codec)
    except UnicodeDecodeError as error:
        start = skip + error.start
        before = raw[skip:start].decode(codec, errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        if label != "UTF-8":
            message = f"not valid {label} text (byte 0x{raw[start]:02x})"
        else:
            message = f"not UTF-8 text (byte 0x{raw[start]:02x}){_looks_like(raw)}"
        raise LoadError(
            [Problem(name, message + "; save the file as UTF-8", line, column)]
        ) from None


def _looks_like(raw: bytes) -> str:
    """What a text that is not UTF-8 seems to be, for the message."""
    head = raw[:4096]
    if head.count(0) > len(head) // 4:
        return ": it looks like UTF-16 or UTF-32 without a byte-order mark"
    return ": it looks like a one-byte encoding such as Windows-1252 or Latin-1"

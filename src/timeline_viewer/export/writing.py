"""Writing an export to disk without ever losing the user's data.

The text goes to a temporary file in the target folder, which is then
renamed into place: a failure part-way leaves any old file intact. An
existing file is replaced only when asked (`force`), and the timeline's own
source file never. A target that is not a regular file (a terminal, a pipe,
`/dev/null`) is written to as it is, never replaced: renaming a file over
`/dev/full` would replace the device itself. Every write, flush and close
is checked: a full disk is a failure, never a success.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


class ExportError(Exception):
    """An export that was refused or failed; the message says why."""


def check_target(
    target: Path, *, force: bool, source: Path | None = None, example: str = "timeline.md"
) -> None:
    """Raise ExportError if writing `target` would be wrong; nothing is written.

    `example`: the file name a message suggests when `target` is a folder."""
    if source is not None and _same_file(target, source):
        raise ExportError(f"{target}: refusing to write over the timeline's own source file")
    if target.is_dir():
        raise ExportError(f"{target}: is a folder; give a file name such as {target / example}")
    if not target.parent.is_dir():
        raise ExportError(f"{target}: the folder {target.parent} does not exist")
    if target.exists() and not force and not _is_device_or_pipe(target):
        raise ExportError(f"{target}: already exists; use --force to replace it")


def write_atomically(
    target: Path, text: str | Iterable[str], *, force: bool, source: Path | None = None
) -> None:
    """Write `text` (UTF-8; a string or its pieces) to `target` via a temporary file and a rename."""
    check_target(target, force=force, source=source)
    if _is_device_or_pipe(target):
        _write_in_place(target, text)
        return
    mode = target.stat().st_mode & 0o777 if target.exists() else None
    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:  # a read-only or full folder, say
        raise ExportError(f"{target}: cannot write: {error.strerror or error}") from None
    try:
        _write_text(handle, text, sync=True)
        if mode is not None:
            Path(temporary).chmod(mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            Path(temporary).chmod(0o666 & ~umask)
        if not force and target.exists():  # created meanwhile by someone else
            raise ExportError(f"{target}: already exists; use --force to replace it")
        Path(temporary).replace(target)
    except OSError as error:
        raise ExportError(f"{target}: cannot write: {error.strerror or error}") from None
    except UnicodeEncodeError:  # a lone surrogate from an API caller; the loader never makes one
        raise ExportError(f"{target}: the text cannot be written as UTF-8") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            Path(temporary).unlink()


def _write_text(handle: int, text: str | Iterable[str], *, sync: bool) -> None:
    """Write and close `handle`; every write, flush, sync and close raises on failure."""
    with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
        if isinstance(text, str):
            stream.write(text)
        else:
            stream.writelines(text)
        stream.flush()
        if sync:
            os.fsync(stream.fileno())


def _is_device_or_pipe(target: Path) -> bool:
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISBLK(mode) or stat.S_ISSOCK(mode)


def _write_in_place(target: Path, text: str | Iterable[str]) -> None:
    """Write to a device or a pipe as it is (there is no file to replace)."""
    try:
        # Not blocking to open: a pipe nobody reads would otherwise wait forever.
        handle = os.open(target, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise ExportError(f"{target}: no program is reading from this pipe") from None
        raise ExportError(f"{target}: cannot write: {error.strerror or error}") from None
    try:
        os.set_blocking(handle, True)
        _write_text(handle, text, sync=False)
    except OSError as error:
        raise ExportError(f"{target}: cannot write: {error.strerror or error}") from None
    except UnicodeEncodeError:
        raise ExportError(f"{target}: the text cannot be written as UTF-8") from None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and a.samefile(b))
    except OSError:
        return False

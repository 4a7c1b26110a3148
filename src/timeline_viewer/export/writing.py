"""Writing an export to disk without ever losing the user's data.

The text goes to a temporary file in the target folder, which is then
renamed into place: a failure part-way leaves any old file intact. An
existing file is replaced only when asked (`force`), and the timeline's own
source file never.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


class ExportError(Exception):
    """An export that was refused or failed; the message says why."""


def check_target(target: Path, *, force: bool, source: Path | None = None) -> None:
    """Raise ExportError if writing `target` would be wrong; nothing is written."""
    if source is not None and _same_file(target, source):
        raise ExportError(f"{target}: refusing to write over the timeline's own source file")
    if target.is_dir():
        raise ExportError(
            f"{target}: is a folder; give a file name such as {target / 'timeline.md'}"
        )
    if not target.parent.is_dir():
        raise ExportError(f"{target}: the folder {target.parent} does not exist")
    if target.exists() and not force:
        raise ExportError(f"{target}: already exists; use --force to replace it")


def write_atomically(
    target: Path, text: str | Iterable[str], *, force: bool, source: Path | None = None
) -> None:
    """Write `text` (UTF-8; a string or its pieces) to `target` via a temporary file and a rename."""
    check_target(target, force=force, source=source)
    mode = target.stat().st_mode & 0o777 if target.exists() else None
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            if isinstance(text, str):
                stream.write(text)
            else:
                stream.writelines(text)
            stream.flush()
            os.fsync(stream.fileno())
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


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and a.samefile(b))
    except OSError:
        return False

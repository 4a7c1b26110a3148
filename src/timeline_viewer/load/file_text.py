"""A file's bytes and its text, with every failure a located LoadError (never OSError)."""

from __future__ import annotations

from pathlib import Path

from timeline_viewer.domain.problems import LoadError, Problem


def read_bytes(path: Path) -> bytes:
    """The file's bytes; LoadError (never OSError) for a missing file, a folder, no access."""
    name = str(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise LoadError([Problem(name, "no such file")]) from None
    except IsADirectoryError:
        raise LoadError([Problem(name, "is a folder, not a timeline file")]) from None
    except PermissionError:
        raise LoadError([Problem(name, "permission denied")]) from None
    except OSError as error:
        raise LoadError([Problem(name, f"cannot be read: {error.strerror or error}")]) from None


def decode(raw: bytes, name: str) -> str:
    """UTF-8 text (a byte-order mark is dropped); LoadError at the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        message = f"not UTF-8 text (byte 0x{raw[error.start]:02x}); save the file as UTF-8"
        raise LoadError([Problem(name, message, line, column)]) from None

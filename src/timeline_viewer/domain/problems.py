"""What is wrong with a timeline file, located for people and editors."""

from __future__ import annotations

import msgspec

from timeline_viewer.domain.text import shown


class Problem(msgspec.Struct, frozen=True):
    """One thing wrong with a file, printed as `file:line:col: path: message`."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    path: str = ""

    def __str__(self) -> str:
        """The line a person reads: file name and data quoted as `shown` writes them."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        line = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        return shown(line)


class LoadError(Exception):
    """A file that is not a valid timeline; `problems` lists everything wrong."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def format_path(path: tuple[str | int, ...]) -> str:
    """("events", 3, "date") as events[3].date."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def describe(value: object) -> str:
    """A found value, as an error message quotes it."""
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    text = " ".join(str(value).split())
    return f'"{text if len(text) <= 60 else text[:59] + "…"}"'

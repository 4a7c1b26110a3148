"""Timeline files to the model, with every problem located as file:line:col.

Two ways through, one verdict. The fast way parses with yaml-rs (a Rust YAML
parser, several times quicker than PyYAML on big files), converts the whole
file with msgspec in one call and runs the cross-checks of `model_builder`.
If anything at all is unusual or wrong on the way, the file is read again
the careful way: PyYAML with every value's position (`yaml_source`),
field-by-field checks (`field_check`) and the same cross-checks, so that
every problem is reported at its line and column.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path as FilePath

import msgspec

from timeline_viewer import schema
from timeline_viewer.field_check import FieldChecker
from timeline_viewer.model import Timeline
from timeline_viewer.model_builder import Path, Pieces, build_timeline
from timeline_viewer.problems import LoadError, Problem
from timeline_viewer.yaml_source import YamlSyntaxError, parse_yaml

__all__ = ["LoadError", "Problem", "bundled_timeline_path", "load_timeline", "parse_timeline"]

try:
    import yaml_rs
except ImportError:  # pragma: no cover - the careful path serves alone
    yaml_rs = None  # type: ignore[assignment]

# Anything that the fast parser might read differently from the careful one
# sends the file the careful way: escapes and control characters (the
# careful way sanitises them with positions), explicit tags (yaml-rs ignores
# unknown ones), merge keys, and byte-order marks.
_CONTROL_OR_ESCAPE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\\\\]"
)
_TAG = re.compile(r"(?:^|[\s\[{,])!")


def _needs_careful_parser(text: str) -> bool:
    # One character class scans fast; the tag pattern only runs if there is a "!".
    if _CONTROL_OR_ESCAPE.search(text) or "<<" in text:
        return True
    return "!" in text and _TAG.search(text) is not None


def bundled_timeline_path() -> FilePath:
    """The Caro Quintero / Camarena timeline shipped with the package."""
    return FilePath(__file__).resolve().parent / "data" / "timeline.yaml"


def read_bytes(path: FilePath) -> bytes:
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


def load_timeline(path: FilePath | str) -> Timeline:
    """Load and validate a timeline file; raise LoadError listing every problem."""
    path = FilePath(path)
    return parse_timeline(decode(read_bytes(path), str(path)), str(path))


@contextmanager
def collector_paused() -> Iterator[None]:
    """Building a million small objects triggers the cyclic GC over and over for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_timeline(text: str, name: str = "<text>") -> Timeline:
    """Validate timeline YAML text; raise LoadError listing every problem."""
    with collector_paused():
        timeline = parse_fast(text)
        if timeline is not None:
            return timeline
        return parse_careful(text, name)


def parse_fast(text: str) -> Timeline | None:
    """The timeline if the fast way finds nothing wrong, else None (read it carefully)."""
    if yaml_rs is None or _needs_careful_parser(text):
        return None
    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # any refusal: the careful parser will say what is wrong, located
        return None
    if not isinstance(data, dict) or data.get("schema") != schema.SCHEMA_VERSION:
        return None
    try:
        spec = msgspec.convert(data, schema.TimelineSpec, strict=False)
    except msgspec.ValidationError:
        return None
    pieces = Pieces(
        title=spec.title,
        description=spec.description,
        sources=[(("sources", i), s) for i, s in enumerate(spec.sources)],
        entities=[(("entities", i), e) for i, e in enumerate(spec.entities)],
        events=[(("events", i), e) for i, e in enumerate(spec.events)],
    )
    lines = _item_lines(text)

    def line_of(path: Path, item_id: str) -> int:
        return lines.get(str(path[0]), {}).get(item_id, 0)

    return build_timeline(pieces, lambda _path, _message: None, line_of)


def parse_careful(text: str, name: str) -> Timeline:
    """PyYAML with positions and field-by-field checks; LoadError with every problem."""
    try:
        document = parse_yaml(text)
    except YamlSyntaxError as error:
        located = error.located
        raise LoadError([Problem(name, located.message, located.line, located.column)]) from None
    checker = FieldChecker(name, document)
    pieces = checker.pieces()
    timeline = None if pieces is None else build_timeline(pieces, checker.report, checker.line_of)
    if timeline is None or checker.problems:
        problems = sorted(checker.problems, key=lambda p: (p.line or 0, p.column or 0))
        raise LoadError(problems or [Problem(name, "not a valid timeline")])
    return timeline


_ITEM_ID = re.compile(r"- id: *[\"']?([A-Za-z0-9-]+)")


def _item_lines(text: str) -> dict[str, dict[str, int]]:
    """Per section, the line of each `- id: ...` item (what the careful parser records)."""
    starts = sorted(
        (at + 1, name)
        for name in ("sources", "entities", "events")
        if (at := -1 if text.startswith(f"{name}:") else text.find(f"\n{name}:")) >= -1
        and (at >= 0 or text.startswith(f"{name}:"))
    )
    lines: dict[str, dict[str, int]] = {name: {} for _, name in starts}
    line, counted_to, current = 1, 0, -1
    for match in _ITEM_ID.finditer(text):
        at = match.start()
        while current + 1 < len(starts) and starts[current + 1][0] < at:
            current += 1
        line_start = text.rfind("\n", 0, at) + 1
        if current < 0 or text[line_start:at].strip(" \t"):
            continue  # before any section, or "- id:" inside some text
        line += text.count("\n", counted_to, at)
        counted_to = at
        lines[starts[current][1]].setdefault(match[1], line)
    return lines

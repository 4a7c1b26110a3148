"""Timeline files to the model, with every problem located as file:line:col.

Two ways through, one verdict. The fast way parses with yaml-rs (a Rust YAML
parser, several times quicker than PyYAML on big files), converts the whole
file with msgspec in one call and runs the cross-checks of `model_builder`.
If anything at all is unusual or wrong on the way, the file is read again
the careful way: PyYAML with every value's position (`yaml_source`),
field-by-field checks (`field_check`) and the same cross-checks, so that
every problem is reported at its line and column. In a big file, whose
events list the fast way reads in pieces, only the pieces that are unusual
(an escape in one, say) or hold a problem go the careful way, which is some
ten times slower.
"""

from __future__ import annotations

import re
from heapq import merge
from pathlib import Path as FilePath
from typing import TYPE_CHECKING

from timeline_viewer.domain.model import Timeline
from timeline_viewer.domain.problems import LoadError, Problem
from timeline_viewer.runtime import collector_paused, release_list

if TYPE_CHECKING:
    from timeline_viewer.load import schema
    from timeline_viewer.load.event_pieces import EventPieces
    from timeline_viewer.load.model_builder import Path, Pieces

__all__ = ["LoadError", "Problem", "bundled_timeline_path", "load_timeline", "parse_timeline"]

# The parsers (yaml-rs, the schema, the model builder) are imported when a file
# is parsed: a timeline read from the load cache needs none of them.

# Anything that the fast parser might read differently from the careful one
# sends the file the careful way: escapes and control characters (the
# careful way sanitises them with positions), explicit tags (yaml-rs ignores
# unknown ones), merge keys, and byte-order marks.
_CONTROL_OR_ESCAPE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\\\\]"
)
_TAG = re.compile(r"(?:^|[\s\[{,])!")


# A regex search holds the interpreter for its whole run: over a 40 MB text
# that is 150 ms in which a UI reloading the file in a thread cannot paint.
# Searching slice by slice lets it in between.
_SLICE = 1 << 20


def _search_in_slices(pattern: re.Pattern[str], text: str, begin: int, end: int) -> bool:
    overlap = 1  # the tag pattern looks one character back
    for start in range(begin, end, _SLICE):
        if pattern.search(text, max(start - overlap, begin), min(start + _SLICE, end)):
            return True
    return False


def _needs_careful_parser(text: str, begin: int = 0, end: int | None = None) -> bool:
    """Whether `text` (or its part from `begin` to `end`) is for the careful parser only."""
    end = len(text) if end is None else end
    # One character class scans fast; the tag pattern only runs if there is a "!".
    if _search_in_slices(_CONTROL_OR_ESCAPE, text, begin, end) or text.find("<<", begin, end) >= 0:
        return True
    return text.find("!", begin, end) >= 0 and _search_in_slices(_TAG, text, begin, end)


def bundled_timeline_path() -> FilePath:
    """The Caro Quintero / Camarena timeline shipped with the package."""
    return FilePath(__file__).resolve().parent.parent / "data" / "timeline.yaml"


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


def parse_timeline(text: str, name: str = "<text>") -> Timeline:
    """Validate timeline YAML text; raise LoadError listing every problem."""
    with collector_paused():
        result = _read_fast(text)
        if isinstance(result, Timeline):
            return result
        if result is not None:
            problems = _problems_in_pieces(name, *result)
            if problems:
                raise LoadError(problems)
        return parse_careful(text, name)


def parse_fast(text: str) -> Timeline | None:
    """The timeline if the fast way finds nothing wrong, else None (read it carefully)."""
    result = _read_fast(text)
    return result if isinstance(result, Timeline) else None


def _read_fast(text: str) -> Timeline | tuple[EventPieces, set[int]] | None:
    """The timeline if the fast way finds nothing wrong.

    Otherwise, for a file whose events list is read in pieces: those pieces
    and the ones found to hold a problem (none: only the rest of the file
    has one), so that only those are read carefully. Else None: the careful
    parser reads the whole file.
    """
    try:
        import yaml_rs  # noqa: F401 - only whether it is there
    except ImportError:  # pragma: no cover - the careful path serves alone
        return None
    from timeline_viewer.load.event_pieces import EventPieces

    cut = EventPieces.of(text)
    if cut is None:
        if _needs_careful_parser(text):
            return None
        try:
            spec = _parse_spec(text, None)
        except Exception:  # any refusal: the careful parser will say what is wrong, located
            return None
        if spec is None:
            return None
        events: list[tuple[Path, schema.EventSpec]] = [
            (("events", i), e) for i, e in enumerate(spec.events)
        ]
        return _built(text, _pieces_of(spec, events))[0]
    suspects: set[int] = set()
    read = _read_in_pieces(cut, suspects)
    if read is None:
        return None
    pieces, head_clean = read
    # With a problem found already, the timeline would be thrown away: only checked.
    keep = head_clean and not suspects
    timeline, found = _built(text, pieces, keep=keep)
    if timeline is not None and keep:
        return timeline
    for path in found:
        if len(path) > 1 and path[0] == "events" and isinstance(path[1], int):
            suspects.add(cut.piece_of(path[1]))
    suspects.update(cut.sharing_ids())
    return cut, suspects


def _read_in_pieces(cut: EventPieces, suspects: set[int]) -> tuple[Pieces, bool] | None:
    """A big file, its events list a piece at a time: the fast way, except where it cannot.

    The pieces that need the careful parser (an escape in one, say) are read
    that way, with all but the events list if that needs it too (or does not
    convert), and their events merged in by number. Pieces that do not
    convert, and careful ones with a problem, are added to `suspects` and
    left out. Also says whether all but the events list is free of problems.
    None when that part is not a timeline's at all.
    """
    text = cut.text
    careful_head = _needs_careful_parser(text, 0, cut.start) or _needs_careful_parser(text, cut.end)
    careful = {
        piece
        for piece, (begin, stop) in enumerate(cut.spans)
        if _needs_careful_parser(text, begin, stop)
    }
    events = _parse_event_pieces(cut, suspects, careful)
    spec = None
    if not careful_head:
        try:
            spec = _parse_spec(text, cut)
        except Exception:  # a field of an entity, say: the careful way says which
            careful_head = True
        else:
            if spec is None:
                return None  # not a timeline's, or a second events list: not ours to guess
    head_clean = True
    read_carefully = None
    if careful or careful_head:
        read = _read_pieces_carefully(cut, careful)
        if read is None:
            return None
        read_carefully, events_clean, head_clean = read
        if not events_clean:
            suspects.update(careful)
    # Events keep their numbers in the file when pieces were left out.
    numbered: list[tuple[Path, schema.EventSpec]] = [
        (("events", i), e)
        for i, e in zip(cut.numbers_left(suspects | careful), events, strict=False)
    ]
    del events
    if read_carefully is not None and read_carefully.events:
        numbered = list(merge(numbered, read_carefully.events, key=_event_number))
    if spec is not None:
        return _pieces_of(spec, numbered), head_clean
    assert read_carefully is not None  # (careful_head)
    read_carefully.events = numbered
    return read_carefully, head_clean


def _pieces_of(spec: schema.TimelineSpec, events: list[tuple[Path, schema.EventSpec]]) -> Pieces:
    from timeline_viewer.load.model_builder import Pieces

    return Pieces(
        title=spec.title,
        description=spec.description,
        sources=[(("sources", i), s) for i, s in enumerate(spec.sources)],
        entities=[(("entities", i), e) for i, e in enumerate(spec.entities)],
        events=events,
    )


def _built(text: str, pieces: Pieces, *, keep: bool = True) -> tuple[Timeline | None, list[Path]]:
    """The cross-checks and the model (consuming `pieces`), and where each problem was.

    `keep` False: only the checks (see `build_timeline`).
    """
    from timeline_viewer.load.model_builder import build_timeline

    lines = _item_lines(text)

    def line_of(path: Path, item_id: str) -> int:
        return lines.get(str(path[0]), {}).get(item_id, 0)

    found: list[Path] = []
    timeline = build_timeline(pieces, lambda path, _message: found.append(path), line_of, keep=keep)
    _release_pieces(pieces)
    return timeline, found


def _event_number(item: tuple[Path, object]) -> int:
    number = item[0][1]
    assert isinstance(number, int)
    return number


def _read_pieces_carefully(cut: EventPieces, keep: set[int]) -> tuple[Pieces, bool, bool] | None:
    """All but the events list, and the events of the pieces `keep`, read the careful way.

    The pieces read; whether the events of `keep` are all fine (they are then
    numbered as in the file, else left out); and whether all but the events
    list is. None when what was read is not a timeline at all (a YAML error,
    say). The problems themselves are for `_problems_in_pieces` to report.
    """
    from timeline_viewer.load.event_pieces import EVENT_PATH
    from timeline_viewer.load.field_check import FieldChecker
    from timeline_viewer.load.yaml_source import YamlSyntaxError, budget_for, parse_yaml

    try:
        # Aliases may expand as much as in the whole file, not only in this part of it.
        document = parse_yaml(cut.text_with_only(keep), alias_budget=budget_for(cut.text))
    except YamlSyntaxError:
        return None
    try:
        checker = FieldChecker("<text>", document)
        pieces = checker.pieces()
        if pieces is None:
            return None
        numbers = cut.numbers_in(keep)
        in_events = sum(1 for problem in checker.problems if EVENT_PATH.match(problem.path))
        head_clean = in_events == len(checker.problems)
        events_clean = not in_events and len(pieces.events) == len(numbers)
        pieces.events = (
            [
                (("events", numbers[number]), event)
                for (_, number, *_), event in pieces.events
                if isinstance(number, int)
            ]
            if events_clean
            else []
        )
        return pieces, events_clean, head_clean
    finally:
        document.release()


def _release_pieces(pieces: Pieces) -> None:
    """Let go of the parsed items a step at a time (see `release`)."""
    for section in (pieces.events, pieces.entities, pieces.sources):
        release_list(section)


def _parse_spec(text: str, cut: EventPieces | None) -> schema.TimelineSpec | None:
    """yaml-rs and one msgspec conversion: of the whole file, or (`cut`) all but its events."""
    import msgspec
    import yaml_rs

    from timeline_viewer.load import schema

    data = yaml_rs.loads(text if cut is None else cut.head(), parse_datetime=False)
    if not isinstance(data, dict) or data.get("schema") != schema.SCHEMA_VERSION:
        return None
    if cut is not None and data.get("events") != []:
        return None  # a second "events:" key, say: not ours to guess
    return msgspec.convert(data, schema.TimelineSpec, strict=False)


def _parse_event_pieces(
    cut: EventPieces, suspects: set[int], careful: set[int]
) -> list[schema.EventSpec]:
    """The events of a long list, parsed a piece at a time, in order.

    yaml-rs builds a Python dict per event; converting a few thousand at a time
    and dropping them keeps the peak memory of a 100,000-event file near the
    size of the result instead of twice it. A piece that does not convert is
    added to `suspects` and left out, and the others go on; the `careful`
    pieces are left out too (for `_read_pieces_carefully`).
    """
    import msgspec
    import yaml_rs

    from timeline_viewer.load import schema

    events: list[schema.EventSpec] = []
    for piece, (begin, stop) in enumerate(cut.spans):
        if piece in careful:
            continue
        try:
            chunk = yaml_rs.loads(cut.text[begin:stop], parse_datetime=False)
            converted = msgspec.convert(chunk, list[schema.EventSpec], strict=False)
        except Exception:  # (yaml-rs raises its own errors, msgspec its own)
            converted = []
        if len(converted) == len(cut.events_in(piece)):
            events += converted
        else:  # broken, or not the events it was cut at: left to the careful parser
            suspects.add(piece)
    return events


def _problems_in_pieces(name: str, cut: EventPieces, suspects: set[int]) -> list[Problem] | None:
    """A big file's problems, found by reading carefully only the pieces that hold one.

    The careful parser takes about 12 s over 100,000 events: a file saved with
    one broken event should not take that long to say so. It reads the file
    with every other piece blank (see `EventPieces`). None if it finds
    nothing there (the whole file is then read carefully).
    """
    from timeline_viewer.load.yaml_source import budget_for

    try:
        parse_careful(cut.text_with_only(suspects), name, budget_for(cut.text))
    except LoadError as error:
        if any(_UNDEFINED_ALIAS in problem.message for problem in error.problems):
            return None  # its anchor is in a piece left out: not a problem of the file
        return cut.renumbered(error.problems, suspects)
    return None


# What PyYAML says of an alias whose anchor it has not seen.
_UNDEFINED_ALIAS = "found undefined alias"


def parse_careful(text: str, name: str, alias_budget: int | None = None) -> Timeline:
    """PyYAML with positions and field-by-field checks; LoadError with every problem.

    `alias_budget`: see `parse_yaml`.
    """
    # Imported here: a valid file read the fast way never needs PyYAML.
    from timeline_viewer.load.field_check import FieldChecker
    from timeline_viewer.load.model_builder import build_timeline
    from timeline_viewer.load.yaml_source import YamlSyntaxError, parse_yaml

    try:
        document = parse_yaml(text, alias_budget=alias_budget)
    except YamlSyntaxError as error:
        located = error.located
        raise LoadError([Problem(name, located.message, located.line, located.column)]) from None
    checker = FieldChecker(name, document)
    pieces = None
    try:
        pieces = checker.pieces()
        timeline = (
            None if pieces is None else build_timeline(pieces, checker.report, checker.line_of)
        )
        if timeline is None or checker.problems:
            problems = sorted(checker.problems, key=lambda p: (p.line or 0, p.column or 0))
            raise LoadError(problems or [Problem(name, "not a valid timeline")])
        return timeline
    finally:
        if pieces is not None:
            _release_pieces(pieces)
        document.release()


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
    from timeline_viewer.load.event_pieces import ITEM_ID

    for match in ITEM_ID.finditer(text):
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

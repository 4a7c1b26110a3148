"""The fast way: yaml-rs, one msgspec conversion and the model builder's cross-checks.

yaml-rs (a Rust YAML parser) is several times quicker than PyYAML on big
files. Anything at all unusual or wrong on the way, and the file (or only
the pieces of its events list concerned) is for the careful parser. A big
file's events list is read a piece at a time (`EventPieces`): its pieces
that need the careful parser (an escape in one, say) are read that way and
merged in, so that one odd event does not send 100,000 the slow way.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from heapq import merge
from typing import TYPE_CHECKING

from timeline_viewer.domain.model import Timeline
from timeline_viewer.load.event_pieces import ITEM_ID, EventPieces

if TYPE_CHECKING:
    from timeline_viewer.load import schema
    from timeline_viewer.load.model_builder import Path, Pieces

# The parsers (yaml-rs, msgspec, the schema, the model builder) are imported
# when a file is parsed: a timeline read from the load cache needs none of them.


@dataclass
class FastRead:
    """What the fast way made of a file: the timeline, or where to look carefully."""

    timeline: Timeline | None = None
    # A big file with a problem: its pieces, and those found to hold one (none:
    # only the rest of the file has one). Neither: the whole file is for the
    # careful parser.
    cut: EventPieces | None = None
    suspects: set[int] = field(default_factory=set)
    # Whether all but the events list was found free of any problem.
    head_clean: bool = False


def read_fast(text: str) -> FastRead:
    """The timeline if the fast way finds nothing wrong, else where to look carefully."""
    try:
        import yaml_rs  # noqa: F401 - only whether it is there
    except ImportError:  # pragma: no cover - the careful path serves alone
        return FastRead()
    cut = EventPieces.of(text)
    if cut is None:
        return FastRead(_read_whole(text))
    return _read_in_pieces(cut)


def parse_fast(text: str) -> Timeline | None:
    """The timeline if the fast way finds nothing wrong, else None (read it carefully)."""
    return read_fast(text).timeline


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


def needs_careful_parser(text: str, begin: int = 0, end: int | None = None) -> bool:
    """Whether `text` (or its part from `begin` to `end`) is for the careful parser only."""
    end = len(text) if end is None else end
    # One character class scans fast; the tag pattern only runs if there is a "!".
    if _search_in_slices(_CONTROL_OR_ESCAPE, text, begin, end) or text.find("<<", begin, end) >= 0:
        return True
    return text.find("!", begin, end) >= 0 and _search_in_slices(_TAG, text, begin, end)


def _read_whole(text: str) -> Timeline | None:
    """A file small enough to parse in one go; None for anything but a valid timeline."""
    if needs_careful_parser(text):
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


def _read_in_pieces(cut: EventPieces) -> FastRead:
    """A big file, its events list a piece at a time, then the cross-checks."""
    suspects: set[int] = set()
    read = _parse_in_pieces(cut, suspects)
    if read is None:
        return FastRead()
    pieces, head_clean = read
    # With a problem found already, the timeline would be thrown away: only checked.
    keep = head_clean and not suspects
    timeline, found = _built(cut.text, pieces, keep=keep)
    if timeline is not None and keep:
        return FastRead(timeline)
    for path in found:
        if len(path) > 1 and path[0] == "events" and isinstance(path[1], int):
            suspects.add(cut.piece_of(path[1]))
        else:
            head_clean = False
    suspects.update(cut.sharing_ids())
    return FastRead(cut=cut, suspects=suspects, head_clean=head_clean)


def _parse_in_pieces(cut: EventPieces, suspects: set[int]) -> tuple[Pieces, bool] | None:
    """The fast way a piece at a time, except where it cannot.

    The pieces that need the careful parser (an escape in one, say) are read
    that way, with all but the events list if that needs it too (or does not
    convert), and their events merged in by number. Pieces that do not
    convert, and careful ones with a problem, are added to `suspects` and
    left out. Also says whether all but the events list is free of problems.
    None when that part is not a timeline's at all.
    """
    text = cut.text
    careful_head = needs_careful_parser(text, 0, cut.start) or needs_careful_parser(text, cut.end)
    careful = {
        piece
        for piece, (begin, stop) in enumerate(cut.spans)
        if needs_careful_parser(text, begin, stop)
    }
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
        # Imported here: a file read the fast way throughout never needs PyYAML.
        from timeline_viewer.load.careful_parser import read_pieces_carefully

        # With all but the events list read the fast way, only the events are wanted.
        read = read_pieces_carefully(cut, careful, head_read=spec is not None)
        if read is None and careful:
            # Not YAML there, say: those pieces are for the careful report, and
            # all but the events list is read alone, for the cross-checks of the rest.
            suspects.update(careful)
            read = read_pieces_carefully(cut, set(), head_read=spec is not None)
        if read is None:
            return None
        read_carefully, events_clean, head_clean = read
        if not events_clean:
            suspects.update(careful)
    # After the careful read: what it held is free again for the events to fill.
    events = _parse_event_pieces(cut, suspects, careful)
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


def _parse_spec(text: str, cut: EventPieces | None) -> schema.TimelineSpec | None:
    """yaml-rs and one msgspec conversion: of the whole file, or (`cut`) all but its events."""
    import msgspec
    import yaml_rs

    from timeline_viewer.load import schema
    from timeline_viewer.load.field_check import top_level_problems

    # A source-heavy file's sources too are read a piece at a time: 140,000 of
    # them as yaml-rs dicts were some 190 MB at once, over the peak target.
    sources = None if cut is None else EventPieces.of(text, "sources")
    if (
        sources is not None
        and cut is not None
        and (sources.end <= cut.start or cut.end <= sources.start)
    ):
        head = cut.head_without(sources)
    else:
        sources = None
        head = text if cut is None else cut.head()
    data = yaml_rs.loads(head, parse_datetime=False)
    del head
    if top_level_problems(data) or not isinstance(data, dict):
        return None  # (the careful parser reports them, located)
    if cut is not None and data.get("events") != []:
        return None  # a second "events:" key, say: not ours to guess
    if sources is not None and data.get("sources") != []:
        return None
    spec = msgspec.convert(data, schema.TimelineSpec, strict=False)
    del data
    if sources is not None:
        spec.sources = _parse_source_pieces(sources)
    return spec


def _parse_source_pieces(cut: EventPieces) -> list[schema.SourceSpec]:
    """A long sources list a piece at a time; any piece that does not convert raises."""
    import msgspec
    import yaml_rs

    from timeline_viewer.load import schema

    converted: list[schema.SourceSpec] = []
    for begin, stop in cut.spans:
        chunk = yaml_rs.loads(cut.text[begin:stop], parse_datetime=False)
        converted += msgspec.convert(chunk, list[schema.SourceSpec], strict=False)
        del chunk
    if len(converted) != cut.count:
        raise ValueError("not the sources the list was cut at")
    return converted


def _parse_event_pieces(
    cut: EventPieces, suspects: set[int], careful: set[int]
) -> list[schema.EventSpec]:
    """The events of a long list, parsed a piece at a time, in order.

    yaml-rs builds a Python dict per event; converting a few thousand at a time
    and dropping them keeps the peak memory of a 100,000-event file near the
    size of the result instead of twice it. A piece that does not convert is
    added to `suspects` and left out, and the others go on; the `careful`
    pieces are left out too (for `read_pieces_carefully`).
    """
    import msgspec
    import yaml_rs

    from timeline_viewer.load import schema

    events: list[schema.EventSpec] = []
    shared: dict[str, str] = {}
    for piece, (begin, stop) in enumerate(cut.spans):
        if piece in careful:
            continue
        try:
            chunk = yaml_rs.loads(cut.text[begin:stop], parse_datetime=False)
            converted = msgspec.convert(chunk, list[schema.EventSpec], strict=False)
            del chunk
        except Exception:  # (yaml-rs raises its own errors, msgspec its own)
            converted = []
        if len(converted) == len(cut.events_in(piece)):
            _share_references(converted, shared)
            events += converted
        else:  # broken, or not the events it was cut at: left to the careful parser
            suspects.add(piece)
    return events


def _share_references(events: list[schema.EventSpec], shared: dict[str, str]) -> None:
    """One string object for each id or tag that events cite, however many cite it.

    yaml-rs makes a new string at every mention: 100,000 events citing four
    sources and three entities each held some 50 MB of copies, into the model.
    """
    share = shared.setdefault
    for event in events:
        event.sources = [share(ref, ref) for ref in event.sources]
        event.entities = [share(ref, ref) for ref in event.entities]
        event.tags = [share(tag, tag) for tag in event.tags]
        if event.place is not None:
            event.place = share(event.place, event.place)


def _event_number(item: tuple[Path, object]) -> int:
    number = item[0][1]
    assert isinstance(number, int)
    return number


def _pieces_of(spec: schema.TimelineSpec, events: list[tuple[Path, schema.EventSpec]]) -> Pieces:
    from timeline_viewer.load.model_builder import Pieces

    return Pieces(
        title=spec.title,
        description=spec.description,
        media=spec.media,
        background=spec.background,
        title_headline=spec.title_headline,
        source_specs=spec.sources,
        entities=[(("entities", i), e) for i, e in enumerate(spec.entities)],
        events=events,
    )


def _built(text: str, pieces: Pieces, *, keep: bool = True) -> tuple[Timeline | None, list[Path]]:
    """The cross-checks and the model (consuming `pieces`), and where each problem was.

    `keep` False: only the checks (see `build_timeline`).
    """
    from timeline_viewer.load.model_builder import build_timeline

    lines = _ItemLines(text)
    found: list[Path] = []
    timeline = build_timeline(
        pieces, lambda path, _message: found.append(path), lines.line_of, keep=keep
    )
    pieces.release()
    # The builder is let go of by the collector (a cycle), later: not the text with it.
    lines.release()
    return timeline, found


class _ItemLines:
    """The line of each `- id: ...` item, per section (what the careful parser records).

    Kept as where each item's id is and its line, in file order, in arrays: a
    dict from id to line was 30 MB for 245,000 items of a source-heavy file.
    An item is looked up by its number in its section, its id checked in the
    text; only if that fails (an item not written `- id: ...` first) are the
    ids of a section gathered in a dict.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.at: dict[str, array[int]] = {}  # where each item's id starts
        self.lines: dict[str, array[int]] = {}
        self.by_id: dict[str, dict[str, int]] | None = None
        for name, at, line in _items(text):
            self.at.setdefault(name, array("q")).append(at)
            self.lines.setdefault(name, array("q")).append(line)

    def line_of(self, path: Path, item_id: str) -> int:
        section, number = str(path[0]), path[1] if len(path) > 1 else -1
        at = self.at.get(section)
        if at is not None and isinstance(number, int) and 0 <= number < len(at):
            start = at[number]
            end = start + len(item_id)
            if self.text.startswith(item_id, start) and not _ID_CHAR.match(self.text, end):
                return self.lines[section][number]
        return self._ids().get(section, {}).get(item_id, 0)

    def release(self) -> None:
        """Let go of the text and the lines (lookups then find nothing)."""
        self.text, self.at, self.lines, self.by_id = "", {}, {}, {}

    def _ids(self) -> dict[str, dict[str, int]]:
        if self.by_id is None:
            self.by_id = {}
            for name, at, line in _items(self.text):
                end = _ID_END.search(self.text, at)
                item_id = self.text[at : end.start() if end else len(self.text)]
                self.by_id.setdefault(name, {}).setdefault(item_id, line)
        return self.by_id


_ID_CHAR = re.compile(r"[A-Za-z0-9-]")
_ID_END = re.compile(r"[^A-Za-z0-9-]")


def _items(text: str) -> Iterator[tuple[str, int, int]]:
    """Each `- id: ...` item: its section, where its id starts, and its line."""
    starts = sorted(
        (at + 1, name)
        for name in ("sources", "entities", "events")
        if (at := -1 if text.startswith(f"{name}:") else text.find(f"\n{name}:")) >= -1
        and (at >= 0 or text.startswith(f"{name}:"))
    )
    line, counted_to, current = 1, 0, -1
    for match in ITEM_ID.finditer(text):
        at = match.start()
        while current + 1 < len(starts) and starts[current + 1][0] < at:
            current += 1
        line_start = text.rfind("\n", 0, at) + 1
        if current < 0 or text[line_start:at].strip(" \t"):
            continue  # before any section, or "- id:" inside some text
        line += text.count("\n", counted_to, at)
        counted_to = at
        yield starts[current][1], match.start(1), line

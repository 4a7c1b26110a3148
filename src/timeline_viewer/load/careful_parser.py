"""The careful way: PyYAML with every value's position, checked field by field.

Some ten times slower than the fast way, and the judge of every file that
way finds anything unusual or wrong in: every problem is reported at its
line and column. In a big file, only the pieces of its events list that
need it are read this way (`EventPieces.text_with_only`: every other piece
is blank lines, so that lines and columns are those of the file).
"""

from __future__ import annotations

import re
from collections.abc import Collection

import msgspec

from timeline_viewer.domain.model import Timeline
from timeline_viewer.domain.problems import LoadError, Problem
from timeline_viewer.load.event_pieces import EVENT_PATH, ITEM_ID, EventPieces
from timeline_viewer.load.field_check import FieldChecker
from timeline_viewer.load.model_builder import Path, Pieces, build_timeline
from timeline_viewer.load.schema import EventSpec
from timeline_viewer.load.yaml_source import YamlSyntaxError, budget_for, parse_yaml


class YamlSyntaxLoadError(LoadError):
    """The text is not YAML: its one problem is where the YAML parser stopped."""


def parse_careful(
    text: str,
    name: str,
    alias_budget: int | None = None,
    *,
    sources_left_out: Collection[str] = (),
) -> Timeline:
    """PyYAML with positions and field-by-field checks; LoadError with every problem.

    `alias_budget`: see `parse_yaml`. `sources_left_out`: the ids of valid
    sources that `text` leaves out (events may cite them).
    """
    try:
        document = parse_yaml(text, alias_budget=alias_budget)
    except YamlSyntaxError as error:
        located = error.located
        problem = Problem(name, located.message, located.line, located.column)
        raise YamlSyntaxLoadError([problem]) from None
    checker = FieldChecker(name, document)
    pieces = None
    try:
        pieces = checker.pieces()
        if pieces is not None:
            pieces.sources_left_out = sources_left_out
        timeline = (
            None if pieces is None else build_timeline(pieces, checker.report, checker.line_of)
        )
        if timeline is None or checker.problems:
            problems = sorted(checker.problems, key=lambda p: (p.line or 0, p.column or 0))
            raise LoadError(problems or [Problem(name, "not a valid timeline")])
        return timeline
    finally:
        if pieces is not None:
            pieces.release()
        document.release()


def problems_in_pieces(
    name: str,
    cut: EventPieces,
    suspects: set[int],
    head_clean: bool = False,
    syntax: YamlSyntaxLoadError | None = None,
) -> list[Problem] | None:
    """A big file's problems, found by reading carefully only the pieces that hold one.

    The careful parser takes about 12 s over 100,000 events: a file saved with
    one broken event should not take that long to say so. It reads the file
    with every other piece blank (see `EventPieces`), and when all but the
    events list was read clean (`head_clean`), a long sources list blank too
    (140,000 sources read carefully took 15 s and over 1 GB).

    A piece that is not YAML has its error reported, and is read again
    without the event the error is in: the events before it, and apart
    from them (a broken quote there runs on into whatever text follows),
    those after it with the pieces that follow. A YAML error in what is
    before is the same one, not said twice; one after may be another. So
    the problems of every part that still parses are reported too. None if
    it finds nothing there (the whole file is then read carefully).
    `syntax`: what reading the pieces `suspects` already said (not read again).
    """
    sources = _sources_read_clean(cut) if head_clean else None
    left_out = () if sources is None else sources[1]
    blank = None if sources is None else sources[0]
    # The parts still to read, each on its own: the events in it, and
    # whether a YAML error there is still to be said.
    parts = [(cut.ranges_of(set(suspects)), True)]
    found: dict[Problem, None] = {}  # in order, without repeats (each read sees the head)
    said_syntax = False
    for _ in range(_MOST_READS):
        if not parts:
            break
        kept, to_say = parts.pop(0)
        try:
            if syntax is not None:
                raise syntax
            text = cut.text_with_events(kept, blank)
            parse_careful(text, name, budget_for(cut.text), sources_left_out=left_out)
        except YamlSyntaxLoadError as error:
            text, syntax = "", None
            problem = error.problems[0]
            if _UNDEFINED_ALIAS in problem.message:
                return None  # its anchor is in a piece left out: not a problem of the file
            number = cut.event_at_line(problem.line or 0, kept)
            if number is None:
                if not said_syntax:
                    found.update(dict.fromkeys(cut.renumbered([problem], kept)))
                continue
            if to_say:
                said_syntax = True
                found.update(dict.fromkeys(cut.renumbered([problem], kept)))
            before = [span for span in _cut_at(kept, number, False) if span]
            after = [span for span in _cut_at(kept, number, True) if span]
            parts[:0] = [part for part in ((before, False), (after, True)) if part[0]]
        except LoadError as error:
            if any(_UNDEFINED_ALIAS in problem.message for problem in error.problems):
                return None
            found.update(dict.fromkeys(cut.renumbered(error.problems, kept)))
    if not found:
        return None
    return sorted(found, key=lambda p: (p.line or 0, p.column or 0))


def _cut_at(kept: list[range], number: int, after: bool) -> list[range]:
    """The events of `kept` before event `number`, or (`after`) after it."""
    if after:
        return [
            range(max(span.start, number + 1), span.stop) for span in kept if span.stop > number
        ]
    return [range(span.start, min(span.stop, number)) for span in kept if span.start < number]


# Reads of the broken parts at most (each one reads fewer events than the one before).
_MOST_READS = 20


def _long_sources(cut: EventPieces) -> EventPieces | None:
    """The file's sources list, if long enough to cut (and not in the events list)."""
    sources = EventPieces.of(cut.text, "sources")
    if sources is None or not (sources.end <= cut.start or cut.end <= sources.start):
        return None
    return sources


def _sources_read_clean(cut: EventPieces) -> tuple[EventPieces, list[str]] | None:
    """A long sources list outside the events list, and its ids, found from the text.

    None unless every item of the list starts with its id (`- id: ...`).
    """
    sources = _long_sources(cut)
    if sources is None:
        return None
    ids = []
    for at in sources.items:
        match = _INDENTED_ITEM_ID.match(cut.text, at)
        if match is None:
            return None
        ids.append(match[1])
    return sources, ids


# An item's line, its id first (where `EventPieces` cut, at the line's start).
_INDENTED_ITEM_ID = re.compile(r"[ \t]*" + ITEM_ID.pattern + r"[\"']?[ \t]*(?:#.*)?\r?$", re.M)


# What PyYAML says of an alias whose anchor it has not seen.
_UNDEFINED_ALIAS = "found undefined alias"


def read_pieces_carefully(
    cut: EventPieces, keep: set[int], head_read: bool = False
) -> tuple[Pieces, bool, bool] | None:
    """All but the events list, and the events of the pieces `keep`, read the careful way.

    The pieces read; whether the events of `keep` are all fine (they are then
    numbered as in the file, else left out); and whether all but the events
    list is. None when what was read is not a timeline at all (a YAML error,
    say). The problems themselves are for `problems_in_pieces` to report.
    `head_read`: all but the events list was read the fast way, and only the
    events are wanted: a long sources list is then left out (blank lines).
    """
    blank = _long_sources(cut) if head_read else None
    try:
        # Aliases may expand as much as in the whole file, not only in this part of it.
        text = cut.text_with_only(keep, blank=blank)
        document = parse_yaml(text, alias_budget=budget_for(cut.text))
        del text
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
        events: list[tuple[Path, EventSpec]] = (
            [
                (("events", numbers[number]), event)
                for (_, number, *_), event in pieces.events
                if isinstance(number, int)
            ]
            if events_clean
            else []
        )
        pieces.events = []
    finally:
        document.release()
    pieces.events = _compacted(events)
    return pieces, events_clean, head_clean


def _compacted(events: list[tuple[Path, EventSpec]]) -> list[tuple[Path, EventSpec]]:
    """The same events, made again now that the careful parse is gone.

    Made while the parse was alive, 5,000 events are spread over the memory
    it took, and keep some 60 MB of it from being reused (a big file with
    one escape peaked at 444 MB, against 381 MB without). Copies made now
    sit together, and the originals' memory is freed whole.
    """
    if not events:
        return events
    encoded = msgspec.msgpack.encode(events)
    events.clear()
    return msgspec.msgpack.decode(encoded, type=list[tuple[Path, EventSpec]])

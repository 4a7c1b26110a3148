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

from timeline_viewer.domain.model import Timeline
from timeline_viewer.domain.problems import LoadError, Problem
from timeline_viewer.load.event_pieces import EVENT_PATH, ITEM_ID, EventPieces
from timeline_viewer.load.field_check import FieldChecker
from timeline_viewer.load.model_builder import Pieces, build_timeline
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

    A piece that is not YAML has its error reported, and is read again up to
    the event it is in, the other pieces with it: so that their problems,
    and those of its events before the error, are reported too. None if it
    finds nothing there (the whole file is then read carefully). `syntax`:
    what reading the pieces `suspects` already said (not read again).
    """
    sources = _sources_read_clean(cut) if head_clean else None
    left_out = () if sources is None else sources[1]
    blank = None if sources is None else sources[0]
    keep, upto = set(suspects), dict[int, int]()
    found: list[Problem] = []
    syntax_in: set[int] = set()  # the pieces whose (first) YAML error is reported
    for _ in range(_MOST_READS):
        try:
            if syntax is not None:
                raise syntax
            text = cut.text_with_only(keep, upto, blank)
            parse_careful(text, name, budget_for(cut.text), sources_left_out=left_out)
        except YamlSyntaxLoadError as error:
            text, syntax = "", None
            problem = error.problems[0]
            if _UNDEFINED_ALIAS in problem.message:
                return None  # its anchor is in a piece left out: not a problem of the file
            number = cut.event_at_line(problem.line or 0, keep)
            piece = None if number is None else cut.piece_of(number)
            if number is None or piece is None or piece not in keep:
                if not syntax_in:
                    found += cut.renumbered([problem], keep)
                break
            if piece not in syntax_in:
                syntax_in.add(piece)
                found += cut.renumbered([problem], keep)
            # Read again without the event the error is in, nor any after it in its piece.
            number = min(number, upto.get(piece, cut.events_in(piece).stop) - 1)
            if number <= cut.events_in(piece).start:
                keep.discard(piece)
                upto.pop(piece, None)
            else:
                upto[piece] = number
        except LoadError as error:
            if any(_UNDEFINED_ALIAS in problem.message for problem in error.problems):
                return None
            found += cut.renumbered(error.problems, keep)
            break
        else:
            break
    if not found:
        return None
    return sorted(found, key=lambda p: (p.line or 0, p.column or 0))


# A broken piece is read again at most this many times (each time with fewer events).
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

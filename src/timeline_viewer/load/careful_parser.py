"""The careful way: PyYAML with every value's position, checked field by field.

Some ten times slower than the fast way, and the judge of every file that
way finds anything unusual or wrong in: every problem is reported at its
line and column. In a big file, only the pieces of its events list that
need it are read this way (`EventPieces.text_with_only`: every other piece
is blank lines, so that lines and columns are those of the file).
"""

from __future__ import annotations

from timeline_viewer.domain.model import Timeline
from timeline_viewer.domain.problems import LoadError, Problem
from timeline_viewer.load.event_pieces import EVENT_PATH, EventPieces
from timeline_viewer.load.field_check import FieldChecker
from timeline_viewer.load.model_builder import Pieces, build_timeline
from timeline_viewer.load.yaml_source import YamlSyntaxError, budget_for, parse_yaml


def parse_careful(text: str, name: str, alias_budget: int | None = None) -> Timeline:
    """PyYAML with positions and field-by-field checks; LoadError with every problem.

    `alias_budget`: see `parse_yaml`.
    """
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
            pieces.release()
        document.release()


def problems_in_pieces(name: str, cut: EventPieces, suspects: set[int]) -> list[Problem] | None:
    """A big file's problems, found by reading carefully only the pieces that hold one.

    The careful parser takes about 12 s over 100,000 events: a file saved with
    one broken event should not take that long to say so. It reads the file
    with every other piece blank (see `EventPieces`). None if it finds
    nothing there (the whole file is then read carefully).
    """
    try:
        parse_careful(cut.text_with_only(suspects), name, budget_for(cut.text))
    except LoadError as error:
        if any(_UNDEFINED_ALIAS in problem.message for problem in error.problems):
            return None  # its anchor is in a piece left out: not a problem of the file
        return cut.renumbered(error.problems, suspects)
    return None


# What PyYAML says of an alias whose anchor it has not seen.
_UNDEFINED_ALIAS = "found undefined alias"


def read_pieces_carefully(cut: EventPieces, keep: set[int]) -> tuple[Pieces, bool, bool] | None:
    """All but the events list, and the events of the pieces `keep`, read the careful way.

    The pieces read; whether the events of `keep` are all fine (they are then
    numbered as in the file, else left out); and whether all but the events
    list is. None when what was read is not a timeline at all (a YAML error,
    say). The problems themselves are for `problems_in_pieces` to report.
    """
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

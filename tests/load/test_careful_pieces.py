"""A big broken file: only the pieces of its events list with a problem are read carefully.

Whatever the shortcut, the verdict must be the careful parser's over the
whole file: the same problems, at the same lines and columns, with the
same event numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from load_helpers import generated

from timeline_viewer.load import event_pieces
from timeline_viewer.load.careful_parser import parse_careful
from timeline_viewer.load.fast_parser import parse_fast
from timeline_viewer.load.loader import LoadError, Problem, parse_timeline

BROKEN = sorted((Path(__file__).parent / "corpus" / "broken").glob("*.yaml"))
EVENTS = 400
BASE = generated(EVENTS)


def problems(parse: Callable[[str, str], object], text: str) -> list[Problem] | None:
    try:
        parse(text, "t.yaml")
    except LoadError as error:
        return error.problems
    return None


def pieces_of(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    monkeypatch.setattr(event_pieces, "CUT_ABOVE", 0)
    monkeypatch.setattr(event_pieces, "SIZE", size)


def with_lines(change: Callable[[list[str], list[int]], None]) -> str:
    """BASE changed by `change`, given its lines and the line index of each event's start."""
    lines = BASE.split("\n")
    events = lines.index("events:")
    starts = [i for i, line in enumerate(lines) if i > events and line.startswith("  - id: ")]
    assert len(starts) == EVENTS
    change(lines, starts)
    return "\n".join(lines)


def field_line(lines: list[str], start: int, field: str) -> int:
    return next(i for i in range(start, start + 12) if lines[i].lstrip().startswith(f"{field}:"))


def set_field(lines: list[str], start: int, field: str, value: str) -> None:
    at = field_line(lines, start, field)
    lines[at] = lines[at].split(f"{field}:")[0] + f"{field}: {value}"


def bad_dates(lines: list[str], starts: list[int]) -> None:
    for start in (starts[10], starts[333]):
        set_field(lines, start, "date", "1985-13-40")


def duplicate_far_apart(lines: list[str], starts: list[int]) -> None:
    lines[starts[333]] = lines[starts[10]]


def unknown_entity(lines: list[str], starts: list[int]) -> None:
    set_field(lines, starts[120], "entities", "[person-1, nobody-at-all]")


def bad_indentation(lines: list[str], starts: list[int]) -> None:
    lines[starts[120] + 1] = "   " + lines[starts[120] + 1]


def unclosed_quote(lines: list[str], starts: list[int]) -> None:
    set_field(lines, starts[120], "title", '"never closed')


def unknown_field(lines: list[str], starts: list[int]) -> None:
    lines.insert(starts[333] + 1, "    colour: red")


def tab_indent(lines: list[str], starts: list[int]) -> None:
    lines[starts[10] + 1] = "\t" + lines[starts[10] + 1].lstrip()


def no_space_after_dash(lines: list[str], starts: list[int]) -> None:
    lines[starts[120]] = lines[starts[120]].replace("- id:", "-id:")


def many_bad(lines: list[str], starts: list[int]) -> None:
    for start in starts[::37]:
        set_field(lines, start, "date", "someday")


def end_before_start(lines: list[str], starts: list[int]) -> None:
    lines.insert(starts[399] + 1, "    end: 1900")


# Each change, and how many events it breaks.
CHANGES = [
    (bad_dates, 2),
    (duplicate_far_apart, 2),
    (unknown_entity, 1),
    (bad_indentation, 1),
    (unclosed_quote, 1),
    (unknown_field, 1),
    (tab_indent, 1),
    (no_space_after_dash, 1),
    (many_bad, 11),
    (end_before_start, 1),
]


@pytest.mark.parametrize("size", [50, 7])
@pytest.mark.parametrize(
    ("change", "broken"), CHANGES, ids=[change.__name__ for change, _ in CHANGES]
)
def test_only_the_broken_pieces_are_read_carefully_with_the_same_verdict(
    change: Callable[[list[str], list[int]], None],
    broken: int,
    size: int,
    monkeypatch: pytest.MonkeyPatch,
    careful_reads: list[str],
) -> None:
    text = with_lines(change)
    whole = problems(parse_careful, text)
    assert whole, "the change must break the file"
    pieces_of(monkeypatch, size)
    assert problems(parse_timeline, text) == whole
    # Read carefully once (then, for the problems of the rest, the events
    # before the one a YAML error is in, and those after it, each on its
    # own), and not all of it; every line where it was.
    if whole[0].message.startswith("YAML syntax"):
        assert 2 <= len(careful_reads) <= 4
    else:
        assert len(careful_reads) == 1
    read = careful_reads[0]
    assert read.count("\n") == text.count("\n")
    # At most the pieces with a broken event (every piece, when each of 50 holds one).
    assert read.count("\n  - id: event-") <= min(EVENTS, broken * size)


def test_events_keep_their_numbers_and_lines(
    monkeypatch: pytest.MonkeyPatch, careful_reads: list[str]
) -> None:
    text = with_lines(bad_dates)
    pieces_of(monkeypatch, 50)
    found = problems(parse_timeline, text)
    assert found is not None and len(careful_reads) == 1  # read in pieces, not whole
    # The 11th and the 334th event, as numbered in the file, at their date lines.
    assert [p.path.split(".")[0] for p in found] == ["events[10]", "events[333]"]
    assert all(p.line and text.split("\n")[p.line - 1].lstrip().startswith("date:") for p in found)


@pytest.mark.parametrize("size", [1, 2])
@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.name)
def test_the_broken_corpus_gets_the_careful_verdict(
    path: Path, size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return  # refused before any parser sees it
    whole = problems(parse_careful, text)
    assert whole
    pieces_of(monkeypatch, size)
    assert problems(parse_timeline, text) == whole


def test_a_valid_file_read_in_pieces_never_goes_the_careful_way(
    monkeypatch: pytest.MonkeyPatch, careful_reads: list[str]
) -> None:
    pieces_of(monkeypatch, 7)
    assert parse_timeline(BASE, "t.yaml") == parse_careful(BASE, "t.yaml")
    assert careful_reads == []


def test_problems_only_outside_the_events_list_are_found_with_no_event_read(
    monkeypatch: pytest.MonkeyPatch, careful_reads: list[str]
) -> None:
    # An entity refers to one that does not exist: the events list is all fine.
    text = BASE.replace(
        "entities:\n  - id: ",
        "entities:\n  - related: [{entity: nobody, relation: x}]\n    id: ",
        1,
    )
    whole = problems(parse_careful, text)
    assert whole
    pieces_of(monkeypatch, 50)
    assert problems(parse_timeline, text) == whole
    assert len(careful_reads) == 1 and "  - id: event-" not in careful_reads[0]


# -- pieces only the careful parser reads ----------------------------------------


def escapes(lines: list[str], starts: list[int]) -> None:
    """Escapes in three events: only their pieces need the careful parser."""
    set_field(lines, starts[15], "title", r'"The \"Narco\" case"')
    set_field(lines, starts[250], "summary", r'"Tab\there, \u00e9 there"')
    set_field(lines, starts[251], "title", r'"A line\nbreak"')


def shared_tags(lines: list[str], starts: list[int]) -> None:
    """An anchor in one piece, its alias in a piece far after it."""
    set_field(lines, starts[3], "tags", "&common [border, transfer]")
    set_field(lines, starts[300], "tags", "*common")


@pytest.mark.parametrize("size", [50, 7])
@pytest.mark.parametrize("change", [escapes, shared_tags], ids=lambda change: change.__name__)
def test_a_valid_file_with_pieces_for_the_careful_parser_reads_the_same(
    change: Callable[[list[str], list[int]], None],
    size: int,
    monkeypatch: pytest.MonkeyPatch,
    careful_reads: list[str],
) -> None:
    text = with_lines(change)
    expected = parse_careful(text, "t.yaml")
    pieces_of(monkeypatch, size)
    assert parse_timeline(text, "t.yaml") == expected
    if change is escapes:
        # Never the whole file: only the pieces with escapes went the careful way.
        assert careful_reads == []
        assert parse_fast(text) == expected


def escapes_and_breaks(lines: list[str], starts: list[int]) -> None:
    escapes(lines, starts)
    set_field(lines, starts[250], "date", "1985-13")  # in a piece with escapes
    set_field(lines, starts[120], "date", "someday")  # in one without


def raw_control_character(lines: list[str], starts: list[int]) -> None:
    set_field(lines, starts[200], "title", "Bell \x07 rings")


def alias_and_break(lines: list[str], starts: list[int]) -> None:
    shared_tags(lines, starts)
    set_field(lines, starts[301], "date", "1985-02-30")


@pytest.mark.parametrize("size", [50, 7])
@pytest.mark.parametrize(
    "change",
    [escapes_and_breaks, raw_control_character, alias_and_break],
    ids=lambda change: change.__name__,
)
def test_a_broken_file_with_pieces_for_the_careful_parser_gets_the_careful_verdict(
    change: Callable[[list[str], list[int]], None], size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = with_lines(change)
    whole = problems(parse_careful, text)
    assert whole
    pieces_of(monkeypatch, size)
    assert problems(parse_timeline, text) == whole


def escape_in_head(text: str) -> str:
    """An escape in an entity's name: outside the events list."""
    return text.replace('name: "Zoë Treviño Müller"', r'name: "Zoë \"La Jefa\" Treviño"', 1)


def test_an_escape_outside_the_events_list_leaves_the_events_to_the_fast_way(
    monkeypatch: pytest.MonkeyPatch, careful_reads: list[str]
) -> None:
    text = escape_in_head(with_lines(escapes))
    expected = parse_careful(text, "t.yaml")
    assert expected.entities[1].name == 'Zoë "La Jefa" Treviño'
    pieces_of(monkeypatch, 50)
    assert parse_timeline(text, "t.yaml") == expected
    assert careful_reads == []


@pytest.mark.parametrize(
    "change", [bad_dates, duplicate_far_apart, unknown_entity], ids=lambda c: c.__name__
)
def test_with_an_escape_outside_the_events_list_broken_events_get_the_careful_verdict(
    change: Callable[[list[str], list[int]], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = escape_in_head(with_lines(change))
    whole = problems(parse_careful, text)
    assert whole
    pieces_of(monkeypatch, 50)
    assert problems(parse_timeline, text) == whole


def test_a_broken_head_with_an_escape_gets_the_careful_verdict(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = escape_in_head(BASE).replace("kind: organization", "kind: company", 1)
    whole = problems(parse_careful, text)
    assert whole and "company" in whole[0].message
    pieces_of(monkeypatch, 50)
    assert problems(parse_timeline, text) == whole


# -- problems outside the events list --------------------------------------------


def bad_kind(text: str) -> str:
    return text.replace("kind: organization", "kind: company", 1)


def unknown_relation(text: str) -> str:
    return text.replace(
        "    kind: person\n", "    kind: person\n    related: [{entity: nobody, relation: x}]\n", 1
    )


@pytest.mark.parametrize(
    ("head", "events"),
    [
        (bad_kind, None),
        (bad_kind, bad_dates),
        (unknown_relation, unknown_entity),
        (lambda text: escape_in_head(bad_kind(text)), duplicate_far_apart),
    ],
    ids=["bad-kind", "bad-kind-and-dates", "relation-and-entity", "escape-kind-duplicate"],
)
def test_a_problem_outside_the_events_list_is_read_with_the_broken_pieces_only(
    head: Callable[[str], str],
    events: Callable[[list[str], list[int]], None] | None,
    monkeypatch: pytest.MonkeyPatch,
    careful_reads: list[str],
) -> None:
    text = head(BASE if events is None else with_lines(events))
    whole = problems(parse_careful, text)
    assert whole
    pieces_of(monkeypatch, 50)
    assert problems(parse_timeline, text) == whole
    assert len(careful_reads) == 1
    assert careful_reads[0].count("\n  - id: event-") <= 2 * 50


@pytest.mark.parametrize("change", [None, bad_dates, duplicate_far_apart], ids=str)
def test_windows_line_ends_are_cut_into_pieces_too(
    change: Callable[[list[str], list[int]], None] | None,
    monkeypatch: pytest.MonkeyPatch,
    careful_reads: list[str],
) -> None:
    text = (BASE if change is None else with_lines(change)).replace("\n", "\r\n")
    whole = problems(parse_careful, text)
    careful_reads.clear()
    pieces_of(monkeypatch, 50)
    assert event_pieces.EventPieces.of(text) is not None
    assert problems(parse_timeline, text) == whole
    if whole is None:
        assert careful_reads == []
        assert parse_timeline(text, "t.yaml") == parse_careful(text, "t.yaml")
    else:
        assert careful_reads[0].count("\n  - id: event-") <= 2 * 50

"""A curator's broken save of a big file is reported whole, every problem at its line.

A YAML error in one piece of the events list does not hide the problems of
the others, nor those of its own events before the error; and a long
sources list read clean the fast way is not read again the careful way.
(Speed and memory are measured by `benchmarks/run.py`, not here.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from load_helpers import generated

from timeline_viewer.cli.main import main
from timeline_viewer.load import event_pieces
from timeline_viewer.load.careful_parser import parse_careful
from timeline_viewer.load.loader import LoadError, Problem, load_timeline, parse_timeline

EVENTS = 2000


# Many sources, events citing several: the mix that made a broken save slow.
BASE = generated(EVENTS, entities=100, sources=2800, cited=(2, 6))
LINES = BASE.split("\n")
STARTS = [i for i, line in enumerate(LINES) if line.startswith("  - id: event-")]
MONTH_13 = "    date: 1990-13-01"


@pytest.fixture(autouse=True)
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pieces of 100 events, and lists cut whatever their size, as in a 100,000-event file."""
    monkeypatch.setattr(event_pieces, "CUT_ABOVE", 0)
    monkeypatch.setattr(event_pieces, "SIZE", 100)


def date_line(event: int) -> int:
    """The index in LINES of an event's date line."""
    return STARTS[event] + 1


def broken(dates: list[int], quote: int | None = None, *quotes: int) -> str:
    """BASE with month 13 in the dates of `dates`, and the titles of `quote`, `quotes` never closed."""
    lines = list(LINES)
    for event in dates:
        assert lines[date_line(event)].startswith("    date: ")
        lines[date_line(event)] = MONTH_13
    for event in () if quote is None else (quote, *quotes):
        at = next(i for i in range(STARTS[event], STARTS[event + 1]) if "title:" in lines[i])
        lines[at] = lines[at].rstrip('"')
    return "\n".join(lines)


def problems(text: str) -> list[Problem]:
    with pytest.raises(LoadError) as error:
        parse_timeline(text, "t.yaml")
    return error.value.problems


def careful(text: str) -> list[Problem]:
    with pytest.raises(LoadError) as error:
        parse_careful(text, "t.yaml")
    return error.value.problems


DATES = [250, 750, 1250, 1750]  # spread through the file, each in a piece of its own


def test_four_bad_dates_get_the_careful_verdict_without_reading_the_sources(
    careful_reads: list[str],
) -> None:
    text = broken(DATES)
    found = problems(text)
    assert found == careful(text)
    assert [p.line for p in found] == [date_line(event) + 1 for event in DATES]
    assert [p.path for p in found] == [f"events[{event}].date" for event in DATES]
    # One careful read, of the four pieces only: no source, every line where it was.
    assert len(careful_reads) == 1
    assert "  - id: source-" not in careful_reads[0]
    assert careful_reads[0].count("\n") == text.count("\n")
    assert careful_reads[0].count("\n  - id: event-") == 4 * 100


def test_an_unclosed_quote_near_the_end_does_not_hide_the_bad_dates_before_it() -> None:
    text = broken(DATES, quote=EVENTS - 20)
    found = problems(text)
    # The YAML error, as the careful parser says it of the whole file...
    syntax = careful(text)
    assert len(syntax) == 1 and syntax[0].message.startswith("YAML syntax")
    # ...and the four dates, as it says them of the file without the quote.
    dates = careful(broken(DATES))
    assert found == sorted([*dates, *syntax], key=lambda p: (p.line, p.column))
    assert [p.line for p in found[:4]] == [date_line(event) + 1 for event in DATES]


def test_the_events_before_the_error_in_its_own_piece_are_checked_too() -> None:
    # A bad date and, ten events on in the same piece, an unclosed quote.
    text = broken([1705], quote=1715)
    found = problems(text)
    assert found[0] == careful(broken([1705]))[0]
    assert found[1:] == careful(text)


def test_the_events_after_the_error_in_its_own_piece_are_checked_too() -> None:
    # An unclosed quote between two bad dates, all three in one piece.
    text = broken([1705, 1720], quote=1715)
    found = problems(text)
    assert found == [careful(broken([1705]))[0], *careful(text), careful(broken([1720]))[0]]
    assert [p.path for p in found] == ["events[1705].date", "", "events[1720].date"]


def test_a_second_yaml_error_in_the_same_piece_is_reported_too() -> None:
    text = broken([1790], 1715, 1760)
    found = problems(text)
    second = careful(broken([], quote=1760))
    assert found == [*careful(text), *second, careful(broken([1790]))[0]]
    assert second[0].line is not None and second[0].line > STARTS[1760]


@pytest.mark.parametrize("in_head", [False, True])
def test_an_escape_by_a_yaml_error_does_not_make_every_event_read_twice(
    in_head: bool, careful_reads: list[str]
) -> None:
    # An escape in the piece of the unclosed quote (and one before the events).
    text = broken([250, 1790], quote=1715).replace("- id: event-1716", '- id: "event-1716\\u0020"')
    if in_head:
        head = f"title: Synthetic timeline of {EVENTS} events"
        text = text.replace(head, head.replace("Syn", '"Syn\\u0074') + '"')
    found = problems(text)
    assert [p.path for p in found] == ["events[250].date", "", "events[1790].date"]
    assert found[1] == careful(text)[0]
    # Never the whole events list at once, and each event at most twice.
    assert all(read.count("\n  - id: event-") < EVENTS for read in careful_reads)
    assert sum(read.count("\n  - id: event-") for read in careful_reads) < 2 * EVENTS


def test_a_cited_source_left_out_of_the_careful_read_is_known_and_a_typo_is_not() -> None:
    lines = list(LINES)
    at = next(i for i in range(STARTS[900], STARTS[901]) if "sources:" in lines[i])
    lines[at] = "    sources: [source-12, sorce-2799]"
    lines[date_line(300)] = MONTH_13
    text = "\n".join(lines)
    found = problems(text)
    assert found == careful(text)
    assert [p.path for p in found] == ["events[300].date", "events[900].sources[1]"]
    assert 'did you mean "source-2799"?' in found[1].message


def test_validate_prints_every_problem_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(broken(DATES, quote=EVENTS - 20), encoding="utf-8")
    with pytest.raises(LoadError) as error:
        load_timeline(path)
    assert main(["validate", str(path)]) == 1
    printed = capsys.readouterr().err.splitlines()
    assert printed == [str(problem) for problem in error.value.problems]
    assert len(printed) == 5
    assert all(line.startswith(f"{path}:") for line in printed)
    assert sum("there is no month 13" in line for line in printed) == 4
    assert "YAML syntax" in printed[-1]


def test_a_small_file_not_yaml_has_its_other_problems_reported_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(event_pieces, "CUT_ABOVE", 10**9)  # read whole, never in pieces
    text = broken([40, 1300], quote=1900)
    found = problems(text)
    assert found == sorted([*careful(broken([40, 1300])), *careful(text)], key=lambda p: p.line)
    assert [p.path for p in found] == ["events[40].date", "events[1300].date", ""]


def test_a_yaml_error_outside_the_events_list_is_said_alone() -> None:
    text = broken(DATES).replace("title: Report number 7 on", 'title: "Report number 7 on', 1)
    assert problems(text) == careful(text)
    assert len(careful(text)) == 1

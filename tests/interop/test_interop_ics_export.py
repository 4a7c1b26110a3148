"""export_ics: RFC 5545 text that a real iCalendar parser reads back as written."""

from __future__ import annotations

import datetime

import icalendar
import pytest

from timeline_viewer.domain.dates import PartialDate
from timeline_viewer.domain.model import Entity, Event, Source, Timeline
from timeline_viewer.interop.ics_export import (
    LINE_OCTETS,
    UID_DOMAIN,
    IcsExport,
    export_ics,
    fold,
)
from timeline_viewer.query.index import TimelineIndex

STAMP = datetime.datetime(2025, 3, 1, 12, 30, tzinfo=datetime.UTC)


def _events(text: str) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    return {str(e["UID"]).removesuffix(f"@{UID_DOMAIN}"): e for e in calendar.walk("VEVENT")}


def _span(event: icalendar.Event) -> tuple[datetime.date, datetime.date]:
    return event["DTSTART"].dt, event["DTEND"].dt


def _physical_lines(text: str) -> list[bytes]:
    raw = text.encode("utf-8")
    assert raw.endswith(b"\r\n")
    lines = raw[:-2].split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in lines)  # CRLF only
    return lines


def test_one_all_day_event_per_event(sample_timeline: Timeline) -> None:
    result = export_ics(TimelineIndex(sample_timeline), stamp=STAMP)
    assert (result.written, result.left_out) == (7, ())
    calendar = icalendar.Calendar.from_ical(result.text)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Sample cartel timeline"
    events = _events(result.text)
    assert list(events) == [e.id for e in sample_timeline.events]
    kidnapped = events["camarena-kidnapped"]
    assert str(kidnapped["SUMMARY"]) == "Agent Enrique Camarena kidnapped"
    assert _span(kidnapped) == (datetime.date(1985, 2, 7), datetime.date(1985, 2, 8))
    assert kidnapped["DTSTAMP"].dt == STAMP
    assert str(kidnapped["LOCATION"]) == "Guadalajara"
    assert [str(c) for c in kidnapped["CATEGORIES"].cats] == ["kidnapping", "dea"]
    assert str(kidnapped["URL"]) == "https://news.example/article?id=1&lang=en"
    description = str(kidnapped["DESCRIPTION"])
    assert description.startswith("Taken outside the US consulate in\nGuadalajara by armed men.")
    # The place has LOCATION; the others are named.
    assert "Involved: Enrique Camarena; Rafael Caro Quintero; Drug Enforcement Administration" in (
        description
    )
    assert "The article <https://news.example/article?id=1&lang=en>" in description
    assert "known only" not in description  # a day is a day


def test_month_and_year_dates_span_the_month_or_year_and_say_so(
    sample_timeline: Timeline,
) -> None:
    events = _events(export_ics(TimelineIndex(sample_timeline), stamp=STAMP).text)
    arrested = events["caro-arrested"]  # 1985-04
    assert _span(arrested) == (datetime.date(1985, 4, 1), datetime.date(1985, 5, 1))
    assert "The date is known only to the month: the event spans all of April 1985." in str(
        arrested["DESCRIPTION"]
    )
    era = events["cartel-era"]  # 1978~ to 1989: an exclusive end after the whole of 1989
    assert _span(era) == (datetime.date(1978, 1, 1), datetime.date(1990, 1, 1))
    description = str(era["DESCRIPTION"])
    assert "When: c. 1978 \u2013 1989\n" in description
    assert "The start is known only to the year: the event is shown from 1 January 1978." in (
        description
    )
    assert "The start is approximate." in description
    assert "The end is known only to the year: the event is shown up to 31 December 1989." in (
        description
    )


def test_uncertain_marks_are_said() -> None:
    event = Event(id="e", date=PartialDate(1990, 5, 2, uncertain=True), title="t")
    described = str(_events(_export_one(event).text)["e"]["DESCRIPTION"])
    assert "When: 2 May 1990?\nThe date is uncertain." in described


def _export_one(
    event: Event, entities: tuple[Entity, ...] = (), sources: tuple[Source, ...] = ()
) -> IcsExport:
    timeline = Timeline(title="T", events=(event,), entities=entities, sources=sources)
    return export_ics(TimelineIndex(timeline), stamp=STAMP)


def test_years_a_calendar_cannot_hold_are_left_out_with_the_reason() -> None:
    events = (
        Event(id="caesar", date=PartialDate(-43, 3, 15), title="Caesar killed"),
        Event(id="year-zero", date=PartialDate(0), title="1 BCE"),
        Event(id="early", date=PartialDate(985, 6), title="An early year"),
        Event(id="last-day", date=PartialDate(9999, 12, 30), title="Near the end"),
        Event(id="past-9999", date=PartialDate(9999, 12, 31), title="Ends in 10000"),
        Event(id="far", date=PartialDate(12000), title="Y12000"),
    )
    result = export_ics(TimelineIndex(Timeline(title="T", events=events)), stamp=STAMP)
    assert result.written == 2
    assert [item.event_id for item in result.left_out] == [
        "caesar",
        "year-zero",
        "past-9999",
        "far",
    ]
    assert "44 BCE" in result.left_out[0].reason
    assert "1 to 9999" in result.left_out[0].reason
    parsed = _events(result.text)
    assert list(parsed) == ["early", "last-day"]
    # Four digits, as the standard wants, not the "985" strftime gives for early years.
    assert "DTSTART;VALUE=DATE:09850601\r\n" in result.text
    assert _span(parsed["early"]) == (datetime.date(985, 6, 1), datetime.date(985, 7, 1))
    assert _span(parsed["last-day"]) == (datetime.date(9999, 12, 30), datetime.date(9999, 12, 31))


def test_selection_and_no_events(sample_timeline: Timeline) -> None:
    index = TimelineIndex(sample_timeline)
    assert list(_events(export_ics(index, [6, 0], stamp=STAMP).text)) == ["transfer", "cartel-era"]
    empty = export_ics(index, [], stamp=STAMP)
    assert empty.written == 0
    assert icalendar.Calendar.from_ical(empty.text).walk("VEVENT") == []


def test_the_same_input_gives_the_same_bytes(sample_timeline: Timeline) -> None:
    first = export_ics(TimelineIndex(sample_timeline), stamp=STAMP).text
    assert export_ics(TimelineIndex(sample_timeline), stamp=STAMP).text == first
    # The stamp is given in any zone and written in UTC.
    eastern = STAMP.astimezone(datetime.timezone(datetime.timedelta(hours=-5)))
    assert export_ics(TimelineIndex(sample_timeline), stamp=eastern).text == first
    assert "DTSTAMP:20250301T123000Z\r\n" in first


HOSTILE_TEXTS = (
    "commas, semicolons; and a colon: here",
    "back\\slash \\n and \\, already escaped-looking",
    "new\nline and\r\nCRLF and\rCR",
    "END:VEVENT\nBEGIN:VEVENT\nSUMMARY:injected",
    "ÄÖÜ " * 40,
    "emoji \U0001f600 " * 30,
    "日本語の長いタイトル" * 12,
    "x" * 300,
    "tab\tinside",
)


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_hostile_text_round_trips_and_lines_fold_on_characters(text: str) -> None:
    source = Source(id="s", title=text, url="https://example.org/a,b;c")
    place = Entity(id="p", name=text, kind="place")
    event = Event(
        id="e",
        date=PartialDate(2001, 2, 3),
        title=text,
        summary=text,
        place="p",
        tags=(text, "plain"),
        sources=("s",),
        note=text,
    )
    ics = _export_one(event, entities=(place,), sources=(source,)).text
    for line in _physical_lines(ics):
        assert len(line) <= LINE_OCTETS
        line.decode("utf-8")  # each physical line whole: no UTF-8 sequence cut in two
    parsed = _events(ics)
    assert list(parsed) == ["e"]  # no line of the text made a second event
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    vevent = parsed["e"]
    assert str(vevent["SUMMARY"]) == expected
    assert str(vevent["LOCATION"]) == expected
    assert [str(c) for c in vevent["CATEGORIES"].cats] == [expected, "plain"]
    assert str(vevent["DESCRIPTION"]).startswith(expected.strip())
    assert f"Note: {expected.strip()}" in str(vevent["DESCRIPTION"])
    assert str(vevent["URL"]) == "https://example.org/a,b;c"


def test_the_hostile_timeline_parses_whole(hostile: Timeline) -> None:
    result = export_ics(TimelineIndex(hostile), stamp=STAMP)
    parsed = _events(result.text)
    assert len(parsed) == result.written
    assert result.written + len(result.left_out) == len(hostile.events)
    for event in hostile.events:
        if event.id in parsed:
            assert str(parsed[event.id]["SUMMARY"]) == event.title


def test_a_url_that_is_not_a_web_address_is_not_written() -> None:
    source = Source(id="s", title="t", url="javascript:alert(1)")
    event = Event(id="e", date=PartialDate(2001), title="t", sources=("s",))
    ics = _export_one(event, sources=(source,)).text
    assert "URL" not in _events(ics)["e"]


@pytest.mark.parametrize(
    ("line", "pieces"),
    [
        ("a" * 75, ["a" * 75]),
        ("a" * 76, ["a" * 75, " a"]),
        ("a" * 74 + "é", ["a" * 74, " é"]),  # é is two octets: it moves whole
        ("a" * 73 + "é", ["a" * 73 + "é"]),
        ("a" * 75 + "b" * 74 + "c", ["a" * 75, " " + "b" * 74, " c"]),
    ],
)
def test_fold_at_75_octets(line: str, pieces: list[str]) -> None:
    assert fold(line).split("\r\n") == pieces

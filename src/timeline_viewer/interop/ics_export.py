"""The selected events as an iCalendar file (RFC 5545), one all-day VEVENT per event.

A timeline's dates have no time of day, so every event is all-day
(`DTSTART;VALUE=DATE`). A date known only to the month or the year spans
that whole month or year, and its DESCRIPTION says so: a calendar has no
way to say "some day in 1985" otherwise. DTEND is always exclusive (the day
after the last one), as the standard defines it for dates. Approximate and
uncertain dates are spans too, with the mark spelled out in DESCRIPTION.

iCalendar dates have four-digit years: an event outside the years 1 to 9999
(BCE history, deep time, or a period ending on 31 December 9999, whose
exclusive end is in the year 10000) cannot be written, and is left out with
the reason in `IcsExport.left_out`, for the caller to say.

The output is the same for the same input: DTSTAMP is the `stamp` the
caller gives (the CLI uses the source file's modification time), never the
clock. UIDs are the event id at a fixed domain, so that a calendar that
imports a newer export of the same timeline updates its events instead of
doubling them.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

import msgspec

from timeline_viewer import __version__
from timeline_viewer.domain.dates import PartialDate, Precision
from timeline_viewer.domain.model import Event
from timeline_viewer.query.index import TimelineIndex

# `.invalid` is reserved (RFC 2606): it can never be someone else's domain.
UID_DOMAIN = "timeline-viewer.invalid"
PRODUCT_ID = f"-//timeline-viewer//timeline-viewer {__version__}//EN"
# RFC 5545 3.1: lines longer than 75 octets (CRLF excluded) are folded.
LINE_OCTETS = 75
CRLF = "\r\n"
# Control characters are not allowed in TEXT values (3.3.11), tab excepted. The
# loader removes them already; an API caller's text is cleaned here all the same.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f\"<>\\^`{|}]+", re.IGNORECASE)
_TEXT_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})


class LeftOut(msgspec.Struct, frozen=True):
    """An event that could not be written, and why."""

    event_id: str
    reason: str


class IcsExport(msgspec.Struct, frozen=True):
    text: str
    written: int
    left_out: tuple[LeftOut, ...] = ()


def export_ics(
    index: TimelineIndex,
    positions: Sequence[int] | None = None,
    *,
    stamp: datetime.datetime,
) -> IcsExport:
    """An iCalendar file of the events at `positions` (all if None); `stamp` is DTSTAMP."""
    utc = stamp.astimezone(datetime.UTC)
    stamp_text = f"{_date_value(utc.date())}T{utc.hour:02d}{utc.minute:02d}{utc.second:02d}Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        # NAME is RFC 7986's; X-WR-CALNAME is what most calendar apps read.
        _property("NAME", escape_text(index.timeline.title)),
        _property("X-WR-CALNAME", escape_text(index.timeline.title)),
    ]
    if index.timeline.description:
        lines.append(_property("X-WR-CALDESC", escape_text(index.timeline.description)))
    written = 0
    left_out: list[LeftOut] = []
    for position in range(len(index)) if positions is None else positions:
        event = index.events[position]
        span = _span(event)
        if isinstance(span, str):
            left_out.append(LeftOut(event.id, span))
            continue
        lines += _vevent(index, event, span, stamp_text)
        written += 1
    lines.append("END:VCALENDAR")
    text = "".join(fold(line) + CRLF for line in lines)
    return IcsExport(text, written, tuple(left_out))


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", value).translate(_TEXT_ESCAPES)


def fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 sequence (RFC 5545 3.1)."""
    if len(line.encode("utf-8")) <= LINE_OCTETS:
        return line
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    limit = LINE_OCTETS
    for character in line:
        octets = len(character.encode("utf-8"))
        if size + octets > limit:
            pieces.append("".join(current))
            current, size = [], 0
            limit = LINE_OCTETS - 1  # a continuation line starts with a space
        current.append(character)
        size += octets
    pieces.append("".join(current))
    return (CRLF + " ").join(pieces)


def _property(name: str, value: str, parameters: str = "") -> str:
    return f"{name}{parameters}:{value}"


def _date_value(day: datetime.date) -> str:
    # Not strftime: its %Y gives "985" rather than "0985" for early years on glibc.
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _span(event: Event) -> tuple[datetime.date, datetime.date] | str:
    """First day and exclusive end of the event, or why iCalendar cannot hold them."""
    last = event.end or event.date
    try:
        start = datetime.date(*event.date.first_day)
        end = datetime.date(*last.last_day) + datetime.timedelta(days=1)
    except (ValueError, OverflowError):
        shown = event.when
        return f"its date, {shown}, is outside the years iCalendar can hold (1 to 9999)"
    return start, end


def _vevent(
    index: TimelineIndex,
    event: Event,
    span: tuple[datetime.date, datetime.date],
    stamp: str,
) -> list[str]:
    start, end = span
    lines = [
        "BEGIN:VEVENT",
        _property("UID", escape_text(f"{event.id}@{UID_DOMAIN}")),
        _property("DTSTAMP", stamp),
        _property("DTSTART", _date_value(start), ";VALUE=DATE"),
        _property("DTEND", _date_value(end), ";VALUE=DATE"),
        _property("SUMMARY", escape_text(event.title)),
        _property("DESCRIPTION", escape_text(_description(index, event))),
        # A day in history is not busy time in the reader's own calendar.
        "TRANSP:TRANSPARENT",
    ]
    place = index.entity(event.place) if event.place else None
    if place is not None:
        lines.append(_property("LOCATION", escape_text(place.name)))
    if event.tags:
        lines.append(_property("CATEGORIES", ",".join(escape_text(tag) for tag in event.tags)))
    url = next((s.url for s in index.sources_of(event) if s.url and _URL.fullmatch(s.url)), None)
    if url is not None:
        lines.append(_property("URL", url, ";VALUE=URI"))
    lines.append("END:VEVENT")
    return lines


def _description(index: TimelineIndex, event: Event) -> str:
    """The summary, then what the calendar cannot show: precision, marks, who, sources."""
    parts: list[str] = []
    if event.summary:
        parts.append(event.summary.strip())
    notes = [_date_note(event.date, "start" if event.end else "date")]
    if event.end is not None and event.end != event.date:
        notes.append(_date_note(event.end, "end"))
    if any(notes):
        parts.append(f"When: {event.when}\n" + " ".join(note for note in notes if note))
    names = [
        index.entity_by_id[i].name
        for i in event.entities
        if i in index.entity_by_id and i != event.place
    ]
    if names:
        parts.append("Involved: " + "; ".join(names))
    sources = [f"{s.title} <{s.url}>" if s.url else s.title for s in index.sources_of(event)]
    if sources:
        parts.append("Sources: " + "; ".join(sources))
    if event.note:
        parts.append("Note: " + event.note.strip())
    return "\n\n".join(parts)


def _date_note(date: PartialDate, which: str) -> str:
    """What a calendar's plain all-day span does not say about one date."""
    said: list[str] = []
    if date.precision is not Precision.DAY:
        unit = date.precision.value
        whole = date.display(long=True).removeprefix("c. ").removesuffix("?")
        first = PartialDate(*date.first_day).display(long=True)
        last = PartialDate(*date.last_day).display(long=True)
        shown = {
            "date": f"the event spans all of {whole}",
            "start": f"the event is shown from {first}",
            "end": f"the event is shown up to {last}",
        }[which]
        said.append(f"The {which} is known only to the {unit}: {shown}.")
    if date.approximate:
        said.append(f"The {which} is approximate.")
    if date.uncertain:
        said.append(f"The {which} is uncertain.")
    return " ".join(said)

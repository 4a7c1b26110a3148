"""Markwhen `.mw` files to our Timeline, read the way Markwhen's parser (1.2) reads them.

    timeline = import_markwhen(text, "history.mw", warnings=collected)
    timeline = load_markwhen(Path("history.mw"))

A Markwhen file is a header (YAML, between `---` lines or up to the first
event) and events: `DATE: title` or `DATE - DATE: title`, then `key: value`
property lines (`id: ...`), then description lines up to the next line that
starts an event or a `# section`. Tags are `#word` anywhere in the text.

Markwhen refuses nothing; this import says what it leaves out, with the
line: a date it reads that ours cannot hold (relative dates such as `after
!launch 3 days`, `now`, recurrences, a month without a year) leaves the event
out; a time of day is dropped. Only a file with no event that can be read
is refused (LoadError), with every problem.

What `interop.markwhen_export` writes comes back exactly: its `date:`,
`end:` and `tags:` properties win over what the text says, its `. ` line
escape and word joiners are taken out, and the date kept in a title
("Title (c. 1985)") is taken off again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import msgspec
import yaml

from timeline_viewer.domain.dates import (
    DateError,
    OpenEnd,
    PartialDate,
    days_in_month,
    display_period,
    parse_open_end,
)
from timeline_viewer.domain.model import Event, Timeline, chronological
from timeline_viewer.domain.problems import LoadError, Problem
from timeline_viewer.domain.text import sanitize, single_line
from timeline_viewer.load.formats.ids import IdAllocator, slugify

_EMPTY = "the file is empty: a Markwhen file has events like 1985-02-07: Title"
_NO_EVENTS = "no events: a Markwhen file has events like 1985-02-07: Title or 44 BC: Title"
WORD_JOINER = "\u2060"
LINE_ESCAPE = ". "
_FENCE = re.compile(r"^---")
_COMMENT = re.compile(r"^\s*//")
_SECTION = re.compile(r"^\s*(#{1,6})\s+(.*)$")
_PROPERTY = re.compile(r"^(?!-)\s*[\w\-.]+:(?:\s|$)")
# Markwhen's TAG_REGEX: `#word` after a space or at the start, not only digits.
_TAG = re.compile(r"(?:^|(?<=[\s\ufeff]))#(?!\d+(?:\s|$))([A-Za-z0-9_]+)")
_TAG_WITH_SPACE = re.compile(r"(?:^|[\s\ufeff])#(?!\d+(?:\s|$))([A-Za-z0-9_]+)")
_EVENT_ID = re.compile(r"(?:(?<=[^A-Za-z0-9_])|^)!([A-Za-z0-9_]+)")
_ESCAPED_SIGN = re.compile("(?<=[#!.(])" + WORD_JOINER)
_HEX_IN_PROPERTY = re.compile(r"(^|\W+)#(\w+)")

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"
_TIME = r"(?:\d{1,2}(?::\d{2})?\s*[ap]m|\d{1,2}:\d{2}(?::\d{2})?)"
_EDTF = rf"(?P<y>\d{{4}})(?:-(?P<m>\d{{2}})(?:-(?P<d>\d{{2}})(?:\s+(?P<t>{_TIME}))?)?)?"
_SLASH = rf"(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<sy>\d{{4}})(?:,?\s+(?P<st>{_TIME}))?"
_CASUAL = (
    rf"(?:(?P<dd>\d{{1,2}})\s+(?P<dm>{_MONTH})|(?P<mm>{_MONTH})\s+(?P<md>\d{{1,2}})(?!\d))"
    rf",?(?:\s+(?P<cy>\d{{4}}))?,?(?:\s+(?P<ct>{_TIME}))?"
    rf"|(?P<om>{_MONTH})(?:\s+(?P<oy>\d{{1,4}}))?"
)
_YEAR = r"(?P<yy>\d{1,5})"
_ONE_DATE = re.compile(rf"(?:{_SLASH}|{_EDTF}|{_CASUAL}|{_YEAR})", re.IGNORECASE)
_ONE = _ONE_DATE.pattern
_RANGE = re.compile(
    rf"^\s*(?P<from>{_ONE.replace('?P<', '?P<f_')})"
    rf"(?:(?:\s*/\s*|\s*[-\u2013]\s*|\s+to\s+)(?P<to>{_ONE.replace('?P<', '?P<t_')}))?\s*:(?P<text>.*)$",
    re.IGNORECASE,
)
_BCE = re.compile(
    r"^\s*(?P<fy>\d{1,5})\s?(?P<fn>BCE|BC|AD|CE)?"
    r"(?:\s?[\u2013-]\s?(?P<ty>\d{1,5})\s?(?P<tn>BCE|BC|AD|CE)?)?\s*:(?P<text>.*)$",
    re.IGNORECASE,
)
# A line Markwhen would start an event with, though this import cannot read
# its date: relative dates (`after !launch 3 days:`), `now`, recurrences, ISO
# weeks, times alone, and an empty date (`: title`, which Markwhen reads as a
# relative date of nothing). It starts like a date; the words after are
# Markwhen's date words. (The export escapes every summary line that starts so.)
_FIRST_WORD = rf"\d|{_MONTH}|by\b|before\b|after\b|plus\b|now\b|!\w|\.(?:start|end)|[-+]"
_DATE_WORD = (
    r"\d[\d/,:.\-\u2013+]*|[ap]m|to|til|until|by|before|after|plus|now|every|other|and|for|x|times"
    r"|!\w+(?:\.(?:start|end))?|\.(?:start|end)|ms|s|secs?|seconds?|mins?|minutes?|h|hours?"
    r"|d|days?|weeks?|w|work|business|months?|y|years?|bce?|ad|ce|\d{4}-?W\d{2}(?:-?[1-7])?"
    rf"|{_MONTH}\w*|[-\u2013+/,]"
)
_MARKWHEN_DATE = re.compile(
    rf"^\s*(?:(?={_FIRST_WORD})(?:(?:{_DATE_WORD})\s*)+)?:(?!\d)", re.IGNORECASE
)


def load_markwhen(path: Path | str, *, warnings: list[Problem] | None = None) -> Timeline:
    """Read and import a Markwhen file; LoadError (never OSError) if it cannot be read."""
    from timeline_viewer.load.file_text import decode, read_bytes

    path = Path(path)
    return import_markwhen(decode(read_bytes(path), str(path)), str(path), warnings=warnings)


def import_markwhen(
    text: str, name: str = "<markwhen>", *, warnings: list[Problem] | None = None
) -> Timeline:
    """A Markwhen document as a Timeline; LoadError if not one event can be read."""
    text = sanitize(text.lstrip("\ufeff"))
    if not text.strip():
        raise LoadError([Problem(name, _EMPTY)])
    lines = text.split("\n")
    problems: list[Problem] = []
    header, start = _header(lines, name, problems)
    events = list(_events(lines, start, name, header, problems))
    if warnings is not None:
        warnings.extend(problems)
    if not events:
        raise LoadError([*problems, Problem(name, _NO_EVENTS)])
    title = header.get("title")
    description = header.get("description")
    return Timeline(
        title=single_line(str(title)) if title else Path(name).stem,
        events=chronological(events),
        description=(str(description).strip() or None) if description else None,
    )


def _event_start(line: str) -> bool:
    return bool(_RANGE.match(line) or _BCE.match(line) or _MARKWHEN_DATE.match(line))


def _header(lines: list[str], name: str, problems: list[Problem]) -> tuple[dict[str, Any], int]:
    """The header's YAML as a dict, and the index of the first line after it."""
    kept: list[str] = []
    fenced = False
    at = 0
    while at < len(lines):
        line = lines[at]
        if not fenced and (_event_start(line) or _SECTION.match(line)):
            break
        if _FENCE.match(line):
            if fenced:
                at += 1
                break
            fenced = True
        elif not _COMMENT.match(line):
            kept.append(_HEX_IN_PROPERTY.sub(r"\1)\2", line) if "#" in line else line)
        at += 1
    header = _yaml(kept, name, 1, problems, "header")
    return header, at


def _yaml(
    lines: list[str], name: str, line: int, problems: list[Problem], what: str
) -> dict[str, Any]:
    if not any(part.strip() for part in lines):
        return {}
    try:
        value = yaml.safe_load("\n".join(lines))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = line + (mark.line if mark is not None else 0)
        problems.append(Problem(name, f"{what}: not valid YAML, left out", where, 1))
        return {}
    return value if isinstance(value, dict) else {}


def _events(
    lines: list[str], at: int, name: str, header: dict[str, Any], problems: list[Problem]
) -> Iterator[Event]:
    day_first = "d/M/y" in str(header.get("dateFormat", ""))
    ids = IdAllocator()
    made: list[tuple[Event, str | None]] = []
    groups: list[tuple[int, str]] = []
    while at < len(lines):
        line = lines[at]
        section = _SECTION.match(line)
        if section:
            level = len(section[1])
            groups = [(lv, title) for lv, title in groups if lv < level]
            groups.append((level, single_line(_TAG_WITH_SPACE.sub("", section[2]))))
            at += 1
            continue
        if _COMMENT.match(line) or not _event_start(line):
            at += 1
            continue
        first = at
        at += 1
        properties: list[str] = []
        while at < len(lines) and _PROPERTY.match(lines[at]) and not _event_start(lines[at]):
            properties.append(_HEX_IN_PROPERTY.sub(r"\1)\2", lines[at]))
            at += 1
        description: list[str] = []
        while at < len(lines) and not (_event_start(lines[at]) or _SECTION.match(lines[at])):
            description.append(lines[at])
            at += 1
        props = _yaml(properties, name, first + 2, problems, "properties")
        found = _event(
            lines[first],
            first + 1,
            props,
            description,
            [g for _, g in groups],
            name,
            day_first,
            problems,
        )
        if found is not None:
            made.append(found)
    # The ids the file gives first, so that a made-up id never takes one of them.
    given = {wanted for _, wanted in made if wanted is not None and ids.reserve(wanted)}
    for event, wanted in made:
        if wanted is not None and wanted in given:
            given.discard(wanted)
            yield msgspec.structs.replace(event, id=wanted)
            continue
        base = slugify(wanted or event.title, "event")
        yield msgspec.structs.replace(event, id=ids.allocate(base))


def _event(
    line: str,
    number: int,
    props: dict[str, Any],
    description: list[str],
    groups: list[str],
    name: str,
    day_first: bool,
    problems: list[Problem],
) -> tuple[Event, str | None] | None:
    def warn(message: str) -> None:
        problems.append(Problem(name, message, number, 1))

    read = _dates(line, day_first)
    if isinstance(read, str):
        warn(f"{read}: event {_quoted(line)} not imported")
        return None
    start, end, text, timed = read
    if timed:
        warn("times of day are not kept (dates stop at the day): the time is dropped")
    exact = _exact_dates(props, start, end, warn)
    open_end = None
    if exact is not None:
        start, end, open_end = exact
    if end is not None and end.last_day < start.first_day:
        warn(f"the end {end} is before the start {start}: the end is dropped")
        end = None
    if end == start:
        end = None
    tags: list[str] = []
    title = _taken_out(text.strip().lstrip(":"), tags)
    wanted: str | None = None
    identified = _EVENT_ID.search(title)
    if identified:
        wanted = identified[1]
        title = title[: identified.start()] + title[identified.end() :]
    title = _ESCAPED_SIGN.sub("", title).strip()
    if exact is not None:
        kept = f"({display_period(start, end, open_end)})"
        if title.endswith(kept) and len(title) > len(kept):
            title = title[: -len(kept)].rstrip()
    lines = [_description_line(part, tags) for part in description if not _COMMENT.match(part)]
    while lines and not lines[-1].strip():
        lines.pop()
    summary = "\n".join(lines).strip("\n") or None
    if isinstance(props.get("id"), str) and props["id"].strip():
        wanted = props["id"].strip()
    given_tags = props.get("tags")
    if isinstance(given_tags, list) and all(isinstance(tag, str) for tag in given_tags):
        tags = [str(tag) for tag in given_tags]
    for group in groups:
        if group and group not in tags:
            tags.append(group)
    if not title:
        title = f"Untitled event ({display_period(start, end)})"
        warn(f"the event has no title: named {_quoted(title)}")
    event = Event(
        id="",
        date=start,
        end=end,
        title=title,
        summary=summary,
        tags=tuple(dict.fromkeys(tags)),
        line=number,
        open_end=open_end,
    )
    return event, wanted


def _exact_dates(
    props: dict[str, Any],
    start: PartialDate,
    end: PartialDate | None,
    warn: Callable[[str], None],
) -> tuple[PartialDate, PartialDate | None, OpenEnd | None] | None:
    """The `date:` and `end:` properties our export writes where Markwhen's date says less
    (an end may be `..`, still going, or `unknown`)."""
    from timeline_viewer.domain.dates import parse_partial_date

    given = props.get("date")
    if given is None:
        return None
    given_end = props.get("end")
    open_end = None if given_end is None else parse_open_end(str(given_end))
    try:
        exact_start = parse_partial_date(str(given))
        exact_end = (
            parse_partial_date(str(given_end))
            if given_end is not None and open_end is None
            else None
        )
    except DateError as error:
        warn(f"properties: {error}: the event's own date is kept")
        return None
    return exact_start, exact_end, open_end


def _taken_out(text: str, tags: list[str]) -> str:
    """Text with its `#tags` taken out (into `tags`), as Markwhen does."""

    def take(match: re.Match[str]) -> str:
        tags.append(match[1])
        return ""

    return _TAG_WITH_SPACE.sub(take, text)


def _description_line(line: str, tags: list[str]) -> str:
    line = line.rstrip()
    if line.startswith(LINE_ESCAPE):
        line = line[len(LINE_ESCAPE) :]
    return _ESCAPED_SIGN.sub("", _taken_out(line, tags))


def _quoted(line: str) -> str:
    shown = line.strip()
    return f'"{shown[:60]}…"' if len(shown) > 60 else f'"{shown}"'


def _dates(line: str, day_first: bool) -> tuple[PartialDate, PartialDate | None, str, bool] | str:
    """Start, end, the rest of the line and whether a time was dropped; or why not."""
    match = _RANGE.match(line)
    if match:
        try:
            start, timed = _date(match, "f_", day_first)
            end: PartialDate | None = None
            if match["to"]:
                end, timed_end = _date(match, "t_", day_first)
                timed = timed or timed_end
        except _NotADate as error:
            return str(error)
        return start, end, match["text"], timed
    bce = _BCE.match(line)
    if bce:
        return _bce_dates(bce)
    return "Markwhen reads a date here that a timeline cannot hold (relative, now, a recurrence)"


class _NotADate(ValueError):
    pass


def _date(match: re.Match[str], side: str, day_first: bool) -> tuple[PartialDate, bool]:
    def part(key: str) -> str | None:
        value: str | None = match[side + key]
        return value

    if part("y"):
        month_text, day_text = part("m"), part("d")
        edtf = _checked(
            int(part("y") or 0),
            int(month_text) if month_text else None,
            int(day_text) if day_text else None,
        )
        return edtf, bool(part("t"))
    if part("sy"):
        first, second = int(part("a") or 0), int(part("b") or 0)
        month_number, day_number = (second, first) if day_first else (first, second)
        return _checked(int(part("sy") or 0), month_number, day_number), bool(part("st"))
    casual_month = part("dm") or part("mm")
    if casual_month:
        if not part("cy"):
            raise _NotADate("a day and month without a year (Markwhen takes this year)")
        casual_day = int(part("dd") or part("md") or 0)
        casual = _checked(int(part("cy") or 0), _MONTHS[casual_month.lower()], casual_day)
        return casual, bool(part("ct"))
    if part("om"):
        if not part("oy"):
            raise _NotADate("a month without a year (Markwhen takes this year)")
        return _checked(int(part("oy") or 0), _MONTHS[(part("om") or "").lower()], None), False
    return _checked(int(part("yy") or 0), None, None), False


def _checked(year: int, month: int | None, day: int | None) -> PartialDate:
    if year == 0:
        raise _NotADate("year 0 is not a year in Markwhen's dates (write 1 BC)")
    if month is not None and not 1 <= month <= 12:
        raise _NotADate(f"there is no month {month}")
    if month is not None and day is not None and not 1 <= day <= days_in_month(year, month):
        raise _NotADate(f"there is no day {day} in month {month} of {year}")
    return PartialDate(year, month, day)


def _bce_dates(match: re.Match[str]) -> tuple[PartialDate, PartialDate | None, str, bool] | str:
    """`44 BC`, `300 BC - 200 BC`, `50 BC - 50 AD`: years, as Markwhen reads them.

    Markwhen ends a BC/AD range where its last year begins, so that year is
    not in the period: `300 BC - 200 BC` is 300 BC to 201 BC.
    """
    notation = match["fn"] or match["tn"]
    start = _astronomical(int(match["fy"]), notation)
    if start is None:
        return "year 0 is not a year (Markwhen's years start at 1 BC and 1 AD)"
    end: PartialDate | None = None
    if match["ty"]:
        after = _astronomical(int(match["ty"]), match["tn"])
        if after is None:
            return "year 0 is not a year (Markwhen's years start at 1 BC and 1 AD)"
        end = PartialDate(after.year - 1)
        if end.year < start.year:
            return f"the range ends before it starts ({match.group().split(':')[0].strip()})"
    return start, end, match["text"], False


def _astronomical(year: int, notation: str | None) -> PartialDate | None:
    if notation and notation.upper() in ("BC", "BCE"):
        return PartialDate(1 - year)
    return PartialDate(year) if year else None

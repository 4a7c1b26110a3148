"""Dates between TimelineJS and `PartialDate`.

Two numberings of years meet here. Ours is astronomical, as in ISO 8601 and
EDTF: year 0 is 1 BCE and -43 is 44 BCE. TimelineJS writes the BCE year as a
negative number: -44 is shown as "44 BCE". So a TimelineJS year y <= -1 is our
y + 1, and our year a <= 0 is TimelineJS a - 1. TimelineJS has no year 0 (it
would show a bare "0"); we read one as 1 BCE, with a warning.

TimelineJS keeps a date's precision implicitly: a date with only a year is a
year. Approximate and uncertain dates exist only as display text ("c. 1912",
"1912?"), so that text is parsed back when it agrees with the numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from timeline_viewer.domain.dates import (
    DateError,
    PartialDate,
    Unspecified,
    days_in_month,
    parse_partial_date,
)
from timeline_viewer.domain.text import sanitize, single_line

_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTHS: dict[str, int] = {
    **{name: i + 1 for i, name in enumerate(_MONTH_NAMES)},
    **{name[:3]: i + 1 for i, name in enumerate(_MONTH_NAMES)},
    "sept": 9,
}
_TIME_PARTS = ("hour", "minute", "second", "millisecond", "time")
# TimelineJS's own clean-up of spreadsheet numbers: "1,815" and " 1815 " are 1815.
_NUMBER_NOISE = re.compile(r"[\s,]+")
_WHOLE = re.compile(r"[+-]?\d+")
# What PartialDate.display writes, plus the usual era words.
_DISPLAY = re.compile(
    r"(?P<approx>(?:c\.|ca\.|circa)\s*)?"
    r"(?:(?P<day>\d{1,2})\s+)?"
    r"(?:(?P<month>[A-Za-z]{3,9})\.?\s+)?"
    r"(?P<year>\d{1,3}(?:,\d{3})+|\d+)"
    r"(?:\s*(?P<era>BCE|B\.C\.E\.|BC|B\.C\.|CE|C\.E\.|AD|A\.D\.))?"
    r"\s*(?P<uncertain>\?)?",
    re.IGNORECASE,
)
_PERIOD_SEPARATORS = ("\u2013", "\u2014", " - ", " to ")
_ERA = r"BCE|B\.C\.E\.|BC|B\.C\.|CE|C\.E\.|AD|A\.D\."
_TRAILING_ERA = re.compile(rf"\s*(?:{_ERA})\s*\??$", re.IGNORECASE)
# A range of years written tight, qualifiers shared: "c. 33-34 C.E.", "44-40 BCE", "1939-45".
_COMPACT_YEARS = re.compile(
    rf"(?P<approx>(?:c\.|ca\.|circa)\s*)?(?P<first>\d+)[-\u2013\u2014](?P<last>\d+)"
    rf"(?P<era>\s*(?:{_ERA}))?\s*(?P<uncertain>\?)?",
    re.IGNORECASE,
)


class TimelineJSDateError(ValueError):
    """A TimelineJS date object that is not a date; `field` names the bad part."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class ReadDate:
    """A TimelineJS date object read as ours, with what could not be kept."""

    date: PartialDate
    display: str | None = None
    time_dropped: bool = False
    warnings: tuple[str, ...] = ()


def from_timelinejs_year(year: int) -> int:
    """TimelineJS year (negative = BCE as written) to astronomical year."""
    return year + 1 if year < 0 else year


def to_timelinejs_year(year: int) -> int:
    """Astronomical year to TimelineJS year (-43, i.e. 44 BCE, becomes -44)."""
    return year - 1 if year <= 0 else year


def timelinejs_date(date: PartialDate) -> dict[str, int]:
    """The numeric TimelineJS date object of a partial date, precision kept."""
    result = {"year": to_timelinejs_year(date.year)}
    if date.month is not None:
        result["month"] = date.month
    if date.day is not None:
        result["day"] = date.day
    return result


def read_timelinejs_date(value: object) -> ReadDate | None:
    """A TimelineJS date object ({"year": "1985", "month": "2", ...}) as a PartialDate.

    None when it has no year (TimelineJS needs one). Raises TimelineJSDateError
    for parts that are not whole numbers or name no real month or day.
    """
    if not isinstance(value, dict):
        raise TimelineJSDateError("", f"expected a date object with a year, got {_kind(value)}")
    year = _number(value, "year")
    if year is None:
        return None
    month = _number(value, "month")
    day = _number(value, "day")
    warnings: list[str] = []
    if year == 0:
        warnings.append("TimelineJS year 0 does not exist; read as 1 BCE")
    astronomical = from_timelinejs_year(year)
    if month is not None and not 1 <= month <= 12:
        raise TimelineJSDateError("month", f"there is no month {month}")
    if day is not None and month is None:
        # TimelineJS counts a day without a month from January.
        warnings.append(f"a day ({day}) without a month: read as January, as TimelineJS does")
        month = 1
    if month is not None and day is not None:
        last = days_in_month(astronomical, month)
        if not 1 <= day <= last:
            raise TimelineJSDateError(
                "day", f"there is no day {day} in month {month} of year {year} (it has {last})"
            )
    # Times are dropped whatever they hold, so they are not checked either.
    time_dropped = any(str(value.get(part) or "").strip(" 0:") for part in _TIME_PARTS)
    display = value.get("display_date")
    return ReadDate(
        PartialDate(astronomical, month, day),
        display.strip() or None if isinstance(display, str) else None,
        time_dropped,
        tuple(warnings),
    )


def _number(value: dict[str, object], part: str) -> int | None:
    raw = value.get(part)
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise TimelineJSDateError(part, f"expected a whole number, got {str(raw).lower()}")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        if raw.is_integer():
            return int(raw)
        raise TimelineJSDateError(part, f"expected a whole number, got {raw}")
    if not isinstance(raw, str):
        raise TimelineJSDateError(part, f"expected a whole number, got {_kind(raw)}")
    text = _NUMBER_NOISE.sub("", raw)
    if not text:
        return None
    if _WHOLE.fullmatch(text):
        return int(text)
    if part == "month" and text.lower().rstrip(".") in MONTHS:
        # TimelineJS itself hangs on "March"; the meaning is clear, so take it.
        return MONTHS[text.lower().rstrip(".")]
    return _not_a_number(part, raw)


def _not_a_number(part: str, raw: str) -> int:
    raw = single_line(sanitize(raw))
    shown = raw if len(raw) <= 40 else raw[:39] + "…"
    raise TimelineJSDateError(part, f'expected a whole number, got "{shown}"')


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {value!r}"


def parse_display(text: str) -> PartialDate | None:
    """A date as a person writes it ("c. 1912", "7 Feb 44 BCE", "1912?"), or None."""
    text = " ".join(text.split())
    match = _DISPLAY.fullmatch(text)
    if match:
        return _from_display(match)
    try:
        return parse_partial_date(text)
    except (DateError, OverflowError, ValueError):
        return None


def _from_display(match: re.Match[str]) -> PartialDate | None:
    number = int(match["year"].replace(",", ""))
    era = (match["era"] or "").upper().replace(".", "")
    if era in ("BCE", "BC"):
        if number == 0:
            return None
        year = 1 - number
    else:
        year = number
    month = None
    if match["month"]:
        month = MONTHS.get(match["month"].lower())
        if month is None:
            return None
    day = int(match["day"]) if match["day"] else None
    if day is not None and (month is None or not 1 <= day <= days_in_month(year, month)):
        return None
    return PartialDate(
        year, month, day, approximate=bool(match["approx"]), uncertain=bool(match["uncertain"])
    )


def parse_display_period(text: str) -> tuple[PartialDate, PartialDate | None] | None:
    """A display text of a date ("c. 1912") or a period ("1980 \u2013 1985"), or None.

    An era written once at the end counts for both ends ("44 \u2013 40 BCE");
    a range of years written tight shares its qualifiers too ("c. 33-34 C.E."
    is c. 33 to c. 34, "1939-45" is 1939 to 1945).
    """
    single = parse_display(text)
    if single is not None:
        return single, None
    compact = _COMPACT_YEARS.fullmatch(" ".join(text.split()))
    if compact:
        return _compact_period(compact)
    for separator in _PERIOD_SEPARATORS:
        start, found, end = text.partition(separator)
        if found:
            start, end = start.strip(), end.strip()
            era = _TRAILING_ERA.search(end)
            if era and not _TRAILING_ERA.search(start):
                mark = "?" if start.endswith("?") else ""
                start = f"{start.removesuffix('?')} {era[0].strip().rstrip('?')}{mark}"
            first, last = parse_display(start), parse_display(end)
            if first is not None and last is not None:
                return first, last
    return None


def _compact_period(match: re.Match[str]) -> tuple[PartialDate, PartialDate] | None:
    first, last = match["first"], match["last"]
    if len(last) < len(first) and not match["era"]:
        last = first[: len(first) - len(last)] + last  # "1939-45": the century is shared
    approx, era = match["approx"] or "", match["era"] or ""
    start = parse_display(f"{approx}{first}{era}")
    end = parse_display(f"{approx}{last}{era}{match['uncertain'] or ''}")
    if start is None or end is None or end.sort_key < start.sort_key:
        return None
    return start, end


def combine(shown: PartialDate, numeric: PartialDate) -> PartialDate | None:
    """The numeric date with what its display text adds, or None if they disagree.

    The numbers keep their precision (a coarser display such as "1912" over
    1912-01-01 hides parts, it does not remove them); a finer display fills in
    what the numbers leave out; the qualifiers come from the display.
    """
    if shown.year != numeric.year:
        return None
    if None not in (shown.month, numeric.month) and shown.month != numeric.month:
        return None
    if None not in (shown.day, numeric.day) and shown.day != numeric.day:
        return None
    month = numeric.month if numeric.month is not None else shown.month
    day = numeric.day if numeric.day is not None else shown.day
    # A display of 198X over the year 1980 (what our export writes for it)
    # gives the decade back; over a finer date it would contradict it.
    unspecified = shown.unspecified if (month, day) == (shown.month, shown.day) else None
    return PartialDate(
        numeric.year,
        month,
        day,
        shown.approximate,
        shown.uncertain,
        unspecified=unspecified or Unspecified.NONE,
    )

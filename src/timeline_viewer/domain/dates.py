"""Partial dates: a year, a month or a day, with EDTF-style qualifiers.

A curated timeline knows some dates to the day and others only to the year;
the precision is data and is kept everywhere (sorting, display, filtering).
"""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:
    from dateutil.parser import parserinfo

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

_ISO = re.compile(
    r"Y?(?P<year>[+-]?\d+)(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?(?P<qualifier>[~?%])?"
)
_APPROXIMATE_PREFIX = re.compile(r"^(?:c\.|ca\.|circa|about|around)\s*", re.IGNORECASE)
EXPECTED = "expected a date like 1985, 1985-02 or 1985-02-07"


class DateError(ValueError):
    """A text that is not a date this project understands; `reason` says why, if known."""

    def __init__(self, text: str, reason: str | None = None) -> None:
        shown = f'{EXPECTED}, got "{text}"'
        super().__init__(shown if reason is None else f"{shown} ({reason})")
        self.reason = reason


class Precision(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


def is_leap(year: int) -> bool:
    # Proleptic Gregorian, valid for negative (astronomical) years too.
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


# Ordering key of a day: (year, month, day). Tuples rather than datetime
# because timelines reach far outside datetime's years 1..9999.
DayKey = tuple[int, int, int]


class PartialDate(msgspec.Struct, frozen=True, gc=False):
    """A date known to the year, the month or the day.

    `year` is astronomical (0 is 1 BCE, -43 is 44 BCE), as in ISO 8601/EDTF.
    """

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def sort_key(self) -> DayKey:
        """A coarser date sorts before the finer dates that fall inside it."""
        return (self.year, self.month or 0, self.day or 0)

    @property
    def first_day(self) -> DayKey:
        return (self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> DayKey:
        month = self.month or 12
        return (self.year, month, self.day or days_in_month(self.year, month))

    def edtf(self) -> str:
        """The canonical text form: 1985, 1985-02, 1985-02-07, with ~ ? or %."""
        year = f"-{-self.year:04d}" if self.year < 0 else f"{self.year:04d}"
        text = year
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.approximate and self.uncertain:
            return text + "%"
        if self.approximate:
            return text + "~"
        if self.uncertain:
            return text + "?"
        return text

    def display(self, *, long: bool = False) -> str:
        """Human form keeping the precision: "1985", "Feb 1985", "7 Feb 1985", "c. 1985"."""
        text = _display_year(self.year)
        if self.month is not None:
            name = _MONTHS[self.month - 1]
            text = f"{name if long else name[:3]} {text}"
        if self.day is not None:
            text = f"{self.day} {text}"
        if self.approximate:
            text = f"c. {text}"
        if self.uncertain:
            text += "?"
        return text

    def describe(self) -> str:
        """The date with its precision spelled out, for detail views."""
        notes = [f"known to the {self.precision.value}"]
        if self.approximate:
            notes.append("approximate")
        if self.uncertain:
            notes.append("uncertain")
        return f"{self.display(long=True)} ({', '.join(notes)})"

    def __str__(self) -> str:
        return self.display()


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _display_year(year: int) -> str:
    if year > 0:
        return f"{year:,}" if year >= 100_000 else str(year)
    bce = 1 - year
    return f"{bce:,} BCE" if bce >= 100_000 else f"{bce} BCE"


def display_period(start: PartialDate, end: PartialDate | None) -> str:
    if end is None or end == start:
        return start.display()
    return f"{start.display()} \u2013 {end.display()}"  # en dash, as in print


def parse_partial_date(text: str) -> PartialDate:
    """Parse `1985`, `1985-02`, `1985-02-07` (with `~`, `?` or `%`) or a human spelling.

    Human spellings ("Feb 7, 1985", "July 2022", "c. 1985") go through
    python-dateutil; the precision is what the text gives, never filled in
    from today's date. A time of day ("1985-02-07 14:00", "Feb 7, 1985 2pm")
    is refused, not dropped. Raises DateError with a message naming the
    problem.
    """
    raw = text.strip()
    if not raw:
        raise DateError("")
    approximate = False
    body = raw
    prefix = _APPROXIMATE_PREFIX.match(body)
    if prefix:
        approximate = True
        body = body[prefix.end() :]
    match = _ISO.fullmatch(body)
    if match:
        return _from_iso(raw, match, approximate)
    period = _period_hint(body)
    if period is not None:
        raise period
    uncertain = body.endswith("?")
    body = body.rstrip("?").strip()
    year, month, day, timed = _from_human(raw, body)
    date = PartialDate(year, month, day, approximate, uncertain)
    if timed:
        # Reading the day and dropping the time would change what the text
        # says without a word; the message gives the date that would be kept.
        raise DateError(
            raw, f"times of day are not kept: write the {date.precision.value}, {date.edtf()}"
        )
    return date


def _from_iso(raw: str, match: re.Match[str], approximate: bool) -> PartialDate:
    try:
        year = int(match["year"])
    except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
        raise DateError(_clip(raw), "the year is too long") from None
    if year > 9999 and not match.group().startswith("Y"):
        # One typo (19855) would stretch the timeline by 17,000 years. EDTF
        # writes a year beyond 9999 on purpose with a Y: Y10000. (Deep time,
        # -13800000000, is written on purpose: a minus is no typo.)
        raise DateError(_clip(raw), _long_year_hint(match["year"]))
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    if month is not None and not 1 <= month <= 12:
        raise DateError(raw, f"there is no month {month}")
    if month is not None and day is not None and not 1 <= day <= days_in_month(year, month):
        raise DateError(raw, f"{_MONTHS[month - 1]} {year} has no day {day}")
    qualifier = match["qualifier"]
    return PartialDate(
        year,
        month,
        day,
        approximate=approximate or qualifier in ("~", "%"),
        uncertain=qualifier in ("?", "%"),
    )


def _long_year_hint(digits: str) -> str:
    digits = digits.lstrip("+")
    hint = f"the year {digits} has {len(digits)} digits"
    guesses = sorted(
        {int(digits[:i] + digits[i + 1 :]) for i in range(len(digits))} & set(range(1000, 2101)),
        reverse=True,
    )
    if guesses and len(digits) == 5:
        shown = [str(guess) for guess in guesses[:3]]
        hint += ": did you mean " + (", ".join(shown[:-1]) + " or " if len(shown) > 1 else "")
        hint += shown[-1] + "?"
    return hint + f"; a year after 9999 is written Y{digits}"


_PERIOD_SIDE = re.compile(r"\s*(?:\.\.|Y?[+-]?\d+(?:-\d{1,2}(?:-\d{1,2})?)?[~?%]?)?\s*")


def _period_hint(raw: str) -> DateError | None:
    """EDTF's interval syntax (1985/1990, 1985/, /1985) written where one date goes."""
    if raw.count("/") != 1:
        return None
    start, end = raw.split("/")
    if not (_PERIOD_SIDE.fullmatch(start) and _PERIOD_SIDE.fullmatch(end)):
        return None
    return DateError(
        raw,
        "a period is not written inside one date: give date: for its start and end: for its end",
    )


# Two defaults that differ in every field, the time of day included: a field
# of the result that changes with the default was not in the text. A written
# midnight ("00:00") looks like the first default, so a time counts as written
# when it is the same under both, not when it is non-zero.
_DEFAULT_A = datetime(4, 1, 1)
_DEFAULT_B = datetime(8, 2, 2, 1, 1, 1, 1)
_TIME_FIELDS = ("hour", "minute", "second", "microsecond")


def _from_human(raw: str, body: str) -> tuple[int, int | None, int | None, bool]:
    """Year, month and day as the text gives them, and whether it gives a time of day."""
    from dateutil import parser  # imported lazily: most files use ISO dates only

    try:
        # ignoretz: dateutil reads a zone only after a time of day, which is
        # refused anyway, and an unknown zone would otherwise emit a warning
        # (an error under -W error) before the refusal.
        first = parser.parse(body, default=_DEFAULT_A, ignoretz=True)
        second = parser.parse(body, default=_DEFAULT_B, ignoretz=True)
    except (ValueError, OverflowError) as error:
        reason = str(error).split(":")[0]
        raise DateError(raw, reason) from None
    if first.year != second.year:
        raise DateError(raw, "no year")
    if str(first.year) not in body:
        # dateutil guesses the century of "85" from today's date.
        raise DateError(raw, "write the year in full")
    month = first.month if first.month == second.month else None
    day = first.day if first.day == second.day else None
    if day is not None and month is None:
        raise DateError(raw, "a day without a month")
    timed = any(getattr(first, part) == getattr(second, part) for part in _TIME_FIELDS)
    _check_weekday(raw, body, first if day is not None else None, parser.parserinfo())
    return first.year, month, day, timed


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _check_weekday(raw: str, body: str, day: datetime | None, info: parserinfo) -> None:
    """A weekday must name the day the date falls on. dateutil moves the date to
    the next such weekday instead: "Monday March 2024" would become 4 March."""
    named = {info.weekday(word) for word in re.findall(r"[^\W\d_]+", body)} - {None}
    if not named:
        return
    # With the weekday left out, does the text still give a day?
    bare = re.sub(r"[^\W\d_]+", lambda m: "" if info.weekday(m[0]) is not None else m[0], body)
    try:
        without = _from_human(raw, bare.strip(" ,")) if bare.strip(" ,") else None
    except DateError:
        without = None
    if without is None or without[2] is None or day is None:
        raise DateError(raw, "a weekday without a day of the month")
    actual = _WEEKDAYS[day.weekday()]
    if named != {day.weekday()}:
        raise DateError(raw, f"{day.day} {_MONTHS[day.month - 1]} {day.year} is a {actual}")

"""Partial dates: a year, a month or a day, with EDTF-style qualifiers.

A curated timeline knows some dates to the day and others only to the year;
the precision is data and is kept everywhere (sorting, display, filtering).

EDTF level 1 forms are read too: unspecified digits (`198X`, `19XX`,
`1985-XX`, `1985-04-XX`, `1985-XX-XX`), each a date somewhere in the span
its digits leave open, and the two ends a period may have without a date
(`OpenEnd`: `..` still going, `unknown` ended at a time not known).
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
# Dates with X for digits not given (EDTF level 1): only the last one or two
# digits of a year, or a whole month or day. Anything else with an X is
# matched by _X_ANY and refused with a reason.
_UNSPECIFIED = re.compile(
    r"(?P<year>\d{2}(?:\d\d|\dX|XX))(?:-(?P<month>\d{1,2}|XX)(?:-(?P<day>\d{1,2}|XX))?)?"
    r"(?P<qualifier>[~?%])?"
)
_X_ANY = re.compile(r"[+-]?[\dX]+(?:-[\dX]+){0,2}[~?%]?")
EXPECTED = "expected a date like 1985, 1985-02 or 1985-02-07"
# How a period's end is written when it has no date (see OpenEnd).
ONGOING_TEXT = ".."
UNKNOWN_TEXT = "unknown"


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


class Unspecified(StrEnum):
    """Which digits a date leaves unspecified (EDTF's X), if any.

    The date's fields then hold the first day of the span those digits leave
    open (198X: year 1980, month and day None), so every date still reads as
    its span from `first_day` to `last_day`.
    """

    NONE = ""
    DECADE = "decade"  # 198X: some year from 1980 to 1989
    CENTURY = "century"  # 19XX: some year from 1900 to 1999
    MONTH = "month"  # 1985-XX: some month of 1985
    MONTH_AND_DAY = "month-and-day"  # 1985-XX-XX: some day of 1985
    DAY = "day"  # 1985-04-XX: some day of April 1985


class OpenEnd(StrEnum):
    """A period's end written without a date.

    EDTF writes an interval open at its end as `1985/..` and one whose end
    is not known as `1985/`; a timeline file gives a period as `date` and
    `end`, so these are `end: ..` and `end: unknown`.
    """

    ONGOING = ONGOING_TEXT  # still going, or never ended
    UNKNOWN = UNKNOWN_TEXT  # it ended, when is not known


_OPEN_END_HINT = {
    OpenEnd.ONGOING: "end: .. is how a period still going is written, only as its end",
    OpenEnd.UNKNOWN: "end: unknown is how a period ended at a time not known is written",
}


def parse_open_end(text: str) -> OpenEnd | None:
    """`..` or `unknown` (any case, spaces around) as an OpenEnd; None for anything else."""
    word = text.strip().lower()
    if word == ONGOING_TEXT:
        return OpenEnd.ONGOING
    if word == UNKNOWN_TEXT:
        return OpenEnd.UNKNOWN
    return None


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
    unspecified: Unspecified = Unspecified.NONE

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def sort_key(self) -> DayKey:
        """A coarser date sorts before the finer dates that fall inside it.

        A century (19XX) and a decade (198X) are coarser than their first
        year: their month place holds -2 and -1, before any year's 0.
        """
        if self.unspecified is Unspecified.CENTURY:
            return (self.year, -2, 0)
        if self.unspecified is Unspecified.DECADE:
            return (self.year, -1, 0)
        return (self.year, self.month or 0, self.day or 0)

    @property
    def last_year(self) -> int:
        """The last year the date can fall in (a decade's or century's last)."""
        if self.unspecified is Unspecified.CENTURY:
            return self.year + 99
        if self.unspecified is Unspecified.DECADE:
            return self.year + 9
        return self.year

    @property
    def first_day(self) -> DayKey:
        return (self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> DayKey:
        year = self.last_year
        month = self.month or 12
        return (year, month, self.day or days_in_month(year, month))

    @property
    def loose(self) -> bool:
        """Whether the date is not exactly as written: approximate, uncertain or with X digits."""
        return self.approximate or self.uncertain or self.unspecified is not Unspecified.NONE

    def edtf(self) -> str:
        """The canonical text form: 1985, 1985-02, 1985-02-07, 198X, 1985-XX, with ~ ? or %."""
        year = f"-{-self.year:04d}" if self.year < 0 else f"{self.year:04d}"
        if self.year > 9999:
            # Read back, a bare 10000 is refused as a likely typo; Y says it is meant.
            year = "Y" + year
        unspecified = self.unspecified
        if unspecified is Unspecified.DECADE:
            year = year[:3] + "X"
        elif unspecified is Unspecified.CENTURY:
            year = year[:2] + "XX"
        text = year
        if unspecified in (Unspecified.MONTH, Unspecified.MONTH_AND_DAY):
            text += "-XX"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if unspecified in (Unspecified.DAY, Unspecified.MONTH_AND_DAY):
            text += "-XX"
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
        """Human form keeping the precision: "1985", "Feb 1985", "7 Feb 1985", "c. 1985".

        A decade or century keeps its X as written ("198X", "19XX"): "1900s"
        would say both 19XX and 190X. An unspecified month or day shows what
        is known ("1985", "Apr 1985"); `describe` and `edtf` say the rest.
        """
        if self.unspecified in (Unspecified.DECADE, Unspecified.CENTURY):
            text = self.edtf().rstrip("~?%")
        else:
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
        notes = [_KNOWN_TO.get(self.unspecified, f"known to the {self.precision.value}")]
        if self.unspecified in (Unspecified.DECADE, Unspecified.CENTURY):
            notes.append(f"some year from {self.year} to {self.last_year}")
        if self.approximate:
            notes.append("approximate")
        if self.uncertain:
            notes.append("uncertain")
        return f"{self.display(long=True)} ({', '.join(notes)})"

    def __str__(self) -> str:
        return self.display()


_KNOWN_TO = {
    Unspecified.DECADE: "known to the decade",
    Unspecified.CENTURY: "known to the century",
    Unspecified.MONTH: "some month of the year, not specified",
    Unspecified.MONTH_AND_DAY: "some day of the year, not specified",
    Unspecified.DAY: "some day of the month, not specified",
}


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _display_year(year: int) -> str:
    if year > 0:
        return f"{year:,}" if year >= 100_000 else str(year)
    bce = 1 - year
    return f"{bce:,} BCE" if bce >= 100_000 else f"{bce} BCE"


# How a period's end without a date is shown after the dash. Not "?": that
# marks an uncertain date, and "1985 \u2013 ?" would read as one.
OPEN_END_SHOWN = {OpenEnd.ONGOING: "ongoing", OpenEnd.UNKNOWN: "unknown"}


def display_period(
    start: PartialDate, end: PartialDate | None, open_end: OpenEnd | None = None
) -> str:
    """ "1985", "9 Aug 2013 \u2013 Jul 2022", "1985 \u2013 ongoing", "1985 \u2013 unknown"."""
    if open_end is not None:
        return f"{start.display()} \u2013 {OPEN_END_SHOWN[open_end]}"
    if end is None or end == start:
        return start.display()
    return f"{start.display()} \u2013 {end.display()}"  # en dash, as in print


def describe_period(
    start: PartialDate, end: PartialDate | None, open_end: OpenEnd | None = None
) -> str:
    """The date or period with its precision spelled out, for detail views."""
    if open_end is OpenEnd.ONGOING:
        return f"{start.describe()} to now: still going (end: ..)"
    if open_end is OpenEnd.UNKNOWN:
        return f"{start.describe()} to an end not known (end: unknown)"
    if end is None or end == start:
        return start.describe()
    return f"{start.describe()} to {end.describe()}"


def end_text(end: PartialDate | None, open_end: OpenEnd | None) -> str | None:
    """A period's end as a file writes it: a date, .. or unknown; None without one."""
    if open_end is not None:
        return open_end.value
    return None if end is None else end.edtf()


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
    if "X" in body.upper() and _X_ANY.fullmatch(body.upper()):
        return _from_unspecified(raw, body.upper(), approximate)
    open_end = parse_open_end(body)
    if open_end is not None:
        raise DateError(raw, f"{_OPEN_END_HINT[open_end]}; a date is needed here")
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


def _from_unspecified(raw: str, body: str, approximate: bool) -> PartialDate:
    """198X, 19XX, 1985-XX, 1985-04-XX, 1985-XX-XX (EDTF level 1), or why not."""
    match = _UNSPECIFIED.fullmatch(body)
    if match is None:
        raise DateError(_clip(raw), _unspecified_hint(body))
    digits, month_text, day_text = match["year"], match["month"], match["day"]
    qualifier = match["qualifier"]
    month: int | None = None
    if "X" in digits:
        if month_text is not None:
            raise DateError(
                raw, "a year with X has no month or day: write 198X, or the year in full"
            )
        kind = Unspecified.CENTURY if digits.endswith("XX") else Unspecified.DECADE
    elif month_text == "XX":
        if day_text not in (None, "XX"):
            raise DateError(raw, "with the month XX the day is XX too: 1985-XX-XX")
        kind = Unspecified.MONTH if day_text is None else Unspecified.MONTH_AND_DAY
    else:
        month = int(month_text)  # the pattern leaves the day as XX here
        if not 1 <= month <= 12:
            raise DateError(raw, f"there is no month {month}")
        kind = Unspecified.DAY
    return PartialDate(
        int(digits.replace("X", "0")),
        month,
        approximate=approximate or qualifier in ("~", "%"),
        uncertain=qualifier in ("?", "%"),
        unspecified=kind,
    )


def _unspecified_hint(body: str) -> str:
    """Why a text with X is not one of the X forms this project reads."""
    year = body.lstrip("+-").partition("-")[0]
    if body.startswith(("-", "+")):
        return "X digits are for years 0000 to 9999 written without a sign"
    if len(year) != 4:
        return "X stands for digits of a four-digit year, month or day: 198X, 1985-XX"
    if "X" in year and not re.fullmatch(r"\d{2}(?:\dX|XX)", year):
        if year.count("X") > 2:
            return "at most the last two digits of a year are X: 19XX"
        return "only the last digits of a year may be X: 198X, 19XX"
    return "a month or day is given in full or as XX: 1985-XX, 1985-04-XX"


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


_PERIOD_SIDE = re.compile(
    r"\s*(?:\.\.|Y?[+-]?[\dX]+(?:-(?:\d{1,2}|XX)(?:-(?:\d{1,2}|XX))?)?[~?%]?)?\s*"
)


def _period_hint(raw: str) -> DateError | None:
    """EDTF's interval syntax (1985/1990, 1985/, /1985) written where one date goes."""
    if raw.count("/") != 1:
        return None
    start, end = raw.split("/")
    if not (_PERIOD_SIDE.fullmatch(start) and _PERIOD_SIDE.fullmatch(end)):
        return None
    return DateError(
        raw,
        "a period is not written inside one date: give date: for its start and end: for its end,"
        " which may be .. (still going) or unknown",
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

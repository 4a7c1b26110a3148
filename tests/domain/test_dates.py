"""Partial dates: parsing, validation, ordering and display keep the written precision."""

from __future__ import annotations

import calendar
import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline_viewer.domain.dates import (
    DateError,
    PartialDate,
    Precision,
    display_period,
    parse_partial_date,
)
from timeline_viewer.domain.model import Event, chronological

EXPECTED = "expected a date like 1985, 1985-02 or 1985-02-07"


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("1985", PartialDate(1985), Precision.YEAR),
        ("1985-02", PartialDate(1985, 2), Precision.MONTH),
        ("1985-02-07", PartialDate(1985, 2, 7), Precision.DAY),
        ("  1985-02-07  ", PartialDate(1985, 2, 7), Precision.DAY),
        ("2024-02-29", PartialDate(2024, 2, 29), Precision.DAY),
        ("2000-02-29", PartialDate(2000, 2, 29), Precision.DAY),
        ("1985-12-31", PartialDate(1985, 12, 31), Precision.DAY),
    ],
)
def test_iso_dates_keep_their_precision(
    text: str, expected: PartialDate, precision: Precision
) -> None:
    parsed = parse_partial_date(text)
    assert parsed == expected
    assert parsed.precision is precision


@pytest.mark.parametrize(
    ("text", "approximate", "uncertain"),
    [
        ("1985~", True, False),
        ("1985?", False, True),
        ("1985%", True, True),
        ("1985-02~", True, False),
        ("1985-02-07?", False, True),
        ("c. 1985", True, False),
        ("circa 1985", True, False),
    ],
)
def test_qualifiers(text: str, approximate: bool, uncertain: bool) -> None:
    parsed = parse_partial_date(text)
    assert parsed.year == 1985
    assert (parsed.approximate, parsed.uncertain) == (approximate, uncertain)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1985-13-01", "there is no month 13"),
        ("1985-00", "there is no month 0"),
        ("2025-02-30", "February 2025 has no day 30"),
        ("2023-02-29", "February 2023 has no day 29"),
        ("1900-02-29", "February 1900 has no day 29"),
        ("1985-04-31", "April 1985 has no day 31"),
        ("1985-02-00", "February 1985 has no day 0"),
        # The reason is dateutil's, without the text it repeats after a colon.
        ("32 Feb 2001", "day is out of range for month"),
        ("free text", "Unknown string format"),
        ("Feb 7", "no year"),
        ("29 February", "no year"),
        ("Feb 85", "write the year in full"),
        # Only a trailing "?" is a qualifier: a stray letter before it stays in the date.
        ("1985X?", "X stands for digits of a four-digit year, month or day: 198X, 1985-XX"),
        ("", None),
        ("   ", None),
    ],
)
def test_impossible_dates_are_rejected_with_a_message(text: str, reason: str | None) -> None:
    with pytest.raises(DateError) as caught:
        parse_partial_date(text)
    shown = f'{EXPECTED}, got "{text.strip()}"'
    assert str(caught.value) == (shown if reason is None else f"{shown} ({reason})")
    # The reason alone, for messages that quote the text differently (a query's filter).
    assert caught.value.reason == reason


def test_a_year_too_long_for_int_is_a_date_error_not_a_crash() -> None:
    with pytest.raises(DateError) as caught:
        parse_partial_date("1" * 5000)
    # Quoted clipped to 40 characters, not all 5,000 digits.
    assert (
        str(caught.value)
        == f'{EXPECTED}, got "{"1" * 39}\N{HORIZONTAL ELLIPSIS}" (the year is too long)'
    )
    assert caught.value.reason == "the year is too long"


_LEAP_YEARS = (2024, 2000)  # every fourth year, and every 400th although a century
_COMMON_YEARS = (2023, 1900)  # and a century that is not a 400th year


@pytest.mark.parametrize("year", _LEAP_YEARS + _COMMON_YEARS)
@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_has_its_calendar_length(year: int, month: int) -> None:
    length = calendar.monthrange(year, month)[1]
    name = calendar.month_name[month]
    assert calendar.isleap(year) == (year in _LEAP_YEARS)
    last = f"{year}-{month:02d}-{length:02d}"
    assert parse_partial_date(last) == PartialDate(year, month, length)
    assert parse_partial_date(f"{length} {name} {year}") == PartialDate(year, month, length)
    # A month known only to the month runs to its last day (the end of a filter window).
    assert parse_partial_date(f"{year}-{month:02d}").last_day == (year, month, length)
    past = f"{year}-{month:02d}-{length + 1:02d}"
    with pytest.raises(DateError) as caught:
        parse_partial_date(past)
    assert str(caught.value) == f'{EXPECTED}, got "{past}" ({name} {year} has no day {length + 1})'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Feb 7, 1985", PartialDate(1985, 2, 7)),
        ("7 February 1985", PartialDate(1985, 2, 7)),
        ("July 2022", PartialDate(2022, 7)),
        ("2022 July", PartialDate(2022, 7)),
        ("Feb 1985", PartialDate(1985, 2)),
        ("c. 1985", PartialDate(1985, approximate=True)),
        ("July 2022?", PartialDate(2022, 7, uncertain=True)),
    ],
)
def test_human_spellings_keep_the_precision_the_text_gives(
    text: str, expected: PartialDate
) -> None:
    assert parse_partial_date(text) == expected


def test_human_spellings_are_not_completed_from_today() -> None:
    # dateutil fills missing fields from a default; none may leak in.
    july = parse_partial_date("July 2022")
    assert july.precision is Precision.MONTH
    assert july.day is None
    # Feb 29 exists in every default year a parser might use, so it must
    # still be refused for the lack of a year, not accepted.
    with pytest.raises(DateError, match="no year"):
        parse_partial_date("29 February")


@pytest.mark.parametrize(
    ("text", "instead"),
    [
        ("1985-02-07 14:00", "write the day, 1985-02-07"),
        ("1985-02-07T14:00", "write the day, 1985-02-07"),
        ("1985-02-07T14:00:00Z", "write the day, 1985-02-07"),
        ("1985-02-07T14:00:00+01:00", "write the day, 1985-02-07"),
        ("19850207T1400", "write the day, 1985-02-07"),
        ("Feb 7, 1985 2pm", "write the day, 1985-02-07"),
        ("7 February 1985 14:30:15", "write the day, 1985-02-07"),
        ("Feb 7, 1985, 14h30", "write the day, 1985-02-07"),
        # Midnight spelled out is a time too, though every part of it is zero.
        ("1985-02-07 00:00", "write the day, 1985-02-07"),
        ("1985-02-07 0:00:00.000", "write the day, 1985-02-07"),
        ("July 2022 12:00", "write the month, 2022-07"),
        ("1985 14:00", "write the year, 1985"),
        ("c. Feb 7, 1985 2pm", "write the day, 1985-02-07~"),
        ("Feb 7, 1985 2pm?", "write the day, 1985-02-07?"),
    ],
)
def test_a_time_of_day_is_refused_with_the_date_to_write_instead(text: str, instead: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_partial_date(text)
    assert str(caught.value) == (
        f'expected a date like 1985, 1985-02 or 1985-02-07, got "{text}" '
        f"(times of day are not kept: {instead})"
    )
    # What the message offers to write is itself accepted, as written.
    offered = instead.rsplit(" ", 1)[1]
    assert parse_partial_date(offered).edtf() == offered


@pytest.mark.filterwarnings("error")
def test_a_time_with_a_zone_is_refused_without_warnings() -> None:
    # The outcome must not depend on the warnings filter: dateutil warns about
    # zones it does not know, which -W error would turn into another message.
    for text in ("Feb 7 1985 10:30 EST", "July 2022 12:00 G", "1985-02-07 14:00 XYZ"):
        with pytest.raises(DateError, match="times of day are not kept"):
            parse_partial_date(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7 Feb 1985", PartialDate(1985, 2, 7)),
        ("1985", PartialDate(1985)),
        ("c. 1985", PartialDate(1985, approximate=True)),
        ("Feb 1985?", PartialDate(1985, 2, uncertain=True)),
        ("February 7 1985", PartialDate(1985, 2, 7)),
        ("7th of February 1985", PartialDate(1985, 2, 7)),
        ("1985-2-7", PartialDate(1985, 2, 7)),
        ("2/7/1985", PartialDate(1985, 2, 7)),
        ("1985/02/07", PartialDate(1985, 2, 7)),
        ("circa Feb 7, 1985", PartialDate(1985, 2, 7, approximate=True)),
    ],
)
def test_digits_without_a_time_are_still_a_date(text: str, expected: PartialDate) -> None:
    assert parse_partial_date(text) == expected


_SPELLINGS = [
    "{day} {month} {year}",
    "{month} {day}, {year}",
    "{mon} {day} {year}",
    "{iso}",
]


@st.composite
def times_of_day(draw: st.DrawFn) -> str:
    hour = draw(st.integers(min_value=0, max_value=23))
    minute = draw(st.integers(min_value=0, max_value=59))
    second = draw(st.integers(min_value=0, max_value=59))
    twelve = hour % 12 or 12
    meridiem = "am" if hour < 12 else "pm"
    return draw(
        st.sampled_from(
            [
                f" {hour:02d}:{minute:02d}",
                f" {hour}:{minute:02d}:{second:02d}",
                f" {twelve}{meridiem}",
                f" {twelve}:{minute:02d} {meridiem.upper()}",
                f" {hour:02d}:{minute:02d} UTC",
                f"T{hour:02d}:{minute:02d}:{second:02d}Z",
                f"T{hour:02d}:{minute:02d}+05:30",
            ]
        )
    )


@pytest.mark.filterwarnings("error")
@given(
    st.dates(min_value=datetime.date(1000, 1, 1)),
    st.sampled_from(_SPELLINGS),
    times_of_day(),
)
def test_any_spelling_of_a_day_is_read_alone_and_refused_with_a_time(
    day: datetime.date, spelling: str, time: str
) -> None:
    text = spelling.format(
        day=day.day,
        month=calendar.month_name[day.month],
        mon=calendar.month_abbr[day.month],
        year=day.year,
        iso=day.isoformat(),
    )
    expected = PartialDate(day.year, day.month, day.day)
    assert parse_partial_date(text) == expected
    if spelling != "{iso}" and time.startswith("T"):
        time = " " + time[1:]  # the ISO separator, only after an ISO date
    timed = text + time
    with pytest.raises(DateError) as caught:
        parse_partial_date(timed)
    assert str(caught.value).endswith(
        f"(times of day are not kept: write the day, {expected.edtf()})"
    )


def test_deep_time_and_bce_years() -> None:
    big_bang = parse_partial_date("-13800000000")
    assert big_bang.year == -13_800_000_000
    assert big_bang.precision is Precision.YEAR
    assert big_bang.display() == "13,800,000,001 BCE"
    assert parse_partial_date("-43").display() == "44 BCE"  # astronomical year -43
    assert parse_partial_date("0").display() == "1 BCE"
    assert parse_partial_date("1").display() == "1"
    assert parse_partial_date("-43").sort_key < parse_partial_date("1").sort_key
    assert big_bang.sort_key < parse_partial_date("-43").sort_key


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Y99999", "99999"),  # (a year after 9999 is written with EDTF's Y)
        ("Y100000", "100,000"),  # grouped from six digits on
        ("-99998", "99999 BCE"),
        ("-99999", "100,000 BCE"),
        ("Y1000000", "1,000,000"),
    ],
)
def test_long_years_are_grouped_by_thousands(text: str, shown: str) -> None:
    assert parse_partial_date(text).display() == shown


def test_coarser_dates_sort_before_finer_dates_inside_them() -> None:
    texts = ["1985-03", "1985-02-07", "1985", "1985-02", "1984-12-31", "1986"]
    ordered = sorted(texts, key=lambda t: parse_partial_date(t).sort_key)
    assert ordered == ["1984-12-31", "1985", "1985-02", "1985-02-07", "1985-03", "1986"]


def test_chronological_uses_file_order_as_the_tiebreak() -> None:
    def event(event_id: str, date: str) -> Event:
        return Event(event_id, parse_partial_date(date), event_id)

    events = [
        event("march", "1985-03"),
        event("first-of-day", "1985-02-07"),
        event("year", "1985"),
        event("second-of-day", "1985-02-07"),
        event("month", "1985-02"),
        event("third-of-day", "1985-02-07~"),
    ]
    assert [e.id for e in chronological(events)] == [
        "year",
        "month",
        "first-of-day",
        "second-of-day",
        "third-of-day",
        "march",
    ]


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        ("1985", "1985", "1985"),
        ("1985-02", "Feb 1985", "February 1985"),
        ("1985-02-07", "7 Feb 1985", "7 February 1985"),
        ("1985~", "c. 1985", "c. 1985"),
        ("1985?", "1985?", "1985?"),
        ("1985-02-07%", "c. 7 Feb 1985?", "c. 7 February 1985?"),
    ],
)
def test_display_keeps_the_precision(text: str, short: str, long: str) -> None:
    parsed = parse_partial_date(text)
    assert parsed.display() == short
    assert str(parsed) == short
    assert parsed.display(long=True) == long


def test_describe_spells_out_precision_and_qualifiers() -> None:
    assert parse_partial_date("1985-02-07").describe() == "7 February 1985 (known to the day)"
    assert parse_partial_date("1985-02").describe() == "February 1985 (known to the month)"
    assert (
        parse_partial_date("1985%").describe()
        == "c. 1985? (known to the year, approximate, uncertain)"
    )


def test_display_period() -> None:
    start = parse_partial_date("2013-08-09")
    assert display_period(start, None) == "9 Aug 2013"
    assert display_period(start, start) == "9 Aug 2013"
    assert display_period(start, parse_partial_date("2022-07")) == "9 Aug 2013 \N{EN DASH} Jul 2022"


def test_first_and_last_day_span_the_precision() -> None:
    assert parse_partial_date("2024-02").last_day == (2024, 2, 29)
    assert parse_partial_date("2023-02").last_day == (2023, 2, 28)
    assert parse_partial_date("1985").first_day == (1985, 1, 1)
    assert parse_partial_date("1985").last_day == (1985, 12, 31)


@pytest.mark.parametrize(
    "text",
    ["1985", "1985-02", "1985-02-07", "1985~", "1985-02?", "1985-02-07%", "-0043", "0000"],
)
def test_edtf_is_canonical_and_round_trips(text: str) -> None:
    parsed = parse_partial_date(text)
    assert parsed.edtf() == text
    assert parse_partial_date(parsed.edtf()) == parsed


def test_edtf_normalises_human_spellings() -> None:
    assert parse_partial_date("Feb 7, 1985").edtf() == "1985-02-07"
    assert parse_partial_date("c. 1985").edtf() == "1985~"
    assert parse_partial_date("1985-2-7").edtf() == "1985-02-07"


@pytest.mark.filterwarnings("error")
@given(st.text(max_size=40))
def test_arbitrary_text_is_a_date_or_a_date_error(text: str) -> None:
    try:
        result = parse_partial_date(text)
    except DateError as error:
        assert str(error)
    else:
        assert isinstance(result, PartialDate)
        assert parse_partial_date(result.edtf()) == result


_DATE_WORDS = st.sampled_from(
    [
        "Feb",
        "July",
        "March",
        "7",
        "29",
        "31",
        "1985",
        "2024",
        "85",
        "10:30",
        "EST",
        "G",
        "c.",
        ",",
        "-",
        "/",
        "?",
        "~",
        "of",
        "the",
        "Monday",
        "AD",
        "BC",
        "0",
    ]
)


@pytest.mark.filterwarnings("error")
@given(st.lists(_DATE_WORDS, min_size=1, max_size=8).map(" ".join))
def test_date_like_text_is_a_valid_date_or_a_date_error(text: str) -> None:
    try:
        result = parse_partial_date(text)
    except DateError:
        return
    if result.month is not None:
        assert 1 <= result.month <= 12
    if result.day is not None:
        assert result.month is not None
        assert result.last_day[2] >= result.day >= 1
    assert parse_partial_date(result.edtf()) == result


@st.composite
def valid_dates(draw: st.DrawFn) -> tuple[int, int | None, int | None]:
    year = draw(st.integers(min_value=-9999, max_value=9999))
    month = draw(st.none() | st.integers(min_value=1, max_value=12))
    if month is None:
        return year, None, None
    # calendar.monthrange only knows years 1..9999: the proleptic Gregorian
    # leap rule repeats every 400 years, so shift into that range.
    last = calendar.monthrange(year % 400 + 2000, month)[1]
    day = draw(st.none() | st.integers(min_value=1, max_value=last))
    return year, month, day


@given(valid_dates(), st.sampled_from(["", "~", "?", "%"]))
def test_valid_iso_dates_round_trip(
    date: tuple[int, int | None, int | None], qualifier: str
) -> None:
    year, month, day = date
    text = f"-{-year:04d}" if year < 0 else f"{year:04d}"
    if month is not None:
        text += f"-{month:02d}"
    if day is not None:
        text += f"-{day:02d}"
    text += qualifier
    parsed = parse_partial_date(text)
    assert (parsed.year, parsed.month, parsed.day) == (year, month, day)
    assert parsed.approximate == (qualifier in "~%" and qualifier != "")
    assert parsed.uncertain == (qualifier in "?%" and qualifier != "")
    assert parsed.edtf() == text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Monday March 2024", "(a weekday without a day of the month)"),
        ("Mon Mar 2024", "(a weekday without a day of the month)"),
        ("Friday 2024", "(a weekday without a day of the month)"),
        ("Tuesday, 4 March 2024", "(4 March 2024 is a Monday)"),
        ("Sat Feb 7, 1985", "(7 February 1985 is a Thursday)"),
        # Glued to the digits, the weekday leaves no date behind once taken out.
        ("7Thu1985", "(a weekday without a day of the month)"),
        ("02Thu2024", "(a weekday without a day of the month)"),  # not February 2024
    ],
)
def test_a_weekday_must_name_the_day_given(text: str, reason: str) -> None:
    # dateutil would move the date to the next such weekday, without a word.
    with pytest.raises(DateError) as caught:
        parse_partial_date(text)
    assert str(caught.value) == f'{EXPECTED}, got "{text}" {reason}'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Monday, 4 March 2024", PartialDate(2024, 3, 4)),
        ("Mon 4 Mar 2024", PartialDate(2024, 3, 4)),
        ("Thu Feb 7, 1985", PartialDate(1985, 2, 7)),
    ],
)
def test_a_weekday_that_fits_the_date_is_accepted(text: str, expected: PartialDate) -> None:
    assert parse_partial_date(text) == expected


@given(
    st.lists(
        st.tuples(
            st.integers(1980, 1983), st.none() | st.integers(1, 2), st.none() | st.integers(1, 2)
        ),
        max_size=60,
    ),
    st.integers(1, 7),
)
def test_chronological_in_runs_is_the_one_stable_sort(
    dates: list[tuple[int, int | None, int | None]], run: int
) -> None:
    # Few distinct dates: most events tie, so file order decides across runs too.
    from timeline_viewer.domain import model

    events = [
        Event(f"e{i}", PartialDate(year, month, day if month else None), f"e{i}")
        for i, (year, month, day) in enumerate(dates)
    ]
    expected = tuple(sorted(events, key=lambda event: event.date.sort_key))
    saved, model.SORT_RUN = model.SORT_RUN, run
    try:
        assert chronological(events) == expected
    finally:
        model.SORT_RUN = saved

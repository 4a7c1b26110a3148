"""EDTF level 1 forms: unspecified digits (198X, 1985-XX) and a period's end without a date."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline_viewer.domain.dates import (
    DateError,
    OpenEnd,
    PartialDate,
    Precision,
    Unspecified,
    days_in_month,
    describe_period,
    display_period,
    end_text,
    parse_open_end,
    parse_partial_date,
)
from timeline_viewer.domain.model import Event, chronological

EXPECTED = "expected a date like 1985, 1985-02 or 1985-02-07"

years = st.integers(min_value=0, max_value=9999)
months = st.integers(min_value=1, max_value=12)
qualifiers = st.sampled_from(["", "~", "?", "%"])


@pytest.mark.parametrize(
    ("text", "unspecified", "first", "last", "precision"),
    [
        ("198X", Unspecified.DECADE, (1980, 1, 1), (1989, 12, 31), Precision.YEAR),
        ("19XX", Unspecified.CENTURY, (1900, 1, 1), (1999, 12, 31), Precision.YEAR),
        ("000X", Unspecified.DECADE, (0, 1, 1), (9, 12, 31), Precision.YEAR),
        ("1985-XX", Unspecified.MONTH, (1985, 1, 1), (1985, 12, 31), Precision.YEAR),
        ("1985-XX-XX", Unspecified.MONTH_AND_DAY, (1985, 1, 1), (1985, 12, 31), Precision.YEAR),
        ("1985-04-XX", Unspecified.DAY, (1985, 4, 1), (1985, 4, 30), Precision.MONTH),
        ("2024-02-XX", Unspecified.DAY, (2024, 2, 1), (2024, 2, 29), Precision.MONTH),
        ("198x", Unspecified.DECADE, (1980, 1, 1), (1989, 12, 31), Precision.YEAR),
    ],
)
def test_unspecified_digits_read_as_the_span_they_leave_open(
    text: str,
    unspecified: Unspecified,
    first: tuple[int, int, int],
    last: tuple[int, int, int],
    precision: Precision,
) -> None:
    date = parse_partial_date(text)
    assert date.unspecified is unspecified
    assert (date.first_day, date.last_day) == (first, last)
    assert date.precision is precision
    assert date.loose


@given(
    digits=st.integers(min_value=0, max_value=999),
    xs=st.sampled_from([1, 2]),
    qualifier=qualifiers,
)
def test_x_years_round_trip_and_cover_their_digits(digits: int, xs: int, qualifier: str) -> None:
    stem = f"{digits:03d}"[: 4 - xs]
    text = stem + "X" * xs + qualifier
    date = parse_partial_date(text)
    assert date.edtf() == text
    assert parse_partial_date(date.edtf()) == date
    low, high = int(stem + "0" * xs), int(stem + "9" * xs)
    assert (date.first_day, date.last_day) == ((low, 1, 1), (high, 12, 31))
    assert date.display().rstrip("?").removeprefix("c. ") == stem + "X" * xs
    assert date.approximate == (qualifier in "~%" and qualifier != "")
    assert date.uncertain == (qualifier in "?%" and qualifier != "")


@given(year=years, month=months, form=st.sampled_from(["m", "md", "d"]), qualifier=qualifiers)
def test_x_months_and_days_round_trip(year: int, month: int, form: str, qualifier: str) -> None:
    text = {"m": f"{year:04d}-XX", "md": f"{year:04d}-XX-XX", "d": f"{year:04d}-{month:02d}-XX"}
    date = parse_partial_date(text[form] + qualifier)
    assert date.edtf() == text[form] + qualifier
    assert parse_partial_date(date.edtf()) == date
    if form == "d":
        assert date.last_day == (year, month, days_in_month(year, month))
        # Shown as what is known: the month.
        assert date.display().removeprefix("c. ").rstrip("?") == PartialDate(year, month).display()
    else:
        assert (date.first_day, date.last_day) == ((year, 1, 1), (year, 12, 31))


@given(year=st.integers(min_value=0, max_value=9989), month=months, day=st.integers(1, 28))
def test_a_coarser_x_date_sorts_before_every_date_inside_its_span(
    year: int, month: int, day: int
) -> None:
    decade = parse_partial_date(f"{year // 10:03d}X")
    century = parse_partial_date(f"{year // 100:02d}XX")
    inside = [
        PartialDate(decade.year),
        PartialDate(decade.year, month),
        PartialDate(decade.year, month, day),
    ]
    assert century.sort_key <= decade.sort_key
    for date in inside:
        assert decade.sort_key < date.sort_key
        assert century.sort_key < date.sort_key
        assert decade.first_day <= date.first_day and date.last_day <= decade.last_day
    assert parse_partial_date(f"{year:04d}-XX").sort_key == PartialDate(year).sort_key
    day_x = parse_partial_date(f"{year:04d}-{month:02d}-XX")
    assert day_x.sort_key == PartialDate(year, month).sort_key


def test_x_dates_sort_at_the_start_of_their_span_then_by_file_order() -> None:
    def event(id_: str, text: str) -> Event:
        return Event(id_, parse_partial_date(text), id_)

    events = [
        event("a", "1985"),
        event("b", "1981-03"),
        event("c", "198X"),
        event("d", "1980"),
        event("e", "19XX"),
        event("f", "1979"),
        event("g", "1985-XX"),
    ]
    assert [e.id for e in chronological(events)] == ["e", "f", "c", "d", "b", "a", "g"]


@pytest.mark.parametrize(
    ("text", "shown", "described"),
    [
        ("198X", "198X", "198X (known to the decade, some year from 1980 to 1989)"),
        (
            "19XX~",
            "c. 19XX",
            "c. 19XX (known to the century, some year from 1900 to 1999, approximate)",
        ),
        ("198X?", "198X?", "198X? (known to the decade, some year from 1980 to 1989, uncertain)"),
        ("1985-XX", "1985", "1985 (some month of the year, not specified)"),
        ("1985-XX-XX", "1985", "1985 (some day of the year, not specified)"),
        ("1985-04-XX", "Apr 1985", "April 1985 (some day of the month, not specified)"),
    ],
)
def test_display_keeps_what_is_known(text: str, shown: str, described: str) -> None:
    date = parse_partial_date(text)
    assert date.display() == shown
    assert date.describe() == described


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("19X5", "only the last digits of a year may be X: 198X, 19XX"),
        ("X985", "only the last digits of a year may be X: 198X, 19XX"),
        ("1XXX", "at most the last two digits of a year are X: 19XX"),
        ("XXXX", "at most the last two digits of a year are X: 19XX"),
        ("1985-1X", "a month or day is given in full or as XX: 1985-XX, 1985-04-XX"),
        ("1985-04-1X", "a month or day is given in full or as XX: 1985-XX, 1985-04-XX"),
        ("1985-XX-07", "with the month XX the day is XX too: 1985-XX-XX"),
        ("198X-04", "a year with X has no month or day: write 198X, or the year in full"),
        ("198X-XX", "a year with X has no month or day: write 198X, or the year in full"),
        ("1985-13-XX", "there is no month 13"),
        ("-198X", "X digits are for years 0000 to 9999 written without a sign"),
        ("98X", "X stands for digits of a four-digit year, month or day: 198X, 1985-XX"),
        (
            "..",
            "end: .. is how a period still going is written, only as its end; a date is needed here",
        ),
        (
            "unknown",
            "end: unknown is how a period ended at a time not known is written;"
            " a date is needed here",
        ),
    ],
)
def test_malformed_edtf_forms_say_why(text: str, reason: str) -> None:
    with pytest.raises(DateError) as refused:
        parse_partial_date(text)
    assert str(refused.value) == f'{EXPECTED}, got "{text}" ({reason})'


@given(
    year=st.integers(min_value=1000, max_value=9999),
    position=st.integers(min_value=0, max_value=2),
)
def test_an_x_inside_a_year_is_refused_never_read(year: int, position: int) -> None:
    digits = list(str(year))
    digits[position] = "X"
    with pytest.raises(DateError, match=r"last digits of a year|last two digits"):
        parse_partial_date("".join(digits))


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("..", OpenEnd.ONGOING),
        (" .. ", OpenEnd.ONGOING),
        ("unknown", OpenEnd.UNKNOWN),
        ("Unknown", OpenEnd.UNKNOWN),
        ("1985", None),
        ("...", None),
        ("", None),
        ("?", None),
    ],
)
def test_open_ends(text: str, end: OpenEnd | None) -> None:
    assert parse_open_end(text) is end


@given(year=years, end=st.sampled_from(list(OpenEnd)))
def test_a_period_without_an_end_date_says_so(year: int, end: OpenEnd) -> None:
    start = PartialDate(year)
    shown = display_period(start, None, end)
    assert shown.startswith(start.display() + " \N{EN DASH} ")
    assert shown.endswith({OpenEnd.ONGOING: "ongoing", OpenEnd.UNKNOWN: "unknown"}[end])
    event = Event("e", start, "t", open_end=end)
    assert event.when == shown
    assert event.ongoing == (end is OpenEnd.ONGOING)
    assert event.last_day == start.last_day


def test_last_day_of_an_event() -> None:
    assert Event("e", PartialDate(1985), "t").last_day == (1985, 12, 31)
    assert Event("e", PartialDate(1985), "t", end=PartialDate(1990, 2)).last_day == (1990, 2, 28)
    assert Event("e", parse_partial_date("198X"), "t").last_day == (1989, 12, 31)


@given(st.integers(min_value=10_000, max_value=10**12))
def test_a_year_after_9999_is_written_back_with_its_y(year: int) -> None:
    date = PartialDate(year)
    assert date.edtf() == f"Y{year}"
    assert parse_partial_date(date.edtf()) == date


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("+198X", "X digits are for years 0000 to 9999 written without a sign"),
        ("198X-1X", "a month or day is given in full or as XX"),
        ("1X8X", "only the last digits of a year may be X"),
        ("1XXX", "at most the last two digits of a year are X"),
    ],
)
def test_each_wrong_x_form_says_what_is_wrong_with_it(text: str, said: str) -> None:
    with pytest.raises(DateError) as error:
        parse_partial_date(text)
    assert said in str(error.value)


def test_an_x_date_keeps_its_approximate_mark_and_a_spelled_one_is_no_x_date() -> None:
    assert parse_partial_date("c. 198X").approximate
    assert not parse_partial_date("198X").approximate
    with pytest.raises(DateError):
        parse_partial_date("Feb 198X?")  # not a year 198 in February


def test_a_period_is_described_and_its_end_written_as_the_file_has_it() -> None:
    start, end = PartialDate(1985, 4), PartialDate(1990)
    assert describe_period(start, None, OpenEnd.ONGOING) == (
        f"{start.describe()} to now: still going (end: ..)"
    )
    assert describe_period(start, None, OpenEnd.UNKNOWN) == (
        f"{start.describe()} to an end not known (end: unknown)"
    )
    assert describe_period(start, end) == f"{start.describe()} to {end.describe()}"
    assert describe_period(start, start) == describe_period(start, None) == start.describe()
    assert end_text(end, None) == "1990"
    assert end_text(None, OpenEnd.ONGOING) == ".."
    assert end_text(None, OpenEnd.UNKNOWN) == "unknown"
    assert end_text(None, None) is None

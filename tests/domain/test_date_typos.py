"""A year typed with a digit too many, and a period typed inside one date, are refused."""

from __future__ import annotations

import pytest

from timeline_viewer.domain.dates import DateError, PartialDate, parse_partial_date

EXPECTED = "expected a date like 1985, 1985-02 or 1985-02-07"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("19855", "the year 19855 has 5 digits: did you mean 1985, 1955 or 1855?"),
        ("20255", "the year 20255 has 5 digits: did you mean 2055 or 2025?"),
        ("10000-01-01", "the year 10000 has 5 digits: did you mean 1000?"),
        ("19855-02-07~", "the year 19855 has 5 digits: did you mean 1985, 1955 or 1855?"),
        ("123456", "the year 123456 has 6 digits"),
        ("99999", "the year 99999 has 5 digits"),  # no four-digit year one digit away
        ("21011", "the year 21011 has 5 digits: did you mean 2011 or 1011?"),  # not 2101
        ("11985", "the year 11985 has 5 digits: did you mean 1985, 1198 or 1195?"),  # three at most
    ],
)
def test_a_year_after_9999_is_refused_with_a_guess(text: str, reason: str) -> None:
    with pytest.raises(DateError) as refused:
        parse_partial_date(text)
    digits = text.split("-")[0].lstrip("+")
    assert str(refused.value) == (
        f'{EXPECTED}, got "{text}" ({reason}; a year after 9999 is written Y{digits})'
    )


def test_a_plus_sign_is_not_a_digit() -> None:
    with pytest.raises(DateError) as refused:
        parse_partial_date("+19855")
    assert "(the year 19855 has 5 digits: did you mean 1985, 1955 or 1855?;" in str(refused.value)


def test_half_a_period_is_not_taken_for_one() -> None:
    with pytest.raises(DateError) as refused:
        parse_partial_date("1985/abc")
    assert "a period" not in str(refused.value)


def test_a_long_year_written_on_purpose_is_read() -> None:
    assert parse_partial_date("Y10000") == PartialDate(10000)
    assert parse_partial_date("9999-12-31") == PartialDate(9999, 12, 31)
    assert parse_partial_date("-13800000000").year == -13_800_000_000


@pytest.mark.parametrize(
    "text",
    ["1985/", "/1985", "1985/1990", "1985/..", "../1985", "1985-02/1985-03~", "198X/..", "19XX/"],
)
def test_interval_syntax_inside_a_date_is_refused_with_how_to_write_a_period(text: str) -> None:
    with pytest.raises(DateError) as refused:
        parse_partial_date(text)
    assert str(refused.value) == (
        f'{EXPECTED}, got "{text}" (a period is not written inside one date:'
        " give date: for its start and end: for its end, which may be .. (still going) or unknown)"
    )


def test_a_day_written_with_slashes_is_still_a_day() -> None:
    assert parse_partial_date("2/7/1985") == PartialDate(1985, 2, 7)

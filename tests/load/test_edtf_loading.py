"""EDTF level 1 forms in a file: both parsers read them alike, and bad ones are located."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline_viewer.domain.dates import OpenEnd, Unspecified, parse_partial_date
from timeline_viewer.load.careful_parser import parse_careful
from timeline_viewer.load.fast_parser import parse_fast
from timeline_viewer.load.loader import LoadError, load_timeline

HEAD = "schema: 1\ntitle: T\nevents:\n"


def x_dates() -> st.SearchStrategy[str]:
    year = st.integers(min_value=1000, max_value=2099)
    month = st.integers(min_value=1, max_value=12)
    qualifier = st.sampled_from(["", "~", "?", "%"])
    forms = st.one_of(
        year.map(lambda y: f"{y // 10}X"),
        year.map(lambda y: f"{y // 100}XX"),
        year.map(lambda y: f"{y}-XX"),
        year.map(lambda y: f"{y}-XX-XX"),
        st.tuples(year, month).map(lambda ym: f"{ym[0]}-{ym[1]:02d}-XX"),
    )
    return st.tuples(forms, qualifier).map("".join)


ends = st.one_of(st.just(None), st.sampled_from(["..", "unknown", "'..'", '"unknown"', "2100"]))
quotes = st.sampled_from(["{}", "'{}'", '"{}"'])


def event(number: int, date: str, end: str | None) -> str:
    text = f"  - id: e{number}\n    date: {date}\n    title: Event {number}\n"
    return text if end is None else text + f"    end: {end}\n"


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(x_dates(), quotes, ends), min_size=1, max_size=8))
def test_fast_and_careful_parsers_read_edtf_forms_alike(
    items: list[tuple[str, str, str | None]],
) -> None:
    text = HEAD + "".join(
        event(n, quote.format(date), end) for n, (date, quote, end) in enumerate(items)
    )
    careful = parse_careful(text, "t.yaml")
    fast = parse_fast(text)
    assert fast is not None
    assert fast == careful
    for n, (date, _, end) in enumerate(items):
        read = next(e for e in careful.events if e.id == f"e{n}")
        assert read.date == parse_partial_date(date)
        assert read.date.edtf() == date
        expected_open = {"..": OpenEnd.ONGOING, "unknown": OpenEnd.UNKNOWN}.get(
            (end or "").strip("'\"")
        )
        assert read.open_end is expected_open
        assert (read.end is None) == (end is None or expected_open is not None)


def test_x_dates_and_open_ends_in_one_file() -> None:
    text = (
        HEAD + event(0, "198X", "..") + event(1, "1985-04-XX", "unknown") + event(2, "19XX", "1985")
    )
    timeline = parse_careful(text, "t.yaml")
    assert parse_fast(text) == timeline
    by_id = {e.id: e for e in timeline.events}
    assert by_id["e0"].date.unspecified is Unspecified.DECADE
    assert by_id["e0"].when == "198X \N{EN DASH} ongoing"
    assert by_id["e1"].when == "Apr 1985 \N{EN DASH} unknown"
    assert by_id["e2"].when == "19XX \N{EN DASH} 1985"
    # The century first: it is coarser than the decade inside it.
    assert [e.id for e in timeline.events] == ["e2", "e0", "e1"]


@pytest.mark.parametrize(
    ("date", "end", "where", "fragment"),
    [
        ("19X5", None, "5:11", "only the last digits of a year may be X"),
        ("1985-1X", None, "5:11", "a month or day is given in full or as XX"),
        ("..", "..", "5:11", "end: .. is how a period still going is written"),
        ("unknown", None, "5:11", "end: unknown is how a period ended"),
        ("1985", "19X9", "7:10", "only the last digits of a year may be X"),
        ("1985", "...", "7:10", 'got "..."'),
        ("199X", "1985", "7:10", "the period ends (1985) before it starts (199X)"),
        ("1985/..", None, "5:11", "which may be .. (still going) or unknown"),
    ],
)
def test_bad_forms_are_located_whichever_parser_reads_them(
    tmp_path: Path, date: str, end: str | None, where: str, fragment: str
) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(HEAD + event(0, date, end), encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_timeline(path)
    problems = caught.value.problems
    assert len(problems) == 1, [str(p) for p in problems]
    assert fragment in problems[0].message
    assert f"{problems[0].line}:{problems[0].column}" == where
    assert parse_fast(path.read_text(encoding="utf-8")) is None


@pytest.mark.parametrize("end", ["1985", "198X", "1980-XX", "1980-01-XX", "..", "unknown"])
def test_a_period_may_end_anywhere_its_start_can_fall(end: str) -> None:
    # 198X may be 1980: an end in 1980 or later is no error.
    timeline = parse_careful(HEAD + event(0, "198X", end), "t.yaml")
    assert timeline.events[0].date.unspecified is Unspecified.DECADE

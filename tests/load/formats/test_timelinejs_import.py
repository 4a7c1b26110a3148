"""Importing TimelineJS JSON and CSV: refusals, dates, display dates, ids, text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from timeline_viewer.domain.dates import PartialDate
from timeline_viewer.domain.model import Timeline
from timeline_viewer.load.formats import is_timelinejs_file
from timeline_viewer.load.formats.timelinejs import (
    import_timelinejs_csv,
    import_timelinejs_json,
    load_timelinejs,
)
from timeline_viewer.load.loader import LoadError, Problem

HEADER = (
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,"
    "Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n"
)


def _json(*events: dict[str, Any], **top: Any) -> str:
    return json.dumps({"events": list(events), **top})


def _slide(
    year: object = 1985, headline: str = "Something", body: str = "", **fields: Any
) -> dict[str, Any]:
    return {"start_date": {"year": year}, "text": {"headline": headline, "text": body}, **fields}


def _refusal(text: str, *, csv: bool = False) -> list[Problem]:
    with pytest.raises(LoadError) as caught:
        (import_timelinejs_csv if csv else import_timelinejs_json)(text, "in.json")
    return caught.value.problems


def _one(*events: dict[str, Any], warnings: list[Problem] | None = None) -> Timeline:
    return import_timelinejs_json(_json(*events), "in.json", warnings=warnings)


# -- refusals -----------------------------------------------------------------------


def test_not_json_says_where() -> None:
    (problem,) = _refusal('{"events": [\n  {"start_date": }\n]}')
    assert problem.message.startswith("not valid JSON: Expecting value")
    assert (problem.line, problem.column) == (2, 18)
    assert str(problem) == "in.json:2:18: not valid JSON: Expecting value"


@pytest.mark.parametrize("text", ["", "   \n", "\ufeff"])
def test_empty_text_is_refused(text: str) -> None:
    (problem,) = _refusal(text)
    assert "empty" in problem.message
    (problem,) = _refusal(text, csv=True)
    assert "empty" in problem.message


def test_a_timelinejs2_file_without_dates_has_no_events() -> None:
    (problem,) = _refusal(json.dumps({"timeline": {"headline": "x", "date": []}}))
    assert "no events" in problem.message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[1, 2]", "not a TimelineJS file: it is a list of 2 items"),
        ('{"title": {}}', 'not a TimelineJS file: no "events" list, only the key "title"'),
        ('{"events": 3}', "expected a list, got a number"),
        ('{"events": []}', "no events"),
        ('{"events": [{"text": {"headline": "no date"}}]}', "no events"),
        ('{"events": ["text"]}', "expected a slide object, got text"),
    ],
)
def test_files_that_are_not_timelines_are_refused(text: str, words: str) -> None:
    problems = _refusal(text)
    assert any(words in p.message for p in problems), problems


def test_bad_dates_are_all_reported_with_their_path() -> None:
    problems = _refusal(
        _json(
            {"start_date": {"year": 1985, "month": 13}},
            {"start_date": {"year": "19x5"}},
            {"start_date": {"year": 2023, "month": 2, "day": 29}},
            {"start_date": {"year": 1985}, "end_date": {"year": True}},
        )
    )
    assert [(p.path, p.message) for p in problems] == [
        ("events[0].start_date.month", "there is no month 13"),
        ("events[1].start_date.year", 'expected a whole number, got "19x5"'),
        (
            "events[2].start_date.day",
            "there is no day 29 in month 2 of year 2023 (it has 28)",
        ),
        ("events[3].end_date.year", "expected a whole number, got true"),
    ]


def test_csv_problems_name_the_line_and_the_column() -> None:
    text = HEADER + "1985,,,,,,,,,Fine,,,,,,,,\n1986,14,,,,,,,,Bad month,,,,,,,,\n"
    warnings: list[Problem] = []
    timeline = import_timelinejs_csv(text, "in.csv", warnings=warnings)
    assert [e.title for e in timeline.events] == ["Fine"]
    assert [str(w) for w in warnings] == [
        'in.csv:3:1: Month: there is no month 14: slide "Bad month" not imported'
    ]
    (problem,) = _refusal(HEADER + "1986,14,,,,,,,,Bad month,,,,,,,,\n", csv=True)
    assert str(problem) == "in.json:2:1: Month: there is no month 14"


def test_a_csv_that_is_not_the_template_is_refused() -> None:
    (problem,) = _refusal("name,age\nann,3\n", csv=True)
    assert "not the TimelineJS spreadsheet template" in problem.message
    assert "name, age" in problem.message


# -- dates --------------------------------------------------------------------------


def test_numbers_may_be_text_numbers_or_spreadsheet_numbers() -> None:
    timeline = _one(
        {"start_date": {"year": "1,815", "month": "03", "day": 7.0}, "text": {"headline": "a"}},
        {"start_date": {"year": 1900, "month": "", "day": ""}, "text": {"headline": "b"}},
        {"start_date": {"year": 1901, "month": "March"}, "text": {"headline": "c"}},
    )
    assert [e.date for e in timeline.events] == [
        PartialDate(1815, 3, 7),
        PartialDate(1900),
        PartialDate(1901, 3),
    ]


@pytest.mark.parametrize(
    ("year", "astronomical", "shown"),
    [(-44, -43, "44 BCE"), (-1, 0, "1 BCE"), (1, 1, "1"), (-13_800_000_000, -13_799_999_999, None)],
)
def test_negative_years_are_bce_years(year: int, astronomical: int, shown: str | None) -> None:
    (event,) = _one(_slide(year)).events
    assert event.date.year == astronomical
    if shown:
        assert event.date.display() == shown


def test_year_zero_is_read_as_1_bce_with_a_warning() -> None:
    warnings: list[Problem] = []
    (event,) = _one(_slide(0), warnings=warnings).events
    assert event.date == PartialDate(0)
    assert [w.path for w in warnings] == ["events[0].start_date.year"]


def test_a_day_without_a_month_is_january_as_timelinejs_reads_it() -> None:
    warnings: list[Problem] = []
    (event,) = _one({"start_date": {"year": 1900, "day": 5}}, warnings=warnings).events
    assert event.date == PartialDate(1900, 1, 5)
    assert "without a month" in warnings[0].message


@pytest.mark.parametrize(
    ("display", "date", "end", "kept"),
    [
        ("c. 1912", PartialDate(1912, approximate=True), None, None),
        ("circa 1912", PartialDate(1912, approximate=True), None, "circa 1912"),
        ("1912?", PartialDate(1912, uncertain=True), None, None),
        ("c. 1912?", PartialDate(1912, approximate=True, uncertain=True), None, None),
        ("June 1912", PartialDate(1912, 6), None, "June 1912"),  # finer than the numbers
        ("1912 \u2013 c. 1915", PartialDate(1912), PartialDate(1915, approximate=True), None),
        ("Summer 1912", PartialDate(1912), None, "Summer 1912"),
        ("1913", PartialDate(1912), None, "1913"),
        ("13 сентября", PartialDate(1912), None, "13 сентября"),
    ],
)
def test_display_dates_give_qualifiers_or_are_kept_as_written(
    display: str, date: PartialDate, end: PartialDate | None, kept: str | None
) -> None:
    # Kept word for word when the date's own display would say something else.
    (event,) = _one(_slide(1912, display_date=display)).events
    assert (event.date, event.end, event.display_date) == (date, end, kept)
    assert event.note is None


def test_a_display_hiding_parts_of_the_date_keeps_the_numbers_and_notes_the_text() -> None:
    slide = {"start_date": {"year": 1912, "month": 1, "day": 1}, "display_date": "c. 1912"}
    (event,) = _one(slide).events
    assert event.date == PartialDate(1912, 1, 1, approximate=True)
    assert (event.display_date, event.note) == ("c. 1912", None)


def test_the_display_date_inside_a_date_object_counts_too() -> None:
    (event,) = _one({"start_date": {"year": -43, "display_date": "c. 44 BCE"}}).events
    # TimelineJS -43 is 43 BCE; a display saying 44 BCE disagrees and is kept as text.
    assert event.date == PartialDate(-42)
    assert (event.display_date, event.note) == ("c. 44 BCE", None)


def test_ends_equal_to_the_start_are_dropped_and_ends_before_it_warned() -> None:
    warnings: list[Problem] = []
    timeline = _one(
        _slide(1985, "same", end_date={"year": 1985}),
        _slide(1985, "before", end_date={"year": 1980}),
        _slide(1985, "inside", end_date={"year": 1985, "month": 6}),
        warnings=warnings,
    )
    ends = {e.title: e.end for e in timeline.events}
    assert ends == {"same": None, "before": None, "inside": PartialDate(1985, 6)}
    assert [w.path for w in warnings] == ["events[1].end_date"]


def test_slides_without_a_start_date_are_skipped_with_a_warning() -> None:
    warnings: list[Problem] = []
    timeline = _one(_slide(1985, "kept"), {"text": {"headline": "skipped"}}, warnings=warnings)
    assert [e.title for e in timeline.events] == ["kept"]
    assert [w.path for w in warnings] == ["events[1]"]


# -- text, ids, groups ----------------------------------------------------------------


def test_titles_fall_back_to_text_then_caption_then_date() -> None:
    long_text = "<p>" + "word " * 40 + "</p>"
    timeline = _one(
        {"start_date": {"year": 1}, "text": {"text": long_text}},
        {"start_date": {"year": 2}, "media": {"caption": "A <b>caption</b>"}},
        {"start_date": {"year": 3}},
    )
    first, second, third = (e.title for e in timeline.events)
    assert first.startswith("word word") and first.endswith("…") and len(first) <= 80
    assert second == "A caption"
    assert third == "Untitled event (3)"


def test_ids_are_unique_slugs_and_valid_unique_ids_are_kept() -> None:
    timeline = _one(
        _slide(1, "Señor Ñandú: the return!"),
        _slide(2, "Señor Ñandú: the return!"),
        _slide(3, "Other", unique_id="kept-id"),
        _slide(4, "Other", unique_id="Not A Slug"),
        _slide(5, "Dupe", unique_id="kept-id"),
        _slide(6, "¿¡!?"),
    )
    assert [e.id for e in timeline.events] == [
        "senor-nandu-the-return",
        "senor-nandu-the-return-2",
        "kept-id",
        "not-a-slug",
        "kept-id-2",
        "event-6",  # a title of signs only: the date
    ]


def test_groups_become_tags_and_html_becomes_text() -> None:
    html = (
        "<p>First &amp; <b>bold</b>,\n   spread</p><p>Second<br>line</p>"
        "<script>alert(1)</script><style>p{}</style><ul><li>one</li><li>two</li></ul>"
    )
    (event,) = _one(_slide(1985, "A &lt;tag&gt;", group="Group &amp; Co", body=html)).events
    assert event.title == "A <tag>"
    assert event.tags == ("Group & Co",)
    assert event.summary == "First & bold, spread\n\nSecond\nline\n\n- one\n- two"


def test_text_is_sanitised_of_terminal_controls() -> None:
    headline = "Evil \x1b[31mred\x1b[0m \u202etxt.exe"
    (event,) = _one(_slide(1985, headline, body="bell\x07 \ud800 lone")).events
    assert event.title == "Evil [31mred[0m txt.exe"
    assert event.summary == "bell \ufffd lone"


def test_csv_rows_titles_eras_and_groups() -> None:
    text = HEADER + (
        ",,,,,,,,,The Title,<p>About it</p>,,,,,title,,\n"
        "1939,9,1,,1945,9,2,,,World War,,,,,,era,,\n"
        '1969,7,20,20:17,,,,,,"Moon, landing",Text,https://nasa.gov/x,NASA,Caption,,,Space,\n'
        ",,,,,,,,,,,,,,,,,\n"
        "1970,,,,,,,,,Another title,,,,,,title,,\n"
    )
    warnings: list[Problem] = []
    timeline = import_timelinejs_csv(text, "sheet.csv", warnings=warnings)
    assert (timeline.title, timeline.description) == ("The Title", "About it")
    era, moon, second_title = timeline.events
    assert (era.tags, era.date, era.end) == (
        ("era",),
        PartialDate(1939, 9, 1),
        PartialDate(1945, 9, 2),
    )
    assert (moon.title, moon.tags) == ("Moon, landing", ("Space",))
    assert moon.media is not None and moon.media.url == "https://nasa.gov/x"
    assert (moon.media.credit, moon.media.caption) == ("NASA", "Caption")
    assert second_title.title == "Another title"
    assert {w.message.split(";")[0] for w in warnings} == {
        "a second title row: read as an event",
        "1 date(s) have a time of day",
    }


def test_csv_with_semicolons_and_the_first_template_s_whole_dates() -> None:
    text = "Start Date;End Date;Headline;Text\n1985-02-07;;Kidnapped;\n2/1990;12/31/1991;Span;\n"
    timeline = import_timelinejs_csv(text, "v1.csv")
    assert [(e.date, e.end) for e in timeline.events] == [
        (PartialDate(1985, 2, 7), None),
        (PartialDate(1990, 2), PartialDate(1991, 12, 31)),
    ]


def test_load_picks_the_format_by_suffix(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text(HEADER + "1985,,,,,,,,,Row,,,,,,,,\n", encoding="utf-8")
    (tmp_path / "t.json").write_text(_json(_slide()), encoding="utf-8")
    assert load_timelinejs(tmp_path / "t.csv").events[0].title == "Row"
    assert load_timelinejs(tmp_path / "t.json").events[0].title == "Something"
    assert load_timelinejs(tmp_path / "t.json").title == "t"  # no title slide: the file's name
    assert is_timelinejs_file("x.JSON") and is_timelinejs_file("x.csv")
    assert not is_timelinejs_file("x.yaml")


def test_load_reports_unreadable_files_as_load_errors(tmp_path: Path) -> None:
    (tmp_path / "latin1.csv").write_bytes(b"Year,Headline\n1985,Caf\xe9\n")
    for path, words in [
        (tmp_path / "missing.json", "no such file"),
        (tmp_path, "is a folder"),
        (tmp_path / "latin1.csv", "not UTF-8 text (byte 0xe9)"),
    ]:
        with pytest.raises(LoadError) as caught:
            load_timelinejs(path)
        assert words in caught.value.problems[0].message

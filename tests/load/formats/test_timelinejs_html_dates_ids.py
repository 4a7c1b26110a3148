"""The small pieces under the importer: HTML to text, TimelineJS dates, ids."""

from __future__ import annotations

import pytest

from timeline_viewer.domain.dates import PartialDate
from timeline_viewer.load.formats.html_text import html_to_text, parse_html
from timeline_viewer.load.formats.ids import IdAllocator, slugify
from timeline_viewer.load.formats.timelinejs_dates import (
    TimelineJSDateError,
    combine,
    from_timelinejs_year,
    parse_display,
    parse_display_period,
    read_timelinejs_date,
    timelinejs_date,
    to_timelinejs_year,
)

# -- HTML ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("plain   text\nwrapped", "plain text wrapped"),
        ("<p>one</p><p>two</p>", "one\n\ntwo"),  # paragraphs stay apart
        ("<p>one</p>\n   <p>two</p>", "one\n\ntwo"),
        ("<p>one<br>two</p><p>three</p>", "one\ntwo\n\nthree"),
        ("<div>one</div><div>two</div>", "one\ntwo"),  # blocks, not paragraphs
        ("a<br>b<br/>c</br>d", "a\nb\nc\nd"),
        ("a<br><br>b", "a\n\nb"),
        ("<div><p>nested</p></div>after", "nested\n\nafter"),
        ("x<script>alert('<p>')</script>y<style>b{}</style>z", "xyz"),
        ("<!-- hidden -->shown", "shown"),
        ("<ul><li>one</li><li>two</li></ul>", "- one\n- two"),
        ("Fish &amp; chips &lt;3 &eacute; &#233; &#xe9; &bogus;", "Fish & chips <3 é é é &bogus;"),
        ("<a href='https://x.org'>link</a> text", "link text"),
        ("<pre>  keep\n   this</pre>", "  keep\n   this"),
        ("two&nbsp;&nbsp;spaces &nbsp;kept", "two  spaces  kept"),
        ("&nbsp;lead and trail&nbsp;", " lead and trail "),
        ("tab&#9;kept, raw\ttab not", "tab\tkept, raw tab not"),
        ("raw\xa0nbsp", "raw\xa0nbsp"),
        ("<p>unclosed <b>bold", "unclosed bold"),
        ("stray</p> end tag", "stray\n\nend tag"),  # a browser makes it <p></p>
        ("<iframe src='https://e.org'></iframe>caption", "caption"),
    ],
)
def test_html_becomes_the_text_a_reader_sees(fragment: str, text: str) -> None:
    assert html_to_text(fragment) == text


def test_annotations_and_links_are_collected_and_meta_is_hidden() -> None:
    content = parse_html(
        "<p>Body <a href='https://a.org'>a</a></p>"
        '<div class="x tlv-meta"><span data-tlv-tag="t1">t1</span>'
        '<li data-tlv-source="s" data-tlv-title="A &amp; B">A</li></div>'
        "<iframe src='https://b.org/embed'></iframe>"
    )
    assert content.text == "Body a"
    assert [a.values for a in content.annotations] == [
        {"tag": "t1"},
        {"source": "s", "title": "A & B"},
    ]
    assert content.links == ("https://a.org", "https://b.org/embed")


# -- TimelineJS dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("timelinejs", "ours"),
    [(1985, 1985), (1, 1), (-1, 0), (-44, -43), (-13_800_000_000, -13_799_999_999)],
)
def test_year_numbering_both_ways(timelinejs: int, ours: int) -> None:
    assert from_timelinejs_year(timelinejs) == ours
    assert to_timelinejs_year(ours) == timelinejs


def test_timelinejs_date_keeps_precision_and_converts_bce() -> None:
    assert timelinejs_date(PartialDate(-43, 3, 15)) == {"year": -44, "month": 3, "day": 15}
    assert timelinejs_date(PartialDate(1985, 2)) == {"year": 1985, "month": 2}
    assert timelinejs_date(PartialDate(1985, approximate=True)) == {"year": 1985}


def test_reading_a_date_object() -> None:
    read = read_timelinejs_date({"year": "2000", "month": "01", "day": "05", "hour": "6"})
    assert read is not None
    assert (read.date, read.time_dropped) == (PartialDate(2000, 1, 5), True)
    empty_time = read_timelinejs_date({"year": 2014, "hour": "", "minute": "0", "format": ""})
    assert empty_time is not None and not empty_time.time_dropped
    assert read_timelinejs_date({"year": ""}) is None
    assert read_timelinejs_date({}) is None
    with pytest.raises(TimelineJSDateError) as caught:
        read_timelinejs_date({"year": 1985, "month": [1]})
    assert caught.value.field == "month"
    with pytest.raises(TimelineJSDateError):
        read_timelinejs_date("1985")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("1985", PartialDate(1985)),
        ("Feb 1985", PartialDate(1985, 2)),
        ("7 February 1985", PartialDate(1985, 2, 7)),
        ("February 7, 1985", PartialDate(1985, 2, 7)),
        ("c. 44 BCE", PartialDate(-43, approximate=True)),
        ("15 Mar 44 BC?", PartialDate(-43, 3, 15, uncertain=True)),
        ("13,800,000,000 BCE", PartialDate(-13_799_999_999)),
        ("AD 33", None),
        ("33 AD", PartialDate(33)),
        ("1985-02~", PartialDate(1985, 2, approximate=True)),
        ("0 BCE", None),
        ("31 Feb 1985", None),
        ("Summer 1985", None),
    ],
)
def test_parse_display(text: str, date: PartialDate | None) -> None:
    assert parse_display(text) == date


def test_parse_display_period() -> None:
    assert parse_display_period("1980 \u2013 c. 1985") == (
        PartialDate(1980),
        PartialDate(1985, approximate=True),
    )
    assert parse_display_period("Jun 1985 - 1985") == (PartialDate(1985, 6), PartialDate(1985))
    assert parse_display_period("1912") == (PartialDate(1912), None)
    assert parse_display_period("from dawn to dusk") is None


def test_combine_keeps_the_numbers_and_takes_qualifiers() -> None:
    numeric = PartialDate(1912, 1, 1)
    assert combine(PartialDate(1912, approximate=True), numeric) == PartialDate(
        1912, 1, 1, approximate=True
    )
    assert combine(PartialDate(1912, 6, 3), PartialDate(1912)) == PartialDate(1912, 6, 3)
    assert combine(PartialDate(1913), numeric) is None
    assert combine(PartialDate(1912, 2), numeric) is None


# -- ids ------------------------------------------------------------------------------


def test_slugify() -> None:
    assert slugify("Muhammad Migrates from Mecca to Medina", "x") == (
        "muhammad-migrates-from-mecca-to-medina"
    )
    assert slugify("Treviño: Z-40!", "x") == "trevino-z-40"
    assert slugify("!!!", "fallback") == "fallback"
    long = slugify("word " * 30, "x")
    assert len(long) <= 60 and not long.endswith("-") and long.startswith("word-word")


def test_allocator_reserves_exact_ids_and_numbers_the_rest() -> None:
    ids = IdAllocator()
    assert ids.reserve("kept")
    assert not ids.reserve("kept") and not ids.reserve("Not Slug")
    assert [ids.allocate("kept"), ids.allocate("kept"), ids.allocate("new")] == [
        "kept-2",
        "kept-3",
        "new",
    ]
    assert "kept-3" in ids


def test_allocator_numbers_a_long_run_of_one_base_around_ids_taken_meanwhile() -> None:
    ids = IdAllocator()
    ids.reserve("log-3")
    ids.reserve("log-2-2")
    given = [ids.allocate("log") for _ in range(5)]
    ids.reserve("log-7")
    given += [ids.allocate("log") for _ in range(3)]
    given += [ids.allocate("log-2"), ids.allocate("log-2")]
    assert given == [
        "log",
        "log-2",
        "log-4",
        "log-5",
        "log-6",
        "log-8",
        "log-9",
        "log-10",
        "log-2-3",
        "log-2-4",
    ]
    assert len({ids.allocate("day") for _ in range(2_000)}) == 2_000

"""TimelineJS 2 files: {"timeline": {"headline", "date": [...], "era": [...]}}, imported."""

from __future__ import annotations

import json
from typing import Any

from timeline_viewer.domain.dates import PartialDate
from timeline_viewer.domain.model import Media, Timeline
from timeline_viewer.load.formats.timelinejs import import_timelinejs_json
from timeline_viewer.load.loader import Problem


def _import(timeline: dict[str, Any], warnings: list[Problem] | None = None) -> Timeline:
    return import_timelinejs_json(json.dumps({"timeline": timeline}), "old.json", warnings=warnings)


def test_a_newsroom_timelinejs2_file_is_imported() -> None:
    warnings: list[Problem] = []
    timeline = _import(
        {
            "headline": "The <b>Franco-Prussian</b> War",
            "type": "default",
            "text": "<p>How it began.</p>",
            "startDate": "1870",
            "asset": {"media": "https://example.org/map.jpg", "caption": "Europe, 1870"},
            "date": [
                {
                    "startDate": "1870,7,13",
                    "headline": "Ems Dispatch",
                    "text": "<p>A telegram, edited.</p>",
                    "tag": "Diplomacy",
                    "asset": {
                        "media": "https://example.org/ems.jpg",
                        "credit": "<a href='https://archive.example.org/'>Archive</a>",
                        "caption": "The telegram",
                        "thumbnail": "https://example.org/t.jpg",
                    },
                },
                {
                    "startDate": "1870,7,19",
                    "endDate": "1871,5,10",
                    "headline": "War",
                    "text": "",
                    "asset": {"media": "", "credit": "", "caption": ""},
                },
                {"startDate": "1871,1,18,14,30", "headline": "Empire proclaimed"},
                {"startDate": 1872, "headline": "Numbers too"},
            ],
            "era": [{"startDate": "1870,7,19", "endDate": "1871,5,10", "headline": "The war"}],
        },
        warnings,
    )
    assert timeline.title == "The Franco-Prussian War"
    assert timeline.description == "How it began."
    assert timeline.media is not None
    assert timeline.media == Media(url="https://example.org/map.jpg", caption="Europe, 1870")
    by_title = {e.title: e for e in timeline.events}
    ems = by_title["Ems Dispatch"]
    assert (ems.date, ems.summary, ems.tags) == (
        PartialDate(1870, 7, 13),
        "A telegram, edited.",
        ("Diplomacy",),
    )
    assert ems.media == Media(
        url="https://example.org/ems.jpg",
        caption="The telegram",
        credit="Archive (https://archive.example.org/)",
        thumbnail="https://example.org/t.jpg",
    )
    assert (by_title["War"].date, by_title["War"].end) == (
        PartialDate(1870, 7, 19),
        PartialDate(1871, 5, 10),
    )
    assert by_title["Empire proclaimed"].date == PartialDate(1871, 1, 18)
    assert by_title["Numbers too"].date == PartialDate(1872)
    assert "era" in by_title["The war"].tags
    assert [w.message for w in warnings] == [
        "1 date(s) have a time of day; times are not kept (dates stop at the day)"
    ]


def test_odd_timelinejs2_slides_are_left_out_with_their_place() -> None:
    warnings: list[Problem] = []
    timeline = _import(
        {
            "headline": "Odd",
            "date": [
                {"startDate": "1985,2,7", "headline": "Fine"},
                "not a slide",
                {"startDate": "1985,13,1", "headline": "Bad month"},
                {"headline": "No date"},
                [{"startDate": "1986", "headline": "Listed"}],
                {"startDate": "2/7/1987", "headline": "US style"},
                {"startDate": "-44,3,15", "headline": "Ides"},
            ],
        },
        warnings,
    )
    assert sorted(e.title for e in timeline.events) == ["Fine", "Ides", "Listed", "US style"]
    dates = {e.title: e.date for e in timeline.events}
    assert dates["US style"] == PartialDate(1987, 2, 7)
    assert dates["Ides"] == PartialDate(-43, 3, 15)
    assert [(w.path, w.message) for w in warnings] == [
        ("timeline.date[4]", "a slide written as a one-element list: read as the slide"),
        ("timeline.date[1]", "expected a slide object, got text: not imported"),
        (
            "timeline.date[2].start_date.month",
            'there is no month 13: slide "Bad month" not imported',
        ),
        ("timeline.date[3]", "no start date with a year: skipped, as TimelineJS skips it"),
    ]

"""Display dates of ranges keep their qualifiers, as single dates do."""

from __future__ import annotations

import json

import pytest

from timeline_viewer.domain.dates import PartialDate
from timeline_viewer.load.formats.timelinejs import import_timelinejs_csv, import_timelinejs_json

C = {"approximate": True}


@pytest.mark.parametrize(
    ("start", "end", "shown", "date", "until"),
    [
        (33, 34, "c. 33-34 C.E.", PartialDate(33, **C), PartialDate(34, **C)),
        (33, None, "c. 33-34 C.E.", PartialDate(33, **C), PartialDate(34, **C)),
        (34, None, "c. 34 C.E.", PartialDate(34, **C), None),
        (-44, -40, "44-40 BCE", PartialDate(-43), PartialDate(-39)),
        (-44, -40, "44 \u2013 40 BCE", PartialDate(-43), PartialDate(-39)),
        (1939, 1945, "1939-45", PartialDate(1939), PartialDate(1945)),
        (1912, 1915, "c. 1912 \u2013 1915", PartialDate(1912, **C), PartialDate(1915)),
        (
            1912,
            1915,
            "ca. 1912\u20131915?",
            PartialDate(1912, **C),
            PartialDate(1915, **C, uncertain=True),
        ),
    ],
)
def test_qualifiers_on_ranges_are_kept(
    start: int, end: int | None, shown: str, date: PartialDate, until: PartialDate | None
) -> None:
    slide: dict[str, object] = {"start_date": {"year": start}, "display_date": shown}
    if end is not None:
        slide["end_date"] = {"year": end}
    (event,) = import_timelinejs_json(json.dumps({"events": [slide]}), "in.json").events
    assert (event.date, event.end) == (date, until)
    assert event.note is None  # the display agreed; its wording stays what readers read
    assert event.display_date in (None, shown)


def test_a_range_that_disagrees_with_the_numbers_is_kept_as_the_display_date() -> None:
    slide = {"start_date": {"year": 33}, "end_date": {"year": 36}, "display_date": "c. 33-34 C.E."}
    (event,) = import_timelinejs_json(json.dumps({"events": [slide]}), "in.json").events
    assert (event.date, event.end) == (PartialDate(33), PartialDate(36))
    assert (event.note, event.display_date) == (None, "c. 33-34 C.E.")


def test_spreadsheet_display_dates_of_ranges_too() -> None:
    text = "Year,End Year,Display Date,Headline\n33,34,c. 33-34 C.E.,Crucifixion\n"
    (event,) = import_timelinejs_csv(text, "sheet.csv").events
    assert event.when == "c. 33 \u2013 c. 34"

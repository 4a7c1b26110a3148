"""One odd part of a TimelineJS file never refuses the rest: repaired, or left out and said."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from timeline_viewer.load.formats.timelinejs import import_timelinejs_json
from timeline_viewer.load.loader import LoadError, Problem


def _slide(year: int, headline: str, **fields: Any) -> dict[str, Any]:
    return {"start_date": {"year": year}, "text": {"headline": headline}, **fields}


def _import(document: dict[str, Any]) -> tuple[list[str], list[str], str]:
    warnings: list[Problem] = []
    timeline = import_timelinejs_json(json.dumps(document), "in.json", warnings=warnings)
    # Lines are tested on their own below: these documents are one line each.
    said = [re.sub(r"^in\.json:1:\d+: ", "in.json: ", str(w)) for w in warnings]
    return [e.title for e in timeline.events], said, timeline.title


def test_a_title_written_as_a_one_element_list_is_read() -> None:
    events = [_slide(1900 + i, f"Event {i}") for i in range(300)]
    document = {"title": [{"text": {"headline": "The title", "text": "About"}}], "events": events}
    titles, warnings, title = _import(document)
    assert title == "The title"
    assert len(titles) == 300
    assert warnings == ["in.json: title: a slide written as a one-element list: read as the slide"]


def test_one_element_lists_inside_a_slide_are_read_too() -> None:
    slide = {"start_date": [{"year": 1985}], "text": [{"headline": "Listed"}]}
    titles, warnings, _ = _import({"events": [slide]})
    assert titles == ["Listed"]
    assert warnings == ["in.json: events[0].text: a one-element list: read as the object it holds"]


@pytest.mark.parametrize(
    ("bad", "said"),
    [
        ("just text", "expected a slide object, got text"),
        (42, "expected a slide object, got a number"),
        (None, "expected a slide object, got nothing"),
        (
            [{"text": {"headline": "First"}}, {"text": {"headline": "Second"}}],
            'expected a slide object, got a list ("First")',
        ),
    ],
)
def test_a_slide_that_cannot_be_read_is_left_out_and_named(bad: object, said: str) -> None:
    titles, warnings, _ = _import({"events": [_slide(1, "Before"), bad, _slide(3, "After")]})
    assert titles == ["Before", "After"]
    assert warnings == [f"in.json: events[1]: {said}: not imported"]


def test_a_slide_with_a_date_that_is_not_a_date_is_left_out_with_its_headline() -> None:
    bad = {"start_date": {"year": 1985, "month": 13}, "text": {"headline": "<b>Odd</b> month"}}
    titles, warnings, _ = _import({"events": [_slide(1, "Kept"), bad]})
    assert titles == ["Kept"]
    assert warnings == [
        'in.json: events[1].start_date.month: there is no month 13: slide "Odd month" not imported'
    ]


def test_a_file_where_no_slide_can_be_read_is_still_refused() -> None:
    with pytest.raises(LoadError) as caught:
        import_timelinejs_json(json.dumps({"events": ["a", 2]}), "in.json")
    assert [p.path for p in caught.value.problems] == ["events[0]", "events[1]"]


def test_eras_named_in_other_keys_are_read() -> None:
    era = {"start_date": {"year": 1900}, "end_date": {"year": 1950}}
    document = {
        "events": [_slide(1910, "Inside")],
        "eras": [{**era, "title": "Titled era"}, {**era, "headline": "Headlined era"}],
    }
    titles, warnings, _ = _import(document)
    assert sorted(titles) == ["Headlined era", "Inside", "Titled era"]
    assert warnings == []


def test_an_era_with_no_name_anywhere_is_warned_with_what_it_holds() -> None:
    era = {"start_date": {"year": 1900}, "end_date": {"year": 1950}, "label": "Gilded"}
    titles, warnings, _ = _import({"events": [_slide(1910, "Inside")], "eras": era})
    assert "Untitled era (1900)" in titles
    assert warnings == [
        'in.json: eras[0]: no headline, text or caption; its keys: label: named "Untitled era (1900)"'
    ]


# -- JSON that is not TimelineJS at all --------------------------------------------------


@pytest.mark.parametrize(
    ("document", "said"),
    [
        (
            {"events": [{"begin": "1985-02-07", "end": "1985-03-05", "name": "Kidnapping"}]},
            'its "events" have keys "begin", "end", "name", and none a TimelineJS key',
        ),
        (
            [{"date": "1985", "title": "x"}, {"date": "1986", "title": "y"}],
            'it is a list of 2 objects with keys "date", "title"',
        ),
        ({"items": [], "name": "mine"}, 'no "events" list, only keys "items", "name"'),
        ({}, "an empty object"),
        (
            {"format": "timeline-viewer", "version": 1, "events": []},
            "this program's own JSON export",
        ),
        ("just a string", "it is text"),
    ],
)
def test_json_that_is_not_timelinejs_says_so_and_what_was_expected(
    document: object, said: str
) -> None:
    with pytest.raises(LoadError) as caught:
        import_timelinejs_json(json.dumps(document), "in.json")
    (problem,) = caught.value.problems
    assert problem.message.startswith("not a TimelineJS file: ")
    assert said in problem.message
    assert '"start_date" ({"year": 1985' in problem.message
    assert "no events" not in problem.message


def test_a_timelinejs_file_with_some_unknown_keys_is_still_read() -> None:
    document = {"events": [{"begin": 1}, _slide(1985, "Real")]}
    titles, warnings, _ = _import(document)
    assert titles == ["Real"]
    assert [w.split(": ")[1] for w in warnings] == ["events[0]"]


def test_warnings_and_refusals_name_the_line_of_the_slide() -> None:
    document = {
        "title": [{"text": {"headline": "T"}}],
        "events": [
            _slide(1, "First"),
            "odd",
            {"start_date": {"year": 1985, "month": 13}, "text": {"headline": "Bad"}},
        ],
        "eras": [{"start_date": {"year": 1}, "end_date": {"year": 2}}],
    }
    text = json.dumps(document, indent=2)
    lines = text.splitlines()
    warnings: list[Problem] = []
    import_timelinejs_json(text, "in.json", warnings=warnings)
    where = {w.path: (w.line, w.column) for w in warnings}
    odd = next(i for i, line in enumerate(lines, 1) if line.strip() == '"odd",')
    assert where["events[1]"] == (odd, 5)
    assert where["title"] == (2, 12)
    bad_line = where["events[2].start_date.month"][0]
    assert lines[bad_line - 1].strip() == "{" and '"year": 1985' in lines[bad_line + 1]
    assert where["eras[0]"][0] > bad_line
    with pytest.raises(LoadError) as caught:
        import_timelinejs_json('{"events": [\n  1,\n  2\n]}', "in.json")
    assert [str(p) for p in caught.value.problems] == [
        "in.json:2:3: events[0]: expected a slide object, got a number",
        "in.json:3:3: events[1]: expected a slide object, got a number",
    ]


def test_a_timelinejs2_slide_is_located_too() -> None:
    text = '{"timeline": {"headline": "x", "date": [\n {"startDate": "1985", "headline": "h"},\n 7\n]}}'
    warnings: list[Problem] = []
    import_timelinejs_json(text, "in.json", warnings=warnings)
    assert [str(w) for w in warnings] == [
        "in.json:3:2: timeline.date[1]: expected a slide object, got a number: not imported"
    ]


def test_warnings_come_in_file_order() -> None:
    events = [
        {"start_date": {"year": 1}, "text": {"headline": "a"}, "media": {"url": "/img/a.jpg"}},
        ["odd"],
        {"start_date": {"year": 3}, "text": {"headline": "c"}, "media": {"url": "/img/c.jpg"}},
    ]
    warnings: list[Problem] = []
    import_timelinejs_json(json.dumps({"events": events}, indent=2), "in.json", warnings=warnings)
    assert [w.path for w in warnings] == [
        "events[0].media.url",
        "events[1]",
        "events[2].media.url",
    ]
    lines = [w.line or 0 for w in warnings]
    assert lines == sorted(lines)

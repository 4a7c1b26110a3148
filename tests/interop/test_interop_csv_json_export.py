"""export_csv for spreadsheets, and the documented shape of export_json for scripts."""

from __future__ import annotations

import csv
import io
import json

from timeline_viewer.domain.dates import PartialDate
from timeline_viewer.domain.model import Background, Entity, Event, Media, Timeline
from timeline_viewer.export.json_records import export_json
from timeline_viewer.interop.csv_export import COLUMNS, export_csv
from timeline_viewer.query.index import TimelineIndex


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_one_row_per_event_under_a_header(sample_timeline: Timeline) -> None:
    text = export_csv(TimelineIndex(sample_timeline))
    assert text.startswith(",".join(COLUMNS) + "\r\n")
    rows = _rows(text)
    assert [r["id"] for r in rows] == [e.id for e in sample_timeline.events]
    kidnapped = rows[1]
    assert kidnapped == {
        "id": "camarena-kidnapped",
        "date": "1985-02-07",
        "end": "",
        "when": "7 Feb 1985",
        "precision": "day",
        "title": "Agent Enrique Camarena kidnapped",
        "summary": "Taken outside the US consulate in\nGuadalajara by armed men.",
        "entities": "Enrique Camarena; Rafael Caro Quintero; Drug Enforcement Administration",
        "place": "Guadalajara",
        "tags": "kidnapping; dea",
        "sources": "https://news.example/article?id=1&lang=en",
        "note": "",
        "reported": "",
        "display_date": "",
        "media_url": "",
        "media_caption": "",
        "media_credit": "",
    }
    era = rows[0]
    assert (era["date"], era["end"], era["when"]) == ("1978~", "1989", "c. 1978 \u2013 1989")
    assert rows[2]["sources"] == "https://news.example/article?id=1&lang=en; A history book"


def test_selection_and_no_events(sample_timeline: Timeline) -> None:
    index = TimelineIndex(sample_timeline)
    assert [r["id"] for r in _rows(export_csv(index, [6, 0]))] == ["transfer", "cartel-era"]
    assert export_csv(index, []) == ",".join(COLUMNS) + "\r\n"


def test_cells_that_a_spreadsheet_would_run_are_defused() -> None:
    event = Event(
        id="e",
        date=PartialDate(-43),
        title='=HYPERLINK("http://evil.example","click")',
        summary="+1+1",
        tags=("@SUM(A1)", "-2", "safe"),
        note="\t=tab",
    )
    (row,) = _rows(export_csv(TimelineIndex(Timeline(title="T", events=(event,)))))
    assert row["title"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["summary"] == "'+1+1"
    assert row["tags"] == "'@SUM(A1); -2; safe"
    assert row["note"] == "'\t=tab"
    assert row["date"] == "'-0043"  # text, not the number -43
    assert row["when"] == "44 BCE"


def test_json_export_has_the_documented_shape(sample_timeline: Timeline) -> None:
    # The shape documented in src/timeline_viewer/interop/README.md.
    document = json.loads(export_json(TimelineIndex(sample_timeline), [1], filter_text="dea"))
    assert list(document) == [
        "format",
        "version",
        "title",
        "description",
        "media",
        "background",
        "filter",
        "total_events",
        "events",
        "entities",
        "sources",
    ]
    assert (document["format"], document["version"], document["filter"]) == (
        "timeline-viewer",
        1,
        "dea",
    )
    (event,) = document["events"]
    assert list(event) == [
        "id",
        "date",
        "end",
        "when",
        "precision",
        "title",
        "summary",
        "entities",
        "place",
        "tags",
        "sources",
        "note",
        "reported",
        "display_date",
        "media",
        "background",
    ]
    assert list(document["entities"][0]) == [
        "id",
        "name",
        "kind",
        "aliases",
        "summary",
        "related",
        "born",
        "died",
        "events",
    ]
    assert list(document["sources"][0]) == ["id", "title", "publisher", "published", "url"]


def _wide(place_listed: bool) -> Timeline:
    people = tuple(Entity(id=f"p{n}", name=f"Person {n}", kind="person") for n in range(500))
    town = Entity(id="town", name="Town", kind="place")
    listed = (*(p.id for p in reversed(people)), *(("town",) if place_listed else ()))
    event = Event(id="e", date=PartialDate(2000), title="All", entities=listed, place="town")
    return Timeline(title="T", events=(event,), entities=(*people, town))


def test_a_wide_event_lists_its_entities_in_order_and_its_place_apart() -> None:
    for place_listed in (False, True):
        (row,) = _rows(export_csv(TimelineIndex(_wide(place_listed))))
        names = [f"Person {n}" for n in range(499, -1, -1)] + (["Town"] if place_listed else [])
        assert row["entities"] == "; ".join(names)
        assert row["place"] == "Town"


def _pictured() -> TimelineIndex:
    media = Media("media/a.jpg", caption="=cmd|x", credit="AP")
    events = (
        Event("m", PartialDate(2017, 9, 13), "M", media=media, display_date="13 сентября"),
        Event("n", PartialDate(2017), "N", background=Background(color="#102030")),
    )
    return TimelineIndex(Timeline(title="T", events=events, media=Media("https://x.example/t.jpg")))


def test_csv_has_the_media_and_the_display_date() -> None:
    pictured, plain = _rows(export_csv(_pictured()))
    assert pictured["display_date"] == "13 сентября"
    assert pictured["media_url"] == "media/a.jpg"
    assert pictured["media_caption"] == "'=cmd|x"  # defused like every cell
    assert pictured["media_credit"] == "AP"
    assert [plain[c] for c in ("display_date", "media_url", "media_caption")] == ["", "", ""]


def test_json_has_media_and_background_objects_with_every_field() -> None:
    document = json.loads(export_json(_pictured()))
    assert document["media"] == {
        "url": "https://x.example/t.jpg",
        "caption": None,
        "credit": None,
        "thumbnail": None,
        "alt": None,
    }
    assert document["background"] is None
    pictured, plain = document["events"]
    assert pictured["display_date"] == "13 сентября"
    assert pictured["media"] == {
        "url": "media/a.jpg",
        "caption": "=cmd|x",
        "credit": "AP",
        "thumbnail": None,
        "alt": None,
    }
    assert pictured["background"] is None
    assert (plain["media"], plain["display_date"]) == (None, None)
    assert plain["background"] == {"url": None, "color": "#102030", "alt": None}

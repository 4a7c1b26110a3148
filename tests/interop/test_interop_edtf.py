"""EDTF forms through every writer: YAML exact, JSON/CSV as written, TimelineJS the nearest."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline_viewer.domain.dates import OpenEnd, Unspecified
from timeline_viewer.export.json_records import event_record
from timeline_viewer.interop.csv_export import export_csv
from timeline_viewer.interop.timelinejs_export import timelinejs_document
from timeline_viewer.interop.yaml_writer import timeline_to_yaml
from timeline_viewer.load.formats.timelinejs import load_timelinejs
from timeline_viewer.load.loader import parse_timeline
from timeline_viewer.query.index import TimelineIndex

HEAD = "schema: 1\ntitle: T\nevents:\n"

dates = st.one_of(
    st.integers(100, 999).map(lambda d: f"{d}X"),
    st.integers(10, 99).map(lambda c: f"{c}XX"),
    st.integers(1000, 2099).map(lambda y: f"{y}-XX"),
    st.integers(1000, 2099).map(lambda y: f"{y}-XX-XX"),
    st.tuples(st.integers(1000, 2099), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}-XX"),
    st.integers(1000, 2099).map(str),
)
qualifiers = st.sampled_from(["", "~", "?", "%"])
ends = st.sampled_from([None, "..", "unknown", "Y10000"])


def file_of(items: list[tuple[str, str, str | None]]) -> str:
    text = HEAD
    for n, (date, qualifier, end) in enumerate(items):
        text += f"  - id: e{n}\n    date: {date}{qualifier}\n    title: Event {n}\n"
        if end is not None:
            text += f"    end: {end}\n"
    return text


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(dates, qualifiers, ends), min_size=1, max_size=6))
def test_yaml_round_trip_is_exact(items: list[tuple[str, str, str | None]]) -> None:
    timeline = parse_timeline(file_of(items), "t.yaml")
    written = timeline_to_yaml(timeline)
    again = parse_timeline(written, "again.yaml")
    assert [(e.id, e.date, e.end, e.open_end) for e in again.events] == [
        (e.id, e.date, e.end, e.open_end) for e in timeline.events
    ]
    for n, (date, qualifier, end) in enumerate(items):
        assert f"date: {date.upper()}{qualifier}" in written or f"date: '{date}" in written
        if end in ("..", "unknown"):
            assert f"    end: {end}\n" in written.split(f"id: e{n}\n", 1)[1]


def test_json_and_csv_write_the_end_as_the_file_does() -> None:
    timeline = parse_timeline(
        file_of([("198X", "?", ".."), ("1985-04-XX", "", "unknown"), ("19XX", "", "1985")]),
        "t.yaml",
    )
    records = {e.id: event_record(e) for e in timeline.events}
    e0 = records["e0"]
    assert (e0["date"], e0["end"], e0["when"]) == ("198X?", "..", "198X? \u2013 ongoing")
    assert (records["e1"]["date"], records["e1"]["end"]) == ("1985-04-XX", "unknown")
    assert records["e1"]["precision"] == "month"
    assert (records["e2"]["date"], records["e2"]["end"]) == ("19XX", "1985")
    json.dumps(records)
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(export_csv(TimelineIndex(timeline))))}
    assert (rows["e0"]["date"], rows["e0"]["end"]) == ("198X?", "..")
    assert (rows["e1"]["date"], rows["e1"]["end"]) == ("1985-04-XX", "unknown")


def test_timelinejs_gets_the_nearest_date_and_the_original_to_read(tmp_path: Path) -> None:
    timeline = parse_timeline(
        file_of(
            [
                ("198X", "", ".."),
                ("1985-04-XX", "", "unknown"),
                ("19XX", "~", None),
                ("1990", "", "2000"),
            ]
        ),
        "t.yaml",
    )
    document = timelinejs_document(TimelineIndex(timeline))
    slides = {s["unique_id"]: s for s in document["events"]}
    assert slides["e0"]["start_date"] == {"year": 1980}
    assert "end_date" not in slides["e0"]  # TimelineJS has no open end
    assert slides["e0"]["display_date"] == "198X \u2013 ongoing"
    assert slides["e1"]["start_date"] == {"year": 1985, "month": 4}
    assert slides["e1"]["display_date"] == "Apr 1985 \u2013 unknown"
    assert slides["e2"]["start_date"] == {"year": 1900}
    assert slides["e2"]["display_date"] == "c. 19XX"
    assert slides["e3"]["end_date"] == {"year": 2000}
    # Read back, the display gives back what the numbers could not hold.
    path = tmp_path / "t.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    back = {e.id: e for e in load_timelinejs(path).events}
    assert back["e0"].date.unspecified is Unspecified.DECADE
    assert back["e0"].open_end is OpenEnd.ONGOING and back["e0"].end is None
    assert back["e1"].open_end is OpenEnd.UNKNOWN
    assert back["e2"].date == timeline.events[0].date
    # Lost: an unspecified day shows as its month, so it comes back as the month.
    assert back["e1"].date.unspecified is Unspecified.NONE
    assert back["e1"].date.edtf() == "1985-04"

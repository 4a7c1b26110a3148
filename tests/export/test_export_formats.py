"""The one choice of writer per export format, as the TUI's export dialog uses it."""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from timeline_viewer.export.formats import (
    FORMATS_BY_NAME,
    TEXT_FORMATS,
    RenderOptions,
    export_stamp,
    render,
    with_extension,
)
from timeline_viewer.export.json_records import export_json
from timeline_viewer.export.markdown import Extras, export_markdown
from timeline_viewer.interop.csv_export import export_csv
from timeline_viewer.interop.ftm_export import export_ftm
from timeline_viewer.interop.ics_export import export_ics
from timeline_viewer.interop.markwhen_export import export_markwhen
from timeline_viewer.interop.timelinejs_export import export_timelinejs
from timeline_viewer.load.loader import bundled_timeline_path, load
from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.query.language import parse_query
from timeline_viewer.query.marks import Marks


@pytest.fixture(scope="module")
def index() -> TimelineIndex:
    return TimelineIndex(load(bundled_timeline_path()).timeline)


def _text(rendered: str | Iterator[str]) -> str:
    return rendered if isinstance(rendered, str) else "".join(rendered)


def test_each_format_is_its_writers_text(index: TimelineIndex) -> None:
    positions = parse_query("year:1985").select(index)
    stamp = datetime.datetime(2020, 1, 2, tzinfo=datetime.UTC)
    options = RenderOptions(filter_text="year:1985", stamp=stamp)
    expected = {
        "markdown": export_markdown(index, positions, filter_text="year:1985"),
        "json": export_json(index, positions, filter_text="year:1985"),
        "csv": export_csv(index, positions),
        "timelinejs": export_timelinejs(index, positions),
        "markwhen": export_markwhen(index, positions),
        "ics": export_ics(index, positions, stamp=stamp).text,
        "ftm": export_ftm(index, positions),
    }
    assert set(expected) == set(FORMATS_BY_NAME)
    for name, text in expected.items():
        assert _text(render(name, index, positions, options).text) == text, name


def test_markdown_extras_reach_the_document(index: TimelineIndex) -> None:
    positions = parse_query("year:1985").select(index)
    marks = Marks(frozenset({"camarena-kidnapped"}), {"camarena-kidnapped": "remember"})
    extras = Extras(marks=marks, connections=True)
    text = _text(render("markdown", index, positions, RenderOptions(extras=extras)).text)
    assert "My note" in text and "remember" in text
    assert "Who appears with whom" in text


def test_extras_and_unknown_names_are_refused(index: TimelineIndex) -> None:
    with pytest.raises(ValueError, match="Markdown export only"):
        render("csv", index, [0], RenderOptions(extras=Extras(connections=True)))
    with pytest.raises(ValueError, match="unknown export format"):
        render("svg", index, [0])


def test_ics_counts_what_it_wrote_and_says_what_it_left_out(index: TimelineIndex) -> None:
    positions = range(len(index))
    rendered = render("ics", index, positions)
    calendar = export_ics(index, positions, stamp=RenderOptions().stamp)
    assert rendered.written == calendar.written
    assert len(rendered.warnings) == len(calendar.left_out)


def test_json_is_json(index: TimelineIndex) -> None:
    document = json.loads(_text(render("json", index, [0, 1]).text))
    assert len(document["events"]) == 2


def test_the_extension_follows_the_format() -> None:
    csv, ftm, markdown = FORMATS_BY_NAME["csv"], FORMATS_BY_NAME["ftm"], FORMATS_BY_NAME["markdown"]
    assert with_extension("timeline.md", csv) == "timeline.csv"
    assert with_extension("out/x.ftm.json", markdown) == "out/x.md"
    assert with_extension("x.JSON", ftm) == "x.ftm.json"
    # A name of the user's own making is theirs: another extension, or none, is kept.
    assert with_extension("report.txt", csv) == "report.txt"
    assert with_extension("report", csv) == "report"
    assert with_extension(".md", csv) == ".md"
    assert len({f.name for f in TEXT_FORMATS}) == len(TEXT_FORMATS)


def test_the_ics_stamp_is_when_the_data_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    source = tmp_path / "t.yaml"
    source.write_text("x", encoding="utf-8")
    os.utime(source, (1_000_000, 1_000_000))
    assert export_stamp(source).timestamp() == 1_000_000
    assert export_stamp(None).timestamp() == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "42")
    assert export_stamp(source).timestamp() == 42

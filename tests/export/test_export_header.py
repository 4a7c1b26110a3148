"""The export's first line says in words what was exported, when and from which file."""

from __future__ import annotations

import datetime

import pytest

from timeline_viewer.export.markdown import ExportNote, export_markdown
from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.query.language import parse_query

DAY = datetime.date(2026, 12, 4)


def _header(index: TimelineIndex, filter_text: str, note: ExportNote) -> str:
    positions = list(parse_query(filter_text).select(index)) if filter_text else None
    document = export_markdown(index, positions, filter_text=filter_text, note=note)
    return next(line for line in document.splitlines() if line.startswith(">"))


@pytest.mark.parametrize(
    ("note", "said"),
    [
        (ExportNote(DAY, "sample.yaml"), "All 7 events, exported 4 Dec 2026 from sample\\.yaml."),
        (ExportNote(DAY, None), "All 7 events, exported 4 Dec 2026."),
        (ExportNote(None, "sample.yaml"), "All 7 events, from sample\\.yaml."),
        (ExportNote(None, None), "All 7 events."),
    ],
)
def test_the_header_names_the_day_and_the_file_when_given(
    sample_index: TimelineIndex, note: ExportNote, said: str
) -> None:
    assert _header(sample_index, "", note) == f"> {said}"


def test_a_filtered_export_says_what_it_holds_in_words(sample_index: TimelineIndex) -> None:
    header = _header(sample_index, "entity:caro-quintero", ExportNote(DAY, "sample.yaml"))
    assert header.startswith("> Events involving Rafael Caro Quintero: 5 of 7 events,")
    assert header.endswith(", exported 4 Dec 2026 from sample\\.yaml.")


def _one_entity_in(count: int) -> TimelineIndex:
    from timeline_viewer.domain.dates import PartialDate
    from timeline_viewer.domain.model import Entity, Event, Timeline

    events = tuple(
        Event(id=f"e{n}", date=PartialDate(2000 + n), title=f"Event {n}", entities=("ana",))
        for n in range(count)
    )
    return TimelineIndex(
        Timeline(title="T", events=events, entities=(Entity(id="ana", name="Ana", kind="person"),))
    )


@pytest.mark.parametrize(
    ("count", "dates"),
    [
        (12, ", ".join(str(2000 + n) for n in range(12))),  # every date, no "and 0 more"
        (13, ", ".join(str(2000 + n) for n in range(12)) + " and 1 more"),
    ],
)
def test_the_entity_index_gives_twelve_dates_then_counts_the_rest(count: int, dates: str) -> None:
    document = export_markdown(_one_entity_in(count))
    assert f"- **Ana**: {count} events ({dates})" in document.splitlines()

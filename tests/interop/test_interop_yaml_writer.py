"""timeline_to_yaml writes files that the loader reads back as the same timeline."""

from __future__ import annotations

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from interop_helpers import HOSTILE, without_lines

from timeline_viewer.domain.dates import PartialDate
from timeline_viewer.domain.model import Event, Timeline
from timeline_viewer.domain.text import sanitize
from timeline_viewer.interop.yaml_writer import timeline_to_yaml
from timeline_viewer.load.loader import bundled_timeline_path, load_timeline, parse_timeline

try:  # the loader's fast path, when installed, must read our files the same way
    from timeline_viewer.load.careful_parser import parse_careful
    from timeline_viewer.load.fast_parser import parse_fast
except ImportError:  # pragma: no cover - a loader with one way through
    parse_careful = parse_fast = None  # type: ignore[assignment]


def _read_back(timeline: Timeline) -> Timeline:
    text = timeline_to_yaml(timeline)
    back = without_lines(parse_timeline(text, "written.yaml"))
    if parse_careful is not None:
        assert without_lines(parse_careful(text, "written.yaml")) == back
    return back


def test_the_bundled_timeline_survives(sample_timeline: Timeline) -> None:
    for timeline in (load_timeline(bundled_timeline_path()), sample_timeline):
        assert _read_back(timeline) == without_lines(timeline)


def test_hostile_text_in_every_field_survives(hostile: Timeline) -> None:
    assert _read_back(hostile) == hostile


@pytest.mark.parametrize("text", HOSTILE)
def test_each_hostile_text_survives_as_title_summary_tag_and_note(text: str) -> None:
    event = Event(
        id="e",
        date=PartialDate(1985),
        title=text,
        summary=f"  {text}\n\n{text}  \n",
        tags=(text, f" {text} "),
        note=text + "\n",
    )
    timeline = Timeline(title=text, description=text, events=(event,))
    assert _read_back(timeline) == timeline


def test_the_layout_reads_like_a_hand_written_file(sample_timeline: Timeline) -> None:
    text = timeline_to_yaml(sample_timeline)
    assert text.startswith("schema: 1\ntitle: Sample cartel timeline\n")
    assert "\n\nsources:\n  - id: article\n" in text
    assert "\n\n  - id: camarena-kidnapped\n    date: 1985-02-07\n" in text  # dates bare
    assert "    date: 1978~\n    end: 1989\n" in text
    assert "    entities: [camarena, caro-quintero, dea]\n" in text
    assert "    aliases: [Kiki]\n" in text
    assert "    summary: |-\n      Taken outside the US consulate in\n      Guadalajara" in text
    assert "null" not in text  # absent values are left out, not written as null


def test_yaml_lookalikes_are_quoted_and_dates_are_exact() -> None:
    events = (
        Event(id="no", date=PartialDate(-43, 3, 15), title="no", tags=("yes", "on", "1985")),
        Event(id="zero", date=PartialDate(0, uncertain=True, approximate=True), title="null"),
        Event(id="deep", date=PartialDate(-13_799_999_999), title="~"),
    )
    timeline = Timeline(title="1985", events=tuple(sorted(events, key=lambda e: e.date.sort_key)))
    text = timeline_to_yaml(timeline)
    assert "title: '1985'" in text
    assert "tags: ['yes', 'on', '1985']" in text
    assert "date: -0043-03-15\n" in text and "date: 0000%\n" in text
    assert _read_back(timeline) == timeline


def test_output_is_deterministic(hostile: Timeline) -> None:
    assert timeline_to_yaml(hostile) == timeline_to_yaml(msgspec.structs.replace(hostile))


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40), st.text(min_size=1, max_size=20))
def test_any_sanitised_text_survives(title: str, summary: str, tag: str) -> None:
    # The loader sanitises what it reads; the writer is only asked to keep the rest.
    title = sanitize(title).strip() or "untitled"
    event = Event(
        id="e",
        date=PartialDate(1985),
        title=title,
        summary=sanitize(summary),
        tags=(sanitize(tag) or "t",),
    )
    timeline = Timeline(title=title, description=sanitize(summary), events=(event,))
    assert _read_back(timeline) == timeline

"""export_timelinejs: JSON that TimelineJS renders, and that imports back to the same events."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from interop_helpers import without_lines
from msgspec.structs import replace

from timeline_viewer.domain.dates import PartialDate, days_in_month
from timeline_viewer.domain.model import Entity, Event, Source, Timeline
from timeline_viewer.domain.text import sanitize
from timeline_viewer.interop.timelinejs_export import (
    GROUP_BY_CHOICES,
    export_timelinejs,
    timelinejs_chunks,
    timelinejs_document,
)
from timeline_viewer.load.formats.timelinejs import import_timelinejs_json
from timeline_viewer.load.loader import bundled_timeline_path, load_timeline
from timeline_viewer.query.index import TimelineIndex


def _document(timeline: Timeline, **options: Any) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(export_timelinejs(TimelineIndex(timeline), **options))
    return result


def _slides(timeline: Timeline, **options: Any) -> dict[str, dict[str, Any]]:
    document = _document(timeline, **options)
    return {s["unique_id"]: s for s in document["events"] + document.get("eras", [])}


def _timeline(*events: Event) -> Timeline:
    return Timeline(title="T", events=tuple(sorted(events, key=lambda e: e.date.sort_key)))


def test_dates_are_numeric_at_their_precision_with_bce_converted(hostile: Timeline) -> None:
    slides = _slides(hostile)
    assert slides["caesar"]["start_date"] == {"year": -44, "month": 3, "day": 15}
    assert slides["caesar"]["display_date"] == "15 Mar 44 BCE"
    assert slides["bce-1"]["start_date"] == {"year": -1}
    assert slides["deep"]["start_date"] == {"year": -13_800_000_000}
    assert slides["circa"]["start_date"] == {"year": 1912}
    assert slides["circa"]["end_date"] == {"year": 1915, "month": 6}
    for slide in slides.values():
        for date in (slide["start_date"], slide.get("end_date", {})):
            assert all(isinstance(value, int) for value in date.values())


def test_qualifiers_live_in_the_display_date(hostile: Timeline) -> None:
    slides = _slides(hostile)
    assert slides["circa"]["display_date"] == "c. 1912 \u2013 Jun 1915?"
    assert slides["unsure"]["display_date"] == "1912?"
    assert slides["both"]["display_date"] == "c. May 1912?"


def test_every_event_has_a_start_and_a_stable_unique_id(sample_timeline: Timeline) -> None:
    document = _document(sample_timeline)
    assert [s["unique_id"] for s in document["events"]] == [e.id for e in sample_timeline.events]
    assert all("start_date" in slide for slide in document["events"])
    assert document["title"]["unique_id"] == "timeline-title"
    assert document["title"]["text"]["headline"] == "Sample cartel timeline"


def test_the_title_slide_never_takes_an_event_s_id() -> None:
    event = Event(id="timeline-title", date=PartialDate(1985), title="Clash")
    assert _document(_timeline(event))["title"]["unique_id"] == "timeline-title-2"


def test_ends_timelinejs_cannot_place_stay_in_the_display_only(hostile: Timeline) -> None:
    slides = _slides(hostile)
    assert "end_date" not in slides["coarse-end"]
    assert slides["coarse-end"]["display_date"] == "Jun 1985 \u2013 1985"
    assert "end_date" not in slides["same-end"]


def test_eras_need_an_end_after_their_start(hostile: Timeline) -> None:
    document = _document(hostile)
    assert [e["unique_id"] for e in document["eras"]] == ["an-era"]
    era = document["eras"][0]
    assert (era["start_date"], era["end_date"]) == ({"year": 1950}, {"year": 1960})
    assert "flat-era" in {s["unique_id"] for s in document["events"]}
    for era in document["eras"]:
        assert era["end_date"] and era["end_date"] != era["start_date"]
    no_eras = _document(hostile, era_tag=None)
    assert "eras" not in no_eras and len(no_eras["events"]) == len(hostile.events)


def test_a_timeline_of_eras_only_exports_them_as_events() -> None:
    era = Event(id="e", date=PartialDate(1950), end=PartialDate(1960), title="E", tags=("era",))
    document = _document(_timeline(era))
    assert "eras" not in document and len(document["events"]) == 1


@pytest.mark.parametrize(
    ("group_by", "groups"),
    [
        ("tag", {"trafficking", "kidnapping", "arrest", "release", "transfer"}),
        ("place", {"Guadalajara"}),
        ("kind", {"Organisations", "People"}),
        (None, set()),
    ],
)
def test_one_facet_is_the_group(
    sample_timeline: Timeline, group_by: str | None, groups: set[str]
) -> None:
    slides = _slides(sample_timeline, group_by=group_by)
    assert {s["group"] for s in slides.values() if "group" in s} == groups
    if group_by == "place":
        assert "group" not in slides["transfer"]  # no place: no group


def test_unknown_group_by_is_refused(sample_timeline: Timeline) -> None:
    with pytest.raises(ValueError, match="group_by"):
        export_timelinejs(TimelineIndex(sample_timeline), group_by="colour")  # type: ignore[arg-type]


def test_sources_entities_and_tags_are_listed_in_the_text(sample_timeline: Timeline) -> None:
    text = _slides(sample_timeline)["camarena-kidnapped"]["text"]["text"]
    assert text.startswith("<p>Taken outside the US consulate in<br>Guadalajara by armed men.</p>")
    assert "<em>Involves:</em>" in text and ">Enrique Camarena</span>" in text
    assert "<em>Tags:</em>" in text
    assert (
        '<a href="https://news.example/article?id=1&amp;lang=en">The article</a>, '
        "Daily Paper, 27 Feb 2025</li>"
    ) in text


def test_data_text_is_escaped_and_the_json_is_safe_in_a_script(hostile: Timeline) -> None:
    text = export_timelinejs(TimelineIndex(hostile))
    assert "<script" not in text and "</" not in text and "<!--" not in text
    assert "\u2028" not in text
    slides = _slides(hostile)
    script = next(s for s in slides.values() if "script" in s["text"]["headline"])
    assert script["text"]["headline"] == "&lt;script&gt;alert(1)&lt;/script&gt;"
    spaced = next(s for s in slides.values() if "two" in s["text"]["headline"])
    assert spaced["text"]["headline"] == "two&nbsp;&nbsp;spaces&nbsp;&nbsp;&nbsp;here"


def test_export_is_deterministic_and_follows_the_selection(sample_timeline: Timeline) -> None:
    index = TimelineIndex(sample_timeline)
    assert export_timelinejs(index) == export_timelinejs(TimelineIndex(sample_timeline))
    chosen = json.loads(export_timelinejs(index, [1, 4]))
    assert [s["unique_id"] for s in chosen["events"]] == ["camarena-kidnapped", "caro-released"]


# -- the round trip --------------------------------------------------------------------


def _round_trip(timeline: Timeline) -> Timeline:
    return import_timelinejs_json(export_timelinejs(TimelineIndex(timeline)), "back.json")


def _cited(timeline: Timeline) -> tuple[set[str], set[str]]:
    entities = {i for e in timeline.events for i in e.entity_ids}
    sources = {i for e in timeline.events for i in e.sources}
    return entities, sources


@pytest.mark.parametrize("which", ["sample", "bundled", "hostile"])
def test_round_trip_loses_no_event_date_or_title(
    which: str, sample_timeline: Timeline, hostile: Timeline
) -> None:
    original = without_lines(
        {"sample": sample_timeline, "hostile": hostile}.get(which)
        or load_timeline(bundled_timeline_path())
    )
    back = _round_trip(original)
    assert [(e.id, e.date, e.title) for e in back.events] == [
        (e.id, e.date, e.title) for e in original.events
    ]
    assert (back.title, back.description) == (original.title, original.description)
    # Everything else TimelineJS can carry comes back too; an end equal to
    # the start is the one thing TimelineJS (and our display) drops.
    expected = [e if e.end != e.date else replace(e, end=None) for e in original.events]
    assert list(back.events) == expected
    entities, sources = _cited(original)
    assert {s.id: s for s in back.sources} == {s.id: s for s in original.sources if s.id in sources}
    assert {e.id: (e.name, e.kind) for e in back.entities} == {
        e.id: (e.name, e.kind) for e in original.entities if e.id in entities
    }


_TEXT = st.text(max_size=30).map(sanitize)
_SOME_TEXT = _TEXT.filter(str.strip)  # whitespace-only texts are dropped, by design


@st.composite
def _dates(draw: st.DrawFn) -> PartialDate:
    year = draw(st.one_of(st.integers(-3000, 3000), st.integers(-(10**10), 10**6)))
    month = draw(st.one_of(st.none(), st.integers(1, 12)))
    day = None
    if month is not None:
        day = draw(st.one_of(st.none(), st.integers(1, days_in_month(year, month))))
    return PartialDate(year, month, day, draw(st.booleans()), draw(st.booleans()))


@settings(max_examples=200, derandomize=True, deadline=None)
@given(_TEXT, _SOME_TEXT, _SOME_TEXT, _dates(), st.one_of(st.none(), _dates()), st.booleans())
def test_any_event_survives_the_round_trip(
    title: str, summary: str, tag: str, start: PartialDate, end: PartialDate | None, era: bool
) -> None:
    if end is not None and (end == start or end.last_day < start.first_day):
        end = None  # what the loader (or TimelineJS) would not keep anyway
    event = Event(
        id="e",
        date=start,
        end=end,
        title=title.strip() or "untitled",
        summary=summary,
        tags=(tag, "era") if era else (tag,),
        note=summary,
        entities=("p",),
        sources=("s",),
    )
    other = Event(id="o", date=PartialDate(2000), title="other")
    timeline = Timeline(
        title=title.strip() or "untitled",
        description=summary,
        events=tuple(sorted((event, other), key=lambda e: e.date.sort_key)),
        entities=(Entity(id="p", name=tag.strip() or "p", kind="person"),),
        sources=(
            Source(
                id="s", title=tag.strip() or "s", publisher=summary, url="https://x.org/?a=<b>&c"
            ),
        ),
    )
    back = _round_trip(timeline)
    assert back == timeline


@pytest.mark.parametrize("place_listed", [False, True])
def test_a_wide_event_keeps_every_entity_and_role_through_the_round_trip(
    place_listed: bool,
) -> None:
    people = tuple(Entity(id=f"p{n}", name=f"Person {n}", kind="person") for n in range(500))
    town = Entity(id="town", name="Town", kind="place")
    listed = (*(p.id for p in reversed(people)), *(("town",) if place_listed else ()))
    event = Event(id="e", date=PartialDate(2000), title="All", entities=listed, place="town")
    timeline = Timeline(title="T", events=(event,), entities=(*people, town))
    text = export_timelinejs(TimelineIndex(timeline))
    assert text.count(r"data-tlv-role=\"entity place\"") == (1 if place_listed else 0)
    assert text.count(r"data-tlv-role=\"place\"") == (0 if place_listed else 1)
    (back,) = _round_trip(timeline).events
    assert (back.entities, back.place) == (listed, "town")


def test_text_json_cannot_encode_is_still_written_as_json_does() -> None:
    # A lone surrogate never comes from a file, but an API caller may pass one.
    event = Event(id="e", date=PartialDate(2000), title="half \ud800 a pair")
    text = export_timelinejs(TimelineIndex(Timeline(title="T", events=(event,))))
    assert json.loads(text)["events"][0]["text"]["headline"] == "half \ud800 a pair"


_SCRIPT_SAFE = {"</": "<\\/", "<!--": "\\u003c!--", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _as_json_dumps_writes(document: dict[str, Any]) -> str:
    text = json.dumps(document, ensure_ascii=False, indent=2)
    for unsafe, escaped in _SCRIPT_SAFE.items():
        text = text.replace(unsafe, escaped)
    return text + "\n"


@pytest.mark.parametrize("which", ["sample", "bundled", "hostile", "empty", "eras only"])
def test_the_text_written_in_pieces_is_the_document_as_json_dumps_writes_it(
    which: str, sample_timeline: Timeline, hostile: Timeline
) -> None:
    era = Event(id="era", date=PartialDate(1990), end=PartialDate(1999), title="Era", tags=("era",))
    timeline = {
        "sample": sample_timeline,
        "hostile": hostile,
        "empty": Timeline(title="Nothing </script> yet"),
        "eras only": Timeline(title="T", events=(era,)),
    }.get(which) or load_timeline(bundled_timeline_path())
    index = TimelineIndex(timeline)
    for positions in (None, [], range(0, len(index), 2)):
        for group_by in (*GROUP_BY_CHOICES, None):
            document = timelinejs_document(index, positions, group_by=group_by)
            text = export_timelinejs(index, positions, group_by=group_by)
            assert text == _as_json_dumps_writes(document)
            assert text == "".join(timelinejs_chunks(index, positions, group_by=group_by))


def test_many_slides_are_written_in_several_pieces() -> None:
    events = tuple(Event(id=f"e{n}", date=PartialDate(2000), title=f"E {n}") for n in range(1200))
    index = TimelineIndex(Timeline(title="T", events=events))
    pieces = list(timelinejs_chunks(index))
    assert len(pieces) > 3
    assert "".join(pieces) == _as_json_dumps_writes(timelinejs_document(index))


def test_paragraphs_of_an_imported_slide_stay_paragraphs_in_every_export() -> None:
    from markdown_it import MarkdownIt

    from timeline_viewer.export.markdown import export_markdown

    slide = {
        "start_date": {"year": "2017", "month": "9", "day": "13"},
        "text": {"headline": "H", "text": "<p>One,<br>two.</p><p>Three.</p>"},
    }
    title = {"text": {"headline": "T", "text": "<p>Intro.</p><p>More.</p>"}}
    timeline = import_timelinejs_json(json.dumps({"title": title, "events": [slide]}), "in.json")
    (event,) = timeline.events
    assert event.summary == "One,\ntwo.\n\nThree."
    assert timeline.description == "Intro.\n\nMore."
    tokens = MarkdownIt("commonmark").parse(export_markdown(TimelineIndex(timeline)))
    paragraphs = [t.content for i, t in enumerate(tokens) if tokens[i - 1].type == "paragraph_open"]
    assert paragraphs[:2] == ["Intro.", "More."]
    # The summary's first paragraph goes on from the item's line, a hard break within it.
    assert paragraphs[-2:] == ["**13 Sep 2017** — **H**\nOne,\\\ntwo.", "Three."]
    # Out to TimelineJS and back in: the same paragraphs.
    (again,) = import_timelinejs_json(export_timelinejs(TimelineIndex(timeline)), "b.json").events
    assert again.summary == event.summary

"""Ids from titles in any script: transliterated, else the date, never only digits."""

from __future__ import annotations

import json
from typing import Any

import pytest

from timeline_viewer.interop.timelinejs_export import timelinejs_document
from timeline_viewer.load.formats.ids import slugify
from timeline_viewer.load.formats.timelinejs import import_timelinejs_json
from timeline_viewer.load.schema import SLUG_PATTERN
from timeline_viewer.query.index import TimelineIndex


def _slide(date: dict[str, int], headline: str, **fields: Any) -> dict[str, Any]:
    return {"start_date": date, "text": {"headline": headline}, **fields}


def _ids(*slides: dict[str, Any]) -> list[str]:
    timeline = import_timelinejs_json(json.dumps({"events": list(slides)}), "in.json")
    by_title = {e.title: e.id for e in timeline.events}
    return [by_title[s["text"]["headline"]] for s in slides]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Октябрьская революция", "oktyabrskaya-revolyutsiya"),
        ("Μάχη του Μαραθώνα", "machi-toy-marathona"),
        ("معركة القادسية", "mrkh-lqdsyh"),
        ("明治維新", "mingzhiweixin"),
        ("Señor Ñandú", "senor-nandu"),
        ("1917", "event-1917"),
        ("22\u201317", "event-22-17"),
    ],
)
def test_titles_in_any_script_give_readable_ids(title: str, expected: str) -> None:
    (event_id,) = _ids(_slide({"year": 1917}, title))
    assert event_id == expected


def test_different_titles_in_one_script_give_different_ids() -> None:
    ids = _ids(
        _slide({"year": 1917, "month": 2}, "Февральская революция"),
        _slide({"year": 1917, "month": 10}, "Октябрьская революция"),
        _slide({"year": 1918}, "Брестский мир"),
    )
    assert ids == ["fevralskaya-revolyutsiya", "oktyabrskaya-revolyutsiya", "brestskiy-mir"]


def test_titles_with_no_letters_fall_back_to_the_date() -> None:
    ids = _ids(
        _slide({"year": 1985, "month": 2, "day": 7}, "★★★"),
        _slide({"year": -44}, "…"),
        _slide({"year": 1985, "month": 2, "day": 7}, "?!"),
    )
    assert ids == ["event-7-feb-1985", "event-44-bce", "event-7-feb-1985-2"]


def test_unique_ids_of_only_digits_are_not_kept() -> None:
    ids = _ids(
        _slide({"year": 1917}, "Kept", unique_id="kept"),
        _slide({"year": 1918}, "Numbered", unique_id="26"),
        _slide({"year": 1919}, "Москва", unique_id="22-17"),
    )
    assert ids == ["kept", "event-26", "event-22-17"]


def test_place_names_are_transliterated_too() -> None:
    slide = _slide({"year": 1917}, "x", location={"name": "Санкт-Петербург"})
    timeline = import_timelinejs_json(json.dumps({"events": [slide]}), "in.json")
    (place,) = timeline.entities
    assert place.id == "sankt-peterburg"


def test_exported_unique_ids_are_the_readable_ids() -> None:
    slides = [_slide({"year": 1900 + i}, title) for i, title in enumerate(["Київ", "٢٠٢٠", "東京"])]
    timeline = import_timelinejs_json(json.dumps({"events": slides}), "in.json")
    document = timelinejs_document(TimelineIndex(timeline))
    unique_ids = [slide["unique_id"] for slide in document["events"]]
    assert unique_ids == ["kiiv", "event-2020", "dongjing"]
    assert not any(uid.replace("-", "").isdigit() for uid in unique_ids)


@pytest.mark.parametrize("text", ["Ωμέγα", "東京 1945", "١٩٤٥", "Ǆemal", "ﬁne", "", "---"])
def test_slugs_are_always_valid_ids(text: str) -> None:
    import re

    slug = slugify(text, "event")
    assert re.fullmatch(SLUG_PATTERN, slug)
    assert not slug.replace("-", "").isdigit()

"""The TimelineJS corpus (tests/interop/fixtures/timelinejs) imports as its README says."""

from __future__ import annotations

import pytest
from interop_helpers import CORPUS, without_lines

from timeline_viewer.domain.dates import PartialDate
from timeline_viewer.domain.model import Timeline
from timeline_viewer.interop.yaml_writer import timeline_to_yaml
from timeline_viewer.load.formats.timelinejs import load_timelinejs
from timeline_viewer.load.formats.timelinejs_slides import ERA_TAG
from timeline_viewer.load.loader import LoadError, Problem, parse_timeline

# file: (events, eras, groups), from the corpus README and the files themselves.
EXPECTED = {
    "eras.json": (20, 3, set()),
    "cosmo.json": (7, 0, set()),
    "cosmo-mixed.json": (11, 0, set()),
    "all-media-types.json": (41, 0, {"Audio", "HTML", "Image", "Social Media", "Video"}),
    "women_in_computing.json": (10, 0, set()),
    "houston-timeline3.json": (18, 0, set()),
    "twain-marktwain.json": (17, 0, set()),
    "women_in_computing.csv": (10, 0, set()),
    "my-own-timeline.csv": (10, 0, set()),
}


def _load(name: str, warnings: list[Problem] | None = None) -> Timeline:
    return load_timelinejs(CORPUS / name, warnings=warnings)


@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_timelinejs3_file_imports_with_its_events_eras_and_groups(name: str) -> None:
    events, eras, groups = EXPECTED[name]
    timeline = _load(name)
    assert sum(ERA_TAG not in e.tags for e in timeline.events) == events
    assert sum(ERA_TAG in e.tags for e in timeline.events) == eras
    assert {t for e in timeline.events for t in e.tags} - {ERA_TAG} == groups


@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_import_is_a_valid_timeline_file(name: str) -> None:
    timeline = _load(name)
    text = timeline_to_yaml(timeline)
    assert without_lines(parse_timeline(text, f"{name}.yaml")) == timeline


def test_timelinejs2_reads_as_its_timelinejs3_version_does() -> None:
    old, new = _load("houston-timeline2.json"), _load("houston-timeline3.json")
    assert old.title == new.title
    assert old.description is not None and new.description is not None
    assert old.description.split("\n")[0] == new.description.split("\n")[0]
    assert [(e.date, e.end, e.title, e.summary) for e in old.events] == [
        (e.date, e.end, e.title, e.summary) for e in new.events
    ]


def test_the_empty_file_is_refused() -> None:
    with pytest.raises(LoadError) as caught:
        _load("republican-timeline2.json")
    assert "empty" in caught.value.problems[0].message


def test_eras_become_events_tagged_era_with_their_end() -> None:
    timeline = _load("eras.json")
    eras = [e for e in timeline.events if ERA_TAG in e.tags]
    assert [(e.title, e.date.year, e.end and e.end.year) for e in eras] == [
        ("Era Test 600-650", 600, 650),
        ("Era Test 650-700", 650, 700),
        ("Era Test 700-720", 700, 720),
    ]
    hijra = next(e for e in timeline.events if e.title.startswith("Muhammad Migrates"))
    assert (hijra.date, hijra.end) == (PartialDate(622, 8, 9), PartialDate(622, 8, 23))


def test_negative_years_are_bce_as_timelinejs_means_them() -> None:
    cosmo = _load("cosmo.json")
    big_bang = cosmo.events[0]
    assert big_bang.title == "The Big Bang"
    assert big_bang.date.display() == "13,800,000,000 BCE"
    assert big_bang.date.edtf() == "-13799999999"
    mixed = _load("cosmo-mixed.json")
    euclid = next(e for e in mixed.events if e.title.startswith("Euclid"))
    assert euclid.date == PartialDate(-299)
    assert euclid.date.display() == "300 BCE"


def test_html_becomes_plain_text() -> None:
    mixed = _load("cosmo-mixed.json")
    assert any(e.title == "Euclid's Optica" for e in mixed.events)  # <i>Optica</i>
    houston = _load("houston-timeline3.json")
    assert houston.title == "Whitney Houston 1963 - 2012"  # "Whitney Houston<br/> 1963 - 2012"
    for timeline in (mixed, houston, _load("all-media-types.json")):
        for event in timeline.events:
            for text in (event.title, event.summary or ""):
                assert "<p>" not in text and "</" not in text and "&amp;" not in text


def test_title_slide_gives_title_description_media_and_background() -> None:
    cosmo = _load("cosmo.json")
    assert cosmo.title == "Cosmological Scale Timeline"
    assert cosmo.description is not None and cosmo.description.startswith("A test case")
    # The title's media is the timeline's own, not a source no event cites.
    assert cosmo.media is not None and cosmo.media.caption == "Timeline of the universe."
    assert cosmo.media.url.startswith("https://upload.wikimedia")
    assert "Media:" not in cosmo.description
    assert cosmo.background is not None and cosmo.background.color == "papayawhip"
    assert cosmo.title_headline is None  # it has a headline of its own
    assert not [s for s in cosmo.sources if s.title == "Timeline of the universe."]
    cited = {s for e in cosmo.events for s in e.sources}
    assert {s.id for s in cosmo.sources} == cited


def test_links_in_a_credit_give_the_source_its_address() -> None:
    houston = _load("houston-timeline3.json")
    first = houston.events[0]
    source = next(s for s in houston.sources if s.id == first.sources[0])
    # The media path is the publishing site's own; the credit links the photo's page.
    assert source.url == "http://www.flickr.com/photos/11447043@N00/418180903/"
    assert source.publisher is not None and "Tom Marcello" in source.publisher


def test_media_url_credit_and_caption_are_the_event_s_media() -> None:
    timeline = _load("women_in_computing.csv")
    ada = next(e for e in timeline.events if e.title == "Ada Lovelace")
    assert ada.sources == ()  # a picture is shown, not cited
    assert ada.media is not None
    assert ada.media.caption == "Portrait by Alfred Edward Chalon"
    assert ada.media.credit == "Wikimedia Commons"
    assert ada.media.url.endswith("713px-Ada_Lovelace_portrait.jpg")


def test_an_embedded_quote_as_media_is_content() -> None:
    timeline = _load("women_in_computing.csv")
    clarke = next(e for e in timeline.events if e.title.startswith("Edith Clarke"))
    assert clarke.summary is not None
    assert clarke.summary.startswith("There is no demand for women engineers")


def test_csv_and_json_of_the_same_timeline_agree() -> None:
    from_csv, from_json = _load("women_in_computing.csv"), _load("women_in_computing.json")
    assert [(e.id, e.date, e.end, e.title) for e in from_csv.events] == [
        (e.id, e.date, e.end, e.title) for e in from_json.events
    ]
    assert from_csv.title == from_json.title == "Women in Computing"


def test_month_only_and_year_only_dates_keep_their_precision() -> None:
    timeline = _load("women_in_computing.json")
    eniac = next(e for e in timeline.events if e.title.startswith("...And the women"))
    assert (eniac.date, eniac.end) == (PartialDate(1943, 7), PartialDate(1946))
    houston = _load("houston-timeline3.json")
    assert houston.events[0].date == PartialDate(1963, 8, 9)
    assert houston.events[1].date == PartialDate(1978)


def test_times_of_day_and_unusable_media_paths_are_warned_about() -> None:
    warnings: list[Problem] = []
    twain = _load("twain-marktwain.json", warnings)
    assert any("time of day" in w.message for w in warnings)
    assert any(e.date == PartialDate(2014) and e.title == "Get started!" for e in twain.events)
    warnings.clear()
    _load("houston-timeline3.json", warnings)
    assert [w.path for w in warnings] == ["events[0].media.url"]  # a site path


def test_unique_ids_are_kept_and_other_ids_come_from_headlines() -> None:
    timeline = _load("all-media-types.json")
    ids = [e.id for e in timeline.events]
    assert "wistia" in ids and "wikipedia-images" in ids
    assert "youtube-videos" in ids
    assert len(ids) == len(set(ids))
    eras = _load("eras.json")
    assert "era-test-600-650" in [e.id for e in eras.events]


def test_ids_are_stable_across_imports() -> None:
    assert _load("eras.json") == _load("eras.json")


def test_a_location_name_is_a_place() -> None:
    timeline = _load("twain-marktwain.json")
    (place,) = timeline.entities
    assert (place.id, place.name, place.kind) == ("florida-missouri", "Florida, Missouri", "place")
    assert sum(e.place == place.id for e in timeline.events) == 2

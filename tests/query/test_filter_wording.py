"""A filter said in words, as an export's header says it."""

from __future__ import annotations

import pytest

from timeline_viewer.domain.dates import PartialDate
from timeline_viewer.domain.model import Entity, Event, Timeline
from timeline_viewer.query.filter_wording import describe_filter
from timeline_viewer.query.index import TimelineIndex


@pytest.fixture(scope="module")
def index() -> TimelineIndex:
    entities = (
        Entity("caro-quintero", "Rafael Caro Quintero", "person"),
        Entity("caro-2", "Caro Other", "person"),
        Entity("dea", "Drug Enforcement Administration", "organization"),
    )
    events = (Event("e", PartialDate(1985), "T", entities=("caro-quintero",)),)
    return TimelineIndex(Timeline("T", events=events, entities=entities))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "All events"),
        ("entity:caro-quintero", "Events involving Rafael Caro Quintero"),
        ("entity:drug", "Events involving Drug Enforcement Administration"),
        ("entity:caro", 'Events involving an entity named "caro"'),
        ("Treviño", 'Events mentioning "trevino"'),
        ('"two words" -tariffs', 'Events mentioning "two words", not mentioning "tariffs"'),
        ("tag:dea kind:org", "Events tagged dea, involving an organisation"),
        ("year:1985 after:2013-02 before:2022", "Events in 1985, after Feb 2013, before 2022"),
        ("from:2013 to:2022", "Events from 2013, up to 2022"),
        ("-entity:dea", "Events not involving Drug Enforcement Administration"),
        ('bad "quote', 'Events matching "bad "quote"'),
    ],
)
def test_filters_read_as_words(index: TimelineIndex, text: str, words: str) -> None:
    assert describe_filter(index, text) == words

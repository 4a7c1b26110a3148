"""Shared fixtures: a small crafted timeline that the engine tests query and export."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from hypothesis import Phase, settings

from timeline_viewer.curate import source_watch
from timeline_viewer.domain.model import Timeline
from timeline_viewer.load.load_cache import CACHE_DIR_VARIABLE
from timeline_viewer.load.loader import parse_timeline
from timeline_viewer.query.index import TimelineIndex

# Under mutation testing (tools/mutation.py), the same mutant must meet the same
# examples on every run, and one mutant's failures must not be replayed against
# the next; mutated code may be slow without being wrong. A failure is all that
# counts there: no time is spent shrinking it.
settings.register_profile(
    "mutation",
    derandomize=True,
    database=None,
    deadline=None,
    phases=(Phase.explicit, Phase.generate),
)
if "MUTANT_UNDER_TEST" in os.environ:
    settings.load_profile("mutation")

# Chronological positions once loaded:
#   0 cartel-era (1978~ to 1989)   1 camarena-kidnapped (1985-02-07)
#   2 caro-arrested (1985-04)      3 z40-captured (2013-07-15)
#   4 caro-released (2013-08-09)   5 caro-recaptured (2022-07-15)
#   6 transfer (2025-02-27)
SAMPLE_YAML = """\
schema: 1
title: Sample cartel timeline
description: A small timeline for tests.
sources:
  - id: article
    title: The article
    publisher: Daily Paper
    published: 2025-02-27
    url: https://news.example/article?id=1&lang=en
  - id: book
    title: A history book
entities:
  - id: camarena
    name: Enrique Camarena
    kind: person
    aliases: [Kiki]
  - id: caro-quintero
    name: Rafael Caro Quintero
    kind: person
    aliases: [RCQ]
  - id: trevino
    name: Miguel Ángel Treviño Morales
    kind: person
    aliases: [Z-40]
  - id: guadalajara-cartel
    name: Guadalajara Cartel
    kind: organization
  - id: dea
    name: Drug Enforcement Administration
    kind: organization
    aliases: [DEA]
  - id: guadalajara
    name: Guadalajara
    kind: place
events:
  - id: cartel-era
    date: 1978~
    end: 1989
    title: The Guadalajara Cartel dominates the trade
    entities: [guadalajara-cartel]
    place: guadalajara
    tags: [trafficking]
    sources: [book]
  - id: camarena-kidnapped
    date: 1985-02-07
    title: Agent Enrique Camarena kidnapped
    summary: |-
      Taken outside the US consulate in
      Guadalajara by armed men.
    entities: [camarena, caro-quintero, dea]
    place: guadalajara
    tags: [kidnapping, dea]
    sources: [article]
  - id: caro-arrested
    date: 1985-04
    title: Caro Quintero arrested in Costa Rica
    entities: [caro-quintero]
    tags: [arrest]
    sources: [article, book]
  - id: caro-released
    date: 2013-08-09
    title: Caro Quintero released on a technicality
    summary: A court overturns the federal conviction.
    entities: [caro-quintero]
    tags: [release]
    sources: [article]
  - id: z40-captured
    date: 2013-07-15
    title: Treviño captured near Nuevo Laredo
    entities: [trevino]
    tags: [arrest]
  - id: caro-recaptured
    date: 2022-07-15
    title: Caro Quintero recaptured in Sinaloa
    entities: [caro-quintero]
    tags: [arrest]
  - id: transfer
    date: 2025-02-27
    title: 29 prisoners transferred to the United States
    entities: [caro-quintero, trevino]
    tags: [transfer, extradition]
    sources: [article]
"""


@pytest.fixture(scope="session")
def sample_timeline() -> Timeline:
    return parse_timeline(SAMPLE_YAML, "sample.yaml")


@pytest.fixture
def sample_index(sample_timeline: Timeline) -> TimelineIndex:
    """A new index for each test: the query results an index remembers (and its word
    index, once built) must not carry over, or which code path answers a query would
    depend on the tests run before. The timeline itself is frozen and shared."""
    return TimelineIndex(sample_timeline)


@pytest.fixture(autouse=True)
def saves_settle_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests save and look at once; `test_source_watch` checks the wait for a write to end."""
    monkeypatch.setattr(source_watch, "SETTLE_NS", 0)


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test loads through a cache of its own, never the user's."""
    folder = tmp_path / "load-cache"
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(folder))
    return folder


@pytest.fixture(autouse=True)
def private_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's data folder (the bundled timeline's notes) is the test's own."""
    folder = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`TIMELINE_TEST_ORDER_SEED=N`: run every test in an order shuffled by N.

    Flushes out tests that pass only after (or before) another one;
    `tools/repeat_suite.py` runs the suite so, among plain runs.
    """
    seed = os.environ.get("TIMELINE_TEST_ORDER_SEED")
    if seed:
        random.Random(int(seed)).shuffle(items)

"""The fast parser (yaml-rs) and the careful one (PyYAML) must give the same timeline."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from load_helpers import generated

from timeline_viewer.load.careful_parser import parse_careful
from timeline_viewer.load.fast_parser import parse_fast
from timeline_viewer.load.loader import LoadError, bundled_timeline_path


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(bundled_timeline_path().read_text(encoding="utf-8"), id="bundled"),
        pytest.param(generated(1000), id="generated-1000"),
    ],
)
def test_fast_and_careful_parsers_agree(text: str) -> None:
    fast = parse_fast(text)
    assert fast is not None, "the fast path should accept this file"
    assert fast == parse_careful(text, "t.yaml")


TRICKY = textwrap.dedent(
    """\
    schema: 1
    title: 0x10
    entities:
      - id: "no"
        name: 007
        kind: other
    events:
      - id: a
        date: 1985
        title: 1_000
        tags: [on, "yes", 1.5, true, ~]
    """
)


def test_values_yaml_would_retype_are_read_as_written() -> None:
    # yaml-rs would read 0x10 as 16 and 007 as 7; those files go the careful way.
    timeline = parse_careful(TRICKY.replace(", ~]", "]"), "t.yaml")
    assert timeline.title == "0x10"
    assert timeline.entities[0].name == "007"
    assert timeline.events[0].title == "1_000"
    assert timeline.events[0].tags == ("on", "yes", "1.5", "true")
    assert parse_fast(TRICKY) is None


@pytest.mark.parametrize(
    "text",
    [
        'schema: 1\ntitle: "a\\e[2Jb"\n',
        "schema: 1\ntitle: !!python/object/apply:os.system [ls]\n",
        "schema: 1\ntitle: !custom x\n",
        "schema: 1\ntitle: x\ntitle: y\n",
        "base: &b {kind: person}\nschema: 1\ntitle: x\nentities:\n  - <<: *b\n    id: a\n    name: A\n",
    ],
)
def test_unusual_files_are_left_to_the_careful_parser(text: str) -> None:
    assert parse_fast(text) is None


def test_escaped_control_characters_are_sanitised() -> None:
    timeline = parse_careful('schema: 1\ntitle: "a\\e[2Jb\\u202e"\n', "t.yaml")
    assert timeline.title == "a[2Jb"


def test_a_file_with_problems_gets_located_errors_even_if_fast_parseable() -> None:
    text = "schema: 1\ntitle: x\nevents:\n  - id: a\n    date: 1985-13\n    title: t\n"
    assert parse_fast(text) is None
    with pytest.raises(LoadError) as caught:
        parse_careful(text, "t.yaml")
    assert str(caught.value.problems[0]).startswith("t.yaml:5:11: events[0].date:")


BLOCK_STYLES = """\
schema: 1
title: Pieces
entities:
  - id: a
    name: A
    kind: person
events:
# a comment at column 0 inside the list
- id: one
  date: 1985
  title: One
  summary: |
    A block scalar whose lines
    - look like list items
      but are text.
  entities:
  - a
- id: two   # a trailing comment
  date: 1986-02
  title: "Two: quoted"
  tags:
    - x
    - y

- id: three
  date: 1987
  title: >-
    Folded
    - title
sources: []
"""


INDENTED = """\
schema: 1
title: Pieces, indented
events:
    # a comment
    - id: one
      date: 1985
      title: One
      summary: |
        - not an item
    - id: two
      date: 1986
      title: Two
"""


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(generated(300), id="generated"),
        pytest.param(BLOCK_STYLES, id="block-styles"),
        pytest.param(INDENTED, id="indented"),
    ],
)
def test_reading_a_big_events_list_in_pieces_changes_nothing(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline_viewer.load import event_pieces

    whole = parse_fast(text)
    assert whole is not None
    monkeypatch.setattr(event_pieces, "CUT_ABOVE", 0)
    monkeypatch.setattr(event_pieces, "SIZE", 2)
    assert parse_fast(text) == whole == parse_careful(text, "t.yaml")


def test_a_second_events_key_is_left_to_the_careful_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline_viewer.load import event_pieces

    monkeypatch.setattr(event_pieces, "CUT_ABOVE", 0)
    text = BLOCK_STYLES.replace("sources: []\n", "events: []\n")
    assert parse_fast(text) is None


CORPUS = Path(__file__).parent / "corpus"
VALID_FILES = sorted(
    [*Path(__file__).parent.parent.glob("tui/fixtures/*.yaml"), *CORPUS.glob("hostile/*.yaml")]
)


@pytest.mark.parametrize("path", VALID_FILES, ids=lambda p: p.name)
def test_parsers_agree_on_the_test_timelines(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    fast = parse_fast(text)
    # Files with escapes go the careful way on purpose; the others must match it.
    assert fast is None or fast == parse_careful(text, str(path))


@pytest.mark.parametrize("path", sorted(CORPUS.glob("broken/*.yaml")), ids=lambda p: p.name)
def test_the_fast_parser_accepts_no_broken_file(path: Path) -> None:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return  # refused before any parser sees it
    assert parse_fast(text) is None
    with pytest.raises(LoadError):
        parse_careful(text, str(path))

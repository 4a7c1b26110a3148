"""Where each value of a YAML file is, kept per item; and letting go of big structures."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from timeline_viewer.load.yaml_source import YamlSyntaxError, parse_yaml
from timeline_viewer.runtime import RELEASE_STEP as STEP
from timeline_viewer.runtime import release_dict, release_list

TEXT = """\
title: River Town
events:
  - id: mill-fire
    date: 1890
    tags: [fire, mill]
  - id: bridge
    date: 1901
    entities:
      - ana
      - bruno
sources:
  - id: gazette
    title: The Gazette
"""


def test_every_value_and_key_is_where_the_text_has_it() -> None:
    document = parse_yaml(TEXT)
    lines = TEXT.splitlines()

    def at(line: int, column: int) -> str:
        return lines[line - 1][column - 1 :]

    assert at(*document.values[("title",)]) == "River Town"
    assert at(*document.values[("events", 1)]).startswith("id: bridge")
    assert at(*document.values[("events", 1, "entities", 1)]) == "bruno"
    assert at(*document.values[("events", 0, "tags", 1)]).startswith("mill]")
    assert at(*document.keys[("events", 1, "date")]).startswith("date: 1901")
    assert at(*document.values[("sources", 0, "title")]) == "The Gazette"
    # Unknown paths are missing, at every depth; the nearest enclosing value is found.
    assert ("events", 2) not in document.values
    assert ("events", 7, "date") not in document.values
    assert document.values.get(("nothing",)) is None
    assert (
        document.position(("events", 1, "entities", 9))
        == document.values[("events", 1, "entities")]
    )


def test_a_raw_control_character_is_located_where_it_is() -> None:
    # After non-ASCII text and far into the file: libyaml counts bytes of its buffer.
    lines = [f"  - id: event-{i}\n    title: Café Ñandú {i}" for i in range(3000)]
    lines[2500] = "  - id: bell\n    title: A bell \x07 rings"
    text = "title: T\nevents:\n" + "\n".join(lines) + "\n"
    at = text.index("\x07")
    try:
        parse_yaml(text)
    except YamlSyntaxError as error:
        located = error.located
    else:
        raise AssertionError("a raw control character must not parse")
    assert (located.line, located.column) == (
        text[:at].count("\n") + 1,
        len("    title: A bell ") + 1,
    )
    assert "U+0007" in located.message


def test_the_positions_are_one_mapping_however_they_are_kept() -> None:
    document = parse_yaml(TEXT)
    flat = dict(document.values.items())
    assert len(flat) == len(document.values)
    assert all(document.values[path] == position for path, position in flat.items())
    # Items' own paths are at the top; what is under an item is in its table.
    assert ("events", 1) in document.values.top
    assert ("events", 1, "entities", 0) not in document.values.top
    assert ("events", 1, "entities", 0) in document.values.by_item[("events", 1)]


def test_a_document_lets_go_of_everything() -> None:
    document = parse_yaml(TEXT)
    assert isinstance(document.data, dict)
    events = document.data["events"]
    document.release()
    assert events == []
    assert len(document.values) == 0 and len(document.keys) == 0


@given(st.lists(st.integers(), max_size=3 * STEP + 5))
def test_release_list_empties_any_list(items: list[int]) -> None:
    release_list(items)
    assert items == []


@given(st.dictionaries(st.integers(), st.integers(), max_size=3 * STEP + 5))
def test_release_dict_empties_any_dict(mapping: dict[int, int]) -> None:
    release_dict(mapping)
    assert mapping == {}

"""The loader: YAML to model, immune to implicit typing, every problem located."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from timeline_viewer.domain.dates import PartialDate, Precision
from timeline_viewer.load.loader import LoadError, Problem, load_timeline, parse_timeline

VALID = """\
schema: 1
title: Test timeline
description: A small one.
sources:
  - id: article
    title: An article
    published: 2025-02-27
    url: https://example.org/a
entities:
  - id: caro-quintero
    name: Rafael Caro Quintero
    kind: person
    aliases: [RCQ]
    related:
      - {entity: guadalajara-cartel, relation: co-founder}
  - id: guadalajara-cartel
    name: Guadalajara Cartel
    kind: organization
  - id: guadalajara
    name: Guadalajara
    kind: place
  - id: "no"
    name: "No"
    kind: other
events:
  - id: release
    date: 2013-08-09
    title: Released
    entities: [caro-quintero]
    place: guadalajara
    tags: [no, yes, on, off, 1985]
    sources: [article]
  - id: sentence
    date: 1989?
    title: Sentenced
    entities: [caro-quintero, no]
    sources: [article]
  - id: arrest
    date: 1985-04-04
    end: 1985-04
    title: Arrested
    sources: [article]
  - id: era
    date: 1985
    title: The year
    sources: [article]
"""


def problems_of(text: str) -> list[Problem]:
    with pytest.raises(LoadError) as caught:
        parse_timeline(textwrap.dedent(text), "t.yaml")
    return caught.value.problems


def only_problem(text: str) -> Problem:
    problems = problems_of(text)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_valid_file_becomes_the_model() -> None:
    timeline = parse_timeline(VALID, "t.yaml")
    assert timeline.title == "Test timeline"
    assert [e.id for e in timeline.events] == ["era", "arrest", "sentence", "release"]
    release = timeline.events[-1]
    assert release.date == PartialDate(2013, 8, 9)
    assert release.place == "guadalajara"
    assert release.entity_ids == ("caro-quintero", "guadalajara")
    assert timeline.events[2].date.uncertain
    assert timeline.events[0].date.precision is Precision.YEAR
    assert timeline.events[1].end == PartialDate(1985, 4)
    assert timeline.sources[0].published == PartialDate(2025, 2, 27)
    assert timeline.entities[0].related[0].relation == "co-founder"


def test_yaml_implicit_typing_is_ignored() -> None:
    timeline = parse_timeline(VALID, "t.yaml")
    release = timeline.events[-1]
    # YAML 1.1 would give False, True, True, False and the int 1985.
    assert release.tags == ("no", "yes", "on", "off", "1985")
    assert timeline.entities[-1].id == "no"
    assert timeline.events[2].entities == ("caro-quintero", "no")


def test_lines_are_recorded_for_editors() -> None:
    timeline = parse_timeline(VALID, "t.yaml")
    by_id = {e.id: e for e in timeline.events}
    assert VALID.splitlines()[by_id["release"].line - 1].strip() == "- id: release"


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode())
    assert len(load_timeline(path).events) == 4


def test_control_characters_are_removed_at_load() -> None:
    text = VALID.replace("title: Released", 'title: "Re\\e[2Jlea\\x1b]0;x\\x07sed\\u202e!"')
    title = parse_timeline(text, "t.yaml").events[-1].title
    assert title == "Re[2Jlea]0;xsed!"


def position_of(text: str, marker: str) -> tuple[int, int]:
    """1-based line and column where `marker` first occurs."""
    before = text[: text.index(marker)]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


# (replace this, with this, problem path, message fragment, where the problem points)
LOCATED_CASES = [
    (
        "date: 2013-08-09",
        "date: 1985-13-01",
        "events[0].date",
        'got "1985-13-01" (there is no month 13)',
        "1985-13-01",
    ),
    ("date: 1989?", "date: 2025-02-30", "events[1].date", "no day 30", "2025-02-30"),
    ("date: 1989?", "date: someday", "events[1].date", 'got "someday"', "someday"),
    ("end: 1985-04", "end: 1984", "events[2].end", "before it starts", "1984"),
    ("kind: place", "kind: town", "entities[2].kind", 'got "town"', "town"),
    (
        "    title: Released",
        "    titel: Released",
        "events[0].titel",
        'did you mean "title"',
        "titel",
    ),
    (
        "[caro-quintero, no]",
        "[caro-quinter, no]",
        "events[1].entities[0]",
        'unknown entity "caro-quinter"; did you mean "caro-quintero"',
        "caro-quinter,",
    ),
    (
        "place: guadalajara",
        "place: guadalajara-cartel",
        "events[0].place",
        "kind organization, not a place",
        "guadalajara-cartel\n    tags",
    ),
    (
        "sources: [article]\n  - id: sentence",
        "sources: [articel]\n  - id: sentence",
        "events[0].sources[0]",
        'unknown source "articel"',
        "articel",
    ),
    (
        "  - id: arrest",
        "  - id: release\n",
        "events[2].id",
        'duplicate event id "release" (first at line 26)',
        "release\n\n",
    ),
    ("title: Sentenced", 'title: ""', "events[1].title", "must not be empty", '""'),
    ("title: Sentenced", "title: [a, b]", "events[1].title", "expected text, got a list", "[a, b]"),
    (
        "url: https://example.org/a",
        "url: javascript:alert(1)",
        "sources[0].url",
        "expected an http:// or https:// URL",
        "javascript",
    ),
    ("id: release", "id: Release Day", "events[0].id", "lowercase letters", "Release Day"),
    (
        "relation: co-founder}",
        "relation: co-founder, since: 1980}",
        "entities[0].related[0].since",
        'unknown field "since"',
        "since",
    ),
    (
        "  - id: era\n    date: 1985\n",
        "  - id: era\n",
        "events[3]",
        'missing required field "date"',
        "id: era",
    ),
]


@pytest.mark.parametrize(("old", "new", "path", "fragment", "marker"), LOCATED_CASES)
def test_each_kind_of_error_is_located(
    old: str, new: str, path: str, fragment: str, marker: str
) -> None:
    assert old in VALID
    text = VALID.replace(old, new, 1)
    problem = only_problem(text)
    line, column = position_of(text, marker)
    assert (problem.line, problem.column, problem.path) == (line, column, path), str(problem)
    assert fragment in problem.message
    assert str(problem).startswith(f"t.yaml:{line}:{column}: {path}: ")


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("2013-08-09 14:00", "2013-08-09 14:00"),
        # YAML 1.1 would make this a timestamp; it stays the text it is.
        ("2013-08-09T14:00:00Z", "2013-08-09T14:00:00Z"),
        ('"Aug 9, 2013 2pm"', "Aug 9, 2013 2pm"),
    ],
)
def test_a_date_with_a_time_of_day_is_refused_where_it_is(written: str, shown: str) -> None:
    text = VALID.replace("date: 2013-08-09", f"date: {written}", 1)
    problem = only_problem(text)
    line, column = position_of(text, written)
    assert str(problem) == (
        f"t.yaml:{line}:{column}: events[0].date: expected a date like 1985, 1985-02 or "
        f'1985-02-07, got "{shown}" (times of day are not kept: write the day, 2013-08-09)'
    )


def test_all_problems_are_reported_not_only_the_first() -> None:
    text = (
        VALID.replace("date: 2013-08-09", "date: 1985-13-01")
        .replace("kind: place", "kind: town")
        .replace("[caro-quintero, no]", "[nobody, no]")
    )
    problems = problems_of(text)
    assert [p.path for p in problems] == [
        "entities[2].kind",
        "events[0].date",
        "events[1].entities[0]",
    ]
    # Sorted by position in the file.
    assert [p.line for p in problems] == sorted(p.line or 0 for p in problems)


def test_a_timeline_that_will_not_be_used_is_let_go_of_a_step_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Dropped at once, a 100,000-event timeline held the interpreter for 94 ms
    # in the thread reloading a broken save; its events go a step at a time.
    from timeline_viewer.domain.model import Event
    from timeline_viewer.load import model_builder

    released: list[int] = []

    def spy(items: list[object]) -> None:
        if items and isinstance(items[0], Event):  # the built events (not the parsed pieces)
            released.append(len(items))
        items.clear()

    monkeypatch.setattr(model_builder, "release_list", spy)
    broken = VALID.replace("[caro-quintero, no]", "[nobody, no]")
    with pytest.raises(LoadError):
        parse_timeline(broken, "t.yaml")
    assert released and set(released) == {4}  # the four events, each time
    released.clear()
    assert parse_timeline(VALID, "t.yaml").events
    assert released == []  # a timeline that is used is kept whole


def test_duplicate_keys_are_reported() -> None:
    problem = only_problem(VALID.replace("title: Released", "title: Released\n    title: Again"))
    assert problem.path == "events[0].title"
    assert "appears twice (first on line 28)" in problem.message
    assert problem.line == 29


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty"),
        ("# only a comment\n", "empty"),
        ("- a\n- b\n", "expected a mapping"),
        ("just text\n", "expected a mapping"),
        ("title: x\n", "missing `schema: 1`"),
        ("schema: 2\ntitle: x\n", "unsupported schema version"),
        ("schema: 1\ntitle: x\nevents: 3\n", "expected a list of events"),
        ("schema: 1\ntitle: x\n---\nschema: 1\n", "several YAML documents"),
        ("schema: 1\ntitle: [unclosed\n", "YAML syntax"),
        ("schema: 1\ntitle: x\nevents:\n\t- id: a\n", "tabs"),
        ("schema: 1\ntitle: !!python/object/apply:os.system [echo hi]\n", "tags"),
        ("schema: 1\ntitle: x\nevents:\n  - !!python/object:object {}\n", "tags"),
    ],
)
def test_broken_files_give_one_clear_problem(text: str, fragment: str) -> None:
    problems = problems_of(text)
    assert any(fragment in p.message for p in problems), [str(p) for p in problems]
    assert all(p.line is not None for p in problems)


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["schema: 1", "title: bomb", "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in "bcdefghij":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [{', '.join(['*' + previous] * 10)}]")
    problems = problems_of("\n".join(lines) + "\n")
    assert any("expands to far more values" in p.message for p in problems)


def test_deep_nesting_is_refused_without_recursion_error() -> None:
    problems = problems_of("schema: 1\ntitle: x\nevents: " + "[" * 20000 + "]" * 20000 + "\n")
    assert any("nested" in p.message for p in problems)


@pytest.mark.parametrize(
    ("setup", "fragment"),
    [
        (lambda p: None, "no such file"),
        (lambda p: p.mkdir(), "is a folder"),
        (lambda p: p.write_bytes(b"schema: 1\ntitle: caf\xe9\n"), "not UTF-8"),
    ],
)
def test_unreadable_paths(tmp_path: Path, setup: object, fragment: str) -> None:
    path = tmp_path / "timeline.yaml"
    setup(path)  # type: ignore[operator]
    with pytest.raises(LoadError) as caught:
        load_timeline(path)
    assert fragment in str(caught.value)
    assert str(caught.value).startswith(str(path))


def test_not_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"schema: 1\ntitle: caf\xe9\n")
    with pytest.raises(LoadError) as caught:
        load_timeline(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (2, 11)
    assert "byte 0xe9" in problem.message

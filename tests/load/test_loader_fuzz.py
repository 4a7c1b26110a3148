"""Any document built from the format's parts, and any bytes: a timeline or located problems.

The loader never raises anything but LoadError, every problem names the
file, and the CLI ends with 0 or 1 and no traceback. Derandomized and
bounded, so a run is the same every time and takes a few seconds.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline_viewer.cli.main import main
from timeline_viewer.domain.problems import LoadError
from timeline_viewer.load.loader import parse_timeline

NAME = "fuzz.yaml"
FUZZ = settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# The pieces a timeline file is made of, right and wrong.
scalars = st.sampled_from(
    [
        "1985",
        "1985-02",
        "1985-02-07",
        "1985-13-01",
        "1980?",
        "c. 1985",
        "19855",
        "1985/",
        "Y10000",
        "-43",
        "0",
        "x",
        "",
        "~",
        "null",
        "yes",
        "no",
        "'quoted'",
        '"dq"',
        "[]",
        "{}",
        "caro-quintero",
        "Caro Quintero",
        "camarena",
        "c\u0430marena",
        "a\u200bb",
        "\x1b[2J",
        "!env X",
        "!!timestamp 2001-01-01",
        "!!int 3",
        "&a x",
        "*a",
        "<<: *a",
        "person",
        "place",
        "organization",
        "other",
        "robot",
        "https://example.com/a?b=1",
        "-",
        ":",
        "#",
        "|",
        ">",
    ]
)
keys = st.sampled_from(
    [
        "schema",
        "title",
        "description",
        "events",
        "entities",
        "sources",
        "id",
        "date",
        "end",
        "title",
        "summary",
        "entities",
        "place",
        "tags",
        "sources",
        "related",
        "note",
        "reported",
        "name",
        "kind",
        "aliases",
        "born",
        "died",
        "url",
        "publisher",
        "published",
        "titel",
        "",
    ]
)
values: st.SearchStrategy[object] = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=30,
)


def _yaml(value: object, indent: int = 0) -> str:
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "\n" + "\n".join(
            f"{pad}{key}: {_yaml(item, indent + 2)}" for key, item in value.items()
        )
    if isinstance(value, list):
        if not value:
            return "[]"
        return "\n" + "\n".join(f"{pad}- {_yaml(item, indent + 2).lstrip()}" for item in value)
    return str(value)


documents = st.fixed_dictionaries(
    {},
    optional={
        "schema": st.sampled_from(["1", "2", '"1"', "x"]),
        "title": scalars,
        "entities": st.lists(st.dictionaries(keys, values, max_size=6), max_size=4),
        "events": st.lists(st.dictionaries(keys, values, max_size=8), max_size=6),
        "sources": st.lists(st.dictionaries(keys, values, max_size=5), max_size=3),
    },
).map(lambda top: _yaml(top).lstrip("\n"))


# Mostly right: the right fields, with values usually valid, sometimes not.
ids = st.sampled_from(["ana", "bruno", "town", "e1", "e2", "e3", "Ana", "a--b", "ana"])
dates = st.sampled_from(
    ["1985", "1985-02", "1985-02-07", "1980?", "1985~", "2024-02-29", "2023-02-29", "19855", "-43"]
)


def _event(event_id: str, date: str, title: str, people: list[str]) -> str:
    return (
        f"  - id: {event_id}\n    date: {date}\n    title: {title}\n"
        f"    entities: [{', '.join(people)}]\n"
    )


plausible = st.builds(
    lambda events, kinds: (
        "schema: 1\ntitle: Fuzz\nentities:\n"
        + "".join(
            f"  - id: {entity_id}\n    name: {entity_id.title()}\n    kind: {kind}\n"
            for entity_id, kind in kinds
        )
        + "events:\n"
        + "".join(events)
    ),
    st.lists(st.builds(_event, ids, dates, scalars, st.lists(ids, max_size=3)), max_size=6),
    st.lists(st.tuples(st.sampled_from(["ana", "bruno", "town"]), scalars), max_size=3),
)


def _loads_or_refuses(text: str) -> None:
    try:
        parse_timeline(text, NAME)
    except LoadError as error:
        assert error.problems
        assert all(str(problem).startswith(NAME) for problem in error.problems)


@FUZZ
@given(documents)
def test_any_document_of_the_formats_parts_loads_or_is_refused_with_located_problems(
    text: str,
) -> None:
    _loads_or_refuses(text)


@FUZZ
@given(plausible)
def test_any_mostly_right_timeline_loads_or_is_refused_with_located_problems(text: str) -> None:
    _loads_or_refuses(text)


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes_load_or_are_refused_by_the_command_without_a_traceback(
    tmp_path_factory: object, raw: bytes
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")  # type: ignore[attr-defined]
    path = Path(folder) / NAME
    path.write_bytes(raw)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["validate", str(path)])
    assert code in (0, 1)
    assert "Traceback" not in err.getvalue()
    if code == 1:
        assert err.getvalue().startswith(str(path))


@FUZZ
@given(documents, st.integers(min_value=0, max_value=400), st.binary(min_size=1, max_size=3))
def test_a_document_with_bytes_spliced_in_loads_or_is_refused(
    text: str, where: int, spliced: bytes
) -> None:
    raw = text.encode()
    raw = raw[:where] + spliced + raw[where:]
    try:
        spliced_text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return  # what the bytes test covers
    _loads_or_refuses(spliced_text)

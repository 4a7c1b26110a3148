"""Untrusted files: nothing from the data drives the terminal, nothing but our errors escape."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline_viewer.cli.main import main
from timeline_viewer.export.markdown import export_markdown
from timeline_viewer.load.loader import LoadError, load_timeline, parse_timeline
from timeline_viewer.query.index import TimelineIndex

HOSTILE = Path(__file__).parent / "corpus" / "hostile" / "hostile.yaml"
# ESC, CSI (7- and 8-bit), OSC, NUL, BEL, DEL, C1, bidi overrides and isolates
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_the_hostile_file_loads_with_every_control_character_removed() -> None:
    timeline = load_timeline(HOSTILE)
    texts = [timeline.title, timeline.description or ""]
    for event in timeline.events:
        texts += [event.title, event.summary or "", *event.tags]
    for entity in timeline.entities:
        texts += [entity.name, *entity.aliases]
    assert not any(UNSAFE.search(t.replace("\n", "")) for t in texts)
    assert timeline.events[0].id == "off"
    assert timeline.events[0].tags == ("no", "1985", "[red]tag[/red]")
    assert timeline.entities[0].name == "[/] Closing tag evil"


@pytest.mark.parametrize(
    "argv",
    [
        ["list", "FILE", "--format", "table"],
        ["list", "FILE", "--format", "plain"],
        ["list", "FILE", "--format", "json"],
        ["show", "off", "FILE"],
        ["entities", "FILE", "--format", "table"],
        ["entities", "FILE", "--format", "plain"],
        ["entity", "on", "FILE"],
        ["entity", "yes", "FILE"],
        ["export", "FILE"],
        ["validate", "FILE"],
    ],
)
def test_no_control_characters_reach_the_terminal(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([str(HOSTILE) if a == "FILE" else a for a in argv])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.out
    assert not UNSAFE.search(captured.out.replace("\n", "").replace("\t", ""))
    assert not UNSAFE.search(captured.err.replace("\n", ""))


def test_markup_in_data_is_printed_literally(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "off", str(HOSTILE)]) == 0
    out = capsys.readouterr().out
    assert "[bold red]Styled?[/]" in out
    assert main(["entity", "on", str(HOSTILE)]) == 0
    assert "[/] Closing tag evil" in capsys.readouterr().out
    assert main(["list", str(HOSTILE), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["title"].startswith("[bold red]Styled?[/]")


def test_a_title_of_several_megabytes_is_kept_whole() -> None:
    title = "Ñandú " * 800_000  # about 5.6 MB of UTF-8
    text = f'schema: 1\ntitle: Big\nevents:\n  - id: a\n    date: 1985\n    title: "{title}"\n'
    timeline = parse_timeline(text, "big.yaml")
    assert timeline.events[0].title == title.strip()
    markdown = export_markdown(TimelineIndex(timeline))
    assert markdown.count("Ñandú") == 800_000


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_either_loads_or_raises_our_error(text: str) -> None:
    try:
        parse_timeline(text, "fuzz.yaml")
    except LoadError as error:
        assert error.problems
        assert all(str(p).startswith("fuzz.yaml") for p in error.problems)


YAMLISH = st.lists(
    st.sampled_from(
        [
            "schema: 1\n",
            "title: x\n",
            "events:\n",
            "  - id: a\n",
            "    date: 1985\n",
            "    date: 1985-13\n",
            "    title: t\n",
            "    entities: [b]\n",
            "entities:\n",
            "  - {id: b, name: B, kind: person}\n",
            "  - &a {id: c}\n",
            "  - *a\n",
            "- x\n",
            "    end: 1984\n",
            "sources: 3\n",
            "\t",
            ":",
            "[",
            "{",
            '"',
            "'",
            "!!str ",
            "? ",
            "\ufeff",
            "\r\n",
            "\x1b[2J",
            "&b ",
            "*b\n",
            "<<: *a\n",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(YAMLISH)
def test_yaml_shaped_text_either_loads_or_raises_our_error(text: str) -> None:
    try:
        parse_timeline(text, "fuzz.yaml")
    except LoadError as error:
        assert all(str(p).startswith("fuzz.yaml") for p in error.problems)

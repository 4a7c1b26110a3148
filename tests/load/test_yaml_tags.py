"""A YAML tag anywhere is refused where it stands, never resolved, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline_viewer.cli.main import main

HEAD = "schema: 1\ntitle: Tags\nentities:\n  - id: ana\n    name: Ana\n    kind: person\nevents:\n"
EVENT = "  - id: e1\n    date: 2001-01-01\n    title: An event\n    entities: [ana]\n"


def _refusal(tag: str) -> str:
    return (
        f"expected plain data, got the YAML tag {tag} (tags are never run: write the value itself)"
    )


# (where the tag goes: the text replaced, its replacement), the tag as shown, line, column
SHAPES = [
    (("title: Tags", "title: !env TITLE"), "!env", 2, 8, "title"),
    (("date: 2001-01-01", "date: !!timestamp 2001-01-01"), "!!timestamp", 9, 11, "events[0].date"),
    (("title: An event", "title: !secret key"), "!secret", 10, 12, "events[0].title"),
    (("name: Ana", "name: !include name.txt"), "!include", 5, 11, "entities[0].name"),
    (
        ("entities: [ana]", "entities: [!!str ana, !!int 3]"),
        "!!int",
        11,
        27,
        "events[0].entities[1]",
    ),
    (
        ("kind: person", "kind: !<tag:example.com,2000:kind> person"),
        "!<tag:example.com,2000:kind>",
        6,
        11,
        "entities[0].kind",
    ),
    (("schema: 1", "schema: !!int 1"), "!!int", 1, 9, "schema"),
]


@pytest.mark.parametrize("command", ["validate", "list", "export", "lint"])
@pytest.mark.parametrize(("change", "tag", "line", "column", "path"), SHAPES)
def test_a_tag_is_located_and_refused_by_every_command(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    change: tuple[str, str],
    tag: str,
    line: int,
    column: int,
    path: str,
) -> None:
    file = tmp_path / "tags.yaml"
    text = HEAD + EVENT
    assert change[0] in text
    file.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    code = main([command, str(file)])
    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    assert f"{file}:{line}:{column}: {path}: {_refusal(tag)}" in err.splitlines()


def test_a_tag_that_would_run_code_is_only_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    marker = tmp_path / "ran"
    file = tmp_path / "evil.yaml"
    file.write_text(
        HEAD
        + EVENT.replace(
            "title: An event",
            f"title: !!python/object/apply:os.system ['touch {marker}']",
        ),
        encoding="utf-8",
    )
    assert main(["validate", str(file)]) == 1
    assert "!!python/object/apply:os.system" in capsys.readouterr().err
    assert not marker.exists()


def test_the_standard_tags_of_plain_data_are_that_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "plain.yaml"
    text = (HEAD + EVENT).replace("entities: [ana]", "entities: !!seq [!!str ana]")
    file.write_text(text.replace("  - id: e1\n", "  - !!map\n    id: e1\n"), encoding="utf-8")
    assert main(["validate", str(file)]) == 0
    assert capsys.readouterr().out == f"{file}: ok (1 event, 1 entity, 0 sources)\n"

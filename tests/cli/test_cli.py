"""The `timeline` command end to end: output formats, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import run

from timeline_viewer.cli.main import main
from timeline_viewer.load.loader import bundled_timeline_path

SMALL = """\
schema: 1
title: Small [bold]timeline[/]
sources:
  - id: art
    title: An article
    url: https://example.org/art
entities:
  - id: z40
    name: Miguel Ángel Treviño Morales
    kind: person
    aliases: [Z-40]
  - id: z42
    name: Omar Treviño Morales
    kind: person
    aliases: [Z-42]
    related: [{entity: z40, relation: brother}]
  - id: gdl
    name: Guadalajara
    kind: place
events:
  - id: first
    date: 1985-02-07
    title: "Kidnapping \\e[2J in [red]Guadalajara[/red]"
    entities: [z40]
    place: gdl
    tags: [dea]
    sources: [art]
  - id: second
    date: 2013-07
    title: Z-40 captured
    entities: [z40, z42]
    sources: [art]
  - id: third
    date: 2015
    title: Unrelated tariffs
    sources: [art]
"""


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def test_list_plain_is_one_tab_separated_line_per_event(
    capsys: pytest.CaptureFixture[str], small: Path
) -> None:
    code, out, _ = run(capsys, "list", str(small), "--format", "plain")
    assert code == 0
    lines = out.splitlines()
    assert [line.split("\t")[1] for line in lines] == ["first", "second", "third"]
    assert lines[0].split("\t")[0] == "7 Feb 1985"
    assert lines[1].split("\t")[0] == "Jul 2013"
    assert "\x1b" not in out


def test_list_query_is_accent_insensitive(capsys: pytest.CaptureFixture[str], small: Path) -> None:
    code, out, _ = run(capsys, "list", str(small), "-q", "trevino", "--format", "json")
    assert code == 0
    assert [e["id"] for e in json.loads(out)] == ["first", "second"]
    code, out, _ = run(capsys, "list", str(small), "-q", "trevino -kidnapping", "--format", "json")
    assert [e["id"] for e in json.loads(out)] == ["second"]


def test_list_table_shows_markup_literally(capsys: pytest.CaptureFixture[str], small: Path) -> None:
    code, out, _ = run(capsys, "list", str(small), "--format", "table")
    assert code == 0
    assert "[red]Guadalajara[/red]" in out
    assert "[bold]timeline[/]" in out
    assert "3 of 3 events" in out
    assert "\x1b[2J" not in out


def test_bad_query_is_exit_1_with_message(capsys: pytest.CaptureFixture[str], small: Path) -> None:
    code, out, err = run(capsys, "list", str(small), "-q", "yeer:1985")
    assert code == 1
    assert out == ""
    assert "bad query" in err and "did you mean year:?" in err


def test_show_event_and_unknown_id(capsys: pytest.CaptureFixture[str], small: Path) -> None:
    code, out, _ = run(capsys, "show", "second", str(small))
    assert code == 0
    assert "Z-40 captured" in out
    assert "July 2013 (known to the month)" in out
    assert "https://example.org/art" in out
    code, _, err = run(capsys, "show", "secnd", str(small))
    assert code == 1
    assert 'no event with id "secnd"; did you mean second?' in err


def test_entities_and_entity(capsys: pytest.CaptureFixture[str], small: Path) -> None:
    code, out, _ = run(capsys, "entities", str(small), "--format", "plain")
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    assert ["z40", "person", "2", "Miguel Ángel Treviño Morales"] in rows
    assert ["gdl", "place", "1", "Guadalajara"] in rows
    code, out, _ = run(capsys, "entity", "z42", str(small))
    assert code == 0
    assert "brother: Miguel Ángel Treviño Morales" in out
    assert "Z-40 captured" in out
    code, out, _ = run(capsys, "entities", str(small), "-q", "year:1985", "--format", "json")
    assert {e["id"]: e["events"] for e in json.loads(out)} == {"z40": 1, "gdl": 1}


def test_show_and_entity_print_long_lists_one_line_each_in_order(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    many = 4321  # more than one batch of printed lines
    lines = ["schema: 1", "title: Wide", "sources:"]
    lines += [f"  - id: s{n}\n    title: Report {n}" for n in range(many)]
    lines += ["entities:", "  - id: hub\n    name: Hub\n    kind: person\n    related:"]
    lines += [f"      - {{entity: p{n}, relation: knows}}" for n in range(many)]
    lines += [f"  - id: p{n}\n    name: Person {n}\n    kind: person" for n in range(many)]
    lines += ["events:", "  - id: all\n    date: 2000\n    title: Everyone"]
    lines += [f"    sources: [{', '.join(f's{n}' for n in range(many))}]"]
    lines += [
        f"  - id: e{n}\n    date: 2001\n    title: Day {n}\n    entities: [hub]"
        for n in range(many)
    ]
    path = tmp_path / "wide.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "show", "all", str(path))
    assert code == 0
    sources = out.split("Sources\n", 1)[1].splitlines()
    assert sources == [f"  - Report {n}" for n in range(many)]
    code, out, _ = run(capsys, "entity", "hub", str(path))
    assert code == 0
    head, events = out.split("Events (4321)\n", 1)
    assert head.splitlines()[3:] == [f"knows: Person {n}" for n in range(many)] + [""]
    assert events.splitlines() == [f"  2001  Day {n}" for n in range(many)]


@pytest.mark.parametrize("columns", ["40", "80", "200"])
def test_long_lists_written_directly_read_as_rich_prints_them(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    columns: str,
) -> None:
    import random

    import timeline_viewer.cli.output as output

    rng = random.Random(7)
    parts = [
        "Ana",
        "Zoë",
        "日本語の名前",
        "😀",
        "e\u0301",
        "tab\there",
        "x" * 90,
        "end   ",
        "  lead",
    ]
    lines = ["schema: 1", "title: Tricky", "sources:"]
    for n in range(60):
        title = " ".join(rng.choice(parts) for _ in range(rng.randint(1, 4)))
        url = f"\n    url: https://example.org/{'p' * rng.randint(1, 90)}" if n % 3 else ""
        lines.append(f'  - id: s{n}\n    title: "{title}"{url}')
    lines += ["entities:", "  - id: hub\n    name: Hub\n    kind: person\n    related:"]
    lines += [f'      - {{entity: hub, relation: "{rng.choice(parts)}"}}' for _ in range(30)]
    lines += ["events:", "  - id: all\n    date: 2000\n    title: Everyone\n    entities: [hub]"]
    lines += [f"    sources: [{', '.join(f's{n}' for n in range(60))}]"]
    for n in range(80):
        title = " ".join(rng.choice(parts) for _ in range(rng.randint(1, 5)))
        date = rng.choice(["2001", "2001-02", "2001-02-03", "1999~"])
        lines.append(f'  - id: e{n}\n    date: {date}\n    title: "{title}"\n    entities: [hub]')
    path = tmp_path / "tricky.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("COLUMNS", columns)
    printed = [run(capsys, "show", "all", str(path))[1], run(capsys, "entity", "hub", str(path))[1]]
    monkeypatch.setattr(output, "_as_is", lambda text, width: False)  # Rich for every line
    by_rich = [run(capsys, "show", "all", str(path))[1], run(capsys, "entity", "hub", str(path))[1]]
    assert printed == by_rich


def test_export_markdown_to_stdout_and_file(
    capsys: pytest.CaptureFixture[str], small: Path, tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "export", str(small), "-q", "z-40")
    assert code == 0
    assert out.startswith("# Small \\[bold\\]timeline\\[/\\]\n")
    assert "2 of 3 events" in out
    target = tmp_path / "out.md"
    code, _, err = run(capsys, "export", str(small), "-o", str(target))
    assert code == 0
    assert "wrote 3 of 3 events" in err
    first = target.read_text(encoding="utf-8")
    code, _, err = run(capsys, "export", str(small), "-q", "z-40", "-o", str(target))
    assert code == 1
    assert "already exists; use --force" in err
    assert target.read_text(encoding="utf-8") == first
    code, _, _ = run(capsys, "export", str(small), "-q", "z-40", "-o", str(target), "--force")
    assert code == 0
    assert target.read_text(encoding="utf-8") != first


@pytest.mark.parametrize("form", ["markdown", "json", "csv", "timelinejs"])
def test_export_writes_the_same_text_to_stdout_as_to_a_file(
    capsys: pytest.CaptureFixture[str], small: Path, tmp_path: Path, form: str
) -> None:
    code, out, _ = run(capsys, "export", str(small), "-f", form)
    assert code == 0
    target = tmp_path / f"out.{form}"
    code, _, _ = run(capsys, "export", str(small), "-f", form, "-o", str(target))
    assert code == 0
    assert out == target.read_bytes().decode("utf-8")  # CSV's CRLF kept
    assert out.endswith("\n")


def test_export_refuses_its_source_and_missing_folders(
    capsys: pytest.CaptureFixture[str], small: Path, tmp_path: Path
) -> None:
    before = small.read_bytes()
    code, _, err = run(capsys, "export", str(small), "-o", str(small), "--force")
    assert code == 1
    assert "source file" in err
    assert small.read_bytes() == before
    code, _, err = run(capsys, "export", str(small), "-o", str(tmp_path / "nope" / "x.md"))
    assert code == 1
    assert "does not exist" in err


def test_export_json(capsys: pytest.CaptureFixture[str], small: Path) -> None:
    code, out, _ = run(capsys, "export", str(small), "-f", "json", "-q", "tag:dea")
    document = json.loads(out)
    assert code == 0
    assert [e["id"] for e in document["events"]] == ["first"]
    assert document["events"][0]["date"] == "1985-02-07"
    assert {e["id"] for e in document["entities"]} == {"z40", "gdl"}


def test_validate_reports_every_file(
    capsys: pytest.CaptureFixture[str], small: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        SMALL.replace("date: 2015", "date: 2015-02-30").replace("kind: place", "kind: city")
    )
    code, out, err = run(capsys, "validate", str(small), str(broken))
    assert code == 1
    assert f"{small}: ok (3 events, 3 entities, 1 source)" in out
    lines = err.splitlines()
    assert len(lines) == 2
    assert all(line.startswith(f"{broken}:") for line in lines)


def test_schema_is_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0
    assert schema["$schema"].startswith("https://json-schema.org/")
    event = schema["$defs"]["EventSpec"]
    assert set(event["required"]) == {"id", "date", "title"}
    assert event["additionalProperties"] is False


@pytest.mark.parametrize(
    "argv",
    [["list", "--format", "xml"], ["show"], ["export", "-f", "pdf"], ["frobnicate", "x"]],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2


def test_the_bundled_timeline_validates(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", str(bundled_timeline_path()))
    assert code == 0, err
    events = int(out.split("(")[1].split()[0])
    assert events >= 25


def _subprocess(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "timeline_viewer", *argv],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
        timeout=60,
    )


def test_real_process_default_file_and_no_traceback(tmp_path: Path) -> None:
    result = _subprocess("list", "-q", "trevino")
    assert result.returncode == 0
    assert "Treviño" in result.stdout
    for argv in (
        ["list", str(tmp_path)],
        ["list", str(tmp_path / "missing.yaml")],
        ["list", "-q", '"open'],
    ):
        result = _subprocess(*argv)
        assert result.returncode == 1, argv
        assert "Traceback" not in result.stderr
        assert result.stderr.strip()


def test_tui_with_a_broken_file_exits_1_before_starting(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema: 1\ntitle: [\n")
    result = _subprocess(str(broken))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{broken}:3:1: YAML syntax")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("command", [["export"], ["list"], ["export", "-f", "csv"]])
def test_output_to_a_full_disk_is_a_failure_said_once(command: list[str]) -> None:
    with Path("/dev/full").open("w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "timeline_viewer", *command, str(bundled_timeline_path())],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert result.returncode == 1
    assert result.stderr == ("timeline: cannot write to standard output: No space left on device\n")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_export_to_a_full_device_says_so_and_leaves_the_device(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import stat

    code, out, err = run(capsys, "export", str(bundled_timeline_path()), "-o", "/dev/full")
    assert code == 1 and out == ""
    assert err == "timeline: /dev/full: cannot write: No space left on device\n"
    assert stat.S_ISCHR(Path("/dev/full").stat().st_mode)


def test_export_into_a_folder_names_a_file_to_give(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    code, _, err = run(capsys, "export", str(bundled_timeline_path()), "-o", str(folder))
    assert code == 1
    assert err == (
        f"timeline: {folder}: is a folder; give a file name such as {folder / 'timeline.md'}\n"
    )
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "shown_as"),
    [
        ("bad\x1b[31mname.yaml", "bad\\x1b[31mname.yaml"),
        ("bell\x07.yaml", "bell\\x07.yaml"),
        ("evil\u202elmy.yaml", "evil\\u202elmy.yaml"),
    ],
)
def test_a_file_name_is_never_echoed_raw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, shown_as: str
) -> None:
    code, _, err = run(capsys, "validate", str(tmp_path / name))
    assert code == 1
    assert err == f"{tmp_path / shown_as}: no such file\n"


@pytest.mark.parametrize(
    ("written", "quoted"),
    [
        ("c\u0430marena", "c<U+0430 CYRILLIC SMALL LETTER A>marena"),
        ('"cama\u200brena"', "cama\\u200brena"),
    ],
)
def test_an_id_with_an_invisible_or_lookalike_letter_is_quoted_for_what_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], written: str, quoted: str
) -> None:
    path = tmp_path / "ids.yaml"
    path.write_text(
        "schema: 1\ntitle: T\nentities:\n  - id: camarena\n    name: C\n    kind: person\n"
        f"events:\n  - id: e1\n    date: 1985-02-07\n    title: x\n    entities: [{written}]\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "validate", str(path))
    assert code == 1
    assert err.startswith(f"{path}:11:")
    assert f'got "{quoted}"' in err
    assert "\u0430" not in err and "\u200b" not in err


@pytest.mark.parametrize(
    ("form", "out", "err"),
    [
        ("table", "this timeline has no events\n", ""),
        ("plain", "", "this timeline has no events\n"),  # a pipe stays clean
        ("json", "[]\n", ""),
    ],
)
def test_an_empty_timeline_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], form: str, out: str, err: str
) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("schema: 1\ntitle: Nothing yet\nevents: []\n", encoding="utf-8")
    assert run(capsys, "list", str(path), "--format", form) == (0, out, err)


def test_a_filter_that_matches_nothing_says_so_in_a_pipe(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(
        capsys, "list", str(bundled_timeline_path()), "-q", "zzzq", "--format", "plain"
    )
    assert (code, out, err) == (0, "", "no events match zzzq\n")

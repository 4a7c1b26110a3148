"""A TimelineJS file with odd parts, through the command line: kept, said, --strict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run

from timeline_viewer.load.loader import load_timeline


@pytest.fixture
def odd_file(tmp_path: Path) -> Path:
    events = [
        {"start_date": {"year": 1900 + i}, "text": {"headline": f"Event {i}"}} for i in range(5)
    ]
    events.insert(2, ["not", "a", "slide"])
    document = {"title": [{"text": {"headline": "Listed title"}}], "events": events}
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_import_keeps_what_it_can_and_says_the_rest(
    capsys: pytest.CaptureFixture[str], odd_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "odd.yaml"
    code, _, err = run(capsys, "import", str(odd_file), "-o", str(target))
    assert code == 0, err
    assert "title: a slide written as a one-element list" in err
    said = 'events[2]: expected a slide object, got a list ("not"): not imported (kept going)'
    assert said in err
    timeline = load_timeline(target)
    assert timeline.title == "Listed title"
    assert len(timeline.events) == 5


def test_strict_import_fails_on_warnings_but_still_writes(
    capsys: pytest.CaptureFixture[str], odd_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "odd.yaml"
    code, _, err = run(capsys, "import", str(odd_file), "-o", str(target), "--strict")
    assert code == 1
    assert "not imported" in err
    clean = tmp_path / "clean.json"
    clean.write_text(
        json.dumps({"events": [{"start_date": {"year": 1}, "text": {"headline": "x"}}]}),
        encoding="utf-8",
    )
    code, out, err = run(capsys, "import", str(clean), "--strict")
    assert (code, err) == (0, "")
    assert "title: x" in out


def test_opening_the_file_directly_warns_and_lists(
    capsys: pytest.CaptureFixture[str], odd_file: Path
) -> None:
    code, out, err = run(capsys, "list", str(odd_file), "--format", "plain")
    assert code == 0
    assert out.count("Event ") == 5
    assert "events[2]" in err and "(kept going)" in err
    code, out, err = run(capsys, "validate", str(odd_file))
    assert code == 0
    assert "ok (5 events" in out
    assert "events[2]" in err
    code, out, err = run(capsys, "validate", "--strict", str(odd_file))
    assert code == 1


def test_json_of_another_format_is_named_as_not_timelinejs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({"events": [{"begin": 1, "end": 2, "name": "x"}]}), "utf-8")
    for command in ("import", "list"):
        code, out, err = run(capsys, command, str(path))
        assert code == 1
        assert out == ""
        assert err.startswith(f'{path}: not a TimelineJS file: its "events" have keys "begin"')
        assert '"start_date"' in err

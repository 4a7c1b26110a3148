"""`timeline connections`, and the notes sidecar seen from the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_helpers import run

from timeline_viewer.curate.notes import Notes, notes_path, notes_to_yaml
from timeline_viewer.load.loader import bundled_timeline_path


@pytest.fixture
def timeline(tmp_path: Path) -> Path:
    """A copy of the bundled timeline: notes are written beside it, never beside the original."""
    path = tmp_path / "timeline.yaml"
    shutil.copy(bundled_timeline_path(), path)
    return path


def _notes(path: Path, notes: Notes) -> Path:
    sidecar = notes_path(path)
    sidecar.write_text(notes_to_yaml(notes, path.name), encoding="utf-8")
    return sidecar


def test_connections_json_ranks_and_lists_the_shared_events(
    capsys: pytest.CaptureFixture[str], timeline: Path
) -> None:
    code, out, err = run(capsys, "connections", "caro-quintero", str(timeline), "--format", "json")
    assert code == 0, err
    found = json.loads(out)
    assert found["entity"] == "caro-quintero"
    records = found["connections"]
    counts = [r["shared"] for r in records]
    assert counts == sorted(counts, reverse=True)
    assert all(len(r["event_ids"]) == r["shared"] for r in records)
    top = records[0]
    code, out, _ = run(
        capsys,
        "list",
        str(timeline),
        "-q",
        f"entity:caro-quintero entity:{top['id']}",
        "--format",
        "json",
    )
    assert [e["id"] for e in json.loads(out)] == top["event_ids"]


def test_connections_in_a_pipe_are_a_line_each(
    capsys: pytest.CaptureFixture[str], timeline: Path
) -> None:
    code, out, _ = run(capsys, "connections", "caro-quintero", str(timeline))
    assert code == 0
    lines = [line.split("\t") for line in out.splitlines()]
    code, listed, _ = run(capsys, "connections", "caro-quintero", str(timeline), "--format", "json")
    expected = [
        [str(r["shared"]), r["id"], r["name"], r["kind"]] for r in json.loads(listed)["connections"]
    ]
    assert lines == expected and len(lines) > 5


def test_connections_text_and_filter(capsys: pytest.CaptureFixture[str], timeline: Path) -> None:
    code, out, _ = run(capsys, "connections", "caro-quintero", str(timeline), "--format", "table")
    assert code == 0
    assert out.startswith("Who appears with Rafael Caro Quintero")
    assert "camarena" in out
    code, narrowed, _ = run(
        capsys,
        "connections",
        "caro-quintero",
        str(timeline),
        "--filter",
        "year:1985",
        "--format",
        "table",
    )
    assert code == 0
    assert "among events matching year:1985" in narrowed
    assert len(narrowed.splitlines()) < len(out.splitlines())


def test_unknown_entity_says_did_you_mean(
    capsys: pytest.CaptureFixture[str], timeline: Path
) -> None:
    code, out, err = run(capsys, "connections", "caro-quinteor", str(timeline))
    assert code == 1
    assert out == ""
    assert 'no entity with id "caro-quinteor"; did you mean caro-quintero' in err
    assert "Traceback" not in err


def test_list_filter_starred_reads_the_sidecar(
    capsys: pytest.CaptureFixture[str], timeline: Path
) -> None:
    _notes(
        timeline, Notes().with_star("camarena-kidnapped", True).with_note("el-bufalo-raid", "why?")
    )
    code, out, _ = run(capsys, "list", str(timeline), "--filter", "starred", "--format", "json")
    assert code == 0
    assert [e["id"] for e in json.loads(out)] == ["camarena-kidnapped"]
    code, out, _ = run(capsys, "list", str(timeline), "-q", "note:why", "--format", "json")
    assert [e["id"] for e in json.loads(out)] == ["el-bufalo-raid"]


def test_no_sidecar_means_nothing_starred(
    capsys: pytest.CaptureFixture[str], timeline: Path
) -> None:
    code, out, _ = run(capsys, "list", str(timeline), "-q", "starred", "--format", "json")
    assert code == 0
    assert json.loads(out) == []


def test_a_broken_sidecar_stops_a_filter_on_marks_only(
    capsys: pytest.CaptureFixture[str], timeline: Path
) -> None:
    sidecar = notes_path(timeline)
    sidecar.write_text("starred: [\n", encoding="utf-8")
    code, out, err = run(capsys, "list", str(timeline), "-q", "starred")
    assert code == 1
    assert out == ""
    assert f"{sidecar}:2:1: YAML syntax" in err
    assert "Traceback" not in err
    code, _, _ = run(capsys, "list", str(timeline), "-q", "camarena", "--format", "json")
    assert code == 0
    assert sidecar.read_text(encoding="utf-8") == "starred: [\n"


def test_validate_reports_orphans_and_keeps_them(
    capsys: pytest.CaptureFixture[str], timeline: Path
) -> None:
    sidecar = _notes(
        timeline, Notes().with_note("no-such-event", "old").with_star("camarena-kidnapped", True)
    )
    before = sidecar.read_text(encoding="utf-8")
    code, out, err = run(capsys, "validate", str(timeline))
    assert code == 0
    assert "ok" in out
    assert 'a note on event "no-such-event", which the timeline no longer has' in err
    code, out, err = run(capsys, "lint", str(timeline))
    assert 'event "no-such-event"' in err
    assert sidecar.read_text(encoding="utf-8") == before


def test_validate_fails_on_a_broken_sidecar(
    capsys: pytest.CaptureFixture[str], timeline: Path
) -> None:
    notes_path(timeline).write_text("- just\n- a list\n", encoding="utf-8")
    code, _, err = run(capsys, "validate", str(timeline))
    assert code == 1
    assert "expected sections starred:, notes: and views:" in err


def test_export_with_notes_and_connections(
    capsys: pytest.CaptureFixture[str], timeline: Path
) -> None:
    _notes(
        timeline,
        Notes().with_star("camarena-kidnapped", True).with_note("camarena-kidnapped", "Key day"),
    )
    code, plain_out, _ = run(capsys, "export", str(timeline), "-q", "year:1985")
    assert "★" not in plain_out and "Who appears with whom" not in plain_out
    code, out, err = run(
        capsys, "export", str(timeline), "-q", "year:1985", "--with-notes", "--with-connections"
    )
    assert code == 0, err
    assert "- ★ **7 Feb 1985**" in out
    assert "  *My note:* Key day" in out
    assert "## Who appears with whom" in out


def test_with_notes_is_for_markdown_only(
    capsys: pytest.CaptureFixture[str], timeline: Path
) -> None:
    code, _, err = run(capsys, "export", str(timeline), "-f", "json", "--with-notes")
    assert code == 1
    assert "Markdown export only" in err


def test_list_starred_on_the_bundled_timeline_reads_the_users_data_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    bundled = bundled_timeline_path()
    beside = sorted(bundled.parent.iterdir())
    sidecar = notes_path(bundled)
    assert sidecar.is_relative_to(tmp_path / "data")
    sidecar.parent.mkdir(parents=True)
    sidecar.write_text(notes_to_yaml(Notes().with_star("camarena-kidnapped", True), "t"), "utf-8")
    code, out, _ = run(capsys, "list", str(bundled), "--filter", "starred", "--format", "json")
    assert code == 0
    assert [e["id"] for e in json.loads(out)] == ["camarena-kidnapped"]
    assert sorted(bundled.parent.iterdir()) == beside


def test_entity_lists_the_first_five_connections_as_connections_ranks_them(
    capsys: pytest.CaptureFixture[str], timeline: Path
) -> None:
    code, listed, _ = run(capsys, "connections", "caro-quintero", str(timeline), "--format", "json")
    first = json.loads(listed)["connections"][:5]
    code, out, _ = run(capsys, "entity", "caro-quintero", str(timeline))
    assert code == 0
    shown = out.split("Most often with", 1)[1].splitlines()[1:]
    assert [line.split("  ")[1] for line in shown if line.strip()] == [c["name"] for c in first]

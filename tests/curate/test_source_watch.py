"""Noticing saves, and finding the user's editor."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from timeline_viewer.curate import editor_command as editors
from timeline_viewer.curate import source_watch
from timeline_viewer.curate.editor_command import NoEditorError, editor_command
from timeline_viewer.curate.source_watch import SourceWatch


def test_a_save_with_new_content_is_a_change(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("one")
    watch = SourceWatch(path)
    assert not watch.changed()
    path.write_text("two")
    assert watch.changed()
    assert watch.changed()  # still, until accepted
    watch.accept()
    assert not watch.changed()


def test_touching_or_rewriting_the_same_content_is_not(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("same")
    watch = SourceWatch(path)
    os.utime(path, ns=(1, 1))
    assert not watch.changed()
    path.write_text("same")
    assert not watch.changed()


def test_a_save_by_rename_is_seen(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("before")
    watch = SourceWatch(path)
    replacement = tmp_path / ".t.yaml.swp"
    replacement.write_text("after!")
    replacement.replace(path)
    assert watch.changed()


def test_a_missing_file_is_waited_for(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("x")
    watch = SourceWatch(path)
    path.unlink()
    assert not watch.changed()
    path.write_text("y")
    assert watch.changed()


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"EDITOR": "vim"}, ["vim", "+41", "t.yaml"]),
        ({"VISUAL": "nvim", "EDITOR": "nano"}, ["nvim", "+41", "t.yaml"]),
        ({"EDITOR": "code --wait"}, ["code", "--wait", "-g", "t.yaml:41"]),
        ({"EDITOR": "/usr/local/bin/hx"}, ["/usr/local/bin/hx", "t.yaml:41"]),
        ({"EDITOR": "my-editor"}, ["my-editor", "t.yaml"]),
    ],
)
def test_editor_command_at_a_line(environ: dict[str, str], expected: list[str]) -> None:
    assert editor_command(Path("t.yaml"), 41, environ) == expected


def test_without_editor_variables_a_usual_editor_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(editors.shutil, "which", lambda name: "/bin/vi" if name == "vi" else None)
    assert editor_command(Path("t.yaml"), 3, {}) == ["vi", "+3", "t.yaml"]
    monkeypatch.setattr(editors.shutil, "which", lambda name: None)
    with pytest.raises(NoEditorError, match="EDITOR"):
        editor_command(Path("t.yaml"), 3, {})


@pytest.mark.parametrize(
    ("age_s", "seen"),
    [
        pytest.param(0, False, id="written-just-now"),  # maybe half-written: look again later
        pytest.param(2, True, id="settled"),
        pytest.param(-3600, True, id="clock-ahead"),  # a network filesystem's, say
    ],
)
def test_a_save_is_looked_at_once_its_write_has_settled(
    age_s: int, seen: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Editors that write in place: a look in the middle would see half a file.
    monkeypatch.setattr(source_watch, "SETTLE_NS", 10**9)
    path = tmp_path / "t.yaml"
    path.write_text("one")
    os.utime(path, ns=(1, 1))
    watch = SourceWatch(path)
    path.write_text("half of t")
    modified = time.time_ns() - age_s * 10**9
    os.utime(path, ns=(modified, modified))
    assert watch.changed() is seen

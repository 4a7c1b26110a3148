"""The settings file and the text helpers, without running the app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.fuzzy import Matcher

from timeline_viewer.tui.commands import highlighted
from timeline_viewer.tui.dialogs import resolve_target
from timeline_viewer.tui.settings import (
    CONFIG_DIR_VARIABLE,
    Settings,
    load_settings,
    save_settings,
    settings_path,
)


def test_settings_path_follows_the_environment(tmp_path: Path) -> None:
    assert settings_path() == Path(str(tmp_path / "config")) / "settings.json"


def test_settings_path_defaults_to_the_platform_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CONFIG_DIR_VARIABLE)
    assert "timeline-viewer" in str(settings_path())


def test_settings_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "settings.json"
    assert save_settings(Settings(theme="gruvbox"), path)
    assert json.loads(path.read_text(encoding="utf-8")) == {"theme": "gruvbox"}
    assert load_settings(path) == Settings(theme="gruvbox")


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b"[1, 2]", b'{"theme": 3}', b'{"theme": ""}', b"\xff\xfe", b"null"],
)
def test_unreadable_settings_are_the_defaults(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    assert load_settings(path) == Settings()


def test_missing_settings_and_unwritable_folder(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "none.json") == Settings()
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert save_settings(Settings(theme="nord"), blocker / "settings.json") is False


def test_export_paths_are_relative_to_the_working_folder(tmp_path: Path) -> None:
    assert resolve_target("out.md", tmp_path) == tmp_path / "out.md"
    assert resolve_target(" /tmp/x.md ", tmp_path) == Path("/tmp/x.md")
    assert resolve_target("~/x.md", tmp_path) == Path.home() / "x.md"
    # A name without an extension is a Markdown file; another extension is kept.
    assert resolve_target("notes", tmp_path) == tmp_path / "notes.md"
    assert resolve_target("notes.", tmp_path) == tmp_path / "notes.md"
    assert resolve_target("notes.txt", tmp_path) == tmp_path / "notes.txt"
    assert resolve_target("sub/caro", tmp_path) == tmp_path / "sub" / "caro.md"


def test_palette_labels_are_literal_and_match_without_accents() -> None:
    score, label = highlighted(Matcher("trevino"), "Entity  ", "[bold]Treviño[/]")
    assert score > 0
    assert label.plain == "Entity  [bold]Treviño[/]"
    assert any(span.start >= len("Entity  ") for span in label.spans)
    score, _ = highlighted(Matcher("zzz"), "", "Treviño")
    assert score == 0

"""The export dialog's format choice and Markdown's extras, under a Pilot."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input, Select
from tui_helpers import app_on_file, fixture_path, make_app, running, settle, synchronous

from timeline_viewer.tui.app import TimelineApp
from timeline_viewer.tui.browse_screen import BrowseScreen
from timeline_viewer.tui.dialogs import ExportDialog, resolve_target

WIDE = (120, 36)


def browse(app: TimelineApp) -> BrowseScreen:
    screen = app.screen_stack[0]
    assert isinstance(screen, BrowseScreen)
    return screen


def dialog(app: TimelineApp) -> ExportDialog:
    screen = app.screen
    assert isinstance(screen, ExportDialog)
    return screen


def file_name(app: TimelineApp) -> str:
    return dialog(app).query_one("#export-path", Input).value


def messages(app: TimelineApp) -> str:
    return " ".join(f"{n.title}: {n.message}" for n in app._notifications)


@synchronous
async def test_a_format_chosen_with_keys_sets_the_extension_and_the_writer(
    tmp_path: Path,
) -> None:
    app = make_app("small")
    async with running(app, size=WIDE) as pilot:
        browse(app).set_filter("bridge")
        await pilot.press("e")
        await settle(pilot)
        assert file_name(app) == "timeline.md"
        extras = dialog(app).query_one("#export-extras")
        assert extras.display
        # From the file name back to the format, open it, two down: CSV.
        await pilot.press("shift+tab", "enter", "down", "down", "enter")
        await settle(pilot)
        assert dialog(app).query_one("#export-format", Select).value == "csv"
        assert file_name(app) == "timeline.csv"
        assert not extras.display  # notes and connections are Markdown's
        # A name without an extension gets the format's.
        field = dialog(app).query_one("#export-path", Input)
        field.value = str(tmp_path / "bridges")
        field.focus()
        await pilot.press("enter")
        await settle(pilot)
    written = tmp_path / "bridges.csv"
    lines = written.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,date,end,")
    assert len(lines) == 3  # the header and the two events shown
    assert "Wrote 2 events to" in messages(app)


@pytest.mark.parametrize(
    ("format_name", "extension"),
    [
        ("json", ".json"),
        ("timelinejs", ".json"),
        ("markwhen", ".mw"),
        ("ics", ".ics"),
        ("ftm", ".ftm.json"),
    ],
)
@synchronous
async def test_each_text_format_writes_its_own_file(
    tmp_path: Path, format_name: str, extension: str
) -> None:
    app = make_app("small")
    app.working_folder = tmp_path
    async with running(app, "e", size=WIDE) as pilot:
        dialog(app).query_one("#export-format", Select).value = format_name
        await settle(pilot)
        assert file_name(app) == "timeline" + extension
        await pilot.press("enter")
        await settle(pilot)
        # The next export offers the same format.
        await pilot.press("e")
        await settle(pilot)
        assert file_name(app) == "timeline" + extension
    text = (tmp_path / ("timeline" + extension)).read_text(encoding="utf-8")
    if format_name in ("json", "timelinejs"):
        assert len(json.loads(text)["events"]) == 8
    elif format_name == "markwhen":
        assert text.startswith("---\ntitle: ")
    elif format_name == "ics":
        written = (tmp_path / "timeline.ics").read_bytes()
        assert written.startswith(b"BEGIN:VCALENDAR\r\n")  # its line ends kept
    else:
        assert all(json.loads(line)["schema"] for line in text.splitlines())


@synchronous
async def test_markdown_takes_my_notes_and_who_appears_with_whom(tmp_path: Path) -> None:
    timeline = tmp_path / "river.yaml"
    shutil.copyfile(fixture_path("small"), timeline)
    app = app_on_file(timeline)
    async with running(app, size=WIDE) as pilot:
        screen = browse(app)
        assert screen.show_event(screen.index.position_by_id["mill-fire"])
        await pilot.press("asterisk", "a")
        await settle(pilot)
        await pilot.press(*"arson?", "enter")
        await settle(pilot)
        for name, notes, connections in (
            ("plain.md", False, False),
            ("mine.md", True, False),
            ("both.md", True, True),
        ):
            await pilot.press("e")
            await settle(pilot)
            dialog(app).query_one("#with-notes", Checkbox).value = notes
            dialog(app).query_one("#with-connections", Checkbox).value = connections
            field = dialog(app).query_one("#export-path", Input)
            field.value = str(tmp_path / name)
            await pilot.press("enter")
            await settle(pilot)
    plain, mine, both = (
        (tmp_path / name).read_text(encoding="utf-8") for name in ("plain.md", "mine.md", "both.md")
    )
    assert "arson?" not in plain and "Who appears with whom" not in plain
    assert "My note" in mine and "arson?" in mine and "★" in mine
    assert "Who appears with whom" not in mine
    assert "arson?" in both and "Who appears with whom" in both


@synchronous
async def test_the_boxes_are_not_used_by_another_format(tmp_path: Path) -> None:
    app = make_app("small")
    async with running(app, "e", size=WIDE) as pilot:
        dialog(app).query_one("#with-connections", Checkbox).value = True
        dialog(app).query_one("#export-format", Select).value = "csv"
        await settle(pilot)
        dialog(app).query_one("#export-path", Input).value = str(tmp_path / "x.csv")
        await pilot.press("enter")
        await settle(pilot)
    assert (tmp_path / "x.csv").exists()
    assert "Not exported" not in messages(app)


def test_a_name_without_extension_takes_the_formats(tmp_path: Path) -> None:
    assert resolve_target("notes", tmp_path, ".csv") == tmp_path / "notes.csv"
    assert resolve_target("notes", tmp_path, ".ftm.json") == tmp_path / "notes.ftm.json"
    assert resolve_target("notes.txt", tmp_path, ".csv") == tmp_path / "notes.txt"

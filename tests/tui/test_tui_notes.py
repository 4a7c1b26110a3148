"""Stars, notes, saved views and connections under a Pilot, on a copy of a fixture."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static
from tui_helpers import (
    app_on_file,
    browse,
    drawn_line,
    fixture_path,
    messages,
    running,
    settle,
    synchronous,
)

from timeline_viewer.curate.notes import Notes, notes_path, notes_to_yaml, read_notes
from timeline_viewer.tui.app import TimelineApp
from timeline_viewer.tui.browse_screen import BrowseScreen
from timeline_viewer.tui.connections_dialog import ConnectionsDialog
from timeline_viewer.tui.notes_dialogs import TextDialog, ViewsDialog

WIDE = (120, 36)


@pytest.fixture
def timeline_file(tmp_path: Path) -> Path:
    path = tmp_path / "river.yaml"
    shutil.copyfile(fixture_path("small"), path)
    return path


def count(screen: BrowseScreen) -> str:
    return str(screen.query_one("#count", Static).render())


def on_event(screen: BrowseScreen, event_id: str) -> None:
    assert screen.show_event(screen.index.position_by_id[event_id])


async def reload(pilot: Pilot[None]) -> None:
    app = pilot.app
    assert isinstance(app, TimelineApp)
    await settle(pilot)
    app.check_source()
    await settle(pilot)
    await pilot.pause()


@synchronous
async def test_star_and_note_are_saved_beside_the_timeline(timeline_file: Path) -> None:
    original = timeline_file.read_bytes()
    app = app_on_file(timeline_file)
    async with running(app, size=WIDE) as pilot:
        screen = browse(app)
        on_event(screen, "mill-fire")
        await pilot.press("asterisk")
        await settle(pilot)
        assert read_notes(notes_path(timeline_file)).starred == ("mill-fire",)
        row = drawn_line(screen.events_list, screen.events_list.cursor)
        assert row.startswith("★")
        assert "★" in str(screen.query_one("#detail-title", Static).render())

        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, TextDialog)
        await pilot.press(*"arson?", "enter")
        await settle(pilot)
        assert read_notes(notes_path(timeline_file)).notes == {"mill-fire": "arson?"}
        assert str(screen.query_one("#detail-mine", Static).render()) == "arson?"
        assert "Note saved" in " ".join(messages(app))

        # The filter language sees them.
        screen.set_filter("starred note:arson")
        assert count(screen) == "1 of 8 events"
        # Unstarred: the filter on stars is applied again at once.
        on_event(screen, "mill-fire")
        await pilot.press("asterisk")
        await settle(pilot)
        assert count(screen).endswith("0 of 8 events")
    assert timeline_file.read_bytes() == original


@synchronous
async def test_a_filter_saved_as_a_view_is_opened_again(timeline_file: Path) -> None:
    app = app_on_file(timeline_file)
    async with running(app, size=WIDE) as pilot:
        screen = browse(app)
        screen.set_filter("bridge")
        await pilot.press("S")
        await settle(pilot)
        await pilot.press(*"bridges", "enter")
        await settle(pilot)
        assert read_notes(notes_path(timeline_file)).views == {"bridges": "bridge"}
        screen.set_filter("")
        await pilot.press("V")
        await settle(pilot)
        assert isinstance(app.screen, ViewsDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert browse(app).query_one("#filter", Input).value == "bridge"
        assert "View: bridges" in " ".join(messages(app))


@synchronous
async def test_notes_survive_a_reload_and_orphans_are_told_and_kept(timeline_file: Path) -> None:
    sidecar = notes_path(timeline_file)
    sidecar.write_text(
        notes_to_yaml(Notes(("flood", "mill-fire"), {"flood": "high water"}), "river.yaml"),
        encoding="utf-8",
    )
    app = app_on_file(timeline_file)
    async with running(app, size=WIDE) as pilot:
        screen = browse(app)
        screen.set_filter("starred")
        assert count(screen) == "2 of 8 events"
        # The curator removes an event and moves another.
        text = timeline_file.read_text(encoding="utf-8")
        start = text.index("  - id: mill-fire")
        end = text.index("  - id: flood")
        timeline_file.write_text(text[:start] + text[end:], encoding="utf-8")
        await reload(pilot)
        assert count(screen) == "1 of 7 events"
        assert any("mill-fire" in m and "kept in river.yaml.notes.yaml" in m for m in messages(app))
        on_event(screen, "flood")
        assert str(screen.query_one("#detail-mine", Static).render()) == "high water"
        # Another star is added: the orphan stays in the file.
        screen.set_filter("")
        on_event(screen, "town-founded")
        await pilot.press("asterisk")
        await settle(pilot)
    assert read_notes(sidecar).starred == ("flood", "mill-fire", "town-founded")


@synchronous
async def test_a_broken_notes_file_is_told_and_never_written_over(timeline_file: Path) -> None:
    sidecar = notes_path(timeline_file)
    sidecar.write_text("starred: [flood\n", encoding="utf-8")
    app = app_on_file(timeline_file)
    async with running(app, size=WIDE) as pilot:
        assert any("does not read" in m for m in messages(app))
        screen = browse(app)
        on_event(screen, "flood")
        await pilot.press("asterisk")
        await settle(pilot)
        assert any(m.startswith("Not saved: your notes file does not read") for m in messages(app))
        assert app.is_running
    assert sidecar.read_text(encoding="utf-8") == "starred: [flood\n"


@synchronous
async def test_connections_list_the_shared_events_on_enter(timeline_file: Path) -> None:
    app = app_on_file(timeline_file)
    async with running(app, size=WIDE) as pilot:
        browse(app).open_entity("ana-lima")
        await settle(pilot)
        screen = browse(app)
        await pilot.press("w")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConnectionsDialog)
        options = dialog.query_one(OptionList)
        first = dialog.found[0]
        assert str(options.get_option_at_index(0).prompt).split()[0] == str(first.shared)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one("#filter", Input).value == f"entity:{first.entity.id}"
        assert len(screen.view.positions) == first.shared


@synchronous
async def test_connections_need_an_entity(timeline_file: Path) -> None:
    app = app_on_file(timeline_file)
    async with running(app, "w", size=WIDE):
        assert isinstance(app.screen, BrowseScreen)
        assert any("Pick an entity first" in m for m in messages(app))


@synchronous
async def test_the_bundled_timelines_star_goes_to_the_users_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its folder is the package (the source tree, or a read-only site-packages).
    from timeline_viewer.load.loader import bundled_timeline_path

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    bundled = bundled_timeline_path()
    beside = sorted(bundled.parent.iterdir())
    app = app_on_file(bundled)
    async with running(app, size=WIDE) as pilot:
        screen = browse(app)
        on_event(screen, "camarena-kidnapped")
        await pilot.press("asterisk")
        await settle(pilot)
    sidecar = tmp_path / "data" / "timeline-viewer" / "bundled-timeline.yaml.notes.yaml"
    assert read_notes(sidecar).starred == ("camarena-kidnapped",)
    assert sorted(bundled.parent.iterdir()) == beside


def _with_views(timeline_file: Path, views: dict[str, str]) -> None:
    notes = Notes()
    for name, filter_text in views.items():
        notes = notes.with_view(name, filter_text)
    notes_path(timeline_file).write_text(notes_to_yaml(notes, "river.yaml"), encoding="utf-8")


def view_names(app: TimelineApp) -> list[str]:
    dialog = app.screen
    assert isinstance(dialog, ViewsDialog)
    options = dialog.query_one("#views", OptionList)
    return [
        str(options.get_option_at_index(i).prompt).split("  ")[0] for i in range(len(dialog.names))
    ]


@synchronous
async def test_a_view_is_deleted_after_asking(timeline_file: Path) -> None:
    from timeline_viewer.tui.dialogs import ConfirmDialog

    _with_views(timeline_file, {"bridges": "bridge", "floods": "flood", "ana": "entity:ana-lima"})
    app = app_on_file(timeline_file)
    async with running(app, "V", size=WIDE) as pilot:
        assert view_names(app) == ["ana", "bridges", "floods"]
        await pilot.press("down", "d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # no: nothing changes
        await settle(pilot)
        assert set(read_notes(notes_path(timeline_file)).views) == {"ana", "bridges", "floods"}
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert read_notes(notes_path(timeline_file)).views == {
            "ana": "entity:ana-lima",
            "floods": "flood",
        }
        # Still in the list, which shows what the file holds, the cursor near where it was.
        assert view_names(app) == ["ana", "floods"]
        assert "View deleted: bridges" in " ".join(messages(app))
        await pilot.press("d", "y", "d", "y")
        await settle(pilot)
        assert read_notes(notes_path(timeline_file)).views == {}
        dialog = app.screen
        assert isinstance(dialog, ViewsDialog)
        assert "No saved views yet" in " ".join(str(s.render()) for s in dialog.query(Static))


@synchronous
async def test_a_view_is_renamed_keeping_its_filter(timeline_file: Path) -> None:
    _with_views(timeline_file, {"bridges": "bridge", "floods": "flood"})
    app = app_on_file(timeline_file)
    async with running(app, "V", size=WIDE) as pilot:
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, TextDialog)
        field = app.screen.query_one("#text-value", Input)
        assert field.value == "bridges"
        field.value = "river crossings"
        await pilot.press("enter")
        await settle(pilot)
        assert read_notes(notes_path(timeline_file)).views == {
            "floods": "flood",
            "river crossings": "bridge",
        }
        assert view_names(app) == ["floods", "river crossings"]
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, TextDialog)
        # A name in use is refused: the other view is not lost.
        app.screen.query_one("#text-value", Input).value = "floods"
        await pilot.press("enter")
        await settle(pilot)
        assert "there is a view called floods already" in " ".join(messages(app))
        assert set(read_notes(notes_path(timeline_file)).views) == {"floods", "river crossings"}
        # The cursor followed the renamed view: enter opens it.
        await pilot.press("enter")
        await settle(pilot)
        assert browse(app).query_one("#filter", Input).value == "bridge"


@synchronous
async def test_a_view_is_not_renamed_in_a_broken_notes_file(timeline_file: Path) -> None:
    _with_views(timeline_file, {"bridges": "bridge"})
    app = app_on_file(timeline_file)
    async with running(app, "V", size=WIDE) as pilot:
        broken = "views:\n  bridges: [\n"
        notes_path(timeline_file).write_text(broken, encoding="utf-8")
        await pilot.press("r")
        await settle(pilot)
        app.screen.query_one("#text-value", Input).value = "spans"
        await pilot.press("enter")
        await settle(pilot)
        assert "does not read" in " ".join(messages(app))
        assert notes_path(timeline_file).read_text(encoding="utf-8") == broken
        assert view_names(app) == ["bridges"]

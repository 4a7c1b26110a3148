"""How the screens look, at fixed sizes, on fixture files that do not change under us.

Regenerate with `pytest tests/tui --snapshot-update` and look at the result.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from tui_helpers import app_on_file, bundled_path, fixture_path, make_app, still

from timeline_viewer.load.loader import LoadError, load_timeline
from timeline_viewer.tui.app import TimelineApp

SnapCompare = Callable[..., bool]
WIDE = (120, 36)


def typing(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """A run_before script: press the keys, then wait for the app to settle."""

    async def run(pilot: Pilot[Any]) -> None:
        await still(pilot)
        await pilot.press(*keys)
        await still(pilot)

    return run


def _bundled_is_valid() -> bool:
    try:
        load_timeline(bundled_path())
    except LoadError:
        return False
    return True


def test_main_screen(snap_compare: SnapCompare) -> None:
    # The shipped data when it validates, so the snapshot shows the real thing.
    app = make_app("bundled" if _bundled_is_valid() else "small")
    assert snap_compare(app, terminal_size=WIDE, run_before=typing())


def test_main_screen_at_80x24(snap_compare: SnapCompare) -> None:
    # The entities panel starts hidden; the key bar keeps `? help` and `q quit`.
    assert snap_compare(make_app("small"), terminal_size=(80, 24), run_before=typing())


def test_entity_view_hints_at_80x24(snap_compare: SnapCompare) -> None:
    async def open_entity(pilot: Pilot[Any]) -> None:
        await still(pilot)
        pilot.app.open_entity("ana-lima")  # type: ignore[attr-defined]
        await still(pilot)

    assert snap_compare(make_app("small"), terminal_size=(80, 24), run_before=open_entity)


def test_filtered_view(snap_compare: SnapCompare) -> None:
    app = make_app("small")
    assert snap_compare(app, terminal_size=WIDE, run_before=typing("slash", *"bridge"))


def test_filter_marks_its_words_accents_ignored(snap_compare: SnapCompare) -> None:
    # "sa" marks "Sá" in the rows and in the detail's title; "-flood" marks nothing.
    keys = ("slash", *"sa bridge -flood", "enter")
    assert snap_compare(make_app("small"), terminal_size=WIDE, run_before=typing(*keys))


def test_no_match_view(snap_compare: SnapCompare) -> None:
    app = make_app("small")
    assert snap_compare(app, terminal_size=WIDE, run_before=typing("slash", *"zeppelin"))


def test_query_error_keeps_last_result(snap_compare: SnapCompare) -> None:
    app = make_app("small")
    keys = ("slash", *"lima", "space", "quotation_mark", *"ma")
    assert snap_compare(app, terminal_size=WIDE, run_before=typing(*keys))


def test_search_view(snap_compare: SnapCompare) -> None:
    app = make_app("small")
    assert snap_compare(app, terminal_size=WIDE, run_before=typing("ctrl+f", *"bridge", "enter"))


def test_entity_view(snap_compare: SnapCompare) -> None:
    async def open_entity(pilot: Pilot[Any]) -> None:
        await still(pilot)
        pilot.app.open_entity("ana-lima")  # type: ignore[attr-defined]
        await still(pilot)

    assert snap_compare(make_app("small"), terminal_size=WIDE, run_before=open_entity)


def test_help_screen(snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app("small"), terminal_size=WIDE, run_before=typing("question_mark"))


def test_help_screen_at_80x24(snap_compare: SnapCompare) -> None:
    app = make_app("small")
    assert snap_compare(app, terminal_size=(80, 24), run_before=typing("question_mark"))


def test_help_screen_found_in_the_detail(snap_compare: SnapCompare) -> None:
    keys = ("enter", "question_mark", "slash", *"open")
    assert snap_compare(make_app("small"), terminal_size=(40, 12), run_before=typing(*keys))


def test_hostile_data(snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app("hostile"), terminal_size=WIDE, run_before=typing("j"))


def test_empty_timeline(snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app("empty"), terminal_size=WIDE, run_before=typing())


def test_smallest_window(snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app("small"), terminal_size=(40, 12), run_before=typing("j"))


def test_window_too_small(snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app("small"), terminal_size=(39, 11), run_before=typing())


def test_broken_save_lists_the_problems(
    snap_compare: SnapCompare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A relative path, so that the problems read the same wherever the test runs.
    monkeypatch.chdir(tmp_path)
    path = Path("river.yaml")
    shutil.copyfile(fixture_path("small"), path)

    async def break_the_file(pilot: Pilot[Any]) -> None:
        await still(pilot)
        text = path.read_text(encoding="utf-8")
        text = text.replace("date: 1986-04-02", "date: 1986-14-02")
        text = text.replace("[old-mill, river-town]", "[old-mill, '[bold]x[/]']")
        path.write_text(text, encoding="utf-8")
        app = pilot.app
        assert isinstance(app, TimelineApp)
        app.check_source()
        await still(pilot)
        app.clear_notifications()  # the panel, not the toast over it
        await still(pilot)

    app = app_on_file(path)
    assert snap_compare(app, terminal_size=WIDE, run_before=break_the_file)


def test_sources_dialog_over_ssh_at_80x24(snap_compare: SnapCompare, tmp_path: Path) -> None:
    # A long address is shown whole, wrapped, to select or copy.
    long_url = "https://example.org/archive/2016/05/01/the-new-bridge-opens?ref=valley-radio&page=2"
    path = tmp_path / "river.yaml"
    text = fixture_path("small").read_text(encoding="utf-8")
    path.write_text(text.replace("https://example.org/radio", long_url), encoding="utf-8")
    app = app_on_file(path)
    app.environ = {"SSH_CONNECTION": "10.0.0.2 52100 10.0.0.1 22"}
    assert snap_compare(app, terminal_size=(80, 24), run_before=typing("G", "k", "o"))


def test_entity_lanes(snap_compare: SnapCompare) -> None:
    # The cursor one event along the first lane, then down to the next.
    assert snap_compare(make_app("small"), terminal_size=WIDE, run_before=typing("v", "l", "j"))


def test_entity_lanes_zoomed_on_a_period(snap_compare: SnapCompare) -> None:
    # River Board's lane, zoomed in on the flood: a bar, and July 1985 spread over its days.
    keys = ("v", "j", "j", *["plus"] * 9)
    assert snap_compare(make_app("small"), terminal_size=WIDE, run_before=typing(*keys))


def test_entity_lanes_at_80x24(snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app("bundled"), terminal_size=(80, 24), run_before=typing("v"))


def test_entity_lanes_at_40x12(snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app("small"), terminal_size=(40, 12), run_before=typing("v", "j"))


def _with_notes(tmp_path: Path) -> TimelineApp:
    """A copy of the small fixture with a notes file beside it: a star, a note."""
    from timeline_viewer.curate.notes import Notes, notes_path, notes_to_yaml

    path = tmp_path / "river.yaml"
    shutil.copyfile(fixture_path("small"), path)
    notes = Notes(("flood", "mill-fire"), {"mill-fire": "Arson? Ask the [gazette]."})
    notes_path(path).write_text(notes_to_yaml(notes, path.name), encoding="utf-8")
    return app_on_file(path)


def test_stars_and_my_note(snap_compare: SnapCompare, tmp_path: Path) -> None:
    # ★ on starred rows; the highlighted event's own note under "My note", as written.
    app = _with_notes(tmp_path)

    async def on_mill_fire(pilot: Pilot[Any]) -> None:
        await still(pilot)
        screen = pilot.app.screen
        screen.show_event(screen.index.position_by_id["mill-fire"])  # type: ignore[attr-defined]
        await still(pilot)

    assert snap_compare(app, terminal_size=WIDE, run_before=on_mill_fire)


def test_connections_dialog(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app = _with_notes(tmp_path)

    async def connections(pilot: Pilot[Any]) -> None:
        await still(pilot)
        pilot.app.open_entity("ana-lima")  # type: ignore[attr-defined]
        await still(pilot)
        await pilot.press("w")
        await still(pilot)

    assert snap_compare(app, terminal_size=WIDE, run_before=connections)


def _export_dialog_app() -> TimelineApp:
    app = make_app("small")
    # A folder of the same name everywhere: the dialog shows it.
    app.working_folder = Path("/home/reader/timelines")
    return app


def test_export_dialog_at_80x24(snap_compare: SnapCompare) -> None:
    # Format and file name on a line each; Markdown's two boxes side by side.
    keys = ("slash", *"bridge", "enter", "e")
    assert snap_compare(_export_dialog_app(), terminal_size=(80, 24), run_before=typing(*keys))


def test_export_dialog_at_40x12(snap_compare: SnapCompare) -> None:
    # No blank lines, one-line buttons, the boxes one above the other: all of it shows.
    assert snap_compare(_export_dialog_app(), terminal_size=(40, 12), run_before=typing("e"))

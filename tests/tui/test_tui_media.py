"""An imported newsroom timeline: media in the detail, opened with m; no empty entities panel."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static
from tui_helpers import RecordingApp, app_on_file, notices, running, synchronous

from timeline_viewer.tui.browse_screen import BrowseScreen
from timeline_viewer.tui.event_list import EventList

WIDE = (120, 30)
NEWSROOM = """\
schema: 1
title: Хроника протестов
events:
  - id: pervaya-aktsiya
    date: 2017-09-13
    title: Первая акция на площади, про которую рассказали все городские издания в тот же день
    display_date: 13 сентября
    tags: [Акции]
    media:
      url: ./media/ploshchad.jpg
      caption: Площадь в 10 утра
      credit: Иван Петров
  - id: bez-kartinki
    date: 2017-09-20
    title: Вторая акция
"""


def _app(tmp_path: Path) -> RecordingApp:
    path = tmp_path / "news" / "timeline.yaml"
    path.parent.mkdir()
    path.write_text(NEWSROOM, encoding="utf-8")
    return app_on_file(path)


@synchronous
async def test_m_opens_the_media_resolved_beside_the_file(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with running(app, size=WIDE) as pilot:
        media = str(app.screen.query_one("#detail-media", Static).render())
        assert "Площадь в 10 утра" in media and "Иван Петров" in media
        assert "./media/ploshchad.jpg" in media
        when = str(app.screen.query_one("#detail-when", Static).render())
        assert "13 сентября" in when
        await pilot.press("M")
        await pilot.pause()
        expected = (tmp_path / "news" / "media" / "ploshchad.jpg").resolve().as_uri()
        assert app.opened == [expected]
        await pilot.press("j", "M")  # no media: said, nothing opened
        await pilot.pause()
        assert app.opened == [expected]
        assert "This event has no media" in notices(app)


@synchronous
async def test_without_entities_there_is_no_panel_and_titles_get_the_room(
    tmp_path: Path,
) -> None:
    app = _app(tmp_path)
    async with running(app, size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        assert not screen.query_one("#entities").display
        row = screen.query_one(EventList).render_line(0).text
        assert "про которую рассказали все городские издания" in row
        await pilot.press("p")
        await pilot.pause()
        assert not screen.query_one("#entities").display
        assert "This timeline has no entities" in notices(app)


@synchronous
async def test_over_ssh_the_media_address_goes_to_the_clipboard_and_is_shown(
    tmp_path: Path,
) -> None:
    app = _app(tmp_path)
    app.environ = {"SSH_CONNECTION": "10.0.0.2 52100 10.0.0.1 22"}
    async with running(app, size=WIDE) as pilot:
        await pilot.press("M")
        await pilot.pause()
        expected = (tmp_path / "news" / "media" / "ploshchad.jpg").resolve().as_uri()
        assert app.opened == []
        assert app.copied == [expected]
        assert any(expected in message and "OSC 52" in message for message in notices(app))

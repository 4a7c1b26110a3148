"""Opening and copying an event's sources, with a browser, without one, over SSH."""

from __future__ import annotations

import os
import webbrowser

import pytest
from textual.app import App
from textual.widgets import Static
from tui_helpers import RecordingApp, fixture_path, make_app, notices, running, settle, synchronous

from timeline_viewer.load.loader import load_timeline
from timeline_viewer.tui.app import TimelineApp
from timeline_viewer.tui.browse_screen import BrowseScreen
from timeline_viewer.tui.sources_dialog import NOT_OPENED, SourcesDialog

WIDE = (120, 36)
SSH = {"SSH_CONNECTION": "10.0.0.2 52100 10.0.0.1 22", "SSH_TTY": "/dev/pts/3"}
GAZETTE = "https://example.org/gazette"
RADIO = "https://example.org/radio"
# In the small timeline: lima-elected cites the archive (no address) and the
# gazette; bridge-opened cites the radio and the gazette.
ELECTED = ("j",)
BRIDGE_OPENED = ("G", "k")


def note(app: App[None]) -> str:
    widget = app.screen.query_one("#sources-note", Static)
    return str(widget.render()) if widget.display else ""


@synchronous
async def test_o_opens_the_one_source_with_an_address() -> None:
    app = make_app("small")
    async with running(app, *ELECTED, "o", size=WIDE):
        assert app.opened == [GAZETTE]
        assert isinstance(app.screen, BrowseScreen)
        # Said without the address: a long one wrapped in a toast helped no one.
        assert notices(app) == ["Opened source 2 in the browser"]


@synchronous
async def test_o_then_a_number_opens_that_source_of_several() -> None:
    app = make_app("small")
    async with running(app, *BRIDGE_OPENED, "o", size=WIDE) as pilot:
        assert isinstance(app.screen, SourcesDialog)
        assert app.opened == []
        assert note(app) == ""
        await pilot.press("2")
        await settle(pilot)
        assert app.opened == [GAZETTE]
        assert isinstance(app.screen, BrowseScreen)
        await pilot.press("o", "enter")  # the first source with an address: the radio
        await settle(pilot)
        assert app.opened == [GAZETTE, RADIO]


@synchronous
async def test_over_ssh_the_sources_are_shown_to_select_or_copy() -> None:
    app = make_app("small")
    app.environ = {**SSH, "TERM": "xterm-256color"}
    async with running(app, *ELECTED, "o", size=WIDE) as pilot:
        dialog = app.screen
        assert isinstance(dialog, SourcesDialog)
        assert app.opened == []
        assert note(app) == (
            "No browser can open over SSH without a display: select an address,"
            " or press c to copy it."
        )
        # Every source, numbered as in the detail; the address whole.
        source_1 = str(dialog.query_one("#source-1", Static).render())
        source_2 = str(dialog.query_one("#source-2", Static).render())
        assert source_1.startswith("1  Town archive") and "no web address" in source_1
        assert source_2.startswith("2  The River Gazette") and GAZETTE in source_2
        await pilot.press("c")
        await settle(pilot)
        assert app.copied == [GAZETTE]
        assert notices(app) == ["Source 2's address: sent to the terminal's clipboard (OSC 52)."]
        app.browser_opens = False
        await pilot.press("enter")  # tried all the same: the user may know better
        await settle(pilot)
        assert app.opened == [GAZETTE]
        assert app.screen is dialog
        assert note(app) == NOT_OPENED
        await pilot.press("1")  # the archive: nothing to open
        await settle(pilot)
        assert note(app) == "Source 1 has no web address."
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)


@synchronous
async def test_a_browser_that_does_not_open_leaves_the_sources_on_screen() -> None:
    app = make_app("small")
    app.browser_opens = False
    async with running(app, *ELECTED, "o", size=WIDE):
        assert app.opened == [GAZETTE]
        assert isinstance(app.screen, SourcesDialog)
        assert note(app) == NOT_OPENED


@synchronous
async def test_y_says_it_sent_the_event_and_in_tmux_how_to_let_it_through_once() -> None:
    app = make_app("small")
    app.environ = {"TMUX": "/tmp/tmux-1000/default,4242,0"}
    async with running(app, "y", "j", "y", size=WIDE):
        assert len(app.copied) == 2
        sent = "The event as Markdown: sent to the terminal's clipboard (OSC 52)."
        hint = (
            "Inside tmux it reaches the clipboard only with `set -g set-clipboard on`"
            " in ~/.tmux.conf."
        )
        assert notices(app) == [f"{sent}\n{hint}", sent]


class _SystemBrowserApp(RecordingApp):
    """The app as shipped for opening links: the browser `webbrowser` finds."""

    def open_link(self, url: str) -> bool:
        return TimelineApp.open_link(self, url)


class _FakeBrowser(webbrowser.BaseBrowser):
    def __init__(self, name: str, opened: list[str]) -> None:
        super().__init__(name)
        self.opened = opened

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        self.opened.append(url)
        return True


def _system_app(
    monkeypatch: pytest.MonkeyPatch, browser: str | None
) -> tuple[App[None], list[str]]:
    """The app with the real environment and `webbrowser`, the browser found made up."""
    opened: list[str] = []

    def get(using: str | None = None) -> webbrowser.BaseBrowser:
        if browser is None:
            raise webbrowser.Error("could not locate runnable browser")
        return _FakeBrowser(browser, opened)

    monkeypatch.setattr(webbrowser, "get", get)
    app = _SystemBrowserApp(load_timeline(fixture_path("small")), fixture_path("small"))
    app.environ = os.environ
    return app, opened


@pytest.mark.parametrize("browser", [None, "lynx"])
def test_no_usable_browser_shows_the_sources(
    monkeypatch: pytest.MonkeyPatch, browser: str | None
) -> None:
    # No browser at all, or only a text one, which would draw over the app.
    for variable in ("SSH_CONNECTION", "SSH_TTY", "BROWSER"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    app, opened = _system_app(monkeypatch, browser)

    @synchronous
    async def run() -> None:
        async with running(app, *ELECTED, "o", size=WIDE):
            assert isinstance(app.screen, SourcesDialog)
            assert note(app) == NOT_OPENED

    run()
    assert opened == []


def test_the_system_browser_opens_and_over_ssh_is_not_tried(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for variable in ("SSH_CONNECTION", "SSH_TTY", "BROWSER", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    app, opened = _system_app(monkeypatch, "xdg-open")

    @synchronous
    async def run() -> None:
        async with running(app, *ELECTED, "o", size=WIDE) as pilot:
            assert opened == [GAZETTE]
            monkeypatch.delenv("DISPLAY")
            monkeypatch.setenv("SSH_CONNECTION", SSH["SSH_CONNECTION"])
            await pilot.press("o")
            await settle(pilot)
            assert isinstance(app.screen, SourcesDialog)
            assert opened == [GAZETTE]

    run()


@synchronous
async def test_at_40x12_the_dialog_still_shows_its_keys() -> None:
    app = make_app("small")
    async with running(app, *BRIDGE_OPENED, "o", size=(40, 12)):
        dialog = app.screen
        assert isinstance(dialog, SourcesDialog)
        hint = dialog.query_one(".hint", Static)
        # Drawn whole inside the window, under the sources (which scroll instead).
        assert hint.region.height >= 1
        assert hint.region.bottom <= 12 - 1  # above the dialog's border
        assert "esc close" in str(hint.render())

"""Whether a browser can open and what to say of the clipboard, in made-up environments."""

from __future__ import annotations

import webbrowser

import pytest

from timeline_viewer.tui.desktop import (
    clipboard_notice,
    draws_in_terminal,
    no_browser_reason,
    open_in_browser,
)

SSH = {"SSH_CONNECTION": "10.0.0.2 52100 10.0.0.1 22", "SSH_TTY": "/dev/pts/3"}


@pytest.mark.parametrize(
    "environ",
    [
        SSH,
        {"SSH_TTY": "/dev/pts/3"},  # `ssh -t`, or a login shell that kept only this one
        {"SSH_CONNECTION": "10.0.0.2 52100 10.0.0.1 22", "TERM": "xterm"},
    ],
)
def test_over_ssh_without_a_display_no_browser_can_open(environ: dict[str, str]) -> None:
    assert no_browser_reason(environ) == "No browser can open over SSH without a display"


@pytest.mark.parametrize(
    "environ",
    [
        {},  # at the machine
        {"DISPLAY": ":0"},
        {**SSH, "DISPLAY": "localhost:10.0"},  # ssh -X
        {**SSH, "WAYLAND_DISPLAY": "wayland-0"},
        # A remote editor's terminal: its BROWSER opens the user's own browser.
        {**SSH, "BROWSER": "/home/u/.vscode-server/bin/remote-cli/browser.sh"},
        {"SSH_CONNECTION": "", "SSH_TTY": ""},
    ],
)
def test_elsewhere_a_browser_may_open(environ: dict[str, str]) -> None:
    assert no_browser_reason(environ) is None


class _Browser(webbrowser.BaseBrowser):
    def __init__(self, name: str = "xdg-open", opens: bool = True) -> None:
        super().__init__(name)
        self.opens = opens
        self.opened: list[str] = []

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        self.opened.append(url)
        return self.opens


def test_open_in_browser_says_whether_a_browser_took_the_address() -> None:
    browser = _Browser()
    assert open_in_browser("https://example.org/a", lambda: browser)
    assert browser.opened == ["https://example.org/a"]
    assert not open_in_browser("https://example.org/a", lambda: _Browser(opens=False))


def test_no_browser_known_is_a_failure_not_an_exception() -> None:
    def none_known() -> webbrowser.BaseBrowser:
        raise webbrowser.Error("could not locate runnable browser")

    assert not open_in_browser("https://example.org/a", none_known)

    class Broken(_Browser):
        def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
            raise OSError("no such file")

    assert not open_in_browser("https://example.org/a", Broken)


def test_a_text_browser_is_never_started_over_the_app() -> None:
    for name in ("lynx", "/usr/bin/w3m", "www-browser", "links"):
        browser = _Browser(name)
        assert draws_in_terminal(browser)
        assert not open_in_browser("https://example.org/a", lambda b=browser: b)
        assert browser.opened == []
    assert draws_in_terminal(webbrowser.GenericBrowser(["elinks", "%s"]))
    assert not draws_in_terminal(webbrowser.BackgroundBrowser("xdg-open"))
    assert not draws_in_terminal(webbrowser.GenericBrowser(["/opt/browser.sh", "%s"]))


def test_the_clipboard_notice_never_claims_the_copy_arrived() -> None:
    notice = clipboard_notice("The event as Markdown", {}, tmux_hint=True)
    assert notice == "The event as Markdown: sent to the terminal's clipboard (OSC 52)."
    assert "opied" not in notice


def test_inside_tmux_the_notice_says_how_to_let_it_through_when_asked() -> None:
    tmux = {"TMUX": "/tmp/tmux-1000/default,1234,0"}
    first = clipboard_notice("Source 2's address", tmux, tmux_hint=True)
    assert first.splitlines()[1] == (
        "Inside tmux it reaches the clipboard only with `set -g set-clipboard on` in ~/.tmux.conf."
    )
    assert "\n" not in clipboard_notice("Source 2's address", tmux, tmux_hint=False)

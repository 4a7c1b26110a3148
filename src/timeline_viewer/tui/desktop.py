"""What this session can reach of the user's desktop: a browser, the clipboard.

Over SSH the app runs on one machine and the user sits at another: a
browser started here opens on the far machine's screen, if anywhere, so
"Opening https://..." was a promise nothing kept. The clipboard is reached
through the terminal (OSC 52), which may drop the request without a word:
the app can say it sent the text, never that it arrived.

Plain functions of the environment they are given (no Textual), so that
each case is tested with a made-up one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when a link is opened: start-up needs none of it
    import webbrowser

# Browsers that draw in the terminal: started from the app, one would fight
# it for the screen (and `webbrowser` waits until it is closed).
TEXT_BROWSERS = frozenset(
    {"www-browser", "lynx", "links", "links2", "elinks", "w3m", "browsh", "netrik"}
)

CLIPBOARD_SENT = "sent to the terminal's clipboard (OSC 52)"
TMUX_HINT = (
    "Inside tmux it reaches the clipboard only with `set -g set-clipboard on` in ~/.tmux.conf."
)


def over_ssh(environ: Mapping[str, str]) -> bool:
    return bool(environ.get("SSH_CONNECTION") or environ.get("SSH_TTY"))


def no_browser_reason(environ: Mapping[str, str]) -> str | None:
    """Why no browser can open for the user, judged from the environment; None
    if one may (whether it does is known only by trying: `open_in_browser`).

    Over SSH without a display (no `DISPLAY` or `WAYLAND_DISPLAY`: no X or
    Wayland forwarding) a browser would open on the far machine, if at all.
    A `BROWSER` the user set is trusted: editors' remote terminals set it to a
    command that opens the user's own browser.
    """
    if environ.get("BROWSER"):
        return None
    if over_ssh(environ) and not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")):
        return "No browser can open over SSH without a display"
    return None


def draws_in_terminal(browser: webbrowser.BaseBrowser) -> bool:
    """Whether a `webbrowser` controller is a text browser, which would take over
    the terminal the app draws on (what `webbrowser` picks where no display is)."""
    if getattr(browser, "terminal", False):  # elinks, as `webbrowser` knows it
        return True
    name = PurePath(str(getattr(browser, "name", "")).split(" ")[0]).name
    return name in TEXT_BROWSERS


def open_in_browser(
    url: str, get_browser: Callable[[], webbrowser.BaseBrowser] | None = None
) -> bool:
    """Open `url` in the user's browser; False where none could open it.

    False when no browser is known, when the one known draws in the terminal,
    or when it says it failed. True means a browser was started with the
    address, the most anyone can know from here. `get_browser`: how to find
    the browser (`webbrowser.get`, the one `BROWSER` names or the system's).
    """
    import webbrowser

    try:
        browser = (get_browser or webbrowser.get)()
    except webbrowser.Error:
        return False
    if draws_in_terminal(browser):
        return False
    try:
        return bool(browser.open(url))
    except OSError:
        return False


def in_tmux(environ: Mapping[str, str]) -> bool:
    return bool(environ.get("TMUX"))


def clipboard_notice(what: str, environ: Mapping[str, str], *, tmux_hint: bool) -> str:
    """What to say after `what` ("The event as Markdown") went to the clipboard.

    Not "copied": the terminal may drop OSC 52 and the app cannot tell.
    `tmux_hint`: add how to let tmux pass it through, when inside tmux
    (the caller says it once a session).
    """
    notice = f"{what}: {CLIPBOARD_SENT}."
    if tmux_hint and in_tmux(environ):
        notice += f"\n{TMUX_HINT}"
    return notice

"""The help screen: the packaged help.md, rendered, with links that do not open."""

from __future__ import annotations

from importlib.resources import files
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from timeline_viewer.runtime import keep_alive_from_now
from timeline_viewer.tui.key_bar import KeyBar


def help_text() -> str:
    return files("timeline_viewer.tui").joinpath("help.md").read_text(encoding="utf-8")


class HelpScreen(ModalScreen[None]):
    """Every key, from help.md; escape, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        background: $background 60%;
        & > VerticalScroll {
            width: 100;
            max-width: 100%;
            height: 90%;
            border: round $primary;
            background: $surface;
            padding: 0 1;
        }
        & Markdown { background: $surface; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-scroll"):
            yield Markdown(help_text(), open_links=False, id="help")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()
        # Kept for the whole session (see `action_help`): out of the collector's
        # generations, like the timeline, once it is drawn.
        self.call_after_refresh(keep_alive_from_now)

    def on_screen_resume(self) -> None:
        # The screen is kept between showings: each one starts at the top.
        self.query_one("#help-scroll").scroll_home(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)

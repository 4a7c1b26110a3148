"""The Textual application and `run_tui`, the entry point the CLI calls."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.theme import Theme

from timeline_viewer.index import TimelineIndex
from timeline_viewer.model import Timeline
from timeline_viewer.tui.browse_screen import BrowseScreen
from timeline_viewer.tui.commands import TimelineCommands
from timeline_viewer.tui.help_screen import HelpScreen
from timeline_viewer.tui.messages import CopyText, OpenLink, RevealInTimeline
from timeline_viewer.tui.settings import Settings, load_settings, save_settings, settings_path


class TimelineApp(App[None]):
    """Browse one timeline: a `BrowseScreen` for it, more for entity views."""

    # Absolute, so that subclasses defined elsewhere (tests) find it too.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    COMMANDS = App.COMMANDS | {TimelineCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help"),
        Binding("t", "change_theme", "Theme", show=False),
    ]

    def __init__(
        self,
        timeline: Timeline,
        source: Path | None = None,
        *,
        settings_file: Path | None = None,
        working_folder: Path | None = None,
    ) -> None:
        super().__init__()
        self.index = TimelineIndex(timeline)
        self.source = source
        # Where a relative export path goes; fixed at start like a shell's.
        self.working_folder = working_folder or Path.cwd()
        self.settings_file = settings_file or settings_path()
        # The window title is left alone: it would be data text sent to the terminal.
        self.title = "timeline"

    def on_mount(self) -> None:
        saved = load_settings(self.settings_file)
        if saved.theme and saved.theme in self.available_themes:
            self.theme = saved.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        # The folded search text of every event, built while the user looks,
        # so that the first letter typed in the filter does not wait for it.
        self.run_worker(self._prepare_search, thread=True, name="prepare search")
        self.push_screen(BrowseScreen(self.index, self.source, working_folder=self.working_folder))

    def _prepare_search(self) -> None:
        self.index.haystacks  # noqa: B018 - a cached property, computed here once

    def _remember_theme(self, theme: Theme) -> None:
        save_settings(Settings(theme=theme.name), self.settings_file)

    # -- the outside world, behind methods tests replace -------------------------

    def copy_text(self, text: str) -> None:
        """Put text on the system clipboard (OSC 52 through the terminal)."""
        self.copy_to_clipboard(text)

    def open_link(self, url: str) -> None:
        """Open a web address in the user's browser."""
        self.open_url(url)

    @on(CopyText)
    def _copy(self, message: CopyText) -> None:
        self.copy_text(message.text)

    @on(OpenLink)
    def _open(self, message: OpenLink) -> None:
        self.open_link(message.url)

    @on(RevealInTimeline)
    def _reveal(self, message: RevealInTimeline) -> None:
        self.reveal_event(message.position)

    # -- navigation across screens --------------------------------------------------

    def browse_screens(self) -> list[BrowseScreen]:
        return [s for s in self.screen_stack if isinstance(s, BrowseScreen)]

    def _top_browse_screen(self) -> BrowseScreen | None:
        """The browse screen on top, after closing any dialog or help over it."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, BrowseScreen):
            self.pop_screen()
        screen = self.screen
        return screen if isinstance(screen, BrowseScreen) else None

    def run_on_browse(self, action: str) -> None:
        """Run an action of the top browse screen (from the command palette)."""
        screen = self._top_browse_screen()
        if screen is not None:
            self.call_next(screen.run_action, action)

    def open_entity(self, entity_id: str) -> None:
        screen = self._top_browse_screen()
        if screen is not None:
            screen.open_entity(entity_id)

    def clear_filter(self) -> None:
        screen = self._top_browse_screen()
        if screen is not None:
            screen.set_filter("")

    def go_home(self) -> None:
        """Back to the whole timeline, leaving every entity view."""
        self._top_browse_screen()
        while len(self.browse_screens()) > 1:
            self.pop_screen()

    def reveal_event(self, position: int) -> None:
        """Highlight an event in the top view, or in the whole timeline if that cannot show it."""
        screen = self._top_browse_screen()
        if screen is None or screen.show_event(position):
            return
        self.go_home()
        self.browse_screens()[0].show_event(position)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


def run_tui(timeline: Timeline, source: Path | None) -> int:
    """Open the full-screen browser on an already loaded timeline; the exit code."""
    app = TimelineApp(timeline, source)
    app.run()
    return app.return_code or 0

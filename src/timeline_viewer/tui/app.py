"""The Textual application and `run_tui`, the entry point the CLI calls.

Start-up shows the first rows before anything that takes a pass over every
event: for a big timeline the time rail, the entity counts, related events
and the search text are built in a thread afterwards, and filled in when
ready. Screens and widgets that start-up does not show (help, dialogs, the
command palette's provider) are imported when first used.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
from pathlib import Path
from typing import ClassVar

from textual import events, on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.theme import Theme

from timeline_viewer.browse import TimelineFacts
from timeline_viewer.index import TimelineIndex
from timeline_viewer.model import Timeline
from timeline_viewer.tui.browse_screen import BrowseScreen
from timeline_viewer.tui.messages import CopyText, FactsReady, OpenLink, RevealInTimeline
from timeline_viewer.tui.settings import Settings, load_settings, save_settings, settings_path

# Up to this many events, everything is prepared before the first paint (it
# takes a few milliseconds); above it, in a thread once the rows are on screen.
PREPARE_BEFORE_PAINT = 5_000
# The preparation waits while keys arrive closer together than this: the user
# typing gets the whole interpreter, not half of it.
TYPING_PAUSE = 0.5
# The preparation does not wait longer than this for the first paint.
FIRST_PAINT_WAIT = 2.0
# Seconds between switches of the interpreter between threads while preparing.
PREPARING_SWITCH_INTERVAL = 0.001


def _timeline_commands() -> type[Provider]:
    """The command palette's provider, imported when the palette first opens."""
    from timeline_viewer.tui.commands import TimelineCommands

    return TimelineCommands


class TimelineApp(App[None]):
    """Browse one timeline: a `BrowseScreen` for it, more for entity views."""

    # Absolute, so that subclasses defined elsewhere (tests) find it too.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    COMMANDS = App.COMMANDS | {_timeline_commands}
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
        index: TimelineIndex | None = None,
        settings_file: Path | None = None,
        working_folder: Path | None = None,
    ) -> None:
        super().__init__()
        self.index = index if index is not None else TimelineIndex(timeline)
        self.facts: TimelineFacts | None = None
        self._last_key = 0.0
        if len(self.index) <= PREPARE_BEFORE_PAINT:
            self.facts = TimelineFacts.of(self.index)
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
        # The timeline and its index live as long as the app: out of the
        # collector's generations with them, so that no collection walks them.
        gc.freeze()
        self.push_screen(
            BrowseScreen(
                self.index, self.source, working_folder=self.working_folder, facts=self.facts
            )
        )
        # The preparing thread waits for the first rows to be painted (it would
        # slow that down); it is started now so that it is a worker from the start.
        self._painted = threading.Event()
        self.call_after_refresh(self._first_paint_done)
        self.run_worker(self._prepare, thread=True, name="prepare")

    def on_unmount(self) -> None:
        gc.unfreeze()

    def _first_paint_done(self) -> None:
        # What start-up built (widgets, styles, the first rows) lives on too.
        gc.freeze()
        self._painted.set()

    def _prepare(self) -> None:
        """In a thread: the search text, then the facts the first paint went without.

        The search text comes first, so that the first letter typed in the
        filter does not wait for it (from the load cache it takes a moment;
        built, longer); the rail and the counts are filled in after it.
        Messages, not calls, report back: a thread must not wait on an app
        that may be closing. What was built lives as long as the app, and is
        frozen out of the collector's generations like the timeline.
        """
        self._painted.wait(FIRST_PAINT_WAIT)
        # Meanwhile the UI thread takes the interpreter back within a millisecond
        # of wanting it, not five: a page drawn while this runs waits that long.
        switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(PREPARING_SWITCH_INTERVAL)
        try:
            self.index.haystacks  # noqa: B018 - a cached property, computed here once
            if self.facts is None and self.is_running:
                facts = TimelineFacts.of(self.index, self._wait_for_typing)
                self.post_message(FactsReady(facts))
        finally:
            sys.setswitchinterval(switch_interval)
        if self.is_running:  # (once the app has closed, its objects are not kept)
            gc.freeze()

    def _wait_for_typing(self) -> None:
        """In the preparing thread: wait while the user is typing."""
        while self.is_running and time.monotonic() - self._last_key < TYPING_PAUSE:
            time.sleep(TYPING_PAUSE / 4)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self._last_key = time.monotonic()
        await super().on_event(event)

    @on(FactsReady)
    def _facts_ready(self, message: FactsReady) -> None:
        self.facts = message.facts
        for screen in self.browse_screens():
            screen.use_facts(message.facts)

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
        from timeline_viewer.tui.help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


def run_tui(timeline: Timeline, source: Path | None, *, index: TimelineIndex | None = None) -> int:
    """Open the full-screen browser on an already loaded timeline; the exit code.

    `index` may be one already built over `timeline` (with its search-text cache).
    """
    app = TimelineApp(timeline, source, index=index)
    app.run()
    return app.return_code or 0

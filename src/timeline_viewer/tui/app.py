"""The Textual application and `run_tui`, the entry point the CLI calls.

Start-up shows the first rows before anything that takes a pass over every
event: for a big timeline the time rail, the entity counts, related events
and the search text are built in a thread afterwards, and filled in when
ready. Screens and widgets that start-up does not show (help, dialogs, the
command palette's provider) are imported when first used.

The file is watched while the app runs: a save reloads it in a thread (the
index and its lookups built there too) and the screens then swap to it on
the UI thread, keeping their filter, search and cursor. A save that does not
load leaves the last good timeline on screen, with the file's problems under
it. `E` hands the terminal to the user's editor at the item's line.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Protocol, runtime_checkable

from textual import events, on, work
from textual.app import App, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.message import Message
from textual.theme import Theme
from textual.worker import get_current_worker

from timeline_viewer.curate.notes import Notes, NotesError, notes_path, read_notes, update_notes
from timeline_viewer.domain.model import Timeline
from timeline_viewer.domain.problems import Problem
from timeline_viewer.query.browse import TimelineFacts
from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.query.key_guide import Place
from timeline_viewer.query.language import prepare_search
from timeline_viewer.runtime import (
    collector_is_paused,
    collector_paused,
    eager_switching,
    keep_alive_from_now,
    release_list,
    run_collector,
    stop_keeping_alive,
)
from timeline_viewer.tui.browse_screen import BrowseScreen
from timeline_viewer.tui.desktop import (
    clipboard_notice,
    in_tmux,
    no_browser_reason,
    open_in_browser,
)
from timeline_viewer.tui.messages import (
    ApplyView,
    ChangeNotes,
    CopyText,
    EditSource,
    FactsReady,
    OpenMedia,
    OpenSources,
    RevealInTimeline,
)
from timeline_viewer.tui.settings import Settings, load_settings, save_settings, settings_path

if TYPE_CHECKING:
    from timeline_viewer.curate.source_watch import SourceWatch

# Up to this many events, everything is prepared before the first paint (it
# takes a few milliseconds); above it, in a thread once the rows are on screen.
PREPARE_BEFORE_PAINT = 5_000
# The preparation waits while keys arrive closer together than this: the user
# typing gets the whole interpreter, not half of it.
TYPING_PAUSE = 0.5
# The preparation does not wait longer than this for the first paint.
FIRST_PAINT_WAIT = 2.0
# Seconds between two looks at the file for a save.
WATCH_INTERVAL = 0.4
# The name the help screen is installed under.
HELP_SCREEN = "help"
# Group of the workers that watch and reload the file (one at a time).
SOURCE_WORKERS = "source"


@runtime_checkable
class HasHelpPlace(Protocol):
    """A screen other than the browser that names the keys its help shows."""

    def help_place(self) -> Place: ...


def _timeline_commands() -> type[Provider]:
    """The command palette's provider, imported when the palette first opens."""
    from timeline_viewer.tui.commands import TimelineCommands

    return TimelineCommands


class SourceReloaded(Message):
    """The file was saved and loaded again: the new index, its facts, what changed."""

    def __init__(self, index: TimelineIndex, facts: TimelineFacts, summary: str) -> None:
        super().__init__()
        self.index = index
        self.facts = facts
        self.summary = summary


class SourceBroken(Message):
    """The file was saved and does not load: every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__()
        self.problems = problems


def _let_go(holder: list[TimelineIndex]) -> None:
    """In a thread: free a replaced timeline a few events at a time.

    Freeing 100,000 events at once holds the interpreter for 0.2 s, on
    whichever thread drops the last reference; here the UI thread gets it
    back between steps. `holder` is emptied so that this frame holds the
    only reference (nothing is freed here if another is left elsewhere).
    """
    index = holder.pop()
    events = list(index.events)
    del index  # its lookups go now, and the timeline, but not the events
    release_list(events)


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
        write_cache: Callable[[], None] | None = None,
        loaded_key: str | None = None,
    ) -> None:
        """`write_cache`: writes the file's load-cache entry; called in a thread once
        the first rows are shown, not before (a cold start of a big file waits less).
        `loaded_key`: the content key of the bytes `timeline` was loaded from: a save
        made before the watch starts is then seen, not lost."""
        super().__init__()
        self._write_cache = write_cache
        self._loaded_key = loaded_key
        self.index = index if index is not None else TimelineIndex(timeline)
        self.facts: TimelineFacts | None = None
        self._last_key = 0.0
        if len(self.index) <= PREPARE_BEFORE_PAINT:
            self.facts = TimelineFacts.of(self.index)
        self.source = source
        # Why the file on disk does not load, while the last good version is shown.
        self.problems: list[Problem] = []
        # The user's stars, notes and saved views, in a file beside the timeline.
        self.notes_file = None if source is None else notes_path(source)
        self.notes = Notes()
        # Why that file does not read (it is then never written over).
        self.notes_problems: list[Problem] = []
        self._read_notes()
        self._watch: SourceWatch | None = None
        # Where a relative export path goes; fixed at start like a shell's.
        self.working_folder = working_folder or Path.cwd()
        self.settings_file = settings_file or settings_path()
        # The window title is left alone: it would be data text sent to the terminal.
        self.title = "timeline"
        # Whoever starts the app may pause the collector for start-up (the CLI
        # does): it is resumed once the first frame is out.
        self._resume_collector = collector_is_paused()
        # What says whether a browser can open and whether this is tmux.
        self.environ: Mapping[str, str] = os.environ
        self._tmux_told = False  # the tmux clipboard hint is said once a session

    def on_load(self) -> None:
        # Before the screen is built: its first styles are then the saved theme's.
        saved = load_settings(self.settings_file)
        if saved.theme and saved.theme in self.available_themes:
            self.theme = saved.theme

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        # The timeline and its index live as long as the app: out of the
        # collector's generations with them, so that no collection walks them.
        keep_alive_from_now()
        # The preparing thread waits for the first rows to be painted (it would
        # slow that down); it is started now so that it is a worker from the start.
        self._painted = threading.Event()
        self.call_after_refresh(self._first_paint_done)
        self.run_worker(self._prepare, thread=True, name="prepare")
        # Only a regular file is watched: a pipe (`timeline <(git show ...)`) was
        # read to its end once, and reading it again would give nothing.
        if self.source is not None and self.source.is_file():
            if self._loaded_key is not None:
                self._watch = self._watch_for(self.source, self._loaded_key)
            else:
                # Taking the file's stamp reads it whole: in a thread, after the first paint.
                self.run_worker(
                    self._start_watching, thread=True, group=SOURCE_WORKERS, name="watch"
                )
            self.set_interval(WATCH_INTERVAL, self.check_source, name="watch source")
        self._say_notes_state()

    def get_default_screen(self) -> BrowseScreen:
        # The whole timeline is the app's first screen rather than one pushed
        # over an empty default: it is built with the app, not after it, and
        # its first frame is not drawn while the app is still starting (and
        # thrown away).
        return BrowseScreen(
            self.index,
            self.source,
            working_folder=self.working_folder,
            facts=self.facts,
            notes=self.notes,
        )

    def on_unmount(self) -> None:
        # Quit before the thread got to it: written now, or the next start is cold too.
        self._write_cache_entry()
        stop_keeping_alive()

    def _write_cache_entry(self) -> None:
        # Taken before it is called: the thread and a quit never both write it.
        write, self._write_cache = self._write_cache, None
        if write is not None:
            write()

    def _first_paint_done(self) -> None:
        # What start-up built (widgets, styles, the first rows) lives on too.
        keep_alive_from_now()
        if self._resume_collector:
            self._resume_collector = False
            run_collector()
        self._painted.set()

    def _prepare(self) -> None:
        """In a thread: the search text, the facts the first paint went without, the word index.

        The search text and what a scan of it needs come first, so that the
        first letter typed in the filter does not wait for them (from the load
        cache it takes a moment; built, longer); the rail and the counts are
        filled in after them, then the word index, which waits while the user
        types so that those scans have the interpreter.
        Messages, not calls, report back: a thread must not wait on an app
        that may be closing. What was built lives as long as the app, and is
        frozen out of the collector's generations like the timeline.
        """
        # (imported here: start-up does without it)
        from timeline_viewer.query.lanes import event_days

        self._painted.wait(FIRST_PAINT_WAIT)
        index = self.index  # (a reload may replace it meanwhile)
        with eager_switching():
            index.prepare_lookups()  # the search text first
            self._write_cache_entry()
            if self.facts is None and self.is_running:
                facts = TimelineFacts.of(index, self._wait_for_typing)
                self.post_message(FactsReady(facts, index))
            if self.is_running:
                # Until it is built, words are found by scanning the search text.
                prepare_search(index, self._wait_for_typing)
            if self.is_running:
                # The events' days, which the entity lanes need (a pass over every
                # event): then the first `v` need not wait for them.
                event_days(index)
        # Frozen on the UI thread, and only if the app still runs: a thread that
        # outlived its app froze whatever another app had alive at that moment.
        self.call_later(keep_alive_from_now)

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
        if message.index is not self.index:
            return  # built for a timeline a reload has replaced since
        self.facts = message.facts
        for screen in self.browse_screens():
            screen.use_facts(message.facts)

    def _remember_theme(self, theme: Theme) -> None:
        save_settings(Settings(theme=theme.name), self.settings_file)

    # -- the outside world, behind methods tests replace -------------------------

    def copy_text(self, text: str) -> None:
        """Put text on the system clipboard (OSC 52 through the terminal)."""
        self.copy_to_clipboard(text)

    def open_link(self, url: str) -> bool:
        """Open a web address in the user's browser; False if none took it.

        Not `App.open_url`: it cannot say whether a browser opened, and would
        start a text browser over the app where there is no display.
        """
        return open_in_browser(url)

    def no_browser_reason(self) -> str | None:
        """Why no browser can open for the user here (over SSH, say), if known."""
        return no_browser_reason(self.environ)

    def run_editor(self, command: list[str]) -> None:
        """Hand the terminal to the editor command until it exits.

        SuspendNotSupported where the app cannot let go of the terminal (headless).
        """
        with self.suspend():
            subprocess.run(command, check=False)

    @on(CopyText)
    def _copy(self, message: CopyText) -> None:
        self.copy_text(message.text)
        # Inside tmux, how to let the copy through is said once: after that it is noise.
        notice = clipboard_notice(message.what, self.environ, tmux_hint=not self._tmux_told)
        self._tmux_told = self._tmux_told or in_tmux(self.environ)
        self.notify(notice, markup=False)

    @on(OpenSources)
    def _open_sources(self, message: OpenSources) -> None:
        """One address and a browser to open it: opened. Else the sources in a
        dialog, with full addresses to select or copy, and why if no browser can."""
        from timeline_viewer.query.browse import openable
        from timeline_viewer.tui.sources_dialog import NOT_OPENED, SourcesDialog

        reason = self.no_browser_reason()
        links = openable(message.links)
        note = None if reason is None else f"{reason}: select an address, or press c to copy it."
        if reason is None and len(links) == 1:
            link = links[0]
            assert link.url is not None
            if self.open_link(link.url):
                self.notify(f"Opened source {link.number} in the browser", markup=False)
                return
            note = NOT_OPENED
        self.push_screen(SourcesDialog(message.title, message.links, self.open_link, note=note))

    @on(OpenMedia)
    def _open_media(self, message: OpenMedia) -> None:
        """Opened in the browser; where none can open, its address goes to the
        clipboard, and the notice shows it whole."""
        address = message.address
        reason = self.no_browser_reason()
        if reason is None and self.open_link(address):
            self.notify("Opened the media in the browser", markup=False)
            return
        self.copy_text(address)
        said = reason or "No browser opened it"
        self.notify(
            f"{said}: the media's address was sent to the terminal's clipboard (OSC 52): {address}",
            markup=False,
        )

    @on(RevealInTimeline)
    def _reveal(self, message: RevealInTimeline) -> None:
        self.reveal_event(message.position)

    # -- the file: live reload and edit in place --------------------------------------

    def _start_watching(self) -> None:
        """In a thread: remember the file as loaded, to notice its next save.

        Reading and hashing a big file competes with the first paint: it waits for it.
        """
        self._painted.wait(FIRST_PAINT_WAIT)
        if self.source is not None:
            self._watch = self._watch_for(self.source, None)

    @staticmethod
    def _watch_for(source: Path, loaded_key: str | None) -> SourceWatch:
        from timeline_viewer.curate.source_watch import SourceWatch

        return SourceWatch(source, loaded_key)

    def check_source(self) -> None:
        """Reload the file if its content changed (the timer calls this).

        Nothing while the file is still being looked at or reloaded: the next
        call sees any save made meanwhile.
        """
        if self._watch is None:
            return
        if any(w.group == SOURCE_WORKERS and not w.is_finished for w in self.workers):
            return
        self._reload_if_changed(self._watch)

    @work(thread=True, exclusive=True, group=SOURCE_WORKERS, name="reload")
    def _reload_if_changed(self, watch: SourceWatch) -> None:
        """In a thread: load the file again if it changed, and build what the screens need.

        The new index gets every lookup the UI thread would otherwise build on
        first use, and the facts of its time rail and columns, so that the
        swap itself is quick whatever the size.
        """
        if not watch.changed():
            return
        # Accepted before reading: a save during the load is seen by the next check.
        watch.accept()
        from timeline_viewer.curate.diff import diff_timelines, summary_line
        from timeline_viewer.domain.problems import LoadError
        from timeline_viewer.load.loader import load
        from timeline_viewer.query.lanes import event_days, has_event_days

        base = self.index
        try:
            # Not through the cache: writing a big timeline's entry holds the
            # interpreter for a quarter of a second, and a file being edited
            # would leave one stale entry per save. The next start writes it.
            # (Eager switching: a broken file is read again carefully, for
            # seconds, and the UI thread must get its turns meanwhile.)
            with eager_switching():
                loaded = load(watch.path, use_cache=False)
        except LoadError as error:
            self.post_message(SourceBroken(error.problems))
            return
        except OSError as error:
            reason = error.strerror or str(error)
            self.post_message(SourceBroken([Problem(str(watch.path), reason)]))
            return
        # Collector paused: the new index's hundreds of thousands of objects would
        # otherwise be walked by full collections, 15 ms each, while it is built.
        with eager_switching(), collector_paused():
            index = TimelineIndex(loaded.timeline, search_cache=loaded.search_cache)
            index.position_by_id  # noqa: B018 - cached properties, built here once
            index.prepare_lookups()
            index.entities_by_kind()  # (sorted by name: the entities panel's, once)
            facts = TimelineFacts.of(index, self._wait_for_typing)
            if has_event_days(base):
                # Entity lanes were opened on the last version: gathered again for
                # this one (they follow a reload), they need its days.
                event_days(index)
            summary = summary_line(diff_timelines(base.timeline, loaded.timeline))
        if get_current_worker().is_cancelled or not self.is_running:
            return
        # Like the first timeline: out of the collector's generations (on the UI
        # thread, as after preparing).
        self.call_later(keep_alive_from_now)
        self.post_message(SourceReloaded(index, facts, summary))
        # The new version is shown (and filtered by scanning) while its word index builds.
        with eager_switching():
            prepare_search(index)

    @on(SourceReloaded)
    async def _source_reloaded(self, message: SourceReloaded) -> None:
        if not all(screen.is_mounted for screen in self.browse_screens()):
            # An entity view just opened is still building its widgets: after it.
            self.call_after_refresh(self.post_message, message)
            return
        old = [self.index]
        fixed = bool(self.problems)
        self.index, self.facts, self.problems = message.index, message.facts, []
        await self._close_vanished_entity_views(message.index)
        for screen in self.browse_screens():
            await screen.use_index(message.index, message.facts)
            screen.show_problems(())
        self._reload_lanes()
        # Notes are kept by event id: they stay with their events whatever moved.
        # The file is read again too, in case it was edited by hand meanwhile.
        orphans_before = set(self.notes.orphans(old[0].position_by_id))
        self._read_notes()
        self._use_notes(self.notes)
        if self.notes_problems or set(self.notes.orphans(message.index.position_by_id)) - (
            orphans_before
        ):
            self._say_notes_state()
        summary = f"The file loads again: {message.summary}" if fixed else message.summary
        self.notify(summary, title="Reloaded", markup=False)
        self.run_worker(partial(_let_go, old), thread=True, name="let go")

    def _reload_lanes(self) -> None:
        """Entity lanes open over a view show that view again, in the reloaded version:
        the file is being edited to be looked at, and the lanes should show the edit
        as the list under them does."""
        from timeline_viewer.tui.lanes_view import LanesScreen

        under: BrowseScreen | None = None
        for screen in self.screen_stack:
            if isinstance(screen, BrowseScreen):
                under = screen
            elif isinstance(screen, LanesScreen) and under is not None:
                screen.use_view(under.view)

    async def _close_vanished_entity_views(self, index: TimelineIndex) -> None:
        """Leave the first entity view whose entity the file no longer has, and all above it."""
        for screen in self.browse_screens():
            entity = screen.entity
            if entity is not None and index.entity(entity.id) is None:
                while screen in self.screen_stack:
                    await self.pop_screen()
                self.notify(
                    f"{entity.name} ({entity.id}) is no longer in the file",
                    title="Entity view closed",
                    severity="warning",
                    markup=False,
                )
                return

    @on(SourceBroken)
    def _source_broken(self, message: SourceBroken) -> None:
        if not all(screen.is_mounted for screen in self.browse_screens()):
            self.call_after_refresh(self.post_message, message)
            return
        self.problems = message.problems
        for screen in self.browse_screens():
            screen.show_problems(message.problems)
        count = len(message.problems)
        self.notify(
            f"{count} problem{'' if count == 1 else 's'}: the last version that loaded stays",
            title="Not reloaded",
            severity="error",
            markup=False,
        )

    @on(EditSource)
    def _edit_source(self, message: EditSource) -> None:
        self.edit_source(message.line)

    def edit_source(self, line: int) -> None:
        """Open the file in the user's editor at `line`, and reload it once the editor exits.

        While the file does not load, at its first problem instead: the lines
        of the version on screen may no longer be those of the file.
        """
        from timeline_viewer.curate.editor_command import NoEditorError, editor_command

        if self.source is None:
            self.notify("This timeline has no file to edit", severity="warning", markup=False)
            return
        if self.problems and self.problems[0].line:
            line = self.problems[0].line
        try:
            command = editor_command(self.source, line)
        except NoEditorError as error:
            self.notify(str(error), title="No editor", severity="error", markup=False)
            return
        try:
            self.run_editor(command)
        except SuspendNotSupported:
            message = "This terminal cannot be handed over to an editor"
            self.notify(message, title="Not edited", severity="error", markup=False)
            return
        except OSError as error:
            reason = error.strerror or str(error)
            self.notify(
                f"{command[0]}: {reason}", title="Not edited", severity="error", markup=False
            )
            return
        self.check_source()

    # -- the user's notes, beside the timeline ------------------------------------------

    def _read_notes(self) -> None:
        """Read the notes file again (a missing one is no notes); remember why if it does not read."""
        self.notes_problems = []
        if self.notes_file is None:
            return
        try:
            self.notes = read_notes(self.notes_file)
        except NotesError as error:
            self.notes_problems = error.problems

    def _say_notes_state(self) -> None:
        """Tell about a notes file that does not read, and about notes whose events are gone."""
        if self.notes_problems:
            self._say_notes_problems("Your notes file does not read: it will not be written to")
            return
        orphans = self.notes.orphans(self.index.position_by_id)
        if orphans and self.notes_file is not None:
            shown_ids = ", ".join(orphans[:5]) + (" and more" if len(orphans) > 5 else "")
            self.notify(
                f"{len(orphans)} marked event{'s are' if len(orphans) > 1 else ' is'} no longer"
                f" in the timeline ({shown_ids}); kept in {self.notes_file.name}",
                title="Notes on missing events",
                severity="warning",
                timeout=10,
                markup=False,
            )

    def _say_notes_problems(self, title: str) -> None:
        """The first problems of a notes file that does not read, under `title`."""
        self.notify(
            "\n".join(str(p) for p in self.notes_problems[:3]),
            title=title,
            severity="error",
            timeout=15,
            markup=False,
        )

    def write_notes_file(self, path: Path, text: str) -> None:
        """Write the notes file atomically (never the timeline itself)."""
        from timeline_viewer.export.writing import write_atomically

        # The bundled timeline's notes go to the user's data folder, made on first use.
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text, force=True, source=self.source)

    @on(ChangeNotes)
    def _change_notes(self, message: ChangeNotes) -> None:
        from timeline_viewer.export.writing import ExportError

        if self.notes_file is None or self.source is None:
            self.notify("This timeline has no file to keep notes beside", markup=False)
            return
        try:
            notes = update_notes(
                self.notes_file, message.change, self.write_notes_file, self.source.name
            )
        except NotesError as error:
            self.notes_problems = error.problems
            self._say_notes_problems(
                "Not saved: your notes file does not read (fix it; it was left as it is)"
            )
            return
        except (ExportError, OSError) as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        self.notes_problems = []
        self._use_notes(notes)
        self.notify(message.done, markup=False)

    def _use_notes(self, notes: Notes) -> None:
        from timeline_viewer.tui.notes_dialogs import ViewsDialog

        self.notes = notes
        for screen in self.browse_screens():
            screen.use_notes(notes)
        for dialog in self.screen_stack:
            if isinstance(dialog, ViewsDialog):  # a view renamed or deleted from it
                dialog.use_views(dict(notes.views))

    @on(ApplyView)
    def _apply_view(self, message: ApplyView) -> None:
        self.apply_view(message.name, message.filter_text)

    def apply_view(self, name: str, filter_text: str) -> None:
        """Filter the whole timeline with a saved view (leaving any entity view)."""
        self.go_home()
        self.browse_screens()[0].set_filter(filter_text)
        self.notify(f"View: {name}", markup=False)

    def open_view(self, name: str) -> None:
        """A saved view by name (from the command palette)."""
        filter_text = self.notes.views.get(name)
        if filter_text is not None:
            self.apply_view(name, filter_text)

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

        if isinstance(self.screen, HelpScreen):
            return
        from timeline_viewer.tui.key_bar import bound_keys

        under = self.screen
        # Built once and kept: each closed help screen left thousands of
        # objects for the garbage collector, a 30 to 50 ms pause to free.
        if not self.is_screen_installed(HELP_SCREEN):
            self.install_screen(HelpScreen(), HELP_SCREEN)
        help_screen = self.get_screen(HELP_SCREEN)
        assert isinstance(help_screen, HelpScreen)
        if isinstance(under, BrowseScreen):
            name = None if under.entity is None else under.entity.name
            help_screen.show_for(under.place(), bound_keys(under), name)
        elif isinstance(under, HasHelpPlace):
            help_screen.show_for(under.help_place(), bound_keys(under), None)
        else:
            help_screen.show_for("list", bound_keys(under), None)
        self.push_screen(HELP_SCREEN)


def run_tui(
    timeline: Timeline,
    source: Path | None,
    *,
    index: TimelineIndex | None = None,
    write_cache: Callable[[], None] | None = None,
    loaded_key: str | None = None,
) -> int:
    """Open the full-screen browser on an already loaded timeline; the exit code.

    `index` may be one already built over `timeline` (with its search-text cache);
    `write_cache` writes its load-cache entry, after the first paint; `loaded_key`
    is the content key of the bytes it was loaded from.
    """
    app = TimelineApp(timeline, source, index=index, write_cache=write_cache, loaded_key=loaded_key)
    app.run()
    return app.return_code or 0

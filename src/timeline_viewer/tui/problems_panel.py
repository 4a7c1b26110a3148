"""What is wrong with the file on disk, while the last version that loaded stays on screen.

Shown under the list after a save that does not load, one problem a line as
`file:line:col: path: message` (what editors jump to); the next save that
loads clears it. Problem messages quote the file's text, so every line is
built through `terminal_text`, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from timeline_viewer.domain.problems import Problem
from timeline_viewer.query.browse import plural
from timeline_viewer.terminal_text import literal
from timeline_viewer.tui.labels import fixed


def problems_heading(problems: Sequence[Problem]) -> Text:
    """ "✗ 2 problems in the file: showing the last version that loaded. Save a fix to reload." """
    return Text.assemble(
        fixed("✗ ", "bold"),
        fixed(plural(len(problems), "problem"), "bold"),
        fixed(" in the file: showing the last version that loaded. Save a fix to reload."),
    )


def problems_text(problems: Sequence[Problem]) -> Text:
    """Every problem on its own line, shown literally."""
    return Text("\n").join(literal(str(problem)) for problem in problems)


class ProblemsPanel(VerticalScroll):
    """Every problem of the last save that did not load (hidden while there are none)."""

    DEFAULT_CSS = """
    ProblemsPanel {
        height: auto;
        max-height: 10;
        padding: 0 1;
        border-top: solid $error;
        background: $error 10%;
        & > #problems-heading { color: $text-error; }
        &:focus { background-tint: $foreground 5%; }
    }
    """

    def __init__(self, problems: Sequence[Problem] = (), *, id: str | None = None) -> None:
        # Shown by a class of its own, not of the screen: a class change on the
        # screen restyles every widget, some 30 ms of the UI's time.
        super().__init__(id=id, classes="-shown" if problems else None)
        self.problems: tuple[Problem, ...] = tuple(problems)

    def compose(self) -> ComposeResult:
        yield Static(problems_heading(self.problems), id="problems-heading")
        yield Static(problems_text(self.problems), id="problems-list")

    def show(self, problems: Sequence[Problem]) -> None:
        """Show these problems (none: the file loads again)."""
        self.problems = tuple(problems)
        self.set_class(bool(self.problems), "-shown")
        self.query_one("#problems-heading", Static).update(problems_heading(self.problems))
        self.query_one("#problems-list", Static).update(problems_text(self.problems))
        self.scroll_home(animate=False)

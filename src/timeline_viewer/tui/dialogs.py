"""Small modal questions: where to export, and whether to replace an existing file."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from timeline_viewer.tui.labels import fixed

DIALOG_CSS = """
NAME {
    align: center middle;
    background: $background 60%;
    & > Vertical {
        width: 72;
        max-width: 100%;
        height: auto;
        padding: 1 2;
        border: round $primary;
        background: $surface;
    }
    & .title { text-style: bold; margin-bottom: 1; }
    & .hint { color: $text-muted; margin-top: 1; }
    & Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    & Button { margin-left: 1; }
}
"""


def resolve_target(value: str, cwd: Path) -> Path:
    """The file a typed path means: `~` expanded, relative to the working directory,
    `.md` added to a name without an extension (`notes` is `notes.md`)."""
    path = Path(value.strip()).expanduser()
    path = path if path.is_absolute() else cwd / path
    if not path.suffix and not path.is_dir():
        path = path.with_name(path.name.rstrip(".") + ".md")
    return path


class ExportDialog(ModalScreen[Path | None]):
    """Asks where to write the Markdown export; dismisses with the path or None."""

    DEFAULT_CSS = DIALOG_CSS.replace("NAME", "ExportDialog")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, what: Text, default: str = "timeline.md", cwd: Path | None = None) -> None:
        super().__init__()
        self.what = what
        self.default = default
        self.cwd = cwd or Path.cwd()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(fixed("Export the current view as Markdown"), classes="title")
            yield Static(self.what)
            yield Input(self.default, placeholder="file name", id="export-path")
            yield Static(fixed(f"Relative to {self.cwd}", "dim"), classes="hint", id="export-cwd")
            with Horizontal():
                yield Button(fixed("Cancel"), id="cancel")
                yield Button(fixed("Export"), variant="primary", id="export")

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        value = self.query_one("#export-path", Input).value
        if not value.strip():
            self.notify("Give a file name, such as timeline.md", severity="warning", markup=False)
            return
        self.dismiss(resolve_target(value, self.cwd))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question; `y` or enter says yes, `n` or escape says no."""

    DEFAULT_CSS = DIALOG_CSS.replace("NAME", "ConfirmDialog")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: Text, yes: str = "Replace") -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, classes="title")
            yield Label(fixed("y: yes   n or escape: no"), classes="hint")
            with Horizontal():
                yield Button(fixed("Cancel"), id="no")
                yield Button(fixed(self.yes), variant="warning", id="yes")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

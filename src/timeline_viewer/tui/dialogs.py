"""Small modal questions: where to export, and whether to replace an existing file."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import msgspec
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from timeline_viewer.export.formats import FORMATS_BY_NAME, TEXT_FORMATS, with_extension
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


def resolve_target(value: str, cwd: Path, extension: str = ".md") -> Path:
    """The file a typed path means: `~` expanded, relative to the working directory,
    the format's `extension` added to a name without one (`notes` is `notes.md`)."""
    path = Path(value.strip()).expanduser()
    path = path if path.is_absolute() else cwd / path
    if not path.suffix and not path.is_dir():
        path = path.with_name(path.name.rstrip(".") + extension)
    return path


# Below this window height the export dialog drops its blank lines.
SHORT_DIALOG_HEIGHT = 20
# Below this width its two check boxes go one above the other.
NARROW_DIALOG_WIDTH = 56


class ExportChoice(msgspec.Struct, frozen=True):
    """What the export dialog was told: the file, the format, and Markdown's extras."""

    path: Path
    format_name: str = "markdown"
    with_notes: bool = False
    with_connections: bool = False


class ExportDialog(ModalScreen[ExportChoice | None]):
    """Asks for the format and the file of an export; dismisses with them or None.

    The file name's extension follows the format chosen; Markdown alone
    offers the reader's notes and the "who appears with whom" table.
    """

    DEFAULT_CSS = (
        DIALOG_CSS.replace("NAME", "ExportDialog")
        + """
    ExportDialog {
        & > Vertical { max-height: 100%; overflow-y: auto; }
        & .field { align-horizontal: left; }
        & .field > Label { width: 8; }
        & SelectCurrent { margin-top: 0; }  /* a Horizontal too: not a row of buttons */
        & #export-format { width: 24; }
        & #export-path-row { margin-top: 0; }
        & #export-path { width: 1fr; }
        & #export-cwd { margin-top: 0; padding-left: 8; }
        & #export-extras { align-horizontal: left; }
        & #export-extras Checkbox { margin-right: 2; }
        & #export-extras.-hidden { display: none; }
        /* A short window: no blank lines, so that the buttons still show at 12 lines. */
        &.-short {
            & > Vertical { padding: 0 1; }
            & .title, & Horizontal, & #export-extras { margin: 0; }
        }
        /* A narrow one: the two boxes one above the other, so that neither is cut. */
        &.-narrow #export-extras { layout: vertical; }
    }
    """
    )
    AUTO_FOCUS = "#export-path"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, what: Text, default: str = "timeline", cwd: Path | None = None, format_name: str = ""
    ) -> None:
        super().__init__()
        self.what = what
        self.format = FORMATS_BY_NAME.get(format_name, TEXT_FORMATS[0])
        self.default = with_extension(default + self.format.extension, self.format)
        self.cwd = cwd or Path.cwd()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(fixed("Export the current view"), classes="title")
            yield Static(self.what)
            with Horizontal(classes="field"):
                yield Label(fixed("Format"))
                yield Select(
                    [(fixed(f.label), f.name) for f in TEXT_FORMATS],
                    value=self.format.name,
                    allow_blank=False,
                    compact=True,
                    id="export-format",
                )
            with Horizontal(classes="field", id="export-path-row"):
                yield Label(fixed("File"))
                yield Input(self.default, placeholder="file name", compact=True, id="export-path")
            yield Static(fixed(f"relative to {self.cwd}", "dim"), classes="hint", id="export-cwd")
            markdown_only = "" if self.format.name == "markdown" else "-hidden"
            with Horizontal(id="export-extras", classes=markdown_only):
                yield Checkbox(Content("include my notes"), compact=True, id="with-notes")
                yield Checkbox(
                    Content("who appears with whom"), compact=True, id="with-connections"
                )
            with Horizontal():
                yield Button(fixed("Cancel"), id="cancel")
                yield Button(fixed("Export"), variant="primary", id="export")

    def on_mount(self) -> None:
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        width, height = self.app.size
        short = height < SHORT_DIALOG_HEIGHT
        self.set_class(short, "-short")
        self.set_class(width < NARROW_DIALOG_WIDTH, "-narrow")
        for button in self.query(Button):
            button.compact = short  # a line each instead of three

    @on(Select.Changed, "#export-format")
    def _format_chosen(self, event: Select.Changed) -> None:
        chosen = FORMATS_BY_NAME.get(str(event.value))
        if chosen is None or chosen == self.format:
            return
        self.format = chosen
        field = self.query_one("#export-path", Input)
        field.value = with_extension(field.value, chosen)
        self.query_one("#export-extras").set_class(chosen.name != "markdown", "-hidden")

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        value = self.query_one("#export-path", Input).value
        if not value.strip():
            example = "timeline" + self.format.extension
            self.notify(f"Give a file name, such as {example}", severity="warning", markup=False)
            return
        markdown = self.format.name == "markdown"
        self.dismiss(
            ExportChoice(
                resolve_target(value, self.cwd, self.format.extension),
                self.format.name,
                with_notes=markdown and self.query_one("#with-notes", Checkbox).value,
                with_connections=markdown and self.query_one("#with-connections", Checkbox).value,
            )
        )

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

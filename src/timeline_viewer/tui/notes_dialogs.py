"""Dialogs for the reader's own marks: a line of text (a note, a view's name), and the
saved views to pick from."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from timeline_viewer.terminal_text import join, literal, one_line
from timeline_viewer.tui.dialogs import DIALOG_CSS
from timeline_viewer.tui.labels import fixed

# A note is a line or two: longer text belongs in the timeline itself.
NOTE_MAX_LENGTH = 2_000


class TextDialog(ModalScreen[str | None]):
    """Asks for one line of text; dismisses with it (blank allowed) or None if cancelled."""

    DEFAULT_CSS = DIALOG_CSS.replace("NAME", "TextDialog")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, title: str, about: Text, value: str = "", *, hint: str = "", ok: str = "Save"
    ) -> None:
        super().__init__()
        self.title_text = title
        self.about = about
        self.value = value
        self.hint = hint
        self.ok = ok

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(fixed(self.title_text), classes="title")
            yield Static(self.about)
            yield Input(self.value, max_length=NOTE_MAX_LENGTH, id="text-value")
            if self.hint:
                yield Static(fixed(self.hint, "dim"), classes="hint")
            with Horizontal():
                yield Button(fixed("Cancel"), id="cancel")
                yield Button(fixed(self.ok), variant="primary", id="ok")

    @on(Input.Submitted, "#text-value")
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.dismiss(self.query_one("#text-value", Input).value)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ViewsDialog(ModalScreen[str | None]):
    """The saved views, by name, each with its filter; dismisses with the chosen name."""

    DEFAULT_CSS = (
        DIALOG_CSS.replace("NAME", "ViewsDialog")
        + """
    ViewsDialog OptionList { max-height: 16; border: none; }
    """
    )
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, views: dict[str, str]) -> None:
        super().__init__()
        self.names = sorted(views)
        self.views = views

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(fixed("Saved views"), classes="title")
            if self.names:
                yield OptionList(
                    *(
                        Option(
                            join([one_line(name, "bold"), literal(self.views[name], "dim")], "  ")
                        )
                        for name in self.names
                    ),
                    id="views",
                )
                hint = "enter: filter the list with it   esc: cancel"
            else:
                yield Static(fixed("No saved views yet: filter the list, then press v."))
                hint = "esc: close"
            yield Static(fixed(hint, "dim"), classes="hint")

    @on(OptionList.OptionSelected, "#views")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.names[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)

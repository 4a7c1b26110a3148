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

from timeline_viewer.curate.notes import view_name
from timeline_viewer.terminal_text import join, literal, one_line
from timeline_viewer.tui.dialogs import DIALOG_CSS
from timeline_viewer.tui.labels import fixed
from timeline_viewer.tui.messages import ChangeNotes

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
    """The saved views, by name, each with its filter; dismisses with the chosen name.

    `r` renames the highlighted view and `d` deletes it (after asking): the
    change goes up as `ChangeNotes`, and the views come back down through
    `use_views` once saved, so the list never shows what the file does not hold.
    """

    DEFAULT_CSS = (
        DIALOG_CSS.replace("NAME", "ViewsDialog")
        + """
    ViewsDialog OptionList { max-height: 16; border: none; }
    """
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("r", "rename_view", "Rename"),
        Binding("d,delete", "delete_view", "Delete"),
    ]

    def __init__(self, views: dict[str, str]) -> None:
        super().__init__()
        self.views = dict(views)
        # The name a rename gave: the cursor follows it once the list is sorted again.
        self._follow: str | None = None

    @property
    def names(self) -> list[str]:
        """The views' names in the order listed (sorted): the list's options, one each."""
        return sorted(self.views)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(fixed("Saved views"), classes="title")
            if self.names:
                yield OptionList(*self._options(), id="views")
                hint = "enter: filter with it   r: rename   d: delete   esc: cancel"
            else:
                yield Static(fixed("No saved views yet: filter the list, then press S."))
                hint = "esc: close"
            yield Static(fixed(hint, "dim"), classes="hint")

    def _options(self) -> list[Option]:
        return [
            Option(join([one_line(name, "bold"), literal(self.views[name], "dim")], "  "))
            for name in self.names
        ]

    def use_views(self, views: dict[str, str]) -> None:
        """Show these views (as saved now), the cursor on the one just renamed, else
        where it was."""
        highlight, self._follow = self._follow, None
        if views == self.views:
            return
        old_names = self.names
        self.views = dict(views)
        if not old_names or not self.names:
            self.refresh(recompose=True)  # between the list and "no saved views"
            return
        options = self.query_one("#views", OptionList)
        was = options.highlighted or 0
        options.clear_options()
        options.add_options(self._options())
        names = self.names
        if highlight in self.views:
            options.highlighted = names.index(highlight)
        else:
            options.highlighted = min(was, len(names) - 1)

    def _highlighted(self) -> str | None:
        if not self.names:
            return None
        index = self.query_one("#views", OptionList).highlighted
        return None if index is None else self.names[index]

    @on(OptionList.OptionSelected, "#views")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.names[event.option_index])

    def action_delete_view(self) -> None:
        from timeline_viewer.tui.dialogs import ConfirmDialog

        name = self._highlighted()
        if name is None:
            return
        question = Text.assemble(
            fixed("Delete the view "), one_line(name, "bold"), fixed("? Its filter is not kept.")
        )

        def delete(yes: bool | None) -> None:
            if yes:
                self.post_message(
                    ChangeNotes(lambda notes: notes.without_view(name), f"View deleted: {name}")
                )

        self.app.push_screen(ConfirmDialog(question, yes="Delete"), delete)

    def action_rename_view(self) -> None:
        name = self._highlighted()
        if name is None:
            return
        dialog = TextDialog(
            "Rename this view",
            literal(self.views[name], "bold"),
            name,
            hint="Its new name. The filter stays as it is.",
            ok="Rename",
        )

        def rename(new: str | None) -> None:
            if new is None:
                return
            new = view_name(new)
            if not new:
                self.notify("Not renamed: a view needs a name", severity="warning", markup=False)
            elif new in self.views and new != name:
                self.notify(
                    f"Not renamed: there is a view called {new} already; delete it first",
                    severity="warning",
                    markup=False,
                )
            elif new != name:
                self._follow = new
                self.post_message(
                    ChangeNotes(
                        lambda notes: notes.with_view_renamed(name, new), f"View renamed: {new}"
                    )
                )

        self.app.push_screen(dialog, rename)

    def action_cancel(self) -> None:
        self.dismiss(None)

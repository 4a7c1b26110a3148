"""Who appears with an entity: the entities sharing its events, most shared first.

Enter on one filters the list to the events the two share. The ranking is
`query.connections`, the one the entity card and `timeline connections` use.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from timeline_viewer.domain.model import Entity
from timeline_viewer.query.connections import Connection
from timeline_viewer.terminal_text import one_line
from timeline_viewer.tui.dialogs import DIALOG_CSS
from timeline_viewer.tui.labels import KIND_NAMES, fixed

# An OptionList measures every option: beyond this many, the rest are counted, not listed.
SHOWN_CONNECTIONS = 500


class ConnectionsDialog(ModalScreen[str | None]):
    """The connections of one entity; dismisses with the id of the one chosen, or None."""

    DEFAULT_CSS = (
        DIALOG_CSS.replace("NAME", "ConnectionsDialog")
        + """
    ConnectionsDialog OptionList { max-height: 20; border: none; }
    """
    )
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, entity: Entity, found: list[Connection]) -> None:
        super().__init__()
        self.entity = entity
        self.found = found[:SHOWN_CONNECTIONS]
        self.left_out = len(found) - len(self.found)

    def compose(self) -> ComposeResult:
        with Vertical():
            title = fixed("Who appears with ")
            title.append_text(one_line(self.entity.name))
            yield Label(title, classes="title")
            if not self.found:
                yield Static(fixed("No other entity shares an event with it."))
                yield Static(fixed("esc: close", "dim"), classes="hint")
                return
            width = len(f"{self.found[0].shared:,}")
            options = []
            for connection in self.found:
                label = fixed(f"{connection.shared:>{width},}  ", "bold")
                label.append_text(one_line(connection.entity.name))
                label.append_text(fixed(f"  {KIND_NAMES[connection.entity.kind]}", "dim"))
                options.append(Option(label))
            yield OptionList(*options, id="connections")
            more = f"   ({self.left_out:,} more not listed)" if self.left_out else ""
            yield Static(
                fixed(f"shared events first   enter: list the events they share{more}", "dim"),
                classes="hint",
            )

    @on(OptionList.OptionSelected, "#connections")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.found[event.option_index].entity.id)

    def action_cancel(self) -> None:
        self.dismiss(None)

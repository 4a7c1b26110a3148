"""An event's sources with their full web addresses: to open, copy or select.

Shown where a browser cannot open (over SSH, say) and where an event has
several sources to choose from. The addresses are written in full, wrapped
rather than cut, as text the mouse can select; `⏎` tries to open the chosen
one, a digit the source of that number (as in lazygit's menus), `c` copies
its address.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from timeline_viewer.query.browse import SourceLink
from timeline_viewer.terminal_text import join, literal, one_line
from timeline_viewer.tui.dialogs import DIALOG_CSS, SHORT_DIALOG_HEIGHT
from timeline_viewer.tui.labels import fixed
from timeline_viewer.tui.messages import CopyText

NOT_OPENED = "No browser opened it: select the address with the mouse, or press c to copy it."


def _source_text(link: SourceLink) -> Text:
    source = link.source
    parts = [literal(source.title, "italic")]
    if source.publisher:
        parts.append(literal(source.publisher))
    if source.published:
        parts.append(literal(source.published.display()))
    text = Text.assemble(fixed(f"{link.number}  ", "bold"), join(parts))
    text.append("\n")
    if link.url is None:
        text.append_text(fixed("no web address", "dim italic"))
    else:
        # In full: wrapped where it does not fit, never cut.
        text.append_text(literal(link.url, "underline"))
    return text


# Sources listed at most.
LISTED = 100


class SourcesDialog(ModalScreen[None]):
    """The sources of one event, numbered as its detail numbers them.

    `open_link` tries to open an address and says whether a browser took it;
    `note` says why the dialog is shown instead (no browser can open here).
    """

    DEFAULT_CSS = (
        DIALOG_CSS.replace("NAME", "SourcesDialog")
        + """
    SourcesDialog {
        & > Vertical { width: 76; max-height: 100%; }
        & VerticalScroll { height: auto; max-height: 1fr; }
        & .source { padding: 0 1; margin-top: 1; }
        & .source.-current { background: $boost; border-left: thick $accent; padding-left: 0; }
        & #sources-note { color: $text-warning; }
        /* A short window: no blank lines, so that the key line still shows at 12 lines. */
        &.-short {
            & > Vertical { padding: 0 1; height: 100%; }
            & VerticalScroll { height: 1fr; }
            & .title, & .hint, & .source { margin: 0; }
        }
    }
    """
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close"),
        Binding("enter", "open", "Open"),
        Binding("c", "copy", "Copy address"),
        Binding("down,j", "move(1)", "Next", show=False),
        Binding("up,k", "move(-1)", "Previous", show=False),
        *(
            Binding(str(number), f"open_number({number})", f"Open source {number}", show=False)
            for number in range(1, 10)
        ),
    ]

    def __init__(
        self,
        title: str,
        links: Sequence[SourceLink],
        open_link: Callable[[str], bool],
        *,
        note: str | None = None,
    ) -> None:
        super().__init__()
        self.event_title = title
        # An event may cite 50,000 sources: a widget each would take seconds.
        self.links = list(links[:LISTED])
        self.not_listed = len(links) - len(self.links)
        self.open_link = open_link
        self.note = note
        # The source ⏎ and c act on: the first with an address.
        self.current = next((i for i, link in enumerate(self.links) if link.url), 0)

    def compose(self) -> ComposeResult:
        with Vertical():
            heading = fixed("Sources of ", "bold")
            heading.append_text(one_line(self.event_title, "bold italic"))
            yield Label(heading, classes="title")
            yield Static(fixed(self.note or ""), id="sources-note")
            with VerticalScroll():
                for at, link in enumerate(self.links):
                    yield Static(
                        _source_text(link),
                        classes="source -current" if at == self.current else "source",
                        id=f"source-{link.number}",
                    )
                if self.not_listed:
                    yield Static(fixed(f"… and {self.not_listed:,} more, not listed here", "dim"))
            yield Static(
                fixed("⏎ open   c copy address   1-9 open that source   ↑↓ choose   esc close"),
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#sources-note").display = bool(self.note)
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        self.set_class(self.app.size.height < SHORT_DIALOG_HEIGHT, "-short")

    def _say(self, note: str) -> None:
        self.note = note
        widget = self.query_one("#sources-note", Static)
        widget.update(fixed(note))
        widget.display = True

    def _choose(self, at: int) -> None:
        sources = list(self.query(".source"))
        sources[self.current].remove_class("-current")
        self.current = at
        sources[at].add_class("-current")
        sources[at].scroll_visible(animate=False)

    def action_move(self, step: int) -> None:
        if self.links:
            self._choose((self.current + step) % len(self.links))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_open(self) -> None:
        if self.links:
            self._open(self.links[self.current])

    def action_open_number(self, number: int) -> None:
        at = next((i for i, link in enumerate(self.links) if link.number == number), None)
        if at is None:
            self.app.bell()
            return
        self._choose(at)
        self._open(self.links[at])

    def _open(self, link: SourceLink) -> None:
        if link.url is None:
            self._say(f"Source {link.number} has no web address.")
            return
        if self.open_link(link.url):
            self.notify(f"Opened source {link.number} in the browser", markup=False)
            self.dismiss(None)
        else:
            self._say(NOT_OPENED)

    def action_copy(self) -> None:
        link = self.links[self.current] if self.links else None
        if link is None or link.url is None:
            self.app.bell()
            return
        self.post_message(CopyText(link.url, f"Source {link.number}'s address"))

    def on_click(self, event: events.Click) -> None:
        # A click on a source chooses it (a drag still selects its text).
        for at, link in enumerate(self.links):
            if event.widget is not None and event.widget.id == f"source-{link.number}":
                self._choose(at)

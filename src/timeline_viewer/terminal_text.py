"""The one place where data text becomes something a terminal may show.

Everything from a timeline file is untrusted: it is sanitised at load (no
control characters or bidi overrides survive), and here it becomes a Rich
`Text`, which Rich and Textual never parse as markup, so `[bold]`, `[/]` and
`[@click=app.quit]` in a title are shown literally. CLI printers and TUI
widgets build their text through these functions only.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.text import Text

from timeline_viewer.domain.text import sanitize, single_line


def plain(value: str) -> str:
    """Sanitised text for a plain (non-Rich) stream, such as `--format plain`."""
    return sanitize(value)


def literal(value: str, style: str = "") -> Text:
    """A Text showing `value` exactly, never interpreted as markup."""
    return Text(sanitize(value), style=style)


def one_line(value: str, style: str = "", width: int | None = None) -> Text:
    """Like `literal`, on one line, cut with an ellipsis to `width` cells if given."""
    text = Text(single_line(sanitize(value)), style=style, no_wrap=True, overflow="ellipsis")
    if width is not None and text.cell_len > width:
        text.truncate(max(width, 1), overflow="ellipsis")
    return text


def shown_line(value: str) -> str:
    """The text `cut` shows of `value` before it is cut: sanitised, on one line."""
    return single_line(sanitize(value))


def cut(value: str, width: int) -> str:
    """`one_line` as a plain string: what a line drawn segment by segment shows."""
    text = shown_line(value)
    if cell_len(text) > width:
        return set_cell_size(text, max(width, 1) - 1) + "…"
    return text


def gap(shown: str, width: int) -> str:
    """The spaces that fill `width` cells after `shown`."""
    return " " * max(width - cell_len(shown), 0)


def join(parts: list[Text], separator: str = ", ") -> Text:
    return Text(separator).join(parts)

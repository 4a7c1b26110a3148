"""Cursor scrolling shared by the line-by-line lists (events, entities)."""

from __future__ import annotations

from textual.scroll_view import ScrollView


def page_size(view: ScrollView) -> int:
    """Lines a page key moves: one fewer than shown, so that one line stays in sight."""
    return max(view.scrollable_content_region.height - 1, 1)


def scroll_into_view(view: ScrollView, line: int) -> None:
    """Scroll the least that shows `line` (above the top: to the top; below: to the bottom)."""
    height = view.scrollable_content_region.height
    top = round(view.scroll_y)
    if line < top:
        view.scroll_to(y=line, animate=False)
    elif height > 0 and line >= top + height:
        view.scroll_to(y=line - height + 1, animate=False)

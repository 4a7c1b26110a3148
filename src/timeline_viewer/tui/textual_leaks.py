"""What Textual 8 keeps alive after it is gone, and letting go of it.

Both were found measuring full garbage collections, which grew from 25 ms to
180 ms after a few help screens: every widget ever shown stayed alive, with
its drawn lines, and each full collection walked them all.
"""

from __future__ import annotations

from textual._styles_cache import StylesCache
from textual.widgets import Footer


class KeyBar(Footer):
    """Textual's footer, letting go of the keys it no longer shows.

    The footer is rebuilt whenever the keys change (the focus moves, a screen
    comes back), and each new key watches the footer's `compact` setting.
    The watchers of removed keys are only dropped when that setting changes,
    which it never does here. Touching the setting after each rebuild drops them.
    """

    async def recompose(self) -> None:
        await super().recompose()
        self.mutate_reactive(Footer.compact)


def drop_closed_widgets_styles() -> None:
    """Forget the drawing caches of widgets that are gone.

    `StylesCache.get_inner_outer` is memoized as a method (its `cls` is in
    fact the instance), so the last 1,024 widgets' caches, drawn lines
    included, outlive the widgets. The memo only saves making two styles.
    """
    StylesCache.get_inner_outer.cache_clear()

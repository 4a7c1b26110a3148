"""What Textual 8 keeps alive after it is gone, and letting go of it.

Both were found measuring full garbage collections, which grew from 25 ms to
180 ms after a few help screens: every widget ever shown stayed alive, with
its drawn lines, and each full collection walked them all.
"""

from __future__ import annotations

from textual._styles_cache import StylesCache
from textual.widgets import Footer


class KeyBar(Footer):
    """Textual's footer, rebuilt only when its keys change, letting go of the old ones.

    Textual rebuilds the footer whenever the bindings might have changed (the
    focus moves, a screen comes back), ten new widgets each time, though
    mostly the keys shown are the same: those times it is left as it is.
    Each new key watches the footer's `compact` setting, and the watchers of
    removed keys are only dropped when that setting changes, which it never
    does here. Touching the setting after each rebuild drops them.
    """

    _shown: object = None

    async def recompose(self) -> None:
        if not self.is_attached:  # its screen is gone (Textual's own check, first)
            return
        shown = tuple(
            (key, binding, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
        )
        if shown == self._shown and self.children:
            return
        self._shown = shown
        await super().recompose()
        self.mutate_reactive(Footer.compact)


def drop_closed_widgets_styles() -> None:
    """Forget the drawing caches of widgets that are gone.

    `StylesCache.get_inner_outer` is memoized as a method (its `cls` is in
    fact the instance), so the last 1,024 widgets' caches, drawn lines
    included, outlive the widgets. The memo only saves making two styles.
    """
    StylesCache.get_inner_outer.cache_clear()

"""The key bar: Textual's footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from textual.widgets import Footer

from timeline_viewer.runtime import forget_removed_footer_keys


class KeyBar(Footer):
    """Textual's footer, rebuilt only when its keys change, letting go of the old ones.

    Textual rebuilds the footer whenever the bindings might have changed (the
    focus moves, a screen comes back), ten new widgets each time, though
    mostly the keys shown are the same: those times it is left as it is.
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
        forget_removed_footer_keys(self)

"""The key bar: Textual's footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from timeline_viewer.query.key_guide import Hint, action_name
from timeline_viewer.runtime import enabled_bindings, forget_removed_footer_keys


def bound_keys(screen: Screen[Any]) -> dict[str, frozenset[str]]:
    """Each key that works on `screen` where its focus is, with its actions' names.

    A key may have several: a widget's binding that does nothing there (the
    list's `right`, scrolling sideways) lets the screen's have the key, so
    each binding in the chain counts, not only the first (as Textual's
    `active_bindings` keeps).
    """
    bound: dict[str, set[str]] = {}
    for key, action in enabled_bindings(screen):
        bound.setdefault(key, set()).add(action_name(action))
    return {key: frozenset(actions) for key, actions in bound.items()}


class KeyBar(Footer):
    """Textual's footer, rebuilt only when its keys change, letting go of the old ones.

    On a screen that says which keys to hint at (`key_hints`, given the
    width), those: the browse screen's follow the place and keep `? help`
    and `q quit` however narrow the window. Elsewhere, Textual's choice.

    Textual rebuilds the footer whenever the bindings might have changed (the
    focus moves, a screen comes back), ten new widgets each time, though
    mostly the keys shown are the same: those times it is left as it is.
    """

    _shown: object = None

    def _hints(self) -> list[Hint] | None:
        key_hints = getattr(self.screen, "key_hints", None)
        return None if key_hints is None else list(key_hints(self.app.size.width))

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        hints = self._hints()
        if hints is None:
            yield from super().compose()
            return
        for hint in hints:
            yield FooterKey(hint.key, hint.shown, hint.label, hint.action).data_bind(
                compact=Footer.compact
            )

    async def recompose(self) -> None:
        if not self.is_attached:  # its screen is gone (Textual's own check, first)
            return
        hints = self._hints()
        shown: object = (
            hints
            if hints is not None
            else tuple(
                (key, binding, enabled, tooltip)
                for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            )
        )
        if shown == self._shown and self.children:
            return
        self._shown = shown
        await super().recompose()
        forget_removed_footer_keys(self)

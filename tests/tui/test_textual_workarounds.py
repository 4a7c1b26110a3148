"""What `runtime`'s Textual workarounds rely on: each test fails when an upgrade changes it.

A failure here means Textual changed under a workaround. If Textual now lets
go of the objects itself, delete the workaround; if it only moved them,
follow it. Either way, do not just update the assertion.
"""

from __future__ import annotations

import gc
import weakref
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Static
from tui_helpers import refreshed, synchronous

from timeline_viewer import runtime


class _ForgettingFooter(Footer):
    async def recompose(self) -> None:
        await super().recompose()
        runtime.forget_removed_footer_keys(self)


class _FooterApp(App[None]):
    footer_type: type[Footer] = Footer
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "bell", "Ring"),
        Binding("b", "bell", "Ring again"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("text")
        yield self.footer_type()


async def _keys_left_behind(forget: bool) -> int:
    """How many of a footer's keys outlive a rebuild that removed them."""
    app = _FooterApp()
    app.footer_type = _ForgettingFooter if forget else Footer
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        footer = app.query_one(Footer)
        old = [weakref.ref(key) for key in footer.children]
        assert old, "Textual's footer no longer has a widget per key"
        footer.refresh(recompose=True)

        def rebuilt() -> bool:
            return bool(footer.children) and all(ref() not in footer.children for ref in old)

        # The rebuild runs when the footer next handles its messages: wait for it.
        for _ in range(100):
            if rebuilt():
                break
            await pilot.pause()
        assert rebuilt()
        # The screen's last frame still holds the old keys until it is redrawn.
        await refreshed(pilot)
        gc.collect()
        return sum(ref() is not None for ref in old)


@synchronous
async def test_textual_still_keeps_removed_footer_keys_and_touching_compact_frees_them() -> None:
    assert await _keys_left_behind(forget=False) > 0, (
        "Textual now frees a footer's removed keys itself: drop forget_removed_footer_keys"
    )
    assert await _keys_left_behind(forget=True) == 0


@synchronous
async def test_textual_still_memoizes_styles_caches_and_clearing_lets_them_go() -> None:
    from textual._styles_cache import StylesCache

    app = _FooterApp()
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        memo = StylesCache.get_inner_outer
        assert memo.cache_info().currsize > 0, (
            "Textual no longer memoizes StylesCache.get_inner_outer: "
            "drop drop_closed_widgets_styles"
        )
        runtime.drop_closed_widgets_styles()
        assert memo.cache_info().currsize == 0


class _Sideways(Static, can_focus=True):
    """A focusable widget whose `right` does nothing while `stuck` is set."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "scroll_on", "Sideways"),
        Binding("x", "bell", "Ring"),
    ]
    stuck = True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "scroll_on":
            return not self.stuck
        return True


class _ChainApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("right", "bell", "Next year")]

    def compose(self) -> ComposeResult:
        yield _Sideways("text")


@synchronous
async def test_textual_still_walks_the_binding_chain_with_each_actions_state() -> None:
    app = _ChainApp()
    async with app.run_test(size=(60, 10)) as pilot:
        widget = app.query_one(_Sideways)
        widget.focus()
        await pilot.pause()
        bound = runtime.enabled_bindings(app.screen)
        # The widget's disabled `right` is left out; the app's, further up the chain, is in.
        assert ("right", "scroll_on") not in bound
        assert ("right", "bell") in bound
        assert ("x", "bell") in bound
        widget.stuck = False
        # Both bindings of `right` now, where `active_bindings` keeps only the first.
        bound = runtime.enabled_bindings(app.screen)
        assert {("right", "scroll_on"), ("right", "bell")} <= set(bound)
        assert app.screen.active_bindings["right"].binding.action == "scroll_on"

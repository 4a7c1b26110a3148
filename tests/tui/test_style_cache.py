"""Parsed CSS kept between runs: a second start parses nothing and looks the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import textual.css.stylesheet
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from tui_helpers import bundled_path, settle, synchronous

from timeline_viewer.loader import load_timeline
from timeline_viewer.tui import style_cache
from timeline_viewer.tui.app import TimelineApp
from timeline_viewer.tui.style_cache import KEEP, StyleCache


class _Parses:
    """Counts Textual's CSS parses (each call parses one source)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = textual.css.stylesheet.parse

        def counting(*args: object, **kwargs: object) -> object:
            self.count += 1
            return real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(textual.css.stylesheet, "parse", counting)


async def _run(folder: Path | None) -> tuple[str, TimelineApp]:
    """The bundled timeline's first screen, from an app keeping its styles in `folder`."""
    app = TimelineApp(load_timeline(bundled_path()), None, style_folder=folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.export_screenshot()
    return screen, app


def _described(rule: RuleSet) -> tuple[object, ...]:
    """A rule as values (a layout, say, compares by identity: its repr is its name)."""
    styles = {name: repr(value) for name, value in rule.styles.get_rules().items()}
    return (
        rule.selector_set,
        rule.errors,
        rule.is_default_rules,
        rule.tie_breaker,
        rule.selector_names,
        rule.pseudo_classes,
        styles,
    )


def _style_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("styles-*.pickle"))


@synchronous
async def test_a_second_start_parses_no_css_and_looks_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "styles"
    parses = _Parses(monkeypatch)
    first, _ = await _run(folder)
    assert parses.count > 10  # every widget's CSS and the app's
    assert len(_style_files(folder)) == 1

    parses.count = 0
    second, _ = await _run(folder)
    assert parses.count == 0
    assert second == first
    uncached, _ = await _run(None)
    assert uncached == first


@synchronous
async def test_kept_rules_are_the_rules_textual_parses(tmp_path: Path) -> None:
    _, app = await _run(tmp_path)
    cache = StyleCache.of(app.stylesheet, tmp_path)
    fresh = Stylesheet(variables=cache.variables)
    kept = cache._read()
    assert len(kept) > 10
    for key, rules in kept.items():
        css, read_from, is_default, tie_breaker, scope = key
        parsed = fresh._parse_rules(css, read_from, is_default, tie_breaker, scope)
        assert [_described(rule) for rule in rules] == [_described(rule) for rule in parsed]


@pytest.mark.parametrize("content", [b"", b"garbage", b"\x80\x05N.", b"\x80\x05K\x01."])
def test_a_corrupt_file_is_ignored_and_written_again(tmp_path: Path, content: bytes) -> None:
    @synchronous
    async def check() -> None:
        first, app = await _run(tmp_path)
        path = StyleCache.of(app.stylesheet, tmp_path).path
        path.write_bytes(content)
        again, _ = await _run(tmp_path)
        assert again == first
        assert StyleCache.of(app.stylesheet, tmp_path)._read()  # rewritten, and whole

    check()


@synchronous
async def test_rules_of_other_variables_are_not_used(tmp_path: Path) -> None:
    _, app = await _run(tmp_path)
    ours = StyleCache.of(app.stylesheet, tmp_path)
    other = StyleCache(tmp_path, {**ours.variables, "primary": "#ff0000"})
    assert other.path != ours.path
    assert other._read() == {}
    # Even under our file's name, rules stamped with other variables are refused.
    assert other.save(app.stylesheet)
    ours.path.write_bytes(other.path.read_bytes())
    assert ours._read() == {}


@synchronous
async def test_a_saved_theme_keeps_its_own_file(
    tmp_path: Path, private_settings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _run(tmp_path)
    private_settings.mkdir(parents=True, exist_ok=True)
    (private_settings / "settings.json").write_text(json.dumps({"theme": "nord"}))
    parses = _Parses(monkeypatch)
    nord, _ = await _run(tmp_path)
    first_count = parses.count
    assert len(_style_files(tmp_path)) == 2
    parses.count = 0
    again, _ = await _run(tmp_path)
    # Textual restyles for the theme in a stylesheet of its own, parsing the
    # sheets it has by then (the app's); the widgets' come from the file.
    assert parses.count < first_count / 2
    assert again == nord


@synchronous
async def test_an_unwritable_folder_only_costs_the_parse(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    screen, _ = await _run(blocker / "styles")
    uncached, _ = await _run(None)
    assert screen == uncached


def test_old_files_are_pruned(tmp_path: Path) -> None:
    for number in range(KEEP + 3):
        (tmp_path / f"styles-old{number}.pickle").write_bytes(b"")
    stylesheet = Stylesheet(variables={"primary": "#123456"})
    stylesheet.add_source("Screen { color: red; }", ("test", "Screen.CSS"))
    stylesheet.parse()
    cache = StyleCache(tmp_path, {"primary": "#123456"})
    assert cache.save(stylesheet)
    assert cache.path in _style_files(tmp_path)
    assert len(_style_files(tmp_path)) == KEEP
    assert not cache.save(stylesheet)  # nothing new: not written again


@synchronous
async def test_rules_from_another_textual_are_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, app = await _run(tmp_path)
    ours = StyleCache.of(app.stylesheet, tmp_path)
    assert ours._read()
    upgraded = [(path, mtime + 1, size) for path, mtime, size in style_cache._textual_files()]
    monkeypatch.setattr(style_cache, "_textual_files", lambda: upgraded)
    after_upgrade = StyleCache.of(app.stylesheet, tmp_path)
    after_upgrade.path = ours.path  # even under the same name
    assert after_upgrade._read() == {}


def test_a_textual_without_that_parse_cache_only_goes_without(tmp_path: Path) -> None:
    stylesheet = Stylesheet(variables={"primary": "#123456"})
    stylesheet.add_source("Screen { color: red; }", ("test", "Screen.CSS"))
    stylesheet.parse()
    StyleCache(tmp_path, {"primary": "#123456"}).save(stylesheet)
    stylesheet._parse_cache = {}  # type: ignore[assignment]
    cache = StyleCache(tmp_path, {"primary": "#123456"})
    assert cache.prefill(stylesheet) == 0
    assert cache.save(stylesheet) is False

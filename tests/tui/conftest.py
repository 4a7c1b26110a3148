"""Every TUI test gets its own settings folder, so none sees (or changes) the user's theme."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from timeline_viewer.tui.settings import CONFIG_DIR_VARIABLE


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own settings folder, so no test sees the user's theme."""
    folder = tmp_path / "config"
    monkeypatch.setenv(CONFIG_DIR_VARIABLE, str(folder))
    yield folder

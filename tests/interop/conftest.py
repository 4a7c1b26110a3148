"""The interop tests: this folder's helpers are importable from its subfolders too."""

from __future__ import annotations

import pytest
from interop_helpers import hostile_timeline

from timeline_viewer.domain.model import Timeline


@pytest.fixture(scope="session")
def hostile() -> Timeline:
    return hostile_timeline()

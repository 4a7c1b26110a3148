"""Fixtures the load tests share."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from timeline_viewer.load import careful_parser
from timeline_viewer.load.careful_parser import parse_careful


@pytest.fixture
def careful_reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The texts the careful parser is given by `parse_timeline`."""
    seen: list[str] = []

    def spy(text: str, name: str, alias_budget: int | None = None, **known: Any) -> object:
        seen.append(text)
        return parse_careful(text, name, alias_budget, **known)

    monkeypatch.setattr(careful_parser, "parse_careful", spy)
    yield seen

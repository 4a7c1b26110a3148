"""Helpers the command's tests share."""

from __future__ import annotations

import pytest

from timeline_viewer.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`timeline ARGV...` in this process: its exit code, what it printed and what it said."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err

"""The headless commands must not pay for Textual: prove it in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PROBE = """
import json, sys
from timeline_viewer.cli import main
code = main({argv!r})
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "yaml_rs"))
print(json.dumps({{"code": code, "textual": [m for m in heavy if m.startswith("textual")]}}),
      file=sys.stderr)
"""


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["list", "-q", "trevino", "--format", "json"],
        ["export", "-f", "markdown"],
        ["show", "camarena-kidnapped"],
        ["entities"],
        ["validate"],
    ],
)
def test_headless_commands_do_not_import_textual(argv: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv)],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stderr.strip().splitlines()[-1])
    assert report["code"] == 0
    assert report["textual"] == []


def test_model_layer_imports_no_ui_or_yaml() -> None:
    code = (
        "import sys\n"
        "import timeline_viewer.model, timeline_viewer.dates, timeline_viewer.index,"
        " timeline_viewer.query\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich', 'yaml'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]"

"""The headless commands must not pay for Textual: prove it in a fresh interpreter."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import timeline_viewer

PROBE = """
import json, sys
from timeline_viewer.cli.main import main
code = main({argv!r})
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "yaml_rs"))
print(json.dumps({{"code": code, "textual": [m for m in heavy if m.startswith("textual")]}}),
      file=sys.stderr)
"""


def probe(code: str, argv: list[str]) -> dict[str, object]:
    """Run a probe in a fresh interpreter; the JSON report it prints last on stderr."""
    result = subprocess.run(
        [sys.executable, "-c", code.format(argv=argv)],
        capture_output=True,
        text=True,
        check=False,
    )
    report: dict[str, object] = json.loads(result.stderr.strip().splitlines()[-1])
    return report


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["list", "-q", "trevino", "--format", "json"],
        ["export", "-f", "markdown"],
        ["export", "-f", "ics"],
        ["export", "-f", "ftm"],
        ["show", "camarena-kidnapped"],
        ["entities"],
        ["validate"],
    ],
)
def test_headless_commands_do_not_import_textual(argv: list[str]) -> None:
    report = probe(PROBE, argv)
    assert report["code"] == 0
    assert report["textual"] == []


def test_model_layer_imports_no_ui_or_yaml() -> None:
    code = (
        "import sys\n"
        "import timeline_viewer.domain.model, timeline_viewer.domain.dates, timeline_viewer.query.index,"
        " timeline_viewer.query.language\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich', 'yaml'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]"


# The app itself stands in a stub that reports what start-up handed it.
TUI_PROBE = """
import gc, json, sys
import timeline_viewer.tui.app as app_module
seen = {{}}
def run_tui(timeline, source, *, index=None, write_cache=None, loaded_key=None):
    seen.update(events=len(timeline.events), source=str(source), indexed=index is not None,
                collecting=gc.isenabled())
    return 0
app_module.run_tui = run_tui
from timeline_viewer.cli.main import main
code = main({argv!r})
print(json.dumps({{"code": code, "argparse": "argparse" in sys.modules,
                   "collecting_after": gc.isenabled(), **seen}}), file=sys.stderr)
"""


@pytest.mark.parametrize("argv", [[], ["tui"], ["BUNDLED"], ["tui", "BUNDLED"]])
def test_the_terminal_ui_starts_without_the_argument_parser(argv: list[str]) -> None:
    from timeline_viewer.load.loader import bundled_timeline_path

    bundled = str(bundled_timeline_path())
    argv = [bundled if a == "BUNDLED" else a for a in argv]
    report = probe(TUI_PROBE, argv)
    assert report["code"] == 0
    assert report["argparse"] is False
    assert report["source"] == bundled and report["events"] > 0 and report["indexed"]
    # Start-up runs with the collector paused (the app resumes it after its first frame).
    assert report["collecting"] is False
    assert report["collecting_after"] is True


def test_tui_options_still_go_through_the_parser() -> None:
    report = probe(TUI_PROBE, ["tui", "--no-cache"])
    assert report["code"] == 0 and report["argparse"] is True and report["events"] > 0


# What each layer may import from the package, besides itself (every import,
# also those inside functions and under TYPE_CHECKING).
BELOW = {
    "domain": set(),
    "load": {"domain", "runtime", "__init__"},
}


def _package_imports(path: Path) -> set[str]:
    """The first part of each `timeline_viewer.<part>` that `path` imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parts: set[str] = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            if name == "timeline_viewer":
                parts.add("__init__")
            elif name.startswith("timeline_viewer."):
                parts.add(name.split(".")[1])
    return parts


@pytest.mark.parametrize("layer", sorted(BELOW))
def test_a_layer_imports_nothing_above_it(layer: str) -> None:
    package = Path(timeline_viewer.__file__).parent
    allowed = BELOW[layer] | {layer}
    wrong = {
        str(path.relative_to(package)): sorted(_package_imports(path) - allowed)
        for path in sorted((package / layer).rglob("*.py"))
    }
    assert {path: parts for path, parts in wrong.items() if parts} == {}

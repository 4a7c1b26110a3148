"""The bundled timeline's Markdown export, byte for byte against reviewed copies.

`tests/export/golden/bundled.md` is the whole timeline and `tests/export/golden/bundled-filtered.md`
the view of the filter `trevino`, both as `export_markdown` writes them (on a
fixed day, so that the header's "exported ..." does not change with today). They
change only when the data or the export changes, and then a test here fails
with the unified diff. To accept a change deliberately:

    TIMELINE_UPDATE_GOLDEN=1 python3 -m pytest tests/test_export_golden.py

rewrites the files (that run fails too, so that it can never pass unnoticed);
read `git diff tests/export/golden` as a reader would, then run the tests again and
commit the files with the change that caused them.
"""

from __future__ import annotations

import datetime
import difflib
import os
from pathlib import Path

import pytest

from timeline_viewer.export.markdown import ExportNote, export_markdown
from timeline_viewer.load.loader import load_timeline
from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.query.language import parse_query

ROOT = Path(__file__).resolve().parents[2]
DATA_FILE = ROOT / "data" / "timeline.yaml"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE_VARIABLE = "TIMELINE_UPDATE_GOLDEN"
FILTER = "trevino"
NOTE = ExportNote(datetime.date(2026, 12, 4), "timeline.yaml")


@pytest.fixture(scope="module")
def bundled() -> TimelineIndex:
    return TimelineIndex(load_timeline(DATA_FILE))


def _exports(index: TimelineIndex) -> dict[str, str]:
    """Golden file name -> the export it holds."""
    return {
        "bundled.md": export_markdown(index, note=NOTE),
        "bundled-filtered.md": export_markdown(
            index, parse_query(FILTER).select(index), filter_text=FILTER, note=NOTE
        ),
    }


def _check(name: str, actual: str) -> None:
    path = GOLDEN / name
    shown = path.relative_to(ROOT).as_posix()
    expected_bytes = path.read_bytes() if path.is_file() else None
    actual_bytes = actual.encode("utf-8")
    if expected_bytes == actual_bytes:
        return
    if os.environ.get(UPDATE_VARIABLE) == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual_bytes)
        pytest.fail(
            f"{UPDATE_VARIABLE}=1: rewrote {shown}. Read `git diff {shown}`, then run the"
            " tests again without it.",
            pytrace=False,
        )
    if expected_bytes is None:
        pytest.fail(
            f"{shown} does not exist. Write it with {UPDATE_VARIABLE}=1 and read it before"
            " committing it.",
            pytrace=False,
        )
    expected = expected_bytes.decode("utf-8")
    diff = "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=shown,
            tofile="export now",
        )
    )
    if not diff:  # the same text, different bytes (line ends, say)
        diff = f"same lines, different bytes: {expected_bytes[:80]!r} vs {actual_bytes[:80]!r}\n"
    pytest.fail(
        f"The Markdown export of the bundled timeline no longer matches {shown}:\n\n{diff}\n"
        f"If the change is meant, rewrite the file with {UPDATE_VARIABLE}=1 python3 -m pytest"
        f" {Path(__file__).relative_to(ROOT).as_posix()}, read the diff and commit it.",
        pytrace=False,
    )


@pytest.mark.parametrize("name", ["bundled.md", "bundled-filtered.md"])
def test_the_bundled_export_matches_its_golden_copy(bundled: TimelineIndex, name: str) -> None:
    _check(name, _exports(bundled)[name])


def test_the_filtered_copy_is_the_view_of_its_filter(bundled: TimelineIndex) -> None:
    # What the filtered golden file stands for: every Treviño event, and only those.
    chosen = [bundled.events[p] for p in parse_query(FILTER).select(bundled)]
    ids = {"miguel-trevino", "omar-trevino"}
    assert chosen and all(ids & set(event.entities) for event in chosen)
    assert {e.id for e in bundled.events if ids & set(e.entities)} == {e.id for e in chosen}

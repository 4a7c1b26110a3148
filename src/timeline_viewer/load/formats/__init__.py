"""Readers of other timeline formats (TimelineJS 3 JSON and CSV, Markwhen): a file to a Timeline.

Pure functions from text to the model; `timelinejs.load_timelinejs` also
reads the file, with read errors like every other load's. Which files are
for them is decided here, by name, without importing any of them.
"""

from __future__ import annotations

from pathlib import Path

TIMELINEJS_SUFFIXES = (".json", ".csv")
MARKWHEN_SUFFIXES = (".mw",)
IMPORT_SUFFIXES = TIMELINEJS_SUFFIXES + MARKWHEN_SUFFIXES


def is_timelinejs_file(path: Path | str) -> bool:
    """Whether a path names a file to import rather than one of our YAML timelines."""
    return Path(path).suffix.lower() in IMPORT_SUFFIXES


def is_markwhen_file(path: Path | str) -> bool:
    return Path(path).suffix.lower() in MARKWHEN_SUFFIXES

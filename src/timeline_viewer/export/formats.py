"""The text formats a view can be exported in, and which writer makes each.

One table and one `render` so that every front end (the TUI's export
dialog today; the CLI's `export` could call it too) offers the same formats
under the same names and file extensions, and picks the same writer for
each. The SVG picture is not here: it runs the app, which is above this
layer.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import msgspec

from timeline_viewer.export.markdown import NO_EXTRAS, NO_NOTE, ExportNote, Extras
from timeline_viewer.query.index import TimelineIndex

# DTSTAMP of an iCalendar export when nothing says when the data changed: fixed,
# so that the same input still gives the same bytes.
ICS_STAMP_FALLBACK = 0


class ExportFormat(msgspec.Struct, frozen=True):
    """A format: its name (as `timeline export -f` takes it), what to call it, its extension."""

    name: str
    label: str
    extension: str


# In the order a chooser lists them: the document for people first.
TEXT_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("markdown", "Markdown", ".md"),
    ExportFormat("json", "JSON records", ".json"),
    ExportFormat("csv", "CSV", ".csv"),
    ExportFormat("timelinejs", "TimelineJS", ".json"),
    ExportFormat("markwhen", "Markwhen", ".mw"),
    ExportFormat("ics", "iCalendar", ".ics"),
    ExportFormat("ftm", "FollowTheMoney", ".ftm.json"),
)
FORMATS_BY_NAME = {f.name: f for f in TEXT_FORMATS}
# Longest first: `.ftm.json` is recognised before `.json`.
_EXTENSIONS = sorted({f.extension for f in TEXT_FORMATS}, key=len, reverse=True)


class RenderOptions(msgspec.Struct, frozen=True):
    """What a format may use besides the events.

    `filter_text`: said in the Markdown header and the JSON records.
    `note` and `extras`: Markdown only (extras are refused for other formats).
    `stamp`: the iCalendar DTSTAMP (see `export_stamp`).
    `group_by`: the TimelineJS group (`"tag"`, `"place"`, `"kind"` or None).
    """

    filter_text: str = ""
    note: ExportNote = NO_NOTE
    extras: Extras = NO_EXTRAS
    stamp: datetime.datetime = datetime.datetime.fromtimestamp(ICS_STAMP_FALLBACK, datetime.UTC)
    group_by: str | None = "tag"


class Rendered(msgspec.Struct):
    """An export's text (whole, or in pieces to write one by one), how many events it
    holds, and what was left out or changed, one line each.

    `warnings` of a text in pieces are complete only once every piece is taken.
    """

    text: str | Iterator[str]
    written: int
    warnings: list[str]


def with_extension(name: str, export_format: ExportFormat) -> str:
    """The file name with its format extension replaced by `export_format`'s
    (`notes.md` becomes `notes.csv`); a name with another extension, or none, is kept."""
    lowered = name.lower()
    for extension in _EXTENSIONS:
        if lowered.endswith(extension) and len(name) > len(extension):
            return name[: -len(extension)] + export_format.extension
    return name


def export_stamp(source: Path | None) -> datetime.datetime:
    """The DTSTAMP of an iCalendar export: when the data was last changed, never now.

    SOURCE_DATE_EPOCH, the reproducible-builds convention, wins; then the
    source file's modification time; without one, a constant.
    """
    seconds: float = ICS_STAMP_FALLBACK
    try:
        seconds = int(os.environ["SOURCE_DATE_EPOCH"])
    except (KeyError, ValueError):
        try:
            if source is not None and source.is_file():
                seconds = int(source.stat().st_mtime)
        except OSError:
            pass
    return datetime.datetime.fromtimestamp(seconds, datetime.UTC)


def render(
    format_name: str,
    index: TimelineIndex,
    positions: Sequence[int],
    options: RenderOptions | None = None,
) -> Rendered:
    """The events at `positions` in the format named `format_name`.

    ValueError for a name not in TEXT_FORMATS, or Markdown extras asked of
    another format. Each writer is imported when chosen: an export pays only
    for its own.
    """
    options = options or RenderOptions()
    if format_name not in FORMATS_BY_NAME:
        known = ", ".join(FORMATS_BY_NAME)
        raise ValueError(f'unknown export format "{format_name}" (known: {known})')
    if format_name != "markdown" and options.extras != NO_EXTRAS:
        raise ValueError("notes and connections are for the Markdown export only")
    written = len(positions)
    warnings: list[str] = []
    text: str | Iterator[str]
    if format_name == "markdown":
        from timeline_viewer.export.markdown import markdown_chunks

        text = markdown_chunks(
            index,
            positions,
            filter_text=options.filter_text,
            note=options.note,
            extras=options.extras,
        )
    elif format_name == "json":
        from timeline_viewer.export.json_records import export_json

        text = export_json(index, positions, filter_text=options.filter_text)
    elif format_name == "csv":
        from timeline_viewer.interop.csv_export import export_csv

        text = export_csv(index, positions)
    elif format_name == "timelinejs":
        from timeline_viewer.interop.timelinejs_export import GROUP_BY_CHOICES, timelinejs_chunks

        # (found in the choices rather than checked against them: the type follows)
        group_by = next((g for g in GROUP_BY_CHOICES if g == options.group_by), None)
        text = timelinejs_chunks(index, positions, group_by=group_by)
    elif format_name == "markwhen":
        from timeline_viewer.interop.markwhen_export import markwhen_chunks

        text = markwhen_chunks(index, positions, warnings=warnings)
    elif format_name == "ics":
        from timeline_viewer.interop.ics_export import export_ics

        calendar = export_ics(index, positions, stamp=options.stamp)
        text, written = calendar.text, calendar.written
        warnings += [f"left out {item.event_id}: {item.reason}" for item in calendar.left_out]
    else:
        from timeline_viewer.interop.ftm_export import ftm_lines

        text = ftm_lines(index, positions)
    return Rendered(text, written, warnings)

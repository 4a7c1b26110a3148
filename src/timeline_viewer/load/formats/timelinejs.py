"""TimelineJS files (JSON, or the Google Sheets template saved as CSV) to our Timeline.

TimelineJS 3 is read, and so is the older TimelineJS 2 JSON.

    timeline = import_timelinejs_json(text, "houston.json")
    timeline = import_timelinejs_csv(text, "sheet.csv", warnings=collected)
    timeline = load_timelinejs(Path("houston.json"))

Every refusal is a LoadError whose problems read like the YAML loader's:
an empty file, text that is not JSON (with its line and column), JSON that is
not TimelineJS, a file in which not one slide can be read. What is repaired or
imported with a loss (a slide written as a one-element list, a slide left out,
a time of day) is appended to `warnings` when a list is given.
"""

from __future__ import annotations

import bisect
import contextlib
import csv
import html
import io
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import msgspec

from timeline_viewer.domain.model import Timeline
from timeline_viewer.domain.problems import LoadError, Problem
from timeline_viewer.load.formats.timelinejs_slides import (
    MARKDOWN_LINK,
    Slide,
    SlideKind,
    build_timeline,
)

_EMPTY = (
    'the file is empty: a TimelineJS 3 file is JSON with an "events" list, '
    "or the TimelineJS spreadsheet template saved as CSV"
)
_DECODER = json.JSONDecoder()
_EXPECTED = (
    'a TimelineJS 3 file is an object with an "events" list, each event with "start_date" '
    '({"year": 1985, "month": 2, "day": 7}) and "text" ({"headline": ..., "text": ...})'
)
# The keys TimelineJS 3 reads on a slide: an events list with none of them is another format.
_SLIDE_KEYS = frozenset(
    {
        "start_date",
        "end_date",
        "text",
        "media",
        "display_date",
        "group",
        "unique_id",
        "background",
        "autolink",
        "location",
        "type",
    }
)
# Columns of the TimelineJS 3 spreadsheet template, as TimelineJS reads them.
_DATE_COLUMNS = {
    "start_date": ("Year", "Month", "Day", "Time"),
    "end_date": ("End Year", "End Month", "End Day", "End Time"),
}
_PARTS = ("year", "month", "day", "time")
# The first spreadsheet template had whole dates: "1985-02-07" or "2/7/1985".
_ISO_SHORT = re.compile(r"([+-]?\d+)(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
_SURROGATE = re.compile("[\ud800-\udfff]")
_US_DATE = re.compile(r"(\d{1,2})/(?:(\d{1,2})/)?(-?\d+)")
# A Markdown link typed into a spreadsheet cell: [text](https://...).
_MARKDOWN_LINK = MARKDOWN_LINK


def load_timelinejs(path: Path | str, *, warnings: list[Problem] | None = None) -> Timeline:
    """Read and import a TimelineJS file, CSV by its suffix, JSON otherwise.

    Media paths relative to the file stay relative, as in a timeline file:
    whoever opens the media resolves them against the file's folder.
    """
    path = Path(path)
    text = _read_text(path)
    if path.suffix.lower() == ".csv":
        return import_timelinejs_csv(text, str(path), warnings=warnings)
    return import_timelinejs_json(text, str(path), warnings=warnings)


def _read_text(path: Path) -> str:
    """The file's text, read as every timeline file is; LoadError (never OSError)."""
    from timeline_viewer.load.file_text import decode, read_bytes

    return decode(read_bytes(path), str(path))


def _content(text: str, name: str) -> str:
    """The text without the byte order mark a spreadsheet or editor may save first;
    LoadError for a file with nothing in it, in either format."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise LoadError([Problem(name, _EMPTY)])
    return text


# -- JSON ------------------------------------------------------------------------


def import_timelinejs_json(
    text: str,
    name: str = "<json>",
    *,
    warnings: list[Problem] | None = None,
) -> Timeline:
    """A TimelineJS 3 JSON document as a Timeline; LoadError if it is not one."""
    text = _content(text, name)
    try:
        data = _without_surrogates(json.loads(text))
    except json.JSONDecodeError as error:
        raise LoadError(
            [Problem(name, f"not valid JSON: {error.msg}", error.lineno, error.colno)]
        ) from None
    except RecursionError:
        raise LoadError([Problem(name, "the JSON is nested too deeply to be a timeline")]) from None
    if not isinstance(data, dict):
        raise LoadError(
            [Problem(name, f"not a TimelineJS file: it is {_described(data)}; {_EXPECTED}")]
        )
    if isinstance(data.get("timeline"), dict) and "events" not in data:
        return _import_timelinejs2(name, data["timeline"], warnings, text)
    events = data.get("events")
    if events is None:
        raise LoadError([Problem(name, f"not a TimelineJS file: {_described(data)}; {_EXPECTED}")])
    other = _other_format(data, events)
    if other:
        raise LoadError([Problem(name, f"not a TimelineJS file: {other}; {_EXPECTED}")])
    problems: list[Problem] = []
    repairs: list[Problem] = []
    slides = list(_json_slides(name, data, "events", "event", problems, repairs))
    slides += _json_slides(name, data, "eras", "era", problems, repairs)
    title = data.get("title")
    title_slide = _json_slide(name, title, "title", "title", problems, repairs) if title else None
    # One odd slide does not cost the others: it is left out, and said.
    return _build(name, title_slide, slides, problems, repairs, warnings, text)


def _build(
    name: str,
    title: Slide | None,
    slides: list[Slide],
    problems: list[Problem],
    repairs: list[Problem],
    warnings: list[Problem] | None,
    text: str,
) -> Timeline:
    """The timeline of the slides that could be read; every message with its line."""
    locate = _Locator(text)
    if not slides and problems:
        raise LoadError(_placed(problems, locate))
    found = [*repairs, *(_skipped(problem) for problem in problems)]
    try:
        return build_timeline(name, title, slides, found)
    except LoadError as error:
        raise LoadError(_placed(error.problems, locate)) from None
    finally:
        if warnings is not None:
            # In file order; what is about no one slide (times dropped) last.
            placed = _placed(found, locate)
            warnings.extend(sorted(placed, key=lambda p: (p.line is None, p.line or 0)))


def _placed(problems: list[Problem], locate: _Locator) -> list[Problem]:
    """Problems with the line of the slide (or the part) they are about."""
    placed = []
    for problem in problems:
        path = problem.path
        where = None
        while path and where is None and problem.line is None:
            where = locate(path)
            path = path.rpartition(".")[0] if "." in path else ""
        if where is not None:
            problem = msgspec.structs.replace(problem, line=where[0], column=where[1])
        placed.append(problem)
    return placed


def _skipped(problem: Problem) -> Problem:
    return msgspec.structs.replace(problem, message=f"{problem.message}: not imported")


class _Locator:
    """Where each slide of a JSON text starts ("events[3]" -> (line, column)), for messages.

    Found only when a message needs it: slides are objects in lists of the
    top-level object (or of its "timeline" object, in TimelineJS 2), and
    each is skipped over with the decoder, not parsed into anything kept.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.offsets: dict[str, int] = {}
        self.line_starts: list[int] = []

    def __call__(self, path: str) -> tuple[int, int] | None:
        if not self.line_starts:
            # What was found before anything unexpected is kept; the rest has no line.
            with contextlib.suppress(ValueError, IndexError):
                self._object(self._skip(0), "")
            self.line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        offset = self.offsets.get(path)
        if offset is None:
            return None
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def _skip(self, i: int) -> int:
        while i < len(self.text) and self.text[i] in " \t\n\r":
            i += 1
        return i

    def _expect(self, i: int, char: str) -> None:
        if self.text[i] != char:
            raise ValueError(f"expected {char!r} at {i}")

    def _object(self, i: int, prefix: str) -> int:
        self._expect(i, "{")
        i = self._skip(i + 1)
        while self.text[i] != "}":
            key, i = _DECODER.raw_decode(self.text, i)
            i = self._skip(i)
            self._expect(i, ":")
            i = self._skip(i + 1)
            path = f"{prefix}.{key}" if prefix else str(key)
            self.offsets[path] = i
            if self.text[i] == "[":
                i = self._list(i, path)
            elif self.text[i] == "{" and path == "timeline":
                i = self._object(i, path)
            else:
                i = _DECODER.raw_decode(self.text, i)[1]
            i = self._skip(i)
            if self.text[i] == ",":
                i = self._skip(i + 1)
        return i + 1

    def _list(self, i: int, path: str) -> int:
        i, n = self._skip(i + 1), 0
        while self.text[i] != "]":
            self.offsets[f"{path}[{n}]"] = i
            i = self._skip(_DECODER.raw_decode(self.text, i)[1])
            n += 1
            if self.text[i] == ",":
                i = self._skip(i + 1)
        return i + 1


# -- TimelineJS 2 -----------------------------------------------------------------


def _import_timelinejs2(
    name: str,
    data: dict[str, Any],
    warnings: list[Problem] | None,
    text: str,
) -> Timeline:
    """A TimelineJS 2 document ({"timeline": {"headline", "date": [...], "era": [...]}}).

    Its slides are TimelineJS 3's under older names: `startDate` "1870,7,13"
    for `start_date`, `asset` {media, credit, caption} for `media`, `tag` for
    `group`; the timeline object itself is the title slide.
    """
    problems: list[Problem] = []
    repairs: list[Problem] = []
    slides: list[Slide] = []
    for key, kind in (("date", "event"), ("era", "era")):
        items = data.get(key)
        if items is None:
            continue
        if isinstance(items, dict):
            items = [items]
        if not isinstance(items, list):
            problems.append(
                Problem(name, f"expected a list, got {_kind(items)}", path=f"timeline.{key}")
            )
            continue
        for i, item in enumerate(items):
            where = f"timeline.{key}[{i}]"
            item, repaired = _unwrapped(item)
            if repaired:
                repairs.append(
                    Problem(
                        name, "a slide written as a one-element list: read as the slide", path=where
                    )
                )
            if not isinstance(item, dict):
                problems.append(
                    Problem(
                        name, f"expected a slide object, got {_kind(item)}{_seen(item)}", path=where
                    )
                )
                continue
            slides.append(_timelinejs2_slide(item, where, "event" if kind == "event" else "era"))
    title = _timelinejs2_slide(data, "timeline", "title")
    return _build(name, title, slides, problems, repairs, warnings, text)


def _timelinejs2_slide(item: dict[str, Any], where: str, kind: SlideKind) -> Slide:
    asset, _ = _unwrapped(item.get("asset"))
    media = asset if isinstance(asset, dict) else {}
    return Slide(
        where=where,
        kind=kind,
        start=_timelinejs2_date(item.get("startDate")),
        end=_timelinejs2_date(item.get("endDate")),
        display_date=_str(item.get("displayDate")),
        headline=_str(item.get("headline")),
        text=_str(item.get("text")),
        media_url=_str(media.get("media")),
        media_credit=_str(media.get("credit")),
        media_caption=_str(media.get("caption")),
        media_thumbnail=_str(media.get("thumbnail")) or _str(item.get("thumbnail")),
        group=_str(item.get("tag")),
        keys=tuple(str(k) for k in item),
    )


def _timelinejs2_date(value: object) -> dict[str, str] | None:
    """ "1870,7,13" (year, month, day, then hour, minute, second) as a TimelineJS 3 date."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(int(value))
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if "," in text:
        parts = [part.strip() for part in text.split(",")]
        names = ("year", "month", "day", "hour", "minute", "second")
        return dict(zip(names, parts, strict=False))
    return _v1_date(text)


def _described(data: object) -> str:
    """What a JSON document that is not TimelineJS holds, in a few words."""
    if isinstance(data, dict):
        return f'no "events" list, only {_keys(data)}' if data else "an empty object"
    if isinstance(data, list):
        objects = [item for item in data if isinstance(item, dict)]
        if objects:
            keys = {k: None for item in objects[:50] for k in item}
            return f"a list of {len(data)} objects with {_keys(keys)}"
        return f"a list of {len(data)} items"
    return _kind(data)


def _keys(keys: dict[Any, Any]) -> str:
    shown = [f'"{key}"' for key in list(keys)[:6]]
    more = ", ..." if len(keys) > 6 else ""
    return ("keys " if len(keys) > 1 else "the key ") + ", ".join(shown) + more


def _other_format(data: dict[str, Any], events: object) -> str:
    """Why an object with "events" is another format (empty if it may be TimelineJS)."""
    if data.get("format") == "timeline-viewer":
        return "it is this program's own JSON export (timeline export -f json)"
    if not isinstance(events, list):
        return ""
    objects = [item for item in events if isinstance(item, dict)]
    if not objects or any(_SLIDE_KEYS.intersection(item) for item in objects):
        return ""
    keys = {k: None for item in objects[:50] for k in item}
    return f'its "events" have {_keys(keys)}, and none a TimelineJS key'


def _without_surrogates(value: Any) -> Any:
    """JSON can spell a lone surrogate ("\\ud800"), which no UTF-8 file or terminal can hold."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value
    if isinstance(value, list):
        return [_without_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    return value


def _json_slides(
    name: str,
    data: dict[str, Any],
    key: str,
    kind: SlideKind,
    problems: list[Problem],
    repairs: list[Problem],
) -> Iterator[Slide]:
    items = data.get(key)
    if items is None:
        return
    if isinstance(items, dict) and kind == "era":
        items = [items]  # one era written without its list
    if not isinstance(items, list):
        problems.append(Problem(name, f"expected a list, got {_kind(items)}", path=key))
        return
    for i, item in enumerate(items):
        slide = _json_slide(name, item, f"{key}[{i}]", kind, problems, repairs)
        if slide is not None:
            yield slide


def _unwrapped(value: object) -> tuple[object, bool]:
    """An object written as a one-element list ([{...}]) as the object: its one reading."""
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], dict):
        return value[0], True
    return value, False


def _json_slide(
    name: str,
    item: object,
    where: str,
    kind: SlideKind,
    problems: list[Problem],
    repairs: list[Problem],
) -> Slide | None:
    item, repaired = _unwrapped(item)
    if repaired:
        repairs.append(
            Problem(name, "a slide written as a one-element list: read as the slide", path=where)
        )
    if not isinstance(item, dict):
        problems.append(
            Problem(name, f"expected a slide object, got {_kind(item)}{_seen(item)}", path=where)
        )
        return None
    parts: dict[str, dict[str, Any]] = {}
    for key in ("text", "media", "location", "background"):
        value, repaired = _unwrapped(item.get(key))
        if repaired:
            repairs.append(
                Problem(
                    name, "a one-element list: read as the object it holds", path=f"{where}.{key}"
                )
            )
        # A bare string where the text object belongs is the text it obviously is.
        parts[key] = value if isinstance(value, dict) else {"text": value} if key == "text" else {}
    text, media, location = parts["text"], parts["media"], parts["location"]
    background = parts["background"]
    headline = _str(text.get("headline"))
    if not headline.strip():
        # Eras (and hand-written slides) name themselves in other keys too.
        headline = next(
            (_str(item.get(k)) for k in ("headline", "title", "name") if _str(item.get(k)).strip()),
            "",
        )
    return Slide(
        where=where,
        kind=kind,
        start=_unwrapped(item.get("start_date"))[0],
        end=_unwrapped(item.get("end_date"))[0],
        display_date=_str(item.get("display_date")),
        headline=headline,
        text=_str(text.get("text")),
        media_url=_str(media.get("url")),
        media_credit=_str(media.get("credit")),
        media_caption=_str(media.get("caption")),
        media_thumbnail=_str(media.get("thumbnail")),
        media_alt=_str(media.get("alt")),
        background_url=_str(background.get("url")),
        background_color=_str(background.get("color")),
        background_alt=_str(background.get("alt")),
        group=_str(item.get("group")),
        unique_id=_str(item.get("unique_id")),
        place=_str(location.get("name")),
        keys=tuple(str(k) for k in item),
    )


def _seen(value: object) -> str:
    """What a reader would recognise a slide that cannot be read by: a headline, a text."""
    found: list[str] = []

    def walk(node: object, depth: int) -> None:
        if found or depth > 4:
            return
        if isinstance(node, str) and node.strip():
            found.append(node)
        elif isinstance(node, dict):
            for key in ("headline", "title", "name", "text"):
                walk(node.get(key), depth + 1)
        elif isinstance(node, list):
            for child in node:
                walk(child, depth + 1)

    if isinstance(value, (list, dict)):
        walk(value, 0)
    if not found:
        return ""
    from timeline_viewer.load.formats.timelinejs_slides import clip, plain

    return f' ("{clip(plain(found[0]), 60)}")'


def _str(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "true/false"
    return "nothing" if value is None else "a number"


# -- CSV (the spreadsheet template) ------------------------------------------------


def import_timelinejs_csv(
    text: str,
    name: str = "<csv>",
    *,
    warnings: list[Problem] | None = None,
) -> Timeline:
    """The TimelineJS 3 spreadsheet template, saved as CSV, as a Timeline."""
    text = _content(text, name)
    rows = _csv_rows(text, name)
    header = [cell.strip() for cell in next(rows, (0, []))[1]]
    v1 = "Start Date" in header
    if not ("Headline" in header and ("Year" in header or v1)):
        found = ", ".join(h for h in header[:8] if h) or "nothing"
        raise LoadError(
            [
                Problem(
                    name,
                    "not the TimelineJS spreadsheet template: the first row must name its "
                    f"columns (Year, Month, Day, ..., Headline, Text, Media, ...); found {found}",
                    1,
                    1,
                )
            ]
        )
    title: Slide | None = None
    slides: list[Slide] = []
    title_warnings: list[Problem] = []
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        row = {column: cell.strip() for column, cell in zip(header, cells, strict=False)}
        slide = _csv_slide(row, line, v1)
        if slide.kind == "title" and title is None:
            title = slide
        elif slide.kind == "title":
            title_warnings.append(Problem(name, "a second title row: read as an event", line))
            slides.append(replace(slide, kind="event"))
        else:
            slides.append(slide)
    if warnings is not None:
        warnings.extend(title_warnings)
    return build_timeline(name, title, slides, warnings)


def _csv_rows(text: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """(first line of the record, cells) for each CSV record."""
    first_line = text.split("\n", 1)[0]
    # A spreadsheet saved with a European locale separates cells with ";".
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    try:
        for cells in reader:
            yield line, cells
            line = reader.line_num + 1
    except csv.Error as error:
        raise LoadError([Problem(name, f"not valid CSV: {error}", reader.line_num)]) from None


def _csv_slide(row: dict[str, str], line: int, v1: bool) -> Slide:
    kind_text = row.get("Type", "").lower()
    kind: SlideKind = "title" if kind_text == "title" else "era" if kind_text == "era" else "event"
    columns: dict[str, str] = {}
    dates: dict[str, dict[str, str] | None] = {}
    for key, names in _DATE_COLUMNS.items():
        if v1:
            column = "Start Date" if key == "start_date" else "End Date"
            dates[key] = _v1_date(row.get(column, ""))
            columns.update({f"{key}.{part}": column for part in _PARTS})
            continue
        values = {part: row.get(column, "") for part, column in zip(_PARTS, names, strict=True)}
        dates[key] = values if values["year"] else None
        columns.update(
            {f"{key}.{part}": column for part, column in zip(_PARTS, names, strict=True)}
        )
    background = row.get("Background", "")
    return Slide(
        where=f"line {line}",
        kind=kind,
        start=dates["start_date"],
        end=dates["end_date"],
        display_date=row.get("Display Date", ""),
        headline=_links_read(row.get("Headline", "")),
        text=_links_read(row.get("Text", "")),
        media_url=row.get("Media", ""),
        media_credit=_links_anchored(row.get("Media Credit", "")),
        media_caption=_links_read(row.get("Media Caption", "")),
        media_thumbnail=row.get("Media Thumbnail", ""),
        # The template's one Background cell is a colour ("#1b2a3c") or an image URL.
        background_color=background if background.startswith("#") else "",
        background_url="" if background.startswith("#") else background,
        group=row.get("Group", "") or row.get("Tag", ""),
        line=line,
        columns=columns,
    )


def _links_read(cell: str) -> str:
    """Markdown links in a cell as a reader needs them in plain text: "text (url)"."""
    return _MARKDOWN_LINK.sub(lambda m: f"{m[1]} ({html.escape(m[2])})", cell)


def _links_anchored(cell: str) -> str:
    """Markdown links in a credit as HTML links: the address becomes the source's."""
    return _MARKDOWN_LINK.sub(lambda m: f'<a href="{html.escape(m[2])}">{m[1]}</a>', cell)


def _v1_date(text: str) -> dict[str, str] | None:
    text = text.strip()
    if not text:
        return None
    iso = _ISO_SHORT.fullmatch(text)
    if iso:
        return {"year": iso[1], "month": iso[2] or "", "day": iso[3] or ""}
    us = _US_DATE.fullmatch(text)
    if us:
        return {"year": us[3], "month": us[1], "day": us[2] or ""}
    # Anything else is reported by the date reader, naming the column.
    return {"year": text}

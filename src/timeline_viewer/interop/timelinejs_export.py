"""A timeline (or the filtered part of it) as TimelineJS 3 JSON that TimelineJS renders.

What TimelineJS needs, and what it gets here:
- numeric year, month and day, at the date's own precision; BCE years as
  TimelineJS writes them (EDTF -0043 is TimelineJS -44, "44 BCE");
- `display_date`: the event's own (as imported: "13 сентября"), else our
  wording of the date or period, so approximate and uncertain dates read
  "c. 1912" and "1912?" (TimelineJS has no such fields);
- `media` and `background` as the event (and the timeline, on the title
  slide) has them; relative media paths as written, since the JSON is
  usually published beside its media folder;
- a `unique_id` per slide: the event's id, so links to #event-id stay stable;
- one chosen facet as `group` (the first tag, the place, or the kind of the
  first entity), shown by TimelineJS as rows of the time axis; a tag shown
  as the group is not listed again under Tags;
- events tagged `era` whose end lies after their start as `eras`; an era whose
  end is missing or equal to its start would break the whole timeline, so
  such an event stays an ordinary slide;
- an end date only where TimelineJS can place it after the start: an end
  coarser than the start ("Jun 1985 - 1985") stays in the display text only.

Text is HTML in TimelineJS: every data value is escaped. The slide text holds
the summary and, for readers, the note, entities, tags and sources, each
also described in `data-tlv-*` attributes so that `load.formats.timelinejs` rebuilds
them: a timeline survives the round trip through TimelineJS.
Deterministic: the same timeline and selection give byte-identical JSON.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import Any, Literal

import msgspec

from timeline_viewer.domain.dates import PartialDate
from timeline_viewer.domain.model import KIND_TITLES, Background, Event, Media, Source
from timeline_viewer.load.formats.ids import IdAllocator
from timeline_viewer.load.formats.timelinejs_dates import timelinejs_date, to_timelinejs_year
from timeline_viewer.load.formats.timelinejs_slides import ERA_TAG
from timeline_viewer.query.index import TimelineIndex

GroupBy = Literal["tag", "place", "kind"]
GROUP_BY_CHOICES: tuple[GroupBy, ...] = ("tag", "place", "kind")
_SPACES_HTML_COLLAPSES = re.compile(r"^ +| +$| {2,}")
# Safe to paste into a <script> element or JavaScript source while the HTML
# stays readable: "</" and "<!--" can end or confuse a script element, U+2028
# and U+2029 end a JavaScript string in older engines. They only ever occur
# inside JSON strings, where these escapes mean the same characters.
_SCRIPT_UNSAFE = {"</": "<\\/", "<!--": "\\u003c!--", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def export_timelinejs(
    index: TimelineIndex,
    positions: Sequence[int] | None = None,
    *,
    group_by: GroupBy | None = "tag",
    era_tag: str | None = ERA_TAG,
) -> str:
    """TimelineJS 3 JSON of the events at `positions` (all events if None)."""
    return "".join(timelinejs_chunks(index, positions, group_by=group_by, era_tag=era_tag))


def timelinejs_chunks(
    index: TimelineIndex,
    positions: Sequence[int] | None = None,
    *,
    group_by: GroupBy | None = "tag",
    era_tag: str | None = ERA_TAG,
) -> Iterator[str]:
    """The same JSON in pieces, a few hundred slides each, so that a big export is
    written without the whole document being held, as dicts or as text."""
    title, slides, eras = _parts(index, positions, group_by, era_tag)
    # What json.dumps(document, indent=2) writes, a slide at a time: inside JSON
    # strings a line break is written \n, so every line break is layout.
    yield '{\n  "title": ' + _indented(title, 2) + ',\n  "events": '
    yield from _list(slides)
    if eras:
        yield ',\n  "eras": '
        yield from _list(iter(eras))
    yield "\n}\n"


def timelinejs_document(
    index: TimelineIndex,
    positions: Sequence[int] | None = None,
    *,
    group_by: GroupBy | None = "tag",
    era_tag: str | None = ERA_TAG,
) -> dict[str, Any]:
    """The TimelineJS 3 document as a JSON-ready dict (what `export_timelinejs` writes)."""
    title, slides, eras = _parts(index, positions, group_by, era_tag)
    document: dict[str, Any] = {"title": title, "events": list(slides)}
    if eras:
        document["eras"] = eras
    return document


def _parts(
    index: TimelineIndex,
    positions: Sequence[int] | None,
    group_by: GroupBy | None,
    era_tag: str | None,
) -> tuple[dict[str, Any], Iterator[dict[str, Any]], list[dict[str, Any]]]:
    """The title slide, the event slides (made as they are asked for), the era slides."""
    if group_by is not None and group_by not in GROUP_BY_CHOICES:
        raise ValueError(f"group_by must be one of {', '.join(GROUP_BY_CHOICES)} or None")
    chosen = [index.events[p] for p in (range(len(index)) if positions is None else positions)]
    eras = [e for e in chosen if era_tag is not None and era_tag in e.tags and _end(e)]
    if len(eras) == len(chosen):
        # TimelineJS refuses a timeline with no events; eras alone are not one.
        eras = []
    era_ids = {e.id for e in eras}
    timeline = index.timeline
    ids = IdAllocator()
    for event in chosen:
        ids.reserve(event.id)
    headline = timeline.title if timeline.title_headline is None else timeline.title_headline
    title: dict[str, Any] = {
        "unique_id": ids.allocate("timeline-title"),
        "text": {
            "headline": _escape(headline),
            "text": _paragraphs(timeline.description or ""),
        },
    }
    _presentation(title, timeline.media, timeline.background)
    made = _Made()
    slides = (
        _slide(index, event, group_by, era_tag, made) for event in chosen if event.id not in era_ids
    )
    return title, slides, [_slide(index, event, None, era_tag, made) for event in eras]


# Slides encoded per piece of text.
_CHUNK = 500


def _list(slides: Iterator[dict[str, Any]]) -> Iterator[str]:
    """A list of slides as an item of the document's top mapping, in pieces."""
    first = True
    while chunk := list(islice(slides, _CHUNK)):
        text = ",\n".join("    " + _indented(slide, 4) for slide in chunk)
        yield ("[\n" if first else ",\n") + text
        first = False
    yield "[]" if first else "\n  ]"


def _indented(value: dict[str, Any], depth: int) -> str:
    """`value` as json.dumps(..., indent=2) writes it `depth` spaces in, script-safe."""
    # json.dumps with an indent encodes in Python, about 2 s for 100,000
    # slides; msgspec writes the same text, indented the same way, in C.
    try:
        text = msgspec.json.format(msgspec.json.encode(value), indent=2).decode()
    except UnicodeEncodeError:  # a lone surrogate, from an API caller: json keeps it
        text = json.dumps(value, ensure_ascii=False, indent=2)
    text = text.replace("\n", "\n" + " " * depth)
    for unsafe, escaped in _SCRIPT_UNSAFE.items():
        text = text.replace(unsafe, escaped)
    return text


# -- dates ---------------------------------------------------------------------------


def _instant(date: PartialDate) -> tuple[int, int, int]:
    """Where TimelineJS places a date: its first day, in TimelineJS's own year numbering."""
    return (to_timelinejs_year(date.year), date.month or 1, date.day or 1)


def _end(event: Event) -> dict[str, int] | None:
    """The end date object if TimelineJS would place it after the start, else None."""
    if event.end is None or _instant(event.end) <= _instant(event.date):
        return None
    return timelinejs_date(event.end)


# -- slides --------------------------------------------------------------------------


class _Made:
    """HTML made once per export: an entity, source or tag of thousands of events is
    escaped once, not once per event (two thirds of the time of 100,000 slides)."""

    def __init__(self) -> None:
        self.entities: dict[tuple[str, str], str] = {}
        self.sources: dict[str, str] = {}
        self.tags: dict[str, str] = {}
        self.markers: dict[GroupBy | None, str] = {}


def _slide(
    index: TimelineIndex,
    event: Event,
    group_by: GroupBy | None,
    era_tag: str | None,
    made: _Made,
) -> dict[str, Any]:
    slide: dict[str, Any] = {
        "unique_id": event.id,
        "start_date": timelinejs_date(event.date),
    }
    end = _end(event)
    if end is not None:
        slide["end_date"] = end
    slide["display_date"] = _escape(event.display_date or event.when)
    group = _group(index, event, group_by, era_tag)
    shown_tag = group if group_by == "tag" else None
    slide["text"] = {
        "headline": _escape(event.title),
        "text": _paragraphs(event.summary or "") + _meta(index, event, group_by, made, shown_tag),
    }
    _presentation(slide, event.media, event.background)
    if group:
        slide["group"] = _escape(group)
    return slide


# A credit the importer wrote from a linked one: "Name (https://...)".
_LINKED_CREDIT = re.compile(r"(.*\S) \((https?://[^\s()]+)\)")


def _presentation(
    slide: dict[str, Any], media: Media | None, background: Background | None
) -> None:
    """A slide's media and background, as TimelineJS reads them."""
    if media is not None:
        shown: dict[str, str] = {"url": media.url}
        if media.caption:
            shown["caption"] = "<br>".join(_escape(line) for line in media.caption.split("\n"))
        if media.credit:
            linked = _LINKED_CREDIT.fullmatch(media.credit)
            shown["credit"] = (
                f'<a href="{html.escape(linked[2], quote=True)}">{_escape(linked[1])}</a>'
                if linked
                else _escape(media.credit)
            )
        if media.thumbnail:
            shown["thumbnail"] = media.thumbnail
        if media.alt:
            shown["alt"] = media.alt
        slide["media"] = shown
    if background is not None:
        slide["background"] = {
            key: value
            for key, value in (
                ("url", background.url),
                ("color", background.color),
                ("alt", background.alt),
            )
            if value
        }


def _group(
    index: TimelineIndex, event: Event, group_by: GroupBy | None, era_tag: str | None
) -> str | None:
    if group_by == "tag":
        return next((tag for tag in event.tags if tag != era_tag), None)
    if group_by == "place":
        place = index.entity(event.place) if event.place else None
        return place.name if place else None
    if group_by == "kind":
        entities = index.entities_of(event)
        return KIND_TITLES[entities[0].kind] if entities else None
    return None


# -- HTML ----------------------------------------------------------------------------


def _escape(text: str) -> str:
    """Data text as HTML text, whitespace kept: HTML collapses runs, &nbsp; &#9; &#10; not."""
    escaped = html.escape(text, quote=False).replace("\t", "&#9;").replace("\n", "&#10;")
    return _SPACES_HTML_COLLAPSES.sub(lambda m: "&nbsp;" * len(m[0]), escaped)


def _paragraphs(text: str) -> str:
    """A plain text as one HTML paragraph; its line breaks (blank lines too) as <br>.

    Line breaks at either end would vanish as <br>; they are written &#10;.
    """
    if not text:
        return ""
    body = text.strip("\n")
    leading = text[: len(text) - len(text.lstrip("\n"))]
    trailing = text[len(text.rstrip("\n")) :] if body else ""
    lines = "<br>".join(_escape(line) for line in body.split("\n")) if body else ""
    return f"<p>{_escape(leading)}{lines}{_escape(trailing)}</p>"


def _attributes(**values: str | None) -> str:
    return "".join(
        f' data-tlv-{name.replace("_", "-")}="{html.escape(value, quote=True)}"'
        for name, value in values.items()
        if value is not None
    )


def _meta(
    index: TimelineIndex,
    event: Event,
    group_by: GroupBy | None,
    made: _Made,
    shown_tag: str | None = None,
) -> str:
    """What readers see under the summary, each item also machine-readable.

    `shown_tag` is the tag TimelineJS already shows as the slide's group: it
    is annotated (so it comes back) but not listed again.
    """
    lines: list[str] = []
    if event.note:
        lines.append(
            f"<p><em>Note:</em> <span{_attributes(note=event.note)}>"
            f"{_escape(' '.join(event.note.split()))}</span></p>"
        )
    entities = []
    listed = set(event.entities)  # 50,000 entities on one event: a lookup each, not a scan
    for entity in index.entities_of(event):
        roles = " ".join(
            role
            for role, present in (
                ("entity", entity.id in listed),
                ("place", entity.id == event.place),
            )
            if present
        )
        span = made.entities.get((entity.id, roles))
        if span is None:
            attributes = _attributes(
                entity=entity.id, kind=entity.kind, name=entity.name, role=roles
            )
            span = made.entities[(entity.id, roles)] = (
                f"<span{attributes}>{_escape(entity.name)}</span>"
            )
        entities.append(span)
    if entities:
        lines.append(f"<p><em>Involves:</em> {', '.join(entities)}</p>")
    if event.tags:
        tag_spans: list[str] = []
        unseen = ""  # annotated tags not shown, kept in order before the next one shown
        for tag in event.tags:
            if tag == shown_tag:
                unseen += f"<span{_attributes(tag=tag)}></span>"
            else:
                tag_spans.append(unseen + _tag_span(tag, made))
                unseen = ""
        if tag_spans:
            lines.append(f"<p><em>Tags:</em> {', '.join(tag_spans)}{unseen}</p>")
        else:
            lines.append(unseen)
    if event.reported:
        reported = _attributes(reported=event.reported.edtf())
        lines.append(
            f"<p><em>Reported:</em> <span{reported}>{_escape(event.reported.display())}</span></p>"
        )
    sources = index.sources_of(event)
    if sources:
        items = "".join(_source_item(source, made) for source in sources)
        lines.append(f"<p><em>Sources:</em></p><ol>{items}</ol>")
    marker = made.markers.get(group_by)
    if marker is None:
        marker = made.markers[group_by] = _attributes(
            export="timeline-viewer", group_from=group_by or ""
        )
    return f'<div class="tlv-meta"{marker}>{"".join(lines)}</div>'


def _tag_span(tag: str, made: _Made) -> str:
    span = made.tags.get(tag)
    if span is None:
        span = made.tags[tag] = f"<span{_attributes(tag=tag)}>{_escape(tag)}</span>"
    return span


def _source_item(source: Source, made: _Made) -> str:
    item = made.sources.get(source.id)
    if item is None:
        item = made.sources[source.id] = _made_source_item(source)
    return item


def _made_source_item(source: Source) -> str:
    attributes = _attributes(
        source=source.id,
        title=source.title,
        publisher=source.publisher,
        published=source.published.edtf() if source.published else None,
        url=source.url,
    )
    title = _escape(source.title)
    if source.url:
        title = f'<a href="{html.escape(source.url, quote=True)}">{title}</a>'
    details = [title]
    if source.publisher:
        details.append(_escape(source.publisher))
    if source.published:
        details.append(_escape(source.published.display()))
    return f"<li{attributes}>{', '.join(details)}</li>"

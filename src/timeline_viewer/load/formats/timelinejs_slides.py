"""TimelineJS slides, read from JSON or from the spreadsheet template, as our Timeline.

The mapping (see load/formats/README.md for the whole table):
- the title slide gives the timeline's title and description;
- each event slide is an event; an era is an event tagged `era` with its end;
- a slide's group is a tag; `location.name` (older files) is a place entity;
- a slide's media is the event's media (url, caption, credit, thumbnail, alt);
  a relative path stays relative: it is resolved when the media is opened;
- display_date and background are kept as written, so the export shows them
  again; the title slide gives the timeline's media and background, and its
  headline is kept empty when it had none;
- HTML becomes plain text; hours, minutes and seconds are dropped (our dates
  stop at the day);
- what our own TimelineJS export writes for readers (entities, tags, sources,
  notes) comes back from its `data-tlv-*` annotations, so a timeline survives
  the round trip through TimelineJS.

Problems that make a slide meaningless (a month 13) are errors, all reported
together; what TimelineJS itself tolerates (a slide with no start date is
skipped) is a warning.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Literal

from timeline_viewer.domain.dates import (
    OPEN_END_SHOWN,
    DateError,
    OpenEnd,
    PartialDate,
    display_period,
    parse_partial_date,
)
from timeline_viewer.domain.model import (
    ENTITY_KINDS,
    Background,
    Entity,
    Event,
    Media,
    Source,
    Timeline,
    chronological,
)
from timeline_viewer.domain.problems import LoadError, Problem
from timeline_viewer.domain.text import sanitize
from timeline_viewer.load.formats.html_text import Annotation, HtmlContent, parse_html
from timeline_viewer.load.formats.ids import IdAllocator, is_digits, slugify
from timeline_viewer.load.formats.timelinejs_dates import (
    ReadDate,
    TimelineJSDateError,
    combine,
    parse_display,
    parse_display_period,
    read_timelinejs_date,
)

ERA_TAG = "era"
SlideKind = Literal["event", "era", "title"]
# The schema's own URL rule (case-sensitive scheme, no whitespace).
_URL = re.compile(r"https?://\S+")
_SCHEME = re.compile(r"https?://", re.IGNORECASE)
MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]+)\]\((https?://[^\s()]+(?:\([^\s()]*\)[^\s()]*)*)\)")
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]|<\s*>")
# An address written out in text; parentheses inside it only in pairs (".../X_(y)").
_URL_IN_TEXT = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'()]+(?:\([^\s<>\"'()]*\)[^\s<>\"'()]*)*", re.IGNORECASE
)
_TITLE_WIDTH = 80
_DATE_KEYS = frozenset({"start_date", "end_date", "startDate", "endDate"})


@dataclass(frozen=True)
class Slide:
    """One TimelineJS slide with its fields as written (HTML and raw date objects)."""

    where: str  # where it is, for messages: "events[3]", "eras[0]", "title"
    kind: SlideKind = "event"
    start: object = None
    end: object = None
    display_date: str = ""
    headline: str = ""
    text: str = ""
    media_url: str = ""
    media_credit: str = ""
    media_caption: str = ""
    media_thumbnail: str = ""
    media_alt: str = ""
    background_url: str = ""
    background_color: str = ""
    background_alt: str = ""
    group: str = ""
    unique_id: str = ""
    place: str = ""
    line: int | None = None  # the CSV line, when there is one
    # For CSV slides, the spreadsheet column of each date part ("end_date.year": "End Year").
    columns: dict[str, str] = field(default_factory=dict)
    # The keys the slide object has (JSON), to say what an untitled slide holds.
    keys: tuple[str, ...] = ()


def build_timeline(
    name: str,
    title: Slide | None,
    slides: list[Slide],
    warnings: list[Problem] | None = None,
) -> Timeline:
    """The timeline the slides describe; LoadError if no slide can be read."""
    return _Builder(name).build(title, slides, warnings)


def clip(text: str, width: int = _TITLE_WIDTH) -> str:
    """The first line of a text, cut at a word boundary to `width` characters."""
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(line) <= width:
        return line
    cut = line.rfind(" ", 0, width)
    return line[: cut if cut > width // 2 else width - 1].rstrip(" ,;:") + "…"


def plain(html: str) -> str:
    """A headline or label as safe text: breaks (<br>, paragraphs) become spaces.

    Whitespace our export wrote as references (&nbsp;, &#9;, &#10;) comes back
    as it was; only the ends are trimmed, as the loader trims titles.
    """
    return sanitize(parse_html(html, inline=True).text).strip()


def _exact(value: str | None) -> str:
    """An annotation value: written by our export from our data, so kept as it is."""
    return sanitize(value or "")


def _url(raw: str) -> str | None:
    """An http(s) URL from a media field, or None ("//host/x" is taken as https)."""
    url = sanitize(raw).strip().replace(" ", "%20")
    if url.startswith("//"):
        url = "https:" + url
    scheme = _SCHEME.match(url)
    if scheme:
        url = scheme[0].lower() + url[scheme.end() :]
    return url if _URL.fullmatch(url) else None


# A path beside the file: no scheme, not from the site's root; what the format's media url allows.
_RELATIVE = re.compile(r"(?![A-Za-z][A-Za-z0-9+.-]*:)[^/\\\s].*")
_COLOR = re.compile(r"#[0-9A-Fa-f]{3,8}|[A-Za-z]+|(?:rgb|hsl)a?\([0-9., %]+\)")


def _credit_url(link: str) -> str | None:
    link = link.strip().rstrip(".,;)")
    return _url("https://" + link if link.lower().startswith("www.") else link)


def _host(url: str) -> str:
    host = (url.split("://", 1)[1].split("/", 1)[0].split("@")[-1].split(":")[0]).lower()
    return host.removeprefix("www.")


@dataclass
class _Media:
    url: str | None = None  # a web address, or a path relative to the file
    caption: str = ""
    credit: str = ""  # the credit's text, without addresses
    credit_url: str | None = None
    text: str = ""  # what an embed says


@dataclass
class _Dates:
    start: PartialDate
    end: PartialDate | None
    note: str | None = None
    open_end: OpenEnd | None = None
    shown: str = ""  # the display text of the slide or of its start date


# "1985 \u2013 ongoing", "1985 \u2013 unknown": how our export shows a period's end
# without a date (TimelineJS has no such end; the display keeps it).
_OPEN_END_SHOWN = re.compile(
    r"(?P<start>.*\S)\s+\u2013\s+(?P<end>" + "|".join(OPEN_END_SHOWN.values()) + ")"
)


class _Builder:
    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.event_ids = IdAllocator()
        self.source_ids = IdAllocator()
        self.entity_ids = IdAllocator()
        self.sources: dict[str, Source] = {}
        self.source_by_content: dict[tuple[str, str | None, str | None], str] = {}
        self.entities: dict[str, Entity] = {}
        self.place_by_name: dict[str, str] = {}
        self.host_counts: Counter[str] = Counter()
        self.times_dropped = 0

    # -- messages ------------------------------------------------------------

    def _problem(self, slide: Slide, path: str, message: str) -> None:
        """What makes a slide unreadable: it is left out (the file is refused if all are)."""
        self.problems.append(self._located(slide, path, message))
        headline = clip(plain(slide.headline), 60)
        named = f' "{headline}"' if headline else ""
        self.warnings.append(self._located(slide, path, f"{message}: slide{named} not imported"))

    def _warn(self, slide: Slide, path: str, message: str) -> None:
        self.warnings.append(self._located(slide, path, message))

    def _located(self, slide: Slide, path: str, message: str) -> Problem:
        if slide.line is not None:  # CSV: the line, and the column's name
            return Problem(self.name, message, slide.line, None, path)
        full = f"{slide.where}.{path}" if path else slide.where
        return Problem(self.name, message, path=full)

    # -- the whole timeline --------------------------------------------------

    def build(
        self, title: Slide | None, slides: list[Slide], warnings: list[Problem] | None
    ) -> Timeline:
        contents = [parse_html(slide.text) for slide in slides]
        # Ids the file chose come first, so that derived ids never take them.
        for content in contents:
            self._define_annotated(content.annotations)
        # An id of only digits names nothing (and is a poor anchor): derived instead.
        reserved = [
            not is_digits(slide.unique_id.strip())
            and self.event_ids.reserve(slide.unique_id.strip())
            for slide in slides
        ]
        timeline_title, description, title_media, title_headline = self._title(title)
        events = [
            event
            for slide, content, kept_id in zip(slides, contents, reserved, strict=True)
            if (event := self._event(slide, content, kept_id)) is not None
        ]
        if self.times_dropped:
            self.warnings.append(
                Problem(
                    self.name,
                    f"{self.times_dropped} date(s) have a time of day; "
                    "times are not kept (dates stop at the day)",
                )
            )
        if not events and self.problems:
            raise LoadError(self.problems)
        if warnings is not None:
            warnings.extend(self.warnings)
        if not events:
            raise LoadError(
                [Problem(self.name, "no events: not one slide has a start date with a year")]
            )
        return Timeline(
            title=timeline_title,
            description=description,
            media=title_media,
            background=self._background(title) if title is not None else None,
            title_headline=title_headline,
            events=chronological(events),
            entities=tuple(self.entities.values()),
            sources=tuple(self.sources.values()),
        )

    def _title(self, slide: Slide | None) -> tuple[str, str | None, Media | None, str | None]:
        """Title, description, media, and the headline TimelineJS shows if not the title."""
        fallback = sanitize(PurePath(self.name).stem).strip() or "Imported timeline"
        if slide is None:
            return fallback, None, None, None
        title = plain(slide.headline)
        text = sanitize(parse_html(slide.text).text)
        description = text if text.strip() else None
        media, media_text = self._event_media(slide, self._media(slide))
        if media_text:
            description = f"{description}\n{media_text}" if description else media_text
        if title:
            return title, description, media, None
        # A title slide without a headline still needs a title here; TimelineJS
        # showed none, and an export shows none again.
        return clip(description or "") or fallback, description, media, ""

    # -- one slide -------------------------------------------------------------

    def _event(self, slide: Slide, content: HtmlContent, kept_id: bool) -> Event | None:
        dates = self._dates(slide)
        if dates is None:
            return None
        shown = dates.shown
        annotations = content.annotations
        ours = any(a.get("export") is not None for a in annotations)
        summary = sanitize(content.text)
        summary = summary if summary.strip() else ""
        read = self._media(slide)
        media, media_text = self._event_media(slide, read)
        media_sources = [] if media is not None else self._media_source(read)
        if media_text:
            summary = f"{summary}\n{media_text}" if summary else media_text
        # TimelineJS shows a slide without a headline; we need a title, so take
        # what a reader of that slide would name it by.
        title = plain(slide.headline) or clip(summary) or clip(plain(slide.media_caption))
        if not title:
            what = "era" if slide.kind == "era" else "event"
            title = f"Untitled {what} ({dates.start.display()})"
            keys = ", ".join(k for k in slide.keys if k not in _DATE_KEYS)
            held = f"; its keys: {keys}" if keys else ""
            self._warn(
                slide,
                "",
                f'no headline, text or caption{held}: named "{title}"',
            )
        tags = self._tags(slide, annotations, ours)
        entities, place = self._entities(slide, annotations)
        sources = [a.values["source"] for a in annotations if a.get("source") in self.sources]
        sources[:0] = media_sources
        notes = [_exact(a.get("note")) for a in annotations if (a.get("note") or "").strip()]
        if dates.note:
            notes.append(dates.note)
        event_id = (
            slide.unique_id.strip() if kept_id else self._derived_id(slide, title, dates.start)
        )
        return Event(
            id=event_id,
            date=dates.start,
            end=dates.end,
            title=title,
            summary=summary or None,
            entities=tuple(dict.fromkeys(entities)),
            place=place,
            tags=tuple(dict.fromkeys(tags)),
            sources=tuple(dict.fromkeys(sources)),
            note="\n".join(n for n in notes if n) or None,
            reported=self._reported(annotations),
            open_end=dates.open_end,
            media=media,
            # Kept when it is not what the date shows anyway ("13 сентября", not "c. 1912").
            display_date=shown if shown and shown != _when(dates) else None,
            background=self._background(slide),
        )

    def _derived_id(self, slide: Slide, title: str, start: PartialDate) -> str:
        # TimelineJS slugifies an unusable unique_id; we do the same, else the
        # title, else (a title of only signs) the date: "event-7-feb-1985".
        given = slugify(slide.unique_id, slide.kind) if slide.unique_id.strip() else ""
        dated = slugify(f"{slide.kind} {start.display()}", slide.kind)
        titled = slugify(title, "")
        if is_digits(titled):
            titled = slugify(title, slide.kind)
        return self.event_ids.allocate(given or titled or dated)

    def _tags(self, slide: Slide, annotations: tuple[Annotation, ...], ours: bool) -> list[str]:
        listed = [tag for a in annotations if (tag := _exact(a.get("tag"))).strip()]
        era = [ERA_TAG] if slide.kind == "era" else []
        if ours:
            # Our export lists every tag (the group is one facet of the data,
            # not a tag of its own), in the event's order.
            return listed + [t for t in era if t not in listed]
        group = plain(slide.group)
        return era + ([group] if group else []) + listed

    def _entities(
        self, slide: Slide, annotations: tuple[Annotation, ...]
    ) -> tuple[list[str], str | None]:
        entities: list[str] = []
        place: str | None = None
        for annotation in annotations:
            entity_id = annotation.get("entity")
            if entity_id is None or entity_id not in self.entities:
                continue
            roles = (annotation.get("role") or "entity").split()
            if "place" in roles and place is None and self.entities[entity_id].kind == "place":
                place = entity_id
            if "entity" in roles:
                entities.append(entity_id)
        name = plain(slide.place)
        if name and place is None:
            place = self._place(name)
        return entities, place

    def _place(self, name: str) -> str:
        if name in self.place_by_name:
            return self.place_by_name[name]
        entity_id = self.entity_ids.allocate(slugify(name, "place"))
        self.entities[entity_id] = Entity(id=entity_id, name=name, kind="place")
        self.place_by_name[name] = entity_id
        return entity_id

    def _reported(self, annotations: tuple[Annotation, ...]) -> PartialDate | None:
        for annotation in annotations:
            text = annotation.get("reported")
            if text:
                try:
                    return parse_partial_date(text)
                except DateError:
                    return None
        return None

    # -- dates -------------------------------------------------------------------

    def _read(self, slide: Slide, key: str, value: object) -> ReadDate | None:
        if value is None:
            return None
        try:
            read = read_timelinejs_date(value)
        except TimelineJSDateError as error:
            path = f"{key}.{error.field}" if error.field else key
            path = slide.columns.get(path, path)
            self._problem(slide, path, str(error))
            return None
        if read is not None:
            for warning in read.warnings:
                self._warn(slide, slide.columns.get(f"{key}.year", f"{key}.year"), warning)
            self.times_dropped += read.time_dropped
        return read

    def _dates(self, slide: Slide) -> _Dates | None:
        problems = len(self.problems)
        start = self._read(slide, "start_date", slide.start)
        end = self._read(slide, "end_date", slide.end)
        if len(self.problems) > problems:
            return None
        if start is None:
            self._warn(slide, "", "no start date with a year: skipped, as TimelineJS skips it")
            return None
        dates = _Dates(start.date, end.date if end else None)
        shown = slide.display_date.strip() or start.display
        if shown:
            # The display is kept as display_date; here it only lends qualifiers.
            dates.shown = plain(shown)
            self._apply_display(dates, dates.shown)
        if end is not None and end.display and dates.end is not None:
            shown_end = parse_display(end.display)
            combined = combine(shown_end, dates.end) if shown_end else None
            if combined is None:
                dates.note = _join(dates.note, f'End shown in TimelineJS as "{end.display}".')
            else:
                dates.end = combined
        if dates.end is not None:
            self._check_end(slide, dates)
        return dates

    def _apply_display(self, dates: _Dates, shown: str) -> None:
        """Take qualifiers (and parts the numbers lack) from the display text.

        A display that disagrees with the numbers, or hides parts of them
        ("1912" over 1 Jan 1912), is kept word for word in the note.
        """
        open_end = _OPEN_END_SHOWN.fullmatch(shown.strip())
        if open_end is not None and dates.end is None:
            ends = {text: mark for mark, text in OPEN_END_SHOWN.items()}
            dates.open_end = ends[open_end["end"]]
            shown = open_end["start"]
        parsed = parse_display_period(shown)
        if parsed is None:
            return
        shown_start, shown_end = parsed
        start = combine(shown_start, dates.start)
        end = dates.end
        if shown_end is not None:
            # Our export leaves out an end TimelineJS would misplace; its display keeps it.
            end = shown_end if dates.end is None else combine(shown_end, dates.end)
        if start is None or (shown_end is not None and end is None):
            return
        dates.start, dates.end = start, end

    def _check_end(self, slide: Slide, dates: _Dates) -> None:
        end = dates.end
        assert end is not None
        if end == dates.start:
            # TimelineJS drops an end equal to the start as redundant; so do we.
            dates.end = None
        elif end.sort_key < dates.start.sort_key and end.last_day < dates.start.first_day:
            self._warn(
                slide,
                slide.columns.get("end_date.year", "end_date"),
                f"ends ({end}) before it starts ({dates.start}): end dropped",
            )
            dates.end = None

    # -- sources and entities ------------------------------------------------

    def _media(self, slide: Slide) -> _Media:
        """What a slide's media says: its address (web, else a local file), caption, credit."""
        raw = slide.media_url.strip()
        media = _Media()
        if raw.startswith("<"):
            # An embed (blockquote, iframe) rather than a URL: its text is content.
            content = parse_html(raw)
            media.text = sanitize(content.text).strip()
            media.url = next((u for link in content.links if (u := _url(link))), None)
        elif raw:
            media.url = _url(raw) or self._local(slide, raw)
        media.caption = plain(slide.media_caption)
        credit = parse_html(slide.media_credit, inline=True)
        credit_text = sanitize(credit.text).strip()
        # A credit links its publisher: as a link, a Markdown link, or an address written out.
        marked = [m[2] for m in MARKDOWN_LINK.finditer(credit_text)]
        credit_text = MARKDOWN_LINK.sub(r"\1", credit_text)
        links = [*credit.links, *marked, *_URL_IN_TEXT.findall(credit_text)]
        media.credit_url = next((u for link in links if (u := _credit_url(link))), None)
        bare = _EMPTY_BRACKETS.sub("", _URL_IN_TEXT.sub("", credit_text))
        media.credit = " ".join(bare.split()).strip(" \t,;:-\u2013\u2014|")
        return media

    def _local(self, slide: Slide, raw: str) -> str | None:
        """A path relative to the file, kept as written (resolved when opened), else None."""
        path = sanitize(raw).strip()
        if _RELATIVE.fullmatch(path):
            return path
        self._warn(
            slide,
            "media.url",
            f'"{clip(raw, 60)}" is neither a web address nor a path relative to the file: not kept',
        )
        return None

    def _event_media(self, slide: Slide, media: _Media) -> tuple[Media | None, str]:
        """The slide's media, if it has an address, and any text an embed holds."""
        if media.url is None:
            return None, media.text
        credit = media.credit
        if media.credit_url is not None and media.credit_url != media.url:
            # Written out, so the export can link it again: "Name (https://...)".
            credit = f"{credit} ({media.credit_url})" if credit else media.credit_url
        thumbnail = sanitize(slide.media_thumbnail).strip()
        return (
            Media(
                url=media.url,
                caption=media.caption or None,
                credit=credit or None,
                thumbnail=(_url(thumbnail) or self._local(slide, thumbnail)) if thumbnail else None,
                alt=plain(slide.media_alt) or None,
            ),
            media.text,
        )

    def _background(self, slide: Slide) -> Background | None:
        raw = sanitize(slide.background_url).strip()
        url = (_url(raw) or self._local(slide, raw)) if raw else None
        color = sanitize(slide.background_color).strip()
        if color and not _COLOR.fullmatch(color):
            self._warn(slide, "background.color", f'"{clip(color, 30)}" is not a colour: not kept')
            color = ""
        if url is None and not color:
            return None
        return Background(url=url, color=color or None, alt=plain(slide.background_alt) or None)

    def _media_source(self, media: _Media) -> list[str]:
        """A caption or credit with no media to show: a Source (its ids), so nothing is lost."""
        sources: list[str] = []
        url, credit_url = media.credit_url, None
        caption, credit = media.caption, media.credit
        title = caption or credit or (url.split("://", 1)[1] if url else "")
        if title:
            publisher = credit if caption and credit else None
            sources.append(self._source(title, publisher, url))
        if credit_url is not None and credit_url != url:
            credit_title = credit or credit_url.split("://", 1)[1]
            sources.append(self._source(credit_title, None, credit_url))
        return sources

    def _source(self, title: str, publisher: str | None, url: str | None) -> str:
        key = (title, publisher, url)
        if key in self.source_by_content:
            return self.source_by_content[key]
        host = slugify(_host(url), "media") if url else "media"
        self.host_counts[host] += 1
        source_id = self.source_ids.allocate(f"{host}-{self.host_counts[host]}")
        self.sources[source_id] = Source(id=source_id, title=title, publisher=publisher, url=url)
        self.source_by_content[key] = source_id
        return source_id

    def _define_annotated(self, annotations: tuple[Annotation, ...]) -> None:
        """Sources and entities that our export described in `data-tlv-*` attributes."""
        for annotation in annotations:
            source_id = annotation.get("source")
            if source_id is not None and source_id not in self.sources:
                self._annotated_source(source_id, annotation)
            entity_id = annotation.get("entity")
            if entity_id is not None and entity_id not in self.entities:
                self._annotated_entity(entity_id, annotation)

    def _annotated_source(self, source_id: str, annotation: Annotation) -> None:
        title = _exact(annotation.get("title")).strip()
        if not title or not self.source_ids.reserve(source_id):
            return
        url = _url(annotation.get("url") or "")
        published = annotation.get("published")
        try:
            date = parse_partial_date(published) if published else None
        except DateError:
            date = None
        self.sources[source_id] = Source(
            id=source_id,
            title=title,
            publisher=_exact(annotation.get("publisher")) or None,
            published=date,
            url=url,
        )

    def _annotated_entity(self, entity_id: str, annotation: Annotation) -> None:
        name = _exact(annotation.get("name")).strip()
        kind = next((k for k in ENTITY_KINDS if k == annotation.get("kind")), None)
        # reserve() also refuses ids that are not slugs.
        if name and kind is not None and self.entity_ids.reserve(entity_id):
            self.entities[entity_id] = Entity(id=entity_id, name=name, kind=kind)


def _when(dates: _Dates) -> str:
    return display_period(dates.start, dates.end, dates.open_end)


def _join(first: str | None, second: str) -> str:
    return f"{first}\n{second}" if first else second

"""A Markdown timeline: year sections, footnoted sources, an entity index.

The header says in words what the document holds, when and from which file
it was exported, and what `c.` and `?` on a date mean when such dates occur.

The output is CommonMark with GFM footnotes. Every piece of data text goes
through `inline`, so a title can neither break the document nor inject HTML,
images or links; the only links are the source and media URLs the data
declares, each made safe first (`safe_url`, `safe_media_url`).
Deterministic: the same timeline and selection give byte-identical text.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import groupby

import msgspec

from timeline_viewer.domain.dates import OpenEnd, PartialDate, Unspecified
from timeline_viewer.domain.markdown_text import inline, safe_media_url, safe_url
from timeline_viewer.domain.model import ENTITY_KINDS, KIND_TITLES, Event, Media, Source
from timeline_viewer.query.connections import appears_with
from timeline_viewer.query.filter_wording import describe_filter
from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.query.marks import Marks

# An entity's entry in the index lists the dates of up to this many of its events.
INDEX_DATES = 12


class ExportNote(msgspec.Struct, frozen=True):
    """What the header says besides the selection: the day of the export, the file's name.

    Left out when None: the same input then gives the same document any day.
    """

    exported_on: datetime.date | None = None
    source_name: str | None = None


NO_NOTE = ExportNote()


class Extras(msgspec.Struct, frozen=True):
    """Optional parts of the document, each off unless asked for (the default
    document stays byte-identical).

    `marks`: the reader's own stars and notes, shown with their events.
    `connections`: a "Who appears with whom" table after the entity index.
    """

    marks: Marks | None = None
    connections: bool = False


NO_EXTRAS = Extras()
# The "Who appears with whom" table: its rows, and the companions named per row.
CONNECTION_ROWS = 25
CONNECTIONS_PER_ROW = 5


def export_markdown(
    index: TimelineIndex,
    positions: Sequence[int] | None = None,
    *,
    filter_text: str = "",
    note: ExportNote = NO_NOTE,
    extras: Extras = NO_EXTRAS,
) -> str:
    """The Markdown document of the events at `positions` (all events if None)."""
    return "".join(
        markdown_chunks(index, positions, filter_text=filter_text, note=note, extras=extras)
    )


def markdown_chunks(
    index: TimelineIndex,
    positions: Sequence[int] | None = None,
    *,
    filter_text: str = "",
    note: ExportNote = NO_NOTE,
    extras: Extras = NO_EXTRAS,
) -> Iterator[str]:
    """The same document in pieces, so that a big export is written without being held whole."""
    pending_blanks = 0
    chunk: list[str] = []
    for line in _document_lines(index, positions, filter_text, note, extras):
        if not line:
            pending_blanks += 1  # trailing blank lines are dropped at the end
            continue
        chunk.append("\n" * pending_blanks + line + "\n")
        pending_blanks = 0
        if len(chunk) >= 2000:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)


def _document_lines(
    index: TimelineIndex,
    positions: Sequence[int] | None,
    filter_text: str,
    note: ExportNote,
    extras: Extras = NO_EXTRAS,
) -> Iterator[str]:
    timeline = index.timeline
    positions = range(len(index)) if positions is None else positions
    events = [index.events[p] for p in positions]
    cited = _cited_sources(index, events)
    yield from (f"# {inline(timeline.title)}", "")
    # Optional text of only spaces and line breaks is left out as if missing.
    if timeline.description and (description := _paragraphs(timeline.description)):
        yield from (*description, "")
    if timeline.media is not None:
        yield from (f"*Media:* {_media_text(timeline.media)}", "")
    yield from (f"> {_header(index, len(events), filter_text, note)}", "")
    if legend := _date_legend(events):
        yield from (legend, "")
    # Names recur in thousands of events: escape each one once.
    names = {e.id: inline(e.name) for e in timeline.entities}
    marks = extras.marks
    if marks is not None:
        yield from _marks_legend(marks, events)
    for heading, members in groupby(events, key=_section):
        yield from (f"## {inline(heading)}", "")
        for event in members:
            yield from _event_lines(event, cited, names, marks)
    yield from _entity_index(index, events)
    if extras.connections:
        yield from _connection_table(index, positions)
    yield from _source_list(cited)


def _header(index: TimelineIndex, count: int, filter_text: str, note: ExportNote) -> str:
    """ "Events involving X: 12 of 34 events, exported 4 Dec 2026 from timeline.yaml." """
    total = f"{len(index):,} event{'' if len(index) == 1 else 's'}"
    if filter_text.strip():
        said = f"{inline(describe_filter(index, filter_text))}: {count:,} of {total}"
    elif not len(index):
        said = "No events"
    elif count == len(index):
        said = f"All {total}"
    else:  # a selection made without filter text
        said = f"{count:,} of {total}"
    if note.exported_on is not None:
        day = PartialDate(note.exported_on.year, note.exported_on.month, note.exported_on.day)
        said += f", exported {day.display()}"
        if note.source_name:
            said += f" from {inline(note.source_name)}"
    elif note.source_name:
        said += f", from {inline(note.source_name)}"
    return said + "."


def _section(event: Event) -> str:
    """The heading an event goes under: its start's year, or its decade or
    century (198X, 19XX) when that is all the date says: it is not in 1980."""
    date = event.date
    if date.last_year != date.year:
        return _year_heading(date.year, date.unspecified)
    return _year_heading(date.year, Unspecified.NONE)


@lru_cache(maxsize=1024)
def _year_heading(year: int, unspecified: Unspecified) -> str:
    # Once a year, not once an event: 100,000 events share a few hundred years.
    return PartialDate(year, unspecified=unspecified).display()


def _date_legend(events: Sequence[Event]) -> str:
    """What "c.", "?", X and the ends without a date mean, said once when the document has them."""
    dates = [d for e in events for d in (e.date, e.end, e.reported) if d is not None]
    approximate = any(d.approximate for d in dates)
    uncertain = any(d.uncertain for d in dates)
    said = []
    if approximate and uncertain:
        said.append("Dates marked c. are approximate; dates ending in ? are uncertain.")
    elif approximate:
        said.append("Dates marked c. are approximate.")
    elif uncertain:
        said.append("Dates ending in ? are uncertain.")
    # Only a decade or century shows its X; a month or day not given shows as
    # the coarser date ("Apr 1985"), which needs no word.
    if any(d.last_year != d.year for d in dates):
        said.append("In a year such as 198X or 19XX, X stands for a digit not given.")
    ends = {e.open_end for e in events} - {None}
    if ends == {OpenEnd.ONGOING}:
        said.append("A period shown as ongoing has no end yet.")
    elif ends == {OpenEnd.UNKNOWN}:
        said.append("A period ending in unknown ended at a time not known.")
    elif ends:
        said.append(
            "A period shown as ongoing has no end yet; one ending in unknown ended"
            " at a time not known."
        )
    return f"*{' '.join(said)}*" if said else ""


def _cited_sources(index: TimelineIndex, events: list[Event]) -> dict[str, tuple[int, Source]]:
    """Cited sources in order of first citation, numbered from 1."""
    cited: dict[str, tuple[int, Source]] = {}
    for event in events:
        for source in index.sources_of(event):
            if source.id not in cited:
                cited[source.id] = (len(cited) + 1, source)
    return cited


def _paragraphs(text: str, indent: str = "") -> list[str]:
    """Text with its line breaks kept: a blank line between paragraphs, a hard
    break (a trailing backslash) between lines of one; `indent` puts it under a
    list item."""
    if "\n" not in text:  # most summaries: one line, no splitting to do
        line = inline(text)
        return [indent + line] if line else []
    lines: list[str] = []
    for paragraph in re.split(r"\n[ \t]*\n", text):
        rows = [row for line in paragraph.split("\n") if (row := inline(line))]
        if rows:
            if lines:
                lines.append("")
            lines.append(indent + f"\\\n{indent}".join(rows))
    return lines


def _media_text(media: Media) -> str:
    """ "[caption](url) — credit": a link only to a url made safe; else the words alone."""
    label = next((inline(t) for t in (media.caption, media.alt) if t and inline(t)), "")
    url = safe_media_url(media.url)
    if url is None:
        # Not a link, but the reader still learns what was there.
        text = f"{label} ({inline(media.url)})" if label else inline(media.url)
    else:
        text = f"[{label or inline(media.url)}]({url})"
    if media.credit and (credit := inline(media.credit)):
        text += f" — {credit}"
    return text


def _event_lines(
    event: Event,
    cited: dict[str, tuple[int, Source]],
    names: dict[str, str],
    marks: Marks | None = None,
) -> list[str]:
    notes = "".join(f"[^{cited[s][0]}]" for s in event.sources if s in cited)
    star = "★ " if marks is not None and marks.is_starred(event.id) else ""
    shown = _shown_as(event)
    lines = [f"- {star}**{inline(event.when)}**{shown} — **{inline(event.title)}**{notes}"]
    if event.summary:
        lines += _paragraphs(event.summary, "  ")
    if event.media is not None:
        lines.append(f"  *Media:* {_media_text(event.media)}")
    involved = [names[i] for i in event.entities if i in names]
    if event.place is not None and event.place not in event.entities and event.place in names:
        involved.append(names[event.place])
    if involved:
        lines.append(f"  *Involves:* {', '.join(involved)}")
    if event.reported:
        lines.append(f"  *First reported:* {inline(event.reported.display())}")
    if event.note and (note := inline(event.note)):
        lines.append(f"  *Note:* {note}")
    own = None if marks is None else marks.note(event.id)
    if own and (own_note := inline(own)):
        lines.append(f"  *My note:* {own_note}")
    lines.append("")
    return lines


def _shown_as(event: Event) -> str:
    """' (shown as “13 сентября”)' where the date readers see is not ours, else ""."""
    if not event.display_date:
        return ""
    shown = inline(event.display_date)
    return f" (shown as “{shown}”)" if shown and shown != inline(event.when) else ""


def _entity_index(index: TimelineIndex, events: Sequence[Event]) -> list[str]:
    """Each entity of the document with its events' dates (the first `INDEX_DATES`)."""
    dates: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    for event in events:
        for entity_id in event.entity_ids:
            counts[entity_id] = counts.get(entity_id, 0) + 1
            listed = dates.setdefault(entity_id, [])
            if len(listed) < INDEX_DATES:
                listed.append(inline(event.when))
    if not counts:
        return []
    lines = ["## Entities", ""]
    for kind, members in index.entities_by_kind().items():
        present = [e for e in members if e.id in counts]
        if not present:
            continue
        lines += [f"### {KIND_TITLES[kind]}", ""]
        for entity in present:
            aliases = [alias for alias in map(inline, entity.aliases) if alias]
            also = f" (also {', '.join(aliases)})" if aliases else ""
            n = counts[entity.id]
            when = ", ".join(dates[entity.id])
            if n > INDEX_DATES:
                when += f" and {n - INDEX_DATES:,} more"
            events_word = f"{n:,} event{'s' if n != 1 else ''}"
            lines.append(f"- **{inline(entity.name)}**{also}: {events_word} ({when})")
        lines.append("")
    assert set(KIND_TITLES) == set(ENTITY_KINDS)
    return lines


def _marks_legend(marks: Marks, events: Sequence[Event]) -> list[str]:
    """Said once, when the document carries the reader's own marks."""
    starred = sum(1 for e in events if marks.is_starred(e.id))
    noted = sum(1 for e in events if marks.note(e.id))
    if not starred and not noted:
        return []
    parts = []
    if starred:
        parts.append(f"★ marks the events I starred ({starred:,})")
    if noted:
        parts.append(f"lines headed My note are my own notes ({noted:,})")
    return [f"*{'; '.join(parts)}. Neither is part of the timeline.*", ""]


def _connection_table(index: TimelineIndex, positions: Sequence[int]) -> list[str]:
    """Who appears with whom among the exported events: the entities of most events,
    each with the entities it shares most of them with."""
    rows = appears_with(index, positions, rows=CONNECTION_ROWS, per_row=CONNECTIONS_PER_ROW)
    if not rows:
        return []
    lines = [
        "## Who appears with whom",
        "",
        "| Entity | Events | Appears with (shared events) |",
        "| --- | ---: | --- |",
    ]
    for row in rows:
        companions = ", ".join(f"{inline(c.entity.name)} ({c.shared:,})" for c in row.top)
        if row.more:
            companions += f" and {row.more:,} more"
        lines.append(f"| {inline(row.entity.name)} | {row.events:,} | {companions} |")
    lines.append("")
    return lines


def _source_list(cited: dict[str, tuple[int, Source]]) -> Iterator[str]:
    """The sources, once, as the footnotes the events point to; line by line
    (140,000 cited sources were 50 MB of lines held at once)."""
    if not cited:
        return
    yield from ("## Sources", "")
    for number, source in cited.values():
        yield f"[^{number}]: {_source_text(source)}"


def _source_text(source: Source) -> str:
    parts = [inline(source.title)]
    if source.publisher and (publisher := inline(source.publisher)):
        parts.append(publisher)
    if source.published:
        parts.append(inline(source.published.display()))
    text = ", ".join(parts)
    url = safe_url(source.url) if source.url else None
    return f"{text}. <{url}>" if url else f"{text}."

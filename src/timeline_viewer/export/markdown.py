"""A Markdown timeline: year sections, footnoted sources, an entity index.

The output is CommonMark with GFM footnotes. Every piece of data text goes
through `inline`, so a title can neither break the document nor inject HTML,
images or links; the only links are the source URLs the data declares.
Deterministic: the same timeline and selection give byte-identical text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from timeline_viewer.domain.dates import PartialDate
from timeline_viewer.domain.markdown_text import inline, safe_url
from timeline_viewer.domain.model import ENTITY_KINDS, Event, Source
from timeline_viewer.query.index import TimelineIndex, group_by_year

_KIND_TITLES = {
    "person": "People",
    "organization": "Organisations",
    "place": "Places",
    "other": "Other",
}


def export_markdown(
    index: TimelineIndex,
    positions: Sequence[int] | None = None,
    *,
    filter_text: str = "",
) -> str:
    """The Markdown document of the events at `positions` (all events if None)."""
    return "".join(markdown_chunks(index, positions, filter_text=filter_text))


def markdown_chunks(
    index: TimelineIndex,
    positions: Sequence[int] | None = None,
    *,
    filter_text: str = "",
) -> Iterator[str]:
    """The same document in pieces, so that a big export is written without being held whole."""
    pending_blanks = 0
    chunk: list[str] = []
    for line in _document_lines(index, positions, filter_text):
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
    index: TimelineIndex, positions: Sequence[int] | None, filter_text: str
) -> Iterator[str]:
    timeline = index.timeline
    events = [index.events[p] for p in (range(len(index)) if positions is None else positions)]
    cited = _cited_sources(index, events)
    yield from (f"# {inline(timeline.title)}", "")
    # Optional text of only spaces and line breaks is left out as if missing.
    if timeline.description and (description := inline(timeline.description)):
        yield from (description, "")
    total = f"{len(index)} event{'' if len(index) == 1 else 's'}"
    count = f"{len(events)} of {total}"
    if filter_text.strip():
        yield from (f"> Filter: {inline(filter_text.strip())} ({count})", "")
    elif not len(index):
        yield from ("> No events.", "")
    elif len(events) == len(index):
        yield from (f"> All {total}.", "")
    else:  # a selection made without filter text
        yield from (f"> {count}.", "")
    # Names recur in thousands of events: escape each one once.
    names = {e.id: inline(e.name) for e in timeline.entities}
    for year, members in group_by_year(events):
        yield from (f"## {inline(PartialDate(year).display())}", "")
        for event in members:
            yield from _event_lines(event, cited, names)
    yield from _entity_index(index, positions)
    yield from _source_list(cited)


def _cited_sources(index: TimelineIndex, events: list[Event]) -> dict[str, tuple[int, Source]]:
    """Cited sources in order of first citation, numbered from 1."""
    cited: dict[str, tuple[int, Source]] = {}
    for event in events:
        for source in index.sources_of(event):
            if source.id not in cited:
                cited[source.id] = (len(cited) + 1, source)
    return cited


def _event_lines(
    event: Event, cited: dict[str, tuple[int, Source]], names: dict[str, str]
) -> list[str]:
    notes = "".join(f"[^{cited[s][0]}]" for s in event.sources if s in cited)
    lines = [f"- **{inline(event.when)}** — **{inline(event.title)}**{notes}"]
    if event.summary and (summary := inline(event.summary)):
        lines.append(f"  {summary}")
    involved = [names[i] for i in event.entities if i in names]
    if event.place is not None and event.place not in event.entities and event.place in names:
        involved.append(names[event.place])
    if involved:
        lines.append(f"  *Involves:* {', '.join(involved)}")
    if event.reported:
        lines.append(f"  *First reported:* {inline(event.reported.display())}")
    if event.note and (note := inline(event.note)):
        lines.append(f"  *Note:* {note}")
    lines.append("")
    return lines


def _entity_index(index: TimelineIndex, positions: Sequence[int] | None) -> list[str]:
    counts = index.entity_counts(positions)
    if not counts:
        return []
    lines = ["## Entities", ""]
    for kind, members in index.entities_by_kind().items():
        present = [e for e in members if e.id in counts]
        if not present:
            continue
        lines += [f"### {_KIND_TITLES[kind]}", ""]
        for entity in present:
            aliases = [alias for alias in map(inline, entity.aliases) if alias]
            also = f" (also {', '.join(aliases)})" if aliases else ""
            n = counts[entity.id]
            lines.append(f"- **{inline(entity.name)}**{also}: {n} event{'s' if n != 1 else ''}")
        lines.append("")
    assert set(_KIND_TITLES) == set(ENTITY_KINDS)
    return lines


def _source_list(cited: dict[str, tuple[int, Source]]) -> Iterator[str]:
    """Line by line: 140,000 cited sources, twice, were 50 MB of lines held at once."""
    if not cited:
        return
    yield from ("## Sources", "")
    for number, source in cited.values():
        yield f"{number}. {_source_text(source)}"
    yield ""
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

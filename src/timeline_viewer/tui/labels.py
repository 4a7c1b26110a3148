"""Rich `Text` for the things the TUI shows: rows, entity labels, detail lines.

Every piece of data text goes through `terminal_text` (`literal`/`one_line`),
so no title or name is ever parsed as markup; only our own fixed words are
added around it, as plain `Text` too.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from timeline_viewer.domain.model import Entity, EntityKind, Event, Source
from timeline_viewer.domain.text import sanitize, single_line
from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.terminal_text import cut, gap, join, literal, one_line

KIND_TITLES: dict[EntityKind, str] = {
    "person": "People",
    "organization": "Organisations",
    "place": "Places",
    "other": "Other",
}
KIND_NAMES: dict[EntityKind, str] = {
    "person": "person",
    "organization": "organisation",
    "place": "place",
    "other": "other",
}


def fixed(value: str, style: str = "") -> Text:
    """Our own words (never data), as Text so that no markup applies either."""
    return Text(value, style=style)


def entity_label_parts(entity: Entity, count: int | None, width: int) -> tuple[str, str]:
    """The name, cut to leave room for the count within `width`, and the count (" 12").

    Without a count (not known yet) the count is "" and the name is cut the same way.
    """
    number = "" if count is None else f" {count}"
    return cut(entity.name, max(width - len(number), 4)), number


def kind_label_parts(kind: EntityKind, members: int) -> tuple[str, str]:
    """ "People" and " 29": a kind's title (shown bold) and its number of entities (dim)."""
    return KIND_TITLES[kind], f" {members}"


def entity_names(index: TimelineIndex, event: Event, width: int) -> str:
    """The event's entity names joined, for the list's last column (sanitised and cut
    to `width` later): only as many as are sure to fill it, not 50,000 names joined
    for a column of 36 cells on every draw of the row."""
    names: list[str] = []
    cells, check = 0, width + 1
    for entity_id in event.entity_ids:
        entity = index.entity_by_id.get(entity_id)
        if entity is None:
            continue
        names.append(entity.name)
        cells += cell_len(entity.name) + 2
        if cells > check:
            # Whitespace runs become one space when shown: measure what is.
            if cell_len(single_line(sanitize(", ".join(names)))) > width:
                break
            check *= 2
    return ", ".join(names)


def event_row(
    index: TimelineIndex,
    event: Event,
    width: int,
    date_width: int,
    *,
    with_entities: bool,
    date_style: Style,
    names_style: Style,
    title_style: Style | None = None,
) -> list[Segment]:
    """One line of the event list: date as written, title, and (if room) entity names.

    Segments, not a `Text`: a list of 100,000 events draws a page of these on
    every scroll, and laying out a `Text` costs several times more.
    """
    date = cut(event.when, date_width)
    line = [
        Segment(" "),
        Segment(date, date_style),
        Segment(gap(date, date_width)),
    ]
    rest = max(width - date_width - 3, 1)
    if with_entities and rest >= 40:
        names_width = min(36, rest // 3)
        title_width = rest - names_width - 2
        title = cut(event.title, title_width)
        names = cut(entity_names(index, event, names_width), names_width)
        line += [
            Segment("  "),
            Segment(title, title_style),
            Segment(gap(title, title_width)),
            Segment("  "),
            Segment(names, names_style),
        ]
    else:
        line += [Segment("  "), Segment(cut(event.title, rest), title_style)]
    return line


def event_heading(event: Event) -> Text:
    return literal(event.title, "bold")


def source_line(source: Source) -> Text:
    """ "Title, Publisher, 27 Feb 2025" then the URL on its own line if any."""
    parts = [literal(source.title, "italic")]
    if source.publisher:
        parts.append(literal(source.publisher))
    if source.published:
        parts.append(literal(source.published.display()))
    text = join(parts)
    if source.url:
        text.append("\n  ")
        text.append_text(literal(source.url, "underline"))
    return text


def related_label(event: Event) -> Text:
    return Text.assemble(one_line(event.when, "dim"), "  ", one_line(event.title))


def entity_option(entity: Entity, suffix: str = "") -> Text:
    text = Text.assemble(one_line(entity.name), fixed(f"  {KIND_NAMES[entity.kind]}", "dim"))
    if suffix:
        text.append_text(fixed(f"  {suffix}", "dim"))
    return text

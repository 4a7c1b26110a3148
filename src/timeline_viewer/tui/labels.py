"""Rich `Text` for the things the TUI shows: rows, entity labels, detail lines.

Every piece of data text goes through `terminal_text` (`literal`/`one_line`),
so no title or name is ever parsed as markup; only our own fixed words are
added around it, as plain `Text` too.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from timeline_viewer.domain.model import KIND_TITLES, Entity, EntityKind, Event, Source
from timeline_viewer.query.browse import row_entity_names
from timeline_viewer.query.highlight import Span, word_spans
from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.terminal_text import cut, gap, join, literal, one_line, shown_line

KIND_NAMES: dict[EntityKind, str] = {
    "person": "person",
    "organization": "organisation",
    "place": "place",
    "other": "other",
}


def fixed(value: str, style: str = "") -> Text:
    """Our own words (never data), as Text so that no markup applies either."""
    return Text(value, style=style)


def kind_label_parts(kind: EntityKind, members: int) -> tuple[str, str]:
    """ "People" and " 29": a kind's title (shown bold) and its number of entities (dim)."""
    return KIND_TITLES[kind], f" {members}"


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
    first: AbstractSet[str] = frozenset(),
    leave_out: str | None = None,
    words: Sequence[str] = (),
    word_style: Style | None = None,
    mark: str = " ",
    mark_style: Style | None = None,
) -> list[Segment]:
    """One line of the event list: date as written, title, and (if room) entity names.

    `words`: the filter's words (`highlight_words`), shown in `word_style`
    where they occur in the title. `mark`: one cell before the date, the
    user's own mark on the event (★ starred, ✎ a note of theirs) or a space.

    Segments, not a `Text`: a list of 100,000 events draws a page of these on
    every scroll, and laying out a `Text` costs several times more.
    """
    date = cut(event.when, date_width)
    line = [
        # A blank mark unstyled: rows without marks draw as they always did.
        Segment(mark, mark_style if mark != " " else None),
        Segment(date, date_style),
        Segment(gap(date, date_width)),
    ]
    rest = max(width - date_width - 3, 1)
    if with_entities and rest >= 40:
        names_width = min(36, rest // 3)
        title_width = rest - names_width - 2
        title = cut(event.title, title_width)
        names = cut(row_entity_names(index, event, first, leave_out), names_width)
        line += [
            Segment("  "),
            *_title_segments(event, title, title_style, words, word_style),
            Segment(gap(title, title_width)),
            Segment("  "),
            Segment(names, names_style),
        ]
    else:
        title = cut(event.title, rest)
        line += [Segment("  "), *_title_segments(event, title, title_style, words, word_style)]
    return line


def _title_segments(
    event: Event,
    title: str,
    style: Style | None,
    words: Sequence[str],
    word_style: Style | None,
) -> list[Segment]:
    """The title as cut for the row, the filter's words in it marked."""
    if not words or word_style is None:
        return [Segment(title, style)]
    full = shown_line(event.title)
    spans = word_spans(full, words)
    if not spans:
        return [Segment(title, style)]
    # Marks only over what is shown as it is (not the ellipsis of a cut title).
    same = 0
    for ours, theirs in zip(title, full, strict=False):
        if ours != theirs:
            break
        same += 1
    marked = style + word_style if style is not None else word_style
    segments: list[Segment] = []
    at = 0
    for start, end in spans:
        start, end = min(start, same), min(end, same)
        if start >= end:
            break
        if start > at:
            segments.append(Segment(title[at:start], style))
        segments.append(Segment(title[start:end], marked))
        at = end
    if at < len(title):
        segments.append(Segment(title[at:], style))
    return segments


def mark_words(text: Text, words: Sequence[str], style: Style | str) -> Text:
    """`text` with the filter's `words` styled where they occur (in place; returned)."""
    spans: list[Span] = word_spans(text.plain, words) if words else []
    for start, end in spans:
        text.stylize(style, start, end)
    return text


def event_heading(event: Event) -> Text:
    return literal(event.title, "bold")


def source_line(source: Source, number: int) -> Text:
    """ "2  Title, Publisher, 27 Feb 2025" then the URL on its own line if any.

    Numbered as `source_links` numbers them: `o` then the number opens it.
    """
    parts = [literal(source.title, "italic")]
    if source.publisher:
        parts.append(literal(source.publisher))
    if source.published:
        parts.append(literal(source.published.display()))
    label = f"{number}  "
    text = Text.assemble(fixed(label, "bold"), join(parts))
    if source.url:
        text.append("\n" + " " * len(label))
        text.append_text(literal(source.url, "underline"))
    return text


def related_label(event: Event) -> Text:
    return Text.assemble(one_line(event.when, "dim"), "  ", one_line(event.title))


def entity_option(entity: Entity, suffix: str = "") -> Text:
    text = Text.assemble(one_line(entity.name), fixed(f"  {KIND_NAMES[entity.kind]}", "dim"))
    if suffix:
        text.append_text(fixed(f"  {suffix}", "dim"))
    return text

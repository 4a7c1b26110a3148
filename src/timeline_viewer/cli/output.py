"""What the headless commands print: tables for people, plain lines for pipes, JSON for scripts.

All data text passes through `terminal_text`, so nothing in a file can style,
move or retitle the user's terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence

import msgspec
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from timeline_viewer.domain.dates import describe_period
from timeline_viewer.domain.model import Entity, Event
from timeline_viewer.export.json_records import entity_record, event_record, source_record
from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.terminal_text import join, literal, one_line, plain


def _console() -> Console:
    # markup/emoji/highlight off: data is shown as written. Rich honours NO_COLOR.
    return Console(highlight=False, emoji=False, markup=False)


def _print_json(value: object) -> None:
    sys.stdout.write(msgspec.json.format(msgspec.json.encode(value), indent=2).decode() + "\n")


def print_events(index: TimelineIndex, positions: Sequence[int], form: str) -> None:
    events = [index.events[p] for p in positions]
    if form == "json":
        _print_json([event_record(e) for e in events])
        return
    if form == "plain":
        for event in events:
            names = ", ".join(e.name for e in index.entities_of(event))
            sys.stdout.write(
                plain(f"{event.when}\t{event.id}\t{_flat(event.title)}\t{_flat(names)}") + "\n"
            )
        return
    table = Table(
        title=literal(index.timeline.title), caption=f"{len(events)} of {len(index)} events"
    )
    table.add_column("Date", no_wrap=True, style="cyan")
    table.add_column("Event", ratio=3)
    table.add_column("Entities", ratio=2, style="dim")
    for event in events:
        table.add_row(literal(event.when), literal(event.title), _names(index, event))
    _console().print(table)


def print_entities(index: TimelineIndex, positions: Sequence[int] | None, form: str) -> None:
    counts = index.entity_counts(positions)
    groups = [
        (kind, [e for e in members if positions is None or e.id in counts])
        for kind, members in index.entities_by_kind().items()
    ]
    if form == "json":
        _print_json(
            [entity_record(e, counts.get(e.id, 0)) for _, members in groups for e in members]
        )
        return
    if form == "plain":
        for kind, members in groups:
            for entity in members:
                line = f"{entity.id}\t{kind}\t{counts.get(entity.id, 0)}\t{_flat(entity.name)}"
                sys.stdout.write(plain(line) + "\n")
        return
    table = Table(title=literal(index.timeline.title))
    table.add_column("Kind", style="magenta", no_wrap=True)
    table.add_column("Id", style="cyan", no_wrap=True)
    table.add_column("Name")
    table.add_column("Events", justify="right")
    for kind, members in groups:
        for entity in members:
            table.add_row(
                kind, literal(entity.id), literal(entity.name), str(counts.get(entity.id, 0))
            )
    _console().print(table)


def print_event(index: TimelineIndex, event: Event, form: str) -> None:
    if form == "json":
        record = event_record(event)
        record["sources"] = [source_record(s) for s in index.sources_of(event)]
        _print_json(record)
        return
    out = _console()
    out.print(literal(event.title, style="bold"))
    out.print(_field("Date", describe_period(event.date, event.end, event.open_end)))
    if event.reported:
        out.print(_field("Reported", event.reported.describe()))
    if event.place and (place := index.entity(event.place)):
        out.print(_field("Place", place.name))
    entities = [e for e in index.entities_of(event) if e.id != event.place]
    if entities:
        out.print(_field("Entities", ", ".join(f"{e.name} ({e.id})" for e in entities)))
    if event.tags:
        out.print(_field("Tags", ", ".join(event.tags)))
    out.print(_field("Id", event.id))
    if event.summary:
        out.print()
        out.print(literal(event.summary))
    if event.note:
        out.print()
        out.print(_field("Note", event.note))
    sources = index.sources_of(event)
    if sources:
        out.print()
        out.print(Text("Sources", style="bold"))
        _print_lines(
            out,
            (
                Text("  - ")
                .append(literal(source.title))
                .append(literal(f"  {source.url}", style="blue") if source.url else Text(""))
                for source in sources
            ),
        )


def print_entity(index: TimelineIndex, entity: Entity, form: str) -> None:
    positions = index.positions_of(entity.id)
    if form == "json":
        record = entity_record(entity, len(positions))
        record["event_ids"] = [index.events[p].id for p in positions]
        _print_json(record)
        return
    out = _console()
    out.print(literal(entity.name, style="bold"))
    out.print(_field("Kind", entity.kind))
    out.print(_field("Id", entity.id))
    if entity.aliases:
        out.print(_field("Also", ", ".join(entity.aliases)))
    _print_lines(
        out,
        (
            _field(r.relation, other.name if (other := index.entity(r.entity)) else r.entity)
            for r in entity.related
        ),
    )
    if entity.summary:
        out.print()
        out.print(literal(entity.summary))
    out.print()
    out.print(Text(f"Events ({len(positions)})", style="bold"))
    _print_lines(
        out,
        (
            Text("  ")
            .append(literal(event.when, style="cyan"))
            .append("  ")
            .append(one_line(event.title))
            for event in (index.events[position] for position in positions)
        ),
    )
    from timeline_viewer.query.connections import connections

    # The ranking of `timeline connections` and the TUI's card: most shared, then name.
    shared = [(c.entity, c.shared) for c in connections(index, entity.id)[:MOST_OFTEN_WITH]]
    if shared:
        out.print()
        out.print(Text("Most often with", style="bold"))
        _print_lines(
            out,
            (
                Text("  ")
                .append(literal(other.name))
                .append(f"  {count} event{'s' if count != 1 else ''}", style="dim")
                for other, count in shared
            ),
        )


# The companions `timeline entity` lists; `timeline connections` lists them all.
MOST_OFTEN_WITH = 5

# Lines printed per call: a print costs Rich a fifth of a millisecond however
# short its text, so 50,000 sources printed one by one took 10 s.
PRINT_BATCH = 2000


def _print_lines(out: Console, lines: Iterable[Text]) -> None:
    """Print each text on a line of its own, as Rich prints it, a batch at a time.

    Where Rich would write a line as it is (no colours, as into a pipe: the
    line fits the width and holds nothing Rich changes), it is written so
    directly: Rich's wrapping costs some 40 microseconds a line, which for
    the 100,000 events of one entity is 4 s.
    """
    direct = out.color_system is None
    width = out.width
    batch: list[Text] = []
    written: list[str] = []

    def flush() -> None:
        if batch:
            out.print(Text("\n").join(batch))
            batch.clear()
        if written:
            out.file.write("".join(written))
            written.clear()

    for line in lines:
        text = line.plain
        if direct and _as_is(text, width):
            if batch:
                flush()
            written.append(text + "\n")
        else:
            if written:
                flush()
            batch.append(line)
        if len(batch) + len(written) >= PRINT_BATCH:
            flush()
    flush()


def _as_is(text: str, width: int) -> bool:
    """True if Rich prints `text` unchanged: printable (no tab to expand, no
    control or zero-width character), no trailing space, nothing to wrap."""
    return text.isprintable() and not text.endswith(" ") and cell_len(text) <= width


def _names(index: TimelineIndex, event: Event, most: int = 3) -> Text:
    entities = index.entities_of(event)
    text = join([literal(e.name) for e in entities[:most]])
    if len(entities) > most:
        text.append(f" +{len(entities) - most} more")
    return text


def _field(label: str, value: str) -> Text:
    return Text(f"{label}: ", style="bold").append(literal(value))


def _flat(value: str) -> str:
    # Tabs and newlines would break the one-record-per-line plain format.
    return " ".join(value.split())


def print_connections(
    index: TimelineIndex,
    entity: Entity,
    within: Sequence[int] | None,
    form: str,
    filter_text: str = "",
) -> None:
    """The entities sharing events with `entity` (among `within`, if given), most shared first,
    each with the ids of the events they share (JSON), or the filter that lists them (table);
    `plain`: a line each, count, id, name and kind, tab-separated."""
    from timeline_viewer.query.connections import connections, shared_filter, shared_positions

    among = None if within is None else frozenset(within)
    found = connections(index, entity.id, among)
    if form == "json":
        records = [
            {
                "id": connection.entity.id,
                "name": connection.entity.name,
                "kind": connection.entity.kind,
                "shared": connection.shared,
                "event_ids": [
                    index.events[p].id
                    for p in shared_positions(index, entity.id, connection.entity.id)
                    if among is None or p in among
                ],
            }
            for connection in found
        ]
        _print_json({"entity": entity.id, "filter": filter_text, "connections": records})
        return
    if form == "plain":  # one connection a line, as `list` prints into a pipe
        sys.stdout.write(
            "".join(
                plain(f"{c.shared}\t{c.entity.id}\t{_flat(c.entity.name)}\t{c.entity.kind}") + "\n"
                for c in found
            )
        )
        return
    out = _console()
    heading = Text("Who appears with ", style="bold").append(literal(entity.name, style="bold"))
    heading.append(f" ({len(found):,} {'entity' if len(found) == 1 else 'entities'}")
    heading.append(f", among events matching {filter_text})" if filter_text else ")")
    # Not wrapped: a filter or a command cut in two could not be copied back.
    out.print(heading, soft_wrap=True)
    if not found:
        out.print(Text("  no entity shares an event with it", style="dim"))
        return
    width = len(f"{found[0].shared:,}")
    _print_lines(
        out,
        (
            Text(f"  {c.shared:>{width},}  ")
            .append(literal(c.entity.name))
            .append(f"  {c.entity.kind}  ", style="dim")
            .append(literal(c.entity.id, style="cyan"))
            for c in found
        ),
    )
    example = shared_filter(entity.id, found[0].entity.id)
    out.print()
    hint = Text("The events two share: ", style="dim")
    out.print(hint.append(literal(f'timeline list -q "{example}"')), soft_wrap=True)

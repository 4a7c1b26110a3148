"""What the browser shows, as plain values: the view, its cursor moves, the time rail.

The TUI holds no domain logic: which events a view lists, where the cursor
lands after a re-filter, which row `n`, `]` or "next decade" go to, and how
the time rail is drawn are decided here, on positions in `TimelineIndex.events`,
and tested without any UI. No Textual or Rich import belongs in this module.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from functools import cached_property
from itertools import compress, pairwise

import msgspec

from timeline_viewer.domain.dates import OpenEnd, PartialDate
from timeline_viewer.domain.model import ENTITY_KINDS, Entity, EntityKind, Event, Source
from timeline_viewer.query import bitset
from timeline_viewer.query.connections import connections
from timeline_viewer.query.index import TimelineIndex, fraction_in_span
from timeline_viewer.query.language import Query, QueryError, parse_query
from timeline_viewer.query.marks import NO_MARKS, Marks

# Eighths of a cell, from empty to full: the rail's density bars.
BAR_LEVELS = " ▁▂▃▄▅▆▇█"
# Year steps tried for the axis labels, smallest first.
_AXIS_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000)


def index_in(ascending: Sequence[int], value: int) -> int | None:
    """Where `value` is in `ascending` (found by bisection), or None if it is not there."""
    at = bisect_left(ascending, value)
    return at if at < len(ascending) and ascending[at] == value else None


def plural(count: int, noun: str) -> str:
    """ "1 event", "12,345 events"."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


class BrowseView(msgspec.Struct, frozen=True, eq=False):
    """The events a list shows: optionally one entity's, narrowed by a filter.

    A filter that does not parse keeps the last good result and carries the
    error message, so typing through a half-written query never empties the list.
    `positions` is chronological and never changed in place; the whole
    timeline is a `range`, so that clearing the filter copies nothing.
    """

    index: TimelineIndex
    entity_id: str | None = None
    filter_text: str = ""
    query: Query = msgspec.field(default_factory=Query)
    positions: Sequence[int] = ()
    error: str | None = None
    # The user's stars and notes, for `starred` and `note:` in the filter.
    marks: Marks = NO_MARKS

    @classmethod
    def of(
        cls, index: TimelineIndex, entity_id: str | None = None, marks: Marks = NO_MARKS
    ) -> BrowseView:
        """The unfiltered view of the whole timeline, or of one entity's events."""
        view = cls(index, entity_id, marks=marks)
        return msgspec.structs.replace(view, positions=view.scope)

    @property
    def scope(self) -> Sequence[int]:
        """The events before filtering."""
        if self.entity_id:
            return self.index.positions_of(self.entity_id)
        return range(len(self.index))

    @property
    def total(self) -> int:
        return len(self.scope)

    @property
    def is_filtered(self) -> bool:
        return not self.query.is_empty

    def filtered(self, text: str) -> BrowseView:
        """This view with `text` as its filter (the last good result if it does not parse)."""
        try:
            query = parse_query(text)
        except QueryError as error:
            return msgspec.structs.replace(self, filter_text=text, error=str(error))
        if query.is_empty:
            positions: Sequence[int] = self.scope
        else:
            # The selection is a new list, ours alone: kept as it is, not copied.
            within = None if self.entity_id is None else self.scope
            positions = query.select(self.index, within, self.marks)
        return msgspec.structs.replace(
            self, filter_text=text, query=query, positions=positions, error=None
        )

    def with_marks(self, marks: Marks) -> BrowseView:
        """This view with changed marks: filtered again if its filter asks about them."""
        view = msgspec.structs.replace(self, marks=marks)
        if self.query.uses_marks:
            view = msgspec.structs.replace(
                view.filtered(self.query.text), filter_text=self.filter_text, error=self.error
            )
        return view

    def count_label(self) -> str:
        """ "7 of 24 events"."""
        return f"{len(self.positions):,} of {plural(self.total, 'event')}"

    def empty_message(self) -> str | None:
        """What an empty list says, or None if it is not empty."""
        if self.positions:
            return None
        if self.total == 0:
            if self.entity_id is not None:
                return "This entity has no events"
            return "This timeline has no events"
        return "No events match"

    def row_of(self, position: int) -> int | None:
        """The row showing the event at `position`, if this view shows it."""
        return index_in(self.positions, position)

    def position_at(self, row: int) -> int | None:
        return self.positions[row] if 0 <= row < len(self.positions) else None

    def rebased(self, index: TimelineIndex) -> BrowseView:
        """This view over a reloaded timeline: the same entity, filter and filter error.

        The entity must still be in `index` (else the view is of no events). A
        filter that does not parse keeps its message over the last good filter's
        result, as it did before the reload.
        """
        view = BrowseView.of(index, self.entity_id, self.marks)
        if self.is_filtered:
            view = view.filtered(self.query.text)
        if self.filter_text != view.filter_text:
            view = view.filtered(self.filter_text)
        return view


# Events per step of the work done once over every event (a few milliseconds).
_STEP = 10_000


def _no_pause() -> None:
    pass


def _year_number(year: int, month: int, day: int) -> float:
    """A day as a fractional year: the same arithmetic as `index.time_span`."""
    return year + (month - 1) / 12 + (day - 1) / 372


def date_column_width(events: Sequence[Event], widest: int = 24) -> int:
    """Cells for the list's date column: the longest date as shown, up to `widest`."""
    return min(max((len(event.when) for event in events), default=4), widest)


class TimelineFacts(msgspec.Struct, frozen=True, eq=False):
    """What the browser draws that takes a pass over every event, computed together once.

    For a big timeline the TUI builds this off the UI thread, after the first
    rows are on screen, and fills in the time rail, the entity counts and the
    related events when it is ready.
    """

    axis: TimeAxis | None
    date_width: int

    @classmethod
    def of(cls, index: TimelineIndex, pause: Callable[[], None] = _no_pause) -> TimelineFacts:
        """The facts of `index`; `pause` is called between steps of a few milliseconds
        (a thread building them can wait there while the user types)."""
        # The entity -> events lookup behind counts, related events and entity views.
        index.prepare_entity_lookup()
        pause()
        axis = TimeAxis.of(index, pause)
        events = index.events
        width = 0
        for start in range(0, len(events), _STEP):
            pause()
            width = max(width, date_column_width(events[start : start + _STEP]))
        return cls(axis, width if events else date_column_width(events))


def related_cost(index: TimelineIndex, event: Event) -> int:
    """How many positions `TimelineIndex.related_events` goes through for this event."""
    return sum(index.event_count(entity_id) for entity_id in event.entity_ids)


def cursor_after_refill(positions: Sequence[int], previous: int | None) -> int:
    """The row to highlight after a re-filter: the same event if still shown, else the next one.

    `positions` are chronological, so the event that follows the old one in
    time is the one found by bisection; past the end, the last row.
    """
    if not positions or previous is None:
        return 0
    row = bisect_left(positions, previous)
    return min(row, len(positions) - 1)


def clamp_row(row: int, count: int) -> int:
    return max(0, min(row, count - 1)) if count else 0


def position_after_reload(
    old: TimelineIndex, new: TimelineIndex, position: int | None
) -> int | None:
    """Where the event at `position` in `old` is in `new`, found by its id.

    If it is gone, the first event after it in `old` that is still there;
    failing that, the last one before it. None: no position, or none survived.
    """
    if position is None or not 0 <= position < len(old):
        return None
    new_positions = new.position_by_id
    events = old.events
    for candidate in range(position, len(events)):
        found = new_positions.get(events[candidate].id)
        if found is not None:
            return found
    for candidate in range(position - 1, -1, -1):
        found = new_positions.get(events[candidate].id)
        if found is not None:
            return found
    return None


# -- the entities panel ----------------------------------------------------------


class EntityLine(msgspec.Struct, frozen=True):
    """One line of the entities panel: a kind's heading (entity None), or one entity."""

    kind: EntityKind
    entity: Entity | None = None
    last: bool = False  # the last entity of its kind


class EntityOutline(msgspec.Struct, frozen=True, eq=False, dict=True):
    """The entities panel as lines: each kind, then (unless folded) its entities by name.

    `order_by`: events per entity id; when given, the entities of each kind come
    most events first (then by name), as in a frequency table.
    """

    groups: dict[EntityKind, list[Entity]]
    folded: frozenset[EntityKind] = frozenset()
    order_by: Mapping[str, int] | None = None

    @classmethod
    def of(cls, index: TimelineIndex, folded: frozenset[EntityKind] = frozenset()) -> EntityOutline:
        return cls(index.entities_by_kind(), folded)

    @cached_property
    def lines(self) -> list[EntityLine]:
        lines = []
        for kind in ENTITY_KINDS:
            members = self.groups.get(kind)
            if not members:
                continue
            lines.append(EntityLine(kind))
            if kind not in self.folded:
                if self.order_by is not None:
                    counts = self.order_by
                    # Stable: the names' order is kept among equal counts.
                    members = sorted(members, key=lambda e: -counts.get(e.id, 0))
                last = len(members) - 1
                lines.extend(EntityLine(kind, e, i == last) for i, e in enumerate(members))
        return lines

    def ordered_by(self, counts: Mapping[str, int] | None) -> EntityOutline:
        """The outline with its entities by `counts` (most first), or by name if None."""
        return msgspec.structs.replace(self, order_by=counts)

    def toggled(self, kind: EntityKind) -> EntityOutline:
        """The outline with `kind` folded, or unfolded if it was."""
        return msgspec.structs.replace(self, folded=self.folded ^ {kind})

    def line_of_entity(self, entity_id: str) -> int | None:
        for number, line in enumerate(self.lines):
            if line.entity is not None and line.entity.id == entity_id:
                return number
        return None

    def line_of_kind(self, kind: EntityKind) -> int | None:
        for number, line in enumerate(self.lines):
            if line.entity is None and line.kind == kind:
                return number
        return None


def facet_tally(in_view: int | None, total: int | None) -> str:
    """An entity's count in the panel: " 3/4" (in the view / in all), " 4", or ""."""
    if total is None:
        return ""
    if in_view is None:
        return f" {total:,}"
    return f" {in_view:,}/{total:,}"


def view_counts(view: BrowseView) -> Counter[str] | None:
    """Events per entity among those the view shows; None when it shows every event."""
    if len(view.positions) == len(view.index):
        return None
    return view.index.entity_counts(view.positions)


def matched_entities(view: BrowseView) -> frozenset[str]:
    """The entities the view's filter asks for: by `entity:`, or named by its words."""
    from timeline_viewer.query.language import resolve_entities

    found: set[str] = set()
    for term in view.query.terms:
        if term.negated:
            continue
        if term.field == "entity":
            found |= resolve_entities(view.index, term.value)
        elif term.field == "text":
            found |= view.index.entities_named(term.value)
    return frozenset(found)


STAR_MARK = "★"
NOTE_MARK = "✎"


def row_mark(marks: Marks, event_id: str) -> str:
    """The list's one-cell mark of the user's own: ★ starred, ✎ noted, else a space."""
    if marks.is_starred(event_id):
        return STAR_MARK
    if marks.note(event_id):
        return NOTE_MARK
    return " "


def row_entity_names(
    index: TimelineIndex,
    event: Event,
    first: AbstractSet[str] = frozenset(),
    leave_out: str | None = None,
) -> str:
    """The list's entities column: those in `first` (what the filter matched) first,
    then the others in the event's order, without `leave_out` (the entity of the view)."""
    ids = [i for i in event.entity_ids if i != leave_out and i in index.entity_by_id]
    if first:
        ids = [i for i in ids if i in first] + [i for i in ids if i not in first]
    return ", ".join(index.entity_by_id[i].name for i in ids)


# -- search without filtering -------------------------------------------------


class SearchResult(msgspec.Struct, frozen=True):
    """The rows of a view that a search matches (the view itself is unchanged)."""

    text: str = ""
    # Ascending; a range when every row matches.
    rows: Sequence[int] = ()
    error: str | None = None

    @property
    def is_active(self) -> bool:
        return bool(self.text.strip())

    def label(self, cursor: int) -> str:
        """ "match 2 of 5", "no match", or the query error."""
        if self.error:
            return self.error
        if not self.rows:
            return "no match"
        at = index_in(self.rows, cursor)
        if at is not None:
            return f"match {at + 1} of {len(self.rows)}"
        return "1 match" if len(self.rows) == 1 else f"{len(self.rows)} matches"


def search_view(view: BrowseView, text: str, previous: SearchResult | None = None) -> SearchResult:
    """Rows of `view` matching `text`; on a query error keep the previous rows."""
    try:
        query = parse_query(text)
    except QueryError as error:
        rows = previous.rows if previous is not None else ()
        return SearchResult(text, rows, str(error))
    if query.is_empty:
        return SearchResult(text)
    return SearchResult(text, rows_matching(view, query))


# A view under this share of the timeline is searched event by event; a bigger
# one takes the whole timeline's result (indexed and remembered) and keeps its own.
_OWN_EVENTS_BELOW = 1 / 16


def rows_matching(view: BrowseView, query: Query) -> Sequence[int]:
    """The rows of `view` whose events `query` matches, ascending."""
    index, positions, marks = view.index, view.positions, view.marks
    count = len(index)
    if positions == range(count):  # the whole timeline: rows are positions
        return query.select(index, None, marks)
    if len(positions) < count * _OWN_EVENTS_BELOW:
        return tuple(bisect_left(positions, p) for p in query.select(index, positions, marks))
    matched = query.select(index, None, marks)
    if not matched:
        return ()
    if matched == range(count):
        return range(len(positions))
    flags = bytearray(count)
    bitset.mark(flags, matched)
    return tuple(compress(range(len(positions)), map(flags.__getitem__, positions)))


def next_match(
    rows: Sequence[int], cursor: int, step: int, *, inclusive: bool = False
) -> int | None:
    """The next (step=1) or previous (step=-1) match row from the cursor, wrapping around.

    With `inclusive`, a match on the cursor row itself counts (used while typing).
    """
    if not rows:
        return None
    if step > 0:
        at = bisect_left(rows, cursor) if inclusive else bisect_right(rows, cursor)
        return rows[at] if at < len(rows) else rows[0]
    at = (bisect_right(rows, cursor) if inclusive else bisect_left(rows, cursor)) - 1
    return rows[at] if at >= 0 else rows[-1]


# -- jumps in time and along an entity ----------------------------------------


def year_step(view: BrowseView, row: int, step: int, years: int = 1) -> int | None:
    """The first row of the previous or next year (years=1) or decade (years=10) with events.

    Periods of `years` are aligned (1980-1989 is a decade), so "next decade"
    from 1985 lands on the first event of 1990 or later.
    """
    positions = view.positions
    if not positions:
        return None
    events = view.index.events

    def period(position: int) -> int:
        return events[position].date.year // years

    current = period(positions[clamp_row(row, len(positions))])
    if step > 0:
        after = bisect_right(positions, current, key=period)
        return after if after < len(positions) else None
    start = bisect_left(positions, current, key=period)
    if start == 0:
        return None
    return bisect_left(positions, period(positions[start - 1]), key=period)


def stepping_entity(
    view: BrowseView, event: Event | None, following: str | None = None
) -> str | None:
    """The entity `[` and `]` follow: the view's own, else the one already being
    followed if this event involves it, else the event's first.

    Keeping the followed entity makes `]` then `[` come back to where it started.
    """
    if view.entity_id is not None:
        return view.entity_id
    if event is None:
        return None
    if following is not None and following in event.entity_ids:
        return following
    return event.entity_ids[0] if event.entity_ids else None


def entity_step(view: BrowseView, row: int, entity_id: str, step: int) -> int | None:
    """The row of the previous or next event of `entity_id` that the view shows."""
    position = view.position_at(row)
    while position is not None:
        position = view.index.step_within_entity(entity_id, position, step)
        if position is None:
            return None
        found = view.row_of(position)
        if found is not None:
            return found
    return None


def entity_step_label(view: BrowseView, entity_id: str, position: int, step: int) -> str:
    """What `]` or `[` says it did: "next event of Ana Lima, 2 of 4".

    Counted among the entity's events that the view shows.
    """
    entity = view.index.entity(entity_id)
    name = entity.name if entity is not None else entity_id
    shown = [p for p in view.index.positions_of(entity_id) if view.row_of(p) is not None]
    at = index_in(shown, position)
    which = "next" if step > 0 else "previous"
    where = "" if at is None else f", {at + 1:,} of {len(shown):,}"
    return f"{which} event of {name}{where}"


def co_entities_by_kind(
    index: TimelineIndex, entity_id: str, per_kind: int = 3
) -> list[tuple[EntityKind, list[tuple[Entity, int]]]]:
    """The entities sharing most events with `entity_id`, by kind: the top `per_kind`
    of each, and any tied with the last of them (never one left out of a tie).

    Kinds in their fixed order; within one, most shared first, then by name.
    """
    # The same ranking as the connections list (most shared, then name), cut per kind.
    by_kind: dict[EntityKind, list[tuple[Entity, int]]] = {}
    for connection in connections(index, entity_id):
        other = connection.entity
        by_kind.setdefault(other.kind, []).append((other, connection.shared))
    groups: list[tuple[EntityKind, list[tuple[Entity, int]]]] = []
    for kind in ENTITY_KINDS:
        members = by_kind.get(kind, [])
        if not members:
            continue
        if len(members) > per_kind:
            floor = members[per_kind - 1][1]
            members = [item for item in members if item[1] >= floor]
        groups.append((kind, members))
    return groups


def quit_warning(filters: int, views: int) -> str | None:
    """What quitting would lose, said as a question, or None when nothing would be.

    `filters`: the views with a filter; `views`: the entity views open.
    """
    lost = []
    if filters:
        lost.append("the filter" if filters == 1 else f"{filters} filters")
    if views:
        lost.append("the entity view" if views == 1 else f"{views} entity views")
    if not lost:
        return None
    return f"Quit? {' and '.join(lost).capitalize()} will be lost."


# -- the time rail -------------------------------------------------------------


def bar(count: int, peak: int) -> str:
    """One cell of the density rail: taller for more events, never empty for one."""
    if count <= 0 or peak <= 0:
        return " "
    # A square root keeps one event visible next to a peak of fifty.
    level = max(1, math.ceil(math.sqrt(count / peak) * (len(BAR_LEVELS) - 1)))
    return BAR_LEVELS[min(level, len(BAR_LEVELS) - 1)]


def column_of(fraction: float, width: int) -> int:
    """The rail column of a fraction of the span (the same slicing as `index.density`)."""
    return min(int(fraction * width), max(width - 1, 0))


def event_fractions(index: TimelineIndex, span: tuple[float, float]) -> list[float]:
    """Where each event starts within the span (0.0 to 1.0), by position; computed once."""
    return [fraction_in_span(event, span) for event in index.events]


def density_of(fractions: Sequence[float], positions: Sequence[int], buckets: int) -> list[int]:
    """How many of the events at `positions` start in each of `buckets` slices of the span.

    The same slicing as `index.density`, over precomputed fractions: one pass
    over `positions`. `TimeAxis.density` does the same without that pass.
    """
    counts = [0] * max(buckets, 0)
    if buckets <= 0:
        return counts
    last = buckets - 1
    for position in positions:
        slot = int(fractions[position] * buckets)
        counts[slot if slot < last else last] += 1
    return counts


class RailExtent(msgspec.Struct, frozen=True):
    """The columns an event covers on the time rail, and how to draw them."""

    first: int
    last: int
    # Runs on past the rail's end (end: ..): drawn with an open marker at `last`.
    ongoing: bool = False
    # Approximate, uncertain, with X digits or an unknown end: drawn broken.
    loose: bool = False


def _loose(event: Event) -> bool:
    return (
        event.date.loose
        or (event.end is not None and event.end.loose)
        or event.open_end is OpenEnd.UNKNOWN
    )


class TimeAxis(msgspec.Struct, frozen=True, eq=False):
    """Where every event falls across the timeline's span: built once, in one pass.

    Events are in chronological order, so the rail column of an event never
    decreases with its position: each column holds a run of positions, and
    counting a sorted selection per column takes two bisections, not a pass
    over the selection. Re-drawing the rail for 100,000 filtered events is
    then a few hundred bisections.
    """

    span: tuple[float, float]
    fractions: Sequence[float]
    # False only for a hand-built timeline out of chronological order: then count by a pass.
    ordered: bool = True
    _starts: dict[int, list[int]] = msgspec.field(default_factory=dict)

    @classmethod
    def of(cls, index: TimelineIndex, pause: Callable[[], None] = _no_pause) -> TimeAxis | None:
        """The axis of the whole timeline; None when it has no events.

        The same span and fractions as `index.time_span` and `index.fraction_in_span`,
        in one pass over the events instead of two (the tests hold them equal).
        `pause` is called between steps, as in `TimelineFacts.of`.
        """
        events = index.events
        if not events:
            return None
        starts = array("d")
        end = -math.inf
        for first in range(0, len(events), _STEP):
            pause()
            for event in events[first : first + _STEP]:
                date = event.date
                starts.append(_year_number(date.year, date.month or 1, date.day or 1))
                end = max(end, _year_number(*event.last_day))
        start = min(starts)
        pause()
        if end <= start:
            fractions = array("d", [0.0]) * len(starts)
        else:
            length = end - start
            fractions = array("d", (min(1.0, max(0.0, (s - start) / length)) for s in starts))
        ordered = all(a <= b for a, b in pairwise(fractions))
        return cls((start, end), fractions, ordered)

    def column(self, position: int, width: int) -> int:
        """The rail column of the event at `position`."""
        return column_of(self.fractions[position], width)

    def extent(self, position: int, event: Event, width: int) -> RailExtent | None:
        """The columns the event at `position` covers on a rail `width` wide.

        A period runs to its end's last day, a date with X years to its
        span's (198X to 1989); an ongoing period to the rail's end, the
        timeline's last date (not today: the rail shows the timeline, and a
        clock would make the same file draw differently each day). None for
        a date inside one year (an unknown end included): its marker says it.
        """
        if event.end is None and not event.ongoing and event.date.last_year == event.date.year:
            return None
        first = self.column(position, width)
        if event.ongoing:
            return RailExtent(first, max(width - 1, first), ongoing=True, loose=_loose(event))
        start, end = self.span
        length = end - start
        fraction = (_year_number(*event.last_day) - start) / length if length > 0 else 0.0
        last = max(first, column_of(min(1.0, max(0.0, fraction)), width))
        return RailExtent(first, last, ongoing=False, loose=_loose(event))

    def _column_starts(self, width: int) -> list[int]:
        """For each column, the first position in it or after it; then the event count."""
        starts = self._starts.get(width)
        if starts is None:
            last = width - 1

            def column(fraction: float) -> int:
                slot = int(fraction * width)
                return slot if slot < last else last

            fractions = self.fractions
            starts = [bisect_left(fractions, c, key=column) for c in range(width)]
            starts.append(len(fractions))
            # Only the widths in use are kept (a window is resized now and then).
            if len(self._starts) > 8:
                self._starts.clear()
            self._starts[width] = starts
        return starts

    def density(self, positions: Sequence[int], width: int) -> list[int]:
        """How many of the (sorted) `positions` start in each of `width` columns.

        The same counts as `density_of`, in O(width * log n).
        """
        if width <= 0:
            return []
        if not self.ordered:
            return density_of(self.fractions, positions, width)
        starts = self._column_starts(width)
        counts = []
        low = bisect_left(positions, starts[0])
        for column in range(width):
            high = bisect_left(positions, starts[column + 1], low)
            counts.append(high - low)
            low = high
        return counts


def axis_labels(span: tuple[float, float], width: int) -> list[tuple[int, str]]:
    """Year labels under the rail, as (column, text), spaced so none overlap.

    The span's first year is always labelled at column 0 and its last year at
    the right edge; round years in between (every 1, 2, 5, 10... years) are
    added where they fit.
    """
    if width <= 0:
        return []
    start, end = span
    first_year, last_year = math.floor(start), math.floor(end)
    first = _year_label(first_year)
    if width < len(first):
        return []
    labels = [(0, first)]
    last = _year_label(last_year)
    last_column = width - len(last)
    if last_year != first_year and last_column > len(first):
        labels.append((last_column, last))
    if end <= start:
        return labels
    widest = max(len(first), len(last)) + 2
    for years in _AXIS_STEPS:
        if (end - start) / years * widest <= width:
            break
    else:
        return labels
    year = (first_year // years + 1) * years
    middle: list[tuple[int, str]] = []
    while year <= last_year:
        column = column_of((year - start) / (end - start), width)
        text = _year_label(year)
        middle.append((column, text))
        year += years
    occupied = [(column, column + len(text)) for column, text in labels]
    for column, text in middle:
        left, right = column, column + len(text)
        if right > width:
            continue
        if all(right + 1 < a or left > b + 1 for a, b in occupied):
            labels.append((column, text))
            occupied.append((left, right))
    return sorted(labels)


def labels_clear_of(labels: Sequence[tuple[int, str]], column: int) -> list[tuple[int, str]]:
    """The labels that leave `column` and a cell each side of it free, for a marker there.

    A marker drawn over a label would make another year of it ("▲980" for 1980).
    """
    return [
        (start, text) for start, text in labels if start + len(text) < column or start > column + 1
    ]


def _year_label(year: int) -> str:
    return PartialDate(year).display()


def nearest_row_in_time(view: BrowseView, fraction: float, span: tuple[float, float]) -> int | None:
    """The row whose event starts nearest to a fraction of the span (a click on the rail)."""
    if not view.positions:
        return None
    events = view.index.events

    def where(position: int) -> float:
        return fraction_in_span(events[position], span)

    row = bisect_left(view.positions, fraction, key=where)
    if row >= len(view.positions):
        return len(view.positions) - 1
    if (
        row > 0
        and fraction - where(view.positions[row - 1]) <= where(view.positions[row]) - fraction
    ):
        return row - 1
    return row


# -- copy and open ---------------------------------------------------------------


def event_markdown(index: TimelineIndex, position: int) -> str:
    """One event as a short Markdown entry, for the clipboard."""
    # Imported here, as in `source_links`: start-up needs none of the export code.
    from timeline_viewer.domain.markdown_text import inline, safe_url

    event = index.events[position]
    lines = [f"**{inline(event.when)}** — **{inline(event.title)}**", ""]
    if event.summary:
        lines += [inline(event.summary), ""]
    names = [inline(entity.name) for entity in index.entities_of(event)]
    if names:
        lines += [f"*Involves:* {', '.join(names)}", ""]
    if event.note:
        lines += [f"*Note:* {inline(event.note)}", ""]
    sources = index.sources_of(event)
    if sources:
        lines.append("*Sources:*")
        for source in sources:
            url = safe_url(source.url) if source.url else None
            lines.append(f"- {inline(source.title)}" + (f" <{url}>" if url else ""))
    return "\n".join(lines).rstrip("\n") + "\n"


class SourceLink(msgspec.Struct, frozen=True):
    """One of an event's sources as the detail numbers it (from 1), with its
    web address if it has an http(s) one (None: nothing a browser could open)."""

    number: int
    source: Source
    url: str | None


def source_links(index: TimelineIndex, event: Event) -> list[SourceLink]:
    """The event's sources, numbered in the order the detail lists them."""
    from timeline_viewer.domain.markdown_text import safe_url

    return [
        SourceLink(number, source, safe_url(source.url) if source.url else None)
        for number, source in enumerate(index.sources_of(event), 1)
    ]


def openable(links: Sequence[SourceLink]) -> list[SourceLink]:
    """The links a browser could open."""
    return [link for link in links if link.url is not None]

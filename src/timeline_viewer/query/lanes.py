"""Entity lanes: one row per entity, its events placed on a shared time axis.

What the lanes view draws is decided here, as plain values tested without
any UI: which entities get a lane (those chosen, else the most frequent in
the view), which cell of a lane each event falls in, how periods, imprecise
and approximate dates look, where the cursor goes, and how the axis zooms,
pans and is labelled.

Speed: the lanes are gathered once per view (each entity's events come from
the index's entity lookup, narrowed by the view's filter); a layout then
costs two bisections per column of each lane, whatever the number of
events, and a cursor move one or two bisections. Nothing here walks every
event of the timeline after the first time: the events' day numbers are
computed once per timeline (a UI does it in a thread, see `event_days`),
and `gathers_quickly` says whether gathering can be done between two keys
or belongs in a thread too.
"""

from __future__ import annotations

import heapq
import math
import threading
from bisect import bisect_left
from collections.abc import Sequence
from enum import StrEnum
from functools import cache
from itertools import accumulate, compress
from weakref import WeakKeyDictionary

import msgspec

from timeline_viewer.domain.dates import DayKey, PartialDate, days_in_month
from timeline_viewer.domain.model import Entity
from timeline_viewer.domain.text import fold
from timeline_viewer.query.browse import BrowseView
from timeline_viewer.query.index import TimelineIndex

# The narrowest window, in days: a week, whatever the width.
MIN_SPAN = 7
# Zooming in divides the span by this, zooming out multiplies it.
ZOOM_FACTOR = 2
# Panning moves the window by this share of its span.
PAN_SHARE = 0.25
# An imprecise date ("1985", "Feb 1985") is drawn across the days it may be
# only when a column is narrower than this many days; wider, it fits in its cell.
EXTENT_BELOW_DAYS = 28
# ... and only for lanes with fewer than this many events per column in view
# (a dense lane is all marks anyway, and its extents would cost a pass).
EXTENT_EVENTS_PER_COLUMN = 4


# -- days as numbers --------------------------------------------------------------


@cache
def day_number(day: DayKey) -> int:
    """Days since 1970-01-01 in the proleptic Gregorian calendar, for any year.

    The timeline's years reach outside `datetime`'s 1..9999, so the count is
    done by hand (the civil-from-days arithmetic, exact for negative years).
    Cached: a timeline has far fewer distinct days than events.
    """
    year, month, dom = day
    year -= month <= 2
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * ((month + 9) % 12) + 2) // 5 + dom - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468


def day_key(number: int) -> DayKey:
    """The (year, month, day) of a day number: the inverse of `day_number`."""
    shifted = number + 719468
    era = shifted // 146097
    day_of_era = shifted - era * 146097
    year_of_era = (
        day_of_era - day_of_era // 1460 + day_of_era // 36524 - day_of_era // 146096
    ) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    shifted_month = (5 * day_of_year + 2) // 153
    dom = day_of_year - (153 * shifted_month + 2) // 5 + 1
    month = shifted_month + 3 if shifted_month < 10 else shifted_month - 9
    return (year_of_era + era * 400 + (month <= 2), month, dom)


class EventDays(msgspec.Struct, frozen=True, eq=False):
    """Per event position: its first and last day as numbers, and whether its date is
    approximate or uncertain. The last day is the end's for a period, else the last
    day its date may be ("1985" may be 31 Dec 1985)."""

    starts: Sequence[int]
    lasts: Sequence[int]
    vague: bytes
    periods: bytes


# Built once per timeline and kept while the timeline is.
_DAYS: WeakKeyDictionary[TimelineIndex, EventDays] = WeakKeyDictionary()
# Held while they are built: a UI's preparing thread and the lanes' own may
# both ask for a timeline's days, and the second waits rather than builds them again.
_DAYS_LOCK = threading.Lock()
# Up to this many events, gathering lanes (their days included) takes a few
# milliseconds: it is done between two keys. Beyond it, in a thread.
QUICK_EVENTS = 5_000


def _vague(date: PartialDate) -> bool:
    return date.approximate or date.uncertain


def has_event_days(index: TimelineIndex) -> bool:
    """Whether `event_days(index)` is computed already (and so takes no time)."""
    return index in _DAYS


def event_days(index: TimelineIndex) -> EventDays:
    """The days of every event of `index`, computed on first use and kept.

    A pass over every event (170 ms at 100,000): a UI computes it in a thread.
    """
    found = _DAYS.get(index)
    if found is not None:
        return found
    with _DAYS_LOCK:
        found = _DAYS.get(index)
        if found is not None:
            return found  # built by another thread while this one waited
        starts: list[int] = []
        lasts: list[int] = []
        vague = bytearray()
        periods = bytearray()
        for event in index.events:
            date, end = event.date, event.end
            starts.append(day_number(date.first_day))
            lasts.append(day_number((end or date).last_day))
            vague.append(_vague(date) or (end is not None and _vague(end)))
            periods.append(end is not None)
        found = _DAYS[index] = EventDays(starts, lasts, bytes(vague), bytes(periods))
    return found


# -- the lanes --------------------------------------------------------------------


class Lane(msgspec.Struct, frozen=True, eq=False):
    """One entity's events in the view, in date order (then file order).

    `starts` is non-decreasing; `vague_before[i]` counts the approximate or
    uncertain events among the first i, so a cell's can be counted by two
    lookups; `periods` holds the lane indexes of the events with an end.
    """

    entity: Entity
    positions: tuple[int, ...]
    starts: tuple[int, ...]
    lasts: tuple[int, ...]
    vague_before: tuple[int, ...]
    periods: tuple[int, ...]
    # 1 for an event dated to the day: the others may be drawn across their extent.
    precise: bytes

    def __len__(self) -> int:
        return len(self.positions)

    def is_vague(self, at: int) -> bool:
        return self.vague_before[at + 1] > self.vague_before[at]


def _lane(index: TimelineIndex, entity: Entity, positions: Sequence[int]) -> Lane:
    days = event_days(index)
    starts = days.starts
    order = sorted(positions, key=starts.__getitem__)  # stable: file order among equals
    lane_starts = tuple(starts[p] for p in order)
    lasts = tuple(days.lasts[p] for p in order)
    vague_flags = [days.vague[p] for p in order]
    periods = tuple(compress(range(len(order)), [days.periods[p] for p in order]))
    events = index.events
    precise = bytes(events[p].date.day is not None for p in order)
    return Lane(
        entity,
        tuple(order),
        lane_starts,
        lasts,
        tuple(accumulate(vague_flags, initial=0)),
        periods,
        precise,
    )


class LaneSet(msgspec.Struct, frozen=True, eq=False):
    """The lanes of a view: which entities, and each one's events that the view shows.

    `chosen`: the lanes are the entities the user picked, not the most frequent.
    """

    index: TimelineIndex
    lanes: tuple[Lane, ...]
    chosen: bool = False
    # The first and last day of the lanes' events (periods to their end); None: no events.
    extent: tuple[int, int] | None = None

    @property
    def event_count(self) -> int:
        return sum(len(lane) for lane in self.lanes)

    def first_cursor(self) -> LaneCursor | None:
        """The first event of the first lane with events."""
        for number, lane in enumerate(self.lanes):
            if lane.positions:
                return LaneCursor(number, 0)
        return None

    def cursor_on(self, position: int, lane_hint: int = 0) -> LaneCursor | None:
        """Where the event at `position` is: in lane `lane_hint` if it is there, else the first."""
        order = [lane_hint, *(n for n in range(len(self.lanes)) if n != lane_hint)]
        for number in order:
            if 0 <= number < len(self.lanes):
                lane = self.lanes[number]
                if position in lane.positions:
                    return LaneCursor(number, lane.positions.index(position))
        return None

    def position_at(self, cursor: LaneCursor) -> int:
        return self.lanes[cursor.lane].positions[cursor.at]


def _shown_flags(view: BrowseView) -> bytearray | None:
    """One byte per event, 1 if the view shows it; None when it shows every event."""
    count = len(view.index)
    if len(view.positions) == count:
        return None
    flags = bytearray(count)
    for position in view.positions:
        flags[position] = 1
    return flags


def top_entities(view: BrowseView, count: int) -> list[Entity]:
    """The `count` entities with most events in the view, most first, then by name."""
    index = view.index
    if len(view.positions) == len(index):
        tallies: dict[str, int] = {e.id: index.event_count(e.id) for e in index.timeline.entities}
    else:
        tallies = dict(index.entity_counts(view.positions))
    ranked = heapq.nsmallest(
        count,
        (e for e in index.timeline.entities if tallies.get(e.id, 0) > 0),
        key=lambda e: (-tallies[e.id], fold(e.name), e.id),
    )
    return ranked


def lanes_of(view: BrowseView, *, chosen: Sequence[str] = (), top: int = 10) -> LaneSet:
    """The lanes of `view`: one per entity of `chosen` (in that order, unknown ids left
    out), or, if none is chosen, of the `top` entities with most events in the view.

    Each lane holds the entity's events that the view shows (its filter applies).
    """
    index = view.index
    entities = [e for e in (index.entity(i) for i in chosen) if e is not None]
    picked = bool(entities)
    if not picked:
        entities = top_entities(view, top)
    flags = _shown_flags(view)
    lanes = []
    for entity in entities:
        positions: Sequence[int] = index.positions_of(entity.id)
        if flags is not None:
            positions = list(compress(positions, map(flags.__getitem__, positions)))
        lanes.append(_lane(index, entity, positions))
    filled = [lane for lane in lanes if lane.positions]
    extent = None
    if filled:
        extent = (min(lane.starts[0] for lane in filled), max(max(lane.lasts) for lane in filled))
    return LaneSet(index, tuple(lanes), picked, extent)


def gathers_quickly(view: BrowseView) -> bool:
    """Whether `lanes_of(view)` takes a few milliseconds at most, whatever is chosen.

    Its cost is the days of every event (once per timeline), then a pass over
    the events the view shows (to count their entities, and to narrow each
    lane to them): quick for a small timeline, or a small view once the days
    are known.
    """
    if len(view.index) <= QUICK_EVENTS:
        return True
    return has_event_days(view.index) and len(view.positions) <= QUICK_EVENTS


class CursorMark(msgspec.Struct, frozen=True):
    """What a lane cursor is on, to find it again in lanes gathered anew (after a
    reload of the file, or for another window height): the event's id, its lane's
    entity and number, and its day."""

    event_id: str
    entity_id: str
    lane: int
    day: int


def cursor_mark(lanes: LaneSet, cursor: LaneCursor) -> CursorMark:
    lane = lanes.lanes[cursor.lane]
    event = lanes.index.events[lane.positions[cursor.at]]
    return CursorMark(event.id, lane.entity.id, cursor.lane, lane.starts[cursor.at])


def find_mark(lanes: LaneSet, mark: CursorMark) -> LaneCursor | None:
    """Where the marked event is in `lanes` (by id, in its entity's lane first); if it
    is gone or has no lane, the event of its entity's lane nearest to its day; failing
    that, the first event. None: no lane has events."""
    lane_hint = next(
        (n for n, lane in enumerate(lanes.lanes) if lane.entity.id == mark.entity_id), None
    )
    position = lanes.index.position_by_id.get(mark.event_id)
    if position is not None:
        found = lanes.cursor_on(position, mark.lane if lane_hint is None else lane_hint)
        if found is not None:
            return found
    if lane_hint is not None:
        at = nearest_in(lanes.lanes[lane_hint], mark.day)
        if at is not None:
            return LaneCursor(lane_hint, at)
    return lanes.first_cursor()


# -- the axis window ----------------------------------------------------------------


class Window(msgspec.Struct, frozen=True):
    """The stretch of time across the width: days `start` to `end`, `end` excluded."""

    start: int
    end: int

    @property
    def span(self) -> int:
        return self.end - self.start

    @classmethod
    def fitting(cls, extent: tuple[int, int] | None, width: int) -> Window:
        """A window showing the whole extent, with a column to spare at each side
        (so that the first and last marks are not on the edge)."""
        if extent is None:
            today = day_number((2000, 1, 1))
            return cls(today, today + 365)
        first, last = extent
        span = max(last + 1 - first, MIN_SPAN)
        margin = max(1, math.ceil(span / max(width - 2, 1)))
        return cls(first - margin, first + span + margin)

    def column(self, day: int, width: int) -> int | None:
        """The column of a day, or None if it is outside the window."""
        if not self.start <= day < self.end or width <= 0:
            return None
        return (day - self.start) * width // self.span

    def clamped_column(self, day: int, width: int) -> int:
        """The column of a day, or the edge it is beyond."""
        if day < self.start:
            return 0
        if day >= self.end:
            return width - 1
        return (day - self.start) * width // self.span

    def boundaries(self, width: int) -> list[int]:
        """The first day of each column, then `end`: column c holds days
        boundaries[c] up to (not including) boundaries[c + 1]."""
        span = self.span
        return [self.start + -(-c * span // width) for c in range(width)] + [self.end]

    def zoomed(self, factor: float, around: int, limit: tuple[int, int] | None = None) -> Window:
        """The span times `factor` (under 1: zoom in), the day `around` kept where it is
        on the screen. Never under `MIN_SPAN` days; zooming out never goes past
        `limit` (the extent of the lanes' events, as `fitting` shows it)."""
        span = max(MIN_SPAN, round(self.span * factor))
        if limit is not None and factor > 1:
            widest = limit[1] - limit[0]
            if self.span >= widest:
                return self
            if span >= widest:
                return Window(*limit)
        share = (around - self.start) / self.span if self.span else 0.5
        share = min(max(share, 0.0), 1.0)
        start = around - round(span * share)
        if limit is not None and factor > 1:
            # Zooming out shows more of the events, not empty time beyond them.
            start = max(min(start, limit[1] - span), limit[0])
        return Window(start, start + span)

    def panned(self, share: float, limit: tuple[int, int] | None = None) -> Window:
        """Moved by `share` of the span (negative: back in time), stopping at the edge
        of `limit` (the whole extent, as `fitting` shows it) rather than going past it."""
        shift = round(self.span * share) or (1 if share > 0 else -1)
        start = self.start + shift
        if limit is not None:
            if shift > 0:
                start = min(start, max(limit[1], self.end) - self.span)
            else:
                start = max(start, min(limit[0], self.start))
        return Window(start, start + self.span)

    def showing(self, day: int) -> Window:
        """This window, moved the least so that `day` is in it (a column's margin kept)."""
        if self.start <= day < self.end:
            return self
        span = self.span
        margin = max(1, span // 10)
        if day < self.start:
            return Window(day - margin, day - margin + span)
        return Window(day + margin + 1 - span, day + margin + 1)


# -- layout -----------------------------------------------------------------------------


class Cell(StrEnum):
    """What a lane's cell shows, as one letter per cell in `LaneRow.kinds`."""

    EMPTY = " "
    BAR = "="  # a period runs through it
    VAGUE_BAR = "~"  # ... with an approximate or uncertain date
    EXTENT = "."  # an imprecise date ("1985") may fall in it
    MARK = "o"  # one event starts in it
    VAGUE_MARK = "?"  # ... with an approximate or uncertain date
    CLUSTER = "#"  # several events start in it


GLYPHS: dict[Cell, str] = {
    Cell.EMPTY: " ",
    Cell.BAR: "━",
    Cell.VAGUE_BAR: "┅",
    Cell.EXTENT: "┈",
    Cell.MARK: "●",
    Cell.VAGUE_MARK: "○",
}


def cluster_glyph(count: int) -> str:
    """A cell's glyph for `count` (two or more) events starting in it.

    One glyph, not the count: side by side, cells of 4 and 5 events drawn as
    digits read as "45". The status line gives the count of the cursor's cell.
    """
    return "◆"


class LaneRow(msgspec.Struct, frozen=True):
    """One lane as drawn: a glyph and a kind per column, and the events in view.

    `first[c]`: the lane index of the first event starting in column c (-1: none);
    `counts[c]`: how many start there.
    """

    glyphs: str
    kinds: str
    counts: tuple[int, ...]
    first: tuple[int, ...]
    in_view: int


def layout_lane(
    lane: Lane, window: Window, width: int, bounds: Sequence[int] | None = None
) -> LaneRow:
    """Lay one lane out across `width` columns of `window`.

    Every event of the lane starting inside the window is counted in exactly
    one column; a period draws a bar from its start to its end (clipped to the
    window) under the marks; an imprecise date, when a column is much finer
    than it, a dotted extent after its mark.
    """
    if width <= 0:
        return LaneRow("", "", (), (), 0)
    bounds = window.boundaries(width) if bounds is None else bounds
    kinds = [Cell.EMPTY] * width
    starts = lane.starts
    low = bisect_left(starts, window.start)
    high = bisect_left(starts, window.end, low)
    # Periods that start before the window's end and reach into it: the lane's
    # periods are few next to its events, so they are looked at one by one.
    for at in lane.periods:
        if starts[at] >= window.end:
            break
        last = lane.lasts[at]
        if last < window.start:
            continue
        bar = Cell.VAGUE_BAR if lane.is_vague(at) else Cell.BAR
        first_column = window.clamped_column(starts[at], width)
        for column in range(first_column, window.clamped_column(last, width) + 1):
            kinds[column] = bar
    if window.span < width * EXTENT_BELOW_DAYS and (high - low) < width * EXTENT_EVENTS_PER_COLUMN:
        _draw_extents(lane, window, width, kinds)
    counts = [0] * width
    first = [-1] * width
    glyphs = [GLYPHS[kind] for kind in kinds]
    if high - low < width:
        # Fewer events than columns: place each one.
        for at in range(low, high):
            column = (starts[at] - window.start) * width // window.span
            if counts[column] == 0:
                first[column] = at
            counts[column] += 1
    else:
        below = low
        for column in range(width):
            above = bisect_left(starts, bounds[column + 1], below, high)
            if above > below:
                counts[column] = above - below
                first[column] = below
            below = above
    for column in range(width):
        count = counts[column]
        if count == 1:
            kind = Cell.VAGUE_MARK if lane.is_vague(first[column]) else Cell.MARK
            kinds[column], glyphs[column] = kind, GLYPHS[kind]
        elif count > 1:
            kinds[column], glyphs[column] = Cell.CLUSTER, cluster_glyph(count)
    return LaneRow("".join(glyphs), "".join(kinds), tuple(counts), tuple(first), high - low)


def _draw_extents(lane: Lane, window: Window, width: int, kinds: list[Cell]) -> None:
    """Dotted cells over the days an imprecise date may be, where nothing else is drawn."""
    starts, lasts = lane.starts, lane.lasts
    # A year is the coarsest precision: a date starting a year before the window
    # is the earliest that can reach into it.
    at = bisect_left(starts, window.start - 366)
    periods = set(lane.periods)
    while at < len(starts) and starts[at] < window.end:
        if not lane.precise[at] and at not in periods and lasts[at] >= window.start:
            for column in range(
                window.clamped_column(starts[at], width),
                window.clamped_column(lasts[at], width) + 1,
            ):
                if kinds[column] == Cell.EMPTY:
                    kinds[column] = Cell.EXTENT
        at += 1


def layout(lanes: LaneSet, window: Window, width: int) -> list[LaneRow]:
    """Every lane laid out across `width` columns of `window`."""
    bounds = window.boundaries(width) if width > 0 else []
    return [layout_lane(lane, window, width, bounds) for lane in lanes.lanes]


# -- the cursor --------------------------------------------------------------------


class LaneCursor(msgspec.Struct, frozen=True):
    """An event of a lane: the lane's number and the event's index in it."""

    lane: int
    at: int


def along(lanes: LaneSet, cursor: LaneCursor, step: int) -> LaneCursor | None:
    """The next (step > 0) or previous event of the cursor's lane, in date order."""
    at = cursor.at + step
    if 0 <= at < len(lanes.lanes[cursor.lane]):
        return LaneCursor(cursor.lane, at)
    return None


def lane_end(lanes: LaneSet, cursor: LaneCursor, last: bool) -> LaneCursor:
    """The first or last event of the cursor's lane."""
    return LaneCursor(cursor.lane, len(lanes.lanes[cursor.lane]) - 1 if last else 0)


def nearest_in(lane: Lane, day: int) -> int | None:
    """The lane index of the event starting nearest to `day` (the earlier of two as near)."""
    starts = lane.starts
    if not starts:
        return None
    at = bisect_left(starts, day)
    if at == len(starts):
        return at - 1
    if at > 0 and day - starts[at - 1] <= starts[at] - day:
        # The first of the earlier events on that day: bisect again.
        return bisect_left(starts, starts[at - 1])
    return at


def across(lanes: LaneSet, cursor: LaneCursor, step: int) -> LaneCursor | None:
    """The event nearest in date on the next lane below (step > 0) or above that has
    events in the view; None past the first or last lane."""
    day = lanes.lanes[cursor.lane].starts[cursor.at]
    number = cursor.lane + step
    while 0 <= number < len(lanes.lanes):
        at = nearest_in(lanes.lanes[number], day)
        if at is not None:
            return LaneCursor(number, at)
        number += step
    return None


def nearest_in_window(lanes: LaneSet, cursor: LaneCursor, window: Window) -> LaneCursor:
    """After a pan: the cursor if its event is still in the window, else the lane's
    event in the window nearest to it, else the cursor unchanged (off screen)."""
    lane = lanes.lanes[cursor.lane]
    day = lane.starts[cursor.at]
    if window.start <= day < window.end:
        return cursor
    low = bisect_left(lane.starts, window.start)
    high = bisect_left(lane.starts, window.end, low)
    if low == high:
        return cursor
    if day < window.start:
        return LaneCursor(cursor.lane, low)
    # The first event of the last day in view (date order, as `along` goes).
    return LaneCursor(cursor.lane, bisect_left(lane.starts, lane.starts[high - 1], low))


def cell_events(lanes: LaneSet, cursor: LaneCursor, window: Window, width: int) -> tuple[int, int]:
    """Which of the events in the cursor's cell it is on, and how many there are:
    (2, 3) for the second of three (1, 1 for an event alone; 0, 0 off screen)."""
    lane = lanes.lanes[cursor.lane]
    column = window.column(lane.starts[cursor.at], width)
    if column is None:
        return (0, 0)
    bounds = window.boundaries(width)
    low = bisect_left(lane.starts, bounds[column])
    high = bisect_left(lane.starts, bounds[column + 1], low)
    return (cursor.at - low + 1, high - low)


def clicked(
    lanes: LaneSet, number: int, row: LaneRow, column: int, window: Window
) -> LaneCursor | None:
    """The event a click on `column` of lane `number` (laid out as `row`) goes to:
    the first starting in that column, else the one nearest its first day; None
    on a lane without events."""
    lane = lanes.lanes[number]
    if not lane.positions:
        return None
    width = len(row.first)
    at = row.first[column] if column < width else -1
    if at < 0:
        day = window.boundaries(width)[min(column, width - 1)]
        found = nearest_in(lane, day)
        if found is None:
            return None
        at = found
    return LaneCursor(number, at)


# -- the axis -------------------------------------------------------------------------


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000)
_MONTH_STEPS = (1, 2, 3, 6)
_DAY_STEPS = (1, 2, 7, 14)


def _year_text(year: int) -> str:
    return PartialDate(year).display()


def _ticks_by_year(window: Window, step: int) -> list[tuple[int, str]]:
    first_year = day_key(window.start)[0]
    year = -(-first_year // step) * step
    ticks = []
    while (day := day_number((year, 1, 1))) < window.end:
        if day >= window.start:
            ticks.append((day, _year_text(year)))
        year += step
    return ticks


def _ticks_by_month(window: Window, step: int) -> list[tuple[int, str]]:
    year, month, _ = day_key(window.start)
    count = year * 12 + month - 1
    count = -(-count // step) * step
    ticks = []
    while (day := day_number((count // 12, count % 12 + 1, 1))) < window.end:
        if day >= window.start:
            year, month = count // 12, count % 12 + 1
            text = _year_text(year) if month == 1 else _MONTHS[month - 1]
            ticks.append((day, text))
        count += step
    return ticks


def _ticks_by_day(window: Window, step: int) -> list[tuple[int, str]]:
    """Every `step`-th day of each month from its 1st, none too close to the next 1st."""
    ticks = []
    for day in range(window.start, window.end):
        year, month, dom = day_key(day)
        if dom == 1:
            ticks.append((day, _year_text(year) if month == 1 else _MONTHS[month - 1]))
        elif (dom - 1) % step == 0 and dom + step <= days_in_month(year, month) + 1:
            ticks.append((day, str(dom)))
    return ticks


def axis_ticks(window: Window, width: int) -> list[tuple[int, str]]:
    """The axis labels as (column, text): years, months or days, whichever is the
    finest step whose labels fit without touching. Months say their year in January,
    days their month on the 1st."""
    if width <= 0 or window.span <= 0:
        return []
    days_per_column = window.span / width
    candidates: list[tuple[float, str, int]] = [
        *((step, "day", step) for step in _DAY_STEPS),
        *((step * 30.44, "month", step) for step in _MONTH_STEPS),
        *((step * 365.25, "year", step) for step in _YEAR_STEPS),
    ]
    for days, unit, step in candidates:
        widest = 5 if unit != "year" else len(_year_text(day_key(window.end)[0])) + 1
        if days / days_per_column < widest + 1:
            continue
        if unit == "day":
            ticks = _ticks_by_day(window, step)
        elif unit == "month":
            ticks = _ticks_by_month(window, step)
        else:
            ticks = _ticks_by_year(window, step)
        placed: list[tuple[int, str]] = []
        for day, text in ticks:
            column = (day - window.start) * width // window.span
            if column + len(text) > width:
                continue
            if placed and placed[-1][0] + len(placed[-1][1]) >= column:
                continue
            placed.append((column, text))
        if placed:
            return placed
    return []


def lanes_label(lanes: LaneSet) -> str:
    """Which entities have lanes, for a title: "2 chosen entities", "the 10 entities
    with most events", "1 entity"."""
    count = len(lanes.lanes)
    if lanes.chosen:
        return f"{count} chosen entit{'y' if count == 1 else 'ies'}"
    return f"the {count} entities with most events" if count != 1 else "1 entity"


def window_label(window: Window) -> str:
    """The window's first and last day, as wide as the window needs: "1985 to 2013",
    "Feb 1985 to Jun 1986", "3 to 17 Feb 1985"."""
    first, last = day_key(window.start), day_key(window.end - 1)
    if window.span > 3 * 365:
        return f"{_year_text(first[0])} to {_year_text(last[0])}"
    if window.span > 62:
        return (
            f"{_MONTHS[first[1] - 1]} {_year_text(first[0])} to "
            f"{_MONTHS[last[1] - 1]} {_year_text(last[0])}"
        )
    return (
        f"{first[2]} {_MONTHS[first[1] - 1]} {_year_text(first[0])} to "
        f"{last[2]} {_MONTHS[last[1] - 1]} {_year_text(last[0])}"
    )

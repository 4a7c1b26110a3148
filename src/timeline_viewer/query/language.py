"""The filter language, one for the CLI and the TUI.

    trevino "exact phrase" -excluded entity:caro-quintero tag:dea kind:person
    year:1985 after:2013 before:2022-07 from:2013 to:2022
    starred note:motive note:

`starred` and `note:` ask about the user's own marks (stars, notes), which
are not part of the timeline: they are handed to `Query.select` as `Marks`.

`parse_query` turns text into a `Query` value (or raises QueryError);
`Query.select` applies it to a `TimelineIndex`. Words are ANDed and matched
case- and accent-insensitively over titles, summaries, tags and the names and
aliases of each event's entities.
"""

from __future__ import annotations

import difflib
import string
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from threading import Lock
from weakref import WeakKeyDictionary, ref

import msgspec

from timeline_viewer.domain.dates import DateError, DayKey, PartialDate, parse_partial_date
from timeline_viewer.domain.model import ENTITY_KINDS, Event
from timeline_viewer.domain.text import fold
from timeline_viewer.query import bitset
from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.query.marks import NO_MARKS, Marks

TEXT_FIELDS = ("entity", "tag", "kind")
DATE_FIELDS = ("year", "after", "before", "from", "to", "reported")
# About the user's marks, not the file: `note:WORD` (a note holding it), `note:` (any note).
MARK_FIELDS = ("note",)
FIELDS = TEXT_FIELDS + DATE_FIELDS + MARK_FIELDS
# The bare word that keeps the starred events (quoted, "starred" is a word to find).
STARRED = "starred"
_KIND_SYNONYMS = {"org": "organization", "organisation": "organization", "people": "person"}


class QueryError(ValueError):
    """A query that cannot be understood; the message says why."""


class Term(msgspec.Struct, frozen=True):
    """One condition. `field` is "text" for words and phrases."""

    field: str
    value: str
    negated: bool = False
    date: PartialDate | None = None

    @property
    def is_mark(self) -> bool:
        """Whether the term asks about the user's marks rather than the timeline."""
        return self.field in (STARRED, "note")

    def __str__(self) -> str:
        sign = "-" if self.negated else ""
        if self.field == STARRED:
            return f"{sign}{STARRED}"
        if self.field == "note" and not self.value:
            return f"{sign}note:"
        value = self.value
        # Quote whatever would otherwise read back differently: whitespace,
        # and for words a leading "-" (negation) or a colon (a field).
        quote = not value or any(c.isspace() for c in value)
        if self.field == "text":
            quote = quote or value.startswith("-") or ":" in value or value == STARRED
        if quote:
            value = f'"{value}"'
        prefix = "" if self.field == "text" else f"{self.field}:"
        return f"{'-' if self.negated else ''}{prefix}{value}"


@dataclass(frozen=True)
class Query:
    """A parsed filter: every term must hold. The empty query matches everything."""

    terms: tuple[Term, ...] = ()
    text: str = field(default="", compare=False)

    @property
    def is_empty(self) -> bool:
        return not self.terms

    def __str__(self) -> str:
        return " ".join(str(term) for term in self.terms)

    @property
    def uses_marks(self) -> bool:
        """Whether the result depends on the user's marks (`starred`, `note:`)."""
        return any(term.is_mark for term in self.terms)

    def select(
        self,
        index: TimelineIndex,
        within: Iterable[int] | None = None,
        marks: Marks | None = None,
    ) -> Sequence[int]:
        """Positions of the matching events, chronological, optionally among `within` only.

        `marks`: the user's stars and notes, for `starred` and `note:` (none if None).

        Over the whole timeline, results are remembered per index (and shared:
        the sequence is immutable, a `range` when every event matches) and a
        new query starts from the narrowest earlier result it refines: typing
        "trev" after "tre" scans only what "tre" matched, and backspace is free.
        """
        if self.uses_marks:
            # The timeline's own terms are answered (and remembered) as usual;
            # the marks change without the timeline changing, so they are applied after.
            own = Query(tuple(term for term in self.terms if not term.is_mark))
            found = own.select(index, within)
            return _apply_marks(self.terms, index, found, marks or NO_MARKS)
        if within is None:
            return _results_of(index).select(self)
        within = within if isinstance(within, Sequence) else list(within)
        return list(self._apply_terms(index, within, self.terms))

    def _apply_terms(
        self, index: TimelineIndex, positions: Sequence[int], terms: Iterable[Term]
    ) -> Sequence[int]:
        for term in terms:
            if not positions:
                break
            positions = _apply(term, index, positions)
        return positions

    def matches(self, index: TimelineIndex, position: int, marks: Marks | None = None) -> bool:
        return bool(self.select(index, (position,), marks))


# Longer filters are refused: no one types them, and a pasted wall of text
# would be thousands of terms to check against every event on each key.
MAX_QUERY_LENGTH = 1_000


def parse_query(text: str) -> Query:
    """Parse the filter language; raise QueryError with a readable message."""
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(
            f"the filter is {len(text):,} characters long, at most {MAX_QUERY_LENGTH:,}:"
            f" cut it from column {MAX_QUERY_LENGTH + 1:,} on"
        )
    return Query(tuple(_term(token) for token in _tokens(text)), text)


def _tokens(text: str) -> list[tuple[str, bool]]:
    """Split into (token, was_quoted) pairs; quotes may follow `-` or `field:`."""
    tokens: list[tuple[str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        quoted = False
        while i < n and not text[i].isspace():
            if text[i] == '"':
                close = text.find('"', i + 1)
                if close < 0:
                    raise QueryError(f'unclosed quote at column {i + 1}: add a closing "')
                quoted = True
                i = close + 1
            else:
                i += 1
        tokens.append((text[start:i], quoted))
    return tokens


def _term(token_and_quoted: tuple[str, bool]) -> Term:
    token, quoted = token_and_quoted
    negated = token.startswith("-")
    if negated:
        token = token[1:]
        if not token:
            raise QueryError('"-" must be followed by what to exclude, as in -tariffs')
    name, colon, rest = token.partition(":")
    if not colon and not quoted and token.lower() == STARRED:
        return Term(STARRED, "", negated)
    if colon and not name.startswith('"') and name.isalpha():
        key = name.lower()
        if key not in FIELDS:
            hint = difflib.get_close_matches(key, FIELDS, n=1)
            did_you_mean = f"did you mean {hint[0]}:? " if hint else ""
            raise QueryError(
                f'unknown filter "{name}:"; {did_you_mean}known filters are '
                + ", ".join(f"{f}:" for f in FIELDS)
                + f" and {STARRED}; put text with a colon in quotes"
            )
        value = _unquote(rest)
        if key == "note":  # `note:` alone: any note
            return Term(key, " ".join(fold(value).split()), negated)
        if not value.strip():
            raise QueryError(f'"{key}:" needs a value, as in {_EXAMPLES[key]}')
        return _field_term(key, value.strip(), negated)
    value = _unquote(token) if quoted else token
    folded = " ".join(fold(value).split())
    if not folded:
        raise QueryError('empty phrase "": put words between the quotes')
    return Term("text", folded, negated)


_EXAMPLES = {
    "reported": "reported:2025",
    "entity": "entity:caro-quintero",
    "tag": "tag:dea",
    "kind": "kind:person",
    "year": "year:1985",
    "after": "after:2013",
    "before": "before:2022-07",
    "from": "from:2013",
    "to": "to:2022",
    "note": "note:motive",
}


def _unquote(value: str) -> str:
    return value.replace('"', "")


def _field_term(key: str, value: str, negated: bool) -> Term:
    if key == "kind":
        kind = _KIND_SYNONYMS.get(value.lower(), value.lower())
        if kind not in ENTITY_KINDS:
            raise QueryError(f'unknown kind "{value}"; kinds are ' + ", ".join(ENTITY_KINDS))
        return Term(key, kind, negated)
    if key in DATE_FIELDS:
        try:
            date = parse_partial_date(value)
        except DateError as error:
            reason = f" ({error.reason})" if error.reason else ""
            raise QueryError(
                f'"{key}:{value}" needs a date like 1985, 1985-02 or 1985-02-07{reason}'
            ) from None
        if key == "year" and date.precision.value != "year":
            raise QueryError(f'"year:{value}" needs a year such as 1985')
        return Term(key, value, negated, date)
    # Runs of spaces as one, as in the names searched ("caro  quintero").
    return Term(key, " ".join(fold(value).split()), negated)


def _apply(term: Term, index: TimelineIndex, positions: Sequence[int]) -> list[int]:
    """The positions (sorted) that satisfy one term."""
    negated = term.negated
    if term.field == "text":
        return _apply_text(term.value, negated, index, positions)
    members = _members(term, index)
    if negated:
        return [p for p in positions if p not in members]
    return [p for p in positions if p in members]


def _apply_text(
    needle: str, negated: bool, index: TimelineIndex, positions: Sequence[int]
) -> list[int]:
    """Words match an event's own text or the names of its entities. Names are
    matched once per entity, so each event's own (shorter) text is all that is scanned;
    an event's entities are looked at only when its own text does not match."""
    own = index.haystacks
    named = index.entities_named(needle)
    whole = len(positions) == len(own)  # the whole timeline: enumerate is the fastest scan
    if not named:
        if negated:
            return [p for p in positions if needle not in own[p]]
        if whole:
            return [i for i, text in enumerate(own) if needle in text]
        return [p for p in positions if needle in own[p]]
    # A set of those entities' events costs a step per event of each; testing
    # each scanned event's entities costs more a test, but only where its own
    # text does not match: the set wins unless the entities are in most events.
    if sum(index.event_count(i) for i in named) <= 2 * len(positions):
        members = frozenset(p for i in named for p in index.positions_of(i))
        if negated:
            return [p for p in positions if needle not in own[p] and p not in members]
        if whole:
            return [i for i, text in enumerate(own) if i in members or needle in text]
        return [p for p in positions if p in members or needle in own[p]]
    involved = index.involved
    if negated:
        return [p for p in positions if needle not in own[p] and named.isdisjoint(involved[p])]
    if whole:
        return [
            i for i, text in enumerate(own) if needle in text or not named.isdisjoint(involved[i])
        ]
    return [p for p in positions if needle in own[p] or not named.isdisjoint(involved[p])]


def _apply_marks(
    terms: Iterable[Term], index: TimelineIndex, found: Sequence[int], marks: Marks
) -> Sequence[int]:
    """`found` narrowed by the mark terms among `terms`.

    Marks are few (typed by a person): a wanted mark is looked up by id and
    checked against `found`; only an excluded one scans `found`.
    """
    position_by_id = index.position_by_id
    for term in terms:
        if not term.is_mark:
            continue
        ids = marks.starred if term.field == STARRED else marks.noted_containing(term.value)
        members = frozenset(p for i in ids if (p := position_by_id.get(i)) is not None)
        if term.negated:
            found = [p for p in found if p not in members]
        elif isinstance(found, range):
            found = sorted(p for p in members if p in found)
        else:
            found = [p for p in sorted(members) if _index_in(found, p)]
    return found


def _index_in(ascending: Sequence[int], value: int) -> bool:
    at = bisect_left(ascending, value)
    return at < len(ascending) and ascending[at] == value


class _Members:
    """A set of positions as a range plus a few extras: `after:1900` needs no 100k-element set."""

    def __init__(self, span: range, extra: Iterable[int] = ()) -> None:
        self.span = span
        self.extra = frozenset(extra)

    def __contains__(self, position: object) -> bool:
        return position in self.span or position in self.extra


def _members(term: Term, index: TimelineIndex) -> _Members | frozenset[int]:
    if term.field == "tag":
        return frozenset(index.positions_by_tag.get(term.value, ()))
    if term.field == "entity":
        wanted = resolve_entities(index, term.value)
        return frozenset(p for entity_id in wanted for p in index.positions_of(entity_id))
    if term.field == "kind":
        return frozenset(
            p
            for entity in index.timeline.entities
            if entity.kind == term.value
            for p in index.positions_of(entity.id)
        )
    assert term.date is not None
    return _date_members(term.field, term.date, index)


def _date_members(field_name: str, date: PartialDate, index: TimelineIndex) -> _Members:
    """Events are sorted by first day, so a date condition is mostly one range (a bisection)."""
    days, first, last, count = index.first_days, date.first_day, date.last_day, len(index)
    if field_name == "reported":  # first reported within the date (few events carry one)
        return _Members(
            range(0),
            (
                p
                for p, event in enumerate(index.events)
                if event.reported
                and event.reported.last_day >= first
                and event.reported.first_day <= last
            ),
        )
    # after: and before: look at where an event starts: the first day of its
    # date's span. A date known only to the year, the decade (198X) or the
    # century counts from that span's first day, as any coarse date does:
    # 198X is before:1985 and not after:1985. year:, from: and to: take any
    # overlap with the span.
    if field_name == "after":  # starts after the date
        return _Members(range(bisect_right(days, last), count))
    if field_name == "before":  # starts before the date
        return _Members(range(bisect_left(days, first)))
    if field_name == "to":  # starts no later than the date
        return _Members(range(bisect_right(days, last)))
    if field_name == "from":
        return _overlapping_from(index, first, range(count))
    # year: overlaps the year, both ends included
    return _overlapping_from(index, first, range(bisect_right(days, last)))


def _end(event: Event) -> DayKey:
    # An ongoing period (end: ..) overlaps every later date.
    return event.reach


def _overlapping_from(index: TimelineIndex, first: DayKey, within: range) -> _Members:
    """Events in `within` that end on or after `first`: those starting from it, plus
    earlier ones still running then (a coarse date around it, or a period)."""
    cut = bisect_left(index.first_days, first)
    events = index.events
    extra = [p for p in index.period_positions if p < cut and _end(events[p]) >= first]
    # A dated (not period) event that starts before `first` but ends after it is
    # a coarser date around it: same year, just before the cut.
    p = min(cut, within.stop) - 1
    while p >= 0 and events[p].date.year >= first[0]:
        if _end(events[p]) >= first:
            extra.append(p)
        p -= 1
    return _Members(range(cut, within.stop), (e for e in extra if e < within.stop))


def resolve_entities(index: TimelineIndex, value: str) -> frozenset[str]:
    """Entities named by an `entity:` value: the exact id, else any name or alias containing it."""
    if value in index.entity_by_id:
        return frozenset((value,))
    # Names are folded with their whitespace runs made one space, one per line;
    # the value has no newline, so it cannot match across two names.
    return index.entities_named(value)


def _implies(term: Term, earlier: Term) -> bool:
    """Whether every event matching `term` also matches `earlier`."""
    if term == earlier:
        return True
    return (
        term.field == earlier.field == "text"
        and not term.negated
        and not earlier.negated
        and earlier.value in term.value
    )


class _Results:
    """Recent results over one whole timeline, most recent last.

    With the timeline's word index built, each condition is looked up as a
    bitmap (remembered too) and the conditions are intersected; without it,
    a query is scanned, starting from the narrowest earlier result it refines.
    """

    SIZE = 64
    TERM_SIZE = 256

    def __init__(self, index: TimelineIndex) -> None:
        # Held weakly: these results are kept for as long as the index lives, by a
        # WeakKeyDictionary that a reference back to the index would keep forever.
        self._index = ref(index)
        self.cache: OrderedDict[tuple[Term, ...], Sequence[int]] = OrderedDict()
        # Per condition (never negated: the complement is one operation away).
        # Bound to the weak reference, not to self: no cycle to outlive the index.
        self._term_bits = lru_cache(maxsize=self.TERM_SIZE)(partial(_term_bits_of, self._index))
        self._lock = Lock()  # warmed from a thread while the UI queries

    @property
    def index(self) -> TimelineIndex:
        return _alive(self._index)

    def select(self, query: Query) -> Sequence[int]:
        key = tuple(sorted(set(query.terms), key=str))
        with self._lock:
            found = self.cache.get(key)
            if found is not None:
                self.cache.move_to_end(key)
                return found
        count = len(self.index)
        if self.index.word_index is not None:
            bits = self._bits(key)
            found = range(count) if bits == bitset.every(count) else bitset.positions(bits, count)
        else:
            base, done = self._narrowest_base(key)
            todo = [term for term in key if term not in done]
            found = query._apply_terms(self.index, base, todo)
        # Immutable, since it is handed out again: the caller may keep it but not change it.
        found = found if isinstance(found, range) else tuple(found)
        with self._lock:
            self.cache[key] = found
            if len(self.cache) > self.SIZE:
                self.cache.popitem(last=False)
        return found

    def _bits(self, terms: tuple[Term, ...]) -> int:
        count = len(self.index)
        bits = bitset.every(count)
        for term in terms:
            matching = self.bits_of(msgspec.structs.replace(term, negated=False))
            bits &= (bitset.every(count) ^ matching) if term.negated else matching
            if not bits:
                break
        return bits

    def bits_of(self, term: Term) -> int:
        """The events satisfying a (not negated) condition, as a bitmap."""
        return self._term_bits(term)

    def _narrowest_base(self, terms: tuple[Term, ...]) -> tuple[Sequence[int], set[Term]]:
        # A base holding most of the timeline saves nothing: a scan of the whole
        # search text (by enumerate) is faster than one through a position list.
        base: Sequence[int] = range(len(self.index))
        done: set[Term] = set()
        with self._lock:
            earlier_results = list(self.cache.items())
        for earlier, result in earlier_results:
            if len(result) < min(len(base), len(self.index) // 2 + 1) and all(
                any(_implies(term, e) for term in terms) for e in earlier
            ):
                base, done = result, set(earlier)
        return base, done


def _alive(index: ref[TimelineIndex]) -> TimelineIndex:
    found = index()
    assert found is not None, "results outlived their index"
    return found


def _term_bits_of(index: ref[TimelineIndex], term: Term) -> int:
    return _term_bits(term, _alive(index))


def _term_bits(term: Term, index: TimelineIndex) -> int:
    count = len(index)
    if term.field == "text":
        return _text_bits(term.value, index)
    members = _members(term, index)
    if isinstance(members, _Members):
        span = members.span
        return bitset.span(span.start, span.stop) | bitset.from_positions(members.extra, count)
    return bitset.from_positions(members, count)


def _text_bits(needle: str, index: TimelineIndex) -> int:
    """Events whose own text or whose entities' names contain `needle`, from the word index."""
    words = index.prepare_word_index()
    parts = needle.split(" ")
    if len(parts) == 1:
        return words.containing(needle)
    count = len(index)
    candidates = bitset.every(count)
    for part in parts:
        candidates &= words.containing(part)
        if not candidates:
            return 0
    # Each word of the phrase occurs: whether they occur together, in order, is checked.
    own = index.haystacks
    members = frozenset(p for i in index.entities_named(needle) for p in index.positions_of(i))
    return bitset.from_positions(
        (p for p in bitset.positions(candidates, count) if p in members or needle in own[p]),
        count,
    )


_RESULTS: WeakKeyDictionary[TimelineIndex, _Results] = WeakKeyDictionary()
_RESULTS_LOCK = Lock()


def _results_of(index: TimelineIndex) -> _Results:
    with _RESULTS_LOCK:
        results = _RESULTS.get(index)
        if results is None:
            results = _RESULTS[index] = _Results(index)
        return results


# Typed first and found in nearly every event, so the slowest to look up.
_FIRST_TYPED = string.ascii_lowercase + string.digits


def prepare_search(index: TimelineIndex, pause: Callable[[], None] | None = None) -> None:
    """Build the word index, and the events holding each single letter or digit.

    Worth its time (a second at 100,000 events) where many queries follow, in a
    UI's background; a single query is answered faster by a scan. `pause` is
    called between steps of a few milliseconds (a thread can wait there while
    the user types).
    """
    index.prepare_word_index(pause)
    results = _results_of(index)
    for character in _FIRST_TYPED:
        if pause is not None:
            pause()
        results.bits_of(Term("text", character))

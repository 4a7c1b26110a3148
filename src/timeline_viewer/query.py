"""The filter language, one for the CLI and the TUI.

    trevino "exact phrase" -excluded entity:caro-quintero tag:dea kind:person
    year:1985 after:2013 before:2022-07 from:2013 to:2022

`parse_query` turns text into a `Query` value (or raises QueryError);
`Query.select` applies it to a `TimelineIndex`. Words are ANDed and matched
case- and accent-insensitively over titles, summaries, tags and the names and
aliases of each event's entities.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from timeline_viewer.dates import DateError, DayKey, PartialDate, parse_partial_date
from timeline_viewer.index import TimelineIndex
from timeline_viewer.model import ENTITY_KINDS, Event
from timeline_viewer.text import fold

TEXT_FIELDS = ("entity", "tag", "kind")
DATE_FIELDS = ("year", "after", "before", "from", "to")
FIELDS = TEXT_FIELDS + DATE_FIELDS
_Predicate = Callable[[int], bool]
_KIND_SYNONYMS = {"org": "organization", "organisation": "organization", "people": "person"}


class QueryError(ValueError):
    """A query that cannot be understood; the message says why."""


@dataclass(frozen=True)
class Term:
    """One condition. `field` is "text" for words and phrases."""

    field: str
    value: str
    negated: bool = False
    date: PartialDate | None = None

    def __str__(self) -> str:
        value = f'"{self.value}"' if " " in self.value or not self.value else self.value
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

    def select(self, index: TimelineIndex, within: Iterable[int] | None = None) -> list[int]:
        """Positions of the matching events, chronological, optionally among `within` only."""
        positions = list(range(len(index))) if within is None else list(within)
        for term in self.terms:
            if not positions:
                break
            positions = _apply(term, index, positions)
        return positions

    def matches(self, index: TimelineIndex, position: int) -> bool:
        return bool(self.select(index, (position,)))


def parse_query(text: str) -> Query:
    """Parse the filter language; raise QueryError with a readable message."""
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
    if colon and not name.startswith('"') and name.isalpha():
        key = name.lower()
        if key not in FIELDS:
            hint = difflib.get_close_matches(key, FIELDS, n=1)
            did_you_mean = f"did you mean {hint[0]}:? " if hint else ""
            raise QueryError(
                f'unknown filter "{name}:"; {did_you_mean}known filters are '
                + ", ".join(f"{f}:" for f in FIELDS)
                + "; put text with a colon in quotes"
            )
        value = _unquote(rest)
        if not value.strip():
            raise QueryError(f'"{key}:" needs a value, as in {_EXAMPLES[key]}')
        return _field_term(key, value.strip(), negated)
    value = _unquote(token) if quoted else token
    folded = " ".join(fold(value).split())
    if not folded:
        raise QueryError('empty phrase "": put words between the quotes')
    return Term("text", folded, negated)


_EXAMPLES = {
    "entity": "entity:caro-quintero",
    "tag": "tag:dea",
    "kind": "kind:person",
    "year": "year:1985",
    "after": "after:2013",
    "before": "before:2022-07",
    "from": "from:2013",
    "to": "to:2022",
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
        except DateError:
            raise QueryError(
                f'"{key}:{value}" needs a date like 1985, 1985-02 or 1985-02-07'
            ) from None
        if key == "year" and date.precision.value != "year":
            raise QueryError(f'"year:{value}" needs a year such as 1985')
        return Term(key, value, negated, date)
    return Term(key, fold(value), negated)


def _event_bounds(event: Event) -> tuple[DayKey, DayKey]:
    return event.date.first_day, (event.end or event.date).last_day


def _apply(term: Term, index: TimelineIndex, positions: list[int]) -> list[int]:
    keep = _predicate(term, index)
    if term.negated:
        return [p for p in positions if not keep(p)]
    return [p for p in positions if keep(p)]


def _predicate(term: Term, index: TimelineIndex) -> _Predicate:
    events = index.events
    if term.field == "text":
        haystacks = index.haystacks
        needle = term.value
        return lambda p: needle in haystacks[p]
    if term.field == "tag":
        return lambda p: any(fold(tag) == term.value for tag in events[p].tags)
    if term.field == "entity":
        wanted = _resolve_entities(index, term.value)
        return lambda p: not wanted.isdisjoint(events[p].entity_ids)
    if term.field == "kind":
        kinds = {e.id for e in index.timeline.entities if e.kind == term.value}
        return lambda p: not kinds.isdisjoint(events[p].entity_ids)
    assert term.date is not None
    first, last = term.date.first_day, term.date.last_day
    if term.field == "after":
        return lambda p: events[p].date.first_day > last
    if term.field == "before":
        return lambda p: events[p].date.first_day < first
    if term.field == "from":
        return lambda p: _event_bounds(events[p])[1] >= first
    if term.field == "to":
        return lambda p: _event_bounds(events[p])[0] <= last
    # year: the event overlaps the year
    return lambda p: _event_bounds(events[p])[1] >= first and _event_bounds(events[p])[0] <= last


def _resolve_entities(index: TimelineIndex, value: str) -> frozenset[str]:
    """Entities named by an `entity:` value: the exact id, else any name or alias containing it."""
    if value in index.entity_by_id:
        return frozenset((value,))
    return frozenset(
        e.id for e in index.timeline.entities if any(value in fold(n) for n in e.names)
    )

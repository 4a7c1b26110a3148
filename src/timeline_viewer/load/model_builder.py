"""From schema-valid pieces to the model: the checks that span a whole file.

Unique ids, references that resolve, dates that exist, periods that end after
they start. Both ways of loading (the fast parser and the located one) end
here, so a file is valid or not whichever parser read it.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from timeline_viewer.domain.dates import (
    DateError,
    OpenEnd,
    PartialDate,
    parse_open_end,
    parse_partial_date,
)
from timeline_viewer.domain.model import (
    Background,
    Entity,
    Event,
    Media,
    Relation,
    Source,
    Timeline,
    chronological,
)
from timeline_viewer.load.schema import (
    BackgroundSpec,
    EntitySpec,
    EventSpec,
    MediaSpec,
    SourceSpec,
)
from timeline_viewer.runtime import release_list

Path = tuple[str | int, ...]
Report = Callable[[Path, str], None]
LineOf = Callable[[Path, str], int]
_Item = TypeVar("_Item")


@dataclass
class Pieces:
    """The schema-valid parts of a file, each with where it was found."""

    title: str | None
    description: str | None = None
    media: MediaSpec | None = None
    background: BackgroundSpec | None = None
    title_headline: str | None = None
    sources: list[tuple[Path, SourceSpec]] = field(default_factory=list)
    # Or the sources without their paths, each at its place in the file's list
    # (the fast way: 140,000 path tuples were 20 MB at the peak of a load).
    source_specs: list[SourceSpec] = field(default_factory=list)
    entities: list[tuple[Path, EntitySpec]] = field(default_factory=list)
    events: list[tuple[Path, EventSpec]] = field(default_factory=list)
    # Ids of items that failed the schema check: references to them are not
    # reported again as unknown.
    invalid_ids: dict[str, set[str]] = field(default_factory=dict)
    # Ids of sources in the file, valid, but not read here (a big broken file's
    # sources, read clean the fast way, are left out of its careful re-read).
    sources_left_out: Collection[str] = ()

    def release(self) -> None:
        """Let go of the parsed items a step at a time (see `release_list`)."""
        for section in (self.events, self.entities, self.sources):
            release_list(section)
        release_list(self.source_specs)

    def numbered_sources(self) -> Iterator[tuple[Path, SourceSpec]]:
        """Each source with its path."""
        yield from self.sources
        for number, spec in enumerate(self.source_specs):
            yield ("sources", number), spec

    def consumed_sources(self) -> Iterator[tuple[Path, SourceSpec]]:
        """Each source with its path, taken out of the pieces as it is given."""
        yield from _consumed(self.sources)
        for number, spec in enumerate(_consumed(self.source_specs)):
            yield ("sources", number), spec


def build_timeline(
    pieces: Pieces, report: Report, line_of: LineOf, *, keep: bool = True
) -> Timeline | None:
    """Check everything that spans items; the Timeline if nothing was reported.

    Consumes the items of `pieces` (emptied as they are built). `keep` False:
    only check (the caller would throw the timeline away).
    """
    return _Builder(pieces, report, line_of).build(keep=keep)


def media(spec: MediaSpec | None) -> Media | None:
    if spec is None:
        return None
    return Media(spec.url, spec.caption, spec.credit, spec.thumbnail, spec.alt)


def background(spec: BackgroundSpec | None) -> Background | None:
    if spec is None:
        return None
    return Background(spec.url, spec.color, spec.alt)


def _consumed(items: list[_Item]) -> Iterator[_Item]:
    """The items of `items` in order, each taken out of it as it is given."""
    items.reverse()
    while items:
        yield items.pop()


class _Builder:
    def __init__(self, pieces: Pieces, report: Report, line_of: LineOf) -> None:
        self.pieces = pieces
        self.problems = 0

        def counted(path: Path, message: str) -> None:
            self.problems += 1
            report(path, message)

        self.report = counted
        self.line_of = line_of
        self.entity_kinds = {spec.id: spec.kind for _, spec in pieces.entities}
        self.source_ids = {spec.id for _, spec in pieces.numbered_sources()}
        self.source_ids.update(pieces.sources_left_out)
        self.dates: dict[str | int, PartialDate] = {}

    def build(self, *, keep: bool) -> Timeline | None:
        pieces = self.pieces
        self._unique(pieces.numbered_sources(), "source")
        self._unique(pieces.entities, "entity")
        self._unique(pieces.events, "event")
        # Each item's piece is let go of as its item is built: at 100,000
        # events, the pieces and the events together were 30 MB more at peak
        # (and 140,000 sources some 20 MB).
        sources = [self._source(path, spec) for path, spec in pieces.consumed_sources()]
        entities = [self._entity(path, spec) for path, spec in _consumed(pieces.entities)]
        events = [self._event(path, spec) for path, spec in _consumed(pieces.events)]
        if pieces.title is None or self.problems or not keep:
            # Let go of a step at a time: a whole timeline's events dropped at
            # once held the interpreter for 100 ms in a thread reloading a
            # broken save (see `release`).
            release_list(events)
            return None
        return Timeline(
            title=pieces.title.strip(),
            description=pieces.description,
            media=media(pieces.media),
            background=background(pieces.background),
            title_headline=pieces.title_headline,
            sources=tuple(sources),
            entities=tuple(entities),
            events=chronological([e for e in events if e is not None]),
        )

    def _unique(
        self, items: Iterable[tuple[Path, SourceSpec | EntitySpec | EventSpec]], what: str
    ) -> None:
        first_seen: dict[str, Path] = {}
        for path, spec in items:
            first = first_seen.setdefault(spec.id, path)
            if first != path:
                line = self.line_of(first, spec.id)
                where = f" (first at line {line})" if line else ""
                self.report((*path, "id"), f'duplicate {what} id "{spec.id}"{where}')

    def _known(self, path: Path, ref: str, known: Collection[str], what: str, section: str) -> None:
        if ref in known or ref in self.pieces.invalid_ids.get(section, ()):
            return
        guess = difflib.get_close_matches(ref, list(known), n=1)
        hint = f'; did you mean "{guess[0]}"?' if guess else ""
        self.report(path, f'unknown {what} "{ref}"{hint}')

    def _date(self, path: Path, value: str | int | None) -> PartialDate | None:
        if value is None:
            return None
        known = self.dates.get(value)
        if known is not None:
            return known
        try:
            date = parse_partial_date(str(value))
        except DateError as error:
            self.report(path, str(error))
            return None
        # Dates repeat a lot in big files; equal values can share one object.
        self.dates[value] = date
        return date

    def _text(self, path: Path, value: str) -> str:
        stripped = value.strip()
        if not stripped:
            self.report(path, "must not be blank")
        return stripped

    def _source(self, path: Path, spec: SourceSpec) -> Source:
        return Source(
            id=spec.id,
            title=self._text((*path, "title"), spec.title),
            publisher=spec.publisher,
            published=self._date((*path, "published"), spec.published),
            url=spec.url,
            line=self.line_of(path, spec.id),
        )

    def _entity(self, path: Path, spec: EntitySpec) -> Entity:
        for i, relation in enumerate(spec.related):
            where = (*path, "related", i, "entity")
            self._known(where, relation.entity, self.entity_kinds, "entity", "entities")
        born = self._date((*path, "born"), spec.born)
        died = self._date((*path, "died"), spec.died)
        if born and died and died.last_day < born.first_day:
            self.report((*path, "died"), f"died ({died}) before born ({born})")
        return Entity(
            id=spec.id,
            name=self._text((*path, "name"), spec.name),
            kind=spec.kind,
            aliases=tuple(spec.aliases),
            summary=spec.summary,
            related=tuple(Relation(r.entity, r.relation) for r in spec.related),
            born=born,
            died=died,
            line=self.line_of(path, spec.id),
        )

    def _event(self, path: Path, spec: EventSpec) -> Event | None:
        # The hot loop of a 100,000-event load: the common case is checked with
        # set lookups and only a problem takes the slow, reporting path.
        kinds = self.entity_kinds
        date = self._date((*path, "date"), spec.date)
        open_end: OpenEnd | None = None
        end = None
        if isinstance(spec.end, str):
            open_end = parse_open_end(spec.end)
        if spec.end is not None and open_end is None:
            end = self._date((*path, "end"), spec.end)
        # Spans, not days: a period from 198X to 1985 ends after it can have started.
        if date and end and end.last_day < date.first_day:
            self.report((*path, "end"), f"the period ends ({end}) before it starts ({date})")
        for i, ref in enumerate(spec.entities):
            if ref not in kinds:
                self._known((*path, "entities", i), ref, kinds, "entity", "entities")
        place = spec.place
        if place is not None and kinds.get(place, "place") != "place":
            self.report(
                (*path, "place"), f'"{place}" is an entity of kind {kinds[place]}, not a place'
            )
        elif place is not None and place not in kinds:
            self._known((*path, "place"), place, kinds, "place", "entities")
        for i, ref in enumerate(spec.sources):
            if ref not in self.source_ids:
                self._known((*path, "sources", i), ref, self.source_ids, "source", "sources")
        reported = None if spec.reported is None else self._date((*path, "reported"), spec.reported)
        title = spec.title.strip()
        if not title:
            self.report((*path, "title"), "must not be blank")
        if date is None:
            return None
        entities = spec.entities
        return Event(
            id=spec.id,
            date=date,
            end=end,
            title=title,
            summary=spec.summary,
            entities=tuple(entities)
            if len(set(entities)) == len(entities)
            else tuple(dict.fromkeys(entities)),
            place=place,
            tags=tuple(spec.tags),
            sources=tuple(spec.sources),
            note=spec.note,
            reported=reported,
            media=None if spec.media is None else media(spec.media),
            display_date=spec.display_date,
            background=None if spec.background is None else background(spec.background),
            line=self.line_of(path, spec.id),
            open_end=open_end,
        )

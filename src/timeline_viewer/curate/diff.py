"""What changed between two versions of a timeline, and three ways to show it.

Items are matched by id. An event is reported once per kind of change (a
redated and retitled event is in both lists); the `line` of items is not
data, so moving an item within the file is no change. An event removed
under one id and added under another, with everything else identical, is a
changed id rather than a removal plus an addition.

`render_json` writes this shape (version 1; every key always present, lists
possibly empty, items in the new file's chronological order, removed ones in
the old file's):

    {
      "version": 1,
      "summary": "2 events added, 1 redated",
      "title": {"old": "...", "new": "..."} | null,
      "description_changed": false,
      "front_changed": [],           # of "media", "background", "title_headline"
      "events": {
        "added":     [{"id", "title", "date", "end", "when"}],
        "removed":   [{"id", "title", "date", "end", "when"}],
        "id_changed":[{"old_id", "new_id", "title"}],
        "redated":   [{"id", "title", "old": {"date", "end", "when"}, "new": {...}}],
        "retitled":  [{"id", "old", "new"}],
        "resourced": [{"id", "title", "added": [ids], "removed": [ids]}],
        "edited":    [{"id", "title", "fields": [names], "parts"?}]
      },
      "entities": {
        "added":   [{"id", "name", "kind"}],
        "removed": [{"id", "name", "kind"}],
        "renamed": [{"id", "old", "new"}],
        "edited":  [{"id", "name", "fields": [names]}]
      },
      "sources": {
        "added":   [{"id", "title"}],
        "removed": [{"id", "title"}],
        "edited":  [{"id", "title", "fields": [names]}]
      }
    }

An event's `media` and `background` hold fields of their own: where one of
them is among an edit's `fields`, the entry has `"parts": {"media": {"change":
"added" | "removed" | "changed", "fields": [names]}}` (the fields set, or for
"changed" the ones that differ), and the text and Markdown say
`media (caption, credit changed)` or `media (added)`.

`date` and `end` are EDTF text (`1985-02-07`, `1985~`; `end` may be null),
`when` the display form ("7 Feb 1985"). Field names are the file's own.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

import msgspec

from timeline_viewer.domain.dates import OpenEnd, PartialDate, end_text
from timeline_viewer.domain.markdown_text import inline
from timeline_viewer.domain.model import Entity, Event, Source, Timeline
from timeline_viewer.domain.text import sanitize, single_line

__all__ = [
    "EntityBrief",
    "EntityRenamed",
    "EventBrief",
    "EventIdChanged",
    "EventRedated",
    "EventResourced",
    "EventRetitled",
    "ItemEdited",
    "PartChange",
    "RevisionError",
    "SourceBrief",
    "TimelineDiff",
    "diff_as_data",
    "diff_timelines",
    "is_revision_spec",
    "read_revision",
    "render_json",
    "render_markdown",
    "render_text",
    "summary_line",
]

JSON_VERSION = 1

# Fields compared for "edited", one name each: a field holding fields (media,
# background) is compared field by field on its own. The ones with their own
# change kinds (date/end, title, sources, name) and `line` (a position, not
# data) are not here.
_EVENT_FIELDS = (
    "summary",
    "entities",
    "place",
    "tags",
    "note",
    "reported",
    "media",
    "display_date",
    "background",
)
_ENTITY_FIELDS = ("kind", "aliases", "summary", "related", "born", "died")
_SOURCE_FIELDS = ("title", "publisher", "published", "url")


@dataclass(frozen=True)
class _Kind:
    """One kind of change: its list in TimelineDiff is `{group}_{key}`, its JSON
    place `{group: {key: [...]}}`, its words "2 events {verb}" and the heading
    "Events {verb}". Each change item words itself for a kind (`_text`,
    `_markdown`, `_data`): an added and a removed brief differ only in sign."""

    group: str
    key: str
    verb: str

    @property
    def heading(self) -> str:
        return f"{self.group.capitalize()} {self.verb}"

    @property
    def sign(self) -> str:
        return "-" if self.key == "removed" else "+"

    @property
    def label(self) -> str:
        """What an entry's title or name is called in JSON."""
        return "name" if self.group == "entities" else "title"


@dataclass(frozen=True)
class EventBrief:
    """An event added or removed."""

    id: str
    title: str
    date: PartialDate
    end: PartialDate | None
    when: str
    open_end: OpenEnd | None = None

    def _text(self, kind: _Kind) -> str:
        return f"{kind.sign} {self.id}  {self.when}  {_one(self.title)}"

    def _markdown(self, kind: _Kind) -> str:
        return f"{_code(self.id)} {inline(self.when)}: {inline(self.title)}"

    def _data(self, kind: _Kind) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            **_when(self.date, self.end, self.when, self.open_end),
        }


@dataclass(frozen=True)
class EventIdChanged:
    old_id: str
    new_id: str
    title: str

    def _text(self, kind: _Kind) -> str:
        return f"{self.old_id} -> {self.new_id}  {_one(self.title)}"

    def _markdown(self, kind: _Kind) -> str:
        return f"{_code(self.old_id)} → {_code(self.new_id)}: {inline(self.title)}"

    def _data(self, kind: _Kind) -> dict[str, Any]:
        return {"old_id": self.old_id, "new_id": self.new_id, "title": self.title}


@dataclass(frozen=True)
class EventRedated:
    """`date` or `end` changed (an end of .. or unknown included); `old_when` and
    `new_when` are the display forms."""

    id: str
    title: str
    old_date: PartialDate
    old_end: PartialDate | None
    new_date: PartialDate
    new_end: PartialDate | None
    old_when: str
    new_when: str
    old_open_end: OpenEnd | None = None
    new_open_end: OpenEnd | None = None

    def _text(self, kind: _Kind) -> str:
        return f"{self.id}: {self.old_when} -> {self.new_when}  {_one(self.title)}"

    def _markdown(self, kind: _Kind) -> str:
        change = f"{inline(self.old_when)} → {inline(self.new_when)}"
        return f"{_code(self.id)} {change}: {inline(self.title)}"

    def _data(self, kind: _Kind) -> dict[str, Any]:
        old = _when(self.old_date, self.old_end, self.old_when, self.old_open_end)
        new = _when(self.new_date, self.new_end, self.new_when, self.new_open_end)
        return {"id": self.id, "title": self.title, "old": old, "new": new}


@dataclass(frozen=True)
class _Renamed:
    """A title or name changed: the words are the same for both."""

    id: str

    @property
    def _old_new(self) -> tuple[str, str]:
        raise NotImplementedError

    def _text(self, kind: _Kind) -> str:
        old, new = self._old_new
        return f'{self.id}: "{_one(old)}" -> "{_one(new)}"'

    def _markdown(self, kind: _Kind) -> str:
        old, new = self._old_new
        return f"{_code(self.id)} {inline(old)} → {inline(new)}"

    def _data(self, kind: _Kind) -> dict[str, Any]:
        old, new = self._old_new
        return {"id": self.id, "old": old, "new": new}


@dataclass(frozen=True)
class EventRetitled(_Renamed):
    old_title: str
    new_title: str

    @property
    def _old_new(self) -> tuple[str, str]:
        return self.old_title, self.new_title


@dataclass(frozen=True)
class EventResourced:
    """The sources list changed; `added`/`removed` are source ids (empty if only reordered)."""

    id: str
    title: str
    added: tuple[str, ...]
    removed: tuple[str, ...]

    def _text(self, kind: _Kind) -> str:
        signed = [f"+{i}" for i in self.added] + [f"-{i}" for i in self.removed]
        return f"{self.id}: {' '.join(signed) or 'reordered'}"

    def _markdown(self, kind: _Kind) -> str:
        added = [f"added {_code(source_id)}" for source_id in self.added]
        removed = [f"removed {_code(source_id)}" for source_id in self.removed]
        return f"{_code(self.id)} {inline(self.title)}: {', '.join(added + removed) or 'reordered'}"

    def _data(self, kind: _Kind) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "added": list(self.added),
            "removed": list(self.removed),
        }


@dataclass(frozen=True)
class PartChange:
    """A field holding fields (an event's `media` or `background`) added, removed or
    changed; `fields` are the ones set (added, removed) or that differ (changed)."""

    field: str
    change: Literal["added", "removed", "changed"]
    fields: tuple[str, ...]

    @property
    def words(self) -> str:
        """ "media (added)", "media (caption, credit changed)": field names, so plain text."""
        if self.change == "changed":
            return f"{self.field} ({', '.join(self.fields)} changed)"
        return f"{self.field} ({self.change})"


@dataclass(frozen=True)
class ItemEdited:
    """Other fields of an event, entity or source changed; `label` is its title or name.

    `parts` says how each changed field holding fields changed, in `fields` order.
    """

    id: str
    label: str
    fields: tuple[str, ...]
    parts: tuple[PartChange, ...] = ()

    @property
    def _words(self) -> str:
        parts = {part.field: part.words for part in self.parts}
        return ", ".join(parts.get(name, name) for name in self.fields)

    def _text(self, kind: _Kind) -> str:
        return f"{self.id}: {self._words}"

    def _markdown(self, kind: _Kind) -> str:
        return f"{_code(self.id)} {inline(self.label)}: {self._words}"

    def _data(self, kind: _Kind) -> dict[str, Any]:
        entry: dict[str, Any] = {"id": self.id, kind.label: self.label, "fields": list(self.fields)}
        if self.parts:
            # Only where a field holding fields changed, so that other edits'
            # entries keep their three keys.
            entry["parts"] = {
                p.field: {"change": p.change, "fields": list(p.fields)} for p in self.parts
            }
        return entry


@dataclass(frozen=True)
class EntityBrief:
    id: str
    name: str
    kind: str

    def _text(self, kind: _Kind) -> str:
        return f"{kind.sign} {self.id}  {_one(self.name)} ({self.kind})"

    def _markdown(self, kind: _Kind) -> str:
        return f"{_code(self.id)} {inline(self.name)} ({self.kind})"

    def _data(self, kind: _Kind) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind}


@dataclass(frozen=True)
class EntityRenamed(_Renamed):
    old_name: str
    new_name: str

    @property
    def _old_new(self) -> tuple[str, str]:
        return self.old_name, self.new_name


@dataclass(frozen=True)
class SourceBrief:
    id: str
    title: str

    def _text(self, kind: _Kind) -> str:
        return f"{kind.sign} {self.id}  {_one(self.title)}"

    def _markdown(self, kind: _Kind) -> str:
        return f"{_code(self.id)} {inline(self.title)}"

    def _data(self, kind: _Kind) -> dict[str, Any]:
        return {"id": self.id, "title": self.title}


_Change = (
    EventBrief
    | EventIdChanged
    | EventRedated
    | EventRetitled
    | EventResourced
    | ItemEdited
    | EntityBrief
    | EntityRenamed
    | SourceBrief
)

# Every kind of change, in the order every output lists them; adding one is a
# row here and a list in TimelineDiff.
_KINDS = (
    _Kind("events", "added", "added"),
    _Kind("events", "removed", "removed"),
    _Kind("events", "id_changed", "with a new id"),
    _Kind("events", "redated", "redated"),
    _Kind("events", "retitled", "retitled"),
    _Kind("events", "resourced", "re-sourced"),
    _Kind("events", "edited", "edited"),
    _Kind("entities", "added", "added"),
    _Kind("entities", "removed", "removed"),
    _Kind("entities", "renamed", "renamed"),
    _Kind("entities", "edited", "edited"),
    _Kind("sources", "added", "added"),
    _Kind("sources", "removed", "removed"),
    _Kind("sources", "edited", "edited"),
)


@dataclass(frozen=True)
class TimelineDiff:
    """Every change from an old timeline to a new one, each list in a stable order."""

    events_added: tuple[EventBrief, ...] = ()
    events_removed: tuple[EventBrief, ...] = ()
    events_id_changed: tuple[EventIdChanged, ...] = ()
    events_redated: tuple[EventRedated, ...] = ()
    events_retitled: tuple[EventRetitled, ...] = ()
    events_resourced: tuple[EventResourced, ...] = ()
    events_edited: tuple[ItemEdited, ...] = ()
    entities_added: tuple[EntityBrief, ...] = ()
    entities_removed: tuple[EntityBrief, ...] = ()
    entities_renamed: tuple[EntityRenamed, ...] = ()
    entities_edited: tuple[ItemEdited, ...] = ()
    sources_added: tuple[SourceBrief, ...] = ()
    sources_removed: tuple[SourceBrief, ...] = ()
    sources_edited: tuple[ItemEdited, ...] = ()
    title: tuple[str, str] | None = None
    description_changed: bool = False
    # The timeline's own fields besides its title and description that changed
    # (names in `_FRONT_FIELDS`): what TimelineJS shows on its title slide.
    front_changed: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return self == TimelineDiff()

    def changes(self, kind: _Kind) -> tuple[_Change, ...]:
        changes: tuple[_Change, ...] = getattr(self, f"{kind.group}_{kind.key}")
        return changes


# --- computing -----------------------------------------------------------------


def diff_timelines(old: Timeline, new: Timeline) -> TimelineDiff:
    """The changes from `old` to `new`, items matched by id."""
    old_events = {e.id: e for e in old.events}
    new_events = {e.id: e for e in new.events}
    added = [e for e in new.events if e.id not in old_events]
    removed = [e for e in old.events if e.id not in new_events]
    id_changed, added, removed = _id_changes(added, removed)
    pairs = [(old_events[e.id], e) for e in new.events if e.id in old_events]
    redated = [
        EventRedated(
            n.id, n.title, o.date, o.end, n.date, n.end, o.when, n.when, o.open_end, n.open_end
        )
        for o, n in pairs
        if (o.date, o.end, o.open_end) != (n.date, n.end, n.open_end)
    ]
    retitled = [EventRetitled(n.id, o.title, n.title) for o, n in pairs if o.title != n.title]
    resourced = [_resourced(o, n) for o, n in pairs if o.sources != n.sources]
    old_entities = {e.id: e for e in old.entities}
    new_entities = {e.id: e for e in new.entities}
    entity_pairs = [(old_entities[e.id], e) for e in new.entities if e.id in old_entities]
    old_sources = {s.id: s for s in old.sources}
    source_pairs = [(old_sources[s.id], s) for s in new.sources if s.id in old_sources]
    new_source_ids = {s.id for s in new.sources}
    return TimelineDiff(
        events_added=tuple(_event_brief(e) for e in added),
        events_removed=tuple(_event_brief(e) for e in removed),
        events_id_changed=tuple(id_changed),
        events_redated=tuple(redated),
        events_retitled=tuple(retitled),
        events_resourced=tuple(resourced),
        events_edited=_edited(pairs, _EVENT_FIELDS, lambda e: e.title),
        entities_added=tuple(_entity_brief(e) for e in new.entities if e.id not in old_entities),
        entities_removed=tuple(_entity_brief(e) for e in old.entities if e.id not in new_entities),
        entities_renamed=tuple(
            EntityRenamed(n.id, o.name, n.name) for o, n in entity_pairs if o.name != n.name
        ),
        entities_edited=_edited(entity_pairs, _ENTITY_FIELDS, lambda e: e.name),
        sources_added=tuple(
            SourceBrief(s.id, s.title) for s in new.sources if s.id not in old_sources
        ),
        sources_removed=tuple(
            SourceBrief(s.id, s.title) for s in old.sources if s.id not in new_source_ids
        ),
        sources_edited=_edited(source_pairs, _SOURCE_FIELDS, lambda s: s.title),
        title=None if old.title == new.title else (old.title, new.title),
        description_changed=old.description != new.description,
        front_changed=tuple(f for f in _FRONT_FIELDS if getattr(old, f) != getattr(new, f)),
    )


# The timeline's own fields that `front_changed` names, as the file names them.
_FRONT_FIELDS = ("media", "background", "title_headline")


def _resourced(old: Event, new: Event) -> EventResourced:
    # Sets: an event citing 50,000 sources would otherwise scan one list per source.
    old_ids, new_ids = set(old.sources), set(new.sources)
    return EventResourced(
        new.id,
        new.title,
        tuple(s for s in new.sources if s not in old_ids),
        tuple(s for s in old.sources if s not in new_ids),
    )


def _id_changes(
    added: list[Event], removed: list[Event]
) -> tuple[list[EventIdChanged], list[Event], list[Event]]:
    """Pair removed and added events equal in all but id (and line); the rest stay as they were."""
    if not added or not removed:
        return [], added, removed

    def content(event: Event) -> Event:
        return msgspec.structs.replace(event, id="", line=0)

    # Each content's removed events, last first: the first is popped from the end
    # (5,000 identical reports renamed would make pop(0) quadratic).
    waiting: dict[Event, list[Event]] = {}
    for event in reversed(removed):
        waiting.setdefault(content(event), []).append(event)
    changed: list[EventIdChanged] = []
    matched_old: set[str] = set()
    still_added: list[Event] = []
    for event in added:
        candidates = waiting.get(content(event))
        if candidates:
            previous = candidates.pop()
            matched_old.add(previous.id)
            changed.append(EventIdChanged(previous.id, event.id, event.title))
        else:
            still_added.append(event)
    return changed, still_added, [e for e in removed if e.id not in matched_old]


_Item = TypeVar("_Item", Event, Entity, Source)


def _edited(
    pairs: Sequence[tuple[_Item, _Item]], names: tuple[str, ...], label: Callable[[_Item], str]
) -> tuple[ItemEdited, ...]:
    edits = []
    for old, new in pairs:
        fields = tuple(name for name in names if getattr(old, name) != getattr(new, name))
        if fields:
            parts = (_part_change(name, getattr(old, name), getattr(new, name)) for name in fields)
            edits.append(ItemEdited(new.id, label(new), fields, tuple(p for p in parts if p)))
    return tuple(edits)


def _set_fields(value: msgspec.Struct) -> tuple[str, ...]:
    return tuple(name for name in value.__struct_fields__ if getattr(value, name) is not None)


def _part_change(name: str, old: object, new: object) -> PartChange | None:
    """How a field holding fields changed; None for a plain field (text, ids, a date)."""
    if isinstance(old, msgspec.Struct) and isinstance(new, msgspec.Struct):
        differ = tuple(f for f in new.__struct_fields__ if getattr(old, f) != getattr(new, f))
        return PartChange(name, "changed", differ)
    if isinstance(new, msgspec.Struct):
        return PartChange(name, "added", _set_fields(new))
    if isinstance(old, msgspec.Struct):
        return PartChange(name, "removed", _set_fields(old))
    return None


def _event_brief(event: Event) -> EventBrief:
    return EventBrief(event.id, event.title, event.date, event.end, event.when, event.open_end)


def _entity_brief(entity: Entity) -> EntityBrief:
    return EntityBrief(entity.id, entity.name, entity.kind)


# --- words shared by the kinds of change -----------------------------------------------


def _one(text: str) -> str:
    # Loaded text is already sanitised, but a diff may be built from any two
    # timelines; one entry per line keeps the output greppable.
    return single_line(sanitize(text))


def _code(item_id: str) -> str:
    # Ids are slugs (a-z, 0-9, hyphens) in a loaded timeline; the guard keeps
    # a code span intact should a diff be built from other data.
    return f"`{item_id}`" if re.fullmatch(r"[A-Za-z0-9._-]+", item_id) else inline(item_id)


def _when(
    date: PartialDate, end: PartialDate | None, when: str, open_end: OpenEnd | None = None
) -> dict[str, Any]:
    # The end as the file writes it: a date, ".." or "unknown".
    return {"date": date.edtf(), "end": end_text(end, open_end), "when": when}


_SINGULAR = {"events": "event", "entities": "entity", "sources": "source"}


# --- summary ---------------------------------------------------------------------


def _count_phrases(diff: TimelineDiff) -> list[str]:
    """ "2 events added", "1 removed", ...: the noun only on the first count of each group."""
    phrases: list[str] = []
    named: set[str] = set()
    for kind in _KINDS:
        count = len(diff.changes(kind))
        if not count:
            continue
        noun = (
            "" if kind.group in named else f" {_SINGULAR[kind.group] if count == 1 else kind.group}"
        )
        named.add(kind.group)
        phrases.append(f"{count}{noun} {kind.verb}")
    if diff.title is not None:
        phrases.append("title changed")
    if diff.description_changed:
        phrases.append("description changed")
    if diff.front_changed:
        phrases.append("title slide changed")
    return phrases


def summary_line(diff: TimelineDiff) -> str:
    """One line such as "2 events added, 1 redated, 1 entity renamed", or "no changes"."""
    return ", ".join(_count_phrases(diff)) or "no changes"


# --- rendering -------------------------------------------------------------------


def render_text(diff: TimelineDiff) -> str:
    """Plain text: the summary line, then one section per kind of change."""
    lines = [summary_line(diff)]

    def section(heading: str, entries: list[str]) -> None:
        if entries:
            lines.extend(["", f"{heading}:", *(f"  {entry}" for entry in entries)])

    if diff.title is not None:
        section("Title changed", [f'"{_one(diff.title[0])}" -> "{_one(diff.title[1])}"'])
    if diff.description_changed:
        section("Description changed", ["the description was edited"])
    if diff.front_changed:
        section("Title slide changed", [", ".join(diff.front_changed)])
    for kind in _KINDS:
        section(kind.heading, [item._text(kind) for item in diff.changes(kind)])
    return "\n".join(lines) + "\n"


def render_markdown(diff: TimelineDiff) -> str:
    """CommonMark: a heading, the summary, then a `##` section with a list per kind of change."""
    lines = ["# Timeline changes", "", inline(summary_line(diff)) + "."]

    def section(heading: str, entries: list[str]) -> None:
        if entries:
            lines.extend(["", f"## {heading}", "", *(f"- {entry}" for entry in entries)])

    if diff.title is not None:
        old, new = diff.title
        section("Title changed", [f"{inline(old)} → {inline(new)}"])
    if diff.description_changed:
        section("Description changed", ["The description was edited."])
    if diff.front_changed:
        section("Title slide changed", [", ".join(f"`{f}`" for f in diff.front_changed)])
    for kind in _KINDS:
        section(kind.heading, [item._markdown(kind) for item in diff.changes(kind)])
    return "\n".join(lines) + "\n"


def diff_as_data(diff: TimelineDiff) -> dict[str, Any]:
    """The JSON shape documented at the top of this module, as plain data."""
    groups: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for kind in _KINDS:
        groups.setdefault(kind.group, {})[kind.key] = [i._data(kind) for i in diff.changes(kind)]
    return {
        "version": JSON_VERSION,
        "summary": summary_line(diff),
        "title": None if diff.title is None else {"old": diff.title[0], "new": diff.title[1]},
        "description_changed": diff.description_changed,
        "front_changed": list(diff.front_changed),
        **groups,
    }


def render_json(diff: TimelineDiff) -> str:
    """The diff as JSON (shape documented in the module docstring), indented, UTF-8 as is."""
    return json.dumps(diff_as_data(diff), indent=2, ensure_ascii=False) + "\n"


# --- reading a revision ------------------------------------------------------------


class RevisionError(Exception):
    """A `REV:path` that git cannot provide: no git, no repository, no such revision or path."""


_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


def is_revision_spec(spec: str, cwd: Path) -> bool:
    """True for `REV:path` (has a colon, is not an existing file, not a drive letter path)."""
    if ":" not in spec or _WINDOWS_DRIVE.match(spec):
        return False
    return not (cwd / spec).exists()


def read_revision(spec: str, cwd: Path) -> tuple[str, str]:
    """The (name, text) of a timeline given as `REV:path` (via git) or as a file path.

    A `REV:path` runs `git show REV:path` in `cwd`; as in git, the path is
    from the repository's top (`REV:./path` is from `cwd`) and `:path` is
    the staged version. RevisionError
    says what git could not do; a plain file is read like any timeline file
    (LoadError if it cannot be, or is not UTF-8).
    """
    from timeline_viewer.load.file_text import decode, read_bytes

    if not is_revision_spec(spec, cwd):
        path = Path(spec) if Path(spec).is_absolute() else cwd / spec
        return spec, decode(read_bytes(path), spec)
    if spec.startswith("-"):
        # Would reach git as an option, not a revision.
        raise RevisionError(f'"{spec}" is not a revision:path')
    # An empty revision is git's own syntax for the index: ":path" is the staged file.
    if not spec.partition(":")[2]:
        raise RevisionError(
            f'"{spec}" is not a file, nor a revision:path such as HEAD~1:data/timeline.yaml'
        )
    try:
        result = subprocess.run(
            ["git", "show", spec],
            cwd=cwd,
            capture_output=True,
            check=False,
            timeout=60,
            # No pager, no prompt for credentials: this is a script reading a blob.
            env={**os.environ, "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0"},
        )
    except FileNotFoundError:
        raise RevisionError(f'cannot read "{spec}": git is not installed') from None
    except subprocess.TimeoutExpired:
        raise RevisionError(f'cannot read "{spec}": git did not answer in 60 seconds') from None
    except OSError as error:
        raise RevisionError(f'cannot read "{spec}": {error.strerror or error}') from None
    if result.returncode != 0:
        raise RevisionError(f'cannot read "{spec}" from git: {_git_reason(result.stderr)}')
    return spec, decode(result.stdout, spec)


def _git_reason(stderr: bytes) -> str:
    """git's own explanation, its first "fatal:" line without the prefix."""
    text = stderr.decode("utf-8", "replace")
    for line in text.splitlines():
        if line.startswith("fatal:"):
            return single_line(line.removeprefix("fatal:")).rstrip(".") or "git failed"
    return single_line(text)[:200] or "git failed"

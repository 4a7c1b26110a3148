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
      "events": {
        "added":     [{"id", "title", "date", "end", "when"}],
        "removed":   [{"id", "title", "date", "end", "when"}],
        "id_changed":[{"old_id", "new_id", "title"}],
        "redated":   [{"id", "title", "old": {"date", "end", "when"}, "new": {...}}],
        "retitled":  [{"id", "old", "new"}],
        "resourced": [{"id", "title", "added": [ids], "removed": [ids]}],
        "edited":    [{"id", "title", "fields": [names]}]
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
from typing import Any, TypeVar

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

# Fields compared for "edited"; the ones with their own change kinds
# (date/end, title, sources, name) and `line` (a position, not data) are not here.
_EVENT_FIELDS = ("summary", "entities", "place", "tags", "note", "reported")
_ENTITY_FIELDS = ("kind", "aliases", "summary", "related", "born", "died")
_SOURCE_FIELDS = ("title", "publisher", "published", "url")


@dataclass(frozen=True)
class EventBrief:
    """An event added or removed."""

    id: str
    title: str
    date: PartialDate
    end: PartialDate | None
    when: str
    open_end: OpenEnd | None = None


@dataclass(frozen=True)
class EventIdChanged:
    old_id: str
    new_id: str
    title: str


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


@dataclass(frozen=True)
class EventRetitled:
    id: str
    old_title: str
    new_title: str


@dataclass(frozen=True)
class EventResourced:
    """The sources list changed; `added`/`removed` are source ids (empty if only reordered)."""

    id: str
    title: str
    added: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True)
class ItemEdited:
    """Other fields of an event, entity or source changed; `label` is its title or name."""

    id: str
    label: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class EntityBrief:
    id: str
    name: str
    kind: str


@dataclass(frozen=True)
class EntityRenamed:
    id: str
    old_name: str
    new_name: str


@dataclass(frozen=True)
class SourceBrief:
    id: str
    title: str


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

    @property
    def empty(self) -> bool:
        return self == TimelineDiff()


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
    )


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
            edits.append(ItemEdited(new.id, label(new), fields))
    return tuple(edits)


def _event_brief(event: Event) -> EventBrief:
    return EventBrief(event.id, event.title, event.date, event.end, event.when, event.open_end)


def _entity_brief(entity: Entity) -> EntityBrief:
    return EntityBrief(entity.id, entity.name, entity.kind)


# --- summary ---------------------------------------------------------------------


def _count_phrases(diff: TimelineDiff) -> list[str]:
    """ "2 events added", "1 removed", ...: the noun only on the first count of each group."""
    groups: list[tuple[str, str, list[tuple[int, str]]]] = [
        (
            "event",
            "events",
            [
                (len(diff.events_added), "added"),
                (len(diff.events_removed), "removed"),
                (len(diff.events_id_changed), "with a new id"),
                (len(diff.events_redated), "redated"),
                (len(diff.events_retitled), "retitled"),
                (len(diff.events_resourced), "re-sourced"),
                (len(diff.events_edited), "edited"),
            ],
        ),
        (
            "entity",
            "entities",
            [
                (len(diff.entities_added), "added"),
                (len(diff.entities_removed), "removed"),
                (len(diff.entities_renamed), "renamed"),
                (len(diff.entities_edited), "edited"),
            ],
        ),
        (
            "source",
            "sources",
            [
                (len(diff.sources_added), "added"),
                (len(diff.sources_removed), "removed"),
                (len(diff.sources_edited), "edited"),
            ],
        ),
    ]
    phrases: list[str] = []
    for singular, plural, counts in groups:
        first = True
        for count, verb in counts:
            if not count:
                continue
            noun = f" {singular if count == 1 else plural}" if first else ""
            phrases.append(f"{count}{noun} {verb}")
            first = False
    if diff.title is not None:
        phrases.append("title changed")
    if diff.description_changed:
        phrases.append("description changed")
    return phrases


def summary_line(diff: TimelineDiff) -> str:
    """One line such as "2 events added, 1 redated, 1 entity renamed", or "no changes"."""
    return ", ".join(_count_phrases(diff)) or "no changes"


# --- rendering -------------------------------------------------------------------


def _one(text: str) -> str:
    # Loaded text is already sanitised, but a diff may be built from any two
    # timelines; one entry per line keeps the output greppable.
    return single_line(sanitize(text))


def _ids(ids: Sequence[str], sign: str) -> list[str]:
    return [f"{sign}{i}" for i in ids]


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
    section("Events added", [f"+ {e.id}  {e.when}  {_one(e.title)}" for e in diff.events_added])
    section("Events removed", [f"- {e.id}  {e.when}  {_one(e.title)}" for e in diff.events_removed])
    section(
        "Events with a new id",
        [f"{c.old_id} -> {c.new_id}  {_one(c.title)}" for c in diff.events_id_changed],
    )
    section(
        "Events redated",
        [f"{r.id}: {r.old_when} -> {r.new_when}  {_one(r.title)}" for r in diff.events_redated],
    )
    section(
        "Events retitled",
        [f'{r.id}: "{_one(r.old_title)}" -> "{_one(r.new_title)}"' for r in diff.events_retitled],
    )
    section(
        "Events re-sourced",
        [
            f"{r.id}: {' '.join(_ids(r.added, '+') + _ids(r.removed, '-')) or 'reordered'}"
            for r in diff.events_resourced
        ],
    )
    section("Events edited", [f"{e.id}: {', '.join(e.fields)}" for e in diff.events_edited])
    section(
        "Entities added",
        [f"+ {e.id}  {_one(e.name)} ({e.kind})" for e in diff.entities_added],
    )
    section(
        "Entities removed",
        [f"- {e.id}  {_one(e.name)} ({e.kind})" for e in diff.entities_removed],
    )
    section(
        "Entities renamed",
        [f'{r.id}: "{_one(r.old_name)}" -> "{_one(r.new_name)}"' for r in diff.entities_renamed],
    )
    section("Entities edited", [f"{e.id}: {', '.join(e.fields)}" for e in diff.entities_edited])
    section("Sources added", [f"+ {s.id}  {_one(s.title)}" for s in diff.sources_added])
    section("Sources removed", [f"- {s.id}  {_one(s.title)}" for s in diff.sources_removed])
    section("Sources edited", [f"{e.id}: {', '.join(e.fields)}" for e in diff.sources_edited])
    return "\n".join(lines) + "\n"


def _code(item_id: str) -> str:
    # Ids are slugs (a-z, 0-9, hyphens) in a loaded timeline; the guard keeps
    # a code span intact should a diff be built from other data.
    return f"`{item_id}`" if re.fullmatch(r"[A-Za-z0-9._-]+", item_id) else inline(item_id)


def _source_changes(change: EventResourced) -> str:
    added = [f"added {_code(source_id)}" for source_id in change.added]
    removed = [f"removed {_code(source_id)}" for source_id in change.removed]
    return ", ".join(added + removed) or "reordered"


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
    section(
        "Events added",
        [f"{_code(e.id)} {inline(e.when)}: {inline(e.title)}" for e in diff.events_added],
    )
    section(
        "Events removed",
        [f"{_code(e.id)} {inline(e.when)}: {inline(e.title)}" for e in diff.events_removed],
    )
    section(
        "Events with a new id",
        [
            f"{_code(c.old_id)} → {_code(c.new_id)}: {inline(c.title)}"
            for c in diff.events_id_changed
        ],
    )
    section(
        "Events redated",
        [
            f"{_code(r.id)} {inline(r.old_when)} → {inline(r.new_when)}: {inline(r.title)}"
            for r in diff.events_redated
        ],
    )
    section(
        "Events retitled",
        [
            f"{_code(r.id)} {inline(r.old_title)} → {inline(r.new_title)}"
            for r in diff.events_retitled
        ],
    )
    section(
        "Events re-sourced",
        [f"{_code(r.id)} {inline(r.title)}: {_source_changes(r)}" for r in diff.events_resourced],
    )
    section(
        "Events edited",
        [f"{_code(e.id)} {inline(e.label)}: {', '.join(e.fields)}" for e in diff.events_edited],
    )
    section(
        "Entities added",
        [f"{_code(e.id)} {inline(e.name)} ({e.kind})" for e in diff.entities_added],
    )
    section(
        "Entities removed",
        [f"{_code(e.id)} {inline(e.name)} ({e.kind})" for e in diff.entities_removed],
    )
    section(
        "Entities renamed",
        [
            f"{_code(r.id)} {inline(r.old_name)} → {inline(r.new_name)}"
            for r in diff.entities_renamed
        ],
    )
    section(
        "Entities edited",
        [f"{_code(e.id)} {inline(e.label)}: {', '.join(e.fields)}" for e in diff.entities_edited],
    )
    section("Sources added", [f"{_code(s.id)} {inline(s.title)}" for s in diff.sources_added])
    section("Sources removed", [f"{_code(s.id)} {inline(s.title)}" for s in diff.sources_removed])
    section(
        "Sources edited",
        [f"{_code(e.id)} {inline(e.label)}: {', '.join(e.fields)}" for e in diff.sources_edited],
    )
    return "\n".join(lines) + "\n"


def _when(
    date: PartialDate, end: PartialDate | None, when: str, open_end: OpenEnd | None = None
) -> dict[str, Any]:
    # The end as the file writes it: a date, ".." or "unknown".
    return {"date": date.edtf(), "end": end_text(end, open_end), "when": when}


def _edited_json(edits: Sequence[ItemEdited], label: str) -> list[dict[str, Any]]:
    return [{"id": e.id, label: e.label, "fields": list(e.fields)} for e in edits]


def diff_as_data(diff: TimelineDiff) -> dict[str, Any]:
    """The JSON shape documented at the top of this module, as plain data."""
    return {
        "version": JSON_VERSION,
        "summary": summary_line(diff),
        "title": None if diff.title is None else {"old": diff.title[0], "new": diff.title[1]},
        "description_changed": diff.description_changed,
        "events": {
            "added": [
                {"id": e.id, "title": e.title, **_when(e.date, e.end, e.when, e.open_end)}
                for e in diff.events_added
            ],
            "removed": [
                {"id": e.id, "title": e.title, **_when(e.date, e.end, e.when, e.open_end)}
                for e in diff.events_removed
            ],
            "id_changed": [
                {"old_id": c.old_id, "new_id": c.new_id, "title": c.title}
                for c in diff.events_id_changed
            ],
            "redated": [
                {
                    "id": r.id,
                    "title": r.title,
                    "old": _when(r.old_date, r.old_end, r.old_when, r.old_open_end),
                    "new": _when(r.new_date, r.new_end, r.new_when, r.new_open_end),
                }
                for r in diff.events_redated
            ],
            "retitled": [
                {"id": r.id, "old": r.old_title, "new": r.new_title} for r in diff.events_retitled
            ],
            "resourced": [
                {"id": r.id, "title": r.title, "added": list(r.added), "removed": list(r.removed)}
                for r in diff.events_resourced
            ],
            "edited": _edited_json(diff.events_edited, "title"),
        },
        "entities": {
            "added": [{"id": e.id, "name": e.name, "kind": e.kind} for e in diff.entities_added],
            "removed": [
                {"id": e.id, "name": e.name, "kind": e.kind} for e in diff.entities_removed
            ],
            "renamed": [
                {"id": r.id, "old": r.old_name, "new": r.new_name} for r in diff.entities_renamed
            ],
            "edited": _edited_json(diff.entities_edited, "name"),
        },
        "sources": {
            "added": [{"id": s.id, "title": s.title} for s in diff.sources_added],
            "removed": [{"id": s.id, "title": s.title} for s in diff.sources_removed],
            "edited": _edited_json(diff.sources_edited, "title"),
        },
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

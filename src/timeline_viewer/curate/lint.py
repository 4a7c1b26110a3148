"""What an editor would flag in a valid timeline: weaknesses, not errors.

`lint` looks at a timeline that already loads and reports each weakness as a
`Finding`, located like a load problem and tagged with the rule that found
it, e.g. `data/timeline.yaml:41:5: events[3]: event "x" has no source [no-source]`.

Rules (their names are a public interface: silences and CI logs use them):

- `no-source`: an event cites no source (media with a credit counts: the
  credit says whose picture or recording it is).
- `media-missing`: an event's (or the title's) media is a path relative to
  the file, and no file is there (checked when the file's folder is known).
- `uncited-source`: no event cites the source.
- `unreferenced-entity`: no event involves the entity (as an entity or its
  place) and no other entity relates to it.
- `before-birth`: an event involves an entity entirely before its `born` date.
- `after-death`: an event involves an entity entirely after its `died` date.
- `near-duplicate`: two events with dates at most 31 days apart (dates known
  only to the month or year count as their whole month or year, so the same
  date is always compared) and very similar titles (difflib ratio of the
  folded titles >= 0.80 and word Jaccard >= 0.60, the same numbers in both):
  the same event twice? Reported on the one further down the file, once,
  against the most similar (then the closest in time) of its matches; an
  event is compared with at most 16 of the events after it that share each
  of its rarer title words, so the work stays bounded.
- `duplicate-entity`: an entity's name or alias equals (case, accents,
  spaces and punctuation aside) a name or alias of another entity: the same
  entity twice? Reported on the one further down the file.
- `self-relation`: an entity lists itself among its relations (a slip for
  another id, usually); reported on each such relation.
- `bad-silence`: a silence comment that is malformed, names an unknown
  rule, gives no reason, is not attached to an item, or silences nothing.

Silencing. The schema forbids unknown fields, so a silence is a YAML comment
attached to an item (event, entity or source), either at the end of the
item's first line or on the comment lines directly above it:

    events:
      # lint: ignore[no-source] the only account is an interview, not published
      - id: camarena-kidnapped
      - id: caro-arrested  # lint: ignore[near-duplicate, no-source] two arrests that week

The reason is required. `bad-silence` itself cannot be silenced, so that
silences cannot rot unnoticed: a silence that stops matching anything is
reported until it is removed.
"""

from __future__ import annotations

import bisect
import difflib
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from types import MappingProxyType
from typing import Final, NamedTuple

from timeline_viewer.domain.dates import DayKey, PartialDate
from timeline_viewer.domain.model import Entity, Event, Timeline, is_web_address
from timeline_viewer.domain.problems import format_path
from timeline_viewer.domain.text import fold
from timeline_viewer.runtime import collector_paused

__all__ = [
    "DUPLICATE_CANDIDATES",
    "DUPLICATE_DAYS",
    "RULES",
    "TITLE_JACCARD",
    "TITLE_RATIO",
    "Finding",
    "Silence",
    "lint",
    "lint_file",
    "silences",
]

RULES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "no-source": "an event cites no source",
        "media-missing": "a media path relative to the file names no file",
        "uncited-source": "no event cites the source",
        "unreferenced-entity": "no event involves the entity and no other entity relates to it",
        "before-birth": "an event involves an entity before its recorded birth",
        "after-death": "an event involves an entity after its recorded death",
        "near-duplicate": "an event has a close date and a very similar title to another",
        "duplicate-entity": "an entity shares a name or alias with another entity",
        "self-relation": "an entity is related to itself",
        "bad-silence": "a lint silence comment that is malformed, unused or without a reason",
    }
)

# Which kind of item each rule reports on, so a silence on the wrong kind of
# item can say so instead of only "silences nothing".
_RULE_SECTIONS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "no-source": "events",
        "media-missing": "events",
        "uncited-source": "sources",
        "unreferenced-entity": "entities",
        "before-birth": "events",
        "after-death": "events",
        "near-duplicate": "events",
        "duplicate-entity": "entities",
        "self-relation": "entities",
    }
)

# Near-duplicate thresholds, calibrated on the bundled timeline and on
# hand-made duplicates. Both measures must agree: the character ratio alone
# calls "Z-40 captured" and "Z-42 captured" 92% alike (two brothers), and
# word overlap alone misses rewordings such as "arrested" / "captured"
# (ratio 0.89, Jaccard 0.71). The most similar distinct events in the
# bundled data score 0.69 / 0.56; true duplicates (a title truncated,
# reworded or with a first name added) score at least 0.83 / 0.71. Titles
# with different numbers in them are never duplicates: a numbered series
# ("Round 3 of talks", "Round 4 of talks") would otherwise score 0.94 / 0.67.
DUPLICATE_DAYS: Final = 31
TITLE_RATIO: Final = 0.80
TITLE_JACCARD: Final = 0.60
# The work is bounded whatever the file: an event is compared with at most
# this many of the events after it (by start) that share each of its rare
# title words, and an event is reported once, against its best match. A
# daily log of one title would otherwise make every pair of days within a
# month a finding, and 5,000 reports of one day every pair of them.
DUPLICATE_CANDIDATES: Final = 16

_SILENCE_START = re.compile(r"#[ \t]*lint[ \t]*:")
_SILENCE = re.compile(r"#[ \t]*lint[ \t]*:[ \t]*ignore[ \t]*\[(?P<rules>[^\]]*)\](?P<reason>.*)")
# Separators people put between the brackets and the reason: not a reason.
_REASON_LEAD = " \t-\u2013\u2014:;,."
_WORD = re.compile(r"\w+")
_NOT_ALNUM = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Finding:
    """One weakness, printed as `file:line:col: path: message [rule]`."""

    rule: str
    message: str
    file: str
    line: int | None = None
    column: int | None = None
    path: str = ""
    item_id: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        body = f"{self.path}: {self.message}" if self.path else self.message
        return f"{where}: {body} [{self.rule}]"

    def as_dict(self) -> dict[str, str | int | None]:
        """Plain data for JSON output; keys in a fixed order."""
        return {
            "rule": self.rule,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "item_id": self.item_id,
        }


@dataclass(frozen=True)
class Silence:
    """A `# lint: ignore[...] reason` comment found in the source text.

    `malformed` is true for a comment that starts like a silence (`# lint:`)
    but does not follow the syntax; its `rules` are then empty.
    """

    line: int
    column: int
    rules: tuple[str, ...]
    reason: str
    text: str
    malformed: bool = False


def silences(source_text: str) -> list[Silence]:
    """Every lint comment of a YAML text, in order, whether valid or not.

    Only real comments count: `# lint:` inside a quoted or block scalar (a
    summary quoting this syntax, say) is data, told apart with the YAML
    scanner's token positions.
    """
    if "lint" not in source_text:  # the common case costs one scan of the text
        return []
    scalars = _scalar_spans(source_text)
    starts = [span[0] for span in scalars]
    found: list[Silence] = []
    line_starts = _line_starts(source_text)
    for match in _SILENCE_START.finditer(source_text):
        at = match.start()
        if at > 0 and source_text[at - 1] not in " \t\n":
            continue  # YAML starts a comment only at a line start or after a space
        inside = bisect.bisect_right(starts, at) - 1
        if inside >= 0 and scalars[inside][0] <= at < scalars[inside][1]:
            continue
        line = bisect.bisect_right(line_starts, at)
        line_end = source_text.find("\n", at)
        comment = source_text[at : len(source_text) if line_end < 0 else line_end].rstrip()
        found.append(_silence(comment, line, at - line_starts[line - 1] + 1))
    return found


def lint(
    timeline: Timeline,
    source_text: str | None = None,
    name: str = "<text>",
    *,
    folder: FilePath | None = None,
) -> list[Finding]:
    """The weaknesses of a (valid) timeline, sorted by line, silences applied.

    Without `source_text` the findings carry the model's item lines only
    (no columns) and no silence can be read. `folder` is the file's, against
    which relative media paths are looked up (not looked up without it).
    """
    # Hundreds of thousands of small sets, lists and tuples (the near-duplicate
    # index): collections meanwhile walked them again and again, half the time.
    with collector_paused():
        return _lint(timeline, source_text, name, folder)


def _lint(
    timeline: Timeline, source_text: str | None, name: str, folder: FilePath | None
) -> list[Finding]:
    items = _locate(timeline, source_text)
    raw = [
        *_no_source(timeline, items),
        *_missing_media(timeline, items, folder),
        *_uncited_sources(timeline, items),
        *_unreferenced_entities(timeline, items),
        *_life_span(timeline, items),
        *_near_duplicates(timeline, items),
        *_duplicate_entities(timeline, items),
        *_self_relations(timeline, items),
    ]
    kept: list[_Raw] = raw
    bad: list[_Raw] = []
    if source_text is not None:
        kept, bad = _apply_silences(raw, silences(source_text), items)
    findings = [item.finding(name) for item in (*kept, *bad)]
    return sorted(findings, key=lambda f: (f.line or 0, f.column or 0, f.path, f.rule, f.message))


def lint_file(path: FilePath | str) -> list[Finding]:
    """Load a timeline file and lint it; LoadError if it does not load."""
    from timeline_viewer.load.file_text import decode, read_bytes
    from timeline_viewer.load.loader import parse_timeline

    path = FilePath(path)
    text = decode(read_bytes(path), str(path))
    return lint(parse_timeline(text, str(path)), text, str(path), folder=path.parent)


# --- where items are ------------------------------------------------------------

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class _Item:
    section: str
    index: int
    id: str
    line: int | None
    column: int | None


_ITEM_START = re.compile(r"( *)- +")


@dataclass
class _Items:
    """Where each item of the file is, and where its fields are when asked.

    Parsing a whole 100,000-event file again with positions takes longer than
    every rule together, so field positions come from parsing just the item
    being reported, and the whole file is parsed only when the model's lines
    cannot name the items (flow-style lists, an item whose first key is not
    `id`).
    """

    by_key: dict[tuple[str, str], _Item] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    # Positions of every value of the file, when it had to be parsed whole.
    document: Mapping[Path, tuple[int, int]] | None = None
    _parsed: dict[tuple[str, int], dict[Path, tuple[int, int]]] = field(default_factory=dict)
    # Per item read off its lines: its plainly written keys, and list elements.
    _plain: dict[tuple[str, int], dict[str, _PlainField]] = field(default_factory=dict)
    _elements: dict[tuple[str, int, str], list[int] | None] = field(default_factory=dict)

    def item(self, section: str, item_id: str) -> _Item:
        return self.by_key[(section, item_id)]

    def field(self, item: _Item, *rest: str | int) -> tuple[Path, int | None, int | None]:
        """The path of a field of an item and its position (the item's if unknown)."""
        path: Path = (item.section, item.index, *rest)
        if not rest:
            return path, item.line, item.column
        if self.document is not None:
            position = self.document.get(path)
        else:
            key = (item.section, item.index)
            position = None if key in self._parsed else self._read_off(item, rest)
            if position is None:
                if key not in self._parsed:
                    self._parsed[key] = self._parse_item(item)
                position = self._parsed[key].get((0, *rest))
        if position is None:
            return path, item.line, item.column
        return path, position[0], position[1]

    def _read_off(self, item: _Item, rest: tuple[str | int, ...]) -> tuple[int, int] | None:
        """The position of a plainly written field, from the item's lines; None if unsure."""
        key, name = (item.section, item.index), str(rest[0])
        found = self._plain.get(key, {}).get(name)
        if found is None:
            # Read up to the field asked for: usually one field of an item is.
            self._plain[key] = _plain_fields(self.lines, item, name)
            found = self._plain[key].get(name)
        if found is None:
            return None
        if len(rest) == 1:
            return found.scalar_position()
        if len(rest) != 2 or not isinstance(rest[1], int):
            return None
        if (*key, found.key) not in self._elements:
            self._elements[(*key, found.key)] = found.element_columns()
        columns = self._elements[(*key, found.key)]
        if columns is None or not 0 <= rest[1] < len(columns):
            return None
        return found.line, columns[rest[1]]

    def _parse_item(self, item: _Item) -> dict[Path, tuple[int, int]]:
        """Positions within one block-style `- ...` item, parsed on its own."""
        from timeline_viewer.load.yaml_source import YamlSyntaxError, parse_yaml

        if item.line is None or item.line > len(self.lines):
            return {}
        first = item.line - 1
        start = _ITEM_START.match(self.lines[first])
        if start is None:
            return {}
        dash = len(start.group(1))
        end = first + 1
        # The item runs until a line indented no deeper than its dash.
        while end < len(self.lines):
            text = self.lines[end]
            stripped = text.lstrip(" ")
            if stripped and len(text) - len(stripped) <= dash:
                break
            end += 1
        snippet = "\n".join(text[dash:] for text in self.lines[first:end])
        try:
            values = parse_yaml(snippet).values
        except YamlSyntaxError:
            return {}
        return {path: (line + first, column + dash) for path, (line, column) in values.items()}


# Where a field is, read off the lines of a plainly written item: a finding
# per event of 25,000 would otherwise parse 25,000 items, a third of a
# millisecond each. Anything it is not sure of goes to the parser.
_KEY_AT = re.compile(r"(?P<key>[A-Za-z_][A-Za-z0-9_-]*):(?:[ \t]+|$)")
_CLOSED_DOUBLE = re.compile(r'"(?:[^"\\]|\\.)*"(?:[ \t]+#.*)?')
_CLOSED_SINGLE = re.compile(r"'(?:[^']|'')*'(?:[ \t]+#.*)?")
_SIMPLE_FLOW = re.compile(r"[\[{][^\[\]{}\"'#]*[\]}]")
# Values that start with these may run on over later lines, or have a node
# start that is not where their text is (anchors, tags, block indicators).
_NOT_PLAIN_START = frozenset("\"'[{&*!|>%@`#")
_MAY_SPAN_LINES = frozenset("\"'[{&!*?:%@`")
_ELEMENT_START_NOT_PLAIN = frozenset("\"'[]{}&*!|>%@`#?:-,")


class _PlainField(NamedTuple):
    """A `key: value` line at an item's indentation: where its value starts."""

    key: str
    line: int
    column: int  # of the value, from 1
    value: str  # to the end of the line

    def scalar_position(self) -> tuple[int, int] | None:
        value = self.value
        if value and value[0] not in _NOT_PLAIN_START:
            return self.line, self.column
        if value[:1] in "\"'" and (
            _CLOSED_DOUBLE.fullmatch(value) or _CLOSED_SINGLE.fullmatch(value)
        ):
            return self.line, self.column
        return None  # a value on the lines below, a block scalar, an anchor: ask the parser

    def element_columns(self) -> list[int] | None:
        """Where each element of a one-line flow list of plain words starts; None if unsure."""
        value = self.value
        if not value.startswith("[") or not value.endswith("]"):
            return None
        if not _SIMPLE_FLOW.fullmatch(value):
            return None
        columns: list[int] = []
        at = self.column + 1  # just after the bracket
        elements = value[1:-1].split(",")
        for number, element in enumerate(elements):
            start = len(element) - len(element.lstrip(" \t"))
            if start == len(element):
                if number == len(elements) - 1 and number > 0:
                    break  # a trailing comma: [a, b,]
                return None
            if element[start] in _ELEMENT_START_NOT_PLAIN:
                return None
            columns.append(at + start)
            at += len(element) + 1
        return columns


def _plain_fields(lines: list[str], item: _Item, wanted: str) -> dict[str, _PlainField]:
    """The top-level keys of a block-style item written plainly (`key: value` at its
    indentation), up to `wanted` or to the first line that could open a value
    spanning lines in which a line like that could hide (a quoted text, a flow
    collection): every later key is left to the parser."""
    fields: dict[str, _PlainField] = {}
    if item.line is None or item.column is None or item.line > len(lines):
        return fields
    indent = item.column - 1  # where the item's keys start
    for number in range(item.line - 1, len(lines)):
        text = lines[number].rstrip("\r")
        if number == item.line - 1:
            if len(text) <= indent:
                return fields
        else:
            content = text.lstrip(" ")
            if not content or content.startswith("#"):
                continue
            depth = len(text) - len(content)
            if depth < indent:
                return fields  # past the item
            if depth > indent:
                if not _harmless(content):
                    return fields
                continue
        match = _KEY_AT.match(text, indent)
        if match is None:
            return fields
        value = text[match.end() :]
        fields.setdefault(
            match["key"], _PlainField(match["key"], number + 1, match.end() + 1, value)
        )
        if match["key"] == wanted or (value and not _harmless(value)):
            return fields
    return fields


def _harmless(content: str) -> bool:
    """True if a line (after its indentation) cannot open a value that spans lines."""
    while content.startswith(("- ", "-\t")) or content == "-":
        content = content[1:].lstrip(" \t")
    match = _KEY_AT.match(content)
    value = content[match.end() :] if match else content
    if not value or value[0] not in _MAY_SPAN_LINES:
        return True  # plain text, a block scalar (only deeper lines), a comment
    return bool(
        _CLOSED_DOUBLE.fullmatch(value)
        or _CLOSED_SINGLE.fullmatch(value)
        or _SIMPLE_FLOW.fullmatch(value)
    )


def _locate(timeline: Timeline, source_text: str | None) -> _Items:
    # Split on "\n" only, as the loader counts lines: splitlines() would also
    # break at form feeds and U+2028 and shift every line after them.
    items = _Items(lines=[] if source_text is None else source_text.split("\n"))
    sections: dict[str, list[tuple[str, int]]] = {
        "sources": [(s.id, s.line) for s in timeline.sources],
        "entities": [(e.id, e.line) for e in timeline.entities],
        # Events are held in chronological order; the path must name the file's order.
        "events": [(e.id, e.line) for e in timeline.events],
    }
    lines_name_items = True
    for section, members in sections.items():
        lines = [line for _, line in members]
        if all(line > 0 for line in lines) and len(set(lines)) == len(lines):
            members.sort(key=lambda member: member[1])
        else:
            lines_name_items = False
        for index, (item_id, line) in enumerate(members):
            column = _item_column(items.lines, line)
            items.by_key[(section, item_id)] = _Item(section, index, item_id, line or None, column)
    if source_text is not None and not lines_name_items:
        _locate_in_document(items, source_text)
    return items


def _item_column(lines: list[str], line: int) -> int | None:
    """Where the item's mapping starts on its line: after the `- `."""
    if not 0 < line <= len(lines):
        return None
    start = _ITEM_START.match(lines[line - 1])
    return None if start is None else start.end() + 1


def _locate_in_document(items: _Items, source_text: str) -> None:
    """Positions and file order from the whole YAML, when the model's lines are not enough."""
    from timeline_viewer.load.yaml_source import YamlSyntaxError, parse_yaml

    try:
        document = parse_yaml(source_text)
    except YamlSyntaxError:
        return  # not the text the timeline came from: keep the model's lines
    data = document.data
    if not isinstance(data, dict):
        return
    items.document = document.values
    for section in ("sources", "entities", "events"):
        members = data.get(section)
        if not isinstance(members, list):
            continue
        for index, member in enumerate(members):
            if not isinstance(member, dict) or not isinstance(member.get("id"), str):
                continue
            key = (section, str(member["id"]))
            position = document.values.get((section, index))
            if key in items.by_key and position is not None:
                items.by_key[key] = _Item(section, index, key[1], position[0], position[1])


# --- the rules ----------------------------------------------------------------


@dataclass(frozen=True)
class _Raw:
    """A finding before silences, tied to the item whose silences can hide it."""

    rule: str
    message: str
    path: Path
    line: int | None
    column: int | None
    item: _Item | None

    def finding(self, name: str) -> Finding:
        return Finding(
            rule=self.rule,
            message=self.message,
            file=name,
            line=self.line,
            column=self.column,
            path=format_path(self.path),
            item_id=None if self.item is None else self.item.id,
        )


def _on_item(rule: str, message: str, items: _Items, item: _Item, *rest: str | int) -> _Raw:
    path, line, column = items.field(item, *rest)
    return _Raw(rule, message, path, line, column, item)


def _no_source(timeline: Timeline, items: _Items) -> Iterable[_Raw]:
    for event in timeline.events:
        if not event.sources and (event.media is None or not event.media.credit):
            item = items.item("events", event.id)
            yield _on_item("no-source", f'event "{event.id}" has no source', items, item)


def _missing_media(timeline: Timeline, items: _Items, folder: FilePath | None) -> Iterable[_Raw]:
    if folder is None:
        return
    for event in timeline.events:
        media = event.media
        if media is None or is_web_address(media.url) or (folder / media.url).is_file():
            continue
        item = items.item("events", event.id)
        message = f'event "{event.id}": no file at {media.url!r} beside the timeline'
        yield _on_item("media-missing", message, items, item, "media", "url")


def _uncited_sources(timeline: Timeline, items: _Items) -> Iterable[_Raw]:
    cited = {source_id for event in timeline.events for source_id in event.sources}
    for source in timeline.sources:
        if source.id not in cited:
            item = items.item("sources", source.id)
            message = f'source "{source.id}" is not cited by any event'
            yield _on_item("uncited-source", message, items, item)


def _unreferenced_entities(timeline: Timeline, items: _Items) -> Iterable[_Raw]:
    # A relation counts as a reference: an entity that exists to be someone's
    # brother or employer is reachable from that entity's view.
    used = {entity_id for event in timeline.events for entity_id in event.entity_ids}
    for entity in timeline.entities:
        used.update(r.entity for r in entity.related if r.entity != entity.id)
    for entity in timeline.entities:
        if entity.id not in used:
            item = items.item("entities", entity.id)
            message = f'entity "{entity.id}" is not referenced by any event or relation'
            yield _on_item("unreferenced-entity", message, items, item)


def _life_span(timeline: Timeline, items: _Items) -> Iterable[_Raw]:
    mortal = {e.id: e for e in timeline.entities if e.born is not None or e.died is not None}
    if not mortal:
        return
    for event in timeline.events:
        # Only certain conflicts: the whole event (period included) lies
        # outside the span the partial dates allow, so "1985" against a
        # birth in "1985-06" is not reported.
        first = event.date.first_day
        # An ongoing period runs on: never before a birth that follows its start.
        last = event.reach
        # entity_ids is the event's entities, then its place if not among them.
        for at, entity_id in enumerate(event.entity_ids):
            entity = mortal.get(entity_id)
            if entity is None:
                continue
            rest = ("entities", at) if at < len(event.entities) else ("place",)
            if entity.born is not None and last < entity.born.first_day:
                yield _life_finding("before-birth", event, entity, entity.born, items, rest)
            if entity.died is not None and first > entity.died.last_day:
                yield _life_finding("after-death", event, entity, entity.died, items, rest)


def _life_finding(
    rule: str,
    event: Event,
    entity: Entity,
    limit: PartialDate,
    items: _Items,
    rest: tuple[str | int, ...],
) -> _Raw:
    item = items.item("events", event.id)
    when = "before their birth" if rule == "before-birth" else "after their death"
    message = f'involves "{entity.name}" ({entity.id}) in {event.when}, {when} ({limit.display()})'
    return _on_item(rule, message, items, item, *rest)


def _day_number(day: DayKey) -> int:
    """Days since a fixed epoch, for any (proleptic Gregorian) year.

    datetime.date stops at years 1..9999; timelines do not.
    """
    year, month, dom = day
    if month <= 2:  # count from March: the leap day falls at the end of the year
        year -= 1
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * ((month + 9) % 12) + 2) // 5 + dom - 1
    return era * 146097 + year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year


def _near_duplicates(timeline: Timeline, items: _Items) -> Iterable[_Raw]:
    events = sorted(timeline.events, key=lambda e: _day_number(e.date.first_day))
    firsts = [_day_number(e.date.first_day) for e in events]
    folded = [fold(e.title) for e in events]
    # Equal titles by number: a daily log compares one title with itself, not its text.
    title_numbers: dict[str, int] = {}
    same = [title_numbers.setdefault(title, len(title_numbers)) for title in folded]
    words = [frozenset(_WORD.findall(title)) for title in folded]
    numbers = [frozenset(w for w in title_words if w.isdigit()) for title_words in words]
    prefixes, by_word = _word_prefixes(words, numbers)
    # Each event's place in the file: a pair is reported on the later one.
    rank = _ranks_in_file(events, items) if any(prefixes) else []
    # Per event reported on, its best match so far: the most alike, then the
    # closest in time, then the nearest above it in the file.
    best: dict[int, tuple[float, int, int, int]] = {}  # later: (ratio, -days, rank, earlier)
    first_day = firsts.__getitem__
    for i, event in enumerate(events):
        reach = _day_number(event.date.last_day) + DUPLICATE_DAYS
        candidates: Iterable[int] = ()
        for word in prefixes[i]:
            members = by_word[(numbers[i], word)]
            start = bisect.bisect_right(members, i)
            end = min(len(members), start + DUPLICATE_CANDIDATES)
            # Sorted by first day: the window ends at the first event out of reach.
            end = bisect.bisect_right(members, reach, start, end, key=first_day)
            if start < end:
                window = members[start:end]
                candidates = window if not candidates else {*candidates, *window}
        matcher: difflib.SequenceMatcher[str] | None = None
        for j in candidates:
            if same[j] == same[i]:
                ratio = 1.0
            else:
                union = words[i] | words[j]
                if len(words[i] & words[j]) < TITLE_JACCARD * len(union):
                    continue
                if matcher is None:
                    # Made only when needed; it caches what it learns about its second sequence.
                    matcher = difflib.SequenceMatcher(None, "", folded[i], autojunk=False)
                matcher.set_seq1(folded[j])
                if matcher.quick_ratio() < TITLE_RATIO:
                    continue
                ratio = matcher.ratio()
                if ratio < TITLE_RATIO:
                    continue
            later, earlier = (j, i) if rank[i] < rank[j] else (i, j)
            score = (ratio, firsts[i] - firsts[j], rank[earlier], earlier)  # j starts no sooner
            kept = best.get(later)
            if kept is None or score > kept:
                best[later] = score
    for later, (ratio, _, _, earlier) in best.items():
        yield _duplicate_event(events[later], events[earlier], ratio, items)


def _ranks_in_file(events: list[Event], items: _Items) -> list[int]:
    """Per event, its place in the file order."""
    in_file = sorted(
        range(len(events)), key=lambda i: _file_order(items.item("events", events[i].id))
    )
    rank = [0] * len(events)
    for place, i in enumerate(in_file):
        rank[i] = place
    return rank


def _file_order(item: _Item) -> tuple[int, int]:
    return (item.line or 0, item.index)


def _word_prefixes(
    words: list[frozenset[str]], numbers: list[frozenset[str]]
) -> tuple[list[list[str]], dict[tuple[frozenset[str], str], list[int]]]:
    """Prefix filtering: the words two titles must share one of to reach TITLE_JACCARD.

    Comparing every pair inside the date window is quadratic in a year full
    of events known only to the year. If two word sets reach Jaccard t, they
    overlap in at least ceil(t * size) words of each; so, with words ordered
    rarest first, the first size - ceil(t * size) + 1 words of both sets
    share one. Only events sharing such a (rare) word are compared, and only
    if their titles hold the same numbers: "Round 3 of talks" and "Round 4
    of talks" are two events.
    """
    frequency = Counter(word for title_words in words for word in title_words)
    # A title whose numbers no other title holds ("Entry 1234 of the diary") has
    # nothing to be compared with; equal titles have equal prefixes.
    alike = Counter(numbers)
    known: dict[frozenset[str], list[str]] = {}
    prefixes: list[list[str]] = []
    by_word: dict[tuple[frozenset[str], str], list[int]] = {}
    for position, title_words in enumerate(words):
        if alike[numbers[position]] < 2:
            prefixes.append([])
            continue
        prefix = known.get(title_words)
        if prefix is None:
            ordered = sorted(title_words, key=lambda word: (frequency[word], word))
            # The small allowance keeps 0.6 * 5 from rounding up to 4 in binary.
            needed = math.ceil(TITLE_JACCARD * len(ordered) - 1e-9)
            prefix = known[title_words] = ordered[: len(ordered) - needed + 1]
        prefixes.append(prefix)
        for word in prefix:
            by_word.setdefault((numbers[position], word), []).append(
                position
            )  # positions ascend: lists stay sorted
    return prefixes, by_word


def _duplicate_event(later: Event, earlier: Event, ratio: float, items: _Items) -> _Raw:
    # Reported on the later item in the file: usually the one just added.
    item, other = items.item("events", later.id), items.item("events", earlier.id)
    where = f"line {other.line}, " if other.line else ""
    message = (
        f'title {round(ratio * 100)}% like that of event "{other.id}" '
        f"({where}{earlier.when}): the same event twice?"
    )
    return _on_item("near-duplicate", message, items, item, "title")


def _name_key(name: str) -> str:
    # "Z-40", "z 40" and "Z40" are one name; so are "Treviño" and "TREVINO".
    return _NOT_ALNUM.sub("", fold(name))


def _duplicate_entities(timeline: Timeline, items: _Items) -> Iterable[_Raw]:
    ordered = sorted(
        timeline.entities,
        key=lambda e: (items.item("entities", e.id).line or 0, items.item("entities", e.id).index),
    )
    owner: dict[str, tuple[Entity, str]] = {}
    for entity in ordered:
        reported = False
        mine: dict[str, int] = {}
        for k, name in enumerate(entity.names):
            key = _name_key(name)
            if not key:
                continue
            mine.setdefault(key, k)
            seen = owner.get(key)
            if seen is not None and seen[0].id != entity.id and not reported:
                reported = True  # one finding per entity: the first clash says enough
                rest: tuple[str | int, ...] = ("name",) if k == 0 else ("aliases", k - 1)
                first = items.item("entities", seen[0].id)
                where = f" (line {first.line})" if first.line else ""
                message = (
                    f'"{name}" is also a name of entity "{seen[0].id}"{where}'
                    ": the same entity twice?"
                )
                yield _on_item(
                    "duplicate-entity", message, items, items.item("entities", entity.id), *rest
                )
        for key in mine:
            owner.setdefault(key, (entity, key))


def _self_relations(timeline: Timeline, items: _Items) -> Iterable[_Raw]:
    for entity in timeline.entities:
        for k, relation in enumerate(entity.related):
            if relation.entity == entity.id:
                item = items.item("entities", entity.id)
                message = f'entity "{entity.id}" is related to itself ("{relation.relation}")'
                yield _on_item("self-relation", message, items, item, "related", k)


# --- silences -------------------------------------------------------------------


def _scalar_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the scalars (sorted); empty if the text does not scan."""
    import yaml

    try:
        from yaml import CBaseLoader as Loader
    except ImportError:  # pragma: no cover - depends on how PyYAML was built
        from yaml import BaseLoader as Loader  # type: ignore[assignment]

    spans: list[tuple[int, int]] = []
    loader = Loader(text)
    try:
        while loader.check_token():
            token = loader.get_token()
            if isinstance(token, yaml.ScalarToken):
                spans.append((token.start_mark.index, token.end_mark.index))
    except yaml.YAMLError:
        pass  # a text that does not scan did not load either; keep what was scanned
    finally:
        loader.dispose()
    return spans


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", text))]


def _silence(comment: str, line: int, column: int) -> Silence:
    match = _SILENCE.match(comment)
    if match is None:
        return Silence(line, column, (), "", comment, malformed=True)
    rules = tuple(dict.fromkeys(r.strip() for r in match["rules"].split(",") if r.strip()))
    reason = match["reason"].strip().lstrip(_REASON_LEAD).strip()
    return Silence(line, column, rules, reason, comment)


def _attached_items(
    silence: Silence, by_line: Mapping[int, list[_Item]], lines: list[str]
) -> list[_Item]:
    """The items a silence belongs to: on the item's first line, or in the comments above it."""
    at = silence.line
    if at in by_line:
        return by_line[at]
    # A run of comment lines directly above an item belongs to it, so that
    # several silences, each with its reason, can stack up there.
    while at <= len(lines) and lines[at - 1].lstrip().startswith("#"):
        at += 1
        if at in by_line:
            return by_line[at]
    return []


def _apply_silences(
    raw: list[_Raw], found: list[Silence], items: _Items
) -> tuple[list[_Raw], list[_Raw]]:
    """The findings left once silences apply, and the bad-silence findings."""
    if not found:
        return raw, []
    lines = items.lines
    by_line: dict[int, list[_Item]] = {}
    for item in items.by_key.values():
        if item.line is not None:
            by_line.setdefault(item.line, []).append(item)
    attached = [_attached_items(s, by_line, lines) for s in found]
    silenced: dict[tuple[str, str, str], list[int]] = {}
    for number, (silence, targets) in enumerate(zip(found, attached, strict=True)):
        if not silence.rules or silence.malformed:
            continue
        for item in targets:
            for rule in silence.rules:
                silenced.setdefault((item.section, item.id, rule), []).append(number)
    used: set[tuple[int, str]] = set()
    kept: list[_Raw] = []
    for finding in raw:
        numbers = None
        if finding.item is not None:
            numbers = silenced.get((finding.item.section, finding.item.id, finding.rule))
        if numbers:
            used.update((number, finding.rule) for number in numbers)
        else:
            kept.append(finding)
    bad = [
        complaint
        for number, (silence, targets) in enumerate(zip(found, attached, strict=True))
        if (complaint := _complaint(number, silence, targets, used)) is not None
    ]
    return kept, bad


def _complaint(
    number: int, silence: Silence, targets: list[_Item], used: set[tuple[int, str]]
) -> _Raw | None:
    """What is wrong with one silence, all in one bad-silence finding, or None."""
    target = targets[0] if targets else None
    path: Path = () if target is None else (target.section, target.index)
    if silence.malformed:
        problems = ['malformed silence; write "# lint: ignore[RULE] reason"']
    else:
        problems = _silence_problems(number, silence, targets, used)
    if not problems:
        return None
    message = f'"{silence.text}": {"; ".join(problems)}'
    return _Raw("bad-silence", message, path, silence.line, silence.column, target)


def _silence_problems(
    number: int, silence: Silence, targets: list[_Item], used: set[tuple[int, str]]
) -> list[str]:
    problems: list[str] = []
    if not silence.rules:
        problems.append("names no rule")
    for rule in silence.rules:
        if rule == "bad-silence":
            problems.append("bad-silence cannot be silenced")
        elif rule not in RULES:
            guess = difflib.get_close_matches(rule, list(RULES), n=1)
            hint = f' (did you mean "{guess[0]}"?)' if guess else ""
            problems.append(f'unknown rule "{rule}"{hint}')
        elif targets and (number, rule) not in used:
            sections = {item.section for item in targets}
            if _RULE_SECTIONS[rule] not in sections:
                problems.append(f"{rule} does not apply to {' or '.join(sorted(sections))}")
            else:
                problems.append(f"silences nothing: there is no {rule} finding here")
    if not silence.reason:
        problems.append("no reason given; say why after the brackets")
    if not targets:
        problems.append(
            "not attached to an item; put it at the end of the item's first line"
            " or on the line just above it"
        )
    return problems

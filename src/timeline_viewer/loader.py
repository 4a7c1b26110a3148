"""Timeline files to the model, with every problem located as file:line:col.

The file is read as bytes, decoded as UTF-8, parsed by `yaml_source` into plain
data, checked piece by piece against the `schema` Structs (so that all
problems are reported, not only the first), then cross-checked (unique ids,
known references, dates that exist, periods that end after they start).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Any, get_args, get_origin

import msgspec

from timeline_viewer import schema
from timeline_viewer.dates import DateError, PartialDate, parse_partial_date
from timeline_viewer.model import Entity, Event, Relation, Source, Timeline, chronological
from timeline_viewer.yaml_source import Path, YamlDocument, YamlSyntaxError, YamlValue, parse_yaml


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, printed as `file:line:col: path: message`."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    path: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class LoadError(Exception):
    """A file that is not a valid timeline; `problems` lists everything wrong."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def bundled_timeline_path() -> FilePath:
    """The Caro Quintero / Camarena timeline shipped with the package."""
    return FilePath(__file__).resolve().parent / "data" / "timeline.yaml"


def read_text(path: FilePath) -> str:
    """The file's text; LoadError (never OSError) for a missing file, a folder, bad bytes."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise LoadError([Problem(name, "no such file")]) from None
    except IsADirectoryError:
        raise LoadError([Problem(name, "is a folder, not a timeline file")]) from None
    except PermissionError:
        raise LoadError([Problem(name, "permission denied")]) from None
    except OSError as error:
        raise LoadError([Problem(name, f"cannot be read: {error.strerror or error}")]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        byte = raw[error.start]
        raise LoadError(
            [
                Problem(
                    name,
                    f"not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8",
                    line,
                    column,
                )
            ]
        ) from None


def load_timeline(path: FilePath | str) -> Timeline:
    """Load and validate a timeline file; raise LoadError listing every problem."""
    path = FilePath(path)
    return parse_timeline(read_text(path), str(path))


def parse_timeline(text: str, name: str = "<text>") -> Timeline:
    """Validate timeline YAML text; raise LoadError listing every problem."""
    try:
        document = parse_yaml(text)
    except YamlSyntaxError as error:
        located = error.located
        raise LoadError([Problem(name, located.message, located.line, located.column)]) from None
    return _Validator(name, document).timeline()


def format_path(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


_TYPE_WORDS = {
    "str": "text",
    "array": "a list",
    "object": "a mapping",
    "int": "a whole number",
    "null": "nothing",
    "bool": "true/false",
    "float": "a number",
}


def _describe(value: YamlValue) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f'"{_clip(value)}"'


def _clip(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class _Validator:
    def __init__(self, name: str, document: YamlDocument) -> None:
        self.name = name
        self.document = document
        self.problems: list[Problem] = []
        for located in document.problems:
            self.problems.append(
                Problem(
                    name, located.message, located.line, located.column, format_path(located.path)
                )
            )

    # -- reporting ---------------------------------------------------------

    def report(self, path: Path, message: str, *, at_key: bool = False) -> None:
        position = self.document.key_position(path) if at_key else self.document.position(path)
        line, column = position if position else (None, None)
        self.problems.append(Problem(self.name, message, line, column, format_path(path)))

    # -- structure ---------------------------------------------------------

    def timeline(self) -> Timeline:
        data = self.document.data
        if not isinstance(data, dict):
            self.report(
                (),
                "expected a mapping with schema, title and events at the top, "
                f"got {_describe(data)}",
            )
            raise LoadError(self.problems)
        self._check_version(data)
        top = self._check_fields(
            data, schema.TimelineSpec, (), skip=("schema", "sources", "entities", "events")
        )
        sources = self._items(data, "sources", schema.SourceSpec)
        entities = self._items(data, "entities", schema.EntitySpec)
        events = self._items(data, "events", schema.EventSpec)
        top = top or {}
        timeline = self._cross_check(
            sources, entities, events, title=top.get("title"), description=top.get("description")
        )
        if self.problems or timeline is None:
            raise LoadError(self._sorted_problems())
        return timeline

    def _sorted_problems(self) -> list[Problem]:
        return sorted(self.problems, key=lambda p: (p.line or 0, p.column or 0))

    def _check_version(self, data: dict[str, YamlValue]) -> None:
        if "schema" not in data:
            self.report((), "missing `schema: 1` (the format version) at the top of the file")
            return
        version = data["schema"]
        if version != str(schema.SCHEMA_VERSION):
            self.report(
                ("schema",),
                f"unsupported schema version {_describe(version)}; "
                f"this release reads schema {schema.SCHEMA_VERSION}",
            )

    def _check_fields(
        self, data: YamlValue, spec: type[msgspec.Struct], path: Path, skip: Iterable[str] = ()
    ) -> dict[str, Any] | None:
        """Check a mapping against a Struct, field by field.

        Returns the fields that are valid (so that later checks can still look
        at the rest of a faulty item), or None if `data` is not a mapping.
        """
        fields = {f.name: f for f in msgspec.structs.fields(spec)}
        if not isinstance(data, dict):
            self.report(
                path,
                f"expected a mapping with {', '.join(n for n, f in fields.items() if f.required)}, "
                f"got {_describe(data)}",
            )
            return None
        misspelt: set[str] = set()
        for key in data:
            if key not in fields:
                guess = difflib.get_close_matches(key, list(fields), n=1)
                if guess and guess[0] not in data:
                    misspelt.add(guess[0])
                hint = (
                    f'; did you mean "{guess[0]}"?'
                    if guess
                    else f"; known fields: {', '.join(fields)}"
                )
                self.report((*path, key), f'unknown field "{key}"{hint}', at_key=True)
        for name, info in fields.items():
            # A misspelt required field is reported once, as the misspelling.
            if info.required and name not in data and name not in misspelt:
                self.report(path, f'missing required field "{name}"')
        converted: dict[str, Any] = {}
        skipped = set(skip)
        for key, value in data.items():
            if key not in fields or key in skipped:
                continue
            item_spec = _struct_items(info_type := fields[key].type)
            if item_spec is not None and isinstance(value, list):
                items = [
                    self._check_fields(v, item_spec, (*path, key, i)) for i, v in enumerate(value)
                ]
                converted[key] = [item for item in items if item is not None]
                continue
            try:
                converted[key] = msgspec.convert(value, info_type, strict=False)
            except msgspec.ValidationError as error:
                self._report_validation(path, key, value, error)
        return converted

    def _report_validation(
        self, path: Path, key: str, value: YamlValue, error: msgspec.ValidationError
    ) -> None:
        message, _, where = str(error).partition(" - at `$")
        sub_path: list[str | int] = [key]
        for part in re.findall(r"\[(\d+)\]|\.(\w+)", where.rstrip("`")):
            sub_path.append(int(part[0]) if part[0] else part[1])
        full = (*path, *sub_path)
        found = value
        for part in sub_path[1:]:
            found = found[part] if isinstance(found, (list, dict)) else None  # type: ignore[index]
        self.report(full, _friendly(message, found))

    def _items(
        self, data: dict[str, YamlValue], key: str, spec: type[msgspec.Struct]
    ) -> list[tuple[Path, dict[str, Any]]]:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.report((key,), f"expected a list of {key}, got {_describe(value)}")
            return []
        result: list[tuple[Path, dict[str, Any]]] = []
        for i, item in enumerate(value):
            checked = self._check_fields(item, spec, (key, i))
            if checked is not None and "id" in checked:
                result.append(((key, i), checked))
        return result

    # -- meaning -----------------------------------------------------------

    def _date(self, path: Path, value: object) -> PartialDate | None:
        if value is None:
            return None
        try:
            return parse_partial_date(str(value))
        except DateError as error:
            self.report(path, str(error))
            return None

    def _unique(self, items: list[tuple[Path, dict[str, Any]]], what: str) -> None:
        seen: dict[str, Path] = {}
        for path, item in items:
            first = seen.setdefault(item["id"], path)
            if first != path:
                line = self.document.position((*first, "id"))
                where = f" (first at line {line[0]})" if line else ""
                self.report((*path, "id"), f'duplicate {what} id "{item["id"]}"{where}')

    def _known(self, path: Path, ref: str, known: dict[str, Any], what: str) -> None:
        if ref in known:
            return
        guess = difflib.get_close_matches(ref, list(known), n=1)
        hint = f'; did you mean "{guess[0]}"?' if guess else ""
        self.report(path, f'unknown {what} "{ref}"{hint}')

    def _cross_check(
        self,
        sources: list[tuple[Path, dict[str, Any]]],
        entities: list[tuple[Path, dict[str, Any]]],
        events: list[tuple[Path, dict[str, Any]]],
        *,
        title: str | None = None,
        description: str | None = None,
    ) -> Timeline | None:
        self._unique(sources, "source")
        self._unique(entities, "entity")
        self._unique(events, "event")
        source_ids = {item["id"]: item for _, item in sources}
        entity_ids = {item["id"]: item for _, item in entities}
        built_sources = [self._source(path, item) for path, item in sources]
        built_entities = [self._entity(path, item, entity_ids) for path, item in entities]
        built_events = [self._event(path, item, entity_ids, source_ids) for path, item in events]
        if title is None or self.problems:
            return None
        return Timeline(
            title=title.strip(),
            description=description,
            sources=tuple(s for s in built_sources if s),
            entities=tuple(e for e in built_entities if e),
            events=chronological([e for e in built_events if e]),
        )

    def _line(self, path: Path) -> int:
        position = self.document.position(path)
        return position[0] if position else 0

    def _text(self, path: Path, value: str) -> str:
        if not value.strip() and value:  # "" itself is reported by the schema check
            self.report(path, "must not be blank")
        return value.strip()

    def _source(self, path: Path, item: dict[str, Any]) -> Source | None:
        return Source(
            id=item["id"],
            title=self._text((*path, "title"), item.get("title", "")),
            publisher=item.get("publisher"),
            published=self._date((*path, "published"), item.get("published")),
            url=item.get("url"),
            line=self._line(path),
        )

    def _entity(self, path: Path, item: dict[str, Any], entities: dict[str, Any]) -> Entity | None:
        related = []
        for i, relation in enumerate(item.get("related", [])):
            if "entity" in relation and "relation" in relation:
                self._known((*path, "related", i, "entity"), relation["entity"], entities, "entity")
                related.append(Relation(relation["entity"], relation["relation"]))
        born = self._date((*path, "born"), item.get("born"))
        died = self._date((*path, "died"), item.get("died"))
        if born and died and died.last_day < born.first_day:
            self.report((*path, "died"), f"died ({died}) before born ({born})")
        return Entity(
            id=item["id"],
            name=self._text((*path, "name"), item.get("name", "")),
            kind=item.get("kind", "other"),
            aliases=tuple(item.get("aliases", ())),
            summary=item.get("summary"),
            related=tuple(related),
            born=born,
            died=died,
            line=self._line(path),
        )

    def _event(
        self, path: Path, item: dict[str, Any], entities: dict[str, Any], sources: dict[str, Any]
    ) -> Event | None:
        date = self._date((*path, "date"), item.get("date"))
        end = self._date((*path, "end"), item.get("end"))
        if date and end and end.sort_key < date.sort_key and end.last_day < date.first_day:
            self.report((*path, "end"), f"the period ends ({end}) before it starts ({date})")
        for i, ref in enumerate(item.get("entities", [])):
            self._known((*path, "entities", i), ref, entities, "entity")
        place = item.get("place")
        if place is not None:
            self._known((*path, "place"), place, entities, "place")
            kind = entities.get(place, {}).get("kind", "place")
            if kind != "place":
                self.report((*path, "place"), f'"{place}" is an entity of kind {kind}, not a place')
        for i, ref in enumerate(item.get("sources", [])):
            self._known((*path, "sources", i), ref, sources, "source")
        reported = self._date((*path, "reported"), item.get("reported"))
        if date is None:
            return None
        return Event(
            id=item["id"],
            date=date,
            end=end,
            title=self._text((*path, "title"), item.get("title", "")),
            summary=item.get("summary"),
            entities=tuple(dict.fromkeys(item.get("entities", ()))),
            place=place,
            tags=tuple(item.get("tags", ())),
            sources=tuple(item.get("sources", ())),
            note=item.get("note"),
            reported=reported,
            line=self._line(path),
        )


def _struct_items(annotation: Any) -> type[msgspec.Struct] | None:
    """The Struct a `list[Struct]` field holds, else None."""
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        if isinstance(item, type) and issubclass(item, msgspec.Struct):
            return item
    return None


def _friendly(message: str, found: YamlValue) -> str:
    """msgspec's wording, in the words of someone editing YAML."""
    expected = re.match(r"Expected `([^`]+)`, got `(\w+)`", message)
    if expected:
        if expected[1] == "int | str":
            return f"expected a date like 1985, 1985-02 or 1985-02-07, got {_describe(found)}"
        want = " or ".join(_TYPE_WORDS.get(w, w) for w in expected[1].split(" | "))
        return f"expected {want}, got {_describe(found)}"
    if "matching regex" in message and "a-z0-9" in message:
        return (
            "expected an id of lowercase letters, digits and single hyphens "
            f"(like caro-quintero), got {_describe(found)}"
        )
    if "matching regex" in message and "https?" in message:
        return f"expected an http:// or https:// URL, got {_describe(found)}"
    if "length >= 1" in message:
        return "must not be empty"
    invalid = re.match(r"Invalid enum value '(.*)'", message)
    if invalid:
        guess = difflib.get_close_matches(invalid[1], list(get_args(schema.Kind)), n=1)
        hint = f'; did you mean "{guess[0]}"?' if guess else ""
        return f"expected one of {', '.join(get_args(schema.Kind))}, got {_describe(found)}{hint}"
    return message[:1].lower() + message[1:]


def iter_problems(error: LoadError) -> Iterator[str]:
    yield from (str(p) for p in error.problems)

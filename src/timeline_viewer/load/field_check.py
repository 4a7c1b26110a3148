"""Field-by-field checking of parsed YAML against the schema, with positions.

msgspec stops at the first error in a value, so each field of each item is
converted on its own: every problem in a file is reported, each at its
line:col, and the items that pass become schema Structs for the cross-checks.
The fast way converts a whole file against the same Structs in one call, and
checks its top level with the same `top_level_problems`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any, get_args, get_origin

import msgspec

from timeline_viewer.domain.problems import Problem, describe, format_path
from timeline_viewer.load import schema
from timeline_viewer.load.model_builder import Path, Pieces

if TYPE_CHECKING:  # (PyYAML is not imported for the fast way's checks)
    from timeline_viewer.load.yaml_source import YamlDocument, YamlValue

_TYPE_WORDS = {
    "str": "text",
    "array": "a list",
    "object": "a mapping",
    "int": "a whole number",
    "null": "nothing",
    "bool": "true/false",
    "float": "a number",
}
_SECTIONS: tuple[tuple[str, type[msgspec.Struct]], ...] = (
    ("sources", schema.SourceSpec),
    ("entities", schema.EntitySpec),
    ("events", schema.EventSpec),
)


@cache
def _fields(spec: type[msgspec.Struct]) -> dict[str, msgspec.structs.FieldInfo]:
    return {f.name: f for f in msgspec.structs.fields(spec)}


def top_level_problems(data: object) -> list[tuple[Path, str]]:
    """What is wrong with a file's top level, whichever parser read it.

    Not a mapping, or no schema version that this release reads: each
    problem with the path it is at. (The careful parser's values are all
    text; yaml-rs gives the version as a number: both are compared as text.)
    """
    if not isinstance(data, dict):
        expected = "expected a mapping with schema, title and events at the top"
        return [((), f"{expected}, got {describe(data)}")]
    if "schema" not in data:
        return [((), "missing `schema: 1` (the format version) at the top of the file")]
    if str(data["schema"]) != str(schema.SCHEMA_VERSION):
        found = describe(data["schema"])
        return [
            (
                ("schema",),
                f"unsupported schema version {found}; "
                f"this release reads schema {schema.SCHEMA_VERSION}",
            )
        ]
    return []


class FieldChecker:
    """Checks a YamlDocument; `problems` holds what is wrong, located."""

    def __init__(self, name: str, document: YamlDocument) -> None:
        self.name = name
        self.document = document
        self.problems: list[Problem] = [
            Problem(name, p.message, p.line, p.column, format_path(p.path))
            for p in document.problems
        ]
        self.yaml_problem_paths = {p.path for p in document.problems}
        # Values the YAML reader refused (a tag, say), already reported there:
        # an item with one is not whole, though it adds no problem of its own.
        self.holes = 0

    def report(self, path: Path, message: str, *, at_key: bool = False) -> None:
        position = self.document.key_position(path) if at_key else self.document.position(path)
        line, column = position if position else (None, None)
        self.problems.append(Problem(self.name, message, line, column, format_path(path)))

    def line_of(self, path: Path, _id: str) -> int:
        position = self.document.position(path)
        return position[0] if position else 0

    def pieces(self) -> Pieces | None:
        """The schema-valid pieces, or None when the top level is not a timeline at all."""
        data = self.document.data
        for path, message in top_level_problems(data):
            self.report(path, message)
        if not isinstance(data, dict):
            return None
        skip = ("schema", *(section for section, _ in _SECTIONS))
        top = self._check_fields(data, schema.TimelineSpec, (), skip=skip) or {}
        pieces = Pieces(
            title=top.get("title"),
            description=top.get("description"),
            media=top.get("media"),
            background=top.get("background"),
            title_headline=top.get("title_headline"),
        )
        for section, spec in _SECTIONS:
            valid, invalid_ids = self._items(data, section, spec)
            setattr(pieces, section, valid)
            pieces.invalid_ids[section] = invalid_ids
        return pieces

    def _items(
        self, data: dict[str, YamlValue], section: str, spec: type[msgspec.Struct]
    ) -> tuple[list[tuple[Path, Any]], set[str]]:
        value = data.get(section)
        if value is None:
            return [], set()
        if not isinstance(value, list):
            self.report((section,), f"expected a list of {section}, got {describe(value)}")
            return [], set()
        valid: list[tuple[Path, Any]] = []
        invalid_ids: set[str] = set()
        for i, item in enumerate(value):
            before = (len(self.problems), self.holes)
            checked = self._check_fields(item, spec, (section, i))
            if checked is None:
                continue
            if (len(self.problems), self.holes) == before:
                valid.append(((section, i), msgspec.convert(checked, spec)))
            elif isinstance(checked.get("id"), str):
                invalid_ids.add(checked["id"])
        return valid, invalid_ids

    def _check_fields(
        self, data: YamlValue, spec: type[msgspec.Struct], path: Path, skip: Iterable[str] = ()
    ) -> dict[str, Any] | None:
        """Check a mapping against a Struct, field by field.

        Returns the fields that are valid (so that later checks can still look
        at the rest of a faulty item), or None if `data` is not a mapping.
        """
        fields = _fields(spec)
        if not isinstance(data, dict):
            required = ", ".join(n for n, f in fields.items() if f.required)
            self.report(path, f"expected a mapping with {required}, got {describe(data)}")
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
        skipped = set(skip)
        for name, info in fields.items():
            # A misspelt required field is reported once, as the misspelling.
            if info.required and name not in data and name not in misspelt | skipped:
                self.report(path, f'missing required field "{name}"')
        converted: dict[str, Any] = {}
        for key, value in data.items():
            if key not in fields or key in skipped:
                continue
            field_type = fields[key].type
            item_spec = _struct_items(field_type)
            if item_spec is not None and isinstance(value, list):
                items = [
                    self._check_fields(v, item_spec, (*path, key, i)) for i, v in enumerate(value)
                ]
                converted[key] = [item for item in items if item is not None]
                continue
            struct_spec = _struct_field(field_type)
            if struct_spec is not None and isinstance(value, dict):
                # Field by field too, so a misspelt `captoin` gets its did-you-mean.
                before = (len(self.problems), self.holes)
                checked = self._check_fields(value, struct_spec, (*path, key))
                if checked is not None and (len(self.problems), self.holes) == before:
                    converted[key] = msgspec.convert(checked, struct_spec)
                elif checked is not None:
                    self.holes += 1  # the item is not whole, though its problems are said
                continue
            try:
                converted[key] = msgspec.convert(value, field_type, strict=False)
            except msgspec.ValidationError as error:
                self._report_validation(path, key, value, error)
        return converted

    def _report_validation(
        self, path: Path, key: str, value: YamlValue, error: msgspec.ValidationError
    ) -> None:
        message, _, where = str(error).partition(" - at `$")
        sub_path: list[str | int] = [key]
        for index, name in re.findall(r"\[(\d+)\]|\.(\w+)", where.rstrip("`")):
            sub_path.append(int(index) if index else name)
        if (*path, *sub_path) in self.yaml_problem_paths:
            self.holes += 1  # already reported by the YAML reader (a refused tag, say)
            return
        found = value
        for part in sub_path[1:]:
            if isinstance(found, list) and isinstance(part, int) and part < len(found):
                found = found[part]
            elif isinstance(found, dict) and isinstance(part, str):
                found = found.get(part)
        self.report((*path, *sub_path), friendly(message, found))


def _struct_items(annotation: Any) -> type[msgspec.Struct] | None:
    """The Struct a `list[Struct]` field holds, else None."""
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        if isinstance(item, type) and issubclass(item, msgspec.Struct):
            return item
    return None


def _struct_field(annotation: Any) -> type[msgspec.Struct] | None:
    """The Struct a `Struct | None` field holds, else None."""
    for option in get_args(annotation) or (annotation,):
        if isinstance(option, type) and issubclass(option, msgspec.Struct):
            return option
    return None


def friendly(message: str, found: YamlValue) -> str:
    """msgspec's wording, in the words of someone editing YAML."""
    expected = re.match(r"Expected `([^`]+)`, got `(\w+)`", message)
    if expected:
        if expected[1] == "int | str":
            return f"expected a date like 1985, 1985-02 or 1985-02-07, got {describe(found)}"
        want = " or ".join(_TYPE_WORDS.get(w, w) for w in expected[1].split(" | "))
        return f"expected {want}, got {describe(found)}"
    if "matching regex" in message and "(?!" in message:
        return (
            "expected an http:// or https:// URL or a path relative to the timeline file "
            f"(media/x.jpg), got {describe(found)}"
        )
    if "matching regex" in message and "a-z0-9" in message:
        return (
            "expected an id of lowercase letters, digits and single hyphens "
            f"(like caro-quintero), got {describe(found)}"
        )
    if "matching regex" in message and "https?" in message:
        return f"expected an http:// or https:// URL, got {describe(found)}"
    if "length >= 1" in message:
        return "must not be empty"
    invalid = re.match(r"Invalid enum value '(.*)'", message)
    if invalid:
        kinds = list(get_args(schema.Kind))
        guess = difflib.get_close_matches(invalid[1], kinds, n=1)
        hint = f'; did you mean "{guess[0]}"?' if guess else ""
        return f"expected one of {', '.join(kinds)}, got {describe(found)}{hint}"
    return message[:1].lower() + message[1:]

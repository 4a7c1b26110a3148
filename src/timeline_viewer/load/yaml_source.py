"""YAML text to plain Python data, safely, remembering where each value was.

Every scalar arrives as `str` (or None for a plain `null`, `~` or nothing):
YAML 1.1's implicit typing would turn `1985` into an int, `1985-02-07` into a
date and an id such as `no` into False, so no resolver runs at all. Explicit
tags (`!!python/object/apply:...`) are refused, never constructed; duplicate
keys are reported; alias expansion and nesting depth are bounded.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from timeline_viewer.domain.text import sanitize
from timeline_viewer.runtime import RELEASE_STEP, release_dict, release_list

Path = tuple[str | int, ...]
YamlValue = str | None | list["YamlValue"] | dict[str, "YamlValue"]

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
# A timeline is a few levels deep; anything deeper is not one of ours.
MAX_DEPTH = 64

try:  # libyaml's parser when present: several times faster than the pure-Python one
    from yaml import CBaseLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import BaseLoader as _Loader  # type: ignore[assignment]


@dataclass(frozen=True)
class Located:
    """A problem found in the YAML itself, with a 1-based line and column."""

    message: str
    line: int
    column: int
    path: Path = ()


class Positions(Mapping[Path, tuple[int, int]]):
    """Where each value (or key) starts, 1-based (line, column), by path.

    Kept per item of each section rather than in one table: a table of
    millions of paths (a 100,000-event file) holds the interpreter for a
    quarter of a second each time it grows, and a UI reloading the file in a
    thread cannot paint meanwhile. Paths of up to two steps (a section's
    items) are in `top`; deeper ones in their item's table.
    """

    def __init__(self) -> None:
        self.top: dict[Path, tuple[int, int]] = {}
        self.by_item: dict[Path, dict[Path, tuple[int, int]]] = {}

    def item_table(self, item: Path) -> dict[Path, tuple[int, int]]:
        """The table of the paths under `item` (a two-step path), made if new."""
        table = self.by_item.get(item)
        if table is None:
            table = self.by_item[item] = {}
        return table

    def __getitem__(self, path: Path) -> tuple[int, int]:
        if len(path) > 2:
            table = self.by_item.get(path[:2])
            if table is None:
                raise KeyError(path)
            return table[path]
        return self.top[path]

    def __iter__(self) -> Iterator[Path]:
        yield from self.top
        for table in self.by_item.values():
            yield from table

    def __len__(self) -> int:
        return len(self.top) + sum(map(len, self.by_item.values()))

    def release(self) -> None:
        """Let go of every position a step at a time (see `release`)."""
        release_dict(self.by_item)
        release_dict(self.top)


@dataclass
class YamlDocument:
    """The data of a YAML file plus the position of every value and key."""

    data: YamlValue
    values: Positions = field(default_factory=Positions)
    keys: Positions = field(default_factory=Positions)
    problems: list[Located] = field(default_factory=list)

    def position(self, path: Path) -> tuple[int, int] | None:
        """Where the value at `path` (or the nearest enclosing value) starts."""
        while True:
            if path in self.values:
                return self.values[path]
            if not path:
                return None
            path = path[:-1]

    def key_position(self, path: Path) -> tuple[int, int] | None:
        return self.keys.get(path) or self.position(path)

    def release(self) -> None:
        """Let go of the data and positions a step at a time (see `release`)."""
        if isinstance(self.data, dict):
            for value in self.data.values():
                if isinstance(value, list):
                    release_list(value)
        self.values.release()
        self.keys.release()


class YamlSyntaxError(Exception):
    """The text is not (one document of) YAML."""

    def __init__(self, located: Located) -> None:
        super().__init__(located.message)
        self.located = located


def budget_for(text: str) -> int:
    """How many values aliases may expand to in `text`: about one per character."""
    return max(len(text), 10_000)


def parse_yaml(text: str, *, alias_budget: int | None = None) -> YamlDocument:
    """Parse one YAML document into plain data; raise YamlSyntaxError if impossible.

    Problems that still leave usable data (duplicate keys, tags) are collected
    in `problems` rather than raised, so that every one of them is reported.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        raise YamlSyntaxError(_from_marked(error, text)) from None
    except yaml.reader.ReaderError as error:
        # A raw control character: YAML refuses them before parsing anything.
        # The position libyaml gives counts within its own buffer (UTF-8 bytes,
        # a chunk at a time): the character itself is found in the text instead.
        at = text.find(chr(error.character)) if isinstance(error.character, int) else -1
        at = at if at >= 0 else min(error.position, len(text))
        before = text[:at]
        line, column = before.count("\n") + 1, at - (before.rfind("\n") + 1) + 1
        character = (
            f"U+{error.character:04X}" if isinstance(error.character, int) else "a character"
        )
        message = f"the file contains a control character ({character}) that YAML does not allow"
        raise YamlSyntaxError(Located(message, line, column)) from None
    except yaml.YAMLError as error:  # anything else PyYAML may raise: never a traceback
        raise YamlSyntaxError(Located(f"YAML: {error}", 1, 1)) from None
    except RecursionError:
        raise YamlSyntaxError(
            Located("the YAML is nested too deeply to be a timeline", 1, 1)
        ) from None
    finally:
        loader.dispose()
    if node is None:
        raise YamlSyntaxError(
            Located("the file is empty: a timeline needs at least `schema: 1` and a title", 1, 1)
        )
    builder = _Builder(alias_budget if alias_budget is not None else budget_for(text))
    data = builder.build(node, (), 0)
    _release_nodes(node)
    return YamlDocument(data, builder.values, builder.keys, builder.problems)


def _release_nodes(root: Node) -> None:
    """Let go of a parse tree a step at a time: the long lists of the document's
    sections (a big file's events) are emptied a slice at a time."""
    if isinstance(root, MappingNode):
        for _, section in root.value:
            if isinstance(section, SequenceNode) and len(section.value) > RELEASE_STEP:
                release_list(section.value)


def _from_marked(error: yaml.MarkedYAMLError, text: str) -> Located:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = error.problem or error.context or "invalid YAML"
    if error.context and error.problem:
        message = f"{error.context}: {error.problem}"
    if mark and text[mark.index : mark.index + 1] == "\t":
        message += " (YAML does not allow tabs for indentation: use spaces)"
    if "nesting depth" in message:
        message = "nested too deeply to be a timeline"
    if "expected a single document" in message:
        message = "the file holds several YAML documents; a timeline is one document"
    return Located(f"YAML syntax: {message}", line, column)


class _AliasBudgetExceeded(Exception):
    pass


class _Builder:
    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.values = Positions()
        self.keys = Positions()
        self.problems: list[Located] = []
        self._bomb_reported = False
        # Where positions go now: the top tables, or an item's while it is built.
        self._values, self._keys = self.values.top, self.keys.top

    def build(self, node: Node, path: Path, depth: int) -> YamlValue:
        self._values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if len(path) == 2:  # an item of a section: what is under it goes in its own tables
            outer = self._values, self._keys
            self._values, self._keys = self.values.item_table(path), self.keys.item_table(path)
            try:
                return self._build(node, path, depth)
            finally:
                self._values, self._keys = outer
        return self._build(node, path, depth)

    def _build(self, node: Node, path: Path, depth: int) -> YamlValue:
        self.budget -= 1
        if self.budget < 0:
            # Aliases can make a few lines expand to billions of values.
            if not self._bomb_reported:
                self._bomb_reported = True
                self._problem(
                    node,
                    path,
                    "the YAML expands to far more values than it holds (aliases nested too much)",
                )
            return None
        if depth > MAX_DEPTH:
            # The path itself would be thousands of "[0]": point at where it starts.
            self._problem(node, path[:2], f"the YAML is nested more than {MAX_DEPTH} levels deep")
            return None
        if node.tag not in (_STR, _SEQ, _MAP):
            tag = str(node.tag)
            # As written: !!int for YAML's own, !local as is, !<uri> for the rest.
            if tag.startswith("tag:yaml.org,2002:"):
                tag = "!!" + tag.removeprefix("tag:yaml.org,2002:")
            elif not tag.startswith("!"):
                tag = f"!<{tag}>"
            self._problem(
                node,
                path,
                f"expected plain data, got the YAML tag {tag} (tags are never run: write the value itself)",
            )
            return None
        if isinstance(node, ScalarNode):
            value = str(node.value)
            if not node.style and value in _NULLS:  # plain style: None or ""
                return None
            return sanitize(value)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, MappingNode)
        return self._mapping(node, path, depth)

    def _mapping(self, node: MappingNode, path: Path, depth: int) -> dict[str, YamlValue]:
        result: dict[str, YamlValue] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != _STR:
                self._problem(key_node, path, "a key must be plain text")
                continue
            key = sanitize(str(key_node.value))
            key_path = (*path, key)
            if key in result:
                first = self._keys[key_path][0]
                self._problem(
                    key_node,
                    key_path,
                    f'the key "{key}" appears twice (first on line {first}); keep one',
                )
                continue
            self._keys[key_path] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, key_path, depth + 1)
        return result

    def _problem(self, node: Node, path: Path, message: str) -> None:
        self.problems.append(
            Located(message, node.start_mark.line + 1, node.start_mark.column + 1, path)
        )

"""The reader's own stars, notes and saved views, in a file beside the timeline.

`timeline.yaml` gets `timeline.yaml.notes.yaml`: the curated file is never
written, and whoever reads a timeline can mark it up without touching it.
The timeline shipped with the package is the exception: its folder is the
package itself (the source tree, or a read-only site-packages), so its
sidecar lives in the user's data folder instead. `notes_path` alone decides
where a sidecar is; everything else takes the path it gives.
Events are named by id, so marks survive edits that move or rewrite events;
a mark whose event is gone is an orphan, reported and kept, never dropped.

A sidecar that does not read (bad YAML, a wrong shape) is reported with
its line and column, and never written over: `update_notes` refuses, so
whatever the user had in it stays until they fix it.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Collection
from pathlib import Path

import msgspec

from timeline_viewer.domain.problems import Problem, describe, format_path
from timeline_viewer.domain.text import sanitize
from timeline_viewer.query.marks import Marks

SIDECAR_SUFFIX = ".notes.yaml"
# The bundled timeline's sidecar, in the user's data folder: the name says whose it is.
APP_FOLDER = "timeline-viewer"
BUNDLED_NOTES_PREFIX = "bundled-timeline.yaml"
SCHEMA = "1"
_SECTIONS = ("schema", "starred", "notes", "views")
# A sidecar is a person's notes: anything bigger is not one (and would be slow to read).
MAX_BYTES = 16 * 1024 * 1024


class NotesError(Exception):
    """A sidecar that cannot be read, or must not be written; `problems` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def notes_path(timeline_path: Path) -> Path:
    """The sidecar of a timeline file: its name plus `.notes.yaml`, in the same folder;
    for the bundled timeline, in the user's data folder (`user_data_folder`)."""
    from timeline_viewer.load.loader import bundled_timeline_path

    if _same_file(timeline_path, bundled_timeline_path()):
        return user_data_folder() / (BUNDLED_NOTES_PREFIX + SIDECAR_SUFFIX)
    return timeline_path.with_name(timeline_path.name + SIDECAR_SUFFIX)


def user_data_folder() -> Path:
    """Where the program keeps the user's own data: $XDG_DATA_HOME/timeline-viewer
    (else ~/.local/share/timeline-viewer) on Linux, the platform's like elsewhere."""
    import platformdirs  # (only the bundled timeline needs it)

    return Path(platformdirs.user_data_dir(APP_FOLDER, appauthor=False))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def view_name(name: str) -> str:
    """A view's name as it is kept: one line, its spaces single, no control characters."""
    return " ".join(sanitize(name).split())


class Notes(msgspec.Struct, frozen=True):
    """Starred event ids, a note per event id, and saved views (name to filter text).

    Changing methods return a new value. Starred ids are kept sorted, and
    notes and views by key on writing, so that the file diffs well.
    """

    starred: tuple[str, ...] = ()
    notes: dict[str, str] = msgspec.field(default_factory=dict)
    views: dict[str, str] = msgspec.field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.starred or self.notes or self.views)

    @property
    def marks(self) -> Marks:
        """What the filter language needs of them."""
        return Marks(frozenset(self.starred), dict(self.notes))

    def is_starred(self, event_id: str) -> bool:
        return event_id in self.starred

    def with_star(self, event_id: str, starred: bool) -> Notes:
        ids = set(self.starred)
        if starred:
            ids.add(event_id)
        else:
            ids.discard(event_id)
        return msgspec.structs.replace(self, starred=tuple(sorted(ids)))

    def with_note(self, event_id: str, text: str) -> Notes:
        """The note of an event set; blank text removes it."""
        notes = dict(self.notes)
        text = sanitize(text).strip()
        if text:
            notes[event_id] = text
        else:
            notes.pop(event_id, None)
        return msgspec.structs.replace(self, notes=notes)

    def with_view(self, name: str, filter_text: str) -> Notes:
        """A saved view added, or replaced if one has that name."""
        views = dict(self.views)
        views[view_name(name)] = filter_text.strip()
        return msgspec.structs.replace(self, views=views)

    def with_view_renamed(self, old: str, new: str) -> Notes:
        """The view `old` under the name `new`, its filter kept (a view already called
        `new` is replaced); unchanged if there is no `old` or `new` is blank."""
        new = view_name(new)
        if old not in self.views or not new:
            return self
        views = {key: value for key, value in self.views.items() if key != old}
        views[new] = self.views[old]
        return msgspec.structs.replace(self, views=views)

    def without_view(self, name: str) -> Notes:
        views = {key: value for key, value in self.views.items() if key != name}
        return msgspec.structs.replace(self, views=views)

    def orphans(self, event_ids: Collection[str]) -> list[str]:
        """Ids marked here (starred or noted) that the timeline does not have, sorted."""
        marked = set(self.starred) | set(self.notes)
        return sorted(i for i in marked if i not in event_ids)


def orphan_problems(notes: Notes, event_ids: Collection[str], sidecar: Path) -> list[Problem]:
    """One line per orphaned mark, saying it is kept: for `validate`, `lint` and the TUI."""
    problems = []
    for event_id in notes.orphans(event_ids):
        what = " and ".join(
            word
            for word, present in (
                ("a star", event_id in notes.starred),
                ("a note", event_id in notes.notes),
            )
            if present
        )
        problems.append(
            Problem(
                str(sidecar),
                f'{what} on event "{event_id}", which the timeline no longer has'
                " (kept in the file; remove it there, or give an event that id again)",
            )
        )
    return problems


# -- reading ----------------------------------------------------------------


def read_notes(path: Path) -> Notes:
    """The sidecar at `path`; empty notes if there is none. NotesError if it does not read."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise NotesError(
                [
                    Problem(
                        str(path), f"larger than {MAX_BYTES // (1024 * 1024)} MB: not a notes file"
                    )
                ]
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        return Notes()
    except OSError as error:
        raise NotesError([Problem(str(path), f"cannot read: {error.strerror or error}")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise NotesError(
            [Problem(str(path), f"not UTF-8 text (byte {error.start + 1} cannot be read)")]
        ) from None
    return parse_notes(text, str(path))


def parse_notes(text: str, name: str) -> Notes:
    """Notes from the sidecar's text; NotesError with every problem found, located."""
    from timeline_viewer.load.yaml_source import YamlSyntaxError, parse_yaml

    if not text.strip():
        return Notes()
    try:
        document = parse_yaml(text)
    except YamlSyntaxError as error:
        located = error.located
        raise NotesError([Problem(name, located.message, located.line, located.column)]) from None
    problems: list[Problem] = []

    def problem(path: tuple[str | int, ...], message: str, *, at_key: bool = False) -> None:
        line_column = document.key_position(path) if at_key else document.position(path)
        line, column = line_column if line_column else (None, None)
        problems.append(Problem(name, message, line, column, format_path(path)))

    for located in document.problems:
        problems.append(Problem(name, located.message, located.line, located.column))
    data = document.data
    if not isinstance(data, dict):
        problem((), "expected sections starred:, notes: and views:, got " + describe(data))
        raise NotesError(problems)
    for key in data:
        if key not in _SECTIONS:
            hint = difflib.get_close_matches(key, _SECTIONS, n=1)
            did_you_mean = f"; did you mean {hint[0]}?" if hint else ""
            problem(
                (key,),
                f'unknown section "{key}"{did_you_mean} (known: {", ".join(_SECTIONS)})',
                at_key=True,
            )
    schema = data.get("schema")
    if schema is not None and schema != SCHEMA:
        problem(("schema",), f'expected schema 1, got "{schema}"')
    starred: list[str] = []
    value = data.get("starred")
    if isinstance(value, list):
        for number, item in enumerate(value):
            if isinstance(item, str) and item.strip():
                starred.append(sanitize(item).strip())
            else:
                problem(("starred", number), "expected an event id, got " + describe(item))
    elif value is not None:
        problem(("starred",), "expected a list of event ids, got " + describe(value))
    sections: dict[str, dict[str, str]] = {}
    for section, what in (("notes", "a note"), ("views", "a filter")):
        value = data.get(section)
        found: dict[str, str] = {}
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, str):
                    found[sanitize(key).strip()] = sanitize(item)
                else:
                    problem((section, key), f"expected {what} as text, got " + describe(item))
        elif value is not None:
            problem((section,), f"expected {section} as `name: text` lines, got " + describe(value))
        sections[section] = found
    if problems:
        raise NotesError(problems)
    return Notes(tuple(sorted(set(starred))), sections["notes"], sections["views"])


# -- writing ----------------------------------------------------------------


def notes_to_yaml(notes: Notes, timeline_name: str) -> str:
    """The sidecar's text: every value double-quoted, so that YAML reads it back as written."""
    lines = [
        f"# Your stars, notes and saved views for {_one_line(timeline_name)}.",
        "# Kept here, apart from the timeline, which is never changed. Events are named by id.",
        f"schema: {SCHEMA}",
    ]
    lines.append("starred:" if notes.starred else "starred: []")
    lines += [f"  - {_quoted(event_id)}" for event_id in notes.starred]
    for section, values in (("notes", notes.notes), ("views", notes.views)):
        lines.append(f"{section}:" if values else f"{section}: {{}}")
        lines += [f"  {_quoted(key)}: {_quoted(values[key])}" for key in sorted(values)]
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    return "".join(c if c.isprintable() else "?" for c in text)


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar: JSON's escapes are YAML's, and whatever is not
    printable (line separators, bidi controls) is escaped too, so the file shows it."""
    quoted = json.dumps(text, ensure_ascii=False)
    if quoted.isprintable():
        return quoted
    return "".join(c if c.isprintable() else _escape(c) for c in quoted)


def _escape(character: str) -> str:
    code = ord(character)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


Writer = Callable[[Path, str], None]


def update_notes(
    path: Path, change: Callable[[Notes], Notes], write: Writer, timeline_name: str
) -> Notes:
    """Apply `change` to the sidecar as it is on disk now, write it, and return the result.

    Read again first, so that an edit made by hand meanwhile is kept. A sidecar
    that does not read raises NotesError and is left as it is: never written over.
    `write` puts text at a path atomically (the caller's, so this layer writes no file itself).
    """
    current = read_notes(path)
    changed = change(current)
    if changed != current:
        write(path, notes_to_yaml(changed, timeline_name))
    return changed

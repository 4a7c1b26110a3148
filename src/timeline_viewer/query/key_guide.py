"""The keys, worded and grouped, for the help screen and the key bar.

Which keys are worth showing depends on where the user is (the event list,
the detail, the entities panel, a bar) and on which keys work there: the
TUI passes the keys that are bound there, each with its action's name, and
gets back the lines to draw. Plain values, tested without any UI.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Literal

import msgspec

Place = Literal["list", "detail", "card", "entities", "filter", "search", "lanes"]

# How a key name is shown.
_KEY_NAMES = {
    "down": "↓",
    "up": "↑",
    "left": "←",
    "right": "→",
    "enter": "⏎",
    "escape": "esc",
    "pageup": "pgup",
    "pagedown": "pgdn",
    "slash": "/",
    "question_mark": "?",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "shift+tab": "⇧tab",
    "plus": "+",
    "minus": "-",
    "equals_sign": "=",
    "underscore": "_",
    "shift+left": "⇧←",
    "shift+right": "⇧→",
    "asterisk": "*",
}


def key_name(key: str) -> str:
    """A key as the screen shows it: "⏎", "esc", "]", "ctrl+f"."""
    return _KEY_NAMES.get(key, key)


class KeyHelp(msgspec.Struct, frozen=True):
    """One line of help: keys, what they do, and the actions they are bound to.

    No `actions`: not a binding (the mouse, typing); the line is always shown
    and `keys` as written.
    """

    keys: tuple[str, ...]
    does: str
    actions: tuple[str, ...] = ()


class KeyGroup(msgspec.Struct, frozen=True):
    title: str
    keys: tuple[KeyHelp, ...]


class ShownKey(msgspec.Struct, frozen=True):
    """A help line as drawn: the keys that work here, shown as the screen names them."""

    keys: str
    does: str


class ShownGroup(msgspec.Struct, frozen=True):
    title: str
    keys: tuple[ShownKey, ...]


_MOVE = (
    KeyHelp(("j", "k", "down", "up"), "next / previous", ("cursor_down", "cursor_up")),
    KeyHelp(("g", "G", "home", "end"), "first / last", ("first", "last")),
    KeyHelp(("pagedown", "pageup"), "a page down / up", ("page_down", "page_up")),
)

_PLACES: dict[Place, KeyGroup] = {
    "list": KeyGroup(
        "In the event list",
        (
            KeyHelp(
                ("j", "k", "down", "up"), "next / previous event", ("cursor_down", "cursor_up")
            ),
            KeyHelp(("g", "G", "home", "end"), "first / last event", ("first", "last")),
            KeyHelp(("pagedown", "pageup"), "a page down / up", ("page_down", "page_up")),
            KeyHelp(
                ("l", "h", "right", "left"), "first event of next / previous year", ("year_step",)
            ),
            KeyHelp(("L", "H"), "the same by decade", ("year_step",)),
            KeyHelp(
                ("right_square_bracket", "left_square_bracket"),
                "next / previous of the same entity",
                ("entity_step",),
            ),
            KeyHelp(("enter",), "the event's detail, on its entities", ("choose",)),
            KeyHelp(("n", "N"), "next / previous search match", ("next_match",)),
            KeyHelp(("escape",), "clear the search, then the filter", ("back",)),
        ),
    ),
    "detail": KeyGroup(
        "In the event's detail",
        (
            KeyHelp(
                ("down", "up"), "next / previous entity or event", ("cursor_down", "cursor_up")
            ),
            KeyHelp(("enter",), "open the entity, or go to the event", ("select",)),
            KeyHelp(("escape",), "back to the list", ("back",)),
        ),
    ),
    "card": KeyGroup(
        "In the entity's card",
        (
            KeyHelp(("down", "up"), "next / previous entity", ("cursor_down", "cursor_up")),
            KeyHelp(("enter",), "open that entity's view", ("select",)),
            KeyHelp(("escape",), "back to the list", ("back",)),
        ),
    ),
    "entities": KeyGroup(
        "In the entities panel",
        (
            *_MOVE,
            KeyHelp(("enter",), "open the entity (on a kind: fold it)", ("select_cursor",)),
            KeyHelp(("space",), "fold or unfold the kind", ("toggle_kind",)),
            KeyHelp(("s",), "by events in view, most first, or by name", ("toggle_sort",)),
            KeyHelp(("m",), "mark for the lanes (v): marked ones get a lane", ("toggle_mark",)),
            KeyHelp(("escape",), "back to the list", ("back",)),
        ),
    ),
    "lanes": KeyGroup(
        "In the entity lanes",
        (
            KeyHelp(("l", "h", "right", "left"), "next / previous event in the lane", ("along",)),
            KeyHelp(("j", "k", "down", "up"), "the lane below / above, nearest date", ("across",)),
            KeyHelp(("g", "G", "home", "end"), "first / last event in the lane", ("lane_end",)),
            KeyHelp(("plus", "minus", "equals_sign", "underscore"), "zoom in / out", ("zoom",)),
            KeyHelp(("L", "H", "shift+right", "shift+left"), "pan later / earlier", ("pan",)),
            KeyHelp(("0",), "fit every event in the width", ("fit",)),
            KeyHelp(("enter",), "open the event in the list", ("open_event",)),
            KeyHelp(("escape", "q"), "back to the list", ("back",)),
            KeyHelp(("mouse",), "click a mark to move there"),
        ),
    ),
    "filter": KeyGroup(
        "In the filter bar",
        (
            KeyHelp(("type",), "the list narrows as you type"),
            KeyHelp(("enter", "escape"), "back to the list, filter kept", ("submit", "back")),
        ),
    ),
    "search": KeyGroup(
        "In the search bar",
        (
            KeyHelp(("type",), "the cursor jumps to the first match"),
            KeyHelp(
                ("enter", "escape"), "back to the list; n N: next / previous", ("submit", "back")
            ),
        ),
    ),
}

_ENTITY_VIEW_TITLE = "In this entity view"

_ANYWHERE = KeyGroup(
    "Anywhere",
    (
        KeyHelp(("slash",), "filter the list", ("focus_filter",)),
        KeyHelp(("ctrl+f",), "search without filtering", ("start_search",)),
        KeyHelp(("tab", "shift+tab"), "next / previous panel", ("focus_next", "focus_previous")),
        KeyHelp(("e",), "export the view: Markdown, CSV, iCalendar…", ("export",)),
        KeyHelp(("E",), "edit the file at this event or entity", ("edit",)),
        KeyHelp(("y",), "copy the event as Markdown (OSC 52)", ("copy_event",)),
        KeyHelp(("o",), "open a source; o 2: the detail's 2nd source", ("open_source",)),
        KeyHelp(("M",), "open the event's media (picture, video)", ("open_media",)),
        KeyHelp(
            ("asterisk", "a"), "star the event / annotate it: my note", ("toggle_star", "edit_note")
        ),
        KeyHelp(("S", "V"), "save the filter as a view / saved views", ("save_view", "open_views")),
        KeyHelp(("w",), "who appears with the entity", ("connections",)),
        KeyHelp(("p",), "show / hide the entities panel", ("toggle_entities",)),
        KeyHelp(("d",), "show / hide the detail", ("toggle_detail",)),
        KeyHelp(("s",), "entities by events in view (3/4: in view/all)", ("sort_entities",)),
        KeyHelp(("v",), "entity lanes: who appears when, side by side", ("lanes",)),
        KeyHelp(("t",), "choose a theme", ("change_theme",)),
        KeyHelp(("ctrl+p",), "command palette: find by name", ("command_palette",)),
        KeyHelp(("question_mark",), "this help", ("help",)),
        KeyHelp(("q",), "quit (in an entity view: leave it)", ("leave",)),
        KeyHelp(
            ("Q", "ctrl+q"), "quit, asking first if views would be lost", ("quit_asking", "quit")
        ),
        KeyHelp(("mouse",), "click rows, entities, jumps, the rail"),
    ),
)

_FILTER_WORDS = KeyGroup(
    "Filter words",
    (
        KeyHelp(("a b",), "both words (accents, case ignored)"),
        KeyHelp(('"a b" -c',), "the phrase; without the word c"),
        KeyHelp(("entity:",), "an entity, by id or name"),
        KeyHelp(("tag: kind:",), "a tag; any entity of a kind"),
        KeyHelp(("year: from: to:",), "in a year; overlapping a range"),
        KeyHelp(("after: before:",), "strictly after / before a date"),
        KeyHelp(("starred note:",), "my starred events; with my note"),
    ),
)


_NONE: frozenset[str] = frozenset()


def action_name(action: str) -> str:
    """A binding's action without its namespace and arguments: "app.quit" is "quit"."""
    return action.split("(", 1)[0].rsplit(".", 1)[-1]


def _shown(entry: KeyHelp, bound: Mapping[str, AbstractSet[str]]) -> ShownKey | None:
    if not entry.actions:
        return ShownKey(" ".join(entry.keys), entry.does)
    keys = [key for key in entry.keys if not bound.get(key, _NONE).isdisjoint(entry.actions)]
    if not keys:
        return None
    return ShownKey(" ".join(key_name(key) for key in keys), entry.does)


def _group(
    group: KeyGroup, bound: Mapping[str, AbstractSet[str]], title: str | None = None
) -> ShownGroup:
    shown = (_shown(entry, bound) for entry in group.keys)
    return ShownGroup(title or group.title, tuple(s for s in shown if s is not None))


def help_groups(
    place: Place, bound: Mapping[str, AbstractSet[str]], entity_name: str | None = None
) -> list[ShownGroup]:
    """The help for where the user is: that place's keys first, then those that work anywhere.

    `bound`: each key bound there, with the names of its actions (see `action_name`);
    a key not in it is left out. `entity_name`: the entity of the view, if any.
    """
    groups = [_group(_PLACES[place], bound)]
    if entity_name is not None and place == "list":
        view = KeyGroup(
            _ENTITY_VIEW_TITLE,
            (
                KeyHelp(
                    ("right_square_bracket", "left_square_bracket"),
                    f"next / previous event of {entity_name}",
                    ("entity_step",),
                ),
                KeyHelp(
                    ("q", "escape"), "leave the view (esc: after the filter)", ("leave", "back")
                ),
                KeyHelp(("c",), "the card in full, or a few lines", ("toggle_card",)),
            ),
        )
        groups.append(_group(view, bound))
    groups.append(_group(_ANYWHERE, bound))
    if place in ("list", "filter", "search"):
        groups.append(_group(_FILTER_WORDS, bound))
    return [group for group in groups if group.keys]


def matching(groups: Iterable[ShownGroup], text: str) -> list[ShownGroup]:
    """The lines whose keys or words contain every word of `text` (case ignored).

    A group whose title matches keeps all its lines.
    """
    words = text.casefold().split()
    if not words:
        return list(groups)
    found = []
    for group in groups:
        if all(word in group.title.casefold() for word in words):
            found.append(group)
            continue
        keys = tuple(
            key
            for key in group.keys
            if all(word in f"{key.keys} {key.does}".casefold() for word in words)
        )
        if keys:
            found.append(ShownGroup(group.title, keys))
    return found


# A line of the help as laid out: a group's title, one of its keys, or a blank line.
HelpLine = str | ShownKey | None


def help_columns(groups: Sequence[ShownGroup], columns: int) -> list[list[HelpLine]]:
    """The groups in one or two columns, a blank line between groups, never split.

    In two, the first group starts the left column and each next one goes
    under the shorter column (the left one when even), so that both end close.
    """
    parts: list[list[HelpLine]] = [[] for _ in range(max(1, min(columns, 2)))]
    for at, group in enumerate(groups):
        column = parts[0] if at == 0 else min(parts, key=len)
        if column:
            column.append(None)
        column.extend([group.title, *group.keys])
    return [part for part in parts if part] or [[]]


def key_width(lines: Iterable[HelpLine]) -> int:
    """The width of a column's keys: the longest keys in it."""
    return max((len(line.keys) for line in lines if isinstance(line, ShownKey)), default=0)


# -- the key bar --------------------------------------------------------------


class Hint(msgspec.Struct, frozen=True):
    """A key in the key bar: the key bound, its label, what it does.

    `rank`: 0 is never dropped; higher ranks are dropped first when the line is full.
    """

    key: str
    label: str
    action: str
    rank: int

    @property
    def shown(self) -> str:
        return key_name(self.key)

    @property
    def width(self) -> int:
        """Its cells in the bar: the key, a space, the label, a space after."""
        return len(self.shown) + 1 + len(self.label) + 1


_PINNED = (Hint("question_mark", "help", "help", 0), Hint("q", "quit", "leave", 0))
# In an entity view q goes back: Q quits.
_PINNED_IN_VIEW = (Hint("question_mark", "help", "help", 0), Hint("Q", "quit", "quit_asking", 0))
# In the lanes, q and escape go back to the list.
_PINNED_IN_LANES = (Hint("question_mark", "help", "help", 0), Hint("escape", "back", "back", 0))

_HINTS: dict[Place, tuple[Hint, ...]] = {
    "list": (
        Hint("slash", "filter", "focus_filter", 1),
        Hint("enter", "detail", "choose", 2),
        Hint("e", "export", "export", 3),
        Hint("p", "entities", "toggle_entities", 4),
        Hint("o", "open source", "open_source", 5),
        Hint("y", "copy", "copy_event", 6),
        Hint("ctrl+f", "search", "start_search", 7),
        Hint("E", "edit", "edit", 8),
        Hint("v", "lanes", "lanes", 9),
    ),
    "detail": (
        Hint("enter", "open entity", "select", 1),
        Hint("escape", "back", "back", 1),
        Hint("o", "open source", "open_source", 3),
        Hint("M", "media", "open_media", 3),
        Hint("y", "copy", "copy_event", 4),
    ),
    "card": (
        Hint("enter", "open entity", "select", 1),
        Hint("escape", "back", "back", 1),
    ),
    "entities": (
        Hint("enter", "open entity", "select_cursor", 1),
        Hint("space", "fold", "toggle_kind", 2),
        Hint("s", "sort", "toggle_sort", 2),
        Hint("escape", "back", "back", 1),
        Hint("p", "hide", "toggle_entities", 3),
    ),
    "lanes": (
        Hint("enter", "open", "open_event", 1),
        Hint("plus", "zoom in", "zoom", 2),
        Hint("minus", "zoom out", "zoom", 2),
        Hint("L", "later", "pan", 3),
        Hint("H", "earlier", "pan", 3),
        Hint("0", "fit", "fit", 4),
    ),
    "filter": (
        Hint("enter", "done", "submit", 1),
        Hint("escape", "back", "back", 1),
        Hint("ctrl+f", "search", "start_search", 3),
    ),
    "search": (
        Hint("enter", "done", "submit", 1),
        Hint("escape", "back", "back", 1),
    ),
}

_ENTITY_VIEW_HINTS = (
    Hint("right_square_bracket", "next", "entity_step", 1),
    Hint("left_square_bracket", "prev", "entity_step", 1),
    Hint("escape", "back", "back", 1),
    Hint("c", "card", "toggle_card", 4),
)


def bar_hints(
    place: Place, bound: Mapping[str, AbstractSet[str]], width: int, *, entity_view: bool = False
) -> list[Hint]:
    """The keys the key bar shows, in order, within `width` cells.

    `? help` and `q quit` are kept whenever they work there; the others by
    rank, the higher ranks dropped first. A key not bound to the hint's
    action in `bound` is never shown.
    """
    hints = list(_HINTS[place])
    if entity_view and place == "list":
        hints = [*_ENTITY_VIEW_HINTS, *(h for h in hints if h.rank > 1)]
    pinned = _PINNED_IN_VIEW if entity_view else _PINNED
    hints = [*hints, *(_PINNED_IN_LANES if place == "lanes" else pinned)]
    usable = [hint for hint in hints if hint.action in bound.get(hint.key, _NONE)]
    # (`ctrl+f` and `/` are bound with priority: never consumed by a bar.)
    kept: set[int] = set()
    used = 0
    for at, hint in sorted(enumerate(usable), key=lambda item: (item[1].rank, item[0])):
        if used + hint.width > width and hint.rank > 0:
            continue
        kept.add(at)
        used += hint.width
    return [hint for at, hint in enumerate(usable) if at in kept]

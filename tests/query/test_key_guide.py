"""The keys the help and the key bar show, chosen by place and by what is bound."""

from __future__ import annotations

from timeline_viewer.query.key_guide import (
    ShownGroup,
    ShownKey,
    action_name,
    bar_hints,
    help_columns,
    help_groups,
    matching,
)

LIST_KEYS = {
    "j": {"cursor_down"},
    "k": {"cursor_up"},
    "down": {"cursor_down"},
    "up": {"cursor_up"},
    "right": {"scroll_right", "year_step"},
    "enter": {"choose"},
    "slash": {"focus_filter"},
    "e": {"export"},
    "o": {"open_source"},
    "y": {"copy_event"},
    "p": {"toggle_entities"},
    "ctrl+f": {"start_search"},
    "E": {"edit"},
    "d": {"toggle_detail"},
    "question_mark": {"help"},
    "q": {"leave"},
    "Q": {"quit_asking"},
    "c": {"toggle_card"},
    "ctrl+q": {"quit"},
    "escape": {"back"},
    "right_square_bracket": {"entity_step"},
    "left_square_bracket": {"entity_step"},
}


def _bound(keys: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    return {key: frozenset(actions) for key, actions in keys.items()}


def _keys(groups: list[ShownGroup]) -> dict[str, str]:
    return {key.does: key.keys for group in groups for key in group.keys}


def test_action_names_lose_their_namespace_and_arguments() -> None:
    assert action_name("app.quit") == "quit"
    assert action_name("entity_step(1)") == "entity_step"
    assert action_name("screen.scroll('down')") == "scroll"


def test_the_help_shows_only_the_keys_bound_where_the_user_is() -> None:
    groups = help_groups("list", _bound(LIST_KEYS))
    assert [group.title for group in groups] == ["In the event list", "Anywhere", "Filter words"]
    keys = _keys(groups)
    assert keys["next / previous event"] == "j k ↓ ↑"
    assert keys["first event of next / previous year"] == "→"  # h, l, left unbound here
    assert keys["quit (in an entity view: leave it)"] == "q"
    assert keys["quit, asking first if views would be lost"] == "Q ctrl+q"
    assert "first / last event" not in keys  # g, G, home, end unbound
    assert keys["click rows, entities, jumps, the rail"] == "mouse"


def test_in_the_filter_bar_the_letters_are_typed_and_not_listed() -> None:
    bound = _bound({"enter": {"submit"}, "escape": {"back"}, "ctrl+q": {"quit"}})
    groups = help_groups("filter", bound)
    keys = _keys(groups)
    assert keys["back to the list, filter kept"] == "⏎ esc"
    assert keys["quit, asking first if views would be lost"] == "ctrl+q"
    assert "export the view: Markdown, CSV, iCalendar…" not in keys
    assert groups[-1].title == "Filter words"


def test_an_entity_view_names_its_entity() -> None:
    groups = help_groups("list", _bound(LIST_KEYS), "Ana Lima")
    assert groups[1].title == "In this entity view"
    assert _keys(groups)["next / previous event of Ana Lima"] == "] ["


def test_finding_in_the_help_keeps_matching_lines_or_whole_groups() -> None:
    groups = help_groups("list", _bound(LIST_KEYS))
    assert matching(groups, "EXPORT") == [
        ShownGroup("Anywhere", (ShownKey("e", "export the view: Markdown, CSV, iCalendar…"),))
    ]
    assert [g.title for g in matching(groups, "filter words")] == ["Filter words"]
    assert matching(groups, "") == groups
    assert matching(groups, "zeppelin") == []


def test_two_columns_keep_groups_whole_and_end_close() -> None:
    def group(title: str, size: int) -> ShownGroup:
        return ShownGroup(title, tuple(ShownKey(str(i), "x") for i in range(size)))

    groups = [group("a", 9), group("b", 14), group("c", 6)]
    left, right = help_columns(groups, 2)
    assert left[0] == "a" and right[0] == "b"
    assert left[11] == "c"  # after a's 10 lines and a blank one
    assert len(left) == 18 and len(right) == 15
    (only,) = help_columns(groups, 1)
    assert only.count(None) == 2 and len(only) == 10 + 15 + 7 + 2


def test_the_key_bar_keeps_help_and_quit_and_drops_the_least_useful_first() -> None:
    bound = _bound(LIST_KEYS)
    wide = [hint.shown for hint in bar_hints("list", bound, 200)]
    assert wide == ["/", "⏎", "e", "p", "o", "y", "ctrl+f", "E", "?", "q"]
    narrow = bar_hints("list", bound, 40)
    assert [hint.shown for hint in narrow][-2:] == ["?", "q"]
    assert sum(hint.width for hint in narrow) <= 40
    assert [hint.shown for hint in narrow][:2] == ["/", "⏎"]
    # Too narrow for anything else: help and quit still.
    assert [hint.shown for hint in bar_hints("list", bound, 5)] == ["?", "q"]


def test_the_key_bar_follows_the_place() -> None:
    bound = _bound({**LIST_KEYS, "enter": {"select"}, "j": {"cursor_down"}, "k": {"cursor_up"}})
    detail = [f"{hint.shown} {hint.label}" for hint in bar_hints("detail", bound, 80)]
    assert detail[:2] == ["⏎ open entity", "esc back"]
    view = [
        f"{hint.shown} {hint.label}"
        for hint in bar_hints("list", _bound(LIST_KEYS), 80, entity_view=True)
    ]
    assert view[:3] == ["] next", "[ prev", "esc back"]
    assert view[-2:] == ["? help", "Q quit"]
    # In the filter bar `q` and `?` are letters: not offered.
    in_bar = bar_hints("filter", _bound({"enter": {"submit"}, "escape": {"back"}}), 80)
    assert [hint.shown for hint in in_bar] == ["⏎", "esc"]

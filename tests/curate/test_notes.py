"""The notes sidecar: the model, its YAML both ways, broken files kept, orphans reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline_viewer.curate.notes import (
    Notes,
    NotesError,
    notes_path,
    notes_to_yaml,
    orphan_problems,
    parse_notes,
    read_notes,
    update_notes,
)


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def test_the_sidecar_sits_beside_the_timeline() -> None:
    assert notes_path(Path("/data/timeline.yaml")) == Path("/data/timeline.yaml.notes.yaml")


def test_changes_return_new_values() -> None:
    notes = Notes()
    starred = notes.with_star("b", True).with_star("a", True).with_star("b", True)
    assert starred.starred == ("a", "b")
    assert starred.with_star("a", False).starred == ("b",)
    noted = notes.with_note("a", "  Motive?  ")
    assert noted.notes == {"a": "Motive?"}
    assert noted.with_note("a", "  ").notes == {}
    viewed = notes.with_view(" early  days ", " before:1990 ")
    assert viewed.views == {"early days": "before:1990"}
    assert viewed.without_view("early days").views == {}
    assert notes.is_empty and not noted.is_empty
    marks = noted.with_star("x", True).marks
    assert marks.is_starred("x") and marks.note("a") == "Motive?"


def test_orphans_are_found_and_said_kept(tmp_path: Path) -> None:
    notes = Notes().with_star("gone", True).with_note("gone", "x").with_note("here", "y")
    assert notes.orphans({"here"}) == ["gone"]
    [problem] = orphan_problems(notes, {"here"}, tmp_path / "t.yaml.notes.yaml")
    assert 'a star and a note on event "gone"' in str(problem)
    assert "kept in the file" in str(problem)


texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@given(
    st.lists(texts.filter(str.strip), max_size=4),
    st.dictionaries(texts, texts, max_size=4),
    st.dictionaries(texts, texts, max_size=4),
)
def test_yaml_round_trip(starred: list[str], notes: dict[str, str], views: dict[str, str]) -> None:
    from timeline_viewer.domain.text import sanitize

    clean = lambda value: sanitize(value)  # noqa: E731 - what reading keeps of a value
    value = Notes(
        tuple(sorted({clean(s).strip() for s in starred} - {""})),
        {clean(k).strip(): clean(v) for k, v in notes.items()},
        {clean(k).strip(): clean(v) for k, v in views.items()},
    )
    assert parse_notes(notes_to_yaml(value, "t.yaml"), "n.yaml") == value


def test_a_missing_or_empty_sidecar_is_no_notes(tmp_path: Path) -> None:
    assert read_notes(tmp_path / "none.notes.yaml") == Notes()
    _write(tmp_path / "empty.notes.yaml", "\n")
    assert read_notes(tmp_path / "empty.notes.yaml") == Notes()


def test_hand_written_sidecar_reads(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml.notes.yaml"
    _write(path, "starred: [b, a]\nnotes:\n  a: plain text, no quotes\nviews:\n  no: yes\n")
    notes = read_notes(path)
    assert notes == Notes(("a", "b"), {"a": "plain text, no quotes"}, {"no": "yes"})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("starred: [", ":2:1: YAML syntax"),
        ("- a\n- b\n", ":1:1: expected sections starred:, notes: and views:, got a list"),
        ("stared: [a]\n", ':1:1: stared: unknown section "stared"; did you mean starred?'),
        ("notes:\n  a: [1]\n", ":2:6: notes.a: expected a note as text, got a list"),
        ("starred: a\n", ':1:10: starred: expected a list of event ids, got "a"'),
        ("schema: 2\n", ':1:9: schema: expected schema 1, got "2"'),
        ("notes: !!python/object:os.system x\n", "tag"),
    ],
)
def test_a_broken_sidecar_is_reported_located(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "t.yaml.notes.yaml"
    _write(path, text)
    with pytest.raises(NotesError) as caught:
        read_notes(path)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_not_utf8_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml.notes.yaml"
    path.write_bytes(b"notes:\n  a: \xff\n")
    with pytest.raises(NotesError, match="not UTF-8"):
        read_notes(path)


def _writer(written: list[tuple[Path, str]]):  # type: ignore[no-untyped-def]
    def write(path: Path, text: str) -> None:
        written.append((path, text))
        path.write_text(text, encoding="utf-8")

    return write


def test_update_reads_the_file_again_and_keeps_hand_edits(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml.notes.yaml"
    written: list[tuple[Path, str]] = []
    update_notes(path, lambda n: n.with_star("a", True), _writer(written), "t.yaml")
    # Edited by hand meanwhile: a note added.
    _write(
        path, path.read_text(encoding="utf-8") + "notes:\n  b: by hand\n".replace("notes: {}\n", "")
    )
    _write(path, 'starred: ["a"]\nnotes:\n  b: by hand\n')
    result = update_notes(
        path, lambda n: n.with_note("a", "in the app"), _writer(written), "t.yaml"
    )
    assert result.notes == {"a": "in the app", "b": "by hand"}
    assert read_notes(path) == result
    # No change: nothing written.
    before = len(written)
    update_notes(path, lambda n: n, _writer(written), "t.yaml")
    assert len(written) == before


def test_a_broken_sidecar_is_never_written_over(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml.notes.yaml"
    _write(path, "starred: [a\n")
    written: list[tuple[Path, str]] = []
    with pytest.raises(NotesError):
        update_notes(path, lambda n: n.with_star("b", True), _writer(written), "t.yaml")
    assert written == []
    assert path.read_text(encoding="utf-8") == "starred: [a\n"


def test_the_bundled_timelines_notes_live_in_the_users_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline_viewer.load.loader import bundled_timeline_path

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    bundled = bundled_timeline_path()
    sidecar = notes_path(bundled)
    assert sidecar == tmp_path / "data" / "timeline-viewer" / "bundled-timeline.yaml.notes.yaml"
    # Named another way (relative, through a link), it is the same file, with the same notes.
    link = tmp_path / "link.yaml"
    link.symlink_to(bundled)
    assert notes_path(link) == sidecar
    # A copy of it is a timeline of the user's own: its notes sit beside it.
    copy = tmp_path / "timeline.yaml"
    copy.write_bytes(bundled.read_bytes())
    assert notes_path(copy) == tmp_path / "timeline.yaml.notes.yaml"


def test_a_view_is_renamed_with_its_filter_and_deleted() -> None:
    notes = Notes().with_view("bridges", "bridge").with_view("floods", "flood")
    renamed = notes.with_view_renamed("bridges", "  river\u202e  crossings ")
    assert renamed.views == {"river crossings": "bridge", "floods": "flood"}
    assert notes.with_view_renamed("missing", "x") == notes
    assert notes.with_view_renamed("bridges", "  ") == notes
    # Onto a name in use: that view is replaced (the TUI asks to delete it first).
    assert notes.with_view_renamed("bridges", "floods").views == {"floods": "bridge"}
    assert renamed.without_view("floods").views == {"river crossings": "bridge"}

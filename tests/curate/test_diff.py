"""Timeline diff: every kind of change, three renderers, and reading a git revision."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from timeline_viewer.curate.diff import (
    EntityBrief,
    EntityRenamed,
    EventBrief,
    EventIdChanged,
    EventRedated,
    EventResourced,
    EventRetitled,
    ItemEdited,
    PartChange,
    RevisionError,
    SourceBrief,
    TimelineDiff,
    diff_as_data,
    diff_timelines,
    is_revision_spec,
    read_revision,
    render_json,
    render_markdown,
    render_text,
    summary_line,
)
from timeline_viewer.domain.dates import OpenEnd, PartialDate
from timeline_viewer.domain.model import Media, Timeline
from timeline_viewer.load.loader import LoadError, load_timeline, parse_timeline

CURATION = Path(__file__).resolve().parent / "curation"


@pytest.fixture(scope="module")
def fixture_diff() -> TimelineDiff:
    return diff_timelines(
        load_timeline(CURATION / "diff-old.yaml"), load_timeline(CURATION / "diff-new.yaml")
    )


def _timeline(events: str, *, title: str = "T", entities: str = "", sources: str = "") -> Timeline:
    text = f"schema: 1\ntitle: {title}\n"
    text += f"sources:\n{sources}" if sources else ""
    text += f"entities:\n{entities}" if entities else ""
    text += f"events:\n{events}" if events else ""
    return parse_timeline(text, "t.yaml")


def _event(event_id: str, date: str = "2000", title: str = "Title", extra: str = "") -> str:
    return f'  - id: {event_id}\n    date: "{date}"\n    title: "{title}"\n{extra}'


# --- computing the diff ------------------------------------------------------------------


def test_identical_timelines_have_no_changes() -> None:
    old = load_timeline(CURATION / "diff-old.yaml")
    diff = diff_timelines(old, old)
    assert diff == TimelineDiff()
    assert diff.empty
    assert summary_line(diff) == "no changes"
    assert render_text(diff) == "no changes\n"


def test_moving_items_within_the_file_is_no_change() -> None:
    first = _timeline(_event("a", "2000") + _event("b", "2001"))
    second = _timeline(
        "  # a comment moves the lines too\n" + _event("b", "2001") + _event("a", "2000")
    )
    assert [e.line for e in first.events] != [e.line for e in second.events]
    assert diff_timelines(first, second).empty


def test_every_kind_of_change_in_the_fixture(fixture_diff: TimelineDiff) -> None:
    diff = fixture_diff
    assert diff.events_added == (
        EventBrief(
            "transfer",
            "Caro Quintero transferred to the United States",
            PartialDate(2025, 2, 27),
            None,
            "27 Feb 2025",
        ),
    )
    assert diff.events_removed == (
        EventBrief("rumour", "A rumour that did not hold up", PartialDate(2016), None, "2016"),
    )
    assert diff.events_id_changed == (
        EventIdChanged("wanted", "fbi-most-wanted", "Caro Quintero on the FBI's most wanted list"),
    )
    assert [(r.id, r.old_when, r.new_when) for r in diff.events_redated] == [
        ("cartel-era", "c. 1978 \u2013 1989", "c. 1978 \u2013 1990"),
        ("arrested", "Apr 1985", "4 Apr 1985"),
    ]
    assert diff.events_redated[1] == EventRedated(
        "arrested",
        "Caro Quintero arrested in Costa Rica",
        PartialDate(1985, 4),
        None,
        PartialDate(1985, 4, 4),
        None,
        "Apr 1985",
        "4 Apr 1985",
    )
    assert diff.events_retitled == (
        EventRetitled(
            "kidnapped",
            "Camarena kidnapped",
            "DEA agent Enrique Camarena kidnapped in Guadalajara",
        ),
    )
    assert diff.events_resourced == (
        EventResourced(
            "released",
            "Caro Quintero released on a technicality",
            ("court-record",),
            ("retracted",),
        ),
    )
    assert diff.events_edited == (
        ItemEdited("kidnapped", "DEA agent Enrique Camarena kidnapped in Guadalajara", ("place",)),
        ItemEdited("recaptured", "Caro Quintero recaptured", ("summary", "tags")),
    )
    assert diff.entities_added == (EntityBrief("guadalajara", "Guadalajara", "place"),)
    assert diff.entities_removed == (EntityBrief("bystander", "A bystander", "person"),)
    assert diff.entities_renamed == (
        EntityRenamed("caro-quintero", "Rafael Caro Quintero", "Rafael Caro-Quintero"),
    )
    assert diff.entities_edited == (ItemEdited("camarena", "Enrique Camarena", ("aliases",)),)
    assert diff.sources_added == (SourceBrief("court-record", "The court record"),)
    assert diff.sources_removed == (SourceBrief("retracted", "A retracted story"),)
    assert diff.sources_edited == (ItemEdited("book", "A history book", ("title",)),)
    assert diff.title is None
    assert diff.description_changed


def test_one_event_may_change_in_several_ways_at_once() -> None:
    old = _timeline(_event("a", "2000", "Old title"))
    new = _timeline(_event("a", "2001-05", "New title", "    tags: [x]\n"))
    diff = diff_timelines(old, new)
    assert [r.id for r in diff.events_redated] == ["a"]
    assert [r.id for r in diff.events_retitled] == ["a"]
    assert diff.events_edited == (ItemEdited("a", "New title", ("tags",)),)
    assert summary_line(diff) == "1 event redated, 1 retitled, 1 edited"


def test_a_changed_period_end_is_a_redate() -> None:
    old = _timeline(_event("a", "2000", extra='    end: "2002"\n'))
    new = _timeline(_event("a", "2000"))
    (redated,) = diff_timelines(old, new).events_redated
    assert (redated.old_end, redated.new_end) == (PartialDate(2002), None)
    assert (redated.old_when, redated.new_when) == ("2000 \u2013 2002", "2000")


def test_reordered_sources_are_resourced_with_nothing_added_or_removed() -> None:
    sources = "  - id: s\n    title: S\n  - id: t\n    title: T\n"
    old = _timeline(_event("a", extra="    sources: [s, t]\n"), sources=sources)
    new = _timeline(_event("a", extra="    sources: [t, s]\n"), sources=sources)
    diff = diff_timelines(old, new)
    assert diff.events_resourced == (EventResourced("a", "Title", (), ()),)
    assert "a: reordered" in render_text(diff)


def test_an_id_change_needs_everything_else_identical() -> None:
    old = _timeline(_event("old-id", "2000", "Same") + _event("other", "2001", "Other"))
    renamed = _timeline(_event("new-id", "2000", "Same") + _event("other", "2001", "Other"))
    assert diff_timelines(old, renamed).events_id_changed == (
        EventIdChanged("old-id", "new-id", "Same"),
    )
    assert diff_timelines(old, renamed).events_added == ()
    retitled = _timeline(
        _event("new-id", "2000", "Not the same") + _event("other", "2001", "Other")
    )
    diff = diff_timelines(old, retitled)
    assert diff.events_id_changed == ()
    assert [e.id for e in diff.events_added] == ["new-id"]
    assert [e.id for e in diff.events_removed] == ["old-id"]


def test_identical_twins_pair_up_one_to_one() -> None:
    old = _timeline(_event("a1", "2000", "Twin") + _event("a2", "2000", "Twin"))
    new = _timeline(
        _event("b1", "2000", "Twin") + _event("b2", "2000", "Twin") + _event("b3", "2000", "Twin")
    )
    diff = diff_timelines(old, new)
    assert [(c.old_id, c.new_id) for c in diff.events_id_changed] == [("a1", "b1"), ("a2", "b2")]
    assert [e.id for e in diff.events_added] == ["b3"]
    assert diff.events_removed == ()


def test_many_identical_twins_renamed_pair_up_in_file_order() -> None:
    old = _timeline("".join(_event(f"old-{n}", "2000", "Twin") for n in range(300)))
    new = _timeline("".join(_event(f"new-{n}", "2000", "Twin") for n in range(299)))
    diff = diff_timelines(old, new)
    assert [(c.old_id, c.new_id) for c in diff.events_id_changed] == [
        (f"old-{n}", f"new-{n}") for n in range(299)
    ]
    assert [e.id for e in diff.events_removed] == ["old-299"]


def test_sources_added_and_removed_keep_the_order_of_their_lists() -> None:
    sources = "".join(f"  - id: s{n}\n    title: S{n}\n" for n in range(400))
    listed = [f"s{n}" for n in range(400)]
    old_list, new_list = listed[:300], listed[100:][::-1]
    old = _timeline(_event("a", extra=f"    sources: [{', '.join(old_list)}]\n"), sources=sources)
    new = _timeline(_event("a", extra=f"    sources: [{', '.join(new_list)}]\n"), sources=sources)
    (change,) = diff_timelines(old, new).events_resourced
    assert change.added == tuple(f"s{n}" for n in range(399, 299, -1))
    assert change.removed == tuple(f"s{n}" for n in range(100))


def test_title_change_and_summary_line_wording() -> None:
    entities = "  - id: p\n    name: P\n    kind: person\n"
    old = _timeline(_event("a"), title="Old", entities=entities)
    new = _timeline(
        _event("a") + _event("b") + _event("c", "2001"),
        title="New",
        entities="  - id: p\n    name: Q\n    kind: person\n",
    )
    diff = diff_timelines(old, new)
    assert diff.title == ("Old", "New")
    assert summary_line(diff) == "2 events added, 1 entity renamed, title changed"
    more = diff_timelines(new, old)
    assert summary_line(more) == "2 events removed, 1 entity renamed, title changed"


def test_summary_line_names_each_noun_once_and_counts_plurals() -> None:
    brief = EventBrief("a", "A", PartialDate(2000), None, "2000")
    redate = EventRedated(
        "b", "B", PartialDate(2000), None, PartialDate(2001), None, "2000", "2001"
    )
    diff = TimelineDiff(
        events_added=(brief, brief),
        events_redated=(redate,),
        entities_renamed=(EntityRenamed("p", "P", "Q"),),
        sources_removed=(SourceBrief("s", "S"), SourceBrief("t", "T")),
    )
    assert summary_line(diff) == "2 events added, 1 redated, 1 entity renamed, 2 sources removed"


# --- renderers ---------------------------------------------------------------------------


def test_render_text_matches_the_expected_report(fixture_diff: TimelineDiff) -> None:
    expected = (CURATION / "diff.expected.txt").read_text(encoding="utf-8")
    assert render_text(fixture_diff) == expected


def test_render_text_keeps_each_entry_on_one_line() -> None:
    old = _timeline(_event("a", title="One"))
    event = msgspec.structs.replace(old.events[0], title="Two\nlines")
    lines = render_text(diff_timelines(old, Timeline(title="T", events=(event,)))).splitlines()
    assert lines == ["1 event retitled", "", "Events retitled:", '  a: "One" -> "Two lines"']


JSON_EVENT_KEYS = {"id", "title", "date", "end", "when"}


def test_render_json_has_the_documented_shape(fixture_diff: TimelineDiff) -> None:
    data = json.loads(render_json(fixture_diff))
    assert list(data) == [
        "version",
        "summary",
        "title",
        "description_changed",
        "front_changed",
        "events",
        "entities",
        "sources",
    ]
    assert data["version"] == 1
    assert data["summary"] == summary_line(fixture_diff)
    assert list(data["events"]) == [
        "added",
        "removed",
        "id_changed",
        "redated",
        "retitled",
        "resourced",
        "edited",
    ]
    assert list(data["entities"]) == ["added", "removed", "renamed", "edited"]
    assert list(data["sources"]) == ["added", "removed", "edited"]
    events = data["events"]
    assert set(events["added"][0]) == JSON_EVENT_KEYS
    assert events["added"][0]["date"] == "2025-02-27"
    assert events["redated"][0] == {
        "id": "cartel-era",
        "title": "The Guadalajara Cartel dominates the trade",
        "old": {"date": "1978~", "end": "1989", "when": "c. 1978 \u2013 1989"},
        "new": {"date": "1978~", "end": "1990", "when": "c. 1978 \u2013 1990"},
    }
    assert events["id_changed"] == [
        {
            "old_id": "wanted",
            "new_id": "fbi-most-wanted",
            "title": "Caro Quintero on the FBI's most wanted list",
        }
    ]
    assert events["retitled"][0]["old"] == "Camarena kidnapped"
    assert events["resourced"] == [
        {
            "id": "released",
            "title": "Caro Quintero released on a technicality",
            "added": ["court-record"],
            "removed": ["retracted"],
        }
    ]
    assert events["edited"][1] == {
        "id": "recaptured",
        "title": "Caro Quintero recaptured",
        "fields": ["summary", "tags"],
    }
    assert data["entities"]["renamed"] == [
        {"id": "caro-quintero", "old": "Rafael Caro Quintero", "new": "Rafael Caro-Quintero"}
    ]
    assert data["entities"]["edited"] == [
        {"id": "camarena", "name": "Enrique Camarena", "fields": ["aliases"]}
    ]
    assert data["sources"]["edited"] == [
        {"id": "book", "title": "A history book", "fields": ["title"]}
    ]
    assert data["title"] is None
    assert data["description_changed"] is True


def test_render_json_of_no_changes_keeps_every_key() -> None:
    data = json.loads(render_json(TimelineDiff()))
    assert data["summary"] == "no changes"
    assert all(
        value == [] for group in ("events", "entities", "sources") for value in data[group].values()
    )
    assert render_json(TimelineDiff()) == render_json(TimelineDiff())  # deterministic


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def test_render_markdown_has_one_section_and_list_per_change(fixture_diff: TimelineDiff) -> None:
    tokens = MarkdownIt("commonmark").parse(render_markdown(fixture_diff))
    headings = [
        (token.tag, tokens[i + 1].content)
        for i, token in enumerate(tokens)
        if token.type == "heading_open"
    ]
    assert headings[0] == ("h1", "Timeline changes")
    assert [text for tag, text in headings[1:]] == [
        "Description changed",
        "Events added",
        "Events removed",
        "Events with a new id",
        "Events redated",
        "Events retitled",
        "Events re-sourced",
        "Events edited",
        "Entities added",
        "Entities removed",
        "Entities renamed",
        "Entities edited",
        "Sources added",
        "Sources removed",
        "Sources edited",
    ]
    assert {tag for tag, _ in headings[1:]} == {"h2"}
    assert sum(1 for t in tokens if t.type == "bullet_list_open") == len(headings) - 1
    assert sum(1 for t in tokens if t.type == "list_item_open") == 17
    codes = [t.content for t in _walk(tokens) if t.type == "code_inline"]
    assert codes[:3] == ["transfer", "rumour", "wanted"]
    summary = next(t for t in tokens if t.type == "inline" and t.content.startswith("1 event"))
    assert summary.content.endswith("description changed.")


def test_render_markdown_escapes_data_text() -> None:
    hostile = "[click](https://evil.example) <img src=x onerror=alert(1)> **bold** `code`"
    old = _timeline(_event("a", title="Harmless"))
    new = _timeline(_event("a", title=hostile.replace('"', "")))
    document = render_markdown(diff_timelines(old, new))
    tokens = list(_walk(MarkdownIt("commonmark").parse(document)))
    kinds = {t.type for t in tokens}
    assert not kinds & {"link_open", "image", "html_inline", "html_block", "strong_open"}
    assert [t.content for t in tokens if t.type == "code_inline"] == ["a"]
    text = "".join(t.content for t in tokens if t.type == "text")
    assert "[click](https://evil.example)" in text
    assert "**bold**" in text


# --- reading revisions -------------------------------------------------------------------


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.com",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
            *args,
        ],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # Keep the user's and the system's git configuration out of the test.
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    root = tmp_path / "repo"
    (root / "data").mkdir(parents=True)
    _git(root, "init", "-q")
    timeline = root / "data" / "timeline.yaml"
    timeline.write_text((CURATION / "diff-old.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "old")
    timeline.write_text((CURATION / "diff-new.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    _git(root, "commit", "-q", "-am", "new")
    return root


def test_read_revision_reads_a_file_at_a_revision(repo: Path) -> None:
    name, text = read_revision("HEAD~1:data/timeline.yaml", repo)
    assert name == "HEAD~1:data/timeline.yaml"
    assert text == (CURATION / "diff-old.yaml").read_text(encoding="utf-8")
    old = parse_timeline(text, name)
    new = load_timeline(repo / "data" / "timeline.yaml")
    assert diff_timelines(old, new) == diff_timelines(
        load_timeline(CURATION / "diff-old.yaml"), load_timeline(CURATION / "diff-new.yaml")
    )


def test_read_revision_paths_are_from_the_top_unless_dot_relative(repo: Path) -> None:
    _, text = read_revision("HEAD:./timeline.yaml", repo / "data")
    assert text == (CURATION / "diff-new.yaml").read_text(encoding="utf-8")
    _, same = read_revision("HEAD:data/timeline.yaml", repo / "data")
    assert same == text


def test_read_revision_reads_the_staged_file_with_an_empty_revision(repo: Path) -> None:
    # As in git, ":path" is the version in the index.
    (repo / "data" / "timeline.yaml").write_text("schema: 1\ntitle: unstaged\n", encoding="utf-8")
    _, text = read_revision(":data/timeline.yaml", repo)
    assert text == (CURATION / "diff-new.yaml").read_text(encoding="utf-8")


def test_read_revision_reads_a_plain_file_too(repo: Path) -> None:
    name, text = read_revision("data/timeline.yaml", repo)
    assert name == "data/timeline.yaml"
    assert text == (repo / "data" / "timeline.yaml").read_text(encoding="utf-8")
    odd = repo / "odd:name.yaml"  # an existing file wins over the REV:path reading
    odd.write_text("schema: 1\n", encoding="utf-8")
    assert not is_revision_spec("odd:name.yaml", repo)
    assert read_revision("odd:name.yaml", repo) == ("odd:name.yaml", "schema: 1\n")
    with pytest.raises(LoadError):
        read_revision("missing.yaml", repo)


def test_is_revision_spec() -> None:
    here = Path.cwd()
    assert is_revision_spec("HEAD~1:data/timeline.yaml", here)
    assert is_revision_spec("v1.0:timeline.yaml", here)
    assert not is_revision_spec("data/timeline.yaml", here)
    assert not is_revision_spec("C:\\data\\timeline.yaml", here)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("HEAD~5:data/timeline.yaml", "HEAD~5"),
        ("HEAD:data/missing.yaml", "data/missing.yaml"),
        ("no-such-branch:data/timeline.yaml", "no-such-branch"),
    ],
)
def test_read_revision_explains_what_git_cannot_find(repo: Path, spec: str, expected: str) -> None:
    with pytest.raises(RevisionError) as caught:
        read_revision(spec, repo)
    message = str(caught.value)
    assert message.startswith(f'cannot read "{spec}" from git: ')
    assert expected in message.removeprefix(f'cannot read "{spec}" from git: ')
    assert "fatal" not in message
    assert "\n" not in message


def test_read_revision_outside_a_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    with pytest.raises(RevisionError, match="not a git repository"):
        read_revision("HEAD:timeline.yaml", tmp_path)


def test_read_revision_without_git(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(repo / "no-binaries-here"))
    with pytest.raises(RevisionError, match="git is not installed"):
        read_revision("HEAD:data/timeline.yaml", repo)


@pytest.mark.parametrize("spec", ["--output=/tmp/x:y", "HEAD:"])
def test_read_revision_refuses_what_is_not_rev_colon_path(repo: Path, spec: str) -> None:
    with pytest.raises(RevisionError):
        read_revision(spec, repo)


def test_read_revision_refuses_text_that_is_not_utf8(repo: Path) -> None:
    (repo / "latin1.yaml").write_bytes("title: Caf\xe9\n".encode("latin-1"))
    _git(repo, "add", "latin1.yaml")
    _git(repo, "commit", "-q", "-m", "latin-1")
    (repo / "latin1.yaml").unlink()
    with pytest.raises(LoadError, match="not UTF-8"):
        read_revision("HEAD:latin1.yaml", repo)


def test_an_end_without_a_date_is_a_redate_and_written_as_in_the_file() -> None:
    old = _timeline(_event("a", "198X", extra="    end: ..\n") + _event("b", "2000"))
    new = _timeline(_event("a", "198X", extra="    end: unknown\n") + _event("b", "200X"))
    diff = diff_timelines(old, new)
    by_id = {r.id: r for r in diff.events_redated}
    assert (by_id["a"].old_open_end, by_id["a"].new_open_end) == (OpenEnd.ONGOING, OpenEnd.UNKNOWN)
    assert (by_id["a"].old_when, by_id["a"].new_when) == (
        "198X \u2013 ongoing",
        "198X \u2013 unknown",
    )
    assert by_id["b"].new_date.edtf() == "200X"
    data = diff_as_data(diff)["events"]["redated"]
    a = next(r for r in data if r["id"] == "a")
    assert (a["old"]["end"], a["new"]["end"]) == ("..", "unknown")
    assert diff_timelines(old, old).events_redated == ()


# --- media, display_date and background ---------------------------------------------------

MEDIA = "    media:\n      url: media/a.jpg\n      caption: A picture\n"


def test_media_added_removed_and_changed_say_which_fields() -> None:
    plain = _event("a")
    with_media = _event("a", extra=MEDIA)
    recaptioned = _event("a", extra=MEDIA.replace("A picture", "Another") + "      credit: AP\n")
    added = diff_timelines(_timeline(plain), _timeline(with_media)).events_edited
    removed = diff_timelines(_timeline(with_media), _timeline(plain)).events_edited
    changed = diff_timelines(_timeline(with_media), _timeline(recaptioned)).events_edited
    assert added == (
        ItemEdited("a", "Title", ("media",), (PartChange("media", "added", ("url", "caption")),)),
    )
    assert removed[0].parts == (PartChange("media", "removed", ("url", "caption")),)
    assert changed[0].parts == (PartChange("media", "changed", ("caption", "credit")),)
    text = render_text(diff_timelines(_timeline(with_media), _timeline(recaptioned)))
    assert text.splitlines()[-1] == "  a: media (caption, credit changed)"


def test_display_date_and_background_are_edits_too() -> None:
    old = _timeline(_event("a", extra='    display_date: "13 сентября"\n    tags: [x]\n'))
    new = _timeline(_event("a", extra="    background: {color: '#123456'}\n"))
    diff = diff_timelines(old, new)
    (edit,) = diff.events_edited
    assert edit.fields == ("tags", "display_date", "background")
    assert edit.parts == (PartChange("background", "added", ("color",)),)
    assert render_text(diff).splitlines()[-1] == "  a: tags, display_date, background (added)"
    assert summary_line(diff) == "1 event edited"


def test_media_changes_in_json_and_markdown() -> None:
    old = _timeline(_event("a", extra=MEDIA))
    new = _timeline(_event("a", extra=MEDIA.replace("media/a.jpg", "https://example.com/b.jpg")))
    diff = diff_timelines(old, new)
    assert diff_as_data(diff)["events"]["edited"] == [
        {
            "id": "a",
            "title": "Title",
            "fields": ["media"],
            "parts": {"media": {"change": "changed", "fields": ["url"]}},
        }
    ]
    tokens = list(_walk(MarkdownIt("commonmark").parse(render_markdown(diff))))
    items = [t.content for t in tokens if t.type == "inline" and "media" in t.content]
    assert items == ["`a` Title: media (url changed)"]


def test_an_event_whose_media_differs_is_no_id_change() -> None:
    old = _timeline(_event("a", extra=MEDIA))
    new = _timeline(_event("b", extra=MEDIA.replace("A picture", "Other")))
    diff = diff_timelines(old, new)
    assert [e.id for e in diff.events_added] == ["b"]
    assert [e.id for e in diff.events_removed] == ["a"]
    assert not diff.events_id_changed


def test_the_timeline_s_own_media_and_background_are_compared() -> None:
    old = _timeline(_event("a"))
    new = msgspec.structs.replace(
        old, media=Media("https://example.org/cover.jpg"), title_headline=""
    )
    diff = diff_timelines(old, new)
    assert diff.front_changed == ("media", "title_headline")
    assert summary_line(diff) == "title slide changed"
    assert "Title slide changed:\n  media, title_headline" in render_text(diff)
    assert "`media`, `title_headline`" in render_markdown(diff)
    assert json.loads(render_json(diff))["front_changed"] == ["media", "title_headline"]
    assert diff_timelines(new, new).empty

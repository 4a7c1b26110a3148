"""The Markdown export's optional parts: the reader's notes, and who appears with whom."""

from __future__ import annotations

from markdown_it import MarkdownIt

from timeline_viewer.export.markdown import Extras, export_markdown
from timeline_viewer.load.loader import bundled_timeline_path, load
from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.query.language import parse_query
from timeline_viewer.query.marks import Marks


def _index() -> TimelineIndex:
    return TimelineIndex(load(bundled_timeline_path()).timeline)


def test_without_extras_the_document_is_unchanged() -> None:
    index = _index()
    plain = export_markdown(index)
    assert export_markdown(index, extras=Extras()) == plain
    # Marks given but none on the exported events: nothing added either.
    assert export_markdown(index, extras=Extras(marks=Marks())) == plain


def test_notes_are_marked_as_the_readers_own_and_escaped() -> None:
    index = _index()
    marks = Marks(
        frozenset({"camarena-kidnapped"}),
        {"camarena-kidnapped": "See [this](javascript:alert(1)) <b>now</b>"},
    )
    positions = parse_query("year:1985").select(index)
    text = export_markdown(index, positions, filter_text="year:1985", extras=Extras(marks=marks))
    assert "*★ marks the events I starred (1); lines headed My note are my own notes (1)." in text
    assert "- ★ **7 Feb 1985** — **DEA agent Enrique Camarena kidnapped" in text
    html = MarkdownIt("commonmark").render(text)
    [note] = [line for line in html.splitlines() if "My note:" in line]
    assert "<a " not in note and "<b>" not in note
    assert "See [this](javascript:alert(1)) &lt;b&gt;now&lt;/b&gt;" in note


def test_who_appears_with_whom_is_a_table() -> None:
    index = _index()
    text = export_markdown(index, extras=Extras(connections=True))
    assert text.startswith(export_markdown(index).split("## Sources")[0].rstrip("\n"))
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<h2>Who appears with whom</h2>" in html
    table = html.split("<h2>Who appears with whom</h2>")[1].split("</table>")[0]
    assert table.count("<tr>") == 1 + 25  # the heading row and the busiest 25 entities
    assert "<td>Rafael Caro Quintero</td>" in table


def test_the_table_is_left_out_when_no_two_entities_meet() -> None:
    index = _index()
    lonely = [p for p in range(len(index)) if len(index.events[p].entity_ids) <= 1][:1]
    text = export_markdown(index, lonely, extras=Extras(connections=True))
    assert "Who appears with whom" not in text

"""Markdown export of EDTF forms: shown as written, sections by span, a legend that says what they mean."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from timeline_viewer.export.markdown import export_markdown
from timeline_viewer.load.loader import parse_timeline
from timeline_viewer.query.index import TimelineIndex

HEAD = "schema: 1\ntitle: T\nevents:\n"


def document(*events: tuple[str, str | None]) -> str:
    text = HEAD
    for n, (date, end) in enumerate(events):
        text += f"  - id: e{n}\n    date: {date}\n    title: Event {n}\n"
        if end is not None:
            text += f"    end: {end}\n"
    return export_markdown(TimelineIndex(parse_timeline(text, "t.yaml")))


def test_x_dates_and_open_ends_are_shown_as_written() -> None:
    text = document(("198X", ".."), ("1980", None), ("1985-04-XX", "unknown"), ("19XX", None))
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    # A century and a decade head their own sections, before the years inside them.
    assert headings == ["## 19XX", "## 198X", "## 1980", "## 1985"]
    assert "- **198X \u2013 ongoing** — **Event 0**" in text
    assert "- **Apr 1985 \u2013 unknown** — **Event 2**" in text
    assert (
        "*In a year such as 198X or 19XX, X stands for a digit not given."
        " A period shown as ongoing has no end yet; one ending in unknown ended"
        " at a time not known.*"
    ) in text
    MarkdownIt("gfm-like").parse(text)


@pytest.mark.parametrize(
    ("events", "legend"),
    [
        ([("1985", "..")], "*A period shown as ongoing has no end yet.*"),
        ([("1985", "unknown")], "*A period ending in unknown ended at a time not known.*"),
        (
            [("c. 198X", None)],
            "*Dates marked c. are approximate."
            " In a year such as 198X or 19XX, X stands for a digit not given.*",
        ),
        ([("1985-XX", None), ("1985-04-XX", None)], None),  # shown as 1985 and Apr 1985
        ([("1985", None)], None),
    ],
)
def test_the_legend_says_only_what_the_document_needs(
    events: list[tuple[str, str | None]], legend: str | None
) -> None:
    text = document(*events)
    lines = [line for line in text.splitlines() if line.startswith("*") and line.endswith("*")]
    assert lines == ([legend] if legend else [])

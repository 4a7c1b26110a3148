"""What the interop tests share: the TimelineJS corpus, comparisons, a hostile timeline."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import msgspec

from timeline_viewer.domain.dates import PartialDate
from timeline_viewer.domain.model import Entity, Event, Relation, Source, Timeline

_Item = TypeVar("_Item", Event, Entity, Source)
CORPUS = Path(__file__).resolve().parent / "fixtures" / "timelinejs"

# Texts that a naive YAML, HTML, JSON or CSV writer would corrupt or execute.
HOSTILE = (
    "no",
    "yes",
    "null",
    "~",
    "1985",
    "0x1F",
    "1e3",
    "0o17",
    ".inf",
    "- item",
    "key: value",
    "# not a comment",
    "'single",
    '"double',
    "&anchor",
    "*alias",
    "!!python/object:os.system",
    "%YAML 1.2",
    "@handle",
    "`tick",
    "| pipe",
    "> fold",
    "---",
    "...",
    "[flow, list]",
    "{a: b}",
    "back\\slash \\n",
    "tab\tinside",
    "line\u2028separator",
    "zero\u200bwidth and \ufeffBOM",
    "<script>alert(1)</script>",
    "</script><!-- x",
    "a &amp; b &lt; c",
    '=HYPERLINK("http://x")',
    "+1 -1 @SUM(A1)",
    "emoji \U0001f600 and ñ",
    "two  spaces   here",
)


def without_lines(timeline: Timeline) -> Timeline:
    """The timeline with every `line` field zeroed: what survives writing and reading."""

    def zero(item: _Item) -> _Item:
        return msgspec.structs.replace(item, line=0)

    return msgspec.structs.replace(
        timeline,
        events=tuple(zero(e) for e in timeline.events),
        entities=tuple(zero(e) for e in timeline.entities),
        sources=tuple(zero(s) for s in timeline.sources),
    )


def hostile_timeline() -> Timeline:
    """A valid timeline whose every free-text field holds something hostile."""
    sources = tuple(
        Source(
            id=f"source-{i}",
            title=text,
            publisher=HOSTILE[-1 - i],
            published=PartialDate(2001, 2, 3) if i % 2 else None,
            url=f"https://example.org/{i}?q=a&b=<c>" if i % 3 else None,
        )
        for i, text in enumerate(HOSTILE[:6])
    )
    entities = (
        Entity(
            id="person-a",
            name='O\'Brien <b>"Bold"</b>',
            kind="person",
            aliases=("no", "1985", "- x"),
            summary="multi\nline\n\n  indented\n",
            related=(Relation("place-b", "lives: in"),),
            born=PartialDate(-43, 3, 15),
        ),
        Entity(id="place-b", name="Zürich, #1", kind="place"),
        Entity(id="org-c", name="=cmd|' /C calc'!A0", kind="organization"),
    )
    events = [
        Event(
            id=f"event-{i}",
            date=PartialDate(1900 + i),
            title=text.strip() or "blank",
            summary=HOSTILE[-1 - i],
            entities=("person-a", "org-c") if i % 2 else (),
            place="place-b" if i % 3 == 0 else None,
            tags=(text, "era" if i == 4 else "tag"),
            sources=(f"source-{i % 6}",),
            note=HOSTILE[(i + 7) % len(HOSTILE)],
        )
        for i, text in enumerate(HOSTILE)
    ]
    events += [
        Event(
            id="caesar",
            date=PartialDate(-43, 3, 15),
            title="Caesar killed",
            summary="\nlead\n\n  indented\ttab  \ntrail\n\n",
        ),
        Event(id="bce-1", date=PartialDate(0), title="1 BCE"),
        Event(
            id="circa",
            date=PartialDate(1912, approximate=True),
            end=PartialDate(1915, 6, uncertain=True),
            title="c. 1912 to June 1915?",
        ),
        Event(id="unsure", date=PartialDate(1912, uncertain=True), title="1912?"),
        Event(id="both", date=PartialDate(1912, 5, approximate=True, uncertain=True), title="both"),
        Event(
            id="coarse-end",
            date=PartialDate(1985, 6),
            end=PartialDate(1985),
            title="end coarser than start",
        ),
        Event(id="same-end", date=PartialDate(1990), end=PartialDate(1990), title="same end"),
        Event(
            id="an-era",
            date=PartialDate(1950),
            end=PartialDate(1960),
            title="An era",
            summary="Era text",
            tags=("war", "era"),
        ),
        Event(
            id="flat-era",
            date=PartialDate(1970),
            end=PartialDate(1970),
            title="Flat era",
            tags=("era",),
        ),
        Event(id="deep", date=PartialDate(-13_799_999_999), title="Big Bang"),
        Event(
            id="reported",
            date=PartialDate(2013, 8, 9),
            title="Reported later",
            reported=PartialDate(2013, 8),
        ),
    ]
    return Timeline(
        title="Hostile: <b>timeline</b> & 'friends' #1",
        description="Line one\nline two: with colon\n\n- not a list",
        events=tuple(sorted(events, key=lambda e: e.date.sort_key)),
        entities=entities,
        sources=sources,
    )

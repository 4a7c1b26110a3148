"""The Markdown export line by line: exactly the document expected, nothing more.

Small timelines are built here and their exports written out by hand, so a
line lost, added or moved anywhere fails a test; a real CommonMark/GFM parser
checks that the document has the shape a reader sees.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from timeline_viewer.domain.dates import PartialDate
from timeline_viewer.domain.model import ENTITY_KINDS, Entity, EntityKind, Event, Source, Timeline
from timeline_viewer.domain.text import single_line
from timeline_viewer.export.markdown import export_markdown, markdown_chunks
from timeline_viewer.load.loader import parse_timeline
from timeline_viewer.query.index import TimelineIndex

HARBOUR_YAML = """\
schema: 1
title: Harbour dispute
description: A small timeline, written for the export tests.
sources:
  - id: gazette
    title: The Gazette
    publisher: Gazette Media
    published: 2001-03
    url: https://gazette.example/story?id=7
  - id: memoir
    title: A memoir
entities:
  - id: bo
    name: Bo Li
    kind: person
  - id: ana
    name: Ana Díaz
    kind: person
    aliases: [AD, La Jefa]
  - id: acme
    name: Acme Shipping
    kind: organization
  - id: lima
    name: Lima
    kind: place
  - id: accord
    name: Harbour Accord
    kind: other
events:
  - id: meeting
    date: 1999-05-02
    title: Ana meets Bo
    summary: |-
      They meet at the port,
      twice.
    entities: [ana, bo]
    place: lima
    sources: [memoir, gazette]
    reported: 1999-06
    note: Only the memoir gives the day.
  - id: founding
    date: 1999~
    end: 2000
    title: Acme Shipping founded
    entities: [acme, ana]
    sources: [gazette]
  - id: accord-signed
    date: 2001
    title: Harbour Accord signed
    entities: [accord, lima]
    place: lima
"""

# Written by hand from the design: chronological (a coarser date first),
# sources numbered by first citation, the entity index by kind, then by name.
HARBOUR_EXPORT = """\
# Harbour dispute

A small timeline, written for the export tests.

> All 3 events.

*Dates marked c. are approximate.*

## 1999

- **c. 1999 \N{EN DASH} 2000** — **Acme Shipping founded**[^1]
  *Involves:* Acme Shipping, Ana Díaz

- **2 May 1999** — **Ana meets Bo**[^2][^1]
  They meet at the port,\\
  twice.
  *Involves:* Ana Díaz, Bo Li, Lima
  *First reported:* Jun 1999
  *Note:* Only the memoir gives the day.

## 2001

- **2001** — **Harbour Accord signed**
  *Involves:* Harbour Accord, Lima

## Entities

### People

- **Ana Díaz** (also AD, La Jefa): 2 events (c. 1999 \N{EN DASH} 2000, 2 May 1999)
- **Bo Li**: 1 event (2 May 1999)

### Organisations

- **Acme Shipping**: 1 event (c. 1999 \N{EN DASH} 2000)

### Places

- **Lima**: 2 events (2 May 1999, 2001)

### Other

- **Harbour Accord**: 1 event (2001)

## Sources

[^1]: The Gazette, Gazette Media, Mar 2001. <https://gazette.example/story?id=7>
[^2]: A memoir.
"""


@pytest.fixture(scope="module")
def harbour() -> TimelineIndex:
    return TimelineIndex(parse_timeline(HARBOUR_YAML, "harbour.yaml"))


def assert_lines(markdown: str, expected: str) -> None:
    """`markdown` is `expected`, compared line by line for a readable failure."""
    assert markdown.splitlines() == expected.splitlines()
    assert markdown == expected  # and byte for byte, final newline included


def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").enable("strikethrough").use(footnote_plugin)


def outline(markdown: str) -> list[tuple[str, str]]:
    """The document as a reader sees its blocks: (kind, text) in order.

    Headings as h1..h3, paragraphs as p, list items as li (bullet or ordered:
    "ul"/"ol" opens each list), quotes as quote, footnote definitions as
    footnote; inline text as `flat` gives it.
    """
    blocks: list[tuple[str, str]] = []
    kind = {"bullet_list_open": "ul", "ordered_list_open": "ol", "blockquote_open": "quote"}
    tokens = parser().parse(markdown)
    context: list[str] = []
    for i, token in enumerate(tokens):
        if token.type in kind:
            blocks.append((kind[token.type], ""))
        if token.type in ("list_item_open", "blockquote_open", "footnote_open"):
            context.append(token.type)
        elif token.type in ("list_item_close", "blockquote_close", "footnote_close"):
            context.pop()
        elif token.type == "inline":
            opener = tokens[i - 1]
            if opener.type == "heading_open":
                blocks.append((opener.tag, flat(token)))
            elif context and context[-1] == "list_item_open":
                blocks.append(("li", flat(token)))
            elif context and context[-1] == "footnote_open":
                blocks.append(("footnote", flat(token)))
            else:
                blocks.append(("quote" if context else "p", flat(token)))
    return blocks


_MARKS = {
    "strong_open": "<b>",
    "strong_close": "</b>",
    "em_open": "<i>",
    "em_close": "</i>",
    "link_open": "<a>",
    "link_close": "</a>",
    "softbreak": " ",
}


def flat(token: Token) -> str:
    """An inline token's text, with what the parser made of it as tags: <b>, <i>, <a>, <fn:1>."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "footnote_ref":
            parts.append(f"<fn:{child.meta['label']}>")
        else:
            parts.append(_MARKS.get(child.type, f"<{child.type}>"))
    return "".join(parts)


# --- one document, exactly -------------------------------------------------------------


def test_the_whole_export_is_exactly_the_expected_document(harbour: TimelineIndex) -> None:
    assert_lines(export_markdown(harbour), HARBOUR_EXPORT)


def test_the_export_reads_as_the_expected_blocks(harbour: TimelineIndex) -> None:
    url = "https://gazette.example/story?id=7"
    assert outline(export_markdown(harbour)) == [
        ("h1", "Harbour dispute"),
        ("p", "A small timeline, written for the export tests."),
        ("quote", ""),
        ("quote", "All 3 events."),
        ("p", "<i>Dates marked c. are approximate.</i>"),
        ("h2", "1999"),
        ("ul", ""),
        (
            "li",
            "<b>c. 1999 \N{EN DASH} 2000</b> — <b>Acme Shipping founded</b><fn:1> "
            "<i>Involves:</i> Acme Shipping, Ana Díaz",
        ),
        (
            "li",
            "<b>2 May 1999</b> — <b>Ana meets Bo</b><fn:2><fn:1> They meet at the port,<hardbreak>twice. "
            "<i>Involves:</i> Ana Díaz, Bo Li, Lima <i>First reported:</i> Jun 1999 "
            "<i>Note:</i> Only the memoir gives the day.",
        ),
        ("h2", "2001"),
        ("ul", ""),
        ("li", "<b>2001</b> — <b>Harbour Accord signed</b> <i>Involves:</i> Harbour Accord, Lima"),
        ("h2", "Entities"),
        ("h3", "People"),
        ("ul", ""),
        (
            "li",
            "<b>Ana Díaz</b> (also AD, La Jefa): 2 events (c. 1999 \N{EN DASH} 2000, 2 May 1999)",
        ),
        ("li", "<b>Bo Li</b>: 1 event (2 May 1999)"),
        ("h3", "Organisations"),
        ("ul", ""),
        ("li", "<b>Acme Shipping</b>: 1 event (c. 1999 \N{EN DASH} 2000)"),
        ("h3", "Places"),
        ("ul", ""),
        ("li", "<b>Lima</b>: 2 events (2 May 1999, 2001)"),
        ("h3", "Other"),
        ("ul", ""),
        ("li", "<b>Harbour Accord</b>: 1 event (2001)"),
        ("h2", "Sources"),
        ("footnote", f"The Gazette, Gazette Media, Mar 2001. <a>{url}</a>"),
        ("footnote", "A memoir."),
    ]


def test_the_export_is_the_same_on_every_run(harbour: TimelineIndex) -> None:
    again = TimelineIndex(parse_timeline(HARBOUR_YAML, "elsewhere/harbour.yaml"))
    first = export_markdown(harbour, [2, 0], filter_text="accord")
    assert export_markdown(again, [2, 0], filter_text="accord").encode() == first.encode()
    assert export_markdown(harbour, [2, 0], filter_text="accord") == first


def test_a_selection_without_filter_text(harbour: TimelineIndex) -> None:
    # Only a place and an "other" entity in the selection: the index skips the
    # absent people and organisations and goes on to them.
    assert_lines(
        export_markdown(harbour, [2]),
        """\
# Harbour dispute

A small timeline, written for the export tests.

> 1 of 3 events.

## 2001

- **2001** — **Harbour Accord signed**
  *Involves:* Harbour Accord, Lima

## Entities

### Places

- **Lima**: 1 event (2001)

### Other

- **Harbour Accord**: 1 event (2001)
""",
    )


def test_a_filtered_export_names_the_filter(harbour: TimelineIndex) -> None:
    assert_lines(
        export_markdown(harbour, [1], filter_text="  bo   meets "),
        """\
# Harbour dispute

A small timeline, written for the export tests.

> Events mentioning "bo", mentioning "meets": 1 of 3 events.

## 1999

- **2 May 1999** — **Ana meets Bo**[^1][^2]
  They meet at the port,\\
  twice.
  *Involves:* Ana Díaz, Bo Li, Lima
  *First reported:* Jun 1999
  *Note:* Only the memoir gives the day.

## Entities

### People

- **Ana Díaz** (also AD, La Jefa): 1 event (2 May 1999)
- **Bo Li**: 1 event (2 May 1999)

### Places

- **Lima**: 1 event (2 May 1999)

## Sources

[^1]: A memoir.
[^2]: The Gazette, Gazette Media, Mar 2001. <https://gazette.example/story?id=7>
""",
    )


def test_a_selection_of_every_event_is_all_of_them(harbour: TimelineIndex) -> None:
    assert_lines(export_markdown(harbour, [0, 1, 2]), HARBOUR_EXPORT)
    assert_lines("".join(markdown_chunks(harbour)), HARBOUR_EXPORT)


def test_an_empty_selection_and_an_empty_timeline(harbour: TimelineIndex) -> None:
    assert_lines(
        export_markdown(harbour, []),
        "# Harbour dispute\n\nA small timeline, written for the export tests.\n\n> 0 of 3 events.\n",
    )
    assert_lines(
        export_markdown(harbour, [], filter_text="nothing"),
        "# Harbour dispute\n\nA small timeline, written for the export tests.\n\n"
        '> Events mentioning "nothing": 0 of 3 events.\n',
    )
    assert_lines(export_markdown(TimelineIndex(Timeline("Empty"))), "# Empty\n\n> No events.\n")


def test_one_event_in_all_is_singular() -> None:
    timeline = Timeline("One", events=(Event("e", PartialDate(1985), "Alone"),))
    assert_lines(
        export_markdown(TimelineIndex(timeline)),
        "# One\n\n> All 1 event.\n\n## 1985\n\n- **1985** — **Alone**\n",
    )


# --- each line of an event ----------------------------------------------------------


def _one_event(
    event: Event, entities: Iterable[Entity] = (), sources: Iterable[Source] = ()
) -> str:
    timeline = Timeline("T", events=(event,), entities=tuple(entities), sources=tuple(sources))
    return export_markdown(TimelineIndex(timeline))


def _entry(markdown: str) -> list[str]:
    """The lines of the only event's entry."""
    lines = markdown.splitlines()
    start = lines.index("## 1985") + 2
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return lines[start:end]


def test_first_reported_is_its_own_line_after_the_entities() -> None:
    event = Event(
        "e",
        PartialDate(1985, 2, 7),
        "Kidnapped",
        summary="Taken outside.",
        entities=("p",),
        reported=PartialDate(1985, 3, approximate=True),
        note="Date disputed.",
    )
    assert _entry(_one_event(event, [Entity("p", "Kiki", "person")])) == [
        "- **7 Feb 1985** — **Kidnapped**",
        "  Taken outside.",
        "  *Involves:* Kiki",
        "  *First reported:* c. Mar 1985",
        "  *Note:* Date disputed.",
    ]
    alone = Event("e", PartialDate(1985), "Kidnapped", reported=PartialDate(1986, uncertain=True))
    assert _entry(_one_event(alone)) == ["- **1985** — **Kidnapped**", "  *First reported:* 1986?"]


def test_the_place_is_involved_once() -> None:
    # Named where the entities list it, or after them if they do not.
    people = [Entity("p", "Kiki", "person"), Entity("g", "Guadalajara", "place")]
    inside = Event("e", PartialDate(1985), "T", entities=("g", "p"), place="g")
    assert _entry(_one_event(inside, people))[1] == "  *Involves:* Guadalajara, Kiki"
    outside = Event("e", PartialDate(1985), "T", entities=("p",), place="g")
    assert _entry(_one_event(outside, people))[1] == "  *Involves:* Kiki, Guadalajara"
    only = Event("e", PartialDate(1985), "T", place="g")
    assert _entry(_one_event(only, people))[1] == "  *Involves:* Guadalajara"
    nowhere = Event("e", PartialDate(1985), "T", entities=("p",))
    assert _entry(_one_event(nowhere, people))[1] == "  *Involves:* Kiki"


def test_every_cited_source_is_a_footnote_in_citation_order() -> None:
    sources = [Source("a", "Alpha"), Source("b", "Beta"), Source("c", "Gamma")]
    event = Event("e", PartialDate(1985), "T", sources=("c", "a", "b"))
    markdown = _one_event(event, sources=sources)
    assert _entry(markdown) == ["- **1985** — **T**[^1][^2][^3]"]
    # Listed once, as footnotes: no numbered list repeating them.
    assert markdown.endswith("## Sources\n\n[^1]: Gamma.\n[^2]: Alpha.\n[^3]: Beta.\n")


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        (Source("s", "Title"), "Title."),
        (Source("s", "Title", publisher="Pub"), "Title, Pub."),
        (Source("s", "Title", published=PartialDate(2001)), "Title, 2001."),
        (
            Source("s", "Title", "Pub", PartialDate(2001, 2, 3), "https://x.example/a"),
            "Title, Pub, 3 Feb 2001. <https://x.example/a>",
        ),
        (Source("s", "Title", url="HTTPS://X.example/A"), "Title. <HTTPS://X.example/A>"),
        (Source("s", "Title", url="ftp://x.example/a"), "Title."),  # not http(s): no link
        (Source("s", "Title", url="https://x.example/a b"), "Title."),
    ],
)
def test_a_source_reads_title_publisher_date_and_link(source: Source, shown: str) -> None:
    markdown = _one_event(Event("e", PartialDate(1985), "T", sources=("s",)), sources=[source])
    assert markdown.endswith(f"## Sources\n\n[^1]: {shown}\n")


# --- escaping, field by field --------------------------------------------------------

ESCAPES = [
    pytest.param(
        "*a* _b_ [c](d) <e> `f` #g |h| ~i~ ^j $k$ @l {m} &n \\o",
        r"\*a\* \_b\_ \[c\](d) \<e\> \`f\` \#g \|h\| \~i\~ \^j \$k\$ \@l \{m\} \&n \\o",
        id="inline punctuation",
    ),
    pytest.param("- item", r"\- item", id="bullet"),
    pytest.param("+ plus", r"\+ plus", id="plus bullet"),
    pytest.param("= setext", r"\= setext", id="setext underline"),
    pytest.param("1. first", r"1\. first", id="ordered list"),
    pytest.param("1985) x", r"1985\) x", id="ordered list with a parenthesis"),
    pytest.param("1985. A year", r"1985\. A year", id="a year that starts a sentence"),
    pytest.param("> quote", r"\> quote", id="blockquote"),
    pytest.param("# heading", r"\# heading", id="heading"),
    pytest.param("www.evil.example/x", r"www\.evil\.example/x", id="www link"),
    pytest.param("see http://evil.example", r"see http\:/\/evil\.example", id="bare url"),
    pytest.param("evil.com//x", r"evil\.com/\/x", id="bare domain"),
    pytest.param("a@b.example", r"a\@b\.example", id="email"),
    pytest.param("two\nlines  and\t tabs ", "two lines and tabs", id="line breaks"),
    pytest.param(
        "Treviño, 29 “prisoners” — c. 1985", "Treviño, 29 “prisoners” — c. 1985", id="plain"
    ),
]


@pytest.mark.parametrize(("text", "escaped"), ESCAPES)
def test_every_field_is_escaped(text: str, escaped: str) -> None:
    timeline = Timeline(
        title=text,
        description=text,
        events=(
            Event(
                "e",
                PartialDate(1985),
                text,
                summary=text,
                note=text,
                entities=("p",),
                sources=("s",),
            ),
        ),
        entities=(Entity("p", text, "person", aliases=(text, "plain")),),
        sources=(Source("s", text, publisher=text, url="https://ok.example/source"),),
    )
    source = f"{escaped}, {escaped}. <https://ok.example/source>"
    # (The filter's text in the header: see test_export_markdown's hostile texts.)
    markdown = export_markdown(TimelineIndex(timeline))
    # A Markdown reader gets the text back, every character of it.
    read = single_line(text)
    # A summary and the description keep their line breaks (hard breaks), as the TUI shows them.
    summary = "<hardbreak>".join(single_line(line) for line in text.split("\n") if line.strip())
    assert outline(markdown)[:8] == [
        ("h1", read),
        ("p", summary),
        ("quote", ""),
        ("quote", "All 1 event."),
        ("h2", "1985"),
        ("ul", ""),
        (
            "li",
            f"<b>1985</b> — <b>{read}</b><fn:1> {summary} <i>Involves:</i> {read} <i>Note:</i> {read}",
        ),
        ("h2", "Entities"),
    ]
    escaped_summary = "\\\n  ".join(
        " ".join(line.split()) for line in text.split("\n") if line.strip()
    )
    if text.count("\n") == 0:
        escaped_summary = escaped
    escaped_description = escaped_summary.replace("\n  ", "\n")
    assert_lines(
        markdown,
        f"""\
# {escaped}

{escaped_description}

> All 1 event.

## 1985

- **1985** — **{escaped}**[^1]
  {escaped_summary}
  *Involves:* {escaped}
  *Note:* {escaped}

## Entities

### People

- **{escaped}** (also {escaped}, plain): 1 event (1985)

## Sources

[^1]: {source}
""",
    )


def test_blank_optional_text_is_left_out_as_if_missing() -> None:
    # A summary, note, description, publisher or alias of only spaces and line
    # breaks exports no empty line, no empty label, no dangling comma.
    blank = "  \n\t "
    timeline = Timeline(
        "T",
        description=blank,
        events=(
            Event(
                "e",
                PartialDate(1985),
                "Title",
                summary=blank,
                note=blank,
                entities=("p",),
                sources=("s",),
            ),
        ),
        entities=(Entity("p", "Kiki", "person", aliases=(blank, "K")),),
        sources=(Source("s", "Book", publisher=blank),),
    )
    assert_lines(
        export_markdown(TimelineIndex(timeline)),
        """\
# T

> All 1 event.

## 1985

- **1985** — **Title**[^1]
  *Involves:* Kiki

## Entities

### People

- **Kiki** (also K): 1 event (1985)

## Sources

[^1]: Book.
""",
    )


# --- the entity index, every combination of kinds ----------------------------------

_KIND_HEADINGS = {
    "person": "People",
    "organization": "Organisations",
    "place": "Places",
    "other": "Other",
}
# Two entities of each kind, declared out of order; one event involves those of a kind.
_KIND_NAMES = {
    "person": ("Zoe Ruiz", "Ana Díaz"),
    "organization": ("Port Authority", "Acme"),
    "place": ("Lima", "Callao"),
    "other": ("Treaty", "Accord"),
}


def _kinds_timeline() -> TimelineIndex:
    entities = tuple(
        Entity(f"{kind}-{n}", name, kind)
        for kind, names in _KIND_NAMES.items()
        for n, name in enumerate(names)
    )
    events = tuple(
        Event(
            kind,
            PartialDate(1985, month),
            f"An event of the {kind} kind",
            entities=(f"{kind}-0", f"{kind}-1"),
        )
        for month, kind in enumerate(ENTITY_KINDS, start=1)
    )
    return TimelineIndex(Timeline("Kinds", events=events, entities=entities))


KIND_SETS = [
    pytest.param(kinds, id="+".join(kinds) or "none")
    for size in range(len(ENTITY_KINDS) + 1)
    for kinds in combinations(ENTITY_KINDS, size)
]


@pytest.mark.parametrize("kinds", KIND_SETS)
def test_the_entity_index_shows_exactly_the_kinds_in_the_selection(
    kinds: tuple[EntityKind, ...],
) -> None:
    index = _kinds_timeline()
    positions = [ENTITY_KINDS.index(kind) for kind in kinds]
    markdown = export_markdown(index, positions)
    expected: list[str] = []
    for kind in kinds:  # kinds in their fixed order, names sorted within each
        second, first = _KIND_NAMES[kind]
        heading = _KIND_HEADINGS[kind]
        when = PartialDate(1985, ENTITY_KINDS.index(kind) + 1).display()
        expected += [
            f"### {heading}",
            "",
            f"- **{first}**: 1 event ({when})",
            f"- **{second}**: 1 event ({when})",
            "",
        ]
    if not kinds:
        assert "## Entities" not in markdown
        return
    lines = markdown.splitlines()
    assert lines[lines.index("## Entities") :] == ["## Entities", "", *expected[:-1]]
    assert [h for h in outline(markdown) if h[0] == "h3"] == [
        ("h3", _KIND_HEADINGS[kind]) for kind in kinds
    ]


def test_entity_counts_follow_the_selection() -> None:
    entities = (Entity("p", "Kiki", "person", aliases=("K", "Enrique")),)
    events = tuple(Event(f"e{i}", PartialDate(1985 + i), "T", entities=("p",)) for i in range(3))
    index = TimelineIndex(Timeline("T", events=events, entities=entities))
    lines = export_markdown(index).splitlines()
    assert "- **Kiki** (also K, Enrique): 3 events (1985, 1986, 1987)" in lines
    lines = export_markdown(index, [0, 2]).splitlines()
    assert "- **Kiki** (also K, Enrique): 2 events (1985, 1987)" in lines
    assert (
        "- **Kiki** (also K, Enrique): 1 event (1986)" in export_markdown(index, [1]).splitlines()
    )


def test_the_entity_index_gives_the_first_dates_then_how_many_more() -> None:
    entities = (Entity("p", "Kiki", "person"),)
    events = tuple(Event(f"e{i}", PartialDate(1970 + i), "T", entities=("p",)) for i in range(15))
    index = TimelineIndex(Timeline("T", events=events, entities=entities))
    years = ", ".join(str(1970 + i) for i in range(12))
    assert f"- **Kiki**: 15 events ({years} and 3 more)" in export_markdown(index).splitlines()


# --- a big export comes in pieces ---------------------------------------------------


def _big_timeline(count: int) -> TimelineIndex:
    events = tuple(
        Event(
            f"e{i}",
            PartialDate(1900 + i // 100, 1 + i % 12),
            f"Event number {i}",
            summary=f"What happened, part {i}",
            entities=("p",),
            sources=("s",),
        )
        for i in range(count)
    )
    return TimelineIndex(
        Timeline(
            "Big",
            events=events,
            entities=(Entity("p", "Everyone", "person"),),
            sources=(Source("s", "The record"),),
        )
    )


def _big_export(count: int) -> str:
    """The export of `_big_timeline(count)`, written out with plain string formatting."""
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    lines = ["# Big", "", f"> All {count:,} events.", ""]
    for i in range(count):
        year, month = 1900 + i // 100, months[i % 12]
        if i % 100 == 0:
            lines += [f"## {year}", ""]
        lines += [
            f"- **{month} {year}** — **Event number {i}**[^1]",
            f"  What happened, part {i}",
            "  *Involves:* Everyone",
            "",
        ]
    first = ", ".join(f"{months[i % 12]} {1900 + i // 100}" for i in range(12))
    more = f"{first} and {count - 12:,} more"
    lines += ["## Entities", "", "### People", "", f"- **Everyone**: {count:,} events ({more})", ""]
    lines += ["## Sources", "", "[^1]: The record."]
    return "\n".join(lines) + "\n"


def test_a_big_export_comes_in_pieces_that_make_the_whole_document() -> None:
    count = 1500  # some 6,000 lines
    index = _big_timeline(count)
    expected = _big_export(count)
    chunks = list(markdown_chunks(index))
    assert len(chunks) >= 2
    assert all(chunk.endswith("\n") for chunk in chunks)  # pieces end at line ends
    assert_lines("".join(chunks), expected)
    assert_lines(export_markdown(index), expected)


def test_a_big_filtered_export_in_pieces() -> None:
    index = _big_timeline(1500)
    positions = list(range(0, 1500, 2))
    markdown = "".join(markdown_chunks(index, positions, filter_text="even"))
    assert markdown == export_markdown(index, positions, filter_text="even")
    lines = markdown.splitlines()
    assert lines[2] == '> Events mentioning "even": 750 of 1,500 events.'
    assert lines.count("") == markdown.count("\n\n")  # never two blank lines in a row
    entries = [line for line in lines if line.startswith("- **") and "Event number" in line]
    odd_months = ("Jan", "Mar", "May", "Jul", "Sep", "Nov")  # every other event: every other month
    assert entries == [
        f"- **{odd_months[(i % 12) // 2]} {1900 + i // 100}** — **Event number {i}**[^1]"
        for i in positions
    ]
    assert any(line.startswith("- **Everyone**: 750 events (Jan 1900, ") for line in lines)

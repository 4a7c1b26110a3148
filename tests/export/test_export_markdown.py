"""The Markdown export, checked through a real CommonMark/GFM parser."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from timeline_viewer.domain.dates import parse_partial_date
from timeline_viewer.domain.markdown_text import inline, safe_url
from timeline_viewer.domain.model import Entity, Event, Source, Timeline
from timeline_viewer.domain.text import single_line
from timeline_viewer.export.markdown import export_markdown
from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.query.language import parse_query

HAS_LINKIFY = importlib.util.find_spec("linkify_it") is not None
DATA_FILE = Path(__file__).resolve().parents[2] / "data" / "timeline.yaml"
SAMPLE_URL = "https://news.example/article?id=1&lang=en"


def _parser(linkify: bool = False) -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"linkify": linkify})
    parser.enable("table").enable("strikethrough").use(footnote_plugin)
    if linkify:
        parser.enable("linkify")
    return parser


PARSERS = [_parser()] + ([_parser(linkify=True)] if HAS_LINKIFY else [])


def walk(tokens: Sequence[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from walk(token.children)


def plain(token: Token) -> str:
    """The rendered text of an inline token, soft and hard line breaks as spaces."""
    assert token.children is not None
    return "".join(
        " " if child.type in ("softbreak", "hardbreak") else child.content
        for child in token.children
        if child.type in ("text", "code_inline", "softbreak", "hardbreak")
    )


def strongs(token: Token) -> list[str]:
    """The text of each **strong** span of an inline token."""
    assert token.children is not None
    found: list[str] = []
    current: list[str] | None = None
    for child in token.children:
        if child.type == "strong_open":
            current = []
        elif child.type == "strong_close" and current is not None:
            found.append("".join(current))
            current = None
        elif current is not None and child.type == "text":
            current.append(child.content)
    return found


def headings(tokens: list[Token], tag: str) -> list[str]:
    return [
        plain(tokens[i + 1])
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == tag
    ]


def sections(tokens: list[Token]) -> dict[str, list[Token]]:
    """Tokens under each h2, by heading text."""
    result: dict[str, list[Token]] = {}
    current: list[Token] | None = None
    skip = 0
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            current = result.setdefault(plain(tokens[i + 1]), [])
            skip = 2  # the heading's own inline and closing tokens
        elif token.type == "footnote_block_open":
            current = None
        elif skip:
            skip -= 1
        elif current is not None:
            current.append(token)
    return result


def footnotes(tokens: list[Token]) -> list[str]:
    """The text of every footnote definition, in order."""
    return [plain(tokens[i + 2]) for i, t in enumerate(tokens) if t.type == "footnote_open"]


def item_paragraphs(tokens: list[Token]) -> list[Token]:
    """The first inline token of every list item in `tokens`."""
    return [tokens[i + 2] for i, t in enumerate(tokens) if t.type == "list_item_open"]


def unsafe_tokens(markdown: str, allowed_links: set[str]) -> list[tuple[str, str]]:
    """HTML, images and links other than `allowed_links`, under every parser."""
    bad = []
    for parser in PARSERS:
        for token in walk(parser.parse(markdown)):
            if token.type in ("html_inline", "html_block", "image"):
                bad.append((token.type, token.content))
            elif token.type == "link_open" and token.attrs.get("href") not in allowed_links:
                bad.append((token.type, str(token.attrs.get("href"))))
    return bad


# --- structure -------------------------------------------------------------------


def test_document_structure(sample_index: TimelineIndex) -> None:
    tokens = _parser().parse(export_markdown(sample_index))
    assert headings(tokens, "h1") == ["Sample cartel timeline"]
    assert headings(tokens, "h2") == ["1978", "1985", "2013", "2022", "2025", "Entities", "Sources"]
    assert headings(tokens, "h3") == ["People", "Organisations", "Places"]
    by_year = sections(tokens)
    items = {
        year: item_paragraphs(by_year[year]) for year in ("1978", "1985", "2013", "2022", "2025")
    }
    assert [len(v) for v in items.values()] == [1, 2, 2, 1, 1]
    entries = [strongs(paragraph) for year in items.values() for paragraph in year]
    assert entries == [
        ["c. 1978 \N{EN DASH} 1989", "The Guadalajara Cartel dominates the trade"],
        ["7 Feb 1985", "Agent Enrique Camarena kidnapped"],
        ["Apr 1985", "Caro Quintero arrested in Costa Rica"],
        ["15 Jul 2013", "Treviño captured near Nuevo Laredo"],
        ["9 Aug 2013", "Caro Quintero released on a technicality"],
        ["15 Jul 2022", "Caro Quintero recaptured in Sinaloa"],
        ["27 Feb 2025", "29 prisoners transferred to the United States"],
    ]
    kidnapping = plain(items["1985"][0])
    assert "Taken outside the US consulate in Guadalajara by armed men." in kidnapping
    assert (
        "Involves: Enrique Camarena, Rafael Caro Quintero, Drug Enforcement Administration, "
        "Guadalajara" in kidnapping
    )
    paragraphs = [plain(t) for t in tokens if t.type == "inline"]
    assert "A small timeline for tests." in paragraphs
    assert "All 7 events." in paragraphs
    # What c. and ? mean, since the sample has an approximate date and no uncertain one.
    assert "Dates marked c. are approximate." in paragraphs


def test_footnotes_resolve_and_number_by_first_citation(sample_index: TimelineIndex) -> None:
    tokens = _parser().parse(export_markdown(sample_index))
    refs = [t.meta["label"] for t in walk(tokens) if t.type == "footnote_ref"]
    assert refs == ["1", "2", "2", "1", "2", "2"]  # book first cited by the 1978 entry
    definitions = {
        t.meta["label"]: plain(tokens[i + 2])
        for i, t in enumerate(tokens)
        if t.type == "footnote_open"
    }
    assert definitions == {
        "1": "A history book.",
        "2": "The article, Daily Paper, 27 Feb 2025. " + SAMPLE_URL,
    }
    assert not any("[^" in t.content for t in walk(tokens) if t.type == "text")


def test_entity_index_and_sources(sample_index: TimelineIndex) -> None:
    tokens = _parser().parse(export_markdown(sample_index))
    by_section = sections(tokens)
    assert [plain(t) for t in item_paragraphs(by_section["Entities"])] == [
        "Enrique Camarena (also Kiki): 1 event (7 Feb 1985)",
        "Miguel Ángel Treviño Morales (also Z-40): 2 events (15 Jul 2013, 27 Feb 2025)",
        "Rafael Caro Quintero (also RCQ): 5 events"
        " (7 Feb 1985, Apr 1985, 9 Aug 2013, 15 Jul 2022, 27 Feb 2025)",
        "Drug Enforcement Administration (also DEA): 1 event (7 Feb 1985)",
        "Guadalajara Cartel: 1 event (c. 1978 \N{EN DASH} 1989)",
        "Guadalajara: 2 events (c. 1978 \N{EN DASH} 1989, 7 Feb 1985)",
    ]
    # Listed once: as the footnotes the events point to.
    assert by_section["Sources"] == []
    assert footnotes(tokens) == [
        "A history book.",
        "The article, Daily Paper, 27 Feb 2025. " + SAMPLE_URL,
    ]
    links = [t.attrs["href"] for t in walk(tokens) if t.type == "link_open"]
    assert links == [SAMPLE_URL]


def test_filtered_export_names_the_filter_and_counts(sample_index: TimelineIndex) -> None:
    query = parse_query("caro tag:arrest")
    markdown = export_markdown(
        sample_index, query.select(sample_index), filter_text="  caro tag:arrest "
    )
    tokens = _parser().parse(markdown)
    quote = tokens.index(next(t for t in tokens if t.type == "blockquote_open"))
    assert plain(tokens[quote + 2]) == 'Events mentioning "caro", tagged arrest: 2 of 7 events.'
    assert headings(tokens, "h2") == ["1985", "2022", "Entities", "Sources"]
    assert [plain(t) for t in item_paragraphs(sections(tokens)["Entities"])] == [
        "Rafael Caro Quintero (also RCQ): 2 events (Apr 1985, 15 Jul 2022)"
    ]
    # Only the sources the exported events cite, renumbered.
    assert footnotes(tokens) == [
        "The article, Daily Paper, 27 Feb 2025. " + SAMPLE_URL,
        "A history book.",
    ]


def test_a_selection_without_filter_text_still_says_how_many(sample_index: TimelineIndex) -> None:
    markdown = export_markdown(sample_index, [3, 6])
    assert "\n> 2 of 7 events.\n" in markdown
    assert "All 7" not in markdown
    assert "\n> 0 of 7 events.\n" in export_markdown(sample_index, [])


def test_a_filter_that_matches_nothing(sample_index: TimelineIndex) -> None:
    markdown = export_markdown(sample_index, [], filter_text="nothing")
    tokens = _parser().parse(markdown)
    assert headings(tokens, "h2") == []
    assert '> Events mentioning "nothing": 0 of 7 events.\n' in markdown


def test_an_empty_timeline() -> None:
    markdown = export_markdown(TimelineIndex(Timeline("Empty")))
    assert markdown == "# Empty\n\n> No events.\n"


def test_precision_is_kept_in_dates() -> None:
    dates = ["1985", "1985-02", "1985-02-07", "1986~", "1987?", "-43"]
    events = tuple(Event(f"e{i}", parse_partial_date(d), f"t{i}") for i, d in enumerate(dates))
    tokens = _parser().parse(export_markdown(TimelineIndex(Timeline("t", events=events))))
    items = item_paragraphs(tokens)
    assert [strongs(t)[0] for t in items] == [
        "1985",
        "Feb 1985",
        "7 Feb 1985",
        "c. 1986",
        "1987?",
        "44 BCE",
    ]
    assert headings(tokens, "h2") == ["1985", "1986", "1987", "44 BCE"]


def _tiny_timeline() -> Timeline:
    return Timeline(
        "Tiny",
        description="Two events.",
        events=(
            Event(
                "a",
                parse_partial_date("1985-02-07"),
                "First",
                summary="It begins.",
                entities=("p",),
                sources=("s",),
            ),
            Event("b", parse_partial_date("1986?"), "Second", entities=("o", "p"), sources=("s",)),
        ),
        entities=(
            Entity("p", "Kiki", "person", aliases=("K",)),
            Entity("o", "DEA", "organization"),
        ),
        sources=(Source("s", "Paper", url="https://x.example/"),),
    )


# Written by hand, not produced by the code under test.
TINY_EXPORT = """\
# Tiny

Two events.

> Events mentioning "x": 2 of 2 events.

*Dates ending in ? are uncertain.*

## 1985

- **7 Feb 1985** — **First**[^1]
  It begins.
  *Involves:* Kiki

## 1986

- **1986?** — **Second**[^1]
  *Involves:* DEA, Kiki

## Entities

### People

- **Kiki** (also K): 2 events (7 Feb 1985, 1986?)

### Organisations

- **DEA**: 1 event (1986?)

## Sources

[^1]: Paper. <https://x.example/>
"""


def test_export_is_deterministic() -> None:
    # Two exports of equal timelines are byte-identical, and both are the
    # document expected: the same wrong export twice would not pass.
    first = export_markdown(TimelineIndex(_tiny_timeline()), filter_text="x")
    again = export_markdown(TimelineIndex(_tiny_timeline()), filter_text="x")
    assert first.splitlines() == TINY_EXPORT.splitlines()
    assert first.encode() == TINY_EXPORT.encode()
    assert again.encode() == first.encode()


# --- escaping ------------------------------------------------------------------

NASTY = [
    "<script>alert(1)</script>",
    "**bold** and __under__ _it_",
    "[x](http://evil)",
    "![i](x)",
    "`code` ``more``",
    "&amp; &#42; &copy",
    "# heading",
    "- item",
    "+ plus",
    "1. x",
    "2) y",
    "|a|b|",
    "http://evil.example/path",
    "www.evil.example",
    "a@b.example and a@b.com",
    "evil.com and //localhost/x",
    "first line\nsecond line\n\n# third",
    "> quote",
    "[^1] [link]: http://evil",
    "~~strike~~ $math$ {attr}",
    "trailing backslash\\",
    "<http://evil> <a@b.com>",
    "<!-- comment -->",
    "---",
    "===",
    "    indented code",
]
NASTY_URL = "https://ok.example/a?b=<c>&d=e f"


def _nasty_timeline(text: str) -> Timeline:
    """`text` in every data field that reaches the document."""
    return Timeline(
        title=text,
        description=text,
        events=(
            Event(
                "e1",
                parse_partial_date("1985"),
                text,
                summary=text,
                note=text,
                entities=("p",),
                sources=("s", "t"),
            ),
        ),
        entities=(Entity("p", text, "person", aliases=(text,)),),
        sources=(
            Source("s", text, publisher=text, url="https://ok.example/source"),
            Source("t", text, url="javascript:alert(1)"),
        ),
    )


@pytest.mark.parametrize("text", NASTY)
def test_data_text_cannot_inject_markup(text: str) -> None:
    markdown = export_markdown(TimelineIndex(_nasty_timeline(text)), filter_text=text)
    assert unsafe_tokens(markdown, {"https://ok.example/source"}) == []
    tokens = _parser().parse(markdown)
    expected = single_line(text)
    # Structure intact: one h1, one year, one event, the index, the sources.
    assert headings(tokens, "h1") == [expected]
    assert headings(tokens, "h2") == ["1985", "Entities", "Sources"]
    assert headings(tokens, "h3") == ["People"]
    assert not any(t.type in ("table_open", "hr", "code_block", "s_open") for t in tokens)
    # The characters survive as text.
    entry = item_paragraphs(sections(tokens)["1985"])
    assert strongs(entry[0]) == ["1985", expected]
    # Title, summary, entity, note; the summary may keep paragraphs of its own.
    shown = " ".join(plain(paragraph) for paragraph in entry)
    # With a blank line the summary is paragraphs of its own, each checked by the outline.
    assert shown.count(expected) == 4 or ("\n\n" in text and shown.count(expected) >= 1)
    # The filter in words: its text shown as text, whatever it parses as.
    shown = [plain(t) for t in tokens if t.type == "inline"]
    assert any(line.startswith("Events ") and line.endswith(": 1 of 1 event.") for line in shown)
    assert [plain(t) for t in item_paragraphs(sections(tokens)["Entities"])] == [
        f"{expected} (also {expected}): 1 event (1985)"
    ]
    assert footnotes(tokens) == [
        f"{expected}, {expected}. https://ok.example/source",
        f"{expected}.",
    ]


def test_only_http_urls_become_links() -> None:
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,x") is None
    assert safe_url("https://a.example/x y") is None
    assert safe_url(" https://a.example/x ") == "https://a.example/x"
    encoded = safe_url("https://a.example/<b>`c`")
    assert encoded is not None and "<" not in encoded and ">" not in encoded and "`" not in encoded


def test_a_source_url_with_markup_characters_stays_one_link() -> None:
    timeline = Timeline(
        "t",
        events=(Event("e", parse_partial_date("1985"), "t", sources=("s",)),),
        sources=(Source("s", "S", url="https://ok.example/a?b=<c>&d=`e`"),),
    )
    tokens = _parser().parse(export_markdown(TimelineIndex(timeline)))
    links = [t.attrs["href"] for t in walk(tokens) if t.type == "link_open"]
    assert links == ["https://ok.example/a?b=%3Cc%3E&d=%60e%60"]


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("1985. A year", "1985\\. A year"),
        ("- x", "\\- x"),
        ("a*b", "a\\*b"),
        ("www.x.org", "www\\.x\\.org"),
        ("evil.com", "evil\\.com"),
        ("x.рф", "x\\.рф"),
        # A dot before a single letter cannot end a domain: not escaped.
        ("U.S. Department, 4 a.m., D.C.", "U.S. Department, 4 a.m., D.C."),
    ],
)
def test_inline_escapes(text: str, escaped: str) -> None:
    assert inline(text) == escaped


_TEXT = st.lists(
    st.characters(blacklist_categories=("Cs", "Cc"))
    | st.sampled_from(
        [
            *"<>[]()!*_`&#|-+=.:/@\\~^$ \n1w",
            *("http://", "www.", "evil.com", "//", "a@b.com", "&amp;", "<b>", "](", "mailto:"),
        ]
    ),
    min_size=1,
    max_size=14,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT.filter(lambda t: bool(t.strip())), _TEXT, _TEXT.filter(lambda t: bool(t.strip())))
def test_arbitrary_text_never_yields_html_or_undeclared_links(
    title: str, summary: str, name: str
) -> None:
    timeline = Timeline(
        "T",
        events=(
            Event(
                "e",
                parse_partial_date("1985"),
                title,
                summary=summary,
                entities=("p",),
                sources=("s",),
            ),
        ),
        entities=(Entity("p", name, "person"),),
        sources=(Source("s", title, url="https://ok.example/"),),
    )
    markdown = export_markdown(TimelineIndex(timeline))
    assert unsafe_tokens(markdown, {"https://ok.example/"}) == []
    tokens = _parser().parse(markdown)
    assert headings(tokens, "h2") == ["1985", "Entities", "Sources"]
    entry = item_paragraphs(sections(tokens)["1985"])[0]
    assert strongs(entry) == ["1985", single_line(title)]


# --- the bundled timeline ------------------------------------------------------------


@pytest.mark.skipif(not DATA_FILE.is_file(), reason="no bundled timeline yet")
def test_bundled_timeline_loads_and_exports() -> None:
    from timeline_viewer.load.loader import load_timeline

    index = TimelineIndex(load_timeline(DATA_FILE))
    markdown = export_markdown(index)
    declared = {safe_url(s.url) for s in index.timeline.sources if s.url}
    assert unsafe_tokens(markdown, {u for u in declared if u}) == []
    tokens = _parser().parse(markdown)
    assert headings(tokens, "h1") == [single_line(index.timeline.title)]
    assert len(item_paragraphs(tokens)) >= len(index)

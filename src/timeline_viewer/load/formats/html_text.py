"""HTML fragments (as found in TimelineJS text fields) to plain text.

TimelineJS lets authors write HTML in headlines, texts, captions and credits.
A terminal shows none of it, so the fragment becomes the text a browser would
show: tags dropped, entities decoded, whitespace collapsed as HTML collapses
it, line breaks kept as newlines and paragraphs (`<p>`) apart by a blank
line, scripts and styles dropped with their content.

Three extras serve the round trip through our own TimelineJS export:
- whitespace written as a reference (`&nbsp;` for a space, `&#9;` for a
  tab) is kept as written, since that is how the export spells spaces that
  HTML would otherwise collapse;
- elements whose class list holds `tlv-meta` (the entities, tags and sources
  lines the exporter adds for readers) are left out of the text;
- every element carrying `data-tlv-*` attributes is reported as an
  `Annotation`, so the importer can rebuild what those lines describe.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

META_CLASS = "tlv-meta"
DATA_PREFIX = "data-tlv-"

# Elements whose content is never text a reader sees.
_HIDDEN = frozenset(
    {"script", "style", "template", "noscript", "head", "title", "svg", "math", "iframe"}
)
# Elements that start and end a block: a line of their own in plain text.
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tr",
        "ul",
    }
)
# Blocks set apart as paragraphs: a blank line between them and what is
# around them, as a browser shows them and as our summaries write paragraphs.
_PARAGRAPHS = frozenset({"p"})
# Void elements never get an end tag, so they must not open a nesting level.
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
_LINKING = frozenset({"a", "iframe", "img", "embed", "video", "audio", "source"})
# HTML collapses these (NO-BREAK SPACE is not one of them).
_COLLAPSIBLE = re.compile(r"[ \t\n\r\f]+")
_NEWLINE = "\n"
# Whitespace that must survive collapsing and trimming travels as a lone
# surrogate until the end: no text can hold one (inputs are cleaned of them).
_SURROGATES = re.compile("[\ud800-\udfff]")
_PROTECTED_BASE = 0xDC00
_UNPROTECT = {_PROTECTED_BASE + ord(ch): ch for ch in " \t\n\r\f"}


@dataclass(frozen=True)
class Annotation:
    """The `data-tlv-*` attributes of one element, without the prefix: {"source": "id", ...}."""

    values: dict[str, str] = field(default_factory=dict)

    def get(self, key: str) -> str | None:
        return self.values.get(key)


@dataclass(frozen=True)
class HtmlContent:
    text: str
    annotations: tuple[Annotation, ...] = ()
    # Link targets and embedded sources (a href, iframe/img src), in document order.
    links: tuple[str, ...] = ()


def html_to_text(fragment: str, *, inline: bool = False) -> str:
    """The plain text a reader sees in an HTML fragment (on one line if `inline`)."""
    return parse_html(fragment, inline=inline).text


def parse_html(fragment: str, *, inline: bool = False) -> HtmlContent:
    """The fragment's plain text, and the `data-tlv-*` annotations it carries.

    `inline` is for a headline or a label: line and paragraph breaks become
    spaces, but a line break written as a reference (&#10;) stays one.
    """
    fragment = _SURROGATES.sub("\ufffd", fragment)
    if "<" not in fragment and "&" not in fragment:
        return HtmlContent(_finish(_COLLAPSIBLE.sub(" ", fragment), inline))
    parser = _TextExtractor()
    parser.feed(fragment)
    parser.close()
    text = _finish(parser.result(), inline)
    return HtmlContent(text, tuple(parser.annotations), tuple(parser.links))


def _finish(text: str, inline: bool) -> str:
    lines = [line.strip(" ") for line in text.split(_NEWLINE)]
    joined = " ".join(filter(None, lines)) if inline else _NEWLINE.join(lines).strip("\n")
    return joined.translate(_UNPROTECT)


def _protect(text: str, which: str = " \t\n\r\f") -> str:
    """Whitespace that is literal: neither collapsed nor trimmed (nor a line break)."""
    return "".join(chr(_PROTECTED_BASE + ord(ch)) if ch in which else ch for ch in text)


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        # References are decoded here (handle_*ref) so that whitespace written
        # as one can be told from whitespace written as itself.
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.annotations: list[Annotation] = []
        self.links: list[str] = []
        # One entry per open element: (tag, hides its content?).
        self.stack: list[tuple[str, bool]] = []
        self.preformatted = 0

    @property
    def hidden(self) -> bool:
        return any(hides for _, hides in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        data = {k[len(DATA_PREFIX) :]: v for k, v in values.items() if k.startswith(DATA_PREFIX)}
        if data:
            self.annotations.append(Annotation(data))
        link = values.get("href" if tag == "a" else "src")
        if link and tag in _LINKING:
            self.links.append(link.strip())
        if tag == "br":
            self._text_break()
            return
        if tag in _BLOCKS:
            self._block_break(paragraph=tag in _PARAGRAPHS)
        if tag in _VOID:
            return
        hides = tag in _HIDDEN or META_CLASS in values.get("class", "").split()
        self.stack.append((tag, hides))
        if tag == "pre":
            self.preformatted += 1
        if tag == "li" and not self.hidden:
            self.parts.append("- ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <p/>: self-closing syntax opens nothing in HTML.
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        # Close up to the matching open element; a stray end tag closes nothing.
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                for open_tag, _ in self.stack[depth:]:
                    if open_tag == "pre":
                        self.preformatted -= 1
                del self.stack[depth:]
                break
        if tag in _BLOCKS:
            self._block_break(paragraph=tag in _PARAGRAPHS)
        elif tag == "br":  # "</br>" is read as <br> by browsers
            self._text_break()

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.preformatted:  # spaces as written, not trimmed from its lines
            self.parts.append(_protect(data, " \t\f"))
        else:
            self.parts.append(_COLLAPSIBLE.sub(" ", data))

    def handle_entityref(self, name: str) -> None:
        if self.hidden:
            return
        # "&nbsp;" is how authors (and our export) write a space that must stay.
        text = " " if name == "nbsp" else html.unescape(f"&{name};")
        self.parts.append(_protect(text))

    def handle_charref(self, name: str) -> None:
        if not self.hidden:
            self.parts.append(_protect(html.unescape(f"&#{name};")))

    def _text_break(self) -> None:
        if not self.hidden:
            self.parts.append(_NEWLINE)

    def _block_break(self, *, paragraph: bool = False) -> None:
        # A block boundary is one line break (a paragraph's two: a blank line),
        # however many boundaries meet, and the spaces between two blocks
        # (source indentation) are no text. Before any text, no break.
        while self.parts and self.parts[-1] != _NEWLINE and not self.parts[-1].strip(" "):
            self.parts.pop()
        breaks = 0  # "\n" only ever stands alone in parts: data has it collapsed or protected
        while breaks < len(self.parts) and self.parts[-1 - breaks] == _NEWLINE:
            breaks += 1
        if breaks < len(self.parts):
            self.parts.extend([_NEWLINE] * ((2 if paragraph else 1) - breaks))

    def result(self) -> str:
        return "".join(self.parts)

"""Media, display dates and the description's paragraphs in the Markdown export.

The bundled timeline has no media, so its golden copies do not show them:
these tests write timeline files that do, load them as a user would, and read
the export back with a real CommonMark parser: a media link must be a link to
where the file points, and nothing the data says may make another one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from timeline_viewer.domain.dates import PartialDate
from timeline_viewer.domain.model import Event, Media, Timeline
from timeline_viewer.export.markdown import export_markdown
from timeline_viewer.load.loader import load_timeline
from timeline_viewer.query.index import TimelineIndex

MEDIA_YAML = """\
schema: 1
title: Pictures
description: |-
  First paragraph,
  its second line.

  Second paragraph.
media:
  url: https://example.com/title.jpg
  caption: The harbour
events:
  - id: web
    date: 2017-09-13
    display_date: 13 сентября
    title: A web picture
    media:
      url: https://example.com/a.jpg?x=1&y=(2)&z=<b>
      caption: The [quay] (at night)
      credit: AP *Photo*
  - id: local
    date: 2017-09-14
    display_date: 14 Sep 2017
    title: A picture beside the file
    media:
      url: media/quay (1).jpg
  - id: plain
    date: 2017-09-15
    title: No picture
    background: {color: "#102030"}
"""


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def _parse(markdown: str) -> list[Token]:
    return list(_walk(MarkdownIt("commonmark").use(footnote_plugin).parse(markdown)))


def _links(tokens: list[Token]) -> list[tuple[str, str]]:
    """(href, text) of each link, its text as a reader sees it."""
    links = []
    for at, token in enumerate(tokens):
        if token.type == "link_open":
            end = next(i for i in range(at, len(tokens)) if tokens[i].type == "link_close")
            text = "".join(t.content for t in tokens[at + 1 : end] if t.type == "text")
            links.append((str(token.attrs["href"]), text))
    return links


def _export(tmp_path: Path, text: str = MEDIA_YAML) -> str:
    path = tmp_path / "pictures.yaml"
    path.write_text(text, encoding="utf-8")
    return export_markdown(TimelineIndex(load_timeline(path)))


def test_media_lines_display_dates_and_paragraphs(tmp_path: Path) -> None:
    lines = _export(tmp_path).splitlines()
    assert lines[:9] == [
        "# Pictures",
        "",
        "First paragraph,\\",
        "its second line.",
        "",
        "Second paragraph.",
        "",
        "*Media:* [The harbour](https://example.com/title.jpg)",
        "",
    ]
    web = lines.index("- **13 Sep 2017** (shown as “13 сентября”) — **A web picture**")
    assert lines[web + 1] == (
        r"  *Media:* [The \[quay\] (at night)](https://example.com/a.jpg?x=1&y=%282%29&z=%3Cb%3E)"
        r" — AP \*Photo\*"
    )
    # The same day in other words is still "shown as": only an equal text is left out.
    assert "- **14 Sep 2017** — **A picture beside the file**" in lines
    assert "  *Media:* [media/quay (1)\\.jpg](media/quay%20%281%29.jpg)" in lines
    assert "- **15 Sep 2017** — **No picture**" in lines


def test_media_links_parse_as_links_to_the_files(tmp_path: Path) -> None:
    tokens = _parse(_export(tmp_path))
    assert _links(tokens) == [
        ("https://example.com/title.jpg", "The harbour"),
        ("https://example.com/a.jpg?x=1&y=%282%29&z=%3Cb%3E", "The [quay] (at night)"),
        ("media/quay%20%281%29.jpg", "media/quay (1).jpg"),
    ]
    text = "".join(t.content for t in tokens if t.type == "text")
    assert "AP *Photo*" in text
    assert "shown as “13 сентября”" in text


def _one(media: Media, display_date: str | None = None) -> str:
    event = Event("e", PartialDate(1985), "T", media=media, display_date=display_date)
    return export_markdown(TimelineIndex(Timeline(title="T", events=(event,))))


def test_a_url_that_is_neither_web_nor_relative_is_no_link() -> None:
    for url in ("javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "/etc/passwd"):
        tokens = _parse(_one(Media(url, caption="Click [me](javascript:alert(2))")))
        assert _links(tokens) == []
        assert not {t.type for t in tokens} & {"image", "html_inline", "html_block"}
        text = "".join(t.content for t in tokens if t.type == "text")
        assert "Click [me](javascript:alert(2))" in text


def test_a_relative_path_with_a_colon_cannot_become_a_scheme() -> None:
    # A scheme before the first slash: not a relative path.
    assert _links(_parse(_one(Media("javascript:x/a.jpg")))) == []
    ((href, _),) = _links(_parse(_one(Media("media/a:b#c?.jpg"))))
    assert href == "media/a%3Ab%23c%3F.jpg"


TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
HOSTILE = st.one_of(TEXT, st.sampled_from(["[x](javascript:y)", "](", ")[", "<a href=x>", "`"]))
URLS = st.one_of(
    st.sampled_from(["https://ok.example/p.jpg", "media/p.jpg", "javascript:alert(1)"]),
    st.builds(lambda a: f"media/{a}.jpg", TEXT),
    st.builds(lambda a: f"https://ok.example/{a}", TEXT),
)


@settings(max_examples=300, deadline=None)
@given(
    url=URLS,
    caption=st.none() | HOSTILE,
    credit=st.none() | HOSTILE,
    display=st.none() | HOSTILE,
)
def test_whatever_media_says_makes_at_most_its_one_safe_link(
    url: str, caption: str | None, credit: str | None, display: str | None
) -> None:
    tokens = _parse(_one(Media(url, caption=caption, credit=credit), display))
    assert not {t.type for t in tokens} & {"image", "html_inline", "html_block"}
    links = _links(tokens)
    assert len(links) <= 1
    for href, _ in links:
        assert href.startswith(("https://ok.example/", "media/"))

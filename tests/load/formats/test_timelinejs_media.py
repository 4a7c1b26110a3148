"""Media of TimelineJS slides: addresses in credits, paths beside the file, the title's media."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from timeline_viewer.cli.main import main
from timeline_viewer.domain.model import Media, Source, Timeline
from timeline_viewer.load.formats.timelinejs import (
    import_timelinejs_csv,
    import_timelinejs_json,
    load_timelinejs,
)
from timeline_viewer.load.loader import Problem, load_timeline


def _slide(year: int, headline: str, **media: str) -> dict[str, Any]:
    return {"start_date": {"year": year}, "text": {"headline": headline}, "media": media}


def _sources(timeline: Timeline, title: str) -> list[Source]:
    event = next(e for e in timeline.events if e.title == title)
    by_id = {s.id: s for s in timeline.sources}
    return [by_id[i] for i in event.sources]


def _import(*slides: dict[str, Any], warnings: list[Problem] | None = None) -> Timeline:
    return import_timelinejs_json(
        json.dumps({"events": list(slides)}), "in.json", warnings=warnings
    )


@pytest.mark.parametrize(
    ("credit", "url", "publisher"),
    [
        (
            '<a href="https://example.org/photo/1">Jane Roe / Example</a>',
            "https://example.org/photo/1",
            "Jane Roe / Example",
        ),
        ("Jane Roe, https://example.org/photo/2", "https://example.org/photo/2", "Jane Roe"),
        ("Photo: www.example.org/p3.", "https://www.example.org/p3", "Photo"),
        ("https://example.org/only", "https://example.org/only", None),
        ("[TASS](https://tass.example/1)", "https://tass.example/1", "TASS"),
        ("Jane Roe (https://example.org/jr)", "https://example.org/jr", "Jane Roe"),
    ],
)
def test_a_credit_s_address_is_the_source_s_when_the_media_has_none(
    credit: str, url: str, publisher: str | None
) -> None:
    timeline = _import(_slide(1985, "Event", caption="A caption", credit=credit))
    (source,) = _sources(timeline, "Event")
    assert source.url == url
    assert source.title == "A caption"
    assert source.publisher == publisher


def test_a_credit_s_address_beside_a_media_url_is_written_out_in_the_credit() -> None:
    slide = _slide(
        1985,
        "Event",
        url="https://upload.example.org/x.jpg",
        caption="A caption",
        credit='<a href="https://agency.example.com/">The Agency</a>',
    )
    timeline = _import(slide)
    (event,) = timeline.events
    assert timeline.sources == ()
    assert event.media is not None
    assert (event.media.url, event.media.caption) == (
        "https://upload.example.org/x.jpg",
        "A caption",
    )
    # Written out, the export links it again (`<a href>The Agency</a>`).
    assert event.media.credit == "The Agency (https://agency.example.com/)"


def test_relative_paths_are_kept_as_written_for_whoever_opens_them(tmp_path: Path) -> None:
    (tmp_path / "media").mkdir()
    document = {
        "events": [
            _slide(1985, "Dotted", url="./media/x.jpg", caption="Ex"),
            _slide(1986, "Bare", url="media/y one.png"),
            _slide(1987, "Up", url="../shared/z.jpg", credit="Archive"),
        ]
    }
    path = tmp_path / "t.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    warnings: list[Problem] = []
    timeline = load_timelinejs(path, warnings=warnings)
    assert warnings == []
    media = {e.title: e.media for e in timeline.events}
    assert media["Dotted"] == Media(url="./media/x.jpg", caption="Ex")
    assert media["Bare"] == Media(url="media/y one.png")
    assert media["Up"] == Media(url="../shared/z.jpg", credit="Archive")
    assert timeline.sources == ()


def test_site_paths_and_other_schemes_are_not_kept() -> None:
    warnings: list[Problem] = []
    timeline = _import(
        _slide(1985, "Site", url="/static/x.jpg", caption="Ex"),
        _slide(1986, "Script", url="javascript:alert(1)"),
        warnings=warnings,
    )
    assert all(e.media is None for e in timeline.events)
    assert [w.path for w in warnings] == ["events[0].media.url", "events[1].media.url"]
    assert "nor a path relative to the file" in warnings[0].message


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_fresh_import_lints_clean(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    document = {
        "title": {
            "text": {"headline": "Title", "text": "About it"},
            "media": {"url": "https://example.org/cover.jpg", "caption": "The cover"},
        },
        "events": [
            _slide(1985, "Kidnapped", url="https://example.org/a.jpg", credit="AP"),
            _slide(1990, "Arrested", url="./media/b.jpg", caption="Arrest", credit="Reuters"),
            _slide(1995, "Tried", credit='<a href="https://example.org/trial">Court</a>'),
        ],
    }
    source = tmp_path / "t.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "b.jpg").write_bytes(b"")
    target = tmp_path / "t.yaml"
    code, _, err = _run(capsys, "import", str(source), "-o", str(target))
    assert code == 0, err
    timeline = load_timeline(target)
    assert timeline.description == "About it"
    assert timeline.media == Media(url="https://example.org/cover.jpg", caption="The cover")
    code, out, err = _run(capsys, "lint", str(target))
    assert (code, out) == (0, ""), out
    assert "nothing to flag" in err
    # The picture beside the file is looked for there.
    (tmp_path / "media" / "b.jpg").unlink()
    code, out, err = _run(capsys, "lint", str(target))
    assert code == 1
    assert "no file at './media/b.jpg' beside the timeline [media-missing]" in out


# -- Markdown links typed into spreadsheet cells ---------------------------------------------

_HEADER = "Year,Headline,Text,Media,Media Credit,Media Caption,Type\n"


def test_markdown_links_in_cells_become_links_not_raw_text() -> None:
    rows = (
        '1985,"Talks [at the UN](https://un.example.org/a_(b))",'
        '"See [the report](https://example.org/r?a=1&b=2) and [this](http://x.example/)",'
        'https://example.org/p.jpg,"[AP Photo](https://ap.example.com/1)",'
        '"[A caption](https://example.org/c)",\n'
        ',"[Our title](https://example.org/t)","About [us](https://example.org/us)",,,,title\n'
    )
    timeline = import_timelinejs_csv(_HEADER + rows, "sheet.csv")
    (event,) = timeline.events
    assert event.title == "Talks at the UN (https://un.example.org/a_(b))"
    assert event.summary == (
        "See the report (https://example.org/r?a=1&b=2) and this (http://x.example/)"
    )
    assert event.media == Media(
        url="https://example.org/p.jpg",
        caption="A caption (https://example.org/c)",
        credit="AP Photo (https://ap.example.com/1)",
    )
    assert timeline.title == "Our title (https://example.org/t)"
    assert timeline.description == "About us (https://example.org/us)"


def test_brackets_that_are_not_links_stay_as_written() -> None:
    rows = '1985,"[sic] and [1](not-a-url) and (https://example.org)",,,,,\n'
    (event,) = import_timelinejs_csv(_HEADER + rows, "sheet.csv").events
    assert event.title == "[sic] and [1](not-a-url) and (https://example.org)"

"""Media, display_date and background: both parsers read them alike, bad ones are located.

The fast parser (yaml-rs and msgspec) and the careful one (PyYAML, field by
field) must build the same timeline from every way a file can write these
fields (block or flow mappings, quoted or not, any subset of fields, on an
event or on the timeline), and a bad one must be one located problem that
says what is wrong, the same whichever way the loader takes.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_viewer.domain.model import Background, Media, Timeline
from timeline_viewer.load.careful_parser import parse_careful
from timeline_viewer.load.fast_parser import parse_fast
from timeline_viewer.load.loader import LoadError, Problem, parse_timeline

HEAD = "schema: 1\ntitle: T\n"
EVENT = "events:\n  - id: a\n    date: 2000\n    title: A\n"

# Words a file may hold as they are or quoted: no YAML syntax, no escapes (an
# escape sends the file the careful way, which is tested elsewhere).
WORD = (
    st.text(
        st.characters(whitelist_categories=("L", "N"), whitelist_characters=" -.,'é“”"),
        min_size=1,
        max_size=20,
    )
    .map(str.strip)
    .filter(bool)
)
WEB = st.builds(
    lambda host, path: f"https://{host}.example/{path}.jpg",
    st.from_regex(r"[a-z]{1,8}", fullmatch=True),
    st.from_regex(r"[A-Za-z0-9_/-]{0,12}", fullmatch=True),
)
RELATIVE = st.from_regex(
    r"(\./|\.\./)?[a-z0-9_-]{1,8}(/[a-z0-9_ -]{1,8})*\.(jpg|png|mp4)", fullmatch=True
)
URL = WEB | RELATIVE


def _scalar(value: str, quote: str) -> str:
    if quote == '"':
        return '"' + value + '"'
    if quote == "'":
        return "'" + value.replace("'", "''") + "'"
    return value


# Plain scalars YAML would read as something else (a boolean, null, a number,
# a list item, a mapping): quoted.
_NOT_PLAIN = {"yes", "no", "true", "false", "null", "on", "off", "y", "n", "~"}


def _quote(value: str, drawn: str, flow: bool = False) -> str:
    """The quote to write `value` with: the drawn one, or ' where plain would misread it
    (in a flow mapping, a comma ends a plain value)."""
    plain_ok = (
        not (flow and "," in value)
        and (
            value.lower() not in _NOT_PLAIN
            and not value[:1].isdigit()
            # (a comma is an indicator: YAML does not let it start a plain value)
            and value[:1] not in "-.?,'\""
            and ": " not in value
        )
    )
    return drawn if drawn or plain_ok else "'"


def _mapping(fields: dict[str, str], quotes: list[str], flow: bool, indent: str) -> str:
    items = [(k, _scalar(v, q)) for (k, v), q in zip(fields.items(), quotes, strict=False)]
    if flow:
        return " {" + ", ".join(f"{k}: {v}" for k, v in items) + "}\n"
    return "\n" + "".join(f"{indent}{k}: {v}\n" for k, v in items)


QUOTE = st.sampled_from(["", "'", '"'])


@st.composite
def media_and_text(draw: st.DrawFn, indent: str) -> tuple[Media | Background, str, str]:
    """A Media or Background, the YAML that writes it under `indent`, and its key."""
    key = draw(st.sampled_from(["media", "background"]))
    if key == "media":
        fields = {"url": draw(URL)}
        for name in ("caption", "credit", "thumbnail", "alt"):
            if draw(st.booleans()):
                fields[name] = draw(URL if name == "thumbnail" else WORD)
        value: Media | Background = Media(**fields)
    else:
        fields = {}
        for name in ("url", "color", "alt"):
            if draw(st.booleans()):
                fields[name] = draw(URL if name == "url" else WORD)
        value = Background(**fields)
    flow = draw(st.booleans())
    quotes = [_quote(v, draw(QUOTE), flow) for v in fields.values()]
    text = f"{indent}{key}:" + (
        _mapping(fields, quotes, flow, indent + "  ") if fields else " {}\n"
    )
    return value, text, key


def _both(text: str) -> tuple[Timeline | None, Timeline]:
    return parse_fast(text), parse_careful(text, "t.yaml")


@settings(max_examples=200, deadline=None)
@given(
    on_event=media_and_text("    "),
    on_title=media_and_text(""),
    display=st.none() | st.tuples(WORD, QUOTE),
)
def test_fast_and_careful_parsers_agree(
    on_event: tuple[Media | Background, str, str],
    on_title: tuple[Media | Background, str, str],
    display: tuple[str, str] | None,
) -> None:
    event_value, event_text, event_key = on_event
    title_value, title_text, title_key = on_title
    shown = (
        ""
        if display is None
        else f"    display_date: {_scalar(display[0], _quote(display[0], display[1]))}\n"
    )
    text = HEAD + title_text + EVENT + event_text + shown
    fast, careful = _both(text)
    assert fast is not None, text  # nothing here needs the careful way
    assert fast == careful
    (event,) = careful.events
    assert getattr(event, event_key) == event_value
    assert getattr(careful, title_key) == title_value
    assert event.display_date == (None if display is None else display[0])


def _problems(parse: Callable[[str], object], text: str) -> list[Problem]:
    with pytest.raises(LoadError) as raised:
        parse(text)
    return raised.value.problems


@pytest.mark.parametrize(
    ("extra", "where", "message"),
    [
        (
            "    media: {url: m/a.jpg, captoin: x}\n",
            "7:27: events[0].media.captoin",
            'unknown field "captoin"; did you mean "caption"?',
        ),
        (
            "    background: {colour: red}\n",
            "7:18: events[0].background.colour",
            'unknown field "colour"; did you mean "color"?',
        ),
        (
            "    media:\n      url: javascript:alert(1)\n",
            "8:12: events[0].media.url",
            "expected an http:// or https:// URL or a path relative to the timeline file"
            ' (media/x.jpg), got "javascript:alert(1)"',
        ),
        ("    media: {url: /etc/passwd}\n", "7:18: events[0].media.url", 'got "/etc/passwd"'),
        ("    media: {url: 'https://x y'}\n", "7:18: events[0].media.url", 'got "https://x y"'),
        (
            "    media: {url: a.jpg, thumbnail: 'ftp://x'}\n",
            "7:36: events[0].media.thumbnail",
            'got "ftp://x"',
        ),
        (
            "    background: {url: 'C:/x.jpg'}\n",
            "7:23: events[0].background.url",
            'got "C:/x.jpg"',
        ),
        (
            "    media: {url: a.jpg, caption: [x]}\n",
            "7:34: events[0].media.caption",
            "expected text or nothing, got a list",
        ),
        (
            "    media: just text\n",
            "7:12: events[0].media",
            'expected a mapping or nothing, got "just text"',
        ),
        ("    media: {caption: x}\n", "7:12: events[0].media", 'missing required field "url"'),
        (
            "    display_date: {a: b}\n",
            "7:19: events[0].display_date",
            "expected text or nothing, got a mapping",
        ),
    ],
)
def test_a_bad_field_is_one_located_problem(extra: str, where: str, message: str) -> None:
    text = HEAD + EVENT + extra
    assert parse_fast(text) is None
    (problem,) = _problems(lambda t: parse_careful(t, "t.yaml"), text)
    assert str(problem).startswith(f"t.yaml:{where}: ")
    assert message in str(problem)
    # The loader's verdict is the careful parser's.
    assert _problems(lambda t: parse_timeline(t, "t.yaml"), text) == [problem]


def test_a_bad_title_media_is_located_too() -> None:
    text = HEAD + "media: {url: 'javascript:x', credti: y}\n" + EVENT
    found = [str(p) for p in _problems(lambda t: parse_timeline(t, "t.yaml"), text)]
    assert found[0].startswith("t.yaml:3:14: media.url: ")
    assert found[1] == 't.yaml:3:30: media.credti: unknown field "credti"; did you mean "credit"?'

"""A Timeline as our YAML format (schema 1), such that the loader reads back the same timeline.

Every value goes through PyYAML's safe emitter, which quotes or escapes
whatever would otherwise read back as something else (`no`, `1985`, `null`,
`: `, `#`, leading spaces, control characters). Only dates are written bare,
as in a hand-written file, and only when the emitter agrees that bare is safe.
Multi-line texts are literal blocks when that is exact; otherwise quoted.
The layout follows data/timeline.yaml: sections and items separated by blank
lines, short lists in brackets.
"""

from __future__ import annotations

from typing import Any

import yaml

from timeline_viewer.domain.dates import PartialDate, end_text
from timeline_viewer.domain.model import Background, Entity, Event, Media, Source, Timeline
from timeline_viewer.load.schema import SCHEMA_VERSION

_WIDTH = 88
# YAML 1.1 readers (PyYAML) take these as line breaks, YAML 1.2 readers do not:
# written escaped, both read the same character back.
_AMBIGUOUS_BREAKS = ("\u2028", "\u2029", "\x85")


class _Date(str):
    """An EDTF date, written bare (1985-02-07) when the emitter allows it."""


class _Flow(list[str]):
    """A list of short texts, written in brackets: [a, b]."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key, as people write them.
        super().increase_indent(flow, False)


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style: str | None = None
    if any(ch in value for ch in _AMBIGUOUS_BREAKS):
        style = '"'
    elif "\n" in value and not value.endswith("\n"):
        # "|-" keeps the text exactly; the emitter still falls back to quotes
        # when a block cannot (leading spaces, trailing spaces, tabs, ...).
        style = "|"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_date(dumper: yaml.SafeDumper, value: _Date) -> yaml.ScalarNode:
    # Tagged as whatever a bare 1985 or 1985-02-07 resolves to, the emitter may
    # leave it unquoted. Our loader reads every scalar as text, so the tag is moot.
    text = str(value)
    tag: str = dumper.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return dumper.represent_scalar(tag, text)


def _represent_flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(value), flow_style=True)


_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(_Date, _represent_date)
_Dumper.add_representer(_Flow, _represent_flow)


def timeline_to_yaml(timeline: Timeline) -> str:
    """The timeline file: `loader.parse_timeline` gives back the same timeline (lines aside)."""
    header: dict[str, Any] = {"schema": SCHEMA_VERSION, "title": timeline.title}
    if timeline.description is not None:
        header["description"] = timeline.description
    header.update(
        _compact(
            {
                "media": _media(timeline.media),
                "background": _background(timeline.background),
                "title_headline": timeline.title_headline,
            }
        )
    )
    parts = [_dump(header)]
    for key, items in (
        ("sources", [_source(s) for s in timeline.sources]),
        ("entities", [_entity(e) for e in timeline.entities]),
        ("events", [_event(e) for e in timeline.events]),
    ):
        if items:
            parts.append(_section(key, items))
    return "\n".join(parts)


def _dump(data: dict[str, Any]) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=_WIDTH,
        default_flow_style=False,
    )


def _section(key: str, items: list[dict[str, Any]]) -> str:
    # One dump per item so that items can be separated by blank lines: between
    # two list items a blank line is never part of a value.
    chunks = []
    for i, item in enumerate(items):
        text = _dump({key: [item]})
        chunks.append(text if i == 0 else text.split("\n", 1)[1])
    return "\n".join(chunks)


def _date(value: PartialDate | None) -> _Date | None:
    return None if value is None else _Date(value.edtf())


def _end(event: Event) -> _Date | None:
    """The end as the file writes it: a date, `..` (still going) or `unknown`."""
    text = end_text(event.end, event.open_end)
    return None if text is None else _Date(text)


def _compact(fields: dict[str, Any]) -> dict[str, Any]:
    """Without absent values and empty lists, which the format treats as the defaults."""
    return {k: v for k, v in fields.items() if v is not None and v != []}


def _source(source: Source) -> dict[str, Any]:
    return _compact(
        {
            "id": source.id,
            "title": source.title,
            "publisher": source.publisher,
            "published": _date(source.published),
            "url": source.url,
        }
    )


def _entity(entity: Entity) -> dict[str, Any]:
    return _compact(
        {
            "id": entity.id,
            "name": entity.name,
            "kind": entity.kind,
            "aliases": _Flow(entity.aliases),
            "summary": entity.summary,
            "related": [{"entity": r.entity, "relation": r.relation} for r in entity.related],
            "born": _date(entity.born),
            "died": _date(entity.died),
        }
    )


def _event(event: Event) -> dict[str, Any]:
    return _compact(
        {
            "id": event.id,
            "date": _date(event.date),
            "end": _end(event),
            "title": event.title,
            "summary": event.summary,
            "entities": _Flow(event.entities),
            "place": event.place,
            "tags": _Flow(event.tags),
            "sources": _Flow(event.sources),
            "note": event.note,
            "reported": _date(event.reported),
            "media": _media(event.media),
            "display_date": event.display_date,
            "background": _background(event.background),
        }
    )


def _media(media: Media | None) -> dict[str, Any] | None:
    if media is None:
        return None
    return _compact(
        {
            "url": media.url,
            "caption": media.caption,
            "credit": media.credit,
            "thumbnail": media.thumbnail,
            "alt": media.alt,
        }
    )


def _background(background: Background | None) -> dict[str, Any] | None:
    if background is None:
        return None
    return _compact({"url": background.url, "color": background.color, "alt": background.alt})

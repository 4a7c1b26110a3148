"""The file format (schema version 1) as msgspec definitions.

These Structs are what a timeline file may hold, field by field. The loader
validates each piece of a file against them, and `timeline schema` publishes
the JSON Schema generated from them, so the two can never drift apart.
Dates are text here; the loader turns them into PartialDate values.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta

SCHEMA_VERSION = 1
SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"

Slug = Annotated[
    str,
    Meta(pattern=SLUG_PATTERN, description="An id: lowercase letters, digits, single hyphens."),
]
Text = Annotated[str, Meta(min_length=1)]
DateText = Annotated[
    str | int,
    Meta(
        description=(
            "A partial date: 1985, 1985-02 or 1985-02-07, optionally ending in ~ (approximate),"
            " ? (uncertain) or % (both); X for digits not specified (198X, 19XX, 1985-XX,"
            " 1985-04-XX); or a spelling such as 'Feb 7, 1985'."
        ),
        examples=["1985", "1985-02", "1985-02-07", "1985~", "2013?", "198X", "July 2022"],
    ),
]
EndText = Annotated[
    str | int,
    Meta(
        description=(
            "The end of a period: a partial date as for date, or '..' (still going)"
            " or 'unknown' (it ended, when is not known)."
        ),
        examples=["1990", "1990-06", "..", "unknown"],
    ),
]
Url = Annotated[str, Meta(pattern="^https?://\\S+$", description="An http(s) URL.")]
# A web address, or a path relative to the timeline file's folder (no scheme, not absolute).
MediaUrl = Annotated[
    str,
    Meta(
        pattern="^(https?://\\S+|(?![A-Za-z][A-Za-z0-9+.-]*:)[^/\\\\\\s].*)$",
        description=(
            "An http(s) URL, or a path relative to the timeline file's folder (media/x.jpg)."
        ),
        examples=["https://upload.wikimedia.org/x.jpg", "media/x.jpg"],
    ),
]
Kind = Literal["person", "organization", "place", "other"]


class _Spec(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    pass


class SourceSpec(_Spec):
    """Where facts come from; events cite sources by id."""

    id: Slug
    title: Text
    publisher: str | None = None
    published: DateText | None = None
    url: Url | None = None


class MediaSpec(_Spec):
    """A picture, video or page shown with an event (TimelineJS shows it on the slide)."""

    url: MediaUrl
    caption: str | None = None
    credit: str | None = None
    thumbnail: MediaUrl | None = None
    alt: str | None = None


class BackgroundSpec(_Spec):
    """A TimelineJS slide background: an image, a colour (#RRGGBB or a CSS name), or both."""

    url: MediaUrl | None = None
    color: str | None = None
    alt: str | None = None


class RelationSpec(_Spec):
    """A named link from one entity to another, e.g. brother, co-founder, member of."""

    entity: Slug
    relation: Text


class EntitySpec(_Spec):
    """A person, organisation, place or other thing that events involve."""

    id: Slug
    name: Text
    kind: Kind
    aliases: list[Text] = []
    summary: str | None = None
    related: list[RelationSpec] = []
    born: DateText | None = None
    died: DateText | None = None


class EventSpec(_Spec):
    """Something that happened, at a partial date or over a period (date to end)."""

    id: Slug
    date: DateText
    title: Text
    end: EndText | None = None
    summary: str | None = None
    entities: list[Slug] = []
    place: Slug | None = None
    tags: list[Text] = []
    sources: list[Slug] = []
    note: str | None = None
    reported: DateText | None = None
    media: MediaSpec | None = None
    display_date: Annotated[
        str | None,
        Meta(description="The date as written for readers (TimelineJS shows it): '13 сентября'."),
    ] = None
    background: BackgroundSpec | None = None


class TimelineSpec(_Spec):
    """A curated timeline (timeline-viewer format)."""

    schema: Annotated[int, Meta(description="Format version; this release reads 1.")]
    title: Text
    description: str | None = None
    media: MediaSpec | None = None
    background: BackgroundSpec | None = None
    title_headline: Annotated[
        str | None,
        Meta(
            description=(
                "The headline of TimelineJS's title slide when it is not the title; '' for none."
            )
        ),
    ] = None
    sources: list[SourceSpec] = []
    entities: list[EntitySpec] = []
    events: list[EventSpec] = []


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the file format, for editors."""
    schema = msgspec.json.schema(TimelineSpec)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "timeline-viewer timeline (schema version 1)",
        **schema,
    }

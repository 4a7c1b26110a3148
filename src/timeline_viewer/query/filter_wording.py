"""A filter said in words, for a reader who never typed it.

`entity:caro-quintero tag:dea -tariffs` reads "Events involving Rafael Caro
Quintero, tagged dea, not mentioning "tariffs"": what an exported document
says it holds. Plain text: the caller escapes it for where it goes.
"""

from __future__ import annotations

from timeline_viewer.query.index import TimelineIndex
from timeline_viewer.query.language import QueryError, Term, parse_query, resolve_entities

_KIND_WORDS = {
    "person": "a person",
    "organization": "an organisation",
    "place": "a place",
    "other": "an entity of kind other",
}
_DATE_WORDS = {
    "year": "in",
    "after": "after",
    "before": "before",
    "from": "from",
    "to": "up to",
    "reported": "first reported in",
}


def describe_filter(index: TimelineIndex, text: str) -> str:
    """ "Events involving Rafael Caro Quintero, mentioning "trevino"", or "All events".

    A filter that does not parse is quoted as written.
    """
    try:
        query = parse_query(text)
    except QueryError:
        return f'Events matching "{" ".join(text.split())}"'
    if query.is_empty:
        return "All events"
    return "Events " + ", ".join(_term_words(index, term) for term in query.terms)


def _term_words(index: TimelineIndex, term: Term) -> str:
    no = "not " if term.negated else ""
    if term.field == "text":
        return f'{no}mentioning "{term.value}"'
    if term.field == "entity":
        found = sorted(resolve_entities(index, term.value))
        if len(found) == 1:
            entity = index.entity(found[0])
            name = entity.name if entity is not None else term.value
        else:
            name = f'an entity named "{term.value}"'
        return f"{no}involving {name}"
    if term.field == "kind":
        return f"{no}involving {_KIND_WORDS.get(term.value, term.value)}"
    if term.field == "tag":
        return f"{no}tagged {term.value}"
    if term.field == "starred":
        return f"{no}starred"
    if term.field == "note":
        return f'{no}with a note mentioning "{term.value}"' if term.value else f"{no}with a note"
    if term.date is not None:
        return f"{no}{_DATE_WORDS.get(term.field, term.field)} {term.date.display()}"
    return f"{no}{term}"

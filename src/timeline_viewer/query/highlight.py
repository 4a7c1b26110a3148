"""Why a row matched: where a filter's words fall in the text the screen shows.

The filter matches folded text (case and accents ignored, whitespace runs as
one space), so the words are found in a folded copy of the text and mapped
back to the characters shown: `trevino` marks `Treviño`, accent and all.
Plain values, tested without any UI; the TUI only styles the ranges.
"""

from __future__ import annotations

from collections.abc import Sequence

from timeline_viewer.domain.text import fold
from timeline_viewer.query.language import Query

Span = tuple[int, int]


def highlight_words(query: Query) -> tuple[str, ...]:
    """The words and phrases of `query` that an event's text may show, folded.

    Excluded words (`-word`) are in no row, and the fields (`entity:`,
    `tag:`, dates) match something other than the text: neither is marked.
    """
    words: list[str] = []
    for term in query.terms:
        if term.field == "text" and not term.negated and term.value not in words:
            words.append(term.value)
    return tuple(words)


def _folded_with_origins(text: str) -> tuple[str, list[int]]:
    """`text` folded as the filter folds it, and for each folded character the
    index of the character of `text` it comes from."""
    folded: list[str] = []
    origins: list[int] = []
    for at, character in enumerate(text):
        part = fold(character)
        for piece in part:
            if piece.isspace():
                # A run of whitespace is one space, as in the filter's phrases.
                if folded and folded[-1] == " ":
                    continue
                piece = " "
            folded.append(piece)
            origins.append(at)
    return "".join(folded), origins


def word_spans(text: str, words: Sequence[str]) -> list[Span]:
    """Where any of `words` (folded, as `highlight_words` gives them) occurs in
    `text`: (start, end) character ranges of `text`, sorted, overlaps merged.

    A range takes in the accents that follow its last letter (a decomposed
    `ñ` is two characters), so that no letter is cut from its accent.
    """
    if not text or not words:
        return []
    folded, origins = _folded_with_origins(text)
    found: list[Span] = []
    for word in words:
        if not word:
            continue
        start = folded.find(word)
        while start >= 0:
            end = origins[start + len(word) - 1] + 1
            while end < len(text) and not fold(text[end]):
                end += 1
            found.append((origins[start], end))
            start = folded.find(word, start + 1)
    found.sort()
    merged: list[Span] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged

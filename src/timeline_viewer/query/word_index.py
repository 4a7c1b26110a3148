"""Which texts contain a piece of text, answered without scanning all of them.

Scanning 100,000 events' search text (20 MB or more) takes 20 to 35 ms, a
whole frame, however fast the substring search. But text without whitespace
occurs in a text only inside one of its whitespace-separated tokens, and the
distinct tokens (the vocabulary) are a few percent of the text: so a word is
looked up by scanning the vocabulary for the tokens that contain it, then
joining those tokens' texts. A token in many texts keeps them as a bitmap
(see `bitset`), so that "e" ORs a few hundred bitmaps instead of merging a
million positions; a rarer token keeps a tuple of positions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache, partial

from timeline_viewer.query import bitset

# Texts (or tokens) per step between calls of `pause`: a few milliseconds of work.
_STEP = 2000


def _no_pause() -> None:
    pass


# Up to this many tokens, each is found by `str.find` (fast, but a step of Python
# each); past it, every token is tested in turn.
_STEPPED_TOKENS = 2000


class WordIndex:
    """Over `texts` (whose words are separated by whitespace): the texts containing a needle.

    `shared` is text that belongs to several texts at once, given with their
    positions: an entity's names, which every event involving it is found by.
    """

    CACHE_SIZE = 256

    def __init__(
        self,
        texts: Sequence[str],
        shared: Iterable[tuple[str, Sequence[int]]] = (),
        pause: Callable[[], None] | None = None,
    ) -> None:
        """`pause` is called every few milliseconds of work: a thread building the
        index can wait there while the user types (and the UI needs the interpreter)."""
        pause = pause or _no_pause
        self.count = len(texts)
        postings: defaultdict[str, list[int]] = defaultdict(list)
        for position, text in enumerate(texts):
            if not position % _STEP:
                pause()
            for token in set(text.split()):
                postings[token].append(position)
        # Shared tokens are kept apart: their positions come in any order and may repeat.
        extra: dict[str, list[Sequence[int]]] = {}
        for text, positions in shared:
            for token in set(text.split()):
                extra.setdefault(token, []).append(positions)
        # A bitmap costs count/8 bytes, a tuple 8 bytes a position: the smaller wins.
        common = max(1, self.count // 64)
        self._bitmaps: dict[str, int] = {}
        self._tuples: dict[str, tuple[int, ...]] = {}

        # Token by token, each list let go once converted: one long operation (a
        # set of all tokens; freeing all the lists at the end) would hold the
        # interpreter away from a UI that builds this in a thread.
        def merged() -> Iterator[tuple[str, list[Sequence[int]]]]:
            while postings:
                token, own = postings.popitem()
                yield token, [*extra.pop(token, ()), own]
            while extra:
                yield extra.popitem()

        for converted, (token, groups) in enumerate(merged()):
            if not converted % _STEP:
                pause()
            if sum(map(len, groups)) >= common:
                self._bitmaps[token] = bitset.from_groups(groups, self.count)
            elif len(groups) == 1:
                self._tuples[token] = tuple(groups[0])
            else:
                self._tuples[token] = tuple(sorted(set().union(*groups)))
        # One token per line: a needle has no newline, so it matches within one token.
        self._tokens = (*self._bitmaps, *self._tuples)
        self._vocabulary = _joined(self._tokens)
        # Per index, not per class: a replaced index (a reload) takes its answers
        # with it. Bound to the tables, not to self: a cycle through self would
        # outlive the index once the app has frozen the collector's generations.
        self._remembered = lru_cache(maxsize=self.CACHE_SIZE)(
            partial(
                _lookup, self.count, self._vocabulary, self._tokens, self._bitmaps, self._tuples
            )
        )

    def containing(self, needle: str) -> int:
        """The texts in which `needle` occurs, as a bitmap. `needle` holds no whitespace."""
        return self._remembered(needle)


def _joined(tokens: Sequence[str], step: int = 8192) -> str:
    """The tokens one per line, joined a slice at a time: one join of 100,000 tokens
    would hold the interpreter for several milliseconds in one go."""
    return "\n".join(["\n".join(tokens[i : i + step]) for i in range(0, len(tokens), step)])


def _tokens_containing(vocabulary: str, every: Sequence[str], needle: str) -> list[str]:
    """The tokens holding `needle`: `every` token, and the same joined by newlines."""
    tokens: list[str] = []
    at = vocabulary.find(needle)
    while at >= 0:
        if len(tokens) == _STEPPED_TOKENS:
            # Many tokens hold it: one test per token beats a step per occurrence.
            # (A regex pass is no faster, and would hold the interpreter throughout.)
            return [token for token in every if needle in token]
        start = vocabulary.rfind("\n", 0, at) + 1
        end = vocabulary.find("\n", at)
        if end < 0:
            end = len(vocabulary)
        tokens.append(vocabulary[start:end])
        at = vocabulary.find(needle, end)
    return tokens


def _lookup(
    count: int,
    vocabulary: str,
    tokens: Sequence[str],
    bitmaps: dict[str, int],
    tuples: dict[str, tuple[int, ...]],
    needle: str,
) -> int:
    bits = 0
    scattered: list[tuple[int, ...]] = []
    for token in _tokens_containing(vocabulary, tokens, needle):
        common = bitmaps.get(token)
        if common is not None:
            bits |= common
        else:
            scattered.append(tuples[token])
    return bitset.from_groups(scattered, count, bits) if scattered else bits

"""A big file's events list cut into pieces that each parse on their own.

A 100,000-event file is read a few thousand events at a time (peak memory
stays near the size of the result), and when something in it is unusual or
wrong, only the pieces concerned are read the careful way: in a copy of the
file where every other piece is blank lines, so that every line and column
is where it is in the file.

Pieces are cut where an item starts: "- " at the list's own indentation.
YAML keeps every continuation line of an item more indented than that (a
block scalar, a folded quoted string, a nested list), so each piece is a
valid YAML list when the file is.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterator

import msgspec

from timeline_viewer.domain.problems import Problem

# Events per piece, and the size (in characters) from which a list is cut.
SIZE = 5000
CUT_ABOVE = 1_000_000

# Both start with a literal newline, which the regex engine skips to quickly;
# a "^" pattern in MULTILINE mode would try every position of a 40 MB text.
_TOP_LEVEL_LINE = re.compile(r"\n[^\s#\-]")
_KEY_LINE = r"{key}:[ \t]*(?:#[^\r]*)?\r?"  # (Windows line ends too)
# An item that starts with its id, as people and our writer put it.
ITEM_ID = re.compile(r"- id: *[\"']?([A-Za-z0-9-]+)")
# A problem's path inside one event of the list (events[12].date), with its number.
EVENT_PATH = re.compile(r"events\[(\d+)\]")


class EventPieces:
    """Where the events list of `text` is, and where each of its pieces starts and stops."""

    def __init__(
        self, text: str, start: int, end: int, items: array[int], size: int, key: str = "events"
    ) -> None:
        self.text = text
        self.key = key  # the list's key: "events", or "sources" in the head of a big file
        self.start, self.end = start, end  # the "events:" line, and past the list's last line
        self.items = items  # where each event starts (an array: 100,000 ints are 3 MB as a list)
        self.size = size
        self.spans = [
            (items[first], items[first + size] if first + size < len(items) else end)
            for first in range(0, len(items), size)
        ]

    @classmethod
    def of(cls, text: str, key: str = "events", at_least: int | None = None) -> EventPieces | None:
        """The pieces of a block-style top-level `key` list of `at_least` characters or more.

        (`CUT_ABOVE` unless said.)
        """
        if text.startswith(f"{key}:"):
            start = 0
        else:
            found = text.find(f"\n{key}:")
            if found < 0:
                return None
            start = found + 1
        line_end = text.find("\n", start)
        if line_end < 0 or not re.fullmatch(_KEY_LINE.format(key=key), text[start:line_end]):
            return None  # "events: [...]" on one line, say: parse the file whole
        following = _TOP_LEVEL_LINE.search(text, line_end)
        end = following.start() + 1 if following else len(text)
        if end - start < (CUT_ABOVE if at_least is None else at_least):
            return None
        first_item = re.compile(r"^([ \t]*)- ", re.MULTILINE).search(text, line_end + 1, end)
        if first_item is None:
            return None
        # Anchored on the newline, not "^": five times faster over 40 MB (see above).
        item = re.compile(rf"\n{first_item[1]}- ")
        items = array("q", [m.start() + 1 for m in item.finditer(text, line_end, end)])
        return cls(text, start, end, items, SIZE, key)

    @property
    def count(self) -> int:
        """How many events the list has."""
        return len(self.items)

    def head(self) -> str:
        """The file without its events: an empty list in their place."""
        return self.text[: self.start] + f"{self.key}: []\n" + self.text[self.end :]

    def head_without(self, other: EventPieces | None) -> str:
        """The file without this list nor `other` (of the same text): empty lists instead."""
        if other is None or other.text is not self.text:
            return self.head()
        first, second = sorted((self, other), key=lambda cut: cut.start)
        text = self.text
        return "".join(
            (
                text[: first.start],
                f"{first.key}: []\n",
                text[first.end : second.start],
                f"{second.key}: []\n",
                text[second.end :],
            )
        )

    def events_in(self, piece: int) -> range:
        """The numbers (in the file) of the events of `piece`."""
        return range(piece * self.size, min(self.count, (piece + 1) * self.size))

    def piece_of(self, event: int) -> int:
        return event // self.size

    def numbers_left(self, left_out: set[int]) -> Iterator[int]:
        """The numbers of the events in every piece but `left_out`, in order."""
        for piece in range(len(self.spans)):
            if piece not in left_out:
                yield from self.events_in(piece)

    def numbers_in(self, pieces: set[int]) -> list[int]:
        """The numbers of the events in `pieces`, in order."""
        return [number for piece in sorted(pieces) for number in self.events_in(piece)]

    def sharing_ids(self) -> set[int]:
        """The pieces holding an event whose id another event has too.

        A duplicate is a problem of both: the careful parser must see the
        first event to report the second. (Found from the text: once checked,
        the parsed events are gone.)
        """
        first_piece: dict[str, int] = {}
        sharing: set[int] = set()
        for match in ITEM_ID.finditer(self.text, self.start, self.end):
            piece = self.piece_of(bisect_right(self.items, match.start()) - 1)
            first = first_piece.setdefault(match[1], piece)
            if first != piece:
                sharing.update((first, piece))
        return sharing

    def text_with_only(self, keep: set[int], blank: EventPieces | None = None) -> str:
        """The file with the events of every piece but `keep` turned into blank lines.

        `blank`: another list of the same text (the sources), read clean
        already: it is left out whole, an empty list and blank lines in its place.
        """
        return self.text_with_events(self.ranges_of(keep), blank)

    def ranges_of(self, pieces: set[int]) -> list[range]:
        """The events of `pieces`, a range of numbers per piece, in order."""
        return [self.events_in(piece) for piece in sorted(pieces)]

    def text_with_events(self, kept: list[range], blank: EventPieces | None = None) -> str:
        """The file with every event but those numbered in `kept` turned into blank lines.

        `kept`: ranges of event numbers, in order, not overlapping. `blank`:
        see `text_with_only`.
        """
        text, items = self.text, self.items
        kept = [span for span in kept if span]
        key_end = text.index("\n", self.start)
        key = text[self.start : key_end] if kept else f"{self.key}: []"
        other = blank if blank is not None and blank.text is text else None
        parts = [_blanked(text, 0, self.start, other), key, text[key_end : items[0]]]
        at = items[0]  # where the text not yet copied nor blanked starts
        for span in kept:
            begin = items[span.start]
            stop = items[span.stop] if span.stop < len(items) else self.end
            parts.append("\n" * text.count("\n", at, begin))
            parts.append(text[begin:stop])
            at = stop
        parts.append("\n" * text.count("\n", at, self.end))
        parts.append(_blanked(text, self.end, len(text), other))
        return "".join(parts)

    def event_at_line(self, line: int, kept: list[range]) -> int | None:
        """The number of the last event of `kept` that starts at or before `line`."""
        starts, numbers = self._starts(kept)
        at = bisect_right(starts, line) - 1
        return numbers[at] if at >= 0 else None

    def _starts(self, kept: list[range]) -> tuple[list[int], list[int]]:
        """The line each event of `kept` starts at, ascending, and its number in the file."""
        text, items = self.text, self.items
        starts: list[int] = []
        numbers: list[int] = []
        line, at = 1, 0
        for span in kept:
            for number in span:
                line += text.count("\n", at, items[number])
                at = items[number]
                starts.append(line)
                numbers.append(number)
        return starts, numbers

    def renumbered(self, problems: list[Problem], kept: list[range]) -> list[Problem]:
        """Problems found in `text_with_events(kept)`, their events numbered as in the file.

        An event's number is found from the problem's line (the last event that
        starts at or before it), not from its number among the kept events:
        that holds even in a piece the fast parser could not count.
        """
        starts, numbers = self._starts(kept)
        renumbered = []
        for problem in problems:
            match = EVENT_PATH.match(problem.path)
            at = bisect_right(starts, problem.line or 0) - 1
            if match is not None and at >= 0:
                path = f"events[{numbers[at]}]{problem.path[match.end() :]}"
                problem = msgspec.structs.replace(problem, path=path)
            renumbered.append(problem)
        return renumbered


def _blanked(text: str, begin: int, end: int, other: EventPieces | None) -> str:
    """`text[begin:end]`, with `other`'s list (if it lies there) an empty list and blank lines."""
    if other is None or not (begin <= other.start and other.end <= end):
        return text[begin:end]
    key_end = text.index("\n", other.start)
    return "".join(
        (
            text[begin : other.start],
            f"{other.key}: []",
            "\n" * text.count("\n", key_end, other.end),
            text[other.end : end],
        )
    )

"""Sets of event positions as bitmaps: a Python int with bit `p` set for position `p`.

Over 100,000 events a bitmap is 12.5 kB, and union, intersection and
complement are single C-level operations on it, where the same on sets or
lists of positions touches every element in the interpreter. Converting to
and from positions goes through a byte per position, which `bytearray`
stores and `itertools.compress` reads at C speed.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from functools import cache
from itertools import compress, product

# The tables are made at first use, not at import: start-up needs none of
# them, and making them costs most of a millisecond.


@cache
def _spread() -> tuple[bytes, ...]:
    """Byte value -> the eight bytes (each 0 or 1) of its bits, least significant first."""
    return tuple(bytes((value >> bit) & 1 for bit in range(8)) for value in range(256))


@cache
def _bits() -> tuple[tuple[int, ...], ...]:
    """Byte value -> which of its bits are set."""
    return tuple(tuple(bit for bit in range(8) if value >> bit & 1) for value in range(256))


@cache
def _pack() -> dict[int, int]:
    """The inverse of `_spread`, keyed by those eight bytes read as one native-endian word."""
    return {
        int.from_bytes(bytes(bits[::-1]), sys.byteorder): int("".join(map(str, bits)), 2)
        for bits in product((0, 1), repeat=8)
    }


def span(start: int, stop: int) -> int:
    """The positions start, start + 1, ..., stop - 1."""
    return ((1 << (stop - start)) - 1) << start if stop > start else 0


def every(count: int) -> int:
    """All of the positions 0 .. count - 1."""
    return (1 << count) - 1


def from_flags(flags: bytearray) -> int:
    """The positions whose byte in `flags` is 1 (every byte must be 0 or 1)."""
    padded = flags + bytes(-len(flags) % 8)
    packed = bytes(map(_pack().__getitem__, memoryview(padded).cast("Q")))
    return int.from_bytes(packed, "little")


def from_positions(positions: Iterable[int], count: int) -> int:
    """The bitmap of `positions`, each below `count`."""
    flags = bytearray(count)
    mark(flags, positions)
    return from_flags(flags)


def from_groups(groups: Iterable[Iterable[int]], count: int, bits: int = 0) -> int:
    """`bits` with the positions of every group added."""
    flags = flags_of(bits, count)
    for group in groups:  # (inlined: a call per group costs more than a small group)
        for position in group:
            flags[position] = 1
    return from_flags(flags)


def mark(flags: bytearray, positions: Iterable[int]) -> None:
    """Set the byte of each position to 1."""
    # A plain loop: faster here than map() over the bound __setitem__.
    for position in positions:
        flags[position] = 1


def flags_of(bits: int, count: int) -> bytearray:
    """One byte per position, 1 where `bits` has it: the form positions are added to cheaply."""
    raw = bits.to_bytes((count + 7) // 8, "little")
    return bytearray(b"".join(map(_spread().__getitem__, raw))[:count])


def positions(bits: int, count: int) -> list[int]:
    """The positions in `bits`, ascending."""
    if not bits:
        return []
    if bits.bit_count() * 16 < count:
        # Sparse: visit only the bytes holding a position (one step each), not every position.
        raw = bits.to_bytes((count + 7) // 8, "little")
        found: list[int] = []
        bits_of_byte = _bits()
        for at in compress(range(len(raw)), raw):
            base = at * 8
            found.extend([base + bit for bit in bits_of_byte[raw[at]]])
        return found
    return list(compress(range(count), flags_of(bits, count)))

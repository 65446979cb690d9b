"""Offsets in an article body -> offsets in the seed file it was imported from.

Import keeps each paragraph verbatim and drops furniture between them, so the body
maps onto the seed piece by piece: each paragraph is found in the seed after the
previous one. Separators map too when they are the same text in both. An offset in
text that import changed maps to None, never to a guess.
"""

from __future__ import annotations

import bisect

from .bodyhtml import paragraphs


class SeedMap:
    def __init__(self, body: str, seed: str) -> None:
        self._blocks: list[tuple[int, int, int]] = []  # (body start, body end, seed start)
        cursor = 0
        for start, end in paragraphs(body):
            found = seed.find(body[start:end], cursor)
            if found == -1:
                continue
            self._merge(body, seed, start, end, found)
            cursor = found + (end - start)
        self._starts = [block[0] for block in self._blocks]

    def _merge(self, body: str, seed: str, start: int, end: int, found: int) -> None:
        if self._blocks:
            b_start, b_end, s_start = self._blocks[-1]
            s_end = s_start + (b_end - b_start)
            if body[b_end:start] == seed[s_end:found]:  # same separator: one block
                self._blocks[-1] = (b_start, end, s_start)
                return
        self._blocks.append((start, end, found))

    def __call__(self, offset: int) -> int | None:
        """The seed offset of a body offset (an end offset may equal a block's end)."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0:
            return None
        start, end, seed_start = self._blocks[index]
        return seed_start + (offset - start) if offset <= end else None

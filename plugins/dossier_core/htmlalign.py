"""Map an extractor's paragraphs back to the page's own text blocks.

The extractor (trafilatura) decides *which* text is the article; the page decides
*what the text is*. Each extracted piece (a paragraph, heading, list item or table
cell, cut at line breaks) is looked up in the page's blocks, in order:

1. Long pieces that are the whole text of exactly one block are anchors (a dictionary
   look-up, so a long page costs no quadratic search); anchors out of order (the
   heaviest increasing run, by length, is kept) are dropped.
2. Every other piece is looked for between the anchors around it: as a whole block
   first when it is short (a subheading "Linebacker" must not land inside a sentence),
   else as the first occurrence of the text.
3. A piece not found as text (the extractor merged two blocks, dropped an inline
   element, or removed a control character) is matched word by word inside that
   window; the blocks its words come from are used.

The result is a set of character ranges inside blocks. A block is used from its first
to its last matched character, widened to the block's ends when what is outside has no
word character (a final full stop, a bullet): the body can only ever be page text.
"""

from __future__ import annotations

import bisect
import itertools
import re
from difflib import SequenceMatcher

SEP = "\x00"  # between blocks in the joined text; no page text contains it
_WORD = re.compile(r"\w+")
ANCHOR_CHARS = 40  # shorter pieces are too likely to recur (dates, "Advertisement")
SHORT_PIECE = 30  # looked for as a whole block first


def place_pieces(pieces: list[str], texts: list[str]) -> dict[int, tuple[int, int]]:
    """Where each extracted piece is in the page: {block index: (start, end)}.

    Args:
        pieces: the extracted paragraphs, white space folded, in the extractor's order.
        texts: the page's block texts, in page order.

    Returns:
        For each block used, the character range of its text the pieces cover (the
        union of the pieces placed in it).
    """
    stream = SEP + SEP.join(texts) + SEP
    starts = []
    offset = 1
    for text in texts:
        starts.append(offset)
        offset += len(text) + 1
    spans = _locate(pieces, stream, texts, starts)
    ranges: dict[int, tuple[int, int]] = {}
    for begin, end in spans:
        first = bisect.bisect_right(starts, begin) - 1
        last = bisect.bisect_right(starts, max(begin, end - 1)) - 1
        for index in range(first, last + 1):
            lo = max(begin, starts[index]) - starts[index]
            hi = min(end, starts[index] + len(texts[index])) - starts[index]
            if hi > lo:
                old = ranges.get(index)
                ranges[index] = (min(lo, old[0]), max(hi, old[1])) if old else (lo, hi)
    return {index: _widen(texts[index], *span) for index, span in sorted(ranges.items())}


def _locate(
    pieces: list[str], stream: str, texts: list[str], starts: list[int]
) -> list[tuple[int, int]]:
    anchors = _anchors(pieces, texts, starts)
    # The start of the next anchor after each piece: where its search window ends.
    limits = [len(stream)] * len(pieces)
    for number in range(len(pieces) - 2, -1, -1):
        after = number + 1
        limits[number] = anchors[after] if after in anchors else limits[after]
    spans: list[tuple[int, int]] = []
    lo = 0
    for number, piece in enumerate(pieces):
        if number in anchors:
            at = anchors[number]
            spans.append((at, at + len(piece)))
            lo = at + len(piece)
            continue
        hi = limits[number]
        found = _find(piece, stream, lo, hi)
        if found is not None:
            spans.append((found, found + len(piece)))
            lo = found + len(piece)
            continue
        by_words = _match_words(piece, stream, lo, hi)
        spans.extend(by_words)
        if by_words:
            lo = by_words[-1][1]
    return spans


def _anchors(pieces: list[str], texts: list[str], starts: list[int]) -> dict[int, int]:
    """Long pieces that are exactly one block; the heaviest increasing run of them."""
    where: dict[str, int] = {}
    for index, text in enumerate(texts):
        if len(text) >= ANCHOR_CHARS:
            where[text] = -1 if text in where else starts[index]  # -1: not unique
    found = []
    for number, piece in enumerate(pieces):
        at = where.get(piece, -1) if len(piece) >= ANCHOR_CHARS else -1
        if at >= 0:
            found.append((number, at, len(piece)))
    if all(a[1] + a[2] <= b[1] for a, b in itertools.pairwise(found)):
        return {number: at for number, at, _ in found}  # in order: the usual case
    # Weighted longest increasing subsequence of positions (pieces are in order);
    # quadratic, but anchors are a page's paragraphs: a few hundred at most.
    best: list[int] = []
    back: list[int] = []
    for i, (_, at, size) in enumerate(found):
        best.append(size)
        back.append(-1)
        for j in range(i):
            if found[j][1] + found[j][2] <= at and best[j] + size > best[i]:
                best[i], back[i] = best[j] + size, j
    chosen: dict[int, int] = {}
    i = max(range(len(found)), key=best.__getitem__, default=-1)
    while i >= 0:
        chosen[found[i][0]] = found[i][1]
        i = back[i]
    return chosen


def _find(piece: str, stream: str, lo: int, hi: int) -> int | None:
    if not piece:
        return None
    if len(piece) < SHORT_PIECE:
        whole = stream.find(SEP + piece + SEP, max(lo - 1, 0), hi + 1)
        if whole >= 0:
            return whole + 1
    at = stream.find(piece, lo, hi)
    return at if at >= 0 else None


def _match_words(piece: str, stream: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The piece's words in the page text between lo and hi, as runs of page text.

    Runs are cut at block boundaries by the caller. At least half of the piece's
    words must be found, else the piece is dropped (it is not page text: alt text,
    a hidden element).
    """
    wanted = [m.group(0) for m in _WORD.finditer(piece)]
    if not wanted:
        return []
    hi = min(hi, lo + 4 * len(piece) + 2000)  # bounded: a page without anchors is long
    page = list(_WORD.finditer(stream, lo, hi))
    matcher = SequenceMatcher(None, [m.group(0) for m in page], wanted, autojunk=False)
    # Runs of one or two common words ("of the") are chance, not the piece's text.
    shortest = min(3, len(wanted))
    runs = [b for b in matcher.get_matching_blocks() if b.size >= shortest]
    if sum(b.size for b in runs) * 2 < len(wanted):
        return []
    return [(page[b.a].start(), page[b.a + b.size - 1].end()) for b in runs]


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """The range grown to the block's ends where the rest has no word character."""
    if not _WORD.search(text, 0, start):
        start = 0
    if not _WORD.search(text, end):
        end = len(text)
    return start, end

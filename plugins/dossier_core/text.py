"""Text folding shared by matching and search: case, accents and typography."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from .typography import TYPOGRAPHY


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """Fold one character: typography unified, accents dropped, case folded.

    May return zero characters (a lone combining mark) or several (ß -> ss).
    """
    if char in TYPOGRAPHY:
        return TYPOGRAPHY[char]
    decomposed = unicodedata.normalize("NFKD", char)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold()


def _one(folded: str) -> str:
    if len(folded) > 1 and not any(c.isalnum() for c in folded):
        return folded[0]
    return folded


def fold(text: str) -> str:
    """Fold a whole string (no offset map)."""
    return "".join(fold_char(c) for c in text)


def fold_with_map(text: str) -> tuple[str, Sequence[int]]:
    """Fold `text` and map every folded position back to its original offset.

    Returns:
        (folded, origin): origin[i] is the offset in `text` of the character that
        produced folded[i]; origin has one extra entry, len(text), for end offsets.
    """
    # Fast path: when every distinct character folds to exactly one character,
    # offsets are unchanged and str.translate does the work in C. A character that
    # folds to several non-letters ("…" -> "...") cannot start or end a name, so its
    # first character stands in for it.
    table = {ord(c): _one(fold_char(c)) for c in set(text)}
    if all(len(v) == 1 for v in table.values()):
        return text.translate(table), range(len(text) + 1)  # a range: no list to build
    parts: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = fold_char(char) if not char.isascii() else char.lower()
        parts.append(folded)
        origin.extend([index] * len(folded))
    origin.append(len(text))
    return "".join(parts), origin


def slugify(text: str, limit: int = 60) -> str:
    """A lowercase ASCII slug: 'Venezuela’s FAKE President' -> 'venezuelas-fake-president'."""
    folded = fold(text).replace("'", "")
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "article"

"""Stable ids and reading order of an article's annotations.

Every annotation has an id that names it on every page (`#a-<id>` on its article page,
`#note-<article>-<id>` on its actors' pages, the W3C export's ids): the analyst's own
(`id:`), or one derived from what the annotation says about the text, a slug of the
quote's first words and a short hash of its label, quote, prefix and suffix. Neither
the note (analysts revise it) nor the annotation's place in the list goes in, so adding,
removing or reordering other annotations never changes an id. Identical annotations
(same label, quote, prefix and suffix) are told apart by a suffix, -2, -3..., in reading
order. Notes are numbered in reading order: by where their passage starts in the text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence

from .model import Anchored, Annotation
from .text import fold

ID_MAX = 64
SLUG_WORDS = 4  # of the quote, at most SLUG_CHARS characters
SLUG_CHARS = 24
HASH_CHARS = 6  # 24 bits: ids collide within one article about once in 16 million pairs

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")

Placed = tuple[int, Annotation, int, int]  # (front-matter position, annotation, start, end)


def id_problem(value: str) -> str | None:
    """Why `value` cannot be an analyst's annotation id (with what to write instead), or
    None when it can."""
    if len(value) > ID_MAX:
        return f"'id' is {len(value)} characters long; keep it to {ID_MAX} or fewer"
    if not _SLUG.match(value):
        suggestion = _NOT_SLUG.sub("-", fold(value).replace("'", "")).strip("-")
        hint = f", e.g. {suggestion!r}" if _SLUG.match(suggestion) else ""
        return (
            "'id' must be lowercase letters, digits and single hyphens between them "
            f"(a slug such as 'guaido-puppet'), found {value!r}; write it as a slug{hint}"
        )
    if value.isdigit():
        return (
            f"'id' {value!r} is only digits, which the anchors of earlier builds used "
            f"(#a-{value} was the annotation at place {value} in the list); add a word, "
            f"e.g. 'note-{value}'"
        )
    return None


def derived_id(annotation: Annotation) -> str:
    """The id of an annotation without an analyst's `id:`: '<first words>-<hash>'."""
    parts = (annotation.label, annotation.quote, annotation.prefix, annotation.suffix)
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:HASH_CHARS]
    words = _NOT_SLUG.sub("-", fold(annotation.quote).replace("'", "")).strip("-")
    words = "-".join(words.split("-")[:SLUG_WORDS])
    if len(words) > SLUG_CHARS:  # cut at a word's end, or inside a very long first word
        cut = words[:SLUG_CHARS]
        words = cut.rsplit("-", 1)[0] if "-" in cut and words[SLUG_CHARS] != "-" else cut
        words = words.strip("-")
    # A quote with no Latin letters or digits (Cyrillic, say) has no slug: 'q-<hash>'.
    return f"{words}-{digest}" if words else f"q-{digest}"


def in_reading_order(placed: Iterable[Placed], annotations: Sequence[Annotation]) -> list[Anchored]:
    """The anchored annotations of one article in reading order (by start, then end, then
    place in the list), numbered from 1, each with its stable id. `annotations`: all
    of the article's (an analyst's id is never given to another, even a broken one)."""
    reading = sorted(placed, key=lambda p: (p[2], p[3], p[0]))
    taken = {a.id for a in annotations if a.id}
    result = []
    for number, (position, annotation, start, end) in enumerate(reading, start=1):
        ident = annotation.id
        if not ident:
            base = ident = derived_id(annotation)
            count = 1
            while ident in taken:  # an identical annotation (or a clashing id) came first
                count += 1
                ident = f"{base}-{count}"
            taken.add(ident)
        result.append(Anchored(annotation, number, start, end, ident, position))
    return result


def legacy_map(anchored: Iterable[Anchored]) -> dict[str, str]:
    """Old positional anchor -> stable anchor (a-3 -> a-<id>), for tests and tools."""
    return {item.legacy: item.anchor for item in anchored}

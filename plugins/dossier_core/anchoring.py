"""Annotation quote (+ prefix/suffix, + offsets) -> the one span it names, or an error.

Follows the W3C Web Annotation TextQuoteSelector: `quote` is the exact passage, and
`prefix`/`suffix` the text just before and after it. Matching first tries the exact
text, then tolerates typographic variation (curly/straight quotes, dashes,
non-breaking and repeated spaces, line breaks). It never guesses: a quote found
twice without a prefix, suffix or offset that picks one is an error, and so is a
quote not found (with the closest passage and its similarity).
"""

from __future__ import annotations

import difflib
import re

from .model import Annotation
from .typography import TRANSLATION

_SPACE = re.compile(r"\s+")
CONTEXT = 40  # characters of context shown around an occurrence in messages


class AnchorError(Exception):
    """The quote cannot be anchored; the message says why and what to do."""


def normalise(text: str) -> tuple[str, list[int]]:
    """Typography unified and white-space runs collapsed, with a map back to `text`.

    Returns (normalised, origin) where origin[i] is the offset in `text` of the
    character that produced normalised[i], plus one final entry len(text).
    """
    translated = text.translate(TRANSLATION)
    parts: list[str] = []
    origin: list[int] = []
    cursor = 0
    for match in _SPACE.finditer(translated):
        parts.append(translated[cursor : match.start()])
        origin.extend(range(cursor, match.start()))
        parts.append(" ")
        origin.append(match.start())
        cursor = match.end()
    parts.append(translated[cursor:])
    origin.extend(range(cursor, len(translated)))
    origin.append(len(text))
    return "".join(parts), origin


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text.translate(TRANSLATION))


def occurrences(haystack: str, needle: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of needle."""
    found, position = [], haystack.find(needle)
    while position != -1:
        found.append(position)
        position = haystack.find(needle, position + 1)
    return found


def anchor(body: str, annotation: Annotation) -> tuple[int, int]:
    """The [start, end) of `body` that the annotation names; AnchorError otherwise."""
    quote, prefix, suffix = annotation.quote, annotation.prefix, annotation.suffix
    if annotation.start is not None and annotation.end is not None:
        start, end = annotation.start, annotation.end
        if end <= len(body) and _norm(body[start:end]) == _norm(quote):
            if _fits(body, start, end, prefix, suffix):
                return start, end
    exact = [(s, s + len(quote)) for s in occurrences(body, quote)]
    picked = [(s, e) for s, e in exact if _fits(body, s, e, prefix, suffix)]
    if not picked:
        picked = _tolerant(body, quote, prefix, suffix)
    if len(picked) == 1:
        return picked[0]
    if len(picked) > 1:
        raise AnchorError(_ambiguous(body, quote, picked))
    everywhere = exact or _tolerant(body, quote, "", "")
    if everywhere:
        raise AnchorError(
            f"quote {_show(quote)} occurs {len(everywhere)} time(s), but never with the given "
            f"prefix/suffix: {_list(body, everywhere)}"
        )
    raise AnchorError(_not_found(body, quote))


def _fits(body: str, start: int, end: int, prefix: str, suffix: str) -> bool:
    """Exact prefix/suffix check, falling back to the typography-tolerant one."""
    if (not prefix or body.endswith(prefix, 0, start)) and (
        not suffix or body.startswith(suffix, end)
    ):
        return True
    before = _norm(body[max(0, start - 2 * len(prefix) - 8) : start])
    after = _norm(body[end : end + 2 * len(suffix) + 8])
    return before.endswith(_norm(prefix)) and after.startswith(_norm(suffix))


def _tolerant(body: str, quote: str, prefix: str, suffix: str) -> list[tuple[int, int]]:
    text, origin = normalise(body)
    needle = _norm(quote).strip()
    if not needle:
        return []
    spans = []
    for s in occurrences(text, needle):
        start, end = origin[s], origin[s + len(needle) - 1] + 1
        if _fits(body, start, end, prefix, suffix):
            spans.append((start, end))
    return spans


def _show(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")


def _flat(text: str) -> str:
    """White space collapsed, but a leading or trailing space kept as one space."""
    inner = " ".join(text.split())
    lead = " " if text[:1].isspace() and inner else ""
    trail = " " if text[-1:].isspace() and inner else ""
    return lead + inner + trail


def _in_context(body: str, start: int, end: int) -> str:
    before = _flat(body[max(0, start - CONTEXT) : start])
    after = _flat(body[end : end + CONTEXT])
    return f"«…{before}[{_flat(body[start:end])}]{after}…»"


def _list(body: str, spans: list[tuple[int, int]], limit: int = 5) -> str:
    shown = [f"at {s}: {_in_context(body, s, e)}" for s, e in spans[:limit]]
    more = f"; and {len(spans) - limit} more" if len(spans) > limit else ""
    return "; ".join(shown) + more


def _ambiguous(body: str, quote: str, spans: list[tuple[int, int]]) -> str:
    hints = []
    for s, e in spans[:5]:
        prefix = unique_prefix(body, s, e, spans)
        hints.append(f"at {s} (prefix: {prefix!r}): {_in_context(body, s, e)}")
    more = f"; and {len(spans) - 5} more" if len(spans) > 5 else ""
    return (
        f"quote {_show(quote)} occurs {len(spans)} times; add a prefix or suffix to pick one: "
        + "; ".join(hints)
        + more
    )


def unique_prefix(body: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """The shortest prefix (grown a word at a time) that no other span shares."""
    others = [(s, e) for s, e in spans if (s, e) != (start, end)]
    size = 0
    while size < start:
        size = _grow(body, start, size)
        prefix = body[start - size : start]
        if not any(body.endswith(prefix, 0, s) for s, _ in others):
            return prefix
    return body[:start]


def unique_suffix(body: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """The shortest suffix (grown a word at a time) that no other span shares."""
    others = [(s, e) for s, e in spans if (s, e) != (start, end)]
    size = 0
    while end + size < len(body):
        size = _grow_forward(body, end, size)
        suffix = body[end : end + size]
        if not any(body.startswith(suffix, e) for _, e in others):
            return suffix
    return body[end:]


def _grow(body: str, start: int, size: int) -> int:
    """Extend a prefix leftwards to the start of the previous word (spaces included)."""
    position = start - size - 1
    while position > 0 and body[position].isspace():
        position -= 1
    while position > 0 and not body[position - 1].isspace():
        position -= 1
    return max(start - max(position, 0), size + 1)


def _grow_forward(body: str, end: int, size: int) -> int:
    position = end + size
    while position < len(body) and body[position].isspace():
        position += 1
    while position < len(body) and not body[position].isspace():
        position += 1
    return max(position - end, size + 1)


def _not_found(body: str, quote: str) -> str:
    best, start, end = closest_passage(body, quote)
    if best <= 0:
        return f"quote {_show(quote)} not found in the text"
    return (
        f"quote {_show(quote)} not found in the text; closest passage "
        f"(similarity {best:.2f}) at {start}: {_show(body[start:end], 120)}"
    )


def closest_passage(body: str, quote: str) -> tuple[float, int, int]:
    """(similarity, start, end) of the window of `body` most like `quote`."""
    size = len(quote)
    starts = [0] + [m.end() for m in re.finditer(r"\s+", body)]
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(quote)
    best = (0.0, 0, 0)
    for start in starts:
        stop = start + size
        while stop < len(body) and not body[stop].isspace():
            stop += 1  # to the end of the word, so the passage shown is whole words
        window = body[start:stop]
        matcher.set_seq1(window)
        if matcher.real_quick_ratio() <= best[0] or matcher.quick_ratio() <= best[0]:
            continue
        ratio = matcher.ratio()
        if ratio > best[0]:
            best = (ratio, start, start + len(window))
    return best

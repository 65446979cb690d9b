"""Article text to Markdown that shows it literally, with stand-off spans as links.

Every character that could be Markdown or HTML syntax becomes a numeric character
reference (`*` -> `&#42;`), which Python-Markdown and CommonMark both pass through as
text. White space at the start or end of a line is encoded too, because Markdown
gives it meaning (indented code, hard breaks) or strips it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from itertools import pairwise

from .model import Span

_ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_TABLE = {ord(c): f"&#{ord(c)};" for c in _ASCII_PUNCTUATION}
# Control characters (except the line feed) would be eaten or reinterpreted.
_TABLE.update({code: f"&#{code};" for code in range(32) if code != 10})
_TABLE[0x7F] = "&#127;"
_EDGE_SPACE = re.compile(r"^[^\S\n]+|[^\S\n]+$", re.MULTILINE)
# A paragraph is a maximal run of non-empty lines (a line of spaces is not empty:
# it is encoded and shown, not taken as a break).
PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")


def escape(text: str) -> str:
    """Escape `text` so that Markdown renders exactly these characters, no markup.

    A single blank line (two line feeds) would still start a new paragraph, so
    callers split paragraphs first (see `render_body`).
    """
    escaped = text.translate(_TABLE)
    return _EDGE_SPACE.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group()), escaped)


def escape_inline(text: str) -> str:
    """Escape text that sits inside a line (no line edges): characters only."""
    return text.translate(_TABLE)


def escape_attribute(text: str) -> str:
    """Escape text for a Markdown link title or an HTML attribute."""
    return html.escape(" ".join(text.split()), quote=True)


def paragraphs(body: str) -> list[tuple[int, int]]:
    """[start, end) offsets of the paragraphs of `body` (separated by blank lines)."""
    return [match.span() for match in PARAGRAPH.finditer(body)]


def render_body(body: str, spans: Sequence[Span]) -> str:
    """Serialise `body` with its spans into Markdown, one paragraph per block.

    The text is cut at every span boundary, so spans may overlap or nest: each
    segment carries every span that covers it (displaCy and Prta draw overlapping
    spans the same way).
    """
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    blocks = []
    for start, end in paragraphs(body):
        inside = [s for s in ordered if s.start < end and s.end > start]
        blocks.append(_render_paragraph(body, start, end, inside))
    return "\n\n".join(blocks)


def _render_paragraph(body: str, start: int, end: int, spans: list[Span]) -> str:
    # White space at line edges is cut out as segments of its own and encoded whole;
    # everywhere else a space stays a space.
    # (^ and $ must see the paragraph's own line edges, so search the slice.)
    edges = [(start + m.start(), start + m.end()) for m in _EDGE_SPACE.finditer(body[start:end])]
    edge_end = dict(edges)
    cuts = {start, end}
    for a, b in edges:
        cuts.update((a, b))
    for span in spans:
        cuts.update(p for p in (span.start, span.end) if start < p < end)
    points = sorted(cuts)
    out = []
    anchored: set[str] = set()
    for a, b in pairwise(points):
        covering = [s for s in spans if s.start <= a and s.end >= b]
        in_edge = a in edge_end and b <= edge_end[a]
        text = body[a:b]
        escaped = "".join(f"&#{ord(c)};" for c in text) if in_edge else text.translate(_TABLE)
        out.append(_wrap(escaped, covering, anchored, b))
    return "".join(out)


def _wrap(escaped: str, covering: list[Span], anchored: set[str], end: int) -> str:
    """Wrap one segment: mention link innermost, then one <mark> per annotation
    (outermost = earliest, longest), then the note markers of annotations ending here."""
    result = escaped
    for span in covering:
        if span.kind == "mention":
            result = f"[{result}]({span.url}{_title(span)}){{{_attrs(span, anchored, 'mention')}}}"
    notes = []
    for span in reversed(covering):
        if span.kind == "annotation":
            ident = ""
            if span.anchor not in anchored:
                anchored.add(span.anchor)
                ident = f' id="{span.anchor}"'
            label = escape_attribute(span.title)
            result = (
                f'<mark class="dossier-hl dossier-hl--{span.ref}"{ident} data-label="{label}">'
                f"{result}</mark>"
            )
            if span.end == end:
                notes.append(f"[^{span.anchor}]")
    return result + "".join(reversed(notes))


def _title(span: Span) -> str:
    return f' "{escape_attribute(span.title)}"' if span.title else ""


def _attrs(span: Span, anchored: set[str], css: str) -> str:
    if span.anchor in anchored:
        return f".{css}"
    anchored.add(span.anchor)
    return f"#{span.anchor} .{css}"

"""Article text and its stand-off spans (mentions, annotations) -> one HTML block.

The text is HTML-escaped, so it is literal by construction, with the few characters
Markdown engines read even inside raw HTML as character references; the spans become
links, <mark>s and note markers in Python-Markdown's footnote markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from itertools import pairwise

from .escaping import escape_attribute
from .model import Span

# A paragraph is a maximal run of non-empty lines (a line of spaces is not empty:
# it is encoded and shown, not taken as a break).
PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")


def paragraphs(body: str) -> list[tuple[int, int]]:
    """[start, end) offsets of the paragraphs of `body` (separated by blank lines)."""
    return [match.span() for match in PARAGRAPH.finditer(body)]


def render_body(
    body: str, spans: Sequence[Span], css_class: str = "dossier-text", lang: str = ""
) -> str:
    """Serialise `body` with its spans into one raw HTML block: a <div> of <p>s.

    Text is HTML-escaped, so it is literal by construction, and the block has no blank
    line, so Python-Markdown passes it through untouched (and CommonMark keeps it one
    HTML block); this is also five to eight times faster to build than Markdown.
    The text is cut at every span boundary, so spans may overlap or nest: each
    segment carries every span that covers it (displaCy and Prta draw overlapping
    spans the same way). Span URLs must be final (see settings.RenderSettings.href).
    """
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    notes = {s.anchor: n for n, s in enumerate(
        sorted((s for s in ordered if s.kind == "annotation"), key=lambda s: s.number), start=1
    )}  # fmt: skip
    blocks = []
    for start, end in paragraphs(body):
        inside = [s for s in ordered if s.start < end and s.end > start]
        # data-o: the paragraph's offset in the body (code points), so a script can map
        # a selection back to the text (the annotate panel); paragraphs are separated
        # only by line feeds, so the offsets and data-length give the whole body.
        paragraph = _render_paragraph(body, start, end, inside, notes)
        blocks.append(f'<p data-o="{start}">{paragraph}</p>')
    # The text's own language (the site's UI keeps the theme's): screen readers,
    # hyphenation and fonts follow it. Codes are checked when front matter is read.
    attrs = f' lang="{html.escape(lang)}"' if lang else ""
    attrs += f' data-length="{len(body)}"'
    return f'<div class="{css_class}"{attrs}>\n' + "\n".join(blocks) + "\n</div>"


def _render_paragraph(
    body: str, start: int, end: int, spans: list[Span], notes: dict[str, int]
) -> str:
    cuts = {start, end}
    for span in spans:
        cuts.update(p for p in (span.start, span.end) if start < p < end)
    out = []
    anchored: set[str] = set()
    for a, b in pairwise(sorted(cuts)):
        covering = [s for s in spans if s.start <= a and s.end >= b]
        out.append(_wrap(_text(body[a:b]), covering, anchored, b, notes))
    return "".join(out)


def _text(text: str) -> str:
    # Python-Markdown expands tabs, turns carriage returns into line feeds and reads
    # ``` and ~~~ fences in its whole source before it sets raw HTML aside (found by
    # the property test); character references survive all three.
    escaped = text.translate(_TEXT_TABLE)  # html.escape(quote=False), then the above
    if "\n" not in escaped:
        return escaped
    # A line of nothing but white space would end an HTML block in CommonMark.
    return _BLANK_LINE.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group()), escaped)


_TEXT_TABLE = str.maketrans({
    "&": "&amp;", "<": "&lt;", ">": "&gt;",
    "\t": "&#9;", "\r": "&#13;", "`": "&#96;", "~": "&#126;",
})  # fmt: skip
_BLANK_LINE = re.compile(r"(?<=\n)[^\S\n]+(?=\n)")


def _wrap(
    text: str, covering: list[Span], anchored: set[str], end: int, notes: dict[str, int]
) -> str:
    """One segment: mention link innermost, then one <mark> per annotation (outermost =
    earliest, longest), and the note markers of annotations ending here: inside the
    marks of annotations that go on (so an outer highlight has no gap at an inner
    one's marker), in number order.

    Every piece of an annotation carries its anchor (data-a: notes.js finds every
    annotation under a click); the first is the anchor's element (id), with the anchor
    earlier builds used (data-legacy: notes.js sends links shared then to the id)."""
    result = text
    for span in covering:
        if span.kind == "mention":
            ident = _ident(span.anchor, anchored)
            title = f' title="{escape_attribute(span.title)}"' if span.title else ""
            result = f'<a class="mention"{ident} href="{span.url}"{title}>{result}</a>'
    pending: list[tuple[int, str]] = []  # (number, marker) of annotations ending here
    for span in reversed(covering):
        if span.kind == "annotation":
            if span.end > end and pending:
                result += "".join(marker for _, marker in sorted(pending))
                pending = []
            label = escape_attribute(span.title)
            ident = _ident(span.anchor, anchored)
            if ident and span.legacy:
                ident += f' data-legacy="{escape_attribute(span.legacy)}"'
            css = f"dossier-hl dossier-hl--{span.ref}"
            attrs = f'{ident} data-a="{span.anchor}" data-label="{label}"'
            result = f'<mark class="{css}"{attrs}>{result}</mark>'
            if span.end == end:
                number = notes[span.anchor]
                pending.append((number, note_marker(span.anchor, number, label)))
    return result + "".join(marker for _, marker in sorted(pending))


def _ident(anchor: str, anchored: set[str]) -> str:
    if anchor in anchored:
        return ""
    anchored.add(anchor)
    return f' id="{anchor}"'


def note_marker(anchor: str, number: int, label: str = "") -> str:
    """A note marker in Python-Markdown's footnote markup (a plain link to the Notes
    list without JavaScript; notes.js opens the note beside the passage). Its number
    is not search text: data-pagefind-ignore keeps it out of excerpts.

    Screen readers would announce just "1, link": the accessible name says what the
    note is ("Note 1: Loaded language"); `label` must already be attribute-escaped.
    """
    name = f' aria-label="Note {number}: {label}"' if label else ""
    return (
        f'<sup id="fnref:{anchor}" data-pagefind-ignore>'
        f'<a class="footnote-ref" href="#fn:{anchor}"{name}>{number}</a></sup>'
    )

"""Text made literal for Markdown and HTML: titles, names, short strings, attributes.

Every character that could be Markdown or HTML syntax becomes a numeric character
reference (`*` -> `&#42;`), which Python-Markdown and CommonMark both pass through as
text. White space at the start or end of a line is encoded too, because Markdown
gives it meaning (indented code, hard breaks) or strips it. (Article text is rendered
by bodyhtml.py, with the same references.)
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

_ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_TABLE = {ord(c): f"&#{ord(c)};" for c in _ASCII_PUNCTUATION}
# Control characters (except the line feed) would be eaten or reinterpreted.
_TABLE.update({code: f"&#{code};" for code in range(32) if code != 10})
_TABLE[0x7F] = "&#127;"
_EDGE_SPACE = re.compile(r"^[^\S\n]+|[^\S\n]+$", re.MULTILINE)


def escape(text: str) -> str:
    """Escape `text` so that Markdown renders exactly these characters, no markup.

    A single blank line (two line feeds) would still start a new paragraph, so
    callers split paragraphs first (see `bodyhtml.render_body`).
    """
    escaped = text.translate(_TABLE)
    return _EDGE_SPACE.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group()), escaped)


def escape_inline(text: str) -> str:
    """Escape text that sits inside a line (no line edges): characters only."""
    return text.translate(_TABLE)


@lru_cache(maxsize=8192)  # the same actor titles and label names, thousands of times
def escape_attribute(text: str) -> str:
    """Escape text for a Markdown link title or an HTML attribute."""
    return html.escape(" ".join(text.split()), quote=True)

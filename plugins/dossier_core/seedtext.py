"""How a seed's bytes are read as text: one rule for import, `dossier check` and export.

A web page is decoded with its own charset (`htmlblocks.decode_page`), any other text
must be UTF-8, and a gzip file has no text offsets (export maps nothing onto it).
"""

from __future__ import annotations

import re

from .yamlload import decode_utf8

GZIP_MAGIC = b"\x1f\x8b"
_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta)\b", re.IGNORECASE | re.DOTALL
)


def is_web_page(data: bytes, name: str) -> bool:
    """HTML by its first bytes, or by its name (.html, .htm, .html.gz)."""
    return bool(_HTML_START.match(data[:4096])) or name.lower().endswith(
        (".html", ".htm", ".html.gz")
    )


def is_text_seed(raw: bytes, name: str) -> bool:
    """A seed that must be UTF-8 text: neither gzip nor a web page."""
    return not raw.startswith(GZIP_MAGIC) and not is_web_page(raw, name)


def seed_text(raw: bytes, name: str) -> str | None:
    """The text a seed's offsets count in; None for a gzip file.

    Raises:
        YamlProblem: a text seed that is not UTF-8, at the line of its first bad byte.
    """
    if raw.startswith(GZIP_MAGIC):
        return None
    if is_web_page(raw, name):
        from .htmlblocks import decode_page  # lxml is loaded only for web pages

        return decode_page(raw)[0]
    return decode_utf8(raw).lstrip("\ufeff")

"""Import a saved web page: the article's text, taken from the page's own blocks.

trafilatura (a maintained extractor) decides which text is the article; the body is
then rebuilt from the page itself (`htmlblocks`, `htmlalign`), so every paragraph is
the text of one page block, or a contiguous part of one, in page order, with the
page's characters (only white space folded). Whatever visible text was left out is
listed in `removed` with its source line and a reason (`htmlaudit`).
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from .htmlalign import place_pieces
from .htmlaudit import HEADINGS, audit, furniture_reason
from .htmlblocks import Block, decode_page, page_blocks, parse_page
from .htmlmeta import PageMeta, page_metadata
from .importer import ImportFailure
from .newarticle import Imported

__all__ = ["EXTRACT_OPTIONS", "extract_article", "read_page"]

# Trafilatura's own elements that run inline inside a paragraph; any other element
# (p, head, item, cell, quote, code...) and a line break <lb/> end a piece.
_INLINE = frozenset({"hi", "ref", "del", "span", "a", "b", "i", "em", "strong", "sub", "sup"})
MIN_WORDS = 15  # less than this is a caption or a teaser, not an article
_WORD = re.compile(r"\w+")
EXTRACT_OPTIONS: dict[str, Any] = {"include_comments": False}


def read_page(data: bytes, name: str) -> Imported:
    """The article in a saved web page.

    Args:
        data: the page's bytes (gzip already unpacked).
        name: the file name, for messages.

    Returns:
        The article: title, body (page text only), removed blocks with their source
        lines and reasons, and what the page says about itself (date, author, site,
        canonical URL, declared language).

    Raises:
        ImportFailure: the page has no article text (a list or home page, a page
            that builds its text with scripts).
    """
    import trafilatura

    text, charset_note = decode_page(data)
    if "\x00" in text:  # after decoding: UTF-16 pages have NUL bytes, not characters
        raise ImportFailure(
            f"{name}: contains NUL characters, so it is a binary file, not a web page; "
            "save the article's page again, or copy its text into a .txt file"
        )
    blocks, kept, reasons, meta = extract_article(text)
    body = "\n\n".join(blocks[i].text[a:b] for i, (a, b) in kept.items())
    words = len(_WORD.findall(body))
    if words < MIN_WORDS:
        shown = sum(len(block.text) for block in blocks)
        raise ImportFailure(
            f"{name}: no article text found (the extractor kept {words} words of the "
            f"page's {shown} characters of text); save the article's own page, not a list "
            "or home page, or copy its text into a .txt file"
        )
    imported = Imported(
        title=meta.title or name,
        body=body,
        published=meta.published,
        date_note=meta.date_note,
        language=meta.language,
        url=meta.url,
        author=meta.author,
        site_name=meta.site_name,
        extracted_with=f"trafilatura {trafilatura.__version__}",
        removed=audit(blocks, kept, reasons),
    )
    if not meta.title:
        imported.title_note = "The page names no title; the file name was taken."
    if charset_note:
        imported.warnings.append(f"{name}: {charset_note}")
    return imported


def extract_article(
    text: str,
) -> tuple[list[Block], dict[int, tuple[int, int]], dict[int, str], PageMeta]:
    """The page's blocks, the parts of them that are the article, and its metadata.

    Args:
        text: the decoded page.

    Returns:
        (blocks, kept, reasons, meta): `kept` maps the index of each block the body
        uses to the character range used; `reasons` says why some left-out blocks
        were left out when a rule here decided it (the title).
    """
    import trafilatura

    root = parse_page(text)
    blocks = page_blocks(root, text.split("\n"))
    found = trafilatura.bare_extraction(
        parse_page(text),
        with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
        **EXTRACT_OPTIONS,
    )
    meta = page_metadata(root, text, found)
    pieces = extracted_pieces(getattr(found, "body", None))
    kept = place_pieces(pieces, [block.text for block in blocks])
    reasons: dict[int, str] = {}
    meta.title = _title(meta.title, blocks, kept, reasons)
    for index in list(kept):
        reason = furniture_reason(blocks[index])
        if reason:
            reasons[index] = reason
            kept.pop(index)
    return blocks, kept, reasons, meta


def extracted_pieces(body: etree._Element | None) -> list[str]:
    """The extractor's paragraphs (headings, items, cells...), white space folded."""
    if body is None:
        return []
    pieces: list[str] = []
    parts: list[str] = []

    def flush() -> None:
        piece = " ".join("".join(parts).split())
        if piece:
            pieces.append(piece)
        parts.clear()

    for event, element in etree.iterwalk(body, events=("start", "end")):
        inline = element.tag in _INLINE
        if event == "start":
            if not inline:
                flush()
            parts.append(element.text or "")
        else:
            if not inline:
                flush()
            parts.append(element.tail or "")
    flush()
    return pieces


def _title(
    title: str, blocks: list[Block], kept: dict[int, tuple[int, int]], reasons: dict[int, str]
) -> str:
    """The article's title, as the page shows it when a heading shows it.

    The extractor's title often carries the site's name ("Title – Site") or a section
    ("Opinion | Title"); a heading before the text whose text is most of it is the
    title as shown, and is recorded as "title". Headings the extractor kept at the
    start of the body are the headline and its standfirst, not the article's text:
    an h1 first, then headings inside a header (a `<header>` or a "header" class)
    before the first other block.
    """
    first_kept = next(iter(kept), len(blocks))
    best = None
    for index, block in enumerate(blocks[: first_kept + 1]):
        if block.tag in ("h1", "h2") and block.text in title and len(block.text) * 2 > len(title):
            best = index
    if best is None:
        best = next((i for i in range(first_kept) if blocks[i].text == title), None)
    if best is not None:
        title = blocks[best].text
        reasons[best] = "title"
        kept.pop(best, None)
    leading = list(kept)
    if leading and blocks[leading[0]].tag == "h1":
        reasons[leading[0]] = "title" if blocks[leading[0]].text == title else "headline"
        title = title or blocks[leading[0]].text
        kept.pop(leading.pop(0))
    for index in leading:
        block = blocks[index]
        if block.tag not in HEADINGS or "header" not in block.hints:
            break
        reasons[index] = "header"
        kept.pop(index)
    return title

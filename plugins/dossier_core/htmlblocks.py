"""A web page as its visible text blocks, each with the source line it starts on.

A *block* is a run of text a browser shows as one unit: the inline content between two
block boundaries. Block-level elements (p, h1-h6, li, td, blockquote, pre, figcaption,
div, ...) and `<br>` are boundaries, so `<div>intro<p>para</p>rest</div>` gives three
blocks ("intro", "para", "rest") and `<p>a<br>b</p>` two. Inline markup (a, b, em,
span, ...) does not cut a block. Elements a reader never sees are skipped: script,
style, noscript (read with scripts on), template, svg, form menus, anything with the
`hidden` attribute, an inline `display: none` / `visibility: hidden`, or one of a few
utility classes that mean the same (`sr-only`, `visually-hidden`, ...).

A block's text keeps the page's characters: entities are decoded by the parser and only
runs of white space are folded to one space (`str.split()`), so a body made of blocks
is text the page shows, character for character.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from lxml import etree, html

BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend "
    "li main menu nav ol p pre section summary table tbody td tfoot th thead tr ul button "
    "img picture".split()
)
SKIP_TAGS = frozenset(
    "script style noscript template svg math canvas select option datalist head title "
    "object embed textarea iframe video audio".split()
)
# Utility classes that hide an element (Bootstrap, WordPress, Tailwind...).
HIDING_CLASSES = frozenset(
    "hidden d-none sr-only visually-hidden visuallyhidden screen-reader-text "
    "screen-reader-only element-invisible hide".split()
)
# Format characters a browser draws as nothing: a block of only these is not text.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"
_HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_WORDS = re.compile(r"[a-z]+")
_FIRST_WORD = re.compile(r"\w+")
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.-]+)""")
# WHATWG: browsers read these labels as windows-1252, so the page means cp1252.
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii"}


@dataclass
class Block:
    """One visible text block of a page."""

    line: int  # 1-based line of the decoded page where the block's text starts
    text: str  # the text, white-space runs folded to one space
    tag: str  # the innermost block element holding the text
    hints: tuple[str, ...]  # tag names and class/id/role words of its ancestors
    link_chars: int = 0  # characters of the text inside links


def decode_page(data: bytes) -> tuple[str, str]:
    """The page as text, read with its own charset, and a note when it had to guess.

    Args:
        data: the page's bytes (already gunzipped).

    Returns:
        (text, note): the note is "" when the page declared a charset that decodes it.
    """
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), ""
    head = data[:8192]
    found = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    declared = found.group(1).decode("ascii").lower() if found else ""
    if declared:
        codec = "cp1252" if declared in _AS_CP1252 else declared
        try:
            return data.decode(codec), ""
        except LookupError:
            note = f"the page declares an unknown charset {declared!r}"
        except UnicodeDecodeError:
            note = f"the page declares charset {declared!r} but its bytes are not {declared}"
    else:
        note = "the page declares no charset"
    try:
        return data.decode("utf-8"), f"{note}; read as UTF-8"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; browsers show them as controls, we as U+FFFD.
        return data.decode("cp1252", errors="replace"), f"{note}; read as Windows-1252"


def parse_page(text: str) -> etree._Element:
    """The page's element tree (lxml's HTML parser; source lines are the text's lines)."""
    # Bytes with the encoding named: lxml refuses a str that has an XML declaration.
    # lxml.html's elements (HtmlElement) are what trafilatura expects of a tree, and
    # without comments, as it parses pages itself: React pages put `<!-- -->` between
    # the text nodes of a paragraph, and trafilatura stops a paragraph at a comment.
    parser = html.HTMLParser(encoding="utf-8", huge_tree=True, remove_comments=True)
    try:
        return html.document_fromstring(text.encode("utf-8"), parser=parser)
    except etree.ParserError:  # nothing the parser keeps (empty, only white space)
        return html.document_fromstring(b"<html><body></body></html>", parser=parser)


def _hidden(element: etree._Element) -> bool:
    attrib = element.attrib
    if "hidden" in attrib:
        return True
    style = attrib.get("style")
    if style and _HIDING_STYLE.search(style):
        return True
    classes = attrib.get("class")
    return bool(classes) and not HIDING_CLASSES.isdisjoint(classes.lower().split())


def _hint_words(element: etree._Element) -> tuple[str, ...]:
    words = [element.tag]
    for key in ("class", "id", "role", "itemprop"):
        value = element.get(key)
        if value:
            words.extend(_WORDS.findall(value.lower()))
    return tuple(words)


def page_blocks(root: etree._Element, source_lines: list[str]) -> list[Block]:
    """Every visible text block of the page, in page order.

    Args:
        root: the parsed page (`parse_page`).
        source_lines: the decoded page split at "\\n", to pin each block to the line
            that really holds its first word.

    Returns:
        The blocks, empty ones left out.
    """
    blocks: list[Block] = []
    parts: list[str] = []
    state = {"lower": 1, "seen": 1, "links": 0, "in_link": 0}
    first: list[str] = [""]  # the block's first text node: its first word pins the line
    stack: list[tuple[str, ...]] = []
    block_tags: list[str] = ["body"]

    def add(text: str | None, lower: int) -> None:
        if not text:
            return
        if not parts:
            if text.isspace():
                return
            state["lower"] = lower + text[: len(text) - len(text.lstrip())].count("\n")
            first[0] = text
        parts.append(text)
        if state["in_link"]:
            state["links"] += len(text.strip())

    def flush() -> None:
        if parts:
            folded = " ".join("".join(parts).split())
            if folded.strip(INVISIBLE):
                line = _pin(state["lower"], first[0], source_lines)
                hints = tuple(word for words in stack for word in words)
                blocks.append(Block(line, folded, block_tags[-1], hints, state["links"]))
            parts.clear()
            state["links"] = 0

    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, element in walker:
        tag = element.tag
        line = element.sourceline or state["seen"]
        state["seen"] = line = max(line, state["seen"])
        if event in ("comment", "pi"):
            add(element.tail, line)
            continue
        tag = tag.lower() if isinstance(tag, str) else ""
        if event == "start":
            if tag in SKIP_TAGS or _hidden(element):
                walker.skip_subtree()
                stack.append(())  # popped at its "end", which lxml still sends
                continue
            if tag in BLOCK_TAGS or tag == "br":
                flush()
            if tag in BLOCK_TAGS:
                block_tags.append(tag)
            if tag == "a":
                state["in_link"] += 1
            stack.append(_hint_words(element))
            add(element.text, line)
            continue
        if stack[-1]:  # an element that was walked, not skipped
            if tag in BLOCK_TAGS:
                flush()  # before the pop: the block's own class words are its hints
                block_tags.pop()
            if tag == "a":
                state["in_link"] -= 1
        stack.pop()
        add(element.tail, state["seen"])
    flush()
    return blocks


def _pin(lower: int, text: str, source_lines: list[str]) -> int:
    """The first line at or after `lower` (within 50) holding the text's first word.

    The parser tells where an element starts; text after a child's end tag (a tail)
    can be lines below, so the word is looked for. A word written with entities in
    the source is not found: then the lower bound stands.
    """
    word = _FIRST_WORD.search(text)
    if not word:
        return lower
    needle = word.group(0)
    for number in range(lower, min(lower + 50, len(source_lines) + 1)):
        if needle in source_lines[number - 1]:
            return number
    return lower

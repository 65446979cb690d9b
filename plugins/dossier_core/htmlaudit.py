"""Why a page block is not article text: the reasons recorded in `removed`.

A reason comes from what a short block says ("Read more: ...", "By Ana Pérez", a
copyright line), else from the nearest ancestor that tells (its tag, or a word of its
class, id or role: `nav`, `share`, `related`, `figcaption`, `byline`, `comments`,
`footer`...), else it is "not article text (trafilatura)": the extractor left it out
and no general rule says more.

Left-out blocks are kept one entry each, in page order, except runs of links (menus,
link lists, share buttons, tag lists): consecutive left-out blocks with the same such
reason, each mostly link text, become one entry, their texts joined with " | ", on the
line of the first (so a 200-item menu is one readable line, not 200).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .furniture import line_reason
from .htmlblocks import Block
from .model import RemovedLine

MAX_TEXT = 300
DEFAULT_REASON = "not article text (trafilatura)"
# (reason, words that must equal a hint word, stems that may be part of one)
RULES: list[tuple[str, frozenset[str], tuple[str, ...]]] = [
    ("caption", frozenset({"figcaption", "caption", "figure"}), ("caption", "credit")),
    ("share prompt", frozenset(), ("share", "sharing", "social", "addthis")),
    (
        "related links",
        frozenset({"more"}),
        ("related", "recommend", "trending", "popular", "mostread", "outbrain", "taboola"),
    ),
    ("byline", frozenset({"author", "authors", "by"}), ("byline", "contributor")),
    ("date line", frozenset({"time", "date", "dateline"}), ("timestamp", "published")),
    ("comment prompt", frozenset(), ("comment", "disqus", "respond")),
    ("newsletter prompt", frozenset(), ("newsletter", "subscribe", "signup", "subscription")),
    ("advertisement", frozenset({"ad", "ads", "advert", "dfp"}), ("advertis", "sponsor")),
    ("tags", frozenset({"tag", "tags", "topics", "keywords"}), ()),
    ("cookie notice", frozenset(), ("cookie", "consent", "gdpr")),
    ("navigation", frozenset({"nav", "menu", "navbar"}), ("breadcrumb", "navigation")),
    ("footer", frozenset({"footer"}), ("footer", "copyright")),
    ("header", frozenset({"header", "masthead"}), ()),
    ("sidebar", frozenset({"aside", "sidebar", "widget"}), ("sidebar",)),
]
# Short blocks that are page furniture by how they begin (whole-line prompts, such as
# "Advertisement" or "12 comments", are in importrules.FURNITURE, consulted first).
PROMPTS: list[tuple[str, re.Pattern[str]]] = [
    (
        "related links",
        re.compile(
            r"^(read|see|watch|listen)( (more|also|next))?\b\s*:|^(related|more|also read|"
            r"don[’']t miss|recommended|most read)\b\s*(:|$)",
            re.IGNORECASE,
        ),
    ),
    (
        "share prompt",
        re.compile(r"^follow\b.*\b(twitter|facebook|instagram|youtube|linkedin)\b", re.I),
    ),
    ("copyright", re.compile(r"^(copyright\b|©)|\ball rights reserved\b", re.IGNORECASE)),
]
# Said of left-out blocks only: an article may well begin "By the end of the war..."
BYLINE = re.compile(r"^(by|por|par|von|di|door|av|przez|от)\s+\w", re.IGNORECASE)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
PROMPT_CHARS = 200  # a longer block is a paragraph, whatever its first words
# Ancestor words that mark furniture even inside the text the extractor kept.
FURNITURE_WORDS = frozenset({"cta", "promo", "footer"})


def furniture_reason(block: Block) -> str:
    """Why a block the extractor kept is page furniture after all, or "".

    Only general signals: a short block that is a prompt ("Read more: ...", "Follow
    us on Twitter", a copyright line, "Advertisement"), a block that is all link
    (a link list inside the article), or a call-to-action, promotion or footer
    container around it.
    """
    if len(block.text) <= PROMPT_CHARS:
        reason = prompt_reason(block.text)
        if reason:
            return reason
        # All link, and not a heading (a heading is often a link to its own anchor).
        if block.link_chars >= 0.9 * len(block.text) and block.tag not in HEADINGS:
            return "related links"
    for word in block.hints:
        if word in FURNITURE_WORDS:
            return word_reason(word) or "promotion"
    return ""


# Left-out runs of these, when they are links, are merged into one entry.
LIST_REASONS = frozenset(
    {"navigation", "related links", "share prompt", "tags", "footer", "header", "sidebar"}
)


def prompt_reason(text: str) -> str:
    """The reason a short text is a prompt ("Read more: ...", a copyright line), or "".

    First the plain-text import's table (importrules.FURNITURE: whole-line prompts in
    English, Spanish and Russian), then the openings of prompts that web pages add.
    """
    reason = line_reason(text)
    if reason:
        return reason
    for reason, pattern in PROMPTS:
        if pattern.search(text):
            return reason
    return ""


def block_reason(block: Block) -> str:
    """The reason a left-out block is not article text: what it says, else its nearest
    telling ancestor, else the extractor's decision."""
    if len(block.text) <= PROMPT_CHARS:
        reason = prompt_reason(block.text) or ("byline" if BYLINE.match(block.text) else "")
        if reason:
            return reason
    for word in reversed(block.hints):
        reason = word_reason(word)
        if reason:
            return reason
    return DEFAULT_REASON


@lru_cache(maxsize=4096)
def word_reason(word: str) -> str:
    """The reason a class/id/role word or tag name tells, or ""."""
    for reason, words, stems in RULES:
        if word in words or any(stem in word for stem in stems):
            return reason
    return ""


def audit(
    blocks: list[Block], kept: dict[int, tuple[int, int]], reasons: dict[int, str]
) -> list[RemovedLine]:
    """The left-out text of the page, in page order.

    Args:
        blocks: every visible block of the page.
        kept: the blocks the body uses, with the character range used.
        reasons: reasons already known for some blocks ("title", a furniture rule).

    Returns:
        One entry per left-out block (runs of link lists merged), and one for the
        left-out part of a block the body uses only in part.
    """
    removed: list[RemovedLine] = []
    run: list[Block] = []
    run_reason = ""
    for index, block in enumerate(blocks):
        if index in kept:
            start, end = kept[index]
            _close(run, run_reason, removed)
            run = []
            rest = " … ".join(
                part.strip() for part in (block.text[:start], block.text[end:]) if part.strip()
            )
            if rest:
                removed.append(RemovedLine(block.line, _cut(rest), "rest of a kept block"))
            continue
        reason = reasons.get(index) or block_reason(block)
        is_link = block.link_chars * 2 >= len(block.text)
        if run and reason == run_reason and is_link and reason in LIST_REASONS:
            run.append(block)
            continue
        _close(run, run_reason, removed)
        run, run_reason = ([block], reason) if is_link and reason in LIST_REASONS else ([], "")
        if not run:
            removed.append(RemovedLine(block.line, _cut(block.text), reason))
    _close(run, run_reason, removed)
    return removed


def _close(run: list[Block], reason: str, removed: list[RemovedLine]) -> None:
    if run:
        removed.append(RemovedLine(run[0].line, _cut(" | ".join(b.text for b in run)), reason))


def _cut(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"

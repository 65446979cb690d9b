"""Long lists split into pages of bounded size, rendered as raw HTML blocks.

Actor, label, outlet and article lists grow with the dossier; each page of them holds
at most a fixed number of items, so no page grows with the dossier, and the items are
HTML (escaped text, final URLs), which MkDocs passes through without Markdown work.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TypeVar

from .pagekit import Raw, href, page_url, snippet

T = TypeVar("T")


def chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """items in consecutive pages of `size` (at least one page, maybe empty)."""
    return [items[i : i + size] for i in range(0, len(items), size)] or [items[:0]]


def numbered(path: str, number: int) -> str:
    """Page `number` of a listing whose first page is `path`: actors/x.md -> actors/x/2.md."""
    return path if number == 1 else f"{path[:-3]}/{number}.md"


def pager(first: str, number: int, total: int, directory_urls: bool = True) -> str:
    """'Page 2 of 9: ← previous · next →' with links to the neighbours (HTML)."""
    if total <= 1:
        return ""
    here = numbered(first, number)
    links = []
    if number > 1:
        links.append(_a(href(here, numbered(first, number - 1), directory_urls), "← previous"))
    if number < total:
        links.append(_a(href(here, numbered(first, number + 1), directory_urls), "next →"))
    if number > 2:
        links.insert(0, _a(href(here, first, directory_urls), "first"))
    nav = " · ".join(links)
    return Raw(
        f'<nav class="dossier-pager" aria-label="Pages">Page {number} of {total}: {nav}</nav>'
    )


def _a(url: str, text: str) -> str:
    return f'<a href="{html.escape(url)}">{html.escape(text)}</a>'


def in_context(
    body: str, start: int, end: int, url: str, mark_class: str = "", width: int = 70
) -> str:
    """'…before <a><strong|mark>match</…></a> after…' as HTML."""
    before, match, after = snippet(body, start, end, width)
    inner = html.escape(match)
    inner = (
        f'<mark class="{mark_class}">{inner}</mark>' if mark_class else f"<strong>{inner}</strong>"
    )
    return f'{html.escape(before)}<a href="{html.escape(url)}">{inner}</a>{html.escape(after)}'


def block(items: list[str], css: str) -> str:
    """A raw HTML <ul> block with no blank line (one HTML block in any engine)."""
    if not items:
        return ""
    lines = "\n".join(f"<li>{item}</li>" for item in items)
    # Listings repeat text that is indexed where it belongs (the articles).
    return Raw(f'<ul class="{css}" data-pagefind-ignore>\n{lines}\n</ul>')


__all__ = ["block", "chunks", "in_context", "numbered", "page_url", "pager"]

"""Long lists split into pages of bounded size, rendered as raw HTML blocks.

Actor, label, outlet and article lists grow with the dossier; each page of them holds
at most a fixed number of items, so no page grows with the dossier, and the items are
HTML (escaped text, final URLs), which MkDocs passes through without Markdown work.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Generic, TypeVar

from .pagekit import Lazy, Page, Part, Raw, heading, make_page, meta
from .parts import a
from .settings import RenderSettings

T = TypeVar("T")


def chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """items in consecutive pages of `size` (at least one page, maybe empty)."""
    return [items[i : i + size] for i in range(0, len(items), size)] or [items[:0]]


def numbered(path: str, number: int) -> str:
    """Page `number` of a listing whose first page is `path`: actors/x.md -> actors/x/2.md."""
    return path if number == 1 else f"{path[:-3]}/{number}.md"


def pager(first: str, number: int, total: int, settings: RenderSettings) -> str:
    """'Page 2 of 9: ← previous · next →' with links to the neighbours (HTML)."""
    if total <= 1:
        return ""
    here = numbered(first, number)
    links = []
    if number > 1:
        links.append(a(settings.href(here, numbered(first, number - 1)), "← previous"))
    if number < total:
        links.append(a(settings.href(here, numbered(first, number + 1)), "next →"))
    if number > 2:
        links.insert(0, a(settings.href(here, first), "first"))
    nav = " · ".join(links)
    return Raw(
        f'<nav class="dossier-pager" aria-label="Pages">Page {number} of {total}: {nav}</nav>'
    )


def block(items: list[str], css: str) -> str:
    """A raw HTML <ul> block with no blank line (one HTML block in any engine)."""
    if not items:
        return ""
    lines = "\n".join(f"<li>{item}</li>" for item in items)
    # Listings repeat text that is indexed where it belongs (the articles).
    return Raw(f'<ul class="{css}" data-pagefind-ignore>\n{lines}\n</ul>')


@dataclass
class Listing(Generic[T]):
    """A page whose list of items continues on numbered pages (actor, outlet, label).

    `head` and `tail` give the Markdown parts of the first page before and after the
    list; `item` renders one item as HTML for the page at the given path.
    """

    first: str  # source path of the first page
    title: str
    more: str  # "mentions", "articles"...: later pages are titled "<title>: <more>, page n"
    description: str
    items: Sequence[T]
    size: int
    item: Callable[[str, T], str]
    css: str
    head: Callable[[str], list[Part]] = field(default=lambda path: [])
    tail: Callable[[str], list[Part]] = field(default=lambda path: [])


def _items(listing: Listing[T], path: str, group: Sequence[T]) -> str:
    return block([listing.item(path, item) for item in group], listing.css)


def paged(listing: Listing[T], settings: RenderSettings) -> list[Page]:
    """The first page (head, items, pager, tail), then one page per further chunk."""
    pages = chunks(listing.items, listing.size)
    result = []
    for number, group in enumerate(pages, start=1):
        path = numbered(listing.first, number)
        title = listing.title if number == 1 else f"{listing.title}: {listing.more}, page {number}"
        parts: list[Part] = [
            meta(title, number == 1, description=listing.description),
            heading(1, title),
        ]
        if number == 1:
            parts += listing.head(path)
        # Rendered when the page is written (pagekit.Lazy): listings are most of a
        # large dossier's generated HTML.
        parts.append(Lazy(partial(_items, listing, path, group)))
        parts.append(pager(listing.first, number, len(pages), settings))
        if number == 1:
            parts += listing.tail(path)
        result.append(make_page(path, parts))
    return result

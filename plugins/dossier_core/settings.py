"""How pages are rendered: URL style, link style and listing sizes, in one object.

Page builders receive a `RenderSettings` and make every raw-HTML link with its
`href`; nothing else in the page layer knows which engine will write the pages.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .memo import ItemMemo

# "page": raw-HTML links are final URLs relative to the page's own URL (MkDocs and
# ProperDocs put the blocks in after rendering, untouched).
# "source": links are relative to the page's source file, as a Markdown link would be,
# for engines that rewrite every relative href/src in raw HTML (Zensical).
LinkStyle = Literal["page", "source"]


@dataclass(frozen=True)
class RenderSettings:
    directory_urls: bool = True  # MkDocs' use_directory_urls: articles/x/ or articles/x.html
    links: LinkStyle = "page"
    actor_articles_per_page: int = 50  # articles on each page of an actor's mentions
    snippets_per_article: int = 3  # mentions quoted per article on an actor page
    list_articles_per_page: int = 200  # outlet pages
    index_rows_per_page: int = 200  # the articles index (actors, outlets, labels: one page)
    label_passages_per_page: int = 100  # label pages
    republication_rows_per_page: int = 200  # the list of republished stories
    actor_annotations_per_page: int = 50  # annotations about an actor, to a page
    framing_outlets: int = 8  # outlets shown by name in an actor's label x outlet table
    profile_actors: int = 10  # most-mentioned actors on an outlet page
    charted_pages: int = 100  # actor (most mentioned), outlet (most articles) pages with a chart
    # While serving: listing items kept between builds (memo.py); not part of the settings.
    memo: ItemMemo | None = field(default=None, compare=False, repr=False)

    def page_url(self, path: str) -> str:
        """The URL (relative to the site root) of a page's source path."""
        return page_url(path, self.directory_urls)

    def href(self, from_page: str, to_path: str, anchor: str = "") -> str:
        """A relative URL from one page (its source path) to another page or file,
        for raw HTML, in this settings' link style."""
        if self.links == "source":
            # Zensical (0.0.73, measured) resolves a relative href/src in raw HTML
            # against the source file's folder, turns a .md target into its page URL
            # (checking the page and #anchor exist) and writes it relative to the page
            # URL; other files (seeds, CSS) stay files. '#x' alone is left as it is.
            # So: from the source folder up to the root, then the target's source path.
            url = _up(posixpath.dirname(from_page) + "/") + to_path
        else:
            url = _up(page_url(from_page, self.directory_urls)) + page_url(
                to_path, self.directory_urls
            )
        return (url or "./") + (f"#{anchor}" if anchor else "")


DEFAULT = RenderSettings()


def page_url(path: str, directory_urls: bool = True) -> str:
    """The URL (relative to the site root) of a page's source path, as MkDocs builds it."""
    if not path.endswith(".md"):
        return path
    stem = path[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return f"{stem}/" if directory_urls else f"{stem}.html"


@lru_cache(maxsize=1024)
def _up(source_url: str) -> str:
    """'../' once per folder of a URL ('articles/x/' -> '../../'). The URL climbs to the
    site root and descends again: not always the shortest, always right, and cheap
    (posixpath.relpath cost 20 µs a call, tens of thousands of times a build)."""
    folder = (
        source_url if source_url.endswith("/") or not source_url else posixpath.dirname(source_url)
    )
    depth = len([part for part in folder.split("/") if part])
    return "../" * depth

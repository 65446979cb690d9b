"""Tag pages: tags/ lists every tag with its number of articles, and tags/<tag>/ the
articles that carry it, newest first, in the articles index's table, on numbered pages
of settings.index_rows_per_page rows.

Tags are the analysts' own slugs (frontmatter.py refuses any other, with its line), so
a tag is its page's path as written. The tags index exists even when no article has a
tag (the navigation links it). Listings, like the articles index, stay out of search.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from html import escape as esc
from typing import TYPE_CHECKING

from .articlerows import articles_table
from .chronology import newest_first
from .listing import block, chunks, numbered, pager
from .model import Article
from .pagekit import Lazy, Page, Part, Raw, make_page, meta, plural, tag_path
from .parts import a
from .settings import RenderSettings

if TYPE_CHECKING:
    from .dossier import Dossier
    from .linking import DossierIndex

TAGS_PATH = "tags/index.md"
INDEX_PATH = "articles/index.md"


def tag_pages(dossier: Dossier, index: DossierIndex, settings: RenderSettings) -> list[Page]:
    """The tags index, then each tag's pages, tags in alphabetical order."""
    tagged: dict[str, list[Article]] = {}
    for article in newest_first(dossier.articles):
        for tag in article.tags:
            tagged.setdefault(tag, []).append(article)
    tags = sorted(tagged)
    pages = _tags_index(tags, tagged, settings)
    for tag in tags:
        pages += _tag_pages(dossier, index, tag, tagged[tag], settings)
    return pages


def _tags_index(
    tags: list[str], tagged: dict[str, list[Article]], settings: RenderSettings
) -> list[Page]:
    groups = chunks(tags, settings.index_rows_per_page)
    tagged_articles = len({article.id for group in tagged.values() for article in group})
    result = []
    for number, group in enumerate(groups, start=1):
        path = numbered(TAGS_PATH, number)
        title = "Tags" if number == 1 else f"Tags, page {number}"
        if tags:
            intro = (
                f"{plural(len(tags), 'tag')} on {plural(tagged_articles, 'article')}. A tag's "
                "page lists its articles, newest first; the articles index filters by tag too."
            )
        else:
            intro = "No article has tags yet: an article's front matter can list some (`tags:`)."
        items = [
            f"{a(settings.href(path, tag_path(tag)), tag)} "
            f'<span class="dossier-note">{plural(len(tagged[tag]), "article")}</span>'
            for tag in group
        ]
        parts: list[Part] = [
            meta(title, searchable=False, description="Every tag of the dossier's articles."),
            f"# {title}",
            intro,
            Raw(block(items, "dossier-tags")),
            pager(TAGS_PATH, number, len(groups), settings),
        ]
        result.append(make_page(path, parts))
    return result


def _tag_pages(
    dossier: Dossier, index: DossierIndex, tag: str, articles: list[Article],
    settings: RenderSettings,
) -> list[Page]:  # fmt: skip
    first = tag_path(tag)
    groups = chunks(articles, settings.index_rows_per_page)
    result = []
    for number, group in enumerate(groups, start=1):
        path = numbered(first, number)
        title = f"Tag: {tag}" if number == 1 else f"Tag: {tag}, page {number}"
        parts: list[Part] = [
            meta(title, searchable=False, description=f"The articles tagged {tag}."),
            f"# {title}",
            Raw(_intro(path, tag, len(articles), settings)),
            Lazy(partial(_table, dossier, index, path, group, settings)),
            pager(first, number, len(groups), settings),
        ]
        result.append(make_page(path, parts))
    return result


def _intro(path: str, tag: str, count: int, settings: RenderSettings) -> str:
    """'3 articles tagged x, newest first. Sort and filter them… · All tags'."""
    filtered = f"{settings.href(path, INDEX_PATH)}?tag={tag}"  # a slug: nothing to encode
    return (
        f"<p>{plural(count, 'article')} tagged <strong>{esc(tag)}</strong>, newest first. "
        f'<a href="{esc(filtered)}">Sort and filter them in the articles index</a> · '
        f"{a(settings.href(path, TAGS_PATH), 'All tags')}</p>"
    )


def _table(
    dossier: Dossier, index: DossierIndex, path: str, group: Sequence[Article],
    settings: RenderSettings,
) -> str:  # fmt: skip
    return articles_table(dossier, index, path, group, settings)

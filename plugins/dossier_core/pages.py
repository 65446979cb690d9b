"""Every generated page of the dossier, in a stable order: the page modules side by side
(article, actor, outlet, label, indexes, republications), called with one RenderSettings.

This module only orchestrates. The page modules share parts (parts.py, pagekit.py,
listing.py, kinds.py) and never import each other (tests/test_engine_isolation.py).
"""

from __future__ import annotations

from .actorpages import actor_pages
from .articlepage import article_page
from .dossier import Dossier
from .indexes import index_pages
from .labelpages import label_pages
from .linking import DossierIndex, build_index
from .narrativepages import narrative_pages
from .outletpages import source_pages
from .overviewpage import overview_page
from .pagekit import Page
from .republishpages import republication_pages
from .settings import DEFAULT, RenderSettings
from .tagpages import tag_pages

PAGE_MODULES = (
    "articlepage", "actorpages", "outletpages", "labelpages", "indexes", "republishpages",
    "narrativepages", "overviewpage", "tagpages",
)  # fmt: skip


def build_pages(
    dossier: Dossier, index: DossierIndex | None = None, settings: RenderSettings = DEFAULT
) -> list[Page]:
    """Every generated page of the dossier, in a stable order.

    `settings` says how pages link (MkDocs' `use_directory_urls`, link style) and how
    long listings are cut: raw HTML parts carry final URLs.
    """
    index = index or build_index(dossier)
    pages = [article_page(dossier, index, index.articles[a.id], settings) for a in dossier.articles]
    for actor in dossier.registry.actors.values():
        pages += actor_pages(dossier, index, actor, settings)
    for source in dossier.registry.sources.values():
        pages += source_pages(dossier, index, source, settings)
    pages += label_pages(dossier, index, settings)
    pages += index_pages(dossier, index, settings)
    pages += tag_pages(dossier, index, settings)
    pages += republication_pages(dossier, index, settings)
    pages.append(overview_page(dossier, index, settings))
    pages += narrative_pages(dossier, index, settings)
    return pages


def one_article_page(
    dossier: Dossier, index: DossierIndex, article_id: str, settings: RenderSettings = DEFAULT
) -> Page:
    """The page of one article, as build_pages makes it (quickpage.py, while serving)."""
    return article_page(dossier, index, index.articles[article_id], settings)

"""An outlet's page: its badge, facts and labels (with their basis), then its articles
on numbered pages."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING
from urllib.parse import quote

from .escaping import escape
from .listing import Listing, paged
from .model import Source
from .pagekit import Page, Part, article_path, heading, source_path
from .parts import outlet_badge, urls
from .settings import RenderSettings

if TYPE_CHECKING:
    from .dossier import Dossier
    from .linking import DossierIndex


def source_pages(
    dossier: Dossier, index: DossierIndex, source: Source, settings: RenderSettings
) -> list[Page]:
    """The outlet with its labels, then its articles, settings.list_articles_per_page
    to a page."""
    ids = index.articles_by_source.get(source.id, [])

    def item(path: str, article_id: str) -> str:
        article = index.articles[article_id].article
        url = settings.href(path, article_path(article_id))
        date = html.escape(article.published or "undated")
        return f'{date} · <a href="{html.escape(url)}">{html.escape(article.title)}</a>'

    listing = Listing(
        first=source_path(source.id), title=source.name, more="articles",
        description=source.description, items=ids, size=settings.list_articles_per_page,
        item=item, css="dossier-articles",
        head=lambda path: [*_source_header(dossier, path, source, settings),
                           heading(2, f"Articles ({len(ids)})")],
    )  # fmt: skip
    return paged(listing, settings)


def _source_header(
    dossier: Dossier, path: str, source: Source, settings: RenderSettings
) -> list[Part]:
    parts = [outlet_badge(dossier, source.id, urls(settings, path))]
    facts = [("Full name", source.full_name), ("Type", source.type), ("Country", source.country),
             ("Domain", source.domain)]  # fmt: skip
    parts.append("\n\n".join(f"**{k}** {escape(v)}" for k, v in facts if v))
    if source.description:
        parts.append(escape(source.description))
    for label in source.labels:
        cite = escape(label.citation.title)
        if label.citation.url:
            # Parentheses, quotes and spaces would end a Markdown link destination.
            url = quote(label.citation.url, safe=":/?#[]@!$&*+,;=%~-._")
            cite = f"[{cite}]({url})"
        parts.append(
            f"{heading(2, 'Label: ' + label.label)}\n\n{escape(label.basis)}\n\n"
            f"**Basis** {cite} · **as of** {escape(label.as_of or 'undated')}"
        )
    return [p for p in parts if p]

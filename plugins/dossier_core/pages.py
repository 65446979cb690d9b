"""Article, actor and outlet pages as (path, Markdown); the indexes live in indexes.py."""

from __future__ import annotations

import html
from urllib.parse import quote

from .articlepage import article_page, outlet_badge, source_name
from .dossier import Dossier
from .indexes import index_pages
from .labelpages import label_pages
from .linking import DossierIndex, build_index
from .listing import Listing, article_heading, in_context, paged
from .markdown import escape
from .model import Actor, Source
from .pagekit import (
    Page,
    Raw,
    actor_path,
    article_path,
    heading,
    href,
    plural,
    source_path,
)  # fmt: skip
from .republishpages import republication_pages

KIND_NAMES = {
    "person": "Person", "organisation": "Organisation", "institution": "Institution",
    "country": "Country", "city": "City", "place": "Place",
}  # fmt: skip


def build_pages(
    dossier: Dossier, index: DossierIndex | None = None, directory_urls: bool = True
) -> list[Page]:
    """Every generated page of the dossier, in a stable order.

    `directory_urls` is MkDocs' `use_directory_urls`: raw HTML parts carry final URLs.
    """
    index = index or build_index(dossier)
    pages = [
        article_page(dossier, index, index.articles[a.id], directory_urls) for a in dossier.articles
    ]
    for actor in dossier.registry.actors.values():
        pages += actor_pages(dossier, index, actor, directory_urls)
    for source in dossier.registry.sources.values():
        pages += source_pages(dossier, index, source, directory_urls)
    pages += label_pages(dossier, index, directory_urls)
    pages += index_pages(dossier, index, directory_urls)
    pages += republication_pages(dossier, index, directory_urls)
    return pages


ARTICLES_PER_PAGE = 50  # on actor pages
SNIPPETS_PER_ARTICLE = 3


def actor_pages(
    dossier: Dossier, index: DossierIndex, actor: Actor, directory_urls: bool = True
) -> list[Page]:
    """The actor's page, then as many numbered pages as its mentions need."""
    articles = index.articles_by_actor.get(actor.id, [])
    total = index.mention_counts.get(actor.id, 0)

    def head(path: str) -> list[str]:
        counts = f"{plural(total, 'mention')} in {plural(len(articles), 'article')}"
        none = [] if articles else ["No article of the dossier names this actor."]
        return [*_actor_header(actor), heading(2, f"Mentions: {counts}"), *none]

    listing = Listing(
        first=actor_path(actor.id), title=actor.name, more="mentions",
        description=actor.description, items=articles, size=ARTICLES_PER_PAGE,
        item=lambda path, article_id: _actor_entry(
            dossier, index, path, article_id, actor.id, directory_urls
        ),
        css="dossier-mentions", head=head,
        tail=lambda path: _actor_cooccurrence(dossier, index, path, actor.id, directory_urls),
    )  # fmt: skip
    return paged(listing, directory_urls)


def _actor_header(actor: Actor) -> list[str]:
    plain = [a.text for a in actor.aliases[1:] if not a.metonym]
    figurative = [a.text for a in actor.aliases if a.metonym]
    facts = [f'<span class="dossier-kind">{escape(KIND_NAMES.get(actor.kind, actor.kind))}</span>']
    if actor.description:
        facts.append(escape(actor.description))
    parts = [" ".join(facts)]
    if plain:
        parts.append("**Also written** " + ", ".join(escape(a) for a in plain))
    if figurative:
        parts.append("**Used figuratively (metonym)** " + ", ".join(escape(a) for a in figurative))
    return parts


def _actor_entry(
    dossier: Dossier, index: DossierIndex, path: str, article_id: str, actor_id: str,
    directory_urls: bool,
) -> str:  # fmt: skip
    """One article on an actor page: title, outlet and date, up to three snippets."""
    entry = index.articles[article_id]
    article = entry.article
    found = [(n, m) for n, m in enumerate(entry.mentions, start=1) if m.actor_id == actor_id]
    url = href(path, article_path(article_id), directory_urls)
    outlet = source_name(dossier, article.outlet)
    head = article_heading(url, article.title, outlet, article.published)
    if not found:
        return head + ' <span class="dossier-note">(added by the analyst)</span>'
    lines = [
        in_context(
            article.body,
            m.start,
            m.end,
            href(path, article_path(article_id), directory_urls, f"m-{n}"),
        )
        for n, m in found[:SNIPPETS_PER_ARTICLE]
    ]
    if len(found) > SNIPPETS_PER_ARTICLE:
        more = len(found) - SNIPPETS_PER_ARTICLE
        lines.append(
            f'<a href="{html.escape(url)}">{plural(more, "more mention")} in this article</a>'
        )
    return head + "<ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>"


def _actor_cooccurrence(
    dossier: Dossier, index: DossierIndex, path: str, actor_id: str, directory_urls: bool
) -> list[str]:
    together = index.cooccurrence.get(actor_id)
    if not together:
        return []
    items = []
    for other, count in sorted(together.items(), key=lambda kv: (-kv[1], kv[0]))[:20]:
        url = html.escape(href(path, actor_path(other), directory_urls))
        name = html.escape(dossier.registry.actors[other].name)
        items.append(f'<li><a href="{url}">{name}</a> · {plural(count, "article")}</li>')
    # Other actors' names are their own pages' search text: searching one name should
    # not list every actor named beside it.
    return [
        heading(2, "Named in the same articles"),
        Raw("<ul data-pagefind-ignore>\n" + "\n".join(items) + "\n</ul>"),
    ]


ARTICLES_PER_LIST_PAGE = 200  # outlet pages and the articles index


def source_pages(
    dossier: Dossier, index: DossierIndex, source: Source, directory_urls: bool = True
) -> list[Page]:
    """The outlet with its labels, then its articles, 200 to a page."""
    ids = index.articles_by_source.get(source.id, [])

    def item(path: str, article_id: str) -> str:
        article = index.articles[article_id].article
        url = href(path, article_path(article_id), directory_urls)
        date = html.escape(article.published or "undated")
        return f'{date} · <a href="{html.escape(url)}">{html.escape(article.title)}</a>'

    listing = Listing(
        first=source_path(source.id), title=source.name, more="articles",
        description=source.description, items=ids, size=ARTICLES_PER_LIST_PAGE, item=item,
        css="dossier-articles",
        head=lambda path: [*_source_header(dossier, path, source, directory_urls),
                           heading(2, f"Articles ({len(ids)})")],
    )  # fmt: skip
    return paged(listing, directory_urls)


def _source_header(dossier: Dossier, path: str, source: Source, directory_urls: bool) -> list[str]:
    url = lambda target: href(path, target, directory_urls)  # noqa: E731
    parts = [outlet_badge(dossier, source.id, url)]
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

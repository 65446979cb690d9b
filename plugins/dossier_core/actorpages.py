"""An actor's page: kind, description, spellings, the articles that name it (each with
a few mentions in context, on numbered pages), and who is named in the same articles."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from .escaping import escape
from .kinds import kind_name
from .listing import Listing, paged
from .model import Actor
from .pagekit import Page, Part, Raw, actor_path, article_path, heading, plural
from .parts import article_heading, in_context, outlet_name
from .settings import RenderSettings

if TYPE_CHECKING:
    from .dossier import Dossier
    from .linking import DossierIndex


def actor_pages(
    dossier: Dossier, index: DossierIndex, actor: Actor, settings: RenderSettings
) -> list[Page]:
    """The actor's page, then as many numbered pages as its mentions need."""
    articles = index.articles_by_actor.get(actor.id, [])
    total = index.mention_counts.get(actor.id, 0)

    def head(path: str) -> list[Part]:
        counts = f"{plural(total, 'mention')} in {plural(len(articles), 'article')}"
        none = [] if articles else ["No article of the dossier names this actor."]
        return [*_actor_header(actor), heading(2, f"Mentions: {counts}"), *none]

    listing = Listing(
        first=actor_path(actor.id), title=actor.name, more="mentions",
        description=actor.description, items=articles, size=settings.actor_articles_per_page,
        item=lambda path, article_id: _actor_entry(
            dossier, index, path, article_id, actor.id, settings
        ),
        css="dossier-mentions", head=head,
        tail=lambda path: _actor_cooccurrence(dossier, index, path, actor.id, settings),
    )  # fmt: skip
    return paged(listing, settings)


def _actor_header(actor: Actor) -> list[Part]:
    plain = [a.text for a in actor.aliases[1:] if not a.metonym]
    figurative = [a.text for a in actor.aliases if a.metonym]
    facts = [f'<span class="dossier-kind">{escape(kind_name(actor.kind))}</span>']
    if actor.description:
        facts.append(escape(actor.description))
    parts: list[Part] = [" ".join(facts)]
    if plain:
        parts.append("**Also written** " + ", ".join(escape(a) for a in plain))
    if figurative:
        parts.append("**Used figuratively (metonym)** " + ", ".join(escape(a) for a in figurative))
    return parts


def _actor_entry(
    dossier: Dossier, index: DossierIndex, path: str, article_id: str, actor_id: str,
    settings: RenderSettings,
) -> str:  # fmt: skip
    """One article on an actor page: title, outlet and date, a few mentions in context."""
    entry = index.articles[article_id]
    article = entry.article
    found = [(n, m) for n, m in enumerate(entry.mentions, start=1) if m.actor_id == actor_id]
    url = settings.href(path, article_path(article_id))
    outlet = outlet_name(dossier, article.outlet)
    head = article_heading(url, article.title, outlet, article.published)
    if not found:
        return head + ' <span class="dossier-note">(added by the analyst)</span>'
    shown = settings.snippets_per_article
    lines = [
        in_context(
            article.body, m.start, m.end, settings.href(path, article_path(article_id), f"m-{n}")
        )
        for n, m in found[:shown]
    ]
    if len(found) > shown:
        more = len(found) - shown
        lines.append(
            f'<a href="{html.escape(url)}">{plural(more, "more mention")} in this article</a>'
        )
    return head + "<ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>"


def _actor_cooccurrence(
    dossier: Dossier, index: DossierIndex, path: str, actor_id: str, settings: RenderSettings
) -> list[Part]:
    together = index.cooccurrence.get(actor_id)
    if not together:
        return []
    items = []
    for other, count in sorted(together.items(), key=lambda kv: (-kv[1], kv[0]))[:20]:
        url = html.escape(settings.href(path, actor_path(other)))
        name = html.escape(dossier.registry.actors[other].name)
        items.append(f'<li><a href="{url}">{name}</a> · {plural(count, "article")}</li>')
    # Other actors' names are their own pages' search text: searching one name should
    # not list every actor named beside it.
    return [
        heading(2, "Named in the same articles"),
        Raw("<ul data-pagefind-ignore>\n" + "\n".join(items) + "\n</ul>"),
    ]

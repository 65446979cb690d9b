"""Article, actor and outlet pages as (path, Markdown); the indexes live in indexes.py."""

from __future__ import annotations

import html
from urllib.parse import quote

from .dossier import Dossier
from .indexes import KIND_TITLES, index_pages
from .labelpages import article_notes, label_counts, label_pages
from .linking import ArticleLinks, DossierIndex, build_index
from .listing import Listing, article_heading, in_context, paged
from .markdown import escape, escape_attribute, render_body
from .model import Actor, Article, Source, Span
from .pagekit import (
    Page,
    Raw,
    actor_path,
    article_path,
    heading,
    href,
    link,
    make_page,
    meta,
    plural,
    rel,
    seed_path,
    source_path,
)  # fmt: skip
from .richtext import safe_markdown
from .text import slugify

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
    return pages


def outlet_badge(dossier: Dossier, page: str, outlet_id: str) -> str:
    """The outlet badge: name and label, linked to the outlet page; never hidden."""
    source = dossier.registry.sources.get(outlet_id)
    if source is None:
        return '<span class="dossier-badge dossier-badge--unknown">Outlet not recorded</span>'
    label = source.labels[0].label if source.labels else source.type
    slug = slugify(label)  # a CSS class: analysts' text must not reach attr_list raw
    text = f"{escape(source.name)} · {escape(label)}"
    target = rel(page, source_path(source.id))
    return f"[{text}]({target}){{.dossier-badge .dossier-badge--{slug}}}"


def article_page(
    dossier: Dossier, index: DossierIndex, entry: ArticleLinks, directory_urls: bool = True
) -> Page:
    article = entry.article
    path = article_path(article.id)
    actors = dossier.registry.actors
    spans = []
    for number, mention in enumerate(entry.mentions, start=1):
        actor = actors[mention.actor_id]
        title = f"{actor.name}: {actor.description}" if actor.description else actor.name
        url = href(path, actor_path(actor.id), directory_urls)
        spans.append(
            Span(mention.start, mention.end, "mention", actor.id, f"m-{number}", title, url)
        )
    labels = dossier.registry.labels
    for item in entry.annotations:
        name = labels[item.annotation.label].name
        spans.append(
            Span(
                item.start,
                item.end,
                "annotation",
                item.annotation.label,
                item.anchor,
                name,
                number=item.number,
            )  # fmt: skip
        )
    parts = [
        meta(article.title, description=article.summary[:200]),
        heading(1, article.title),
        _article_card(dossier, path, entry),
        Raw(render_body(article.body, spans)),
        *article_notes(dossier, path, entry, directory_urls),
        _search_filters(dossier, entry),
        _article_actors(dossier, path, entry),
        _article_related(dossier, index, path, entry),
        _removed_audit(article),
    ]
    return make_page(path, parts)


def _article_card(dossier: Dossier, path: str, entry: ArticleLinks) -> str:
    article = entry.article
    rows = [outlet_badge(dossier, path, article.outlet)]
    if article.title_note:
        rows.append(f'**Title** <span class="dossier-note">{escape(article.title_note)}</span>')
    date = escape(article.published) if article.published else "date unknown"
    note = (
        f' <span class="dossier-note">({escape(article.date_note)})</span>'
        if article.date_note
        else ""
    )
    rows.append(f"**Published** {date}{note}")
    facts = [f"**Language** {escape(article.language)}"]
    if article.tags:
        tags = " ".join(f'<span class="dossier-tag">{escape(t)}</span>' for t in article.tags)
        facts.append(f"**Tags** {tags}")
    rows.append(" · ".join(facts))
    if article.url:
        rows.append(f"**Original address** <code>{escape_attribute(article.url)}</code>")
    if article.seed:
        seed = link(path, seed_path(article.seed), article.seed)
        digest = (
            f" · sha256 <code>{escape(article.seed_sha256)}</code>" if article.seed_sha256 else ""
        )
        rows.append(f"**Source text** {seed}{digest}")
    counts = label_counts(dossier, path, entry)
    if counts:
        rows.append(f"**Annotations** {counts}")
    card = "\n\n".join(rows)
    summary = ""
    if article.summary:
        summary = f'\n<div class="dossier-summary">\n{safe_markdown(article.summary)}\n</div>\n'
    return f'<div class="dossier-card" markdown>\n\n{card}\n{summary}\n</div>'


def _search_filters(dossier: Dossier, entry: ArticleLinks) -> Raw:
    """Values for the search filters, read by Pagefind, not shown and not indexed as text."""
    article = entry.article
    source = dossier.registry.sources.get(article.outlet)
    values = [("Outlet", source.name if source else "outlet not recorded")]
    if source:
        values += [("Outlet label", label.label) for label in source.labels]
    values += [("Actor", dossier.registry.actors[a].name) for a in entry.actor_ids]
    labels = dossier.registry.labels
    values += [
        ("Annotation", labels[n].name)
        for n in dict.fromkeys(a.annotation.label for a in entry.annotations)
    ]
    values += [("Language", article.language), ("Year", article.published[:4] or "undated")]
    spans = "".join(
        f'<span data-pagefind-filter="{name}">{html.escape(value)}</span>' for name, value in values
    )
    return Raw(f'<div class="dossier-filters" hidden data-pagefind-ignore>{spans}</div>')


def _article_actors(dossier: Dossier, path: str, entry: ArticleLinks) -> str:
    """Actors grouped by kind, most mentioned first: one line per kind, not per actor."""
    if not entry.actor_ids:
        return ""
    groups: dict[str, list[str]] = {}
    order = {actor_id: i for i, actor_id in enumerate(entry.actor_ids)}
    ranked = sorted(entry.actor_ids, key=lambda a: (-entry.actor_counts.get(a, 0), order[a]))
    for actor_id in ranked:
        actor = dossier.registry.actors[actor_id]
        count = entry.actor_counts.get(actor_id, 0)
        how = f"({count})" if count else "(added by the analyst)"
        groups.setdefault(actor.kind, []).append(
            f"{link(path, actor_path(actor_id), actor.name)} {how}"
        )
    lines = [heading(2, "Actors in this article"), ""]
    for kind, title in KIND_TITLES:
        if kind in groups:
            lines.append(f"**{title}** " + ", ".join(groups[kind]))
            lines.append("")
    return "\n".join(lines).rstrip()


def _article_related(dossier: Dossier, index: DossierIndex, path: str, entry: ArticleLinks) -> str:
    if not entry.related:
        return ""
    lines = [heading(2, "Related articles"), ""]
    for related in entry.related:
        other = index.articles[related.article_id].article
        names = [dossier.registry.actors[a].name for a in related.shared]
        reason = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
        lines.append(
            f"- {link(path, article_path(other.id), other.title)} "
            f'<span class="dossier-note">{escape(_source_name(dossier, other.outlet))}, '
            f"{escape(other.published or 'undated')} · also names {escape(reason)}</span>"
        )
    return "\n".join(lines)


def _removed_audit(article: Article) -> str:
    if not article.removed:
        return ""
    lines = [
        f'??? info "Removed at import: {plural(len(article.removed), "line")} of page furniture"',
        "",
    ]
    lines.append("    What the import left out of the seed file, in order, with the reason.")
    lines.append("")
    for item in article.removed:
        lines.append(f"    - line {item.line} ({escape(item.reason)}): <q>{escape(item.text)}</q>")
    return "\n".join(lines)


def _source_name(dossier: Dossier, outlet_id: str) -> str:
    source = dossier.registry.sources.get(outlet_id)
    return source.name if source else "outlet not recorded"


ARTICLES_PER_PAGE = 50  # on actor pages
SNIPPETS_PER_ARTICLE = 3


def actor_pages(
    dossier: Dossier, index: DossierIndex, actor: Actor, directory_urls: bool = True
) -> list[Page]:
    """The actor's page, then as many numbered pages as its mentions need."""
    articles = index.articles_by_actor.get(actor.id, [])
    mentions = index.mentions_by_actor.get(actor.id, [])
    by_article: dict[str, list] = {}
    for article_id, number, mention in mentions:
        by_article.setdefault(article_id, []).append((number, mention))

    def head(path: str) -> list[str]:
        counts = f"{plural(len(mentions), 'mention')} in {plural(len(articles), 'article')}"
        none = [] if articles else ["No article of the dossier names this actor."]
        return [*_actor_header(actor), heading(2, f"Mentions: {counts}"), *none]

    listing = Listing(
        first=actor_path(actor.id), title=actor.name, more="mentions",
        description=actor.description, items=articles, size=ARTICLES_PER_PAGE,
        item=lambda path, article_id: _actor_entry(
            dossier, index, path, article_id, by_article.get(article_id, []), directory_urls
        ),
        css="dossier-mentions", head=head,
        tail=lambda path: [_actor_cooccurrence(dossier, index, path, actor.id)],
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
    dossier: Dossier, index: DossierIndex, path: str, article_id: str, found: list,
    directory_urls: bool,
) -> str:  # fmt: skip
    """One article on an actor page: title, outlet and date, up to three snippets."""
    article = index.articles[article_id].article
    url = href(path, article_path(article_id), directory_urls)
    outlet = _source_name(dossier, article.outlet)
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


def _actor_cooccurrence(dossier: Dossier, index: DossierIndex, path: str, actor_id: str) -> str:
    together = index.cooccurrence.get(actor_id)
    if not together:
        return ""
    lines = [heading(2, "Named in the same articles"), ""]
    for other, count in sorted(together.items(), key=lambda kv: (-kv[1], kv[0]))[:20]:
        name = dossier.registry.actors[other].name
        lines.append(f"- {link(path, actor_path(other), name)} · {plural(count, 'article')}")
    return "\n".join(lines)


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
        head=lambda path: [*_source_header(dossier, path, source),
                           heading(2, f"Articles ({len(ids)})")],
    )  # fmt: skip
    return paged(listing, directory_urls)


def _source_header(dossier: Dossier, path: str, source: Source) -> list[str]:
    parts = [outlet_badge(dossier, path, source.id)]
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

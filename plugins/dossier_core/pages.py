"""Article, actor and outlet pages as (path, Markdown); the indexes live in indexes.py."""

from __future__ import annotations

from urllib.parse import quote

from .dossier import Dossier
from .indexes import KIND_TITLES, index_pages
from .labelpages import article_notes, label_counts, label_pages
from .linking import ArticleLinks, DossierIndex, build_index
from .markdown import escape, escape_attribute, render_body
from .model import Actor, Article, Source, Span
from .pagekit import (
    Page,
    actor_path,
    article_path,
    heading,
    href,
    link,
    meta,
    plural,
    rel,
    seed_path,
    snippet,
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
    pages += [actor_page(dossier, index, actor) for actor in dossier.registry.actors.values()]
    pages += [source_page(dossier, index, source) for source in dossier.registry.sources.values()]
    pages += label_pages(dossier, index)
    pages += index_pages(dossier, index)
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
        render_body(article.body, spans),
        article_notes(dossier, path, entry, directory_urls),
        _article_actors(dossier, path, entry),
        _article_related(dossier, index, path, entry),
        _removed_audit(article),
    ]
    return Page(path, "\n\n".join(p for p in parts if p) + "\n")


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


def actor_page(dossier: Dossier, index: DossierIndex, actor: Actor) -> Page:
    path = actor_path(actor.id)
    plain = [a.text for a in actor.aliases[1:] if not a.metonym]
    figurative = [a.text for a in actor.aliases if a.metonym]
    parts = [meta(actor.name, description=actor.description), heading(1, actor.name)]
    facts = [f'<span class="dossier-kind">{escape(KIND_NAMES.get(actor.kind, actor.kind))}</span>']
    if actor.description:
        facts.append(escape(actor.description))
    parts.append(" ".join(facts))
    if plain:
        parts.append("**Also written** " + ", ".join(escape(a) for a in plain))
    if figurative:
        parts.append("**Used figuratively (metonym)** " + ", ".join(escape(a) for a in figurative))
    parts.append(_actor_mentions(dossier, index, path, actor.id))
    parts.append(_actor_cooccurrence(dossier, index, path, actor.id))
    return Page(path, "\n\n".join(p for p in parts if p) + "\n")


def _actor_mentions(dossier: Dossier, index: DossierIndex, path: str, actor_id: str) -> str:
    mentions = index.mentions_by_actor.get(actor_id, [])
    articles = index.articles_by_actor.get(actor_id, [])
    title = f"Mentions: {plural(len(mentions), 'mention')} in {plural(len(articles), 'article')}"
    lines = [heading(2, title), ""]
    if not articles:
        lines.append("No article of the dossier names this actor.")
    by_article: dict[str, list] = {}
    for article_id, number, mention in mentions:
        by_article.setdefault(article_id, []).append((number, mention))
    for article_id in articles:
        article = index.articles[article_id].article
        where = f"{_source_name(dossier, article.outlet)}, {article.published or 'undated'}"
        lines += [
            "",
            f"{heading(3, article.title)}",
            "",
            f'<span class="dossier-note">{escape(where)}</span>',
            "",
        ]
        for number, mention in by_article.get(article_id, []):
            before, match, after = snippet(article.body, mention.start, mention.end)
            target = rel(path, article_path(article_id)) + f"#m-{number}"
            lines.append(f"- {escape(before)}[**{escape(match)}**]({target}){escape(after)}")
        if article_id not in by_article:
            lines.append(
                f"- {link(path, article_path(article_id), 'Added to this article by the analyst')}"
            )
    return "\n".join(lines)


def _actor_cooccurrence(dossier: Dossier, index: DossierIndex, path: str, actor_id: str) -> str:
    together = index.cooccurrence.get(actor_id)
    if not together:
        return ""
    lines = [heading(2, "Named in the same articles"), ""]
    for other, count in sorted(together.items(), key=lambda kv: (-kv[1], kv[0]))[:20]:
        name = dossier.registry.actors[other].name
        lines.append(f"- {link(path, actor_path(other), name)} · {plural(count, 'article')}")
    return "\n".join(lines)


def source_page(dossier: Dossier, index: DossierIndex, source: Source) -> Page:
    path = source_path(source.id)
    parts = [meta(source.name, description=source.description), heading(1, source.name)]
    parts.append(outlet_badge(dossier, path, source.id))
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
    ids = index.articles_by_source.get(source.id, [])
    lines = [heading(2, f"Articles ({len(ids)})"), ""]
    for article_id in ids:
        article = index.articles[article_id].article
        date = escape(article.published or "undated")
        lines.append(f"- {date} · {link(path, article_path(article_id), article.title)}")
    parts.append("\n".join(lines))
    return Page(path, "\n\n".join(p for p in parts if p) + "\n")

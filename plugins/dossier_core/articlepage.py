"""The article page: card, annotated text, notes, actors, related articles, audit.

Everything but the headings is finished HTML (`Raw`): the text is escaped once, URLs
are final, and Markdown only sees the headings (for the table of contents) and the
placeholders. At thousands of articles, Markdown's inline pass over the card, the
actor links and the related list was the largest cost of an article page.
"""

from __future__ import annotations

import html
from collections import Counter

from .articlekey import page_key
from .bodyhtml import render_body
from .dossier import Dossier
from .escaping import escape_attribute
from .kinds import ACTOR_KINDS
from .language import language_name
from .linking import ArticleLinks, DossierIndex
from .model import Article, Span
from .notes import article_notes
from .pagekit import (
    Lazy,
    Page,
    Part,
    actor_path,
    article_path,
    heading,
    label_path,
    make_page,
    meta,
    plural,
    seed_path,
    tag_path,
)  # fmt: skip
from .parts import Url, chip, outlet_badge, outlet_name, urls
from .prevnext import previous_next
from .republishparts import also_published
from .richtext import safe_markdown
from .searchmeta import badge, month
from .settings import RenderSettings

esc = html.escape


def article_page(
    dossier: Dossier, index: DossierIndex, entry: ArticleLinks, settings: RenderSettings
) -> Page:
    article = entry.article
    path = article_path(article.id)
    url = urls(settings, path)
    parts: list[Part] = [
        meta(article.title, description=article.summary[:200]),
        heading(1, article.title, article.language),
        Lazy(lambda: _card(dossier, entry, url)),
        Lazy(lambda: render_body(article.body, _spans(dossier, entry, url), lang=article.language)),
        *article_notes(dossier, path, entry, settings, index),
        Lazy(lambda: _search_filters(dossier, entry)),
        *_actors(dossier, entry, url),
        *_related(dossier, index, entry, url),
        *also_published(dossier, index, entry, settings),
        Lazy(lambda: _removed_audit(article, url)),
        Lazy(lambda: previous_next(dossier, article, url)),
    ]
    return make_page(path, parts, key=page_key(dossier, index, entry, settings))


def _spans(dossier: Dossier, entry: ArticleLinks, url: Url) -> list[Span]:
    """Mentions (linked to their actor, with a tooltip) and annotated passages."""
    actors = dossier.registry.actors
    spans = []
    for number, mention in enumerate(entry.mentions, start=1):
        actor = actors[mention.actor_id]
        title = f"{actor.name}: {actor.description}" if actor.description else actor.name
        spans.append(
            Span(
                mention.start,
                mention.end,
                "mention",
                actor.id,
                f"m-{number}",
                title,
                url(actor_path(actor.id)),
            )  # fmt: skip
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
                legacy=item.legacy,
            )  # fmt: skip
        )
    return spans


def _card(dossier: Dossier, entry: ArticleLinks, url: Url) -> str:
    article = entry.article
    rows = [outlet_badge(dossier, article.outlet, url)]
    if article.title_note:
        rows.append(
            f'<strong>Title</strong> <span class="dossier-note">{esc(article.title_note)}</span>'
        )
    date = esc(article.published) if article.published else "date unknown"
    if article.date_note:
        date += f' <span class="dossier-note">({esc(article.date_note)})</span>'
    rows.append(f"<strong>Published</strong> {date}")
    if article.author:
        rows.append(f"<strong>Author</strong> {esc(article.author)}")
    source = dossier.registry.sources.get(article.outlet)
    if article.site_name and (not source or source.name.lower() != article.site_name.lower()):
        rows.append(f"<strong>Site</strong> {esc(article.site_name)} (as the page names itself)")
    language = f"{esc(language_name(article.language))} ({esc(article.language)})"
    facts = [f"<strong>Language</strong> {language}"]
    if article.tags:
        tags = " ".join(
            f'<a class="dossier-tag" href="{esc(url(tag_path(t)))}">{esc(t)}</a>'
            for t in article.tags
        )
        facts.append(f"<strong>Tags</strong> {tags}")
    rows.append(" · ".join(facts))
    if article.url:
        rows.append(
            f"<strong>Original address</strong> <code>{escape_attribute(article.url)}</code>"
        )
    if article.fetched_url:
        rows.append(
            f"<strong>Fetched</strong> {esc(article.fetched_at or 'at an unrecorded time')} "
            f"from <code>{escape_attribute(article.fetched_url)}</code>"
        )
    if article.seed:
        seed = f'<a href="{esc(url(seed_path(article.seed)))}">{esc(article.seed)}</a>'
        if article.seed_sha256:
            seed += f" · sha256 <code>{esc(article.seed_sha256)}</code>"
        if article.extracted_with:
            seed += f" · text extracted with {esc(article.extracted_with)}"
        rows.append(
            f"<strong>Source {'page' if article.extracted_with else 'text'}</strong> {seed}"
        )
    counts = _label_counts(dossier, entry, url)
    if counts:
        rows.append(f"<strong>Annotations</strong> {counts}")
    # Card facts are not search text (the filters carry outlet, label and year); the
    # summary is.
    body = "\n".join(f"<p data-pagefind-ignore>{row}</p>" for row in rows)
    if article.summary:
        body += f'\n<div class="dossier-summary">\n{safe_markdown(article.summary)}\n</div>'
    return f'<div class="dossier-card">\n{body}\n</div>'


def _label_counts(dossier: Dossier, entry: ArticleLinks, url: Url) -> str:
    """'◼ Loaded language 3 · ◼ Doubt 1', each linked to its label page."""
    counts = Counter(a.annotation.label for a in entry.annotations)
    labels = dossier.registry.labels
    return " · ".join(
        f'{chip(labels[i])} <a href="{esc(url(label_path(i)))}">{esc(labels[i].name)}</a> '
        f"{counts[i]}"
        for i in labels
        if i in counts
    )


def _search_filters(dossier: Dossier, entry: ArticleLinks) -> str:
    """Values for the search filters and the details a result shows (Pagefind filters and
    metadata), read by Pagefind, not shown on the page and not indexed as text."""
    article = entry.article
    source = dossier.registry.sources.get(article.outlet)
    values = [("Outlet", outlet_name(dossier, article.outlet))]
    if source:
        values += [("Outlet label", label.label) for label in source.labels]
    values += [("Actor", dossier.registry.actors[a].name) for a in entry.actor_ids]
    labels = dossier.registry.labels
    values += [
        ("Annotation", labels[n].name)
        for n in dict.fromkeys(a.annotation.label for a in entry.annotations)
    ]
    values += [
        ("Language", language_name(article.language)),
        ("Year", article.published[:4] or "undated"),
    ]
    if month(article.published):  # the date range (search.js): any of its months
        values.append(("Month", month(article.published)))
    spans = "".join(
        f'<span data-pagefind-filter="{name}">{esc(value)}</span>' for name, value in values
    )
    # What a search result shows besides title and excerpt (search.js): the badge, the date.
    text, style = badge(dossier, article.outlet)
    details = [("outlet", text), ("badge", style), ("date", article.published)]
    spans += "".join(
        f'<span data-pagefind-meta="{name}">{esc(value)}</span>' for name, value in details
    )
    return f'<div class="dossier-filters" hidden data-pagefind-ignore>{spans}</div>'


def _actors(dossier: Dossier, entry: ArticleLinks, url: Url) -> list[Part]:
    """Actors grouped by kind, most mentioned first: one line per kind, not per actor."""
    if not entry.actor_ids:
        return []
    return [
        heading(2, "Actors in this article", searched=False),
        Lazy(lambda: _actor_lines(dossier, entry, url)),
    ]


def _actor_lines(dossier: Dossier, entry: ArticleLinks, url: Url) -> str:
    groups: dict[str, list[str]] = {}
    order = {actor_id: i for i, actor_id in enumerate(entry.actor_ids)}
    ranked = sorted(entry.actor_ids, key=lambda a: (-entry.actor_counts.get(a, 0), order[a]))
    for actor_id in ranked:
        actor = dossier.registry.actors[actor_id]
        count = entry.actor_counts.get(actor_id, 0)
        how = f"({count})" if count else "(added by the analyst)"
        link = f'<a href="{esc(url(actor_path(actor_id)))}">{esc(actor.name)}</a>'
        groups.setdefault(actor.kind, []).append(f"{link} {how}")
    # Names are searched in the text and on the actor pages (with their aliases); a
    # second copy here would only make every article match every name it links.
    return "\n".join(
        f"<p data-pagefind-ignore><strong>{kind.many}</strong> " + ", ".join(groups[k]) + "</p>"
        for k, kind in ACTOR_KINDS.items()
        if k in groups
    )


def _related(dossier: Dossier, index: DossierIndex, entry: ArticleLinks, url: Url) -> list[Part]:
    if not entry.related:
        return []
    return [
        heading(2, "Related articles", searched=False),
        Lazy(lambda: _related_list(dossier, index, entry, url)),
    ]


def _related_list(dossier: Dossier, index: DossierIndex, entry: ArticleLinks, url: Url) -> str:
    items = []
    for related in entry.related:
        other = index.articles[related.article_id].article
        names = [dossier.registry.actors[a].name for a in related.shared]
        reason = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
        items.append(
            f'<li><a href="{esc(url(article_path(other.id)))}">{esc(other.title)}</a> '
            f'<span class="dossier-note">{esc(outlet_name(dossier, other.outlet))}, '
            f"{esc(other.published or 'undated')} · also names {esc(reason)}</span></li>"
        )
    # Other articles' titles are their own pages' search text, not this one's.
    return "<ul data-pagefind-ignore>\n" + "\n".join(items) + "\n</ul>"


def _removed_audit(article: Article, url: Url) -> str:
    """What the import left out, folded (the markup pymdownx.details would make)."""
    if not article.removed:
        return ""
    items = "\n".join(
        f"<li>line {item.line} ({esc(item.reason)}): <q>{esc(item.text)}</q></li>"
        for item in article.removed
    )
    seed = ""
    if article.seed:
        seed = f' (<a href="{esc(url(seed_path(article.seed)))}">{esc(article.seed)}</a>)'
    if article.extracted_with:
        # A web page: the left-out blocks are the page's other text (menus, links...).
        title = f"Left out at import: {plural(len(article.removed), 'text block')} of the page"
        intro = (
            f"The article text was extracted with {esc(article.extracted_with)}. These are "
            f"the page's other text blocks, in order, with the line of the saved page{seed} "
            "where each starts."
        )
    else:
        title = f"Removed at import: {plural(len(article.removed), 'line')} of page furniture"
        intro = f"What the import left out of the seed file{seed}, in order, with the reason."
    return (
        f'<details class="info" data-pagefind-ignore>\n<summary>{title}</summary>\n'
        f"<p>{intro}</p>\n<ul>\n{items}\n</ul>\n</details>"
    )

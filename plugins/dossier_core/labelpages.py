"""Annotation notes on article pages, label pages and the labels index."""

from __future__ import annotations

import html
from collections import Counter
from typing import TYPE_CHECKING

from .listing import Listing, article_heading, in_context, paged
from .markdown import escape, escape_attribute
from .model import Anchored, Label
from .pagekit import Lazy, Page, article_path, heading, href, link, meta, plural
from .richtext import inline_note

if TYPE_CHECKING:
    from .dossier import Dossier
    from .linking import ArticleLinks, DossierIndex

GROUP_NAMES = {
    "technique": "Propaganda technique", "claim": "Claim", "context": "Context",
    "correction": "Correction",
}  # fmt: skip


def label_path(label_id: str) -> str:
    return f"labels/{label_id}.md"


def chip(label: Label) -> str:
    """A swatch of the label's highlight colour (decorative: the name is always written)."""
    return f'<span class="dossier-chip dossier-hl--{label.id}" aria-hidden="true"></span>'


def note_html(dossier: Dossier, path: str, item: Anchored, directory_urls: bool = True) -> str:
    """One line of HTML: label (linked), verdict, note, evidence, actors."""
    annotation = item.annotation
    label = dossier.registry.labels[annotation.label]
    url = href(path, label_path(label.id), directory_urls)
    parts = [f'<strong><a href="{url}">{html.escape(label.name)}</a></strong>']
    if annotation.verdict:
        parts[0] += f" (verdict: {html.escape(annotation.verdict)})"
    if annotation.note:
        parts.append(inline_note(annotation.note))
    if annotation.links:
        evidence = ", ".join(
            f'<a href="{escape_attribute(e.url)}" rel="noopener noreferrer nofollow">'
            f"{html.escape(e.title or e.url)}</a>"
            for e in annotation.links
        )
        parts.append(f"Evidence: {evidence}")
    if annotation.actors:
        actors = dossier.registry.actors
        names = ", ".join(
            f'<a href="{href(path, f"actors/{a}.md", directory_urls)}">'
            f"{html.escape(actors[a].name)}</a>"
            for a in annotation.actors
        )
        parts.append(f"About: {names}")
    return " · ".join(parts)


def article_notes(
    dossier: Dossier, path: str, entry: ArticleLinks, directory_urls: bool = True
) -> list[str]:
    """The notes: a heading, then the list in Python-Markdown's footnote markup (which
    Material's footnote tooltips read), shown in print and without JavaScript too."""
    if not entry.annotations:
        return []
    return [heading(2, "Notes"), Lazy(lambda: _notes(dossier, path, entry, directory_urls))]


def _notes(dossier: Dossier, path: str, entry: ArticleLinks, directory_urls: bool) -> str:
    items = []
    for number, item in enumerate(sorted(entry.annotations, key=lambda a: a.number), start=1):
        back = (
            f'<a class="footnote-backref" href="#fnref:{item.anchor}" '
            f'title="Jump back to note {number} in the text">&#8617;</a>'
        )
        note = note_html(dossier, path, item, directory_urls)
        items.append(f'<li id="fn:{item.anchor}"><p>{note}&#160;{back}</p></li>')
    notes = "\n".join(items)
    return f'<div class="footnote">\n<ol>\n{notes}\n</ol>\n</div>'


PASSAGES_PER_PAGE = 100


def label_pages(dossier: Dossier, index: DossierIndex, directory_urls: bool = True) -> list[Page]:
    pages = []
    for label in dossier.registry.labels.values():
        pages += pages_of_label(dossier, index, label, directory_urls)
    if dossier.registry.labels:
        pages.append(labels_index(dossier, index))
    return pages


def pages_of_label(
    dossier: Dossier, index: DossierIndex, label: Label, directory_urls: bool = True
) -> list[Page]:
    """The label's definition and its passages, 100 to a page."""
    items = index.annotations_by_label.get(label.id, [])
    articles = len({article_id for article_id, _ in items})

    def head(path: str) -> list[str]:
        counts = f"{plural(len(items), 'passage')} in {plural(articles, 'article')}"
        none = [] if items else ["No annotation of the dossier uses this label yet."]
        return [*_label_header(label), heading(2, f"Passages: {counts}"), *none]

    listing = Listing(
        first=label_path(label.id), title=label.name, more="passages",
        description=label.definition, items=items, size=PASSAGES_PER_PAGE,
        item=lambda path, pair: _passage(dossier, index, path, pair[0], pair[1], directory_urls),
        css="dossier-passages", head=head,
    )  # fmt: skip
    return paged(listing, directory_urls)


def _label_header(label: Label) -> list[str]:
    group = GROUP_NAMES.get(label.group, label.group)
    parts = [
        f'{chip(label)} <span class="dossier-kind">{escape(group)}</span>',
        escape(label.definition),
    ]
    if label.example:
        parts.append(f"**Example** <q>{escape(label.example)}</q>")
    if label.verdicts:
        parts.append("**Verdicts** " + ", ".join(escape(v) for v in label.verdicts))
    return parts


def _passage(
    dossier: Dossier, index: DossierIndex, path: str, article_id: str, item: Anchored,
    directory_urls: bool,
) -> str:  # fmt: skip
    """Article and outlet, the passage in context linked to its place, and the note."""
    article = index.articles[article_id].article
    source = dossier.registry.sources.get(article.outlet)
    url = href(path, article_path(article_id), directory_urls)
    outlet = source.name if source else "outlet not recorded"
    head = article_heading(url, article.title, outlet, article.published)
    target = href(path, article_path(article_id), directory_urls, item.anchor)
    css = f"dossier-hl dossier-hl--{item.annotation.label}"
    text = in_context(article.body, item.start, item.end, target, css, width=60)
    note = inline_note(item.annotation.note) if item.annotation.note else ""
    return f"{head}<br>{text}" + (f'<br><span class="dossier-note">{note}</span>' if note else "")


def labels_index(dossier: Dossier, index: DossierIndex) -> Page:
    """Counts per label and outlet, one table per label group."""
    path = "labels/index.md"
    outlets = [s for s in dossier.registry.sources.values() if index.articles_by_source.get(s.id)]
    counts: Counter[tuple[str, str]] = Counter()
    for label_id, items in index.annotations_by_label.items():
        for article_id, _ in items:
            counts[(label_id, index.articles[article_id].article.outlet)] += 1
    header = "| Label | " + " | ".join(escape(s.name) for s in outlets) + " | All |"
    rule = "| --- | " + " | ".join("---:" for _ in outlets) + " | ---: |"
    lines = [meta("Labels", searchable=False), "", "# Labels", ""]
    lines.append("How often each label is used, by outlet. Follow a label for its definition "
                 "and every passage it marks.")  # fmt: skip
    for group, title in GROUP_NAMES.items():
        labels = [label for label in dossier.registry.labels.values() if label.group == group]
        if not labels:
            continue
        lines += ["", heading(2, _plural_group(title, len(labels))), "", header, rule]
        for label in labels:
            cells = [str(counts[(label.id, s.id)] or "–") for s in outlets]
            total = len(index.annotations_by_label.get(label.id, []))
            name = f"{chip(label)} {link(path, label_path(label.id), label.name)}"
            lines.append(f"| {name} | " + " | ".join(cells) + f" | {total or '–'} |")
    return Page(path, "\n".join(lines) + "\n")


def _plural_group(title: str, count: int) -> str:
    return title + ("s" if count > 1 and not title.endswith("s") else "")

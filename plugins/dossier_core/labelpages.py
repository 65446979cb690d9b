"""Label pages (a label's definition and every passage it marks, on numbered pages) and
the labels index (counts per label and outlet)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from .escaping import escape
from .framing import narrowed_path, table
from .kinds import LABEL_GROUPS, group_name
from .listing import Listing, paged
from .model import Anchored, Label
from .pagekit import (
    NOT_SEARCHED,
    Page,
    Part,
    Raw,
    heading,
    label_path,
    link,
    meta,
    plural,
    source_path,
)  # fmt: skip
from .parts import annotated_passage, chip, outlet_name
from .settings import RenderSettings

if TYPE_CHECKING:
    from .dossier import Dossier
    from .linking import DossierIndex


def label_pages(dossier: Dossier, index: DossierIndex, settings: RenderSettings) -> list[Page]:
    pages = []
    for label in dossier.registry.labels.values():
        pages += pages_of_label(dossier, index, label, settings)
        pages += narrowed_pages(dossier, index, label, settings)
    if dossier.registry.labels:
        pages.append(labels_index(dossier, index))
    return pages


def pages_of_label(
    dossier: Dossier, index: DossierIndex, label: Label, settings: RenderSettings
) -> list[Page]:
    """The label's definition and its passages, settings.label_passages_per_page to a page."""
    items = index.annotations_by_label.get(label.id, [])
    articles = len({article_id for article_id, _ in items})

    def head(path: str) -> list[Part]:
        counts = f"{plural(len(items), 'passage')} in {plural(articles, 'article')}"
        none = [] if items else ["No annotation of the dossier uses this label yet."]
        return [
            *_label_header(label),
            *_by_outlet(dossier, index, path, label, settings),
            heading(2, f"Passages: {counts}", searched=False),
            *none,
        ]

    listing = Listing(
        first=label_path(label.id), title=label.name, more="passages",
        description=label.definition, items=items, size=settings.label_passages_per_page,
        item=lambda path, pair: annotated_passage(dossier, index, path, pair[0], pair[1], settings),
        css="dossier-passages", head=head,
    )  # fmt: skip
    return paged(listing, settings)


def _outlets(dossier: Dossier, index: DossierIndex) -> list[str]:
    """Outlets with articles in the dossier, as sources.yml lists them, then any other."""
    known = [s for s in dossier.registry.sources if index.articles_by_source.get(s)]
    return known + sorted(set(index.articles_by_source) - set(known))


def _by_outlet(
    dossier: Dossier, index: DossierIndex, path: str, label: Label, settings: RenderSettings
) -> list[Part]:
    """A row per outlet (id="outlet-<source>", the target of the overview's and actor
    pages' links), each linking to the label's passages in that outlet's articles."""
    counts = Counter(
        index.articles[a].article.outlet for a, _ in index.annotations_by_label.get(label.id, [])
    )
    rows, ids = [], []
    for outlet in _outlets(dossier, index):
        count, name = counts[outlet], escape(outlet_name(dossier, outlet))
        target = settings.href(path, narrowed_path(label.id, outlet))
        cell = f'<a href="{target}">{name}</a>' if count else name
        rate = f"{count / len(index.articles_by_source[outlet]):.2f}"
        rows.append([cell, str(count or "–"), rate])
        ids.append(f"outlet-{outlet}")
    if not rows:
        return []
    caption = f"{label.name}: passages by outlet"
    columns = ["Outlet", "Passages", "Per article"]
    # Figures, not text: kept out of search excerpts (the outlets have their own pages).
    figures = table(caption, columns, rows, caption, ids)
    return [
        heading(2, "By outlet", searched=False),
        Raw(f"<div data-pagefind-ignore>{figures}</div>"),
    ]


def narrowed_pages(
    dossier: Dossier, index: DossierIndex, label: Label, settings: RenderSettings
) -> list[Page]:
    """The label's passages in one outlet's articles, per outlet that has any:
    labels/<label>/outlet-<source>.md, then numbered pages."""
    by_outlet: dict[str, list[tuple[str, Anchored]]] = {}
    for pair in index.annotations_by_label.get(label.id, []):
        by_outlet.setdefault(index.articles[pair[0]].article.outlet, []).append(pair)
    pages = []
    for outlet in _outlets(dossier, index):
        items = by_outlet.get(outlet)
        if not items:
            continue
        name = outlet_name(dossier, outlet)
        first = narrowed_path(label.id, outlet)

        def head(
            path: str,
            items: list[tuple[str, Anchored]] = items,
            outlet: str = outlet,
            name: str = name,
        ) -> list[Part]:
            articles = len({article_id for article_id, _ in items})
            counts = f"{plural(len(items), 'passage')} in {plural(articles, 'article')}"
            back = link(path, label_path(label.id), f"{label.name}: every outlet")
            where = (
                link(path, source_path(outlet), name)
                if outlet in dossier.registry.sources
                else escape(name)
            )
            return [*_label_header(label),
                    f"Only the passages in articles of {where} ({counts}). {back}",
                    heading(2, f"Passages in {name}: {counts}")]  # fmt: skip

        listing = Listing(
            first=first, title=f"{label.name}: {name}", more="passages",
            description=label.definition, items=items, size=settings.label_passages_per_page,
            item=lambda path, pair: annotated_passage(
                dossier, index, path, pair[0], pair[1], settings
            ),
            css="dossier-passages", head=head,
        )  # fmt: skip
        # Out of search: the label page is the label's entry, and the passages are
        # searched where they are (the articles); Pagefind's cost grows with pages.
        pages += [_unsearched(page) for page in paged(listing, settings)]
    return pages


def _unsearched(page: Page) -> Page:
    if not page.searchable:
        return page
    head, rule, rest = page.markdown.partition("\n---\n")
    return replace(page, markdown=f"{head}\n{NOT_SEARCHED}{rule}{rest}")


def _label_header(label: Label) -> list[Part]:
    group = group_name(label.group)
    parts: list[Part] = [
        f'{chip(label)} <span class="dossier-kind">{escape(group)}</span>',
        escape(label.definition),
    ]
    if label.example:
        parts.append(f"**Example** <q>{escape(label.example)}</q>")
    if label.verdicts:
        parts.append("**Verdicts** " + ", ".join(escape(v) for v in label.verdicts))
    return parts


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
    for group_id, group in LABEL_GROUPS.items():
        labels = [label for label in dossier.registry.labels.values() if label.group == group_id]
        if not labels:
            continue
        lines += ["", heading(2, group.plural(len(labels))), "", header, rule]
        for label in labels:
            cells = [
                link(path, narrowed_path(label.id, s.id), str(n)) if (n := counts[(label.id, s.id)])
                else "–"
                for s in outlets
            ]  # fmt: skip
            total = len(index.annotations_by_label.get(label.id, []))
            name = f"{chip(label)} {link(path, label_path(label.id), label.name)}"
            lines.append(f"| {name} | " + " | ".join(cells) + f" | {total or '–'} |")
    return Page(path, "\n".join(lines) + "\n")

"""Republication pages: the list of clusters, and a side-by-side view of each version
against the first appearance (republish.py finds them; the article page's "Also
published by" section is in republishparts.py).

Article text shown here is escaped like the article pages' (every character of Markdown
or HTML syntax a character reference), and these pages stay out of the search index:
they repeat text that is searched on the article pages.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from functools import partial
from itertools import groupby
from typing import TYPE_CHECKING

from .listing import chunks, numbered, pager
from .pagekit import Lazy, Page, Part, Raw, article_path, heading, make_page, meta, plural
from .parts import outlet_badge, urls
from .republishparts import FIRST, LIST_PATH, cluster_place, compare_path, percent
from .settings import RenderSettings
from .textdiff import side_by_side

if TYPE_CHECKING:
    from .dossier import Dossier
    from .linking import DossierIndex

RULE = (
    "The first appearance is the version with the earliest date in the dossier (then the "
    "smallest id); an undated version comes last, and a year or a month alone counts as "
    "its first day."
)


def republication_pages(
    dossier: Dossier, index: DossierIndex, settings: RenderSettings
) -> list[Page]:
    """The list of clusters (numbered pages of at most settings.republication_rows_per_page
    versions), then a side-by-side page for every later version that matches the first
    appearance itself."""
    rep = index.republications
    rows = [(n, v) for n, versions in enumerate(rep.clusters) for v in versions]
    groups = chunks(rows, settings.republication_rows_per_page)
    pages = []
    for number, group in enumerate(groups, start=1):
        path = numbered(LIST_PATH, number)
        title = "Republications" if number == 1 else f"Republications, page {number}"
        intro = (
            f"{plural(len(rep.clusters), 'text')} published more than once, in "
            f"{plural(len(rows), 'version')}, oldest first. {RULE} The share is the part of "
            "each version's text also found in the first appearance."
            if rep.clusters
            else "No article of the dossier shares most of its text with another."
        )
        parts: list[Part] = [
            meta(title, searchable=False),
            heading(1, title),
            Raw(f"<p>{intro}</p>"),
        ]
        if group:
            parts.append(Lazy(partial(_clusters, dossier, index, path, group, settings)))
        parts.append(pager(LIST_PATH, number, len(groups), settings))
        pages.append(make_page(path, parts))
    for versions in rep.clusters:
        for version in versions[1:]:
            if rep.matches_first(version):
                pages.append(_compare_page(dossier, index, versions[0], version, settings))
    return pages


def _clusters(
    dossier: Dossier, index: DossierIndex, path: str, rows: Sequence[tuple[int, str]],
    settings: RenderSettings,
) -> str:  # fmt: skip
    """The part of the list on one page: a section per cluster, its versions by date."""
    rep = index.republications
    url = urls(settings, path)
    sections = []
    for number, group in groupby(rows, key=lambda row: row[0]):
        versions = rep.clusters[number]
        ids = [v for _, v in group]
        first = index.articles[versions[0]].article
        starts = ids[0] == versions[0]
        head = html.escape(first.title) + ("" if starts else " (continued)")
        ident = f' id="c-{versions[0]}"' if starts else ""
        items = []
        for version in ids:
            article = index.articles[version].article
            facts = [
                outlet_badge(dossier, article.outlet, url),
                html.escape(article.published or "undated"),
                f'<a href="{html.escape(url(article_path(version)))}">'
                f"{html.escape(article.title)}</a>",
            ]
            if version == versions[0]:
                facts.append(FIRST)
            else:
                share = percent(rep.share(version, versions[0]))
                compare = html.escape(url(compare_path(version)))
                facts.append(f"{share} of its text in the first appearance")
                if rep.matches_first(version):
                    facts.append(f'<a href="{compare}">side by side</a>')
            items.append("<li>" + " · ".join(facts) + "</li>")
        start = versions.index(ids[0]) + 1
        sections.append(
            f'<section class="dossier-cluster"{ident}>\n<h2>{head}</h2>\n'
            f'<p class="dossier-note">{plural(len(versions), "version")}</p>\n'
            f'<ol start="{start}">\n' + "\n".join(items) + "\n</ol>\n</section>"
        )
    return "<div data-pagefind-ignore>\n" + "\n".join(sections) + "\n</div>"


def _compare_page(
    dossier: Dossier, index: DossierIndex, first_id: str, version_id: str, settings: RenderSettings
) -> Page:
    rep = index.republications
    path = compare_path(version_id)
    url = urls(settings, path)
    first = index.articles[first_id].article
    version = index.articles[version_id].article

    def who(article, role: str) -> str:
        target = html.escape(url(article_path(article.id)))
        link = f'<a href="{target}">{html.escape(article.title)}</a>'
        date = html.escape(article.published or "undated")
        return f"{role}: {link} {outlet_badge(dossier, article.outlet, url)} {date}"

    page, anchor = cluster_place(index, version_id, settings)
    intro = (
        f"<p>{who(first, 'First appearance')}</p>\n<p>{who(version, 'This version')}</p>\n"
        f"<p>{percent(rep.share(version_id, first_id))} of this version's text is in the first "
        f"appearance; {percent(rep.share(first_id, version_id))} of the first appearance's text "
        "is in this version. <del>Struck through</del>: text of the first appearance that this "
        "version does not have; <ins>underlined</ins>: text this version has that the first "
        f'appearance does not. <a href="{html.escape(url(page, anchor))}">Every version</a>.</p>'
    )
    parts: list[Part] = [
        meta(f"Side by side: {version.title}", searchable=False),
        heading(1, f"Side by side: {version.title}"),
        Raw(f'<div class="dossier-card" data-pagefind-ignore>\n{intro}\n</div>'),
        Lazy(lambda: side_by_side(first.body, version.body)),
    ]
    return make_page(path, parts)

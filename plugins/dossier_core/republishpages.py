"""Republication pages: "Also published by" on article pages, the list of clusters, and
a side-by-side view of each version against the first appearance (republish.py finds
them).

Article text shown here is escaped like the article pages' (every character of Markdown
or HTML syntax a character reference), and these pages stay out of the search index:
they repeat text that is searched on the article pages.
"""

from __future__ import annotations

import html
from functools import partial
from itertools import groupby
from typing import TYPE_CHECKING

from .listing import chunks, numbered, pager
from .pagekit import Lazy, Page, Raw, article_path, heading, href, make_page, meta, plural
from .textdiff import side_by_side

if TYPE_CHECKING:
    from collections.abc import Callable

    from .dossier import Dossier
    from .linking import ArticleLinks, DossierIndex

LIST_PATH = "republications/index.md"
ROWS_PER_PAGE = 200  # versions per page of the list of clusters
FIRST = '<strong class="dossier-first">first appearance</strong>'
RULE = (
    "The first appearance is the version with the earliest date in the dossier (then the "
    "smallest id); an undated version comes last, and a year or a month alone counts as "
    "its first day."
)


def compare_path(article_id: str) -> str:
    """The side-by-side view of a later version and the first appearance (made when the
    version matches the first itself: republish.Republications.matches_first)."""
    return f"republications/compare/{article_id}.md"


def percent(share: float) -> str:
    """'84%': rounded down, so that 100% means every shingle is in common."""
    return f"{int(share * 100 + 1e-9)}%"


def _badge(dossier: Dossier, outlet_id: str, url: Callable[[str], str]) -> str:
    # articlepage imports this module (for the article page's section): import at call time.
    from .articlepage import outlet_badge

    return outlet_badge(dossier, outlet_id, url)


def _cluster_place(index: DossierIndex, article_id: str) -> tuple[str, str]:
    """(page path, anchor) of the article's cluster in the list of clusters."""
    rep = index.republications
    number = rep.cluster_of[article_id]
    page = rep.offsets[number] // ROWS_PER_PAGE + 1
    return numbered(LIST_PATH, page), f"c-{rep.clusters[number][0]}"


def also_published(
    dossier: Dossier, index: DossierIndex, entry: ArticleLinks, url: Callable[..., str]
) -> list[str | Lazy]:
    """The article page's "Also published by" section, or nothing if it has no twin."""
    if not index.republications.versions(entry.article.id):
        return []
    return [heading(2, "Also published by"), Lazy(lambda: _also(dossier, index, entry, url))]


def _also(dossier: Dossier, index: DossierIndex, entry: ArticleLinks, url) -> str:
    rep = index.republications
    me = entry.article.id
    versions = rep.versions(me)
    first = versions[0]
    items = []
    for other_id in rep.shown(me):
        other = index.articles[other_id].article
        facts = [
            _badge(dossier, other.outlet, url),
            html.escape(other.published or "undated"),
            f'<a href="{html.escape(url(article_path(other_id)))}">{html.escape(other.title)}</a>',
            f"{percent(rep.share(me, other_id))} of this text",
        ]
        if other_id == first:
            facts.append(FIRST)
        # The view compares a version with the first appearance (when it has one).
        compared = other_id if me == first else me if other_id == first else ""
        if compared and rep.matches_first(compared):
            target = compare_path(compared)
            facts.append(f'<a href="{html.escape(url(target))}">side by side</a>')
        items.append("<li>" + " · ".join(facts) + "</li>")
    which = "this is the first appearance" if me == first else "the first appearance is marked"
    intro = (
        f"One of {len(versions)} versions of the same text in the dossier; {which}. The share "
        "is the part of this article's text also found in each version."
    )
    more = ""
    if len(versions) - 1 > len(items):
        page, anchor = _cluster_place(index, me)
        more = f'<p><a href="{html.escape(url(page, anchor))}">All {len(versions)} versions</a></p>'
    # Other articles' titles are their own pages' search text, not this one's.
    return (
        f'<div class="dossier-republished" data-pagefind-ignore>\n<p>{intro}</p>\n'
        f"<ul>\n" + "\n".join(items) + f"\n</ul>{more}\n</div>"
    )


def republished_key(index: DossierIndex, article_id: str) -> tuple:
    """What the section shows, for the article page's key (`mkdocs serve --dirty`)."""
    rep = index.republications
    if not rep.versions(article_id):
        return ()
    shown = []
    for other_id in rep.shown(article_id):
        other = index.articles[other_id].article
        share = percent(rep.share(article_id, other_id))
        shown.append((other_id, other.title, other.outlet, other.published, share))
    return (rep.versions(article_id)[0], len(rep.versions(article_id)), tuple(shown),
            _cluster_place(index, article_id))  # fmt: skip


def republication_pages(
    dossier: Dossier, index: DossierIndex, directory_urls: bool = True
) -> list[Page]:
    """The list of clusters (numbered pages of at most ROWS_PER_PAGE versions), then a
    side-by-side page for every later version that matches the first appearance itself."""
    rep = index.republications
    rows = [(n, v) for n, versions in enumerate(rep.clusters) for v in versions]
    groups = chunks(rows, ROWS_PER_PAGE)
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
        parts: list[str | Lazy] = [
            meta(title, searchable=False),
            heading(1, title),
            Raw(f"<p>{intro}</p>"),
        ]
        if group:
            parts.append(Lazy(partial(_clusters, dossier, index, path, group, directory_urls)))
        parts.append(pager(LIST_PATH, number, len(groups), directory_urls))
        pages.append(make_page(path, parts))
    for versions in rep.clusters:
        for version in versions[1:]:
            if rep.matches_first(version):
                pages.append(_compare_page(dossier, index, versions[0], version, directory_urls))
    return pages


def _clusters(dossier: Dossier, index: DossierIndex, path: str, rows, directory_urls: bool) -> str:
    """The part of the list on one page: a section per cluster, its versions by date."""
    rep = index.republications
    url = lambda target, anchor="": href(path, target, directory_urls, anchor)  # noqa: E731
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
                _badge(dossier, article.outlet, url),
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
    dossier: Dossier, index: DossierIndex, first_id: str, version_id: str, directory_urls: bool
) -> Page:
    rep = index.republications
    path = compare_path(version_id)
    url = lambda target, anchor="": href(path, target, directory_urls, anchor)  # noqa: E731
    first = index.articles[first_id].article
    version = index.articles[version_id].article

    def who(article, role: str) -> str:
        target = html.escape(url(article_path(article.id)))
        link = f'<a href="{target}">{html.escape(article.title)}</a>'
        date = html.escape(article.published or "undated")
        return f"{role}: {link} {_badge(dossier, article.outlet, url)} {date}"

    page, anchor = _cluster_place(index, version_id)
    intro = (
        f"<p>{who(first, 'First appearance')}</p>\n<p>{who(version, 'This version')}</p>\n"
        f"<p>{percent(rep.share(version_id, first_id))} of this version's text is in the first "
        f"appearance; {percent(rep.share(first_id, version_id))} of the first appearance's text "
        "is in this version. <del>Struck through</del>: text of the first appearance that this "
        "version does not have; <ins>underlined</ins>: text this version has that the first "
        f'appearance does not. <a href="{html.escape(url(page, anchor))}">Every version</a>.</p>'
    )
    parts: list[str | Lazy] = [
        meta(f"Side by side: {version.title}", searchable=False),
        heading(1, f"Side by side: {version.title}"),
        Raw(f'<div class="dossier-card" data-pagefind-ignore>\n{intro}\n</div>'),
        Lazy(lambda: side_by_side(first.body, version.body)),
    ]
    return make_page(path, parts)

"""What the article page and the republication pages share about a text published more
than once: the article page's "Also published by" section (and its part of the page's
key), the place of a cluster in the list, the side-by-side view's path, shares as
percentages."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from .listing import numbered
from .pagekit import Lazy, Part, article_path, heading
from .parts import Url, outlet_badge, urls
from .settings import RenderSettings

if TYPE_CHECKING:
    from .dossier import Dossier
    from .linking import ArticleLinks, DossierIndex

LIST_PATH = "republications/index.md"
FIRST = '<strong class="dossier-first">first appearance</strong>'


def compare_path(article_id: str) -> str:
    """The side-by-side view of a later version and the first appearance (made when the
    version matches the first itself: republish.Republications.matches_first)."""
    return f"republications/compare/{article_id}.md"


def percent(share: float) -> str:
    """'84%': rounded down, so that 100% means every shingle is in common."""
    return f"{int(share * 100 + 1e-9)}%"


def cluster_place(
    index: DossierIndex, article_id: str, settings: RenderSettings
) -> tuple[str, str]:
    """(page path, anchor) of the article's cluster in the list of clusters."""
    rep = index.republications
    number = rep.cluster_of[article_id]
    page = rep.offsets[number] // settings.republication_rows_per_page + 1
    return numbered(LIST_PATH, page), f"c-{rep.clusters[number][0]}"


def also_published(
    dossier: Dossier, index: DossierIndex, entry: ArticleLinks, settings: RenderSettings
) -> list[Part]:
    """The article page's "Also published by" section, or nothing if it has no twin."""
    if not index.republications.versions(entry.article.id):
        return []
    url = urls(settings, article_path(entry.article.id))
    return [
        heading(2, "Also published by"),
        Lazy(lambda: _also(dossier, index, entry, url, settings)),
    ]


def _also(
    dossier: Dossier, index: DossierIndex, entry: ArticleLinks, url: Url, settings: RenderSettings
) -> str:
    rep = index.republications
    me = entry.article.id
    versions = rep.versions(me)
    first = versions[0]
    items = []
    for other_id in rep.shown(me):
        other = index.articles[other_id].article
        facts = [
            outlet_badge(dossier, other.outlet, url),
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
        page, anchor = cluster_place(index, me, settings)
        more = f'<p><a href="{html.escape(url(page, anchor))}">All {len(versions)} versions</a></p>'
    # Other articles' titles are their own pages' search text, not this one's.
    return (
        f'<div class="dossier-republished" data-pagefind-ignore>\n<p>{intro}</p>\n'
        f"<ul>\n" + "\n".join(items) + f"\n</ul>{more}\n</div>"
    )


def republished_key(index: DossierIndex, article_id: str, settings: RenderSettings) -> tuple:
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
            cluster_place(index, article_id, settings))  # fmt: skip

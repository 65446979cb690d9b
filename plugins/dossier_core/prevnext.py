"""Previous and next article links at the end of an article page, in time order
(chronology.py: by date, undated articles last, ties by id).

A nav landmark of two links, each saying which way it goes, then the title, outlet and
date of the article it leads to. The look follows Material's footer links (a direction
over a title, an arrow) but in the page's own colours, since it sits in the content.
The article page's key holds what this shows (`neighbour_key`), so a neighbour's new
title, date or outlet renders the page again while serving.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from .chronology import neighbours
from .model import Article
from .pagekit import article_path
from .parts import Url, outlet_name

if TYPE_CHECKING:
    from .dossier import Dossier

esc = html.escape


def neighbour_key(dossier: Dossier, article_id: str) -> tuple[object, ...]:
    """What the links show of the neighbours, for the page's key (articlekey.py)."""
    return tuple(
        (other.id, other.title, other.language, other.published, other.outlet) if other else None
        for other in neighbours(dossier.articles, article_id)
    )


def previous_next(dossier: Dossier, article: Article, url: Url) -> str:
    """The nav block; empty when the dossier has one article."""
    before, after = neighbours(dossier.articles, article.id)
    if before is None and after is None:
        return ""
    links = [
        _link(dossier, other, url, way)
        for other, way in ((before, "previous"), (after, "next"))
        if other is not None
    ]
    # Other articles' titles are their own pages' search text, not this one's.
    return (
        '<nav class="dossier-prevnext" aria-label="Previous and next article" '
        "data-pagefind-ignore>\n" + "\n".join(links) + "\n</nav>"
    )


def _link(dossier: Dossier, other: Article, url: Url, way: str) -> str:
    """One link; its name for screen readers says the way first ("Previous article:
    <title>, <outlet>, <date>"), the arrows being decoration."""
    arrow = '<span aria-hidden="true">{}</span>'
    before = arrow.format("← ") if way == "previous" else ""
    after = arrow.format(" →") if way == "next" else ""
    where = f"{outlet_name(dossier, other.outlet)}, {other.published or 'undated'}"
    name = f"{way.capitalize()} article: {other.title}, {where}"
    return (
        f'<a class="dossier-prevnext__link dossier-prevnext__link--{way}" rel="{way[:4]}" '
        f'href="{esc(url(article_path(other.id)))}" aria-label="{esc(name)}">'
        f'<span class="dossier-prevnext__way">{before}{way.capitalize()} article{after}</span> '
        f'<span class="dossier-prevnext__title" lang="{esc(other.language)}">'
        f"{esc(other.title)}</span> "
        f'<span class="dossier-prevnext__meta">{esc(where)}</span></a>'
    )

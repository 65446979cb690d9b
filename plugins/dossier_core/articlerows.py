"""The table of articles that the articles index and the tag pages show: one row per
article with its date, title and summary excerpt, outlet badge and annotation count.

The rows are finished HTML for a Raw block. articles.js renders the same rows from
the articles data (articledata.py) when a reader sorts or filters the index, so the
two must agree: the classes and the cells' order here are the script's too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .model import Article
from .pagekit import article_path
from .parts import outlet_badge, urls
from .settings import RenderSettings

if TYPE_CHECKING:
    from .dossier import Dossier
    from .linking import DossierIndex

esc = html.escape
EXCERPT = 140  # characters of summary a row shows, at most (then "…")
# The columns a reader can sort by (articles.js): key, header text, first direction.
COLUMNS = (
    ("date", "Date", "descending"),
    ("title", "Title", "ascending"),
    ("outlet", "Outlet", "ascending"),
    ("annotations", "Annotations", "descending"),
)

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")  # [text](url) -> text
_MARKUP = re.compile(r"(?<!\w)[*_]+|[*_]+(?!\w)|`+|^\s*(?:#+|>|[-+*]|\d+\.)\s+", re.M)


def excerpt(summary: str, limit: int = EXCERPT) -> str:
    """A summary (analysts' Markdown) as plain text on one line, cut at a word near
    `limit` characters. Plain text: the page escapes it, the script sets it as text."""
    text = _MARKUP.sub("", _LINK.sub(r"\1", summary))
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:.-–—") + "…"


def unit(count: int) -> str:
    """The word after a row's count: shown in the phone layout, read by screen readers."""
    return "annotation" if count == 1 else "annotations"


def date_cell(published: str) -> str:
    """The date (never broken across lines: the stylesheet keeps it whole)."""
    if not published:
        return '<td class="dossier-articles__date">undated</td>'
    return f'<td class="dossier-articles__date"><time datetime="{esc(published)}">{esc(published)}</time></td>'  # noqa: E501


def articles_table(
    dossier: Dossier, index: DossierIndex, path: str, articles: Sequence[Article],
    settings: RenderSettings,
) -> str:  # fmt: skip
    """The table of `articles` for the page at `path`, in the order given."""
    url = urls(settings, path)
    head = "".join(
        f'<th scope="col" data-sort="{key}"'
        + (' aria-sort="descending"' if key == "date" else "")
        + f">{name}</th>"
        for key, name, _ in COLUMNS
    )
    rows = []
    badge = lambda outlet: outlet_badge(dossier, outlet, url)  # noqa: E731
    for article in articles:
        count = len(index.articles[article.id].annotations)
        summary = excerpt(article.summary)
        rows.append(
            "<tr>"
            + date_cell(article.published)
            + f'<td class="dossier-articles__title"><a href="{esc(url(article_path(article.id)))}"'
            f' lang="{esc(article.language)}">{esc(article.title)}</a>'
            + (f'<span class="dossier-articles__excerpt">{esc(summary)}</span>' if summary else "")
            + "</td>"
            f'<td class="dossier-articles__outlet">{badge(article.outlet)}</td>'
            f'<td class="dossier-articles__count">{count}'
            f'<span class="dossier-articles__unit"> {unit(count)}</span></td>'
            "</tr>"
        )
    body = "\n".join(rows)
    return (
        '<table class="dossier-articles-table">\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"
    )

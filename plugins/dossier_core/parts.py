"""HTML parts that several kinds of page show: links, the outlet badge and name, label
chips, an article's heading and a passage in context in a listing.

Page modules (articlepage, actorpages, outletpages, labelpages, indexes,
republishpages) take what they share from here, never from each other.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from .escaping import escape
from .model import Anchored, Article, Label
from .pagekit import article_path, snippet, source_path
from .richtext import inline_note
from .settings import RenderSettings
from .text import slugify

if TYPE_CHECKING:
    from .dossier import Dossier
    from .linking import DossierIndex

esc = html.escape
UNRECORDED = "outlet not recorded"  # an article whose outlet is not in sources.yml


class Url(Protocol):
    """A page's links: the final URL of a target path (and anchor) from that page."""

    def __call__(self, target: str, anchor: str = "") -> str: ...


def urls(settings: RenderSettings, path: str) -> Url:
    """The links of the page at `path` (settings.href bound to it)."""

    def url(target: str, anchor: str = "") -> str:
        return settings.href(path, target, anchor)

    return url


def a(url: str, text: str) -> str:
    """An HTML link with escaped text."""
    return f'<a href="{esc(url)}">{esc(text)}</a>'


def outlet_name(dossier: Dossier, outlet_id: str) -> str:
    """The outlet's name, or that it is not recorded."""
    source = dossier.registry.sources.get(outlet_id)
    return source.name if source else UNRECORDED


def outlet_badge(dossier: Dossier, outlet_id: str, url: Callable[[str], str]) -> str:
    """The outlet badge: name and label, linked to the outlet page; never hidden.

    HTML whose text is escaped with character references only, so it reads the same
    in a Raw block and inside a Markdown paragraph (the outlet page's header).
    """
    source = dossier.registry.sources.get(outlet_id)
    if source is None:
        text = UNRECORDED.capitalize()
        return f'<span class="dossier-badge dossier-badge--unknown">{text}</span>'
    label = source.labels[0].label if source.labels else source.type
    slug = slugify(label)  # a CSS class: analysts' text must not reach it raw
    if source.unidentified:
        slug = "unidentified"
    text = escape(source.name)
    if not _repeats(source.name, label):
        text += f" · {escape(label)}"
    target = esc(url(source_path(source.id)))
    return f'<a class="dossier-badge dossier-badge--{slug}" href="{target}">{text}</a>'


def _repeats(name: str, label: str) -> bool:
    """Whether the label only repeats the name's words ("Unidentified site 1" and
    "unidentified", "Unknown outlet" and "unknown outlet"): the badge then shows the
    name alone, never the same words twice."""
    words = set(slugify(name, limit=200).split("-"))
    return set(slugify(label, limit=200).split("-")) <= words


def in_dossier(index: DossierIndex, actor_id: str) -> bool:
    """Whether an article names the actor (or the analyst added it to one) or an
    annotation is about it. A glossary entry nothing in the dossier refers to gets no
    page and stays off the actors index: no link leads to it, and a reader would find
    a name the dossier never uses."""
    return bool(index.articles_by_actor.get(actor_id) or index.annotations_by_actor.get(actor_id))


def chip(label: Label) -> str:
    """A swatch of the label's highlight colour (decorative: the name is always written)."""
    return f'<span class="dossier-chip dossier-hl--{label.id}" aria-hidden="true"></span>'


def article_heading(url: str, title: str, outlet: str, published: str) -> str:
    """'<a>Title</a> Outlet, date' heading an article's entry in a listing (HTML)."""
    where = esc(f"{outlet}, {published or 'undated'}")
    return f'{a(url, title)} <span class="dossier-note">{where}</span>'


def in_context(
    body: str, start: int, end: int, url: str, mark_class: str = "", width: int = 70
) -> str:
    """'…before <a><strong|mark>match</…></a> after…' as HTML."""
    before, match, after = snippet(body, start, end, width)
    inner = esc(match)
    inner = (
        f'<mark class="{mark_class}">{inner}</mark>' if mark_class else f"<strong>{inner}</strong>"
    )
    return f'{esc(before)}<a href="{esc(url)}">{inner}</a>{esc(after)}'


def annotated_passage(
    dossier: Dossier, index: DossierIndex, path: str, article_id: str, item: Anchored,
    settings: RenderSettings, verdict: bool = False,
) -> str:  # fmt: skip
    """An annotation in a listing (label, actor and narrative pages): the article, its
    outlet and date; the passage in context, highlighted and linked to its place in the
    article; the verdict (when asked for) and the note."""
    article = index.articles[article_id].article
    if settings.memo is None:
        return _passage(dossier, path, article, item, settings, verdict)
    return settings.memo.item(
        ("passage", path, article_id, item.number, verdict),
        (article, item),
        lambda: _passage(dossier, path, article, item, settings, verdict),
    )


def _passage(
    dossier: Dossier, path: str, article: Article, item: Anchored, settings: RenderSettings,
    verdict: bool,
) -> str:  # fmt: skip
    article_id = article.id
    url = settings.href(path, article_path(article_id))
    head = article_heading(url, article.title, outlet_name(dossier, article.outlet),
                           article.published)  # fmt: skip
    target = settings.href(path, article_path(article_id), item.anchor)
    css = f"dossier-hl dossier-hl--{item.annotation.label}"
    text = in_context(article.body, item.start, item.end, target, css, width=60)
    annotation = item.annotation
    said = f" · verdict: {escape(annotation.verdict)}" if verdict and annotation.verdict else ""
    note = inline_note(annotation.note) if annotation.note else ""
    note_html = f'<br><span class="dossier-note">{note}</span>' if note else ""
    return f"{head}{said}<br>{text}{note_html}"

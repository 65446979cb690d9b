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
from .model import Label
from .pagekit import snippet, source_path
from .settings import RenderSettings
from .text import slugify

if TYPE_CHECKING:
    from .dossier import Dossier

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
    text = f"{escape(source.name)} · {escape(label)}"
    target = esc(url(source_path(source.id)))
    return f'<a class="dossier-badge dossier-badge--{slug}" href="{target}">{text}</a>'


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

"""The article page's notes: one per annotation, in Python-Markdown's footnote markup
(which Material's footnote tooltips read), linked to the label page and the actors."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import TYPE_CHECKING

from .escaping import escape_attribute
from .framing import about_places
from .model import Anchored
from .narratives import narrative_path
from .pagekit import Lazy, Part, actor_path, heading, label_path
from .richtext import inline_note
from .settings import RenderSettings

if TYPE_CHECKING:
    from .dossier import Dossier
    from .linking import ArticleLinks, DossierIndex


def note_html(
    dossier: Dossier, path: str, item: Anchored, settings: RenderSettings,
    about: Mapping[str, tuple[str, str]] | None = None,
) -> str:  # fmt: skip
    """One line of HTML: label (linked), verdict, note, evidence, actors (each linked to
    the place on its pages that shows this note: `about`, actor id -> page, anchor)."""
    about = about or {}
    annotation = item.annotation
    label = dossier.registry.labels[annotation.label]
    url = settings.href(path, label_path(label.id))
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
            f'<a href="{settings.href(path, *about.get(a, (actor_path(a), "")))}">'
            f"{html.escape(actors[a].name)}</a>"
            for a in annotation.actors
        )
        parts.append(f"About: {names}")
    narrative = dossier.registry.narratives.get(annotation.narrative)
    if narrative is not None:
        target = settings.href(path, narrative_path(narrative.id))
        parts.append(f'Narrative: <a href="{target}">{html.escape(narrative.title)}</a>')
    return " · ".join(parts)


def article_notes(
    dossier: Dossier, path: str, entry: ArticleLinks, settings: RenderSettings,
    index: DossierIndex | None = None,
) -> list[Part]:  # fmt: skip
    """The notes: a heading, then the list (shown in print and without JavaScript too)."""
    if not entry.annotations:
        return []
    return [heading(2, "Notes"), Lazy(lambda: _notes(dossier, path, entry, settings, index))]


def _notes(
    dossier: Dossier, path: str, entry: ArticleLinks, settings: RenderSettings,
    index: DossierIndex | None,
) -> str:  # fmt: skip
    size = settings.actor_annotations_per_page
    places = about_places(index, dossier.registry.labels, entry, size) if index else {}
    items = []
    for number, item in enumerate(sorted(entry.annotations, key=lambda a: a.number), start=1):
        back = (
            f'<a class="footnote-backref" href="#fnref:{item.anchor}" '
            f'title="Jump back to note {number} in the text">&#8617;</a>'
        )
        about = {actor: place for (n, actor), place in places.items() if n == item.number}
        note = note_html(dossier, path, item, settings, about)
        items.append(f'<li id="fn:{item.anchor}"><p>{note}&#160;{back}</p></li>')
    notes = "\n".join(items)
    return f'<div class="footnote">\n<ol>\n{notes}\n</ol>\n</div>'

"""The article page's notes: one per annotation, in reading order, in Python-Markdown's
footnote markup (each note's id is fn:<anchor>, its marker's fnref:<anchor>), each with
its passage, label, verdict, note, actors, narrative and evidence. notes.js builds the
note shown at the highlight (popover, margin) from these items, so they are also what
a reader without JavaScript, or a printed page, has."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import TYPE_CHECKING

from .escaping import escape_attribute, escape_inline
from .framing import about_places
from .model import Anchored
from .narratives import narrative_path
from .pagekit import Lazy, Part, actor_path, heading, label_path
from .parts import chip
from .richtext import inline_note
from .settings import RenderSettings

if TYPE_CHECKING:
    from .dossier import Dossier
    from .linking import ArticleLinks, DossierIndex

PASSAGE_WORDS = 20  # a longer passage is shortened to its first words and an ellipsis
# What search should not index or quote: the chrome around the analyst's words (Pagefind
# skips an element with this attribute, and its excerpts then come from the text).
UNSEARCHED = " data-pagefind-ignore"


def passage_text(body: str, item: Anchored) -> str:
    """The passage as the note repeats it: its words (white space made single spaces),
    the first PASSAGE_WORDS and an ellipsis when longer; escaped (HTML and Markdown)."""
    words = body[item.start : item.end].split()
    short = " ".join(words[:PASSAGE_WORDS]) + (" …" if len(words) > PASSAGE_WORDS else "")
    return escape_inline(short)


def note_html(
    dossier: Dossier, path: str, item: Anchored, settings: RenderSettings,
    about: Mapping[str, tuple[str, str]] | None = None,
) -> str:  # fmt: skip
    """A note's parts as HTML (no passage): its head (label chip, linked label name,
    verdict), the note, then a line of links: actors (each to the place on its pages
    that shows this note: `about`, actor id -> page, anchor), narrative, evidence."""
    about = about or {}
    annotation = item.annotation
    label = dossier.registry.labels[annotation.label]
    url = settings.href(path, label_path(label.id))
    head = f'{chip(label)}<strong><a href="{url}">{html.escape(label.name)}</a></strong>'
    if annotation.verdict:
        verdict = html.escape(annotation.verdict)
        head += f' <span class="dossier-notes__verdict">(verdict: {verdict})</span>'
    parts = [f'<p class="dossier-notes__head">{head}</p>']
    if annotation.note:
        parts.append(f'<p class="dossier-notes__text">{inline_note(annotation.note)}</p>')
    links = []
    if annotation.actors:
        actors = dossier.registry.actors
        names = ", ".join(
            f'<a href="{settings.href(path, *about.get(a, (actor_path(a), "")))}">'
            f"{html.escape(actors[a].name)}</a>"
            for a in annotation.actors
        )
        links.append(f'<span class="dossier-notes__about">About: {names}</span>')
    narrative = dossier.registry.narratives.get(annotation.narrative)
    if narrative is not None:
        target = settings.href(path, narrative_path(narrative.id))
        links.append(
            f'<span class="dossier-notes__narrative">Narrative: <a href="{target}">'
            f"{html.escape(narrative.title)}</a></span>"
        )
    if annotation.links:
        evidence = ", ".join(
            f'<a href="{escape_attribute(e.url)}" rel="noopener noreferrer nofollow">'
            f"{html.escape(e.title or e.url)}</a>"
            for e in annotation.links
        )
        links.append(f'<span class="dossier-notes__evidence">Evidence: {evidence}</span>')
    if links:
        parts.append(f'<p class="dossier-notes__links"{UNSEARCHED}>{" · ".join(links)}</p>')
    return "".join(parts)


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
    body = entry.article.body
    items = []
    for item in sorted(entry.annotations, key=lambda a: a.number):
        number = item.number
        back = (
            f'<a class="footnote-backref" href="#fnref:{item.anchor}"{UNSEARCHED} '
            f'title="Back to the passage of note {number} in the text" '
            f'aria-label="Back to the passage of note {number} in the text">&#8617;</a>'
        )
        mark = f'<mark class="dossier-hl dossier-hl--{item.annotation.label}">'
        passage = (
            f'<p class="dossier-notes__passage"{UNSEARCHED}>'
            f"{mark}{passage_text(body, item)}</mark> {back}</p>"
        )
        about = {actor: place for (n, actor), place in places.items() if n == number}
        note = note_html(dossier, path, item, settings, about)
        items.append(f'<li id="fn:{item.anchor}" data-a="{item.anchor}">{passage}{note}</li>')
    notes = "\n".join(items)
    return f'<div class="footnote dossier-notes">\n<ol>\n{notes}\n</ol>\n</div>'

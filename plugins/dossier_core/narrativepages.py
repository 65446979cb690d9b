"""Narrative pages (a narrative's claim, its spread, its refutation and every occurrence
across outlets in time order, on numbered pages) and the narratives index (ranked by
reach)."""

from __future__ import annotations

import html
from collections import Counter
from typing import TYPE_CHECKING

from .escaping import escape, escape_attribute
from .listing import Listing, paged
from .model import Narrative
from .narratives import (
    NARRATIVES_INDEX,
    Occurrence,
    narrative_path,
    narrative_reach,
    occurrences,
    spread,
)  # fmt: skip
from .pagekit import Page, Part, Raw, article_path, heading, label_path, link, meta, plural
from .parts import article_heading, in_context, outlet_name
from .richtext import inline_note
from .settings import RenderSettings

if TYPE_CHECKING:
    from .dossier import Dossier
    from .linking import DossierIndex

esc = html.escape
OUTLETS_SHOWN = 10  # outlets named in a narrative's spread; the others are counted


def narrative_pages(dossier: Dossier, index: DossierIndex, settings: RenderSettings) -> list[Page]:
    # The index is written even without narratives.yml: the nav links to it.
    narratives = dossier.registry.narratives
    if not narratives:
        return [narratives_index(dossier, index)]
    found = occurrences(dossier, index)
    pages = []
    for narrative in narratives.values():
        pages += pages_of_narrative(dossier, index, narrative, found[narrative.id], settings)
    pages.append(narratives_index(dossier, index))
    return pages


def pages_of_narrative(
    dossier: Dossier, index: DossierIndex, narrative: Narrative, items: list[Occurrence],
    settings: RenderSettings,
) -> list[Page]:  # fmt: skip
    """Summary, spread and refutation, then the occurrences in time order,
    settings.label_passages_per_page to a page; the first appearance is marked."""
    first = items[0] if items else None

    def head(path: str) -> list[Part]:
        parts: list[Part] = [escape(narrative.summary)]
        # Figures and the page's own headings are not search text (excerpts show the
        # summary and the refutation).
        parts.append(Raw(f"<div data-pagefind-ignore>{_spread(dossier, items)}</div>"))
        if narrative.refutation:
            parts += [heading(2, "Refutation"), Raw(_refutation(narrative))]
        parts.append(heading(2, f"Occurrences: {plural(len(items), 'passage')}", searched=False))
        if not items:
            parts.append("No annotation of the dossier carries this narrative yet.")
        else:
            order = "In time order (article date), the first appearance marked."
            parts.append(Raw(f"<p data-pagefind-ignore>{order}</p>"))
        return parts

    def item(path: str, occurrence: Occurrence) -> str:
        return _occurrence(dossier, index, path, occurrence, occurrence is first, settings)

    listing = Listing(
        first=narrative_path(narrative.id), title=narrative.title, more="occurrences",
        description=narrative.summary, items=items, size=settings.label_passages_per_page,
        item=item, css="dossier-passages dossier-narrative", head=head,
    )  # fmt: skip
    return paged(listing, settings)


def _spread(dossier: Dossier, items: list[Occurrence]) -> str:
    """'Spread: 5 passages in 3 outlets over 230 days (2019-01 to 2019-08)' and the
    outlets with their counts, most first."""
    outlets, first, last, days = spread(items)
    text = f"<strong>Spread</strong> {plural(len(items), 'passage')} in {plural(outlets, 'outlet')}"
    if first:
        text += f", {plural(days, 'day')} from the first to the last ({esc(first)} to {esc(last)})"
    counts = Counter(o.outlet for o in items)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], outlet_name(dossier, kv[0]), kv[0]))
    names = [f"{esc(outlet_name(dossier, o))} ({n})" for o, n in ranked[:OUTLETS_SHOWN]]
    if len(ranked) > OUTLETS_SHOWN:
        names.append(f"and {plural(len(ranked) - OUTLETS_SHOWN, 'more outlet')}")
    lines = [f'<p class="dossier-spread">{text}</p>']
    if names:
        lines.append(f"<p><strong>Outlets</strong> {', '.join(names)}</p>")
    return "\n".join(lines)


def _refutation(narrative: Narrative) -> str:
    sources = []
    for source in narrative.sources:
        title = esc(source.title)
        if source.url:
            url = escape_attribute(source.url)
            title = f'<a href="{url}" rel="noopener noreferrer nofollow">{title}</a>'
        sources.append(f"<li>{title}</li>")
    listed = f'\n<ul class="dossier-sources">\n{chr(10).join(sources)}\n</ul>' if sources else ""
    return f'<div class="dossier-refutation">\n<p>{esc(narrative.refutation)}</p>{listed}\n</div>'


def _occurrence(
    dossier: Dossier, index: DossierIndex, path: str, occurrence: Occurrence, first: bool,
    settings: RenderSettings,
) -> str:  # fmt: skip
    """Article, outlet and date, the passage in context linked to its place on the
    article page, its label and note; the first appearance marked."""
    article = index.articles[occurrence.article_id].article
    item = occurrence.item
    url = settings.href(path, article_path(article.id))
    outlet = outlet_name(dossier, article.outlet)
    head = article_heading(url, article.title, outlet, article.published)
    if first:
        head = f'<strong class="dossier-first">First appearance</strong> {head}'
    target = settings.href(path, article_path(article.id), item.anchor)
    css = f"dossier-hl dossier-hl--{item.annotation.label}"
    text = in_context(article.body, item.start, item.end, target, css, width=60)
    label = dossier.registry.labels[item.annotation.label]
    marked = f'<a href="{esc(settings.href(path, label_path(label.id)))}">{esc(label.name)}</a>'
    note = f" · {inline_note(item.annotation.note)}" if item.annotation.note else ""
    return f'{head}<br>{text}<br><span class="dossier-note">{marked}{note}</span>'


def narratives_index(dossier: Dossier, index: DossierIndex) -> Page:
    """Every narrative, widest reach first (outlets, then occurrences)."""
    path = NARRATIVES_INDEX
    lines = [meta("Narratives", searchable=False), "", "# Narratives", ""]
    lines.append(
        "Claims the dossier tracks across outlets, widest reach first: the number of "
        "outlets that carry each, then its passages. Follow a narrative for every "
        "passage, in time order, and its refutation."
    )
    if not dossier.registry.narratives:
        lines += ["", "This dossier follows no narrative yet: define them in "
                  "`narratives.yml` beside `actors.yml`, and point annotations at them with "
                  "`narrative:` (see the guide)."]  # fmt: skip
        return Page(path, "\n".join(lines) + "\n")
    lines += ["", "| Narrative | Outlets | Passages | First | Last | Days |",
              "| --- | ---: | ---: | --- | --- | ---: |"]  # fmt: skip
    for reach in narrative_reach(dossier, index):
        name = link(path, narrative_path(reach.narrative_id), reach.title)
        dates = f"{escape(reach.first) or '–'} | {escape(reach.last) or '–'}"
        days = str(reach.days) if reach.first else "–"
        lines.append(f"| {name} | {reach.outlets} | {reach.occurrences} | {dates} | {days} |")
    return Page(path, "\n".join(lines) + "\n")

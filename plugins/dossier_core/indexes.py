"""The section pages: articles, actors by kind, sources. They are the only nav entries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import partial
from html import escape as esc
from typing import TYPE_CHECKING

from .articledata import DATA_PATH
from .articlerows import articles_table
from .chronology import newest_first
from .escaping import escape
from .kinds import ACTOR_KINDS
from .listing import chunks, numbered, pager
from .model import Article
from .pagekit import Lazy, Page, Part, actor_path, link, make_page, meta, plural, source_path
from .parts import UNRECORDED, in_dossier
from .settings import RenderSettings

if TYPE_CHECKING:
    from .dossier import Dossier
    from .linking import DossierIndex


def index_pages(dossier: Dossier, index: DossierIndex, settings: RenderSettings) -> list[Page]:
    return [
        *articles_index(dossier, index, settings),
        actors_index(dossier, index),
        sources_index(dossier, index),
    ]


def _cell(text: str) -> str:
    """Table cells: escaped already, but a pipe or newline would break the row."""
    return " ".join(text.split())


def articles_index(dossier: Dossier, index: DossierIndex, settings: RenderSettings) -> list[Page]:
    """Every article, newest first, settings.index_rows_per_page rows to a page. The
    filters (hidden until articles.js shows them) and the sortable headers work on
    the articles data (articledata.py), so a sort or filter covers every page."""
    first = "articles/index.md"
    ordered = newest_first(dossier.articles)
    pages = chunks(ordered, settings.index_rows_per_page)
    filters = _filters(dossier, index)
    count = plural(len(ordered), "article")
    tagged = any(article.tags for article in ordered)
    result = []
    for number, group in enumerate(pages, start=1):
        path = numbered(first, number)
        title = "Articles" if number == 1 else f"Articles, page {number}"
        intro = f"{count}, newest first (undated ones last)."
        if tagged:
            intro += " " + link(path, "tags/index.md", "Browse them by tag") + "."
        lines: list[Part] = [meta(title, searchable=False), f"# {title}", intro]
        # The rows are rendered when the page is written (pagekit.Lazy).
        lines.append(Lazy(partial(_block, dossier, index, path, group, settings, filters)))
        lines.append(pager(first, number, len(pages), settings))
        result.append(make_page(path, lines))
    return result


def _block(
    dossier: Dossier, index: DossierIndex, path: str, group: Sequence[Article],
    settings: RenderSettings, filters: str,
) -> str:  # fmt: skip
    """The filters, the status line the script fills, and the table; `data-json` is
    where the script finds every article (articledata.py)."""
    data = esc(settings.href(path, DATA_PATH))
    table = articles_table(dossier, index, path, group, settings)
    return (
        f'<div class="dossier-articles" data-dossier-articles data-json="{data}">\n'
        f'{filters}\n<p class="dossier-articles__status" role="status"></p>\n'
        f"{table}\n</div>"
    )


def _filters(dossier: Dossier, index: DossierIndex) -> str:
    """The filter form: a select per outlet, outlet label, annotation label and tag,
    each value with its number of articles. Hidden: it needs articles.js."""
    sources = dossier.registry.sources
    outlets: Counter[str] = Counter(article.outlet for article in dossier.articles)
    outlet_labels: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    for article in dossier.articles:
        source = sources.get(article.outlet)
        outlet_labels.update({label.label for label in source.labels} if source else ())
        labels.update({item.annotation.label for item in index.articles[article.id].annotations})
        tags.update(article.tags)
    names = {i: sources[i].name if i in sources else UNRECORDED for i in outlets}
    label_names = {i: label.name for i, label in dossier.registry.labels.items() if labels[i]}
    selects = [
        _select("outlet", "Outlet", "All outlets",
                sorted(outlets, key=lambda i: (names[i].casefold(), i)), names, outlets),
        _select("olabel", "Outlet label", "Any outlet label",
                sorted(outlet_labels), {}, outlet_labels),
        _select("label", "Annotation label", "Any annotation label",
                list(label_names), label_names, labels),
        _select("tag", "Tag", "Any tag", sorted(tags), {}, tags),
    ]  # fmt: skip
    fields = "\n".join(select for select in selects if select)
    # A group, not a form: nothing is submitted anywhere (the script reads the selects).
    return (
        '<div class="dossier-articles__filters" role="group" aria-label="Filter the articles" '
        f'hidden>\n{fields}\n<button type="button" class="md-button" data-reset>Show all'
        "</button>\n</div>"
    )


def _select(
    name: str, label: str, every: str, values: list[str], names: dict[str, str],
    counts: Counter[str],
) -> str:  # fmt: skip
    """A labelled select: 'every' first, then each value with its count."""
    if not values:
        return ""
    total = f"{every} ({sum(counts.values())})" if name == "outlet" else every
    options = "".join(
        f'<option value="{esc(value)}">{esc(names.get(value, value))} ({counts[value]})</option>'
        for value in values
    )
    return (
        f'<label class="dossier-articles__filter"><span>{label}</span> '
        f'<select name="{name}"><option value="">{total}</option>{options}</select></label>'
    )


def actors_index(dossier: Dossier, index: DossierIndex) -> Page:
    path = "actors/index.md"
    actors = dossier.registry.actors.values()
    lines = [meta("Actors", searchable=False), "", "# Actors", ""]
    lines.append("Everyone and everything the articles name, grouped by kind, with mention counts.")
    for kind, names in ACTOR_KINDS.items():
        listed = (a for a in actors if a.kind == kind and in_dossier(index, a.id))
        group = sorted(listed, key=lambda a: a.name.casefold())
        if not group:
            continue
        lines += [
            "",
            f"## {names.many}",
            "",
            "| Name | Mentions | Articles | Description |",
            "| --- | ---: | ---: | --- |",
        ]
        for actor in group:
            mentions = index.mention_counts.get(actor.id, 0)
            articles = len(index.articles_by_actor.get(actor.id, []))
            name = link(path, actor_path(actor.id), actor.name)
            lines.append(
                f"| {_cell(name)} | {mentions} | {articles} | {_cell(escape(actor.description))} |"
            )
    return Page(path, "\n".join(lines) + "\n")


def sources_index(dossier: Dossier, index: DossierIndex) -> Page:
    path = "sources/index.md"
    lines = [
        meta("Sources", searchable=False),
        "",
        "# Sources",
        "",
        "The outlets of the dossier and how they are labelled.",
        "",
    ]
    lines += ["| Outlet | Type | Label | Articles |", "| --- | --- | --- | ---: |"]
    for source in dossier.registry.sources.values():
        label = source.labels[0].label if source.labels else ""
        count = len(index.articles_by_source.get(source.id, []))
        name = link(path, source_path(source.id), source.name)
        lines.append(
            f"| {_cell(name)} | {_cell(escape(source.type))} | {_cell(escape(label))} | {count} |"
        )
    return Page(path, "\n".join(lines) + "\n")

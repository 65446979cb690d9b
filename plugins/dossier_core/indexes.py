"""The section pages: articles, actors by kind, sources. They are the only nav entries."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from .escaping import escape
from .kinds import ACTOR_KINDS
from .listing import chunks, numbered, pager
from .pagekit import Page, Part, Raw, actor_path, article_path, link, make_page, meta, source_path
from .parts import UNRECORDED, a
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
    """Every article by date, settings.index_rows_per_page rows to a page, as an HTML table."""
    first = "articles/index.md"
    pages = chunks(dossier.articles, settings.index_rows_per_page)
    result = []
    for number, group in enumerate(pages, start=1):
        path = numbered(first, number)
        title = "Articles" if number == 1 else f"Articles, page {number}"
        lines: list[Part] = [meta(title, searchable=False), "", f"# {title}", ""]
        lines += [f"{len(dossier.articles)} articles, oldest first.", ""]
        rows = []
        for article in group:
            source = dossier.registry.sources.get(article.outlet)
            outlet = UNRECORDED
            if source:
                outlet = a(settings.href(path, source_path(source.id)), source.name)
            title_link = a(settings.href(path, article_path(article.id)), article.title)
            actors = len(index.articles[article.id].actor_ids)
            date = html.escape(article.published or "undated")
            rows.append(
                f"<tr><td>{date}</td><td>{outlet}</td><td>{title_link}</td><td>{actors}</td></tr>"
            )
        head = "<thead><tr><th>Date</th><th>Outlet</th><th>Title</th><th>Actors</th></tr></thead>"
        body = "\n".join(rows)
        lines.append(
            Raw(f'<table class="dossier-table">\n{head}\n<tbody>\n{body}\n</tbody>\n</table>')
        )
        lines += ["", pager(first, number, len(pages), settings)]
        result.append(make_page(path, lines, "\n"))
    return result


def actors_index(dossier: Dossier, index: DossierIndex) -> Page:
    path = "actors/index.md"
    actors = dossier.registry.actors.values()
    lines = [meta("Actors", searchable=False), "", "# Actors", ""]
    lines.append("Everyone and everything the articles name, grouped by kind, with mention counts.")
    for kind, names in ACTOR_KINDS.items():
        group = sorted((a for a in actors if a.kind == kind), key=lambda a: a.name.casefold())
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

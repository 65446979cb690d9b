"""The section pages: articles, actors by kind, sources. They are the only nav entries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .markdown import escape
from .pagekit import Page, actor_path, article_path, link, meta, source_path

if TYPE_CHECKING:
    from .dossier import Dossier
    from .linking import DossierIndex

KIND_TITLES = [
    ("person", "People"), ("organisation", "Organisations"), ("institution", "Institutions"),
    ("country", "Countries"), ("city", "Cities"), ("place", "Places"),
]  # fmt: skip


def index_pages(dossier: Dossier, index: DossierIndex) -> list[Page]:
    return [
        articles_index(dossier, index),
        actors_index(dossier, index),
        sources_index(dossier, index),
    ]


def _cell(text: str) -> str:
    """Table cells: escaped already, but a pipe or newline would break the row."""
    return " ".join(text.split())


def articles_index(dossier: Dossier, index: DossierIndex) -> Page:
    path = "articles/index.md"
    lines = [
        meta("Articles"),
        "",
        "# Articles",
        "",
        f"{len(dossier.articles)} articles, oldest first.",
        "",
    ]
    lines += ["| Date | Outlet | Title | Actors |", "| --- | --- | --- | ---: |"]
    for article in dossier.articles:
        source = dossier.registry.sources.get(article.outlet)
        outlet = (
            link(path, source_path(source.id), source.name) if source else "outlet not recorded"
        )
        title = link(path, article_path(article.id), article.title)
        actors = len(index.articles[article.id].actor_ids)
        date = escape(article.published or "undated")
        lines.append(f"| {date} | {_cell(outlet)} | {_cell(title)} | {actors} |")
    return Page(path, "\n".join(lines) + "\n")


def actors_index(dossier: Dossier, index: DossierIndex) -> Page:
    path = "actors/index.md"
    actors = dossier.registry.actors.values()
    lines = [meta("Actors"), "", "# Actors", ""]
    lines.append("Everyone and everything the articles name, grouped by kind, with mention counts.")
    for kind, title in KIND_TITLES:
        group = sorted((a for a in actors if a.kind == kind), key=lambda a: a.name.casefold())
        if not group:
            continue
        lines += [
            "",
            f"## {title}",
            "",
            "| Name | Mentions | Articles | Description |",
            "| --- | ---: | ---: | --- |",
        ]
        for actor in group:
            mentions = len(index.mentions_by_actor.get(actor.id, []))
            articles = len(index.articles_by_actor.get(actor.id, []))
            name = link(path, actor_path(actor.id), actor.name)
            lines.append(
                f"| {_cell(name)} | {mentions} | {articles} | {_cell(escape(actor.description))} |"
            )
    return Page(path, "\n".join(lines) + "\n")


def sources_index(dossier: Dossier, index: DossierIndex) -> Page:
    path = "sources/index.md"
    lines = [
        meta("Sources"),
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

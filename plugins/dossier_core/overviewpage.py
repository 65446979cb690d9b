"""The overview page (overview.md): the dossier as a whole, in key numbers and charts,
every mark a link to the page that lists what it counts (charts.py draws them)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .charts import Category, bar_chart, heatmap, network, time_chart
from .dossier import Dossier
from .dossierstats import (
    HEAT_LABELS,
    HEAT_OUTLETS,
    OTHER,
    TOP_OUTLETS,
    Overview,
    overview_stats,
    unidentified_sites,
)
from .escaping import escape
from .framing import narrowed_path
from .kinds import LABEL_GROUPS, group_name
from .linking import DossierIndex
from .narratives import narrative_path, narrative_reach
from .pagekit import Page, Part, Raw, actor_path, label_path, link, make_page, meta, source_path
from .settings import RenderSettings

PATH = "overview.md"
SOURCES_INDEX = "sources/index.md"
LABELS_INDEX = "labels/index.md"


def overview_page(dossier: Dossier, index: DossierIndex, settings: RenderSettings) -> Page:
    """The overview: key numbers, articles and annotations over time, labels by outlet,
    claim verdicts by outlet, the actors named together, narratives by reach."""
    stats = overview_stats(dossier, index)
    href = lambda to, anchor="": settings.href(PATH, to, anchor)  # noqa: E731
    description = "The dossier at a glance: articles, outlets, labels and actors in charts."
    parts: list[Part] = [meta("Overview", description=description), "# Overview"]
    parts += [Raw(_numbers(dossier, stats))]
    parts += ["## Articles over time", Raw(_articles(dossier, stats, href))]
    parts += ["## Annotations over time", Raw(_annotations(stats, href))]
    parts += ["## Labels by outlet", _HEAT_NOTE, Raw(_heatmap(dossier, stats, href))]
    parts += ["## Claim verdicts by outlet", Raw(_verdicts(dossier, stats, href))]
    parts += ["## Actors named together", _NETWORK_NOTE, Raw(_network(dossier, stats, href))]
    parts += _narratives(dossier, index, settings)
    return make_page(PATH, parts)


_HEAT_NOTE = (
    "Annotations per article: how often each outlet's articles carry each label, so that"
    " outlets with many articles and outlets with few compare fairly. A cell links to the"
    " label's passages from that outlet."
)
_NETWORK_NOTE = (
    "The most-mentioned actors; a line joins two actors named in the same article, thicker"
    " the more articles they share. A circle links to the actor's page."
)


def _numbers(dossier: Dossier, stats: Overview) -> str:
    span = f"{stats.first} to {stats.last}" if stats.first else "no dates"
    sites = unidentified_sites(dossier, stats.outlets)
    rows = [
        ("Articles", f"{stats.articles:,}"),
        ("Outlets", f"{len(stats.outlets) - sites:,}"),
        *([("Unidentified sites", f"{sites:,}")] if sites else []),
        ("Actors mentioned", f"{stats.actors_mentioned:,}"),  # the glossary's others have no page
        ("Annotations", f"{stats.annotations:,}"),
        ("Published", span + (f" ({stats.undated:,} undated)" if stats.undated else "")),
    ]
    items = "".join(f"<div><dt>{k}</dt><dd>{escape(v)}</dd></div>" for k, v in rows)
    return f'<dl class="dossier-numbers">{items}</dl>'


def _outlet(dossier: Dossier, outlet: str, href: Any) -> Category:
    if outlet == OTHER:
        return Category(OTHER, "Other outlets", href=href(SOURCES_INDEX))
    source = dossier.registry.sources.get(outlet)
    if source is None:
        return Category(outlet, "Outlet not recorded")
    return Category(outlet, source.name, href=href(source_path(outlet)))


def _articles(dossier: Dossier, stats: Overview, href: Any) -> str:
    keys = stats.top_outlets(TOP_OUTLETS) + ([OTHER] if len(stats.outlets) > TOP_OUTLETS else [])
    outlets = [_outlet(dossier, o, href) for o in keys]
    by_outlet = time_chart("Articles by month and outlet", stats.by_month_outlet, outlets,
                           chart_id="chart-articles-outlet")  # fmt: skip
    labels = sorted({label for _, label in stats.by_month_outlet_label})
    kinds = [Category(label, label, href=href(SOURCES_INDEX)) for label in labels]
    by_label = time_chart("Articles by month and outlet label", stats.by_month_outlet_label,
                          kinds, chart_id="chart-articles-outlet-label")  # fmt: skip
    return by_outlet + by_label


def _annotations(stats: Overview, href: Any) -> str:
    groups = [
        Category(g, group_name(g), href=href(LABELS_INDEX))
        for g in [*LABEL_GROUPS, *sorted({g for _, g in stats.by_month_group})]
        if any(group == g for _, group in stats.by_month_group)
    ]
    groups = list({c.id: c for c in groups}.values())
    return time_chart("Annotations by month and label group", stats.by_month_group, groups,
                      unit="annotations", chart_id="chart-annotations-group")  # fmt: skip


def _heatmap(dossier: Dossier, stats: Overview, href: Any) -> str:
    labels = dossier.registry.labels
    rows = [
        Category(i, labels[i].name, style=f"dossier-hl--{i}", href=href(label_path(i)))
        for i in stats.labels[:HEAT_LABELS]
        if i in labels
    ]
    columns = [_outlet(dossier, o, href) for o in stats.top_outlets(HEAT_OUTLETS)]
    cells = {
        (label, outlet): (count / stats.articles_by_outlet[outlet], count)
        for (label, outlet), count in stats.label_outlet.items()
        if stats.articles_by_outlet[outlet]
    }
    # A cell counts the label's passages in that outlet: it links to the label page
    # narrowed to the outlet (only cells with passages are drawn, so the page exists).
    cell_link = lambda label, outlet: href(narrowed_path(label, outlet))  # noqa: E731
    return heatmap("Annotations per article, by label and outlet", cells, rows, columns,
                   href=cell_link, chart_id="chart-label-outlet")  # fmt: skip


def _verdicts(dossier: Dossier, stats: Overview, href: Any) -> str:
    with_claims: Counter[str] = Counter()
    for (outlet, _verdict), count in stats.verdicts.items():
        with_claims[outlet] += count
    order = [o for o in stats.outlets if with_claims[o]][:HEAT_OUTLETS]
    rows = [_outlet(dossier, o, href) for o in order]
    verdicts = [v for label in dossier.registry.labels.values() for v in label.verdicts]
    names = list(dict.fromkeys(verdicts + sorted({v for _, v in stats.verdicts})))
    categories = [
        Category(v, v.capitalize()) for v in names if any(k == v for _, k in stats.verdicts)
    ]

    def link(outlet: str, verdict: str) -> str:
        label = stats.verdict_labels.get((outlet, verdict))
        return href(narrowed_path(label, outlet)) if label else ""

    return bar_chart("Claim verdicts by outlet", stats.verdicts, rows, categories, href=link,
                     unit="claims", chart_id="chart-verdicts")  # fmt: skip


def _network(dossier: Dossier, stats: Overview, href: Any) -> str:
    actors = dossier.registry.actors
    nodes = [
        (Category(a, actors[a].name if a in actors else a, href=href(actor_path(a))), n)
        for a, n in stats.top_actors
    ]
    return network("Actors named in the same articles", nodes, stats.edges,
                   chart_id="chart-actors")  # fmt: skip


def _narratives(dossier: Dossier, index: DossierIndex, settings: RenderSettings) -> list[Part]:
    """Narratives by reach (narratives.narrative_reach: widest first), a bar each."""
    items = narrative_reach(dossier, index)
    if not items:
        return []
    rows, counts, lines = [], {}, ["| Narrative | Outlets | Occurrences | First seen | Days |",
                                   "| --- | ---: | ---: | --- | ---: |"]  # fmt: skip
    for item in items[:HEAT_LABELS]:
        path = narrative_path(item.narrative_id)
        rows.append(Category(item.narrative_id, item.title, href=settings.href(PATH, path)))
        counts[(item.narrative_id, "outlets")] = item.outlets
        name = link(PATH, path, item.title).replace("|", "\\|")
        lines.append(f"| {name} | {item.outlets} | {item.occurrences}"
                     f" | {escape(item.first or 'undated')} | {item.days} |")  # fmt: skip
    chart = bar_chart("Narratives by reach (outlets)", counts, rows,
                      [Category("outlets", "Outlets")], unit="outlets",
                      chart_id="chart-narratives", row_title="Narrative")  # fmt: skip
    # The figures are not search text (an excerpt of "4 4 2019-01 268" says nothing);
    # the narrative titles are on their own pages. md_in_html keeps the table Markdown.
    table = "<div data-pagefind-ignore markdown>\n\n" + "\n".join(lines) + "\n\n</div>"
    return ["## Narratives by reach", Raw(chart), table]

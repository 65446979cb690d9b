"""The dossier counted as a whole, for the overview: one pass over the index, every
result bounded (top outlets, top actors, top edges) whatever the dossier's size."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .charts import month_of
from .dossier import Dossier
from .linking import DossierIndex

TOP_OUTLETS = 10  # outlets drawn by name in the time charts; the rest are "other"
HEAT_OUTLETS = 12  # heatmap and verdict columns/rows
HEAT_LABELS = 25
NETWORK_ACTORS = 25
NETWORK_EDGES = 60
OTHER = "~other"  # the id of "other outlets" (no source id starts with "~")


@dataclass
class Overview:
    articles: int = 0
    annotations: int = 0
    first: str = ""  # earliest publication date
    last: str = ""
    undated: int = 0
    outlets: list[str] = field(default_factory=list)  # by articles, most first
    articles_by_outlet: Counter[str] = field(default_factory=Counter)
    by_month_outlet: Counter[tuple[str, str]] = field(default_factory=Counter)
    by_month_outlet_label: Counter[tuple[str, str]] = field(default_factory=Counter)
    by_month_group: Counter[tuple[str, str]] = field(default_factory=Counter)
    label_outlet: Counter[tuple[str, str]] = field(default_factory=Counter)  # annotations
    labels: list[str] = field(default_factory=list)  # used labels, most annotations first
    verdicts: Counter[tuple[str, str]] = field(default_factory=Counter)  # (outlet, verdict)
    # (outlet, verdict) -> claim label counted most often there (where a bar links)
    verdict_labels: dict[tuple[str, str], str] = field(default_factory=dict)
    actors_mentioned: int = 0
    top_actors: list[tuple[str, int]] = field(default_factory=list)  # (id, mentions)
    edges: list[tuple[str, str, int]] = field(default_factory=list)  # (id, id, articles)

    def top_outlets(self, count: int) -> list[str]:
        return self.outlets[:count]

    def outlet_key(self, outlet: str) -> str:
        """The outlet, or OTHER past the first TOP_OUTLETS."""
        return outlet if outlet in self.outlets[:TOP_OUTLETS] else OTHER


def outlet_label(dossier: Dossier, outlet: str) -> str:
    source = dossier.registry.sources.get(outlet)
    if source is None:
        return "not recorded"
    if source.unidentified:
        return "unidentified site"
    return source.labels[0].label if source.labels else source.type


def unidentified_sites(dossier: Dossier, outlets: list[str]) -> int:
    """How many of `outlets` are placeholders of unidentified sites: each is counted as
    its own site, but not as an outlet (it may be one of the others, or not)."""
    sources = dossier.registry.sources
    return sum(1 for outlet in outlets if outlet in sources and sources[outlet].unidentified)


def overview_stats(dossier: Dossier, index: DossierIndex) -> Overview:
    """Everything the overview draws, counted once."""
    stats = Overview()
    registry = dossier.registry
    dates: list[str] = []
    months: dict[str, str] = {}
    by_label: Counter[str] = Counter()
    per_verdict_label: Counter[tuple[str, str, str]] = Counter()
    for entry in index.articles.values():
        article = entry.article
        stats.articles += 1
        stats.articles_by_outlet[article.outlet] += 1
        month = months[article.id] = month_of(article.published)
        if month:
            dates.append(article.published)
        else:
            stats.undated += 1
        for anchored in entry.annotations:
            note = anchored.annotation
            label = registry.labels.get(note.label)
            stats.annotations += 1
            by_label[note.label] += 1
            stats.label_outlet[(note.label, article.outlet)] += 1
            if label is not None and month:
                stats.by_month_group[(month, label.group)] += 1
            if note.verdict:
                stats.verdicts[(article.outlet, note.verdict)] += 1
                per_verdict_label[(article.outlet, note.verdict, note.label)] += 1
    stats.first, stats.last = (min(dates), max(dates)) if dates else ("", "")
    stats.outlets = [o for o, _ in sorted(stats.articles_by_outlet.items(), key=_most)]
    for entry in index.articles.values():
        article = entry.article
        month = months[article.id]
        if month:
            stats.by_month_outlet[(month, stats.outlet_key(article.outlet))] += 1
            stats.by_month_outlet_label[(month, outlet_label(dossier, article.outlet))] += 1
    stats.labels = [label for label, _ in sorted(by_label.items(), key=_most)]
    for (outlet, verdict, label_id), _count in sorted(per_verdict_label.items(), key=_most):
        stats.verdict_labels.setdefault((outlet, verdict), label_id)
    stats.actors_mentioned = sum(1 for ids in index.articles_by_actor.values() if ids)
    _network(stats, index)
    return stats


def _most(item: tuple[object, int]) -> tuple[int, str]:
    """Sort key: the largest count first, then the key (stable, deterministic)."""
    return (-item[1], repr(item[0]))


def _network(stats: Overview, index: DossierIndex) -> None:
    counts = {a: n for a, n in index.mention_counts.items() if n}
    stats.top_actors = sorted(counts.items(), key=_most)[:NETWORK_ACTORS]
    chosen = [a for a, _ in stats.top_actors]
    pairs: list[tuple[tuple[str, str], int]] = []
    for position, actor in enumerate(chosen):
        shared = index.cooccurrence.get(actor, Counter())
        pairs += [
            ((actor, other), shared[other]) for other in chosen[position + 1 :] if shared[other]
        ]
    ranked = sorted(pairs, key=_most)
    # Each actor's strongest tie first (so no actor with a tie is drawn alone), then the
    # strongest of the rest, up to NETWORK_EDGES.
    kept: dict[tuple[str, str], int] = {}
    for actor in chosen:
        best = next((p for p in ranked if actor in p[0]), None)
        if best is not None:
            kept.setdefault(*best)
    for pair, count in ranked:
        if len(kept) >= NETWORK_EDGES:
            break
        kept.setdefault(pair, count)
    stats.edges = [(a, b, n) for (a, b), n in sorted(kept.items(), key=_most)]

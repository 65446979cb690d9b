"""What the dossier says across pages: the annotations about each actor (in the order
its page lists them, and the page and anchor where each one is), narrowed label
listings' paths, small HTML tables, and counts over time.

Shared by actorpages, outletpages, labelpages and notes (the "About:" link of a note
leads to the place on the actor's pages that shows that note); imports no page module.
"""

from __future__ import annotations

import html
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .charts import MAX_MONTHS, Category, month_of, time_chart
from .model import LABEL_GROUPS, Anchored, Label
from .pagekit import Raw, actor_path, label_path, plural

if TYPE_CHECKING:
    from .linking import ArticleLinks, DossierIndex

About = tuple[str, Anchored]  # (article id, anchored annotation)
SortKey = tuple[int, bool, str, str, int]


def label_ranks(labels: Mapping[str, Label]) -> dict[str, int]:
    """Labels in the order pages group them: by label group, then as labels.yml lists them."""
    groups = {group: n for n, group in enumerate(LABEL_GROUPS)}
    ordered = sorted(labels.values(), key=lambda label: groups.get(label.group, len(groups)))
    return {label.id: n for n, label in enumerate(ordered)}


def _key(ranks: Mapping[str, int], published: str, article_id: str, item: Anchored) -> SortKey:
    """By label, then date (undated last), article and place in the article."""
    rank = ranks.get(item.annotation.label, len(ranks))
    return (rank, not published, published, article_id, item.number)


def about_actors(
    links: Mapping[str, ArticleLinks], labels: Mapping[str, Label],
    notes: Mapping[str, list[tuple[str, Anchored]]] | None = None,
) -> dict[str, list[About]]:  # fmt: skip
    """Actor id -> the annotations about it: those whose `actors` name it, and those
    whose passage contains a mention of it; in the order its pages list them.
    `notes`: article id -> `actor_notes` of its entry, where already known."""
    found: dict[str, list[About]] = defaultdict(list)
    for article_id, entry in links.items():
        if not entry.annotations:
            continue
        known = notes.get(article_id) if notes is not None else None
        for actor_id, item in actor_notes(entry) if known is None else known:
            found[actor_id].append((article_id, item))
    ranks = label_ranks(labels)
    for items in found.values():
        items.sort(key=lambda pair: _key(ranks, links[pair[0]].article.published, *pair))
    return dict(found)


def actor_notes(entry: ArticleLinks) -> list[tuple[str, Anchored]]:
    """(actor id, annotation) for each actor each annotation of the article is about, in
    the order of the annotations, then of `actors`, then of the mentions in the passage."""
    result: list[tuple[str, Anchored]] = []
    starts = [m.start for m in entry.mentions]  # mentions are in text order
    for item in entry.annotations:
        actors = dict.fromkeys(item.annotation.actors)
        n = bisect_left(starts, item.start)
        while n < len(starts) and starts[n] < item.end:
            if entry.mentions[n].end <= item.end:
                actors[entry.mentions[n].actor_id] = None
            n += 1
        result.extend((actor_id, item) for actor_id in actors)
    return result


def about_path(actor_id: str, number: int) -> str:
    """Page `number` of an actor's annotations: the actor page, then
    actors/<id>/annotations/<n>.md."""
    return actor_path(actor_id) if number == 1 else f"actors/{actor_id}/annotations/{number}.md"


def about_anchor(article_id: str, item: Anchored) -> str:
    """The id of an annotation's entry on its actor's pages (its stable id: noteids.py)."""
    return f"note-{article_id}-{item.ident}"


def about_attributes(article_id: str, item: Anchored) -> str:
    """The entry's id and the anchor earlier builds gave it (note-<article>-<place in the
    front matter>), which notes.js turns into the id when a link shared then is followed."""
    legacy = f"note-{article_id}-{item.position}"
    return f'id="{html.escape(about_anchor(article_id, item))}" data-legacy="{html.escape(legacy)}"'


def about_place(
    index: DossierIndex, ranks: Mapping[str, int], actor_id: str, article_id: str,
    item: Anchored, size: int,
) -> tuple[str, str]:  # fmt: skip
    """(page path, anchor) of the entry that shows this annotation on the actor's pages."""
    items = index.annotations_by_actor.get(actor_id, [])
    published = index.articles[article_id].article.published
    position = bisect_left(
        items,
        _key(ranks, published, article_id, item),
        key=lambda pair: _key(ranks, index.articles[pair[0]].article.published, *pair),
    )
    return about_path(actor_id, position // max(1, size) + 1), about_anchor(article_id, item)


def narrowed_path(label_id: str, source_id: str) -> str:
    """The label's passages in one outlet's articles: labels/<label>/outlet-<source>.md
    (the label page's row id="outlet-<source>" links there)."""
    return f"{label_path(label_id)[:-3]}/outlet-{source_id}.md"


def table(
    caption: str, columns: Sequence[str], rows: Sequence[Sequence[str]], name: str,
    row_ids: Sequence[str] = (),
) -> Raw:  # fmt: skip
    """A small data table (cells are finished HTML; the first of each row heads it; rows
    may have ids), in a scrollable region that the keyboard can reach on a narrow screen
    (a class of its own: Material would wrap a bare table in a second, unfocusable
    scroller)."""
    head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in columns)
    ids = [f' id="{html.escape(i)}"' for i in row_ids] or [""] * len(rows)
    body = "".join(
        f'<tr{ident}><th scope="row">{row[0]}</th>'
        + "".join(f"<td>{c}</td>" for c in row[1:])
        + "</tr>"
        for ident, row in zip(ids, rows, strict=True)
    )
    return Raw(
        f'<div class="dossier-framing" role="region" aria-label="{html.escape(name)}" '
        f'tabindex="0"><table class="dossier-table"><caption>{html.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def over_time(
    title: str, counts: Mapping[str, int], unit: str, chart_id: str, chart: bool = True
) -> Raw:
    """Counts by month as a chart (charts.time_chart, with its data table) when they
    fall in two months or more, or as the table alone (`chart=False`: a chart costs
    tens of milliseconds, so pages bound how many they draw); otherwise a sentence.
    Dates without a month are said. `counts`: date -> count; `unit`: what is counted,
    singular ("article")."""
    months = {month_of(date): 0 for date in counts}
    for date, count in counts.items():
        months[month_of(date)] += count
    undated = months.pop("", 0)
    note = (
        f'<p class="dossier-note">{plural(undated, unit)} in articles without a month '
        f"{'is' if undated == 1 else 'are'} not counted by month.</p>"
        if undated
        else ""
    )
    if len(months) < 2:
        only, total = next(iter(months), ""), sum(months.values())
        every = "all " if total > 1 else ""
        sentence = f"<p>{plural(total, unit)}, {every}in {only}.</p>" if only else ""
        return Raw(sentence + note)
    data = tuple(sorted(months.items()))
    if not chart:
        by_year = len(data) > MAX_MONTHS  # as time_chart does
        periods: Counter[str] = Counter()
        for month, count in data:
            periods[month[:4] if by_year else month] += count
        rows = [[period, str(count)] for period, count in periods.items()]
        columns = ["Year" if by_year else "Month", unit.capitalize() + "s"]
        return Raw(str(table(title, columns, rows, title)) + note)
    return Raw(_chart(title, data, unit, chart_id) + note)


def charted(counts: Counter[str], key: str, limit: int) -> bool:
    """Whether `key` is among the `limit` highest of `counts` (ties by key), ranked once
    per Counter (the one ranking is kept, with the Counter it belongs to)."""
    if _RANKED[0] is not counts:
        ranked = sorted(counts, key=lambda k: (-counts[k], k))
        _RANKED[:] = [counts, {k: n for n, k in enumerate(ranked)}]
    rank = _RANKED[1].get(key)
    return rank is not None and rank < limit


_RANKED: list[Any] = [None, {}]


@lru_cache(maxsize=2048)
def _chart(title: str, data: tuple[tuple[str, int], ...], unit: str, chart_id: str) -> str:
    # Kept between builds (mkdocs serve): a chart costs tens of milliseconds.
    category = Category("all", unit.capitalize() + "s")
    return str(time_chart(title, {(m, "all"): n for m, n in data}, [category], None,
                          unit + "s", chart_id))  # fmt: skip


def about_places(
    index: DossierIndex, labels: Mapping[str, Label], entry: ArticleLinks, size: int
) -> dict[tuple[int, str], tuple[str, str]]:
    """(annotation number, actor id) -> (page, anchor) of each note's "About:" links: the
    place on the actor's pages that shows the note (it moves as the dossier grows, so
    an article page's cache key includes it)."""
    ranks = label_ranks(labels)
    article_id = entry.article.id
    return {
        (item.number, actor_id): about_place(index, ranks, actor_id, article_id, item, size)
        for item in entry.annotations
        for actor_id in item.annotation.actors
    }

"""Narratives across the dossier: every occurrence (an annotation with `narrative:`) in
time order, and each narrative's reach (outlets, occurrences, first and last date).

Shared by the narrative pages, the article page's notes and the overview; no page here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import Anchored, Article

if TYPE_CHECKING:
    from .dossier import Dossier
    from .linking import DossierIndex


def narrative_path(narrative_id: str) -> str:
    return f"narratives/{narrative_id}.md"


NARRATIVES_INDEX = "narratives/index.md"


@dataclass(frozen=True)
class Occurrence:
    """One passage carrying a narrative: the annotation anchored in its article."""

    article_id: str
    outlet: str
    published: str  # the article's date as written: YYYY, YYYY-MM or YYYY-MM-DD
    item: Anchored


@dataclass(frozen=True)
class Reach:
    narrative_id: str
    title: str
    occurrences: int
    outlets: int
    first: str  # the earliest article date ("" when no occurrence is dated)
    last: str
    days: int  # from the first to the last date (a partial date counts from its first day)


def day_of(published: str) -> datetime.date | None:
    """The first day a date as written allows (2019 -> 1 January, 2019-05 -> 1 May)."""
    parts = published.split("-")
    try:
        numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
        return datetime.date(numbers[0], numbers[1], numbers[2])
    except (ValueError, IndexError):
        return None


def occurrences(dossier: Dossier, index: DossierIndex) -> dict[str, list[Occurrence]]:
    """narrative id -> its occurrences, in time order (article date, undated last; then
    article id and annotation number), for every narrative of narratives.yml."""
    found: dict[str, list[Occurrence]] = {n: [] for n in dossier.registry.narratives}
    for article_id, entry in index.articles.items():
        article = entry.article
        for item in entry.annotations:
            listed = found.get(item.annotation.narrative)
            if listed is not None:
                listed.append(Occurrence(article_id, article.outlet, article.published, item))
    for listed in found.values():
        listed.sort(key=lambda o: (o.published or "9999", o.article_id, o.item.number))
    return found


def spread(items: list[Occurrence]) -> tuple[int, str, str, int]:
    """(outlets, first date, last date, days from first to last) of some occurrences."""
    outlets = len({o.outlet for o in items})
    dated = [o.published for o in items if day_of(o.published)]
    if not dated:
        return outlets, "", "", 0
    first, last = dated[0], dated[-1]
    start, end = day_of(first), day_of(last)
    days = (end - start).days if start and end else 0
    return outlets, first, last, days


def narrative_reach(dossier: Dossier, index: DossierIndex) -> list[Reach]:
    """Every narrative, widest reach first: most outlets, then most occurrences, then id."""
    result = []
    for narrative_id, items in occurrences(dossier, index).items():
        outlets, first, last, days = spread(items)
        title = dossier.registry.narratives[narrative_id].title
        result.append(Reach(narrative_id, title, len(items), outlets, first, last, days))
    return sorted(result, key=lambda r: (-r.outlets, -r.occurrences, r.narrative_id))


def narrative_key(dossier: Dossier, article: Article) -> tuple[object, ...]:
    """What an article page shows of narratives (their titles): part of its cache key."""
    known = dossier.registry.narratives
    return tuple(known.get(a.narrative) for a in article.annotations if a.narrative)

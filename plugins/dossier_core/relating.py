"""Related articles and co-occurrence, recomputed between builds only where an edit
reaches (`mkdocs serve`), with the same results as computing them afresh.

Related articles of X are ranked on scores(X, Y): the sum of the inverse document
frequencies (idf) of the actors both name, over the "walked" actors (idf > 0 and named
in at most POSTINGS_WALK_LIMIT articles). So X's ranking depends only on X's actor set
and, for each walked actor of X, its set of articles and its idf; the entries of the
ranking (actors shared, score) also on the ranked articles' actor sets and the idf of
every shared actor. When the number of articles is unchanged, an actor's idf changes
only when its set of articles does; so after an edit, X is ranked again only if its
actor set changed or one of its actors (walked before or now) gained or lost articles,
and its entries are made again only if one of those actors, or a ranked article's
actor set, changed. When the number of articles changes, every idf does: all is
computed again.

Co-occurrence of actor A (other actor -> articles shared, in the order first met) is
the sum, over A's articles in dossier order, of the other actors of each in their
order: it changes only if A's list of articles or one of their actor lists changes.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .linking import ArticleLinks

RELATED_LIMIT = 5
# Candidate articles are gathered through each actor's posting list; an actor
# named in most articles says little about relatedness and would make the work
# quadratic, so its postings are not walked (it still counts when scoring).
POSTINGS_WALK_LIMIT = 500


@dataclass(frozen=True)
class Related:
    article_id: str
    shared: tuple[str, ...]  # actor ids, most informative first
    score: float


@dataclass
class RelateState:
    """What a build computed, for the next one."""

    ids: dict[str, tuple[str, ...]] = field(default_factory=dict)  # article -> actor_ids
    sets: dict[str, frozenset[str]] = field(default_factory=dict)
    by_actor: dict[str, list[str]] = field(default_factory=dict)  # articles_by_actor
    idf: dict[str, float] = field(default_factory=dict)
    related: dict[str, list[Related]] = field(default_factory=dict)
    cooccurrence: dict[str, Counter[str]] = field(default_factory=dict)


def relate(
    links: dict[str, ArticleLinks],
    ids: dict[str, tuple[str, ...]],
    by_actor: dict[str, list[str]],
    last: RelateState | None = None,
) -> tuple[dict[str, Counter[str]], RelateState]:
    """Set each entry's `related`; return the co-occurrence and the state to keep."""
    sets = {i: frozenset(a) for i, a in ids.items()}
    total = len(links)
    idf = {a: math.log(total / len(p)) for a, p in by_actor.items()}
    walked = {a for a, p in by_actor.items() if len(p) <= POSTINGS_WALK_LIMIT and idf[a] > 0}
    state = RelateState(ids, sets, by_actor, idf)
    if last is None or len(last.sets) != total:
        rank, remake, changed = set(links), set[str](), set(links)
    else:
        changed = {i for i, s in sets.items() if last.sets.get(i) != s}
        rank, remake = _reached(last, state, walked, changed)
    previous = last.related if last is not None else {}
    for article_id, entry in links.items():
        mine = sets[article_id]
        if article_id in rank:
            ranked = _rank(article_id, mine, by_actor, idf, walked)
        elif article_id in remake or any(r.article_id in changed for r in previous[article_id]):
            ranked = [r.article_id for r in previous[article_id]]
        else:
            entry.related = list(previous[article_id])
            state.related[article_id] = entry.related
            continue
        entry.related = [_entry(other, mine, sets[other], idf) for other in ranked]
        state.related[article_id] = entry.related
    state.cooccurrence = _cooccurrence(ids, by_actor, last)
    return state.cooccurrence, state


def _reached(
    last: RelateState, state: RelateState, walked: set[str], changed: set[str]
) -> tuple[set[str], set[str]]:
    """(articles to rank again, articles whose entries to make again), same total."""
    touched: set[str] = set()
    for article_id in changed:
        touched |= last.sets.get(article_id, frozenset()) ^ state.sets[article_id]
    for article_id in set(last.sets) - set(state.sets):
        touched |= last.sets[article_id]
    rank, remake = set(changed), set[str]()
    for actor_id in touched:
        was = last.by_actor.get(actor_id, [])
        now = state.by_actor.get(actor_id, [])
        before = was and len(was) <= POSTINGS_WALK_LIMIT and last.idf[actor_id] > 0
        (rank if actor_id in walked or before else remake).update(now)
    return rank, remake


def _rank(article_id: str, mine: frozenset[str], by_actor: dict[str, list[str]],
          idf: dict[str, float], walked: set[str]) -> list[str]:  # fmt: skip
    """The RELATED_LIMIT best others: by score rounded to 9 places (down), then id."""
    scores: defaultdict[str, float] = defaultdict(float)
    # Sum in a fixed order and round: float sums taken in set order differ in the
    # last bits between runs (string hashing is randomised), and ties would flip.
    for actor_id in sorted(mine):
        if actor_id not in walked:
            continue
        weight = idf[actor_id]
        for other in by_actor[actor_id]:
            if other != article_id:
                scores[other] += weight
    items = list(scores.items())
    if len(items) > RELATED_LIMIT:
        # Only scores within 1e-8 of the RELATED_LIMIT-th largest can be ranked: any
        # lower one rounds below at least RELATED_LIMIT others (rounding to 9 places
        # moves a score by at most 5e-10).
        floor = heapq.nlargest(RELATED_LIMIT, scores.values())[-1] - 1e-8
        items = [kv for kv in items if kv[1] >= floor]
    ranked = sorted(items, key=lambda kv: (-round(kv[1], 9), kv[0]))[:RELATED_LIMIT]
    return [other for other, _ in ranked]


def _entry(other: str, mine: frozenset[str], theirs: frozenset[str],
           idf: dict[str, float]) -> Related:  # fmt: skip
    shared = mine & theirs
    ordered = tuple(sorted(shared, key=lambda a: (-idf[a], a)))
    score = sum(idf[a] for a in sorted(shared))
    return Related(other, ordered, round(score, 3))


def _cooccurrence(
    ids: dict[str, tuple[str, ...]], by_actor: dict[str, list[str]], last: RelateState | None
) -> dict[str, Counter[str]]:
    """Actor -> other actor -> articles shared, in the order a full pass meets them."""
    touched: set[str] | None = None
    if last is not None:
        touched = set()
        for article_id, actors in ids.items():
            if last.ids.get(article_id) != actors:
                touched.update(actors, last.ids.get(article_id, ()))
        for article_id in set(last.ids) - set(ids):
            touched.update(last.ids[article_id])
        touched.update(a for a, p in by_actor.items() if last.by_actor.get(a) != p)
    result: dict[str, Counter[str]] = {}
    for actor_id, articles in by_actor.items():
        if touched is not None and actor_id not in touched:
            result[actor_id] = last.cooccurrence[actor_id]  # type: ignore[union-attr]
            continue
        together: Counter[str] = Counter()
        for article_id in articles:
            together.update(other for other in ids[article_id] if other != actor_id)
        result[actor_id] = together
    return result

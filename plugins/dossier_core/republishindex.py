"""Republication detection kept up to date between builds (`mkdocs serve`).

republish.py's test for a pair of texts is a property of the two texts alone: both
have at least `MIN_SHINGLES` shingles, their signatures agree on one band of the LSH
(`MinHashLSH(LSH_THRESHOLD, NUM_PERM)`'s bands: the same candidates its `query`
returns), and the estimate from the two signatures passes JACCARD_MIN and SHARE_MIN
(symmetric: the same numbers whichever text comes first). So the kept pairs of a
dossier form a graph that an edit changes only around the edited texts: the state
below keeps the bands and the graph of the last build, and a build takes out the
articles deleted or whose text changed, puts the changed and new ones back (a band
lookup each), and reads the clusters off the graph. The clusters are then ordered as
republish.py orders them (a total order, so the graph's own order does not matter),
and exact shares are counted only for pairs not counted by an earlier build.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
from datasketch import MinHashLSH

from .model import Article

if TYPE_CHECKING:
    from .republish import Republications, SignatureCache

# The bands of datasketch's index with republish.py's parameters ((start, end) slices
# of a signature): two texts are candidates when one band is equal.
_BANDS: list[tuple[int, int]] = []


def _bands() -> list[tuple[int, int]]:
    if not _BANDS:
        from .republish import LSH_THRESHOLD, NUM_PERM

        ranges = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM).hashranges
        _BANDS.extend((int(s), int(e)) for s, e in ranges)
    return _BANDS


class RepublishState:
    """The last build's texts (article id -> body), band buckets and kept pairs."""

    def __init__(self) -> None:
        self.bodies: dict[str, bytes] = {}
        self.buckets: dict[tuple[int, bytes], set[str]] = {}
        self.keys: dict[str, list[tuple[int, bytes]]] = {}  # article id -> its buckets
        self.edges: dict[str, set[str]] = {}
        self.common: dict[tuple[bytes, bytes], int] = {}  # exact shingles shared, by texts

    def remove(self, article_id: str) -> None:
        for key in self.keys.pop(article_id, []):
            bucket = self.buckets[key]
            bucket.discard(article_id)
            if not bucket:
                del self.buckets[key]
        for other in self.edges.pop(article_id, set()):
            self.edges[other].discard(article_id)
            if not self.edges[other]:
                del self.edges[other]


def update(cache: SignatureCache, articles: Iterable[Article]) -> Republications:
    """The dossier's republications, with `cache`'s state brought up to date."""
    from .republish import MIN_SHINGLES, Republications, chronological

    state = cache.state
    by_id = {a.id: a for a in articles}
    changed = []
    for article_id, body in state.bodies.items():
        now = by_id.get(article_id)
        if now is None or (now.body_utf8 is not body and now.body_utf8 != body):
            state.remove(article_id)
    for article_id, article in by_id.items():
        last = state.bodies.get(article_id)
        if last is None or (article.body_utf8 is not last and article.body_utf8 != last):
            changed.append(article_id)
    state.bodies = {i: a.body_utf8 for i, a in by_id.items()}
    signatures = {i: cache.get(by_id[i].body_utf8, by_id[i].body) for i in changed}
    cache.keep(set(state.bodies.values()))
    for article_id in changed:  # into the bands first: pairs of two new texts are found
        minhash, size = signatures[article_id]
        if size < MIN_SHINGLES:
            continue
        keys = [(n, minhash.hashvalues[s:e].tobytes()) for n, (s, e) in enumerate(_bands())]
        state.keys[article_id] = keys
        for key in keys:
            state.buckets.setdefault(key, set()).add(article_id)
    for article_id in changed:
        if article_id in state.keys:
            _link(state, cache, by_id, article_id)
    groups = _components(state.edges)
    ordered = [sorted(g, key=lambda i: chronological(by_id[i])) for g in groups]
    ordered.sort(key=lambda g: chronological(by_id[g[0]]))
    result = Republications()
    used: set[tuple[bytes, bytes]] = set()
    for versions in ordered:
        result.cluster_of.update(dict.fromkeys(versions, len(result.clusters)))
        previous = result.offsets[-1] + len(result.clusters[-1]) if result.clusters else 0
        result.offsets.append(previous)
        result.clusters.append(tuple(versions))
        _count_shared(result, [by_id[v] for v in versions], cache, used)
    state.common = {k: v for k, v in state.common.items() if k in used}
    return result


def _link(state: RepublishState, cache: SignatureCache, by_id: dict[str, Article],
          article_id: str) -> None:  # fmt: skip
    """Kept pairs of one (new or changed) text with every text in a band with it."""
    from .republish import JACCARD_MIN, NUM_PERM, SHARE_MIN

    found: set[str] = set()
    for key in state.keys[article_id]:
        found |= state.buckets[key]
    found.discard(article_id)
    if not found:
        return
    others = sorted(found)
    mine, size = cache.get(by_id[article_id].body_utf8, by_id[article_id].body)
    pairs = [cache.get(by_id[o].body_utf8, by_id[o].body) for o in others]
    matrix = np.array([m.hashvalues for m, _ in pairs]).reshape(len(others), NUM_PERM)
    sizes = np.array([s for _, s in pairs], dtype=np.float64)
    # republish._similar, with this text as n (the same numbers in either order)
    jaccard = np.count_nonzero(matrix == mine.hashvalues, axis=1) / NUM_PERM
    common = jaccard * (sizes + np.float64(size)) / (1 + jaccard)
    kept = (jaccard >= JACCARD_MIN) & (common >= SHARE_MIN * np.minimum(sizes, np.float64(size)))
    for n in np.flatnonzero(kept):
        other = others[int(n)]
        state.edges.setdefault(article_id, set()).add(other)
        state.edges.setdefault(other, set()).add(article_id)


def _components(edges: dict[str, set[str]]) -> list[list[str]]:
    """The connected components of the kept pairs (each of two articles or more)."""
    seen: set[str] = set()
    groups = []
    for start in sorted(edges):
        if start in seen:
            continue
        seen.add(start)
        group, stack = [], [start]
        while stack:
            node = stack.pop()
            group.append(node)
            for other in edges[node]:
                if other not in seen:
                    seen.add(other)
                    stack.append(other)
        groups.append(group)
    return groups


def _count_shared(result: Republications, versions: list[Article], cache: SignatureCache,
                  used: set[tuple[bytes, bytes]]) -> None:  # fmt: skip
    """republish's exact shares for the pairs pages show (the same pairs, met in the
    same order), each counted once for a pair of texts and kept for the next build."""
    from .republish import shingles

    state = cache.state
    by_id = {a.id: a for a in versions}
    result.sizes.update({a.id: cache.get(a.body_utf8, a.body)[1] for a in versions})
    hashes: dict[str, np.ndarray] = {}
    for article in versions:
        for other in {versions[0].id, *result.shown(article.id)} - {article.id}:
            pair = (article.id, other) if article.id < other else (other, article.id)
            if pair not in result.common:
                key = (by_id[pair[0]].body_utf8, by_id[pair[1]].body_utf8)
                used.add(key)
                if key not in state.common:
                    for i in pair:
                        if i not in hashes:
                            hashes[i] = shingles(by_id[i].body)
                    shared = np.intersect1d(hashes[pair[0]], hashes[pair[1]], assume_unique=True)
                    state.common[key] = len(shared)
                result.common[pair] = state.common[key]

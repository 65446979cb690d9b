"""Analysing many articles on every core: this process analyses the first part of the
articles, and worker processes forked over contiguous chunks of the rest send back,
per article, its mentions, anchored annotations and problems (and its republication
signature when the build's cache has none for its text). The parent rebuilds the same
objects a one-process analysis makes (mentions as (actor, start, end), annotations by
place in the front matter, then ordered and given their ids as noteids.py does: cheaper
than pickling the objects themselves), so the results are identical.
Below `PARALLEL_MIN` articles, with one worker, where 'fork' is not available
(Windows, macOS's default) or inside a worker process, it all runs here, in order.

Forking copies the dossier, the registry and the compiled matcher into the workers
for free; nothing is imported or compiled again in them.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .model import Article, Mention, Problem
from .noteids import in_reading_order

if TYPE_CHECKING:
    from .linking import Analysis
    from .matching import Matcher
    from .registry import Registry
    from .republish import SignatureCache

PARALLEL_MIN = 200  # below this many articles, starting processes costs more than it saves
CHUNKS_PER_WORKER = 4  # smaller chunks even out the workers' loads
PARENT_SHARE = 1.0  # of an equal share, analysed by this process (see analyse_articles)

Packed = tuple[
    tuple[tuple[str, int, int], ...],  # mentions: (actor id, start, end)
    tuple[tuple[int, int, int], ...],  # anchored: (front-matter position, start, end)
    tuple[Problem, ...],
    "np.ndarray | None",  # signature values, or None when the cache has the text's
    int,  # shingles
]

_JOB: list[Any] = []  # (articles, registry, matcher, signatures): set before forking


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def analyse_articles(
    articles: Sequence[Article], registry: Registry, matcher: Matcher,
    signatures: SignatureCache | None, workers: int | None = None,
) -> list[Analysis]:  # fmt: skip
    """`linking.analysed` of each article, in order, in `workers` processes (default:
    every core) when there are at least PARALLEL_MIN of them."""
    from .linking import analysed

    count = default_workers() if workers is None else max(1, workers)
    count = min(count, max(1, len(articles) // (PARALLEL_MIN // 2)))
    if count < 2 or len(articles) < PARALLEL_MIN or not _can_fork():
        return [analysed(article, registry, matcher) for article in articles]
    # This process takes the first part itself (as much as a worker: it rebuilds what
    # the workers send only after they are done); the workers share the rest in chunks.
    own = int(len(articles) / count * PARENT_SHARE)
    size = -(-(len(articles) - own) // ((count - 1) * CHUNKS_PER_WORKER))
    ranges = [
        (start, min(start + size, len(articles))) for start in range(own, len(articles), size)
    ]
    _JOB[:] = [articles, registry, matcher, signatures]
    gc.freeze()  # the workers' collections then leave the inherited objects (and pages) alone
    try:
        with multiprocessing.get_context("fork").Pool(count - 1) as pool:
            pending = pool.map_async(_chunk, ranges, chunksize=1)
            result = [analysed(article, registry, matcher) for article in articles[:own]]
            if signatures is not None:  # as the workers do: detection finds them all made
                for article in articles[:own]:
                    signatures.get(article.body_utf8, article.body)
            chunks = pending.get()
    finally:
        gc.unfreeze()
        _JOB.clear()
    packed = [item for chunk in chunks for item in chunk]
    rest = zip(articles[own:], packed, strict=True)
    return result + [_unpack(article, item, signatures) for article, item in rest]


def _can_fork() -> bool:
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    return not multiprocessing.current_process().daemon  # a pool's worker cannot fork one


def _chunk(bounds: tuple[int, int]) -> list[Packed]:
    """In a worker: the articles [start, end) analysed, packed."""
    from .linking import analysed
    from .republish import shingles, signature

    articles, registry, matcher, signatures = _JOB
    packed: list[Packed] = []
    for article in articles[bounds[0] : bounds[1]]:
        mentions, anchored, problems = analysed(article, registry, matcher)
        values, size = None, 0
        if signatures is not None and article.body_utf8 not in signatures.entries:
            hashes = shingles(article.body)
            values, size = signature(hashes).hashvalues, len(hashes)
        packed.append(
            (
                tuple((m.actor_id, m.start, m.end) for m in mentions),
                tuple((a.position, a.start, a.end) for a in anchored),
                problems,
                values,
                size,
            )
        )
    return packed


def _unpack(article: Article, packed: Packed, signatures: SignatureCache | None) -> Analysis:
    """The objects `linking.analysed` makes, from what a worker sent."""
    from .republish import minhash

    mentions, anchored, problems, values, size = packed
    body = article.body
    annotations = article.annotations
    if values is not None and signatures is not None:
        signatures.entries[article.body_utf8] = (minhash(values), size)
    placed = [(n, annotations[n - 1], start, end) for n, start, end in anchored]
    return (
        tuple(Mention(actor, start, end, body[start:end]) for actor, start, end in mentions),
        tuple(in_reading_order(placed, annotations)),
        problems,
    )

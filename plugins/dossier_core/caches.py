"""Caches kept between builds (`mkdocs serve` rebuilds, or any engine's watch loop),
bounded: an entry a build did not use is dropped at the end of that build (`sweep`),
so deleting, renaming or editing articles during a long session does not make them
grow, and no cache ever holds more than `limit` entries (the least recently used go
first). The engine's caches: parsed article files (dossier.ArticleCache), per-article
analysis (linking.AnalysisCache) and rendered page blocks (PageCache, below).
"""

from __future__ import annotations

from typing import Generic, Protocol, TypeVar

K = TypeVar("K")
V = TypeVar("V")

# Above the number of articles (or pages) the engine is built for (20,000), so that a
# build never evicts what it will use again; it bounds the memory all the same.
DEFAULT_LIMIT = 50_000


class BuildCache(Generic[K, V]):
    """Entries by key; those not used (`get` found them or `put` stored them) since the
    last `sweep` are dropped by the next one, and at most `limit` are kept."""

    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        self.limit = max(1, limit)
        self._entries: dict[K, V] = {}  # least recently used first
        self._used: set[K] = set()
        self.hits = 0

    def __len__(self) -> int:
        return len(self._entries)

    def __bool__(self) -> bool:  # a cache is given or not, empty or not (`if cache:`)
        return True

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def get(self, key: K) -> V | None:
        found = self._entries.pop(key, None)
        if found is None:
            return None
        self._entries[key] = found  # now the most recently used
        self._used.add(key)
        self.hits += 1
        return found

    def put(self, key: K, value: V) -> None:
        self._entries.pop(key, None)
        self._entries[key] = value
        self._used.add(key)
        while len(self._entries) > self.limit:
            oldest = next(iter(self._entries))
            del self._entries[oldest]
            self._used.discard(oldest)

    def sweep(self) -> int:
        """End of a build: drop every entry it did not use; how many were dropped."""
        before = len(self._entries)
        self._entries = {k: v for k, v in self._entries.items() if k in self._used}
        self._used = set()
        return before - len(self._entries)


class KeyedPage(Protocol):
    """What PageCache needs of a page (pagekit.Page): its path, its key (a fingerprint
    of everything its blocks depend on; empty if it has none) and its blocks."""

    @property
    def path(self) -> str: ...

    @property
    def key(self) -> str: ...

    @property
    def blocks(self) -> tuple[str, ...]: ...


class PageCache(BuildCache[str, tuple[str, tuple[str, ...]]]):
    """Rendered blocks of pages, by path, with the key they were rendered under: a page
    whose key did not change is not rendered again, so an edit re-renders only the
    pages it touched. A build calls `blocks` for each page, then `sweep`."""

    def blocks(self, page: KeyedPage) -> tuple[str, ...]:
        if not page.key:
            return page.blocks
        last = self.get(page.path)
        if last is not None and last[0] == page.key:
            return last[1]
        if last is not None:
            self.hits -= 1  # found, but stale: not a hit
        blocks = page.blocks
        self.put(page.path, (page.key, blocks))
        return blocks

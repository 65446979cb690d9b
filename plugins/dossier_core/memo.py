"""Listing items kept between builds while serving: an actor page's article entry, an
annotated passage on a label, actor or narrative page.

At thousands of articles the listing pages are most of the HTML a rebuild renders
(at 2,000 articles, actor pages alone took 7 s), and an edit changes few of their
items. An item is made again only if what it is made from is no longer the very same
object (the engine's caches hand out the same parsed article and the same anchored
annotation for an unchanged file), or if the outlets or the render settings changed
(then every item is made again: `begin`). Items show no actor or label names: an edit
of the glossary keeps every item whose article's mentions it did not move (the actor
entry's key holds where the mentions are; a passage is its anchored annotation).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable

from .caches import BuildCache

# Items, not pages: about 50 per article at 5,000 articles (an actor page's entries, the
# passages on label, actor and narrative pages, each also on its outlet-narrowed label
# page). A memo smaller than a build's items would evict each before its next use.
ITEM_LIMIT = 2_000_000


class ItemMemo(BuildCache[Hashable, tuple[tuple[object, ...], str]]):
    def __init__(self, limit: int = ITEM_LIMIT) -> None:
        super().__init__(limit)
        self.fingerprint = ""

    def begin(self, *made_from: object) -> None:
        """A build starts from these (registry, settings): if they changed, forget all."""
        fingerprint = hashlib.sha256(repr(made_from).encode("utf-8")).hexdigest()
        if fingerprint != self.fingerprint:
            self._entries.clear()
            self._used.clear()
            self.fingerprint = fingerprint

    def item(self, key: Hashable, witnesses: tuple[object, ...], make: Callable[[], str]) -> str:
        """The item's HTML, made again unless it was made from the same objects."""
        found = self.get(key)
        if found is not None and all(a is b for a, b in zip(found[0], witnesses, strict=True)):
            return found[1]
        made = make()
        self.put(key, (witnesses, made))
        return made

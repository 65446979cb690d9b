"""Typed options of the `dossier` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

from dossier_search.indexer import DEFAULT_BUNDLE_SIZE, DEFAULT_SHARD_SIZE


class DossierConfig(Config):
    dossier_dir = opt.Type(str, default="dossier")
    """The dossier folder, relative to mkdocs.yml."""
    data_licence = opt.Optional(opt.Type(str))
    """The licence notice of the data files (data/), shown on the data page; without
    it the page says no licence was given."""
    annotate = opt.Choice(("serve", "always", "never"), default="serve")
    """The annotate panel (select text in an article, get the YAML item to paste):
    `serve` under `mkdocs serve` only, `always` in built sites too, `never`."""
    search = opt.Type(bool, default=True)
    """Index the built site with Pagefind (the site's search)."""
    search_shard_size = opt.Type(int, default=DEFAULT_SHARD_SIZE)
    """Pages per Pagefind run: bounds the indexer's memory (0.5 to 0.8 MB a page). The
    shards are merged into bundles, so it does not change what a search downloads."""
    search_bundle_size = opt.Type(int, default=DEFAULT_BUNDLE_SIZE)
    """Pages per search bundle, at most: shards are merged into bundles of this size,
    cut evenly (5,100 pages make two bundles of 2,550). Fewer bundles mean fewer
    fetches a search; smaller ones rank a very common word faster."""
    workers = opt.Type(int, default=0)
    """Worker processes writing the pages (parallel.py) and analysing the articles:
    0 is one per core (for writing, one per core but one when search is on: Pagefind
    indexes on that core meanwhile), 1 does both in MkDocs' own process. Sites under
    200 pages, `serve`, `--dirty` and sites with other plugins than Material's
    known-safe ones are written in one process."""

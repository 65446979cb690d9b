"""Index a built site folder from disk: what any engine can call once its pages are
written. The MkDocs plugin instead hands pages over while they are written (see
indexer.py); for a site of one shard (up to `shard_size` searchable pages) both write
the same files, byte for byte. A larger site gets the same pages in its bundles, but
shards are cut from path order here and from the write order there, so the bundles'
page numbers (and so their bytes) differ."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .indexer import (
    DEFAULT_BUNDLE_SIZE,
    DEFAULT_SHARD_SIZE,
    MARKER,
    SearchIndexError,
    ShardedIndexer,
    read_page,
    site_pages,
)


def index_site(
    site: Path,
    log: Callable[[str], None] | None = None,
    *,
    shard_size: int = DEFAULT_SHARD_SIZE,
    bundle_size: int = DEFAULT_BUNDLE_SIZE,
) -> int:
    """Index every page of the built site in `site` marked data-pagefind-body, with the
    flags, shards and bundles the MkDocs plugin uses; its `pagefind/` folder is
    replaced. The number of pages indexed; SearchIndexError (a message naming the
    folder) if the folder is missing, has no marked page, or Pagefind fails."""
    say = log or (lambda _message: None)
    if not site.is_dir():
        raise SearchIndexError(f"{site}: no such folder")
    marked = sum(MARKER in read_page(path) for path in site_pages(site))
    if not marked:
        raise SearchIndexError(f"{site}: no page is marked {MARKER} (not a built dossier site?)")
    try:
        indexer = ShardedIndexer(site, shard_size, bundle_size)
        indexer.expect(marked)  # shards and bundles cut evenly, as the plugin cuts them
        try:
            indexer.add_site()
            bundles = indexer.finish()
        except BaseException:
            indexer.abandon()
            raise
    except SearchIndexError as error:
        raise SearchIndexError(f"{site}: {error}") from None
    for warning in indexer.warnings:
        say(f"warning: search index of {site}: {warning}")
    say(f"{site}: {indexer.pages} pages indexed in {bundles} bundle(s)")
    return indexer.pages

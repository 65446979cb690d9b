"""Search for a built dossier site: Pagefind run in shards, merged into bundles in a
normal form (identical for identical pages). Imports no MkDocs: the MkDocs plugin
hands it pages while they are written, and any other engine indexes its built site
folder with `index_site` (or `dossier index SITE_DIR`)."""

from .bundlefiles import UnsupportedBundle
from .indexer import SearchIndexError, ShardedIndexer
from .site import index_site

__all__ = ["SearchIndexError", "ShardedIndexer", "UnsupportedBundle", "index_site"]

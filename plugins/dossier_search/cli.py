"""`dossier index SITE_DIR`: index a built site with Pagefind (see site.py). The
dossier command adds these arguments to its `index` subcommand and calls `run`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .indexer import DEFAULT_BUNDLE_SIZE, DEFAULT_SHARD_SIZE, SearchIndexError
from .site import index_site

HELP = "index a built site folder with Pagefind (replaces its pagefind/ folder)"
DESCRIPTION = (
    "Index every page of a built site marked data-pagefind-body (the dossier's pages, "
    "whatever engine built them) with the flags the MkDocs plugin uses, in shards merged "
    "into even bundles, and replace SITE_DIR/pagefind. Exit status: 0 indexed; 1 "
    "Pagefind failed or no page is marked for search; 2 SITE_DIR does not exist."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("site", type=Path, metavar="SITE_DIR", help="the built site folder")
    parser.add_argument(
        "--shard-size", type=int, default=DEFAULT_SHARD_SIZE, metavar="N",
        help=f"pages per Pagefind run (default {DEFAULT_SHARD_SIZE}; as search_shard_size)",
    )  # fmt: skip
    parser.add_argument(
        "--bundle-size", type=int, default=DEFAULT_BUNDLE_SIZE, metavar="N",
        help=f"pages per search bundle, at most (default {DEFAULT_BUNDLE_SIZE}; "
        "as search_bundle_size)",
    )  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """0 once the site is indexed; 1 (2 for a missing folder), with a one-line message
    on stderr, if not."""
    if not args.site.is_dir():
        print(f"dossier index: error: {args.site}: no such folder; build the site first "
              "(dossier build) or name its folder", file=sys.stderr)  # fmt: skip
        return 2
    try:
        index_site(args.site, _stderr, shard_size=args.shard_size, bundle_size=args.bundle_size)
    except SearchIndexError as error:
        print(f"dossier index: error: {error}", file=sys.stderr)
        return 1
    return 0


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """`python -m dossier_search.cli SITE_DIR` (the same as `dossier index SITE_DIR`)."""
    parser = argparse.ArgumentParser(prog="dossier index", description=DESCRIPTION)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())

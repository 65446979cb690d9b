"""Pagefind indexing of the built site: a static, chunked index that the browser loads
piece by piece, with accent folding; no server, no third-party request."""

from __future__ import annotations

import asyncio
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

# Only what the theme marks with data-pagefind-body (page content, see
# docs/overrides/main.html) is indexed: never the nav, header, footer or search page.
EXCLUDE = [".headerlink"]


async def _index(site_dir: Path) -> int:
    # The output path goes in the config: leaving the context writes the index
    # there (a separate write_files call would be followed by a second write to
    # the default, ./pagefind relative to the working directory).
    config = IndexConfig(
        exclude_selectors=EXCLUDE, force_language="en", output_path=str(site_dir / "pagefind")
    )
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(str(site_dir))
    return int(result.get("page_count", 0))


def build_search_index(site_dir: Path) -> int:
    """Index every HTML page under `site_dir` into `site_dir/pagefind`; return the page count."""
    return asyncio.run(_index(site_dir))

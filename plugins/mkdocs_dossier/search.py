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
    config = IndexConfig(exclude_selectors=EXCLUDE, force_language="en")
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(str(site_dir))
        await index.write_files(output_path=str(site_dir / "pagefind"))
    return int(result.get("page_count", 0))


def build_search_index(site_dir: Path) -> int:
    """Index every HTML page under `site_dir` into `site_dir/pagefind`; return the page count."""
    return asyncio.run(_index(site_dir))

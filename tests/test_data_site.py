"""The data page in Chromium: axe-core finds no violation (of any impact) in either
colour scheme at 1280 and 390 px wide, and every download link on it serves its file.

The site is the bundled project as conftest.py's `bundled_site` builds it (a copy, with
`mkdocs build --strict`, once per session), served on 127.0.0.1.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from sitecheck import assert_no_axe_violation, local_page

from conftest import needs_chromium

DATA_PAGE = "data/"

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_the_data_page(
    chromium, bundled_site_url: str, scheme: str, width: int
) -> None:
    context, page = local_page(chromium, scheme, width)
    try:
        page.goto(bundled_site_url + DATA_PAGE)
        assert_no_axe_violation(page, (scheme, width))
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not overflow, f"the data page scrolls sideways at {width} px"
    finally:
        context.close()


def test_every_download_link_serves_its_file(
    chromium, bundled_site: Path, bundled_site_url: str
) -> None:
    context, page = local_page(chromium)
    try:
        page.goto(bundled_site_url + DATA_PAGE)
        links = page.locator("a[download]")
        hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
        assert len(hrefs) == 6
        for href in hrefs:
            url = urljoin(bundled_site_url + DATA_PAGE, href)
            response = page.request.get(url)
            assert response.status == 200, url
            name = urlsplit(url).path.rsplit("/", 1)[1]
            assert response.body() == (bundled_site / "data" / name).read_bytes(), url
    finally:
        context.close()

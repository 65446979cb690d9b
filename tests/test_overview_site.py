"""The overview page in Chromium: a click on a chart mark (an outlet's bar, a heatmap
cell, a network node) leads to the page it names, which shows what the mark counted;
axe-core finds no violation in both schemes at 1280 and 390 px; no other host is asked.

The site is the bundled project as conftest.py's `bundled_site` builds it (a copy, with
`mkdocs build --strict`, once per session), served on 127.0.0.1.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import pytest
from sitecheck import LOCAL_HOST, assert_no_axe_violation, local_page, screenshot_on_failure

from conftest import needs_chromium

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture
def requests_seen() -> list[str]:
    """Every URL the page's context requested (filled in by the `page` fixture)."""
    return []


@pytest.fixture
def page(chromium: Browser, requests_seen: list[str]) -> Iterator[Page]:
    """A page in a fresh context whose requests are recorded; any to a host other than
    127.0.0.1 is aborted."""
    context, page = local_page(chromium, requests=requests_seen)
    try:
        yield page
    finally:
        context.close()


def _open_overview(page: Page, site_url: str) -> None:
    page.goto(site_url + "overview/")
    expect(page.locator("h1")).to_have_text(re.compile("Overview"))


def _title(mark) -> str:
    return mark.locator("title").first.text_content() or ""


def test_outlet_bar_leads_to_the_outlet_and_its_articles(
    page: Page, bundled_site_url: str, requests_seen: list[str], request
) -> None:
    with screenshot_on_failure(page, request.node.name):
        _open_overview(page, bundled_site_url)
        bar = page.locator('#chart-articles-outlet svg a[href$="sources/tass/"]').first
        title = _title(bar)  # "2019-05, TASS: 1 article"
        month, count = re.match(r"(\d{4}-\d{2}), TASS: (\d+) article", title).groups()
        bar.click()
        page.wait_for_url(bundled_site_url + "sources/tass/")
        expect(page.locator("h1")).to_have_text(re.compile("TASS"))
        listed = page.locator("article li, article tr").filter(has_text=month)
        assert listed.count() >= int(count), f"{title}: the outlet page lists fewer"
        hosts = {urlsplit(u).hostname for u in requests_seen if u.startswith("http")}
        assert hosts == {LOCAL_HOST}


def test_heatmap_cell_leads_to_the_label_narrowed_to_the_outlet(
    page: Page, bundled_site_url: str, request
) -> None:
    with screenshot_on_failure(page, request.node.name):
        _open_overview(page, bundled_site_url)
        cell = page.locator('#chart-label-outlet svg a[href$="labels/claim/outlet-tass/"]')
        title = _title(cell)  # "Claim in TASS: 3 (3.00 per article)"
        count = re.match(r"Claim in TASS: (\d+) ", title).group(1)
        cell.click()
        # The label page narrowed to the outlet: that many passages, every one from TASS.
        page.wait_for_url(urljoin(bundled_site_url, "labels/claim/outlet-tass/"))
        expect(page.locator("h2").first).to_have_text(re.compile(f"Passages in TASS: {count} "))
        passages = page.locator(".dossier-passages > li")
        expect(passages).to_have_count(int(count))
        for entry in passages.all():
            expect(entry.locator(".dossier-note").first).to_have_text(re.compile("^TASS"))


def test_network_node_leads_to_the_actor(page: Page, bundled_site_url: str, request) -> None:
    with screenshot_on_failure(page, request.node.name):
        _open_overview(page, bundled_site_url)
        node = page.locator('#chart-actors svg a[href$="actors/juan-guaido/"]')
        title = _title(node)  # "Juan Guaidó: 22 mentions"
        name, count = re.match(r"(.+): (\d+) mentions?", title).groups()
        node.click()
        page.wait_for_url(bundled_site_url + "actors/juan-guaido/")
        expect(page.locator("h1")).to_have_text(re.compile(name))
        expect(page.locator("article").first).to_contain_text(f"{count} mentions")


def test_charts_have_a_data_table_and_follow_the_scheme(page: Page, bundled_site_url: str) -> None:
    _open_overview(page, bundled_site_url)
    figures = page.locator("figure.dossier-chart")
    assert figures.count() >= 6
    for position in range(figures.count()):
        figure = figures.nth(position)
        svg = figure.locator("svg")
        assert svg.get_attribute("aria-labelledby"), "a chart without an accessible name"
        figure.locator("summary").click()
        expect(figure.locator("table")).to_be_visible()
    fill = "el => getComputedStyle(el).fill"
    mark = page.locator("#chart-articles-outlet svg a path").first
    light = mark.evaluate(fill)
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    assert mark.evaluate(fill) != light, "the chart colours do not follow the dark scheme"


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_the_overview(
    chromium: Browser, bundled_site_url: str, scheme: str, width: int, request
) -> None:
    context, page = local_page(chromium, scheme, width)
    try:
        with screenshot_on_failure(page, request.node.name):
            _open_overview(page, bundled_site_url)
            body = page.locator("body")
            expected = "slate" if scheme == "dark" else "default"
            expect(body).to_have_attribute("data-md-color-scheme", expected)
            assert_no_axe_violation(page, (scheme, width))
    finally:
        context.close()

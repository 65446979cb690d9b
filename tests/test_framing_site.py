"""Actor framing, outlet profiles and label pages narrowed by outlet in the built site,
read in Chromium: from the Guaidó page to a highlighted passage, from a framing-table
count to one outlet's passages, from a note's "About:" link to that note on the actor
page; axe-core finds no violation on these pages in both schemes at 1280 and 390 px.
"""

from __future__ import annotations

import re

import pytest
from sitecheck import assert_no_axe_violation, local_page

from conftest import needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]

PAGES = {
    "actor": "actors/juan-guaido/",
    "outlet": "sources/tass/",
    "narrowed label": "labels/claim/outlet-tass/",
    "label": "labels/claim/",
}


def in_view(page, selector: str) -> bool:
    return page.eval_on_selector(
        selector,
        "el => { const r = el.getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight && r.height > 0; }",
    )


def test_annotation_link_lands_on_the_highlighted_passage(chromium, bundled_site_url: str) -> None:
    context, page = local_page(chromium)
    try:
        page.goto(bundled_site_url + PAGES["actor"])
        link = page.locator(".dossier-about li a:has(mark)").first
        href = link.get_attribute("href")
        assert href and "#a-" in href
        link.click()
        page.wait_for_url(re.compile(r"/articles/[^/]+/#a-[a-z0-9-]+$"))
        anchor = page.url.rsplit("#", 1)[1]
        mark = f"mark#{anchor}"
        assert page.eval_on_selector(mark, "el => el.matches(':target')")
        assert "dossier-hl" in (page.get_attribute(mark, "class") or "")
        assert in_view(page, mark)
    finally:
        context.close()


def test_framing_cell_leads_to_one_outlets_passages(chromium, bundled_site_url: str) -> None:
    context, page = local_page(chromium)
    try:
        page.goto(bundled_site_url + PAGES["actor"])
        cell = page.locator(".dossier-framing td a").first
        outlet = cell.get_attribute("href").rstrip("/").rsplit("outlet-", 1)[1]
        column = cell.evaluate(
            "a => { const td = a.closest('td'); const i = [...td.parentNode.children].indexOf(td);"
            " return td.closest('table').querySelectorAll('thead th')[i].textContent; }"
        )
        cell.click()
        page.wait_for_url(re.compile(rf"/labels/[^/]+/outlet-{outlet}/$"))
        places = page.locator(
            ".dossier-passages > li > a:first-child + .dossier-note"
        ).all_text_contents()
        assert places and all(p.startswith(column + ",") for p in places), (column, places)
        # the label page's row for that outlet (the overview's heatmap links there)
        label = page.url.split("/labels/")[1].split("/")[0]
        page.goto(f"{bundled_site_url}labels/{label}/#outlet-{outlet}")
        row = page.locator(f"tr#outlet-{outlet}")
        assert row.evaluate("el => el.matches(':target')")
        row.locator("a").click()
        page.wait_for_url(re.compile(rf"/labels/{label}/outlet-{outlet}/$"))
    finally:
        context.close()


def test_about_link_under_a_note_shows_that_note(chromium, bundled_site_url: str) -> None:
    context, page = local_page(chromium)
    try:
        page.goto(bundled_site_url + "articles/russia-beats-us-in-venezuela/")
        about = page.locator(".footnote li a[href*='/actors/juan-guaido/']").first
        about.click()
        page.wait_for_url(re.compile(r"/actors/juan-guaido/#note-russia-beats-us-in-venezuela-"))
        anchor = page.url.rsplit("#", 1)[1]
        entry = page.locator(f"li#{anchor}")
        assert entry.evaluate("el => el.matches(':target')")
        assert "articles/russia-beats-us-in-venezuela/#a-" in entry.inner_html()
        assert in_view(page, f"li#{anchor}")
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_axe_finds_no_violation(
    chromium, bundled_site_url: str, kind: str, scheme: str, width: int
) -> None:
    context, page = local_page(chromium, scheme, width)
    try:
        page.goto(bundled_site_url + PAGES[kind])
        assert_no_axe_violation(page, (kind, scheme, width))
    finally:
        context.close()

"""Narrative pages in the built site: a strict build of the bundled dossier, links that
resolve, occurrences from several outlets, a passage link that lands on its highlight,
the article note's link back, and axe-core in Chromium (both schemes, 1280 and 390 px).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sitecheck import assert_links_resolve, assert_no_axe_violation, foreign, local_page

from conftest import needs_chromium

NARRATIVE = "us-made-coup"  # carried by three outlets in the bundled dossier
PAGES = {
    "narrative": f"narratives/{NARRATIVE}/",
    "narratives index": "narratives/",
    "article": "articles/lavrov-to-meet-venezuelan-counterpart/",
}
OUTLETS = ("TASS", "RT", "Unidentified site 1", "Unidentified site 2", "Unidentified forum")


def test_pages_exist_and_their_links_resolve(bundled_site: Path) -> None:
    assert_links_resolve(bundled_site, PAGES.values())
    narrative = (bundled_site / PAGES["narrative"] / "index.html").read_text(encoding="utf-8")
    assert narrative.count("First appearance") == 1
    index = (bundled_site / PAGES["narratives index"] / "index.html").read_text(encoding="utf-8")
    assert f'href="{NARRATIVE}/"' in index


@pytest.mark.browser
@needs_chromium
def test_occurrences_across_outlets_and_a_passage_link_lands_on_its_highlight(
    chromium, bundled_site_url: str
) -> None:
    from playwright.sync_api import expect

    requests: list[str] = []
    context, page = local_page(chromium, requests=requests)
    try:
        page.goto(bundled_site_url + PAGES["narrative"])
        items = page.locator("ul.dossier-narrative > li")
        assert items.count() >= 2
        texts = items.all_inner_texts()
        outlets = {name for text in texts for name in OUTLETS if f"{name}, " in text}
        assert len(outlets) >= 2, texts
        expect(items.first.locator(".dossier-first")).to_have_text("First appearance")
        # Follow the second occurrence's passage to its article.
        passage = items.nth(1).locator("mark").first
        quote = passage.inner_text()
        passage.click()
        page.wait_for_url(re.compile(r"/articles/[a-z0-9-]+/#a-[a-z0-9-]+$"))
        target = page.locator(":target")
        expect(target).to_have_count(1)
        expect(target).to_have_class(re.compile(r"\bdossier-hl\b"))
        expect(target).to_be_in_viewport()
        assert target.inner_text().replace("\n", " ").startswith(quote.split("…")[0].strip())
        # The article's note links back to the narrative.
        anchor = urlsplit(page.url).fragment
        note = page.locator(f'[id="fn:{anchor}"]')
        back = note.locator("a", has_text="bid for power")
        expect(back).to_have_count(1)
        back.click()
        page.wait_for_url(re.compile(rf"/narratives/{NARRATIVE}/$"))
        assert foreign(requests) == []
    finally:
        context.close()


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation(chromium, bundled_site_url: str, scheme: str, width: int) -> None:
    context, page = local_page(chromium, scheme, width)
    try:
        for kind, path in PAGES.items():
            page.goto(bundled_site_url + path)
            assert_no_axe_violation(page, (kind, scheme, width))
    finally:
        context.close()

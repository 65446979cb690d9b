"""Republication pages in the built site: a strict build, links that resolve, and
axe-core in Chromium in both colour schemes (the bundled dossier has no republication,
so the site tests never see these pages).

The project is a copy of the bundled dossier plus a republished copy of the TASS
article (another headline, outlet and date, the last paragraph cut, a line added).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import CHROMIUM, REPO, copy_project, mkdocs_build, needs_chromium

TASS = "lavrov-to-meet-venezuelan-counterpart"
COPY = "venezuelas-top-diplomat-heads-to-moscow"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {
    "article": f"articles/{COPY}/",
    "cluster list": "republications/",
    "side by side": f"republications/compare/{COPY}/",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("republished"))
    text = (root / "dossier" / "articles" / f"{TASS}.md").read_text(encoding="utf-8")
    body = text.split("---\n", 2)[2].strip().split("\n\n")
    copy = (
        f"---\nid: {COPY}\ntitle: Venezuela's top diplomat heads to Moscow\noutlet: rt\n"
        "published: 2019-05-06\n---\n\n"
        + "\n\n".join([*body[:-1], "Follow us on Telegram for more news from Caracas."])
        + "\n"
    )
    (root / "dossier" / "articles" / f"{COPY}.md").write_text(copy, encoding="utf-8")
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(out, cwd=root)
    assert result.returncode == 0, result.stderr
    return out


def test_pages_exist_and_their_links_resolve(site: Path) -> None:
    for path in PAGES.values():
        page = (site / path / "index.html").read_text(encoding="utf-8")
        for href in re.findall(r'href="([^"#?]+)', page):
            if urlsplit(href).scheme or href.startswith("//"):
                continue
            target = (site / path / href).resolve()
            assert target.exists() or (target / "index.html").exists(), (path, href)
    article = (site / PAGES["article"] / "index.html").read_text(encoding="utf-8")
    assert "Also published by" in article and "first appearance" in article
    compare = (site / PAGES["side by side"] / "index.html").read_text(encoding="utf-8")
    assert "<del" in compare and "<ins" in compare


@pytest.fixture(scope="module")
def site_url(site: Path) -> Iterator[str]:
    from test_browser import serving

    with serving(site) as url:
        yield url


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation(site_url: str, scheme: str) -> None:
    from playwright.sync_api import sync_playwright
    from test_browser import CHROMIUM_ARGS

    if not AXE.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail("axe-core is missing: .ci/run installs it with npm ci")
        pytest.skip("axe-core is not installed (run `npm ci --ignore-scripts`)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(color_scheme=scheme)
            context.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if urlsplit(route.request.url).hostname in (None, "127.0.0.1")
                    else route.abort()
                ),
            )
            page = context.new_page()
            for kind, path in PAGES.items():
                page.goto(site_url + path)
                page.add_script_tag(path=str(AXE))
                violations = page.evaluate(
                    "async () => (await axe.run(document, {resultTypes: ['violations']}))"
                    ".violations.map(v => ({impact: v.impact, id: v.id,"
                    " nodes: v.nodes.map(n => n.target.join(' '))}))"
                )
                serious = [v for v in violations if v["impact"] in {"serious", "critical"}]
                assert serious == [], (kind, scheme, serious)
        finally:
            browser.close()

"""Republication pages in the built site: a strict build, links that resolve, and
axe-core in Chromium in both colour schemes (the bundled dossier has no republication,
so the site tests never see these pages).

The project is a copy of the bundled dossier plus a republished copy of the TASS
article (another headline, outlet and date, the last paragraph cut, a line added).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sitecheck import assert_links_resolve, axe_violations, local_page, serving

from conftest import copy_project, mkdocs_build, needs_chromium

TASS = "lavrov-to-meet-venezuelan-counterpart"
COPY = "venezuelas-top-diplomat-heads-to-moscow"
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
    assert_links_resolve(site, PAGES.values())
    article = (site / PAGES["article"] / "index.html").read_text(encoding="utf-8")
    assert "Also published by" in article and "first appearance" in article
    compare = (site / PAGES["side by side"] / "index.html").read_text(encoding="utf-8")
    assert "<del" in compare and "<ins" in compare


@pytest.fixture(scope="module")
def site_url(site: Path) -> Iterator[str]:
    with serving(site) as url:
        yield url


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation(chromium, site_url: str, scheme: str) -> None:
    context, page = local_page(chromium, scheme)
    try:
        for kind, path in PAGES.items():
            page.goto(site_url + path)
            violations = axe_violations(page)
            serious = [v for v in violations if v["impact"] in {"serious", "critical"}]
            assert serious == [], (kind, scheme, serious)
    finally:
        context.close()

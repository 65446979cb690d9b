"""Listings continue on numbered pages, and every pager link leads to a page that exists."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from conftest import REPO
from dossier_core import build_index, build_pages, indexes, labelpages, load_dossier, pages
from dossier_core.pagekit import page_url


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "ARTICLES_PER_PAGE", 2)
    monkeypatch.setattr(pages, "ARTICLES_PER_LIST_PAGE", 2)
    monkeypatch.setattr(labelpages, "PASSAGES_PER_PAGE", 2)
    monkeypatch.setattr(indexes, "ROWS_PER_PAGE", 2)


@pytest.mark.parametrize("directory_urls", [True, False])
def test_numbered_pages_and_their_links(small_pages: None, directory_urls: bool) -> None:
    dossier = load_dossier(REPO)
    built = build_pages(dossier, build_index(dossier), directory_urls)
    paths = {page.path for page in built}
    for expected in ["actors/nicolas-maduro/2.md", "actors/nicolas-maduro/3.md",
                     "labels/claim/2.md", "articles/index/2.md", "articles/index/3.md",
                     "sources/unknown.md"]:  # fmt: skip
        assert expected in paths, expected
    urls = {page_url(path, directory_urls) for path in paths}
    followed = 0
    for page in built:
        here = "http://site/" + page_url(page.path, directory_urls)
        for nav in re.findall(r'<nav class="dossier-pager".*?</nav>', page.text):
            for link in re.findall(r'href="([^"]+)"', nav):
                target = urljoin(here, link).removeprefix("http://site/")
                assert target in urls, (page.path, link)
                followed += 1
    assert followed > 20
    second = next(page for page in built if page.path == "actors/nicolas-maduro/2.md")
    assert "search: {exclude: true}" in second.text  # later pages stay out of search
    assert not second.searchable
    first = next(page for page in built if page.path == "actors/nicolas-maduro.md")
    assert first.searchable
    assert "Page 2 of" in second.text

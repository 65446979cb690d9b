"""Listings continue on numbered pages, and every pager link leads to a page that exists."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from conftest import REPO
from dossier_core import RenderSettings, build_index, build_pages, load_dossier
from dossier_core.settings import page_url


def small_pages(directory_urls: bool) -> RenderSettings:
    """Every listing cut two items to a page (sizes come from the settings, not globals)."""
    return RenderSettings(
        directory_urls=directory_urls, actor_articles_per_page=2, list_articles_per_page=2,
        label_passages_per_page=2, index_rows_per_page=2, republication_rows_per_page=2,
        actor_annotations_per_page=2,
    )  # fmt: skip


@pytest.mark.parametrize("directory_urls", [True, False])
def test_numbered_pages_and_their_links(directory_urls: bool) -> None:
    dossier = load_dossier(REPO)
    built = build_pages(dossier, build_index(dossier), small_pages(directory_urls))
    paths = {page.path for page in built}
    for expected in ["actors/nicolas-maduro/2.md", "actors/nicolas-maduro/3.md",
                     "labels/claim/2.md", "articles/index/2.md", "articles/index/3.md",
                     "sources/unidentified-000.md", "actors/juan-guaido/annotations/2.md",
                     "labels/claim/outlet-unidentified-forum/2.md"]:  # fmt: skip
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


def test_default_sizes_are_the_documented_ones() -> None:
    dossier = load_dossier(REPO)
    index = build_index(dossier)
    small = {page.path for page in build_pages(dossier, index, small_pages(True))}
    default = {page.path for page in build_pages(dossier, index)}
    assert "actors/nicolas-maduro/2.md" in small and "actors/nicolas-maduro/2.md" not in default
    settings = RenderSettings()
    assert (settings.actor_articles_per_page, settings.list_articles_per_page,
            settings.label_passages_per_page, settings.index_rows_per_page,
            settings.republication_rows_per_page) == (50, 200, 100, 200, 200)  # fmt: skip

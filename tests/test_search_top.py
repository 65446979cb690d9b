"""Precomputed first results for frequent names (dossier_core/searchtop.py, search/top/):
the files for the bundled dossier, and in Chromium, the results shown before Pagefind
answers, then Pagefind's full set with none repeated and its count."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import REPO, needs_chromium
from dossier_core import build_index, load_dossier
from dossier_core.searchtop import TERMS_PATH, top_files, words
from dossier_core.settings import RenderSettings
from dossier_core.text import fold


@pytest.fixture(scope="module")
def analysed():
    dossier = load_dossier(REPO, "dossier")
    return dossier, build_index(dossier)


def term_file(files: dict[str, str], term: str) -> dict:
    number = json.loads(files[TERMS_PATH])["terms"][term]
    return json.loads(files[f"search/top/{number}.json"])


def test_the_bundled_dossier_files(analysed) -> None:
    dossier, index = analysed
    files = top_files(dossier, index, RenderSettings())
    terms = json.loads(files[TERMS_PATH])["terms"]
    assert set(files) == {TERMS_PATH} | {f"search/top/{n}.json" for n in terms.values()}
    assert {"maduro", "nicolas maduro", "guaido", "juan guaido", "lavrov"} <= set(terms)
    maduro = term_file(files, "maduro")
    assert maduro["about"] == ["Nicolás Maduro"]
    urls = [result["url"] for result in maduro["results"]]
    assert urls[0] == "actors/nicolas-maduro/"
    assert len(urls) == len(set(urls)) == 1 + len(index.articles)  # every article names him
    assert all(re.fullmatch(r"articles/[a-z0-9-]+/", url) for url in urls[1:])
    for result in maduro["results"][1:]:
        before, name, after = result["excerpt"]
        assert "maduro" in words(name)
        article = index.articles[result["url"].split("/")[1]].article
        quoted = (before + name + after).removeprefix("… ").removesuffix(" …")
        assert quoted in " ".join(article.body.split())
        assert result["title"] == article.title and result["date"] == article.published
    # the most mentions first: counts of mentions holding the word, never rising
    counts = [
        sum("maduro" in words(m.text) for m in index.articles[u.split("/")[1]].mentions)
        for u in urls[1:]
    ]
    assert counts == sorted(counts, reverse=True)


def test_terms_are_folded_names_and_every_page_holds_them(analysed) -> None:
    dossier, index = analysed
    files = top_files(dossier, index, RenderSettings())
    forms = {
        " ".join(words(text))
        for actor in dossier.registry.actors.values()
        for text in [actor.name, *(a.text for a in actor.aliases)]
    }
    for term in json.loads(files[TERMS_PATH])["terms"]:
        assert term in forms, term
        assert term == " ".join(re.findall(r"[^\W_]+", fold(term))), term  # folded already
        for result in term_file(files, term)["results"]:
            kind, ident = result["url"].split("/")[:2]
            if kind == "articles":
                text = index.articles[ident].article.body
            else:
                actor = dossier.registry.actors[ident]
                text = " ".join([actor.name, *(a.text for a in actor.aliases)])
            assert f" {term} " in f" {' '.join(words(text))} ", (term, result["url"])


def test_output_is_deterministic_and_follows_the_url_style(analysed) -> None:
    dossier, index = analysed
    first = top_files(dossier, index, RenderSettings())
    assert first == top_files(dossier, index, RenderSettings())
    assert all(content.isascii() and content.endswith("}\n") for content in first.values())
    flat = top_files(dossier, index, RenderSettings(directory_urls=False, links="source"))
    urls = [r["url"] for r in term_file(flat, "maduro")["results"]]
    assert urls[0] == "actors/nicolas-maduro.html"
    assert all(url.endswith(".html") for url in urls)


def test_the_built_site_has_the_files(bundled_site: Path) -> None:
    terms = json.loads((bundled_site / TERMS_PATH).read_text(encoding="utf-8"))["terms"]
    for number in terms.values():
        top = json.loads((bundled_site / f"search/top/{number}.json").read_text("utf-8"))
        for result in top["results"]:
            assert (bundled_site / result["url"] / "index.html").is_file(), result["url"]


# ------------------------------------------------------------------------ in Chromium

PAGEFIND_SET = """async (query) => {
  const api = await import(new URL("pagefind/pagefind.js", document.baseURI.replace(/search\\/.*$/, "")).href);
  await api.init();
  const search = await api.search(query);
  const items = await Promise.all(search.results.map((r) => r.data()));
  return items.map((item) => new URL(item.url, location.href).pathname);
}"""


def paths(page, selector: str) -> list[str]:
    hrefs = page.locator(f"{selector} a").evaluate_all("links => links.map(a => a.href)")
    return [urlsplit(href).path for href in hrefs]


@needs_chromium
def test_a_frequent_name_is_listed_before_pagefind_answers(
    chromium, bundled_site_url: str, bundled_site: Path
) -> None:
    """With Pagefind's script blocked, typing "Maduro" still lists the actor's page and
    the articles naming him most, from search/top/, with the order explained."""
    from playwright.sync_api import expect
    from sitecheck import foreign, local_page

    terms = json.loads((bundled_site / TERMS_PATH).read_text("utf-8"))["terms"]
    top = json.loads((bundled_site / f"search/top/{terms['maduro']}.json").read_text("utf-8"))
    requests: list[str] = []
    context, page = local_page(chromium, requests=requests)
    try:
        page.route("**/pagefind/pagefind.js", lambda route: route.abort())
        page.goto(bundled_site_url)
        page.locator("#dossier-search-input").focus()
        page.keyboard.type("Maduro")
        results = page.locator(".dossier-search__result")
        expect(results.first).to_have_class(re.compile("dossier-search__result--top"))
        expect(results.first.locator(".dossier-search__title")).to_have_text("Nicolás Maduro")
        expect(page.locator(".dossier-search__order")).to_contain_text("the page on Nicolás Maduro")
        shown = paths(page, ".dossier-search__result")
        assert shown == [urlsplit(bundled_site_url).path + r["url"] for r in top["results"][:8]]
        expect(page.locator(".dossier-search__result mark").first).to_have_text(
            re.compile("Maduro")
        )
        assert foreign(requests) == []
    finally:
        context.close()


@needs_chromium
@pytest.mark.parametrize("where", ["search page", "header"])
def test_then_pagefinds_full_set_without_repeats(chromium, bundled_site_url: str, where) -> None:
    from playwright.sync_api import expect
    from sitecheck import foreign, local_page

    requests: list[str] = []
    context, page = local_page(chromium, requests=requests)
    try:
        if where == "header":
            page.goto(bundled_site_url)
            page.locator("#dossier-search-input").focus()
            page.keyboard.type("Maduro")
            status = page.locator(".dossier-search__status")
            expect(status).to_have_text(re.compile(r"^(about )?\d+ results$"))
            shown = paths(page, ".dossier-search__result")
            assert len(shown) == len(set(shown)) == 8
            expected = page.evaluate(PAGEFIND_SET, "Maduro")
            assert set(shown) <= set(expected)
            expect(page.locator(".dossier-search__all")).to_have_text(
                f"All {len(expected)} results, with filters"
            )
        else:
            page.goto(f"{bundled_site_url}search/?q=Maduro")
            status = page.locator(".dossier-search-page__status")
            expect(status).to_have_text(re.compile(r"^\d+ results for .Maduro.$"))
            expect(page.locator(".dossier-search-page__order")).to_be_visible()
            more = page.locator(".dossier-search-page__more")
            while more.is_visible():
                before = page.locator(".dossier-search__result").count()
                more.click()
                expect(page.locator(".dossier-search__result")).not_to_have_count(before)
            shown = paths(page, ".dossier-search__result")
            expected = page.evaluate(PAGEFIND_SET, "Maduro")
            total = int(status.inner_text().split()[0])
            assert len(shown) == len(set(shown)) == total == len(expected)  # none twice
            assert set(shown) == set(expected)  # Pagefind's set, exactly
            first = page.locator(".dossier-search__result").first
            expect(first).to_have_class(re.compile("dossier-search__result--top"))
        assert foreign(requests) == []
    finally:
        context.close()


@needs_chromium
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_nothing_with_precomputed_results(
    chromium, bundled_site_url: str, scheme: str, width: int
) -> None:
    from playwright.sync_api import expect
    from sitecheck import assert_no_axe_violation, local_page, require_axe

    require_axe()
    context, page = local_page(chromium, scheme, width)
    try:
        page.goto(f"{bundled_site_url}search/?q=Maduro")
        expect(page.locator(".dossier-search-page__status")).to_have_text(re.compile(r"^\d+"))
        expect(page.locator(".dossier-search-page__order")).to_be_visible()
        assert_no_axe_violation(page, ("search page", scheme, width))
        page.goto(bundled_site_url)
        if width < 1000:
            page.keyboard.press("/")
        page.locator("#dossier-search-input").focus()
        page.keyboard.type("Maduro")
        expect(page.locator(".dossier-search__status")).to_have_text(re.compile(r"results$"))
        expect(page.locator(".dossier-search__order")).to_be_visible()
        assert_no_axe_violation(page, ("header box", scheme, width))
    finally:
        context.close()


def test_the_zensical_path_writes_the_same_files(analysed, tmp_path: Path) -> None:
    """`dossier render` (and so `dossier build --engine zensical`) writes them too,
    listed in its manifest, byte for byte what the plugin adds."""
    from dossier_core.sitebuild import MANIFEST, render_site

    dossier, index = analysed
    out = tmp_path / "rendered"
    render_site(REPO, "dossier", out, RenderSettings(links="source"))
    expected = top_files(dossier, index, RenderSettings())
    listed = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    for path, content in expected.items():
        assert (out / path).read_text(encoding="utf-8") == content, path
        assert path in listed

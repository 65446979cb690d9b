"""Search results (docs/javascripts/search.js, search-page.js; dossier_core/searchmeta.py):
each result says what it is, an article its outlet badge and date; excerpts are the
pages' text, not their chrome; hand-written pages come after the dossier's, Pagefind's
order kept within each; filters by count with every value reachable; a date range; the
header box fits a 390 px screen. In Chromium, on the bundled site, in both colour
schemes where what is tested is drawn (what the index holds does not depend on it)."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from urllib.parse import quote, urlsplit

import pytest

from conftest import needs_chromium
from dossier_core.kinds import ACTOR_KINDS
from dossier_core.searchmeta import month

pytestmark = pytest.mark.browser

SCHEMES = ["light", "dark"]
RESULT = "#dossier-search .dossier-search__result"
STATUS = ".dossier-search-page__status"
KINDS = {"Article", "Actor", "Outlet", "Label", "Narrative", "Tag", "Republications",
         "Overview", "Data", "Guide", "Home"}  # fmt: skip
HAND_WRITTEN = {"Guide", "Home"}
# Words of the pages' own furniture, which no excerpt may show.
CHROME = ["About:", "\u21a9", "What the dossier says", "Mentions:", "Named in the same",
          "Actors in this article", "Related articles", "No annotation of the dossier"]  # fmt: skip
REPEATED_KIND = re.compile(r"\b(" + "|".join(k.one for k in ACTOR_KINDS.values()) + r")\s+\1\b")

# Every result shown: its kind, title, details and excerpt.
SHOWN = """sel => [...document.querySelectorAll(sel)].map(r => ({
  href: new URL(r.querySelector('a').href).pathname,
  title: r.querySelector('.dossier-search__title').textContent,
  kind: (r.querySelector('.dossier-search__kind') || {}).textContent || '',
  role: (r.querySelector('.dossier-search__role') || {}).textContent || '',
  badge: (r.querySelector('.dossier-badge') || {}).textContent || '',
  style: ((r.querySelector('.dossier-badge') || {}).className || '').split(' ').pop(),
  date: (r.querySelector('.dossier-search__date') || {}).textContent || '',
  excerpt: r.querySelector('.dossier-search__excerpt').textContent,
}))"""

# Pagefind's own answer, as two searches (dossier pages, then hand-written ones), each in
# its order; and the counts of a filter for a query.
PAGEFIND = """async ([query, filters]) => {
  const api = await window.dossierSearch.loadPagefind();
  const paths = async (found) => (await Promise.all(found.results.map(r => r.data())))
    .map(item => new URL(item.url, location.href).pathname);
  const own = await api.search(query, {filters: Object.assign({}, filters, {not: {Page: 'hand-written'}})});
  const hand = await api.search(query, {filters: {Page: 'hand-written'}});
  const all = await api.search(query, {filters});
  return {own: await paths(own), hand: await paths(hand), all: await paths(all),
          totals: all.totalFilters};
}"""

# The contrast of an element's icon (its SVG's fill) on what is behind it: the
# backgrounds of it and its ancestors, composed down to the first opaque one.
CONTRAST = """el => {
  const parse = c => { const p = c.match(/[\\d.]+/g).map(Number); return p.length > 3 ? p : p.concat([1]); };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const layers = [];
  for (let node = el; node; node = node.parentElement) {
    const c = parse(getComputedStyle(node).backgroundColor);
    if (c[3] > 0) layers.push(c);
    if (c[3] >= 1) break;
  }
  let back = [255, 255, 255, 1];
  layers.reverse().forEach(layer => { back = over(layer, back); });
  const fore = over(parse(getComputedStyle(el.querySelector('svg')).fill), back);
  const lum = c => c.slice(0, 3).map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const [a, b] = [lum(fore), lum(back)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""

FITS = "() => document.documentElement.scrollWidth <= innerWidth"


def test_month_of_a_date() -> None:
    assert [month(d) for d in ["2019-05-05", "2019-05", "2019", ""]] == [
        "2019-05", "2019-05", "2019", ""
    ]  # fmt: skip


@contextlib.contextmanager
def opened(chromium, scheme: str = "light", width: int = 1280) -> Iterator:
    from sitecheck import local_page

    context, page = local_page(chromium, scheme, width)
    try:
        yield page
    finally:
        context.close()


def search_page(page, url: str, query: str, *, every: bool = True) -> list[dict]:
    """The search page for `query`, once Pagefind has counted; with `every`, "More
    results" pressed until all are listed. The results shown (SHOWN)."""
    from playwright.sync_api import expect

    page.goto(f"{url}search/?q={quote(query)}")
    expect(page.locator(STATUS)).to_have_text(re.compile(r"^(\d+ results?|No results) for "))
    more = page.locator(".dossier-search-page__more")
    while every and more.is_visible():
        before = page.locator(RESULT).count()
        more.click()
        expect(page.locator(RESULT)).not_to_have_count(before)
    return page.evaluate(SHOWN, RESULT)


def count(page) -> int:
    return int(page.locator(STATUS).inner_text().split()[0])


def open_filters(page) -> None:
    page.locator(".dossier-search-page__filters summary").click()
    page.wait_for_selector(".dossier-search-page__group[data-name='Actor']")


@needs_chromium
@pytest.mark.parametrize("scheme", SCHEMES)
def test_each_result_says_what_it_is(chromium, bundled_site_url: str, scheme: str) -> None:
    from playwright.sync_api import expect

    with opened(chromium, scheme) as page:
        results = search_page(page, bundled_site_url, "Guaido")
        kinds = {r["kind"] for r in results}
        assert kinds <= KINDS and {"Actor", "Article", "Narrative", "Guide"} <= kinds, kinds
        assert all(r["role"] in {k.one for k in ACTOR_KINDS.values()}
                   for r in results if r["kind"] == "Actor")  # fmt: skip
        articles = [r for r in results if r["kind"] == "Article"]
        assert articles and all(r["badge"] and re.fullmatch(r"\d{4}(-\d\d){0,2}|undated", r["date"])
                                for r in articles), articles  # fmt: skip
        colours = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
            '#dossier-search .dossier-badge')].map(b => [b.className, getComputedStyle(b).backgroundColor]))""")
        # The badge of each article result is the article page's own: words, style, colour.
        for result in articles:
            page.goto(bundled_site_url.rstrip("/") + result["href"])
            own = page.locator(".dossier-card .dossier-badge").first
            expect(own).to_have_text(result["badge"])
            expect(own).to_have_class(re.compile(rf"\b{re.escape(result['style'])}\b"))
            shade = own.evaluate("b => getComputedStyle(b).backgroundColor")
            assert colours[f"dossier-badge {result['style']}"] == shade, result
        # The header box, precomputed results ("Maduro") and Pagefind's ("Lavrov") alike.
        for query in ["Maduro", "Lavrov"]:
            page.goto(bundled_site_url)
            page.locator("#dossier-search-input").fill(query)
            expect(page.locator(".dossier-search__status")).to_have_text(
                re.compile(r"\d+ results$")
            )
            shown = page.evaluate(SHOWN, ".dossier-search__results .dossier-search__result")
            assert shown[0]["kind"] == "Actor" and shown[0]["role"] == "Person", shown[0]
            assert any(r["kind"] == "Article" and r["badge"] and r["date"] for r in shown), shown


@needs_chromium
def test_excerpts_are_the_pages_text_not_their_furniture(chromium, bundled_site_url: str) -> None:
    with opened(chromium) as page:
        for query in ["Guaido", "Maduro", "Lavrov", "puppet", "Oslo"]:
            results = search_page(page, bundled_site_url, query)
            assert results, query
            for result in results:
                excerpt = result["excerpt"]
                assert not [w for w in CHROME if w in excerpt], (query, result)
                assert not REPEATED_KIND.search(excerpt), (query, result)


@needs_chromium
def test_hand_written_pages_come_after_the_dossiers(chromium, bundled_site_url: str) -> None:
    """For "Guaido": the precomputed results, then Pagefind's order among the dossier's pages,
    then among hand-written pages; the same set and count as one plain Pagefind search,
    and the same count in the header box."""
    import json
    from urllib.request import urlopen

    from playwright.sync_api import expect

    base = urlsplit(bundled_site_url).path
    terms = json.load(urlopen(f"{bundled_site_url}search/top/terms.json"))["terms"]
    top = json.load(urlopen(f"{bundled_site_url}search/top/{terms['guaido']}.json"))
    first = [base + r["url"] for r in top["results"]]
    with opened(chromium) as page:
        results = search_page(page, bundled_site_url, "Guaido")
        kinds = [r["kind"] for r in results]
        last_own = max(i for i, kind in enumerate(kinds) if kind not in HAND_WRITTEN)
        assert "Guide" in kinds and kinds.index("Guide") > last_own, kinds
        assert all(kind in HAND_WRITTEN for kind in kinds[last_own + 1 :]), kinds
        found = page.evaluate(PAGEFIND, ["Guaido", {}])
        expected = first + [p for p in found["own"] if p not in first] + found["hand"]
        assert [r["href"] for r in results] == expected
        assert sorted(expected) == sorted(found["all"]) and count(page) == len(expected)
        page.goto(bundled_site_url)
        page.locator("#dossier-search-input").fill("Guaido")
        expect(page.locator(".dossier-search__all")).to_have_text(
            f"All {len(expected)} results, with filters"
        )


def option_counts(group) -> list[int]:
    return [int(re.search(r"\((\d+)\)$", t)[1]) for t in group.locator("label").all_inner_texts()]


@needs_chromium
def test_filters_by_count_with_every_value_reachable(chromium, bundled_site_url: str) -> None:
    from playwright.sync_api import expect

    with opened(chromium) as page:
        search_page(page, bundled_site_url, "Guaido", every=False)
        open_filters(page)
        groups = page.locator(".dossier-search-page__group:not([data-name='Date'])")
        for index in range(groups.count()):
            counts = option_counts(groups.nth(index))
            assert counts == sorted(counts, reverse=True), groups.nth(index).inner_text()
        found = page.evaluate(PAGEFIND, ["Guaido", {}])
        names = sorted(name for name, n in found["totals"]["Actor"].items() if n)
        assert len(names) > 10
        actors = page.locator(".dossier-search-page__group[data-name='Actor']")
        expect(actors.locator("input[type=checkbox]")).to_have_count(10)
        toggle = actors.locator(".dossier-search-page__toggle")
        expect(toggle).to_have_text(f"Show all {len(names)} actors")
        toggle.click()
        expect(actors.locator("input[type=checkbox]")).to_have_count(len(names))
        listed = [re.sub(r" \(\d+\)$", "", t) for t in actors.locator("label").all_inner_texts()]
        assert sorted(listed) == names
        expect(actors.locator(".dossier-search-page__toggle")).to_be_focused()  # kept
        actors.locator(".dossier-search-page__toggle").click()
        expect(actors.locator("input[type=checkbox]")).to_have_count(10)
        # A long list has a box to find a value; ticking it narrows the results.
        actors.locator(".dossier-search-page__find").click()
        page.keyboard.type("lavrov")  # a key at a time: the box keeps the focus and its text
        expect(actors.locator(".dossier-search-page__find")).to_have_value("lavrov")
        expect(actors.locator("label")).to_have_count(1)
        expect(actors.locator("label")).to_have_text(re.compile(r"^Sergey Lavrov \(\d+\)$"))
        actors.locator("input[type=checkbox]").focus()
        page.keyboard.press("Space")
        narrowed = page.evaluate(PAGEFIND, ["Guaido", {"Actor": {"any": ["Sergey Lavrov"]}}])
        expect(page.locator(STATUS)).to_have_text(
            re.compile(rf"^{len(narrowed['all'])} results? for .Guaido.$")
        )
        expect(actors.locator("input[type=checkbox]")).to_be_focused()  # after the redraw
        assert {r["kind"] for r in page.evaluate(SHOWN, RESULT)} == {"Article"}


@needs_chromium
def test_date_range_narrows_the_results(chromium, bundled_site_url: str) -> None:
    from playwright.sync_api import expect

    with opened(chromium) as page:
        search_page(page, bundled_site_url, "Maduro")
        everything = count(page)
        open_filters(page)
        every_month = page.evaluate(
            "async () => Object.keys((await (await window.dossierSearch.loadPagefind()).filters()).Month)"
        )
        status = page.locator(STATUS)
        cases = [("2019-05", "2019-05", "dated 2019-05 to 2019-05"),
                 ("2019-08", "", "dated from 2019-08"),
                 ("", "2019-01", "dated up to 2019-01"),
                 ("2019-09", "2019-05", "dated 2019-05 to 2019-09")]  # fmt: skip
        for start, end, said in cases:
            page.select_option("#dossier-date-from", start)
            page.select_option("#dossier-date-to", end)
            expect(status).to_have_text(re.compile(rf"^\d+ results? for .Maduro., {said}$"))
            low, high = sorted([start or "0000", end or "9999"])
            months = [m for m in every_month if low <= m <= high]
            narrowed = page.evaluate(PAGEFIND, ["Maduro", {"Month": {"any": months}}])
            assert 0 < count(page) == len(narrowed["all"]) < everything, (start, end)
            shown = page.evaluate(SHOWN, RESULT)
            assert all(r["kind"] == "Article" and low <= r["date"][:7] <= high for r in shown)
        page.select_option("#dossier-date-from", "")
        page.select_option("#dossier-date-to", "")
        expect(status).to_have_text(re.compile(rf"^{everything} results for .Maduro.$"))


def assert_clear_button(page) -> None:
    """The clear button: a 24 x 24 px target, 3:1 against the header behind it."""
    from playwright.sync_api import expect

    clear = page.locator(".dossier-search__clear")
    expect(clear).to_be_visible()
    box = clear.bounding_box()
    assert box and box["width"] >= 24 and box["height"] >= 24, box
    assert clear.evaluate(CONTRAST) >= 3


@needs_chromium
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", [390, 1280])
def test_header_box_fits_and_clears(
    chromium, bundled_site_url: str, scheme: str, width: int
) -> None:
    from playwright.sync_api import expect

    with opened(chromium, scheme, width) as page:
        page.goto(f"{bundled_site_url}articles/")
        page.keyboard.press("/")
        for key in "Guaido":
            page.keyboard.type(key)
            assert page.evaluate(FITS), "the page scrolls sideways while typing"
        expect(page.locator(".dossier-search__status")).to_have_text(re.compile(r"\d+ results$"))
        assert page.evaluate(FITS), "the page scrolls sideways with the results shown"
        for part in ["form.dossier-search", ".dossier-search__results"]:
            box = page.locator(part).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, (part, box)
        assert_clear_button(page)
        page.locator(".dossier-search__clear").click()
        expect(page.locator("#dossier-search-input")).to_have_value("")
        expect(page.locator("#dossier-search-input")).to_be_focused()
        expect(page.locator(".dossier-search__results")).to_be_hidden()
        expect(page.locator(".dossier-search__clear")).to_be_hidden()


@needs_chromium
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_nothing_with_results_shown(
    chromium, bundled_site_url: str, scheme: str, width: int
) -> None:
    from playwright.sync_api import expect
    from sitecheck import assert_no_axe_violation

    with opened(chromium, scheme, width) as page:
        search_page(page, bundled_site_url, "Guaido", every=False)
        open_filters(page)
        page.locator(
            ".dossier-search-page__group[data-name='Actor'] .dossier-search-page__toggle"
        ).click()
        page.select_option("#dossier-date-from", "2019-01")
        expect(page.locator(STATUS)).to_contain_text("dated from 2019-01")
        assert page.evaluate(FITS), "the search page scrolls sideways"
        assert_no_axe_violation(page, ("search page", scheme, width))
        page.goto(bundled_site_url)
        page.keyboard.press("/")
        page.keyboard.type("Lavrov")
        expect(page.locator(".dossier-search__status")).to_have_text(re.compile(r"\d+ results$"))
        assert_no_axe_violation(page, ("header box", scheme, width))


@needs_chromium
def test_without_javascript_the_search_page_points_to_the_indexes(
    chromium, bundled_site_url: str
) -> None:
    from playwright.sync_api import expect

    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{bundled_site_url}search/")
        note = page.locator(".dossier-nojs")
        expect(note).to_be_visible()
        note.get_by_role("link", name="articles").click()
        expect(page.locator("h1")).to_have_text(re.compile("Articles"))
    finally:
        context.close()
    with opened(chromium) as page:
        search_page(page, bundled_site_url, "Oslo")
        expect(page.locator(".dossier-nojs")).to_be_hidden()

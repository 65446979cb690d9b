"""End-to-end tests of the built site in a real browser (Playwright + Debian's Chromium).

The site is built once per module with `mkdocs build --strict` into a temporary
directory, served on 127.0.0.1 by the standard library's HTTP server, and read the way
a reader would: following links, hovering and tabbing to mentions, pressing "/" to
search. Any request to a host other than 127.0.0.1 is recorded (and aborted, so the
tests never touch the network).

On failure, each test saves a full-page screenshot to test-results/<test name>.png.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"

# In CI (CI=true) Chromium is installed by .ci/run: its absence is a failure, not a skip.
if not os.path.exists(CHROMIUM) and os.environ.get("CI") != "true":
    pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM}", allow_module_level=True)
try:
    from playwright.sync_api import Browser, Page, expect
except ImportError:  # pragma: no cover - depends on the environment
    pytest.skip("browser tests need the playwright Python package", allow_module_level=True)

pytestmark = pytest.mark.browser

from sitecheck import (  # noqa: E402 - after the module-level skips
    CHROMIUM_ARGS,  # noqa: F401 - imported from here by other test modules
    LOCAL_HOST,
    launched_chromium,
    screenshot_on_failure,
    serving,
)

from conftest import REPO, copy_project, mkdocs_build, set_plugin_option  # noqa: E402 - after the module-level skips

ARTICLE_IDS = {
    "russia-beats-us-in-venezuela",
    "maduro-reminds-the-world-of-powerful-allies",
    "venezuelas-fake-president-offers-peace-to-russia",
    "lavrov-to-meet-venezuelan-counterpart",
    "us-holds-secret-talks-with-venezuela-officials",
}
TASS_ARTICLE = "lavrov-to-meet-venezuelan-counterpart"
TASS_ARTICLE_TITLE = "Lavrov to meet with Venezuelan counterpart"

TIMEOUT_MS = 10_000


# --------------------------------------------------------------------------- helpers


def wait_for_tooltip(page: Page, name: str) -> None:
    """Wait until a Material tooltip showing `name` is displayed and fully opaque."""
    tooltip = page.locator(".md-tooltip2, .md-tooltip").filter(has_text=name).first
    expect(tooltip).to_be_visible(timeout=TIMEOUT_MS)
    page.wait_for_function(
        """name => [...document.querySelectorAll('.md-tooltip2, .md-tooltip')].some(el => {
            if (!el.textContent.includes(name)) return false;
            const style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            return style.visibility !== 'hidden' && style.display !== 'none'
                && parseFloat(style.opacity) > 0.9 && box.width > 0 && box.height > 0;
        })""",
        arg=name,
        timeout=TIMEOUT_MS,
    )


def tab_to(page: Page, selector: str, attribute: str, presses: int = 300) -> str | None:
    """Press Tab until the focused element matches `selector`; return its `attribute`."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        value = page.evaluate(
            """([selector, attribute]) => {
                const el = document.activeElement;
                return el && el.matches(selector) ? el.getAttribute(attribute) : null;
            }""",
            [selector, attribute],
        )
        if value:
            return value
    return None


def actor_name(mention_title: str) -> str:
    """A mention's title is "Name: description"; return the name."""
    name, sep, _ = mention_title.partition(":")
    assert sep, f"mention title {mention_title!r} is not 'Name: description'"
    return name.strip()


def search_from_home(page: Page, base_url: str, query: str) -> list[dict[str, str]]:
    """Search as a reader does: "/" on the home page, type, Enter. Return the results
    shown, each as {"title", "href"} of its main link."""
    page.goto(base_url)
    page.keyboard.press("/")
    header_input = page.locator("form.dossier-search input[data-dossier-search]")
    expect(header_input).to_be_focused()
    page.keyboard.type(query)
    expect(header_input).to_have_value(query)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="), timeout=TIMEOUT_MS)
    page.wait_for_selector(PAGE_RESULT, timeout=TIMEOUT_MS)
    return page.eval_on_selector_all(
        PAGE_RESULT,
        """results => results.map(r => ({
            title: r.querySelector('.dossier-search__title').textContent.trim(),
            href: r.querySelector('a').href,
        }))""",
    )


PAGE_RESULT = "#dossier-search .dossier-search__result"  # a result on the search page


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Build the site once with `mkdocs build --strict`, serve it, yield its base URL."""
    site_dir = tmp_path_factory.mktemp("site")
    proc = mkdocs_build(site_dir)
    if proc.returncode != 0:
        print(proc.stdout)
        print(proc.stderr, file=sys.stderr)
    assert proc.returncode == 0, f"mkdocs build --strict failed:\n{proc.stderr}"
    assert (site_dir / "pagefind").is_dir(), "the build wrote no Pagefind index"
    with serving(site_dir) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launched_chromium() as browser:
        yield browser


@pytest.fixture
def requests_seen() -> list[str]:
    """Every URL the page's context requested (filled in by the `page` fixture)."""
    return []


@pytest.fixture
def page(browser: Browser, site_url: str, requests_seen: list[str]) -> Iterator[Page]:
    """A page in a fresh context. Requests are recorded; any to a host other than
    127.0.0.1 is aborted so that no test reaches the network."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.on("request", lambda request: requests_seen.append(request.url))

    def keep_local(route):
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).hostname == LOCAL_HOST:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", keep_local)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


# --------------------------------------------------------------------------- tests


# The interim status while Pagefind counts, after precomputed results (search.js).
COUNTING = "counting every result"


def test_articles_index_links_to_every_article(page: Page, site_url: str, request) -> None:
    with screenshot_on_failure(page, request.node.name):
        index = site_url + "articles/"
        page.goto(index)
        hrefs = page.locator("article table tbody tr a[href]").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))"
        )
        # Outlet links lead to sources/, article links to articles/<id>/.
        article_hrefs = [h for h in hrefs if urljoin(index, h).startswith(index)]
        assert len(article_hrefs) == 5, f"expected 5 article links, got {hrefs}"
        assert {urljoin(index, h)[len(index) :].strip("/") for h in article_hrefs} == ARTICLE_IDS

        for href in article_hrefs:
            page.goto(index)
            page.locator(f"article table a[href='{href}']").click()
            page.wait_for_url(urljoin(index, href))
            expect(page.locator("h1").first).to_be_visible()
            badge = page.locator(".dossier-card a.dossier-badge").first
            expect(badge).to_be_visible()
            assert badge.inner_text().strip(), f"{href}: the outlet badge is empty"
            mentions = page.locator(".dossier-text a.mention")
            assert mentions.count() >= 3, f"{href}: only {mentions.count()} mentions"


def test_mention_tooltip_on_hover(page: Page, site_url: str, request) -> None:
    with screenshot_on_failure(page, request.node.name):
        page.goto(f"{site_url}articles/{TASS_ARTICLE}/")
        lavrov = page.locator(".dossier-text a.mention[href$='actors/sergey-lavrov/']").first
        expect(lavrov).to_have_attribute("title", re.compile(r"^Sergey Lavrov: "))
        lavrov.scroll_into_view_if_needed()
        lavrov.hover()
        wait_for_tooltip(page, "Sergey Lavrov")


def test_mention_tooltip_on_keyboard_focus(page: Page, site_url: str, request) -> None:
    with screenshot_on_failure(page, request.node.name):
        page.goto(f"{site_url}articles/{TASS_ARTICLE}/")
        # Material moves `title` away once it has set up the tooltip; read the names first.
        names = page.eval_on_selector_all(
            ".dossier-text a.mention",
            "els => Object.fromEntries(els.map(e => [e.id, e.getAttribute('title')]))",
        )
        assert names, "the article has no mentions"
        focused_id = tab_to(page, "a.mention", "id")
        assert focused_id, "no mention received keyboard focus within 300 Tab presses"
        title = names.get(focused_id)
        assert title, f"focused mention #{focused_id} has no title"
        wait_for_tooltip(page, actor_name(title))


def test_mention_to_actor_and_back_to_article(page: Page, site_url: str, request) -> None:
    with screenshot_on_failure(page, request.node.name):
        article_url = f"{site_url}articles/{TASS_ARTICLE}/"
        page.goto(article_url)
        mention = page.locator(".dossier-text a.mention[href$='actors/sergey-lavrov/']").first
        mention.click()
        page.wait_for_url(f"{site_url}actors/sergey-lavrov/")
        expect(page.locator("h1").first).to_contain_text("Sergey Lavrov")

        backlinks = page.locator("article a[href*='articles/']").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))"
        )
        anchored = [h for h in backlinks if re.search(r"articles/[^/]+/#m-\d+$", h)]
        assert anchored, f"the actor page lists no mention anchors; links: {backlinks}"

        href = next((h for h in anchored if TASS_ARTICLE in h), anchored[0])
        page.locator(f"article a[href='{href}']").first.click()
        target = urljoin(f"{site_url}actors/sergey-lavrov/", href)
        page.wait_for_url(target)
        anchor = urlsplit(target).fragment
        assert re.fullmatch(r"m-\d+", anchor)
        mention_el = page.locator(f"[id='{anchor}']")
        expect(mention_el).to_have_count(1)
        expect(mention_el).to_be_visible()
        # The anchor is a mention of the actor we came from.
        assert (mention_el.get_attribute("href") or "").endswith("actors/sergey-lavrov/")
        expect(mention_el).to_be_in_viewport()


def test_outlet_page_and_actor_kinds(page: Page, site_url: str, request) -> None:
    with screenshot_on_failure(page, request.node.name):
        page.goto(f"{site_url}sources/tass/")
        content = page.locator("article")
        expect(page.locator("h1").first).to_contain_text("TASS")
        expect(content).to_contain_text("state-affiliated media")
        tass_link = content.locator(f"a[href$='articles/{TASS_ARTICLE}/']")
        expect(tass_link.first).to_be_visible()
        expect(tass_link.first).to_contain_text(TASS_ARTICLE_TITLE)

        page.goto(f"{site_url}actors/")
        # Each kind is an h2 (its permalink "¶" aside) followed by that kind's actors.
        groups = page.evaluate(
            """() => {
                const groups = {};
                let current = null;
                for (const el of document.querySelectorAll('article h2, article a[href]')) {
                    if (el.tagName === 'H2') {
                        current = el.textContent.replace(/\u00b6/g, '').trim();
                        groups[current] = [];
                    } else if (current && !el.classList.contains('headerlink')) {
                        groups[current].push(el.getAttribute('href'));
                    }
                }
                return groups;
            }"""
        )
        assert "People" in groups, list(groups)
        assert "Countries" in groups, list(groups)
        assert "juan-guaido/" in groups["People"], groups["People"]
        assert "nicolas-maduro/" in groups["People"], groups["People"]
        assert "venezuela/" in groups["Countries"], groups["Countries"]
        assert "venezuela/" not in groups["People"]
        expect(page.locator("article h2#people")).to_be_visible()


@pytest.mark.parametrize(
    ("query", "expected_title", "expect_article"),
    [
        ("Guaido", "Juan Guaidó", True),
        ("Nicolas", "Nicolás Maduro", False),
        ("Guaydo", "Juan Guaidó", False),
        ("guaidó", "Juan Guaidó", False),
    ],
    ids=["Guaido", "Nicolas", "Guaydo-glossary-spelling", "guaido-accented-lowercase"],
)
def test_search(
    page: Page, site_url: str, request, query: str, expected_title: str, expect_article: bool
) -> None:
    with screenshot_on_failure(page, request.node.name):
        results = search_from_home(page, site_url, query)
        titles = [r["title"] for r in results]
        assert expected_title in titles, f"{query!r}: {expected_title!r} not in {titles}"
        if expect_article:
            articles = [
                r for r in results if re.search(r"/articles/[^/]+/", urlsplit(r["href"]).path)
            ]
            assert articles, f"{query!r}: no article among {results}"

        first = page.locator(f"{PAGE_RESULT} a")
        first.first.click()
        page.wait_for_url(re.compile(r"^" + re.escape(site_url)))
        assert "/search/" not in page.url
        expect(page.locator("h1").first).to_be_visible()
        assert page.locator("h1").first.inner_text().strip()


def test_no_third_party_requests(
    page: Page, site_url: str, request, requests_seen: list[str]
) -> None:
    with screenshot_on_failure(page, request.node.name):
        page.goto(site_url)
        page.wait_for_load_state("networkidle")
        page.goto(f"{site_url}articles/{TASS_ARTICLE}/")
        page.wait_for_load_state("networkidle")
        page.goto(f"{site_url}actors/juan-guaido/")
        page.wait_for_load_state("networkidle")
        for path in ["sources/tass/", "labels/", "labels/name-calling/"]:
            page.goto(site_url + path)
            page.wait_for_load_state("networkidle")
        page.locator("label.md-header__button[for^='__palette']:visible").first.click()
        page.goto(f"{site_url}articles/{TASS_ARTICLE}/")
        page.locator(".dossier-text a.mention").first.hover()
        page.locator(".dossier-text a.footnote-ref").first.focus()
        search_from_home(page, site_url, "Guaido")
        page.wait_for_load_state("networkidle")
        page.locator(f"{PAGE_RESULT} a").first.click()
        page.wait_for_load_state("networkidle")

        checked = [u for u in requests_seen if not u.startswith(("data:", "blob:"))]
        assert any("/pagefind/" in u for u in checked), "the search loaded nothing from Pagefind"
        foreign = sorted({u for u in checked if urlsplit(u).hostname != LOCAL_HOST})
        assert not foreign, "requests to third-party hosts:\n" + "\n".join(foreign)


def test_seed_link_serves_raw_text(page: Page, site_url: str, request) -> None:
    with screenshot_on_failure(page, request.node.name):
        article_url = f"{site_url}articles/{TASS_ARTICLE}/"
        page.goto(article_url)
        seed_link = page.locator(".dossier-card a[href$='.txt']").first
        expect(seed_link).to_be_visible()
        seed_url = urljoin(article_url, seed_link.get_attribute("href"))
        assert "/seeds/" in seed_url

        response = page.request.get(seed_url)
        assert response.ok, f"{seed_url}: HTTP {response.status}"
        assert response.headers.get("content-type", "").startswith("text/plain")
        body = response.body()
        text = body.decode("utf-8")
        assert "Rovaniemi" in text
        assert "<html" not in text.lower()
        # The card's sha256 is the digest of exactly the bytes served.
        card_digest = page.locator(".dossier-card code").filter(
            has_text=re.compile(r"^[0-9a-f]{64}$")
        )
        expect(card_digest).to_have_count(1)
        assert hashlib.sha256(body).hexdigest() == card_digest.inner_text().strip()

        # And a reader following the link sees the text in the browser.
        seed_link.click()
        page.wait_for_url(seed_url)
        expect(page.locator("body")).to_contain_text("Rovaniemi")


def test_annotation_note_opens_with_the_keyboard(page: Page, site_url: str, request) -> None:
    """Tab to the first note marker: Enter opens its note beside the passage (label and
    note, from the Notes list, which is there without JavaScript too, as the marker's
    target); Escape closes it and gives the focus back to the marker."""
    with screenshot_on_failure(page, request.node.name):
        page.goto(f"{site_url}articles/{TASS_ARTICLE}/")
        marks = page.locator(".dossier-text mark.dossier-hl")
        assert marks.count() >= 6
        label = marks.first.get_attribute("data-label")
        focused = tab_to(page, "a.footnote-ref", "href")
        assert focused and focused.startswith("#fn:a-"), "no note marker took keyboard focus"
        note = page.locator(f"li[id='{focused[1:]}']")
        expected = note.locator(".dossier-notes__head strong").first.inner_text()
        assert expected  # the label name, first thing in the note after its passage
        # Its accessible name says what it is, not just "1".
        name = page.locator(f"a.footnote-ref[href='{focused}']").get_attribute("aria-label")
        assert re.fullmatch(rf"Note \d+: {re.escape(expected)}", name or ""), name
        page.keyboard.press("Enter")
        popover = page.locator("#dossier-pop")
        expect(popover).to_be_visible()
        expect(popover).to_contain_text(expected)
        expect(popover).to_contain_text(note.locator(".dossier-notes__text").inner_text())
        page.keyboard.press("Escape")
        expect(popover).to_be_hidden()
        assert page.evaluate("document.activeElement.getAttribute('href')") == focused
        assert label  # every highlight carries its label name (data-label)


# --------------------------------------------------------------------- accessibility

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
PAGE_TYPES = {
    "home": "",
    "articles index": "articles/",
    "article": f"articles/{TASS_ARTICLE}/",
    "actors index": "actors/",
    "actor": "actors/juan-guaido/",
    "sources index": "sources/",
    "outlet": "sources/tass/",
    "labels index": "labels/",
    "label": "labels/name-calling/",
    "search results": "search/?q=Guaido",
    "header search results": "articles/",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_axe_finds_no_serious_violation(
    browser: Browser, site_url: str, kind: str, scheme: str, request
) -> None:
    """axe-core on every page type in both colour schemes: no serious or critical
    violation; anything lesser is listed in the output."""
    if not AXE.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail("axe-core is missing: .ci/run installs it with npm ci")
        pytest.skip("axe-core is not installed (run `npm ci --ignore-scripts`)")
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    context.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).hostname
                  in (None, LOCAL_HOST) else route.abort())  # fmt: skip
    page = context.new_page()
    try:
        with screenshot_on_failure(page, request.node.name):
            page.goto(site_url + PAGE_TYPES[kind])
            if kind == "search results":
                page.wait_for_selector(PAGE_RESULT)
            if kind == "header search results":
                page.fill("#dossier-search-input", "Guaido")
                page.wait_for_selector(".dossier-search__result")
            page.add_script_tag(path=str(AXE))
            violations = page.evaluate(
                "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                ".map(v => ({impact: v.impact, id: v.id, nodes: v.nodes.map(n => n.target.join(' '))}))"
            )
            minor = [v for v in violations if v["impact"] not in {"serious", "critical"}]
            for violation in minor:
                print(
                    f"axe {scheme} {kind}: {violation['impact']} {violation['id']} {violation['nodes'][:3]}"
                )
            serious = [v for v in violations if v["impact"] in {"serious", "critical"}]
            assert serious == []
    finally:
        context.close()


def test_dark_scheme_toggle(page: Page, site_url: str, request) -> None:
    """The header toggle switches Material's scheme and the highlights follow it."""
    with screenshot_on_failure(page, request.node.name):
        page.goto(f"{site_url}articles/{TASS_ARTICLE}/")
        body = page.locator("body")
        before = body.get_attribute("data-md-color-scheme")
        mark = page.locator(".dossier-text mark.dossier-hl").first
        light = mark.evaluate("el => getComputedStyle(el).backgroundColor")
        page.locator("label.md-header__button[for^='__palette']:visible").first.click()
        expect(body).not_to_have_attribute("data-md-color-scheme", before or "")
        after = body.get_attribute("data-md-color-scheme")
        assert {before, after} == {"default", "slate"}
        page.wait_for_function(
            "([sel, old]) => getComputedStyle(document.querySelector(sel)).backgroundColor !== old",
            arg=[".dossier-text mark.dossier-hl", light],
        )
        page.reload()  # the choice is remembered
        expect(body).to_have_attribute("data-md-color-scheme", after or "")


def test_everything_interactive_is_reachable_with_the_keyboard(
    page: Page, site_url: str, request
) -> None:
    """Tab reaches the search box, mentions, note markers and the outlet badge."""
    with screenshot_on_failure(page, request.node.name):
        page.goto(f"{site_url}articles/{TASS_ARTICLE}/")
        seen: set[str] = set()
        for _ in range(400):
            page.keyboard.press("Tab")
            seen.add(page.evaluate(
                """() => { const el = document.activeElement;
                   for (const kind of ['dossier-search__input', 'dossier-badge', 'mention', 'footnote-ref'])
                       if (el && el.classList.contains(kind)) return kind;
                   return ''; }"""
            ))  # fmt: skip
            if {"dossier-search__input", "dossier-badge", "mention", "footnote-ref"} <= seen:
                break
        assert {"dossier-search__input", "dossier-badge", "mention", "footnote-ref"} <= seen


def test_reader_path_from_home_to_an_article(page: Page, site_url: str, request) -> None:
    """Home -> Articles (nav) -> an article -> an outlet badge -> back to the article."""
    with screenshot_on_failure(page, request.node.name):
        page.goto(site_url)
        page.locator(".md-nav--primary a.md-nav__link", has_text="Articles").first.click()
        expect(page.locator("h1")).to_have_text(re.compile("Articles"))
        page.locator("table a", has_text=TASS_ARTICLE_TITLE).first.click()
        expect(page.locator("h1")).to_contain_text(TASS_ARTICLE_TITLE)
        page.locator("a.dossier-badge").first.click()
        expect(page.locator("h1")).to_have_text(re.compile("TASS"))
        page.locator("a", has_text=TASS_ARTICLE_TITLE).first.click()
        expect(page.locator(".dossier-text")).to_be_visible()


def test_search_page_lists_every_result_ten_at_a_time(page: Page, site_url: str, request) -> None:
    with screenshot_on_failure(page, request.node.name):
        page.goto(f"{site_url}search/?q=Maduro")
        status = page.locator(".dossier-search-page__status")
        expect(status).to_have_text(re.compile(r"^\d+ results for .Maduro.$"))
        total = int(status.inner_text().split()[0])
        assert total > 10
        more = page.locator(".dossier-search-page__more")
        shown = 10
        while shown < total:
            expect(page.locator(PAGE_RESULT)).to_have_count(shown)
            more.click()
            shown = min(total, shown + 10)
        expect(page.locator(PAGE_RESULT)).to_have_count(total)
        expect(more).to_be_hidden()
        hrefs = page.locator(f"{PAGE_RESULT} a").evaluate_all("links => links.map(a => a.href)")
        assert len(set(hrefs)) == total  # no result twice


def test_search_filters_narrow_the_results(page: Page, site_url: str, request) -> None:
    """Filters (outlet, outlet label, actor, annotation, language, year, a date range)
    narrow a search; they are loaded when the panel is opened."""
    with screenshot_on_failure(page, request.node.name):
        page.goto(f"{site_url}search/?q=Maduro")
        page.wait_for_selector(PAGE_RESULT)
        # Maduro's first results are precomputed (search/top/): wait for Pagefind's count.
        expect(page.locator(".dossier-search-page__status")).not_to_contain_text(COUNTING)
        before = page.locator(PAGE_RESULT).count()
        assert before > 1
        page.locator(".dossier-search-page__filters summary").click()
        legends = page.locator(".dossier-search-page__group legend")
        expect(legends).to_have_count(7)
        names = legends.all_inner_texts()
        filters = ["Outlet", "Outlet label", "Actor", "Annotation", "Language", "Year"]
        assert names == [*filters, "Date"]  # the date range last
        outlet = page.locator(".dossier-search-page__group[data-name='Outlet']")
        outlet.get_by_label(re.compile(r"^TASS \(\d+\)$")).check()  # TASS is also an actor
        page.wait_for_function(f"() => document.querySelectorAll('{PAGE_RESULT}').length === 1")
        expect(page.locator(f"{PAGE_RESULT} .dossier-search__title").first).to_contain_text(
            TASS_ARTICLE_TITLE
        )
        assert "q=Maduro" in page.url
        expect(page.locator(".dossier-search-page__status")).to_have_text(
            re.compile(r"^1 result for .Maduro.$")
        )


# ----------------------------------------------------------------- the header search


def header_search(page: Page, query: str) -> list[str]:
    """Type in the header box; return the titles listed under it, once listed."""
    page.keyboard.press("/")
    header_input = page.locator("#dossier-search-input")
    expect(header_input).to_be_focused()
    page.keyboard.type(query)
    page.wait_for_selector(".dossier-search__results:not([hidden])", timeout=TIMEOUT_MS)
    return page.locator(".dossier-search__title").all_inner_texts()


def test_header_search_lists_results_as_you_type(page: Page, site_url: str, request) -> None:
    """Results appear under the header box, accents folded; arrows walk them; Enter
    on one follows it; Escape closes the list."""
    with screenshot_on_failure(page, request.node.name):
        page.goto(f"{site_url}articles/")
        titles = header_search(page, "guaido")
        assert "Juan Guaidó" in titles, titles
        # The precomputed first results of a frequent name come with an interim status;
        # the count is Pagefind's once it has ranked every page.
        expect(page.locator(".dossier-search__status")).to_have_text(
            re.compile(r"^(about )?\d+ results?$")
        )
        page.keyboard.press("ArrowDown")
        first = page.locator(".dossier-search__result a").first
        expect(first).to_be_focused()
        page.keyboard.press("Escape")
        expect(page.locator(".dossier-search__results")).to_be_hidden()
        expect(page.locator("#dossier-search-input")).to_be_focused()
        page.keyboard.press("Backspace")
        page.keyboard.type("o")
        page.wait_for_selector(".dossier-search__results:not([hidden])")
        page.keyboard.press("ArrowDown")
        target = page.locator(".dossier-search__result a").first.get_attribute("href")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(re.escape(urlsplit(target).path) + "$"))
        expect(page.locator("h1").first).to_be_visible()


def test_header_search_links_to_the_full_search_page(page: Page, site_url: str, request) -> None:
    with screenshot_on_failure(page, request.node.name):
        page.goto(site_url)
        header_search(page, "Lavrov")
        page.locator(".dossier-search__all").click()
        page.wait_for_url(re.compile(r"/search/\?q=Lavrov$"))
        page.wait_for_selector(PAGE_RESULT)


def built_with(tmp_path_factory: pytest.TempPathFactory, **options: int) -> Iterator[str]:
    project = copy_project(tmp_path_factory.mktemp("options"))
    for name, value in options.items():
        set_plugin_option(project, name, value)
    site_dir = project / "site"
    proc = mkdocs_build(site_dir, cwd=project)
    assert proc.returncode == 0, proc.stderr
    with serving(site_dir) as url:
        yield url


@pytest.fixture(scope="module")
def sharded_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same site indexed ten pages to a shard and two shards to a bundle, so that
    the browser has to merge several bundles, each itself merged from shards."""
    yield from built_with(tmp_path_factory, search_shard_size=10, search_bundle_size=20)


@pytest.fixture(scope="module")
def merged_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same site indexed ten pages to a shard, all merged into one bundle."""
    yield from built_with(tmp_path_factory, search_shard_size=10)


@pytest.mark.parametrize("query", ["Venezuela", "Guaydo", "Rosneft", "sanctions"])
def test_merged_shards_search_as_one_pagefind_run(
    page: Page, site_url: str, merged_site_url: str, query: str, request
) -> None:
    """Shards merged into one bundle list the same results, in the same order, with the
    same count, as one Pagefind run over the whole site."""
    with screenshot_on_failure(page, request.node.name):
        seen = []
        for url in (site_url, merged_site_url):
            page.goto(url)
            header_search(page, query)
            # A frequent name's first results are precomputed: wait for Pagefind's count.
            expect(page.locator(".dossier-search__status")).not_to_contain_text(COUNTING)
            titles = page.locator(".dossier-search__title").all_inner_texts()
            seen.append((titles, page.locator(".dossier-search__status").inner_text()))
        assert seen[0][0], query
        assert seen[0] == seen[1]
        shards = page.evaluate("async () => (await (await fetch('/pagefind/shards.json')).json())")
        assert shards == {"merge": []}


@pytest.mark.parametrize("query", ["Venezuela", "Guaydo", "Rosneft", "sanctions"])
def test_sharded_index_finds_what_one_index_finds(
    page: Page, site_url: str, sharded_site_url: str, query: str, request
) -> None:
    """Several bundles answer as one does: the same number of results, and every
    result listed marks the word (Pagefind's per-bundle prefix fallback is filtered)."""
    with screenshot_on_failure(page, request.node.name):
        found = {}
        for url in (site_url, sharded_site_url):
            page.goto(url)
            titles = header_search(page, query)
            # A frequent name's first results are precomputed: wait for Pagefind's count.
            expect(page.locator(".dossier-search__status")).not_to_contain_text(COUNTING)
            status = page.locator(".dossier-search__status").inner_text()
            found[url] = status
            excerpts = page.locator(".dossier-search__excerpt").evaluate_all(
                "nodes => nodes.map(n => n.innerHTML)"
            )
            assert titles and all("<mark>" in e for e in excerpts), (url, titles, excerpts)
        # The search page counts the same way.
        statuses = []
        for url in (site_url, sharded_site_url):
            page.goto(f"{url}search/?q={query}")
            status = page.locator(".dossier-search-page__status")
            expect(status).to_contain_text(query)
            expect(status).not_to_contain_text(COUNTING)
            statuses.append(status.inner_text())
        assert statuses[0] == statuses[1], statuses
        shards = page.evaluate("async () => (await (await fetch('/pagefind/shards.json')).json())")
        assert len(shards["merge"]) >= 2, shards
        assert found[site_url][0] != "No results", query
        assert found[site_url] == found[sharded_site_url]

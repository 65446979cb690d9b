"""The articles index (newest first, paged, with the articles data that articles.js
sorts and filters), tag pages, previous/next article links, and their page keys;
then the same in Chromium: sorting by each column, filters, the state in the URL,
the phone layout and axe-core, in both colour schemes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import REPO, article_text, needs_chromium
from dossier_core import RenderSettings, build_index, build_pages, load_dossier
from dossier_core.articledata import DATA_PATH, articles_data, articles_json
from dossier_core.articlerows import excerpt
from dossier_core.chronology import neighbours, newest_first
from dossier_core.settings import page_url

SOURCES = """\
tass:
  name: TASS
  type: state-owned news agency
  labels:
    - label: state-affiliated media
      basis: Owned by the Russian state.
      citation: {title: TASS, url: "https://en.wikipedia.org/wiki/TASS"}
      as_of: 2026-11-22
rt:
  name: RT
  type: state-controlled broadcaster
"""
LABELS = (REPO / "dossier" / "labels.yml").read_text(encoding="utf-8")
# id -> (published, outlet, tags); ids sorted differently from the dates on purpose
ARTICLES = {
    "b-may": ("2019-05-05", "tass", "[oslo-talks, russian-support]"),
    "a-may": ("2019-05-05", "rt", "[oslo-talks]"),
    "c-month": ("2019-05", "tass", "[]"),
    "d-june": ("2019-06-01", "rt", "[russian-support]"),
    "e-undated": ("", "tass", "[oslo-talks]"),
    "f-undated": ("", "rt", "[]"),
    "g-year": ("2018", "tass", "[]"),
}
NEWEST_FIRST = ["d-june", "a-may", "b-may", "c-month", "g-year", "e-undated", "f-undated"]
IN_TIME = ["g-year", "c-month", "a-may", "b-may", "d-june", "e-undated", "f-undated"]


def write_project(root: Path, articles: dict[str, tuple[str, str, str]] = ARTICLES) -> Path:
    base = root / "dossier"
    (base / "articles").mkdir(parents=True)
    (base / "actors.yml").write_text("{}\n", encoding="utf-8")
    (base / "sources.yml").write_text(SOURCES, encoding="utf-8")
    (base / "labels.yml").write_text(LABELS, encoding="utf-8")
    for article_id, (published, outlet, tags) in articles.items():
        fields = {"title": f"Title {article_id}", "outlet": outlet, "tags": tags}
        if published:
            fields["published"] = published
        fields["summary"] = f"'About *{article_id}*: see [the source](https://example.org).'"
        fields["annotations"] = (
            '\n  - {quote: "Moscow", label: claim}' if article_id.startswith(("a", "b")) else "[]"
        )
        text = article_text(article_id, "Moscow said so. Caracas agreed.", **fields)
        (base / "articles" / f"{article_id}.md").write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def small(tmp_path: Path):
    dossier = load_dossier(write_project(tmp_path))
    assert not dossier.problems, dossier.problems
    return dossier, build_index(dossier)


def rows(page_text: str) -> list[str]:
    """Article ids of a table's rows, in order."""
    return re.findall(
        r'<td class="dossier-articles__title"><a href="[^"]*?([a-g]-[a-z]+)/"', page_text
    )


# --------------------------------------------------------------------------- engine


def test_newest_first_with_undated_last_and_ties_by_id(small) -> None:
    dossier, index = small
    assert [a.id for a in newest_first(dossier.articles)] == NEWEST_FIRST
    pages = {page.path: page for page in build_pages(dossier, index)}
    assert rows(pages["articles/index.md"].text) == NEWEST_FIRST
    assert "7 articles, newest first (undated ones last)." in pages["articles/index.md"].text


def test_index_is_paged_and_links_the_data(small) -> None:
    dossier, index = small
    settings = RenderSettings(index_rows_per_page=3)
    pages = {page.path: page for page in build_pages(dossier, index, settings)}
    paths = ["articles/index.md", "articles/index/2.md", "articles/index/3.md"]
    assert [rows(pages[path].text) for path in paths] == [
        NEWEST_FIRST[0:3], NEWEST_FIRST[3:6], NEWEST_FIRST[6:]
    ]  # fmt: skip
    for path in paths:
        text = pages[path].text
        assert not pages[path].searchable
        link = re.search(r'data-json="([^"]+)"', text)[1]
        here = "http://site/" + page_url(path)
        assert urljoin(here, link) == "http://site/" + DATA_PATH
        assert "Page " in text and 'class="dossier-pager"' in text


def test_articles_data_lists_every_article_compactly(small) -> None:
    dossier, index = small
    data = articles_data(dossier, index, RenderSettings())
    assert data["version"] == 1
    assert data["article"] == "../articles/{id}/"
    flat = articles_data(dossier, index, RenderSettings(directory_urls=False, links="source"))
    assert flat["article"] == "../articles/{id}.html"  # page links, whatever the engine
    assert [outlet[:2] for outlet in data["outlets"]] == [["rt", "RT"], ["tass", "TASS"]]
    assert data["outlets"][1][3] == ["state-affiliated media"]
    assert 'href="../sources/tass/"' in data["outlets"][1][2]  # the page's own badge
    assert data["tags"] == ["oslo-talks", "russian-support"]
    assert data["labels"] == list(dossier.registry.labels)
    by_id = {row[0]: row for row in data["articles"]}
    assert [row[0] for row in data["articles"]] == NEWEST_FIRST
    claim = data["labels"].index("claim")
    assert by_id["b-may"] == [
        "b-may", "Title b-may", "2019-05-05", "en", 1, 1, [claim], [0, 1],
        "About b-may: see the source.",
    ]  # fmt: skip
    assert by_id["f-undated"][2:8] == ["", "en", 0, 0, [], []]
    text = articles_json(dossier, index, RenderSettings())
    assert text == articles_json(dossier, index, RenderSettings())  # deterministic
    assert "<" not in text  # no markup, even to a browser sniffing the answer
    assert '": ' not in text and ", " not in text.replace("see the", "")  # no spaces
    assert json.loads(text) == data


def test_data_file_is_written_beside_the_pages(tmp_path: Path, small) -> None:
    from dossier_core.articledata import write_articles_data

    dossier, index = small
    assert write_articles_data(dossier, index, RenderSettings(), tmp_path) == [DATA_PATH]
    written = (tmp_path / DATA_PATH).read_text(encoding="utf-8")
    assert json.loads(written) == articles_data(dossier, index, RenderSettings())


def test_filters_list_each_value_with_its_count(small) -> None:
    dossier, index = small
    text = {page.path: page for page in build_pages(dossier, index)}["articles/index.md"].text
    form = re.search(r'<div class="dossier-articles__filters".*?</div>', text, re.S)[0]
    assert 'role="group" aria-label="Filter the articles" hidden>' in form
    assert '<option value="">All outlets (7)</option>' in form
    assert '<option value="rt">RT (3)</option><option value="tass">TASS (4)</option>' in form
    assert '<option value="state-affiliated media">state-affiliated media (4)</option>' in form
    assert '<option value="claim">Claim (2)</option>' in form
    assert '<option value="oslo-talks">oslo-talks (3)</option>' in form
    assert '<option value="russian-support">russian-support (2)</option>' in form


def test_excerpt_is_plain_shortened_text() -> None:
    assert excerpt("A *bold* claim, [linked](https://x.org) and `code`.") == (
        "A bold claim, linked and code."
    )
    assert excerpt("snake_case stays; **strong** goes") == "snake_case stays; strong goes"
    long = "word " * 100
    cut = excerpt(long)
    assert cut.endswith("…") and len(cut) <= 141 and "  " not in cut
    assert excerpt("") == ""


def test_rows_show_date_badge_count_and_excerpt(small) -> None:
    dossier, index = small
    text = {page.path: page for page in build_pages(dossier, index)}["articles/index.md"].text
    row = re.search(r"<tr><td[^\n]*?b-may/.*?</tr>", text)[0]
    assert '<td class="dossier-articles__date"><time datetime="2019-05-05">2019-05-05</time>' in row
    assert 'class="dossier-badge dossier-badge--state-affiliated-media"' in row
    assert '<span class="dossier-articles__excerpt">About b-may: see the source.</span>' in row
    assert (
        '<td class="dossier-articles__count">1<span class="dossier-articles__unit"> annotation</span>'
        in row
    )
    undated = re.search(r"<tr><td[^\n]*?f-undated/.*?</tr>", text)[0]
    assert '<td class="dossier-articles__date">undated</td>' in undated
    assert " 0<" not in undated and ">0<span" in undated and "annotations</span>" in undated


def test_tag_pages(small) -> None:
    dossier, index = small
    pages = {page.path: page for page in build_pages(dossier, index)}
    tags = pages["tags/index.md"].text
    assert "2 tags on 4 articles." in tags
    assert (
        '<a href="../tags/oslo-talks/">oslo-talks</a> <span class="dossier-note">3 articles</span>'
        in tags
    )
    oslo = pages["tags/oslo-talks.md"].text
    assert rows(oslo) == ["a-may", "b-may", "e-undated"]
    assert "3 articles tagged <strong>oslo-talks</strong>" in oslo
    assert 'href="../../articles/?tag=oslo-talks"' in oslo
    assert not pages["tags/oslo-talks.md"].searchable
    # the article card links its tags
    card = pages["articles/b-may.md"].text
    assert '<a class="dossier-tag" href="../../tags/oslo-talks/">oslo-talks</a>' in card
    paged = {p.path: p for p in build_pages(dossier, index, RenderSettings(index_rows_per_page=2))}
    assert rows(paged["tags/oslo-talks/2.md"].text) == ["e-undated"]
    assert "tags/index/2.md" not in paged  # two tags: one page


def test_tags_index_exists_without_tags(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"a-may": ("2019-05-05", "tass", "[]")})
    dossier = load_dossier(root)
    pages = {page.path: page for page in build_pages(dossier)}
    assert "No article has tags yet" in pages["tags/index.md"].text
    assert [p for p in pages if p.startswith("tags/")] == ["tags/index.md"]
    assert "Browse them by tag" not in pages["articles/index.md"].text


@pytest.mark.parametrize(
    ("tags", "line", "message"),
    [
        ("[Oslo talks]", 5, "tag 'Oslo talks' is not a slug: lowercase letters a-z, digits and "
         "single hyphens, at most 80 characters; write 'oslo-talks'"),
        ("[ok, index]", 5, "tag 'index' is reserved (the page listing every tag)"),
        ("\n  - ok\n  - a/b", 7, "tag 'a/b' is not a slug"),
        ("[yes]", 5, "'tags' items must be text"),
        ("oslo-talks", 5, "'tags' must be a list"),
        (f"[{'x' * 81}]", 5, "at most 80 characters"),
    ],
)  # fmt: skip
def test_bad_tags_are_located_errors(tmp_path: Path, tags: str, line: int, message: str) -> None:
    root = write_project(tmp_path, {"a-may": ("2019-05-05", "tass", tags)})
    dossier = load_dossier(root)
    assert [(p.path, p.line) for p in dossier.problems] == [("dossier/articles/a-may.md", line)]
    assert message in dossier.problems[0].message


def test_repeated_tag_counts_once(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"a-may": ("2019-05-05", "tass", "[x, y, x]")})
    dossier = load_dossier(root)
    assert dossier.articles[0].tags == ("x", "y")


def test_previous_and_next_by_date(small) -> None:
    dossier, index = small
    assert [a.id for a in dossier.articles] == IN_TIME
    ids = lambda pair: tuple(a.id if a else None for a in pair)  # noqa: E731
    assert ids(neighbours(dossier.articles, "g-year")) == (None, "c-month")
    assert ids(neighbours(dossier.articles, "d-june")) == ("b-may", "e-undated")
    assert ids(neighbours(dossier.articles, "f-undated")) == ("e-undated", None)
    pages = {page.path: page for page in build_pages(dossier, index)}
    nav = re.search(
        r'<nav class="dossier-prevnext".*?</nav>', pages["articles/d-june.md"].text, re.S
    )[0]
    assert 'aria-label="Previous and next article"' in nav
    previous, following = re.findall(r"<a [^>]*>.*?</a>", nav)
    assert 'rel="prev" href="../../articles/b-may/"' in previous
    assert 'rel="next" href="../../articles/e-undated/"' in following
    text = lambda html: re.sub(r"<[^>]+>", "", html)  # noqa: E731
    assert text(previous) == "← Previous article Title b-may TASS, 2019-05-05"
    assert text(following) == "Next article → Title e-undated TASS, undated"
    # screen readers hear the way first, then the title, without the arrows
    assert 'aria-label="Previous article: Title b-may, TASS, 2019-05-05"' in previous
    assert 'aria-label="Next article: Title e-undated, TASS, undated"' in following
    first = pages["articles/g-year.md"].text
    assert 'rel="prev"' not in first and 'rel="next" href="../../articles/c-month/"' in first


def test_one_article_has_no_previous_next(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"a-may": ("2019-05-05", "tass", "[]")})
    pages = {page.path: page for page in build_pages(load_dossier(root))}
    assert "dossier-prevnext" not in pages["articles/a-may.md"].text


def keys(root: Path) -> dict[str, str]:
    return {page.path: page.key for page in build_pages(load_dossier(root)) if page.key}


def edit(root: Path, article_id: str, old: str, new: str) -> None:
    path = root / "dossier" / "articles" / f"{article_id}.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_page_keys_change_with_the_neighbours(tmp_path: Path) -> None:
    root = write_project(tmp_path)
    before = keys(root)
    edit(root, "a-may", "title: Title a-may", "title: Renamed")  # between c-month and b-may
    after = keys(root)
    changed = {path for path in before if before[path] != after[path]}
    assert changed == {"articles/a-may.md", "articles/c-month.md", "articles/b-may.md"}
    # a date moves the article: its old and new neighbours change
    edit(root, "g-year", "published: 2018", "published: 2019-07")
    moved = keys(root)
    changed = {path for path in after if after[path] != moved[path]}
    assert changed == {
        "articles/g-year.md", "articles/c-month.md", "articles/d-june.md", "articles/e-undated.md"
    }  # fmt: skip


def test_bundled_dossier_pages() -> None:
    dossier = load_dossier(REPO)
    pages = {page.path: page for page in build_pages(dossier)}
    assert "tags/index.md" in pages and "tags/russian-support.md" in pages
    for article in dossier.articles:
        assert "dossier-prevnext" in pages[f"articles/{article.id}.md"].text


# --------------------------------------------------------------------------- browser

# The bundled dossier, newest first (the order of the page as built).
BUNDLED = [a.id for a in newest_first(load_dossier(REPO).articles)]
SCHEMES = ["light", "dark"]


def table_ids(page) -> list[str]:
    return page.locator(
        ".dossier-articles-table tbody tr td.dossier-articles__title a"
    ).evaluate_all(
        "links => links.map(a => new URL(a.href).pathname.split('/').filter(Boolean).pop())"
    )


def expected_order(key: str, ascending: bool) -> list[str]:
    """The bundled articles sorted as the script sorts: the data is newest first, and
    a stable sort on one key keeps that order among equals (Python's sort is stable
    with reverse=True too); undated articles last whichever way dates go."""
    data = articles_data(*_bundled(), RenderSettings())
    names = [outlet[1] for outlet in data["outlets"]]
    pick = {
        "date": lambda a: a[2],
        "title": lambda a: a[1].casefold(),
        "outlet": lambda a: names[a[4]].casefold(),
        "annotations": lambda a: a[5],
    }[key]
    last = [a for a in data["articles"] if key == "date" and not a[2]]
    rest = [a for a in data["articles"] if a not in last]
    return [a[0] for a in sorted(rest, key=pick, reverse=not ascending) + last]


_CACHE: list = []


def _bundled():
    if not _CACHE:
        dossier = load_dossier(REPO)
        _CACHE.extend([dossier, build_index(dossier)])
    return _CACHE


@pytest.fixture
def open_page(chromium, bundled_site_url: str):
    contexts = []

    def open_(path: str, scheme: str = "light", width: int = 1280):
        from sitecheck import local_page

        context, page = local_page(chromium, scheme, width)
        contexts.append(context)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.errors = errors
        page.goto(bundled_site_url + path)
        return page

    yield open_
    for context in contexts:
        context.close()


@needs_chromium
@pytest.mark.parametrize("scheme", SCHEMES)
def test_sort_by_each_column(open_page, scheme: str, request) -> None:
    from playwright.sync_api import expect
    from sitecheck import screenshot_on_failure

    page = open_page("articles/", scheme)
    with screenshot_on_failure(page, request.node.name):
        assert table_ids(page) == BUNDLED
        date = page.locator("th[data-sort='date']")
        expect(date).to_have_attribute("aria-sort", "descending")
        # each column's first click, then a second by keyboard; date's first is the
        # page as built (newest first), the default view
        for key, first in [("title", True), ("outlet", True), ("annotations", False),
                           ("date", False)]:  # fmt: skip
            header = page.locator(f"th[data-sort='{key}']")
            header.get_by_role("button").click()
            want = "ascending" if first else "descending"
            expect(header).to_have_attribute("aria-sort", want)
            status = page.locator(".dossier-articles__status")
            if key == "date":
                expect(status).to_be_empty()
            else:
                expect(status).not_to_be_empty()
            assert page.locator("th[aria-sort]").count() == 1
            assert table_ids(page) == expected_order(key, first), key
            # again: the other way, by keyboard
            header.get_by_role("button").focus()
            page.keyboard.press("Enter")
            expect(header).to_have_attribute("aria-sort", "descending" if first else "ascending")
            assert table_ids(page) == expected_order(key, not first), key
        assert "sort=date&order=desc" not in page.url  # the default view has a plain URL
        assert page.errors == []


@needs_chromium
@pytest.mark.parametrize("scheme", SCHEMES)
def test_filters_and_state_in_the_url(open_page, scheme: str, request) -> None:
    from playwright.sync_api import expect
    from sitecheck import screenshot_on_failure

    dossier, index = _bundled()
    page = open_page("articles/", scheme)
    with screenshot_on_failure(page, request.node.name):
        form = page.locator(".dossier-articles__filters")
        expect(form).to_be_visible()
        page.select_option("select[name='outlet']", "tass")
        page.wait_for_url(re.compile(r"\?outlet=tass$"))
        expect(page.locator(".dossier-articles__status")).to_contain_text("1 of 5 articles")
        assert table_ids(page) == ["lavrov-to-meet-venezuelan-counterpart"]
        expect(page.locator("nav.dossier-pager")).to_have_count(0)  # one page: no pager
        page.select_option("select[name='outlet']", "")
        page.select_option("select[name='tag']", "russian-support")
        tagged = [a.id for a in newest_first(dossier.articles) if "russian-support" in a.tags]
        expect(page.locator(".dossier-articles__status")).to_contain_text(f"{len(tagged)} of 5")
        assert table_ids(page) == tagged
        page.select_option("select[name='label']", "correction")
        with_label = [
            i for i in tagged
            if any(x.annotation.label == "correction" for x in index.articles[i].annotations)
        ]  # fmt: skip
        page.wait_for_url(
            re.compile(r"tag=russian-support.*label=correction|label=correction.*tag=")
        )
        assert table_ids(page) == with_label
        page.select_option("select[name='olabel']", "state-controlled media")
        page.get_by_role("button", name="Title").click()
        url = page.url
        shown = table_ids(page)
        # the state is in the URL: a reload, or the link shared, shows the same view
        page.reload()
        expect(page.locator("th[data-sort='title']")).to_have_attribute("aria-sort", "ascending")
        expect(page.locator("select[name='tag']")).to_have_value("russian-support")
        expect(page.locator("select[name='label']")).to_have_value("correction")
        expect(page.locator("select[name='olabel']")).to_have_value("state-controlled media")
        expect(page.locator(".dossier-articles__status")).not_to_be_empty()
        assert table_ids(page) == shown and page.url == url
        # "Show all": back to the page as built
        page.get_by_role("button", name="Show all").click()
        page.wait_for_url(re.compile(r"/articles/$"))
        expect(page.locator("th[data-sort='date']")).to_have_attribute("aria-sort", "descending")
        assert table_ids(page) == BUNDLED
        assert page.errors == []


@needs_chromium
def test_tag_page_links_to_the_filtered_index(open_page) -> None:
    from playwright.sync_api import expect

    page = open_page("tags/")
    page.get_by_role("link", name="russian-support").click()
    page.wait_for_url(re.compile(r"/tags/russian-support/$"))
    dossier, _ = _bundled()
    tagged = [a.id for a in newest_first(dossier.articles) if "russian-support" in a.tags]
    assert table_ids(page) == tagged
    page.get_by_role("link", name="Sort and filter them in the articles index").click()
    page.wait_for_url(re.compile(r"/articles/\?tag=russian-support$"))
    expect(page.locator("select[name='tag']")).to_have_value("russian-support")
    expect(page.locator(".dossier-articles__status")).to_contain_text(f"{len(tagged)} of 5")
    assert table_ids(page) == tagged
    # an article's tags lead to their pages
    page.goto(page.url.split("articles/")[0] + f"articles/{tagged[0]}/")
    page.locator(".dossier-card a.dossier-tag", has_text="russian-support").click()
    page.wait_for_url(re.compile(r"/tags/russian-support/$"))


@needs_chromium
def test_previous_and_next_links_follow_the_dates(open_page) -> None:
    dossier, _ = _bundled()
    in_time = [a.id for a in dossier.articles]
    page = open_page(f"articles/{in_time[0]}/")
    assert page.locator("a[rel='prev']").count() == 0
    for following in in_time[1:]:
        link = page.locator("nav.dossier-prevnext a[rel='next']")
        title = next(a.title for a in dossier.articles if a.id == following)
        assert link.get_attribute("href").rstrip("/").endswith(following)
        assert page.get_by_role("link", name=f"Next article: {title}").count() == 1
        link.click()
        page.wait_for_url(re.compile(rf"/articles/{following}/$"))
    assert page.locator("a[rel='next']").count() == 0
    previous = page.get_by_role("link", name=re.compile(r"^Previous article: "))
    previous.click()
    page.wait_for_url(re.compile(rf"/articles/{in_time[-2]}/$"))


AXE_IN = (
    "async (selector) => (await axe.run({include: [selector]}, {resultTypes: ['violations']}))"
    ".violations.map(v => ({impact: v.impact, id: v.id, nodes: v.nodes.map(n => n.target.join(' '))}))"
)


@needs_chromium
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize(
    "path",
    ["articles/", "articles/?sort=annotations&order=desc&tag=russian-support", "tags/",
     "tags/russian-support/"],
)  # fmt: skip
def test_no_sideways_scroll_and_no_axe_violation(
    open_page, path: str, width: int, scheme: str, request
) -> None:
    from playwright.sync_api import expect
    from sitecheck import assert_no_axe_violation, screenshot_on_failure

    page = open_page(path, scheme, width)
    with screenshot_on_failure(page, request.node.name):
        if "?" in path:
            expect(page.locator(".dossier-articles__status")).not_to_be_empty()
        if path == "articles/":
            expect(page.locator(".dossier-articles__filters")).to_be_visible()
        scroll = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll[0] <= scroll[1], scroll
        if width == 390 and path != "tags/":
            # cards: every row within the viewport, its date on one line
            rights = page.locator(".dossier-articles-table tbody tr").evaluate_all(
                "rows => rows.map(r => r.getBoundingClientRect().right)"
            )
            assert rights and max(rights) <= width
            heights = page.locator(".dossier-articles__date").evaluate_all(
                "cells => cells.map(c => c.getBoundingClientRect().height)"
            )
            assert max(heights) < 40, heights  # one line: "2019-05-05" never wraps
        assert_no_axe_violation(page, (path, width, scheme))
        assert page.errors == []


@needs_chromium
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", [1280, 390])
def test_article_links_fit_and_pass_axe(open_page, width: int, scheme: str, request) -> None:
    """The article page's previous/next links and its card's tag links (the rest of
    the page is other tests' business)."""
    from sitecheck import require_axe, screenshot_on_failure

    page = open_page("articles/lavrov-to-meet-venezuelan-counterpart/", scheme, width)
    with screenshot_on_failure(page, request.node.name):
        nav = page.locator("nav.dossier-prevnext")
        box = nav.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width
        for link in page.locator("nav.dossier-prevnext a, .dossier-card a.dossier-tag").all():
            size = link.bounding_box()
            assert size and size["height"] >= 24 and size["width"] >= 24, size
        require_axe()
        page.add_script_tag(path=str(REPO / "node_modules" / "axe-core" / "axe.min.js"))
        for selector in ["nav.dossier-prevnext", ".dossier-card"]:
            assert page.evaluate(AXE_IN, selector) == [], selector


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory):
    """A generated dossier of 205 articles (two index pages), built without search."""
    import sys

    from sitecheck import serving

    from conftest import mkdocs_build, set_plugin_option

    sys.path.insert(0, str(REPO / "benchmarks"))
    import generate

    root = tmp_path_factory.mktemp("large") / "project"
    generate.write(root, 205, seed=3, corpus=None)
    set_plugin_option(root, "search", "false")
    site = tmp_path_factory.mktemp("large-site")
    result = mkdocs_build(site, cwd=root)
    assert result.returncode == 0, result.stderr
    with serving(site) as url:
        yield url, load_dossier(root)


@needs_chromium
@pytest.mark.parametrize("scheme", SCHEMES)
def test_show_more_and_fetch(chromium, large_site, scheme: str, request) -> None:
    from playwright.sync_api import expect
    from sitecheck import local_page, screenshot_on_failure

    url, dossier = large_site
    context, page = local_page(chromium, scheme, 1280)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        with screenshot_on_failure(page, request.node.name):
            page.goto(url + "articles/index/2/")
            expect(page.locator("nav.dossier-pager")).to_be_visible()
            assert len(table_ids(page)) == 5
            assert not [r for r in requests if r.endswith("index.json")]  # not before asked
            page.get_by_role("button", name="Annotations").click()
            status = page.locator(".dossier-articles__status")
            expect(status).to_contain_text("205 of 205 articles")
            assert [r for r in requests if r.endswith("articles/index.json")]
            expect(page.locator("nav.dossier-pager")).to_be_hidden()
            assert len(table_ids(page)) == 100
            more = page.locator("button.dossier-articles__more")
            more.click()
            expect(page.locator(".dossier-articles-table tbody tr")).to_have_count(200)
            expect(page.locator(":focus")).to_have_attribute("href", re.compile(r"articles/"))
            more.click()
            expect(page.locator(".dossier-articles-table tbody tr")).to_have_count(205)
            expect(more).to_be_hidden()
            counts = page.locator(".dossier-articles__count").evaluate_all(
                "cells => cells.map(c => parseInt(c.textContent, 10))"
            )
            assert counts == sorted(counts, reverse=True)
            page.get_by_role("button", name="Show all").click()
            expect(page.locator("nav.dossier-pager")).to_be_visible()
            assert len(table_ids(page)) == 5
    finally:
        context.close()

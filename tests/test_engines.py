"""Three engines, one dossier: `dossier build --engine mkdocs|properdocs|zensical`.

The bundled dossier is built once with each engine, each into its own folder, and the
sites are compared: the same generated pages, the same article text, mentions,
highlights and notes; every internal link (href and src, anchors included) resolving
when the site is served under a sub-path (/sub/site/, resolved offline); the label
colours linked and defined; and search answering (in Chromium, the site served under
/sub/site/ by a local server; offline, the Pagefind index, when there is no browser).

An engine whose package is not installed is skipped, except in CI (CI=true), where
every engine must build.
"""

from __future__ import annotations

import functools
import html
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from lxml import html as lxml_html
from test_browser import serving

from conftest import REPO, copy_project
from dossier_core.settings import RenderSettings
from dossier_core.sitebuild import MANIFEST, render_site, site_refusal
from dossier_core.zensicalsite import build_with_zensical

ENGINES = ("mkdocs", "properdocs", "zensical")
# Zensical given complete pages, every raw-HTML link in the "source" style, which its
# rewriting must turn into the URLs MkDocs has (`dossier render --links source`).
COMPLETE = "zensical-complete-pages"
CI = os.environ.get("CI") == "true"
BASE = "http://127.0.0.1/sub/site/"  # links are resolved as if the site lived here
SECTIONS = ("articles/", "actors/", "sources/", "labels/", "republications/")
ARTICLE = "lavrov-to-meet-venezuelan-counterpart"  # annotated: highlights and notes
CHROMIUM = "/usr/bin/chromium"


def build(engine: str, out: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "dossier_core.cli", "build", "--engine", engine]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        command + ["-d", str(out)], cwd=REPO, capture_output=True, text=True, env=env, timeout=300
    )


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each installed engine's build of the bundled dossier (all three in CI)."""
    built = {}
    for engine in ENGINES:
        if importlib.util.find_spec(engine) is None and not CI:
            continue
        out = tmp_path_factory.mktemp(engine) / "sub" / "site"
        result = build(engine, out)
        assert result.returncode == 0, f"{engine}:\n{result.stdout}\n{result.stderr}"
        built[engine] = out
    if "zensical" in built:
        out = tmp_path_factory.mktemp(COMPLETE) / "sub" / "site"
        config = REPO / "mkdocs.yml"
        assert build_with_zensical(REPO, "dossier", config, out, blocks_after=False) == 0
        built[COMPLETE] = out
    return built


@pytest.fixture(params=[*ENGINES, COMPLETE])
def site(request: pytest.FixtureRequest, sites: dict[str, Path]) -> Path:
    if request.param not in sites:
        engine = request.param.split("-")[0]
        pytest.skip(f"{engine} is not installed (pip install -e '.[test]')")
    return sites[request.param]


def others(sites: dict[str, Path]) -> dict[str, Path]:
    """The engines to compare with MkDocs's site."""
    if len(sites) < 2:
        pytest.skip("only one engine is installed")
    return {name: path for name, path in sites.items() if name != "mkdocs"}


# --------------------------------------------------------------------------- helpers


def page_url(site: Path, page: Path) -> str:
    """The page's URL relative to the site root (directory URLs: x/index.html -> x/)."""
    rel = page.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel


def pages(site: Path) -> dict[str, Path]:
    return {page_url(site, p): p for p in sorted(site.rglob("*.html"))}


@functools.lru_cache(maxsize=4096)
def ids(path: Path) -> frozenset[str]:
    return frozenset(lxml_html.parse(str(path)).xpath("//@id | //a/@name"))


def resolve(site: Path, url: str) -> Path | None:
    """The file a URL (under BASE) is served from, or None when it is outside the site."""
    path = urlsplit(url).path
    if not path.startswith(urlsplit(BASE).path):
        return None
    target = site / unquote(path[len(urlsplit(BASE).path) :])
    return target / "index.html" if path.endswith("/") else target


def links(site: Path, page: Path) -> Iterator[tuple[str, str]]:
    """Every internal href and src of a page: (as written, resolved under BASE)."""
    base = BASE + page_url(site, page)
    for element in lxml_html.parse(str(page)).iter():
        for attribute in ("href", "src"):
            value = element.get(attribute) if isinstance(element.tag, str) else None
            if value is None or re.match(r"^[a-z][a-z0-9+.-]*:", value, re.I):
                continue  # https:, mailto:, data:, javascript: ...
            yield value, urljoin(base, value)


def article_parts(site: Path, article: str) -> dict[str, list[str]]:
    """The article text (with its mentions, highlights and note markers) and the notes,
    every link resolved to the page it leads to, so that the sites compare equal when
    they link to the same places, whatever the relative form."""
    page = site / "articles" / article / "index.html"
    tree = lxml_html.parse(str(page))
    base = BASE + page_url(site, page)
    for element in tree.iter():
        if isinstance(element.tag, str) and element.get("href") is not None:
            element.set("href", urljoin(base, element.get("href")))
    text = lambda xpath: [lxml_html.tostring(e, encoding="unicode") for e in tree.xpath(xpath)]  # noqa: E731
    return {
        "text": text('//div[contains(@class, "dossier-text")]'),
        "mentions": text('//a[contains(@class, "mention")]'),
        "highlights": text('//*[contains(concat(" ", @class, " "), " dossier-hl ")]'),
        "notes": text('//h2[@id="notes"]/following-sibling::div'
                      '[contains(concat(" ", @class, " "), " footnote ")][1]'),
    }


# --------------------------------------------------------------------------- tests


def test_the_same_pages(sites: dict[str, Path]) -> None:
    """Articles, actors, outlets, labels, republications and the index pages: the same
    URLs with every engine."""
    expected = {url for url in pages(sites["mkdocs"]) if url.startswith(SECTIONS)}
    articles = {p.stem for p in (REPO / "dossier" / "articles").glob("*.md")}
    assert {f"articles/{a}/" for a in articles} <= expected
    assert {"", "articles/", "actors/", "sources/", "labels/"} <= set(pages(sites["mkdocs"]))
    for engine, site in others(sites).items():
        urls = set(pages(site))
        assert {url for url in urls if url.startswith(SECTIONS)} == expected, engine
        assert {"", "articles/", "actors/", "sources/", "labels/"} <= urls, engine


def test_the_same_article_text_mentions_highlights_and_notes(sites: dict[str, Path]) -> None:
    expected = article_parts(sites["mkdocs"], ARTICLE)
    assert len(expected["text"]) == 1 and expected["mentions"] and expected["notes"]
    assert len(expected["highlights"]) > 10
    for engine, site in others(sites).items():
        got = article_parts(site, ARTICLE)
        for part in expected:
            assert got[part] == expected[part], f"{engine}: {part} differs"


def broken_links(site: Path) -> list[str]:
    """Served at /sub/site/, the hrefs and srcs of the site's pages (but 404.html, whose
    links are absolute by design: it is served at any depth) that lead to no file of
    the site, or to an #anchor that is no id of the page they name."""
    broken = []
    count = 0
    for url, page in pages(site).items():
        if url == "404.html":
            continue
        for written, resolved in links(site, page):
            count += 1
            target = resolve(site, resolved)
            if target is None or not target.is_file():
                broken.append(f"{url}: {written} (no such file)")
                continue
            anchor = unquote(urlsplit(resolved).fragment)
            if anchor and target.suffix == ".html" and anchor not in ids(target):
                broken.append(f"{url}: {written} (no such anchor)")
    assert count > 3000, "the check saw too few links"
    return broken


def test_every_internal_link_resolves_under_a_sub_path(site: Path) -> None:
    broken = broken_links(site)
    assert broken == [], f"{len(broken)} broken links, first: {broken[:10]}"


def test_zensical_with_html_urls(tmp_path: Path) -> None:
    """use_directory_urls: false (articles/x.html): Zensical's rewriting and the blocks
    put in afterwards lead to the same files."""
    if importlib.util.find_spec("zensical") is None and not CI:
        pytest.skip("zensical is not installed (pip install -e '.[test]')")
    project = copy_project(tmp_path / "project")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("use_directory_urls: false\n")
    site = tmp_path / "sub" / "site"
    command = [sys.executable, "-m", "dossier_core.cli", "--root", str(project), "build"]
    result = subprocess.run(
        command + ["--engine", "zensical", "-d", str(site)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert (site / "articles" / f"{ARTICLE}.html").is_file()
    broken = broken_links(site)
    assert broken == [], f"{len(broken)} broken links, first: {broken[:10]}"


def test_label_colours_are_linked_and_defined(site: Path) -> None:
    page = site / "articles" / ARTICLE / "index.html"
    tree = lxml_html.parse(str(page))
    base = BASE + page_url(site, page)
    sheets = [
        resolve(site, urljoin(base, h)) for h in tree.xpath('//link[@rel="stylesheet"]/@href')
    ]
    assert site / "stylesheets" / "dossier-labels.css" in sheets
    css = (site / "stylesheets" / "dossier-labels.css").read_text(encoding="utf-8")
    labels = yaml.safe_load((REPO / "dossier" / "labels.yml").read_text(encoding="utf-8"))
    for label in labels:
        assert f".dossier-hl--{label} {{ --dossier-hl: " in css, label
    used = set(re.findall(r"dossier-hl--([a-z0-9-]+)", html.unescape(page.read_text())))
    assert used and all(f".dossier-hl--{label} " in css for label in used)


def test_the_same_pages_are_searchable(sites: dict[str, Path]) -> None:
    expected = (sites["mkdocs"] / "pagefind" / "pagefind-entry.json").read_text()
    count = json.loads(expected)["languages"]["en"]["page_count"]
    assert count > 100
    for engine, site in others(sites).items():
        entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
        assert entry["languages"]["en"]["page_count"] == count, engine


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not os.path.exists(CHROMIUM) and not CI:
        yield None  # the search is then checked offline only
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            yield chromium
        finally:
            chromium.close()


def test_search_answers_under_a_sub_path(site: Path, browser) -> None:
    """The header box, Enter, the search page: a name without its accent finds its
    actor page, served at /sub/site/ (its pagefind/ folder found from there), and no
    request goes to another host."""
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert list((site / "pagefind" / "fragment").iterdir())
    if browser is None:
        pytest.skip(f"no browser at {CHROMIUM}: the index was checked offline only")
    with serving(site.parent.parent) as root:
        context = browser.new_context()
        context.set_default_timeout(10_000)
        requested: list[str] = []
        context.on("request", lambda request: requested.append(request.url))
        context.route(  # nothing reaches the network; what was asked for is checked below
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith((root, "data:", "blob:"))
                else route.abort()
            ),
        )
        page = context.new_page()
        try:
            page.goto(root + "sub/site/")
            page.keyboard.press("/")
            page.keyboard.type("Guaido")
            page.keyboard.press("Enter")
            page.wait_for_url(re.compile(r"/sub/site/search/\?q="))
            result = "#dossier-search .dossier-search__result"
            page.wait_for_selector(result)
            found = page.eval_on_selector_all(
                result + " a",
                "links => links.map(a => [a.textContent.trim(), a.href])",
            )
        finally:
            context.close()
    assert any("Juan Guaidó" in title for title, _ in found), found
    assert all(href.startswith(root + "sub/site/") for _, href in found), found
    elsewhere = [url for url in requested if not url.startswith((root, "data:", "blob:"))]
    assert elsewhere == [], f"requests to other hosts: {elsewhere}"


def test_render_writes_the_stylesheet_and_seeds_and_removes_only_its_stale_files(
    tmp_path: Path,
) -> None:
    out = tmp_path / "rendered"
    first = render_site(REPO, "dossier", out, RenderSettings(links="source"))
    assert first.problems == [] and first.pages > 100
    css = (out / "stylesheets" / "dossier-labels.css").read_text(encoding="utf-8")
    assert ".dossier-hl--claim {" in css
    for seed in (REPO / "seeds").glob("*.txt"):
        assert (out / "seeds" / seed.name).read_bytes() == seed.read_bytes()
    page = (out / "articles" / f"{ARTICLE}.md").read_text(encoding="utf-8")
    assert "<!--dossier-block" not in page and 'class="dossier-text"' in page
    assert 'href="../seeds/003_64248f17bf6afecc.txt"' in page  # relative to the source file

    (out / "mine.md").write_text("an analyst's own page", encoding="utf-8")
    (out / "articles" / "gone.md").write_text("an article since deleted", encoding="utf-8")
    listed = [*json.loads((out / MANIFEST).read_text()), "articles/gone.md", "../outside"]
    (out / MANIFEST).write_text(json.dumps(listed), encoding="utf-8")
    (tmp_path / "outside").write_text("not the render's", encoding="utf-8")
    second = render_site(REPO, "dossier", out, RenderSettings())
    assert second.removed == ["articles/gone.md"]
    assert (out / "mine.md").is_file() and (tmp_path / "outside").is_file()
    assert not (out / "articles" / "gone.md").exists()


def test_a_problem_in_the_dossier_stops_the_zensical_build(tmp_path: Path) -> None:
    """As `mkdocs build --strict` does: the located message, and no site written (the
    dossier is checked before Zensical runs, so this needs no Zensical)."""
    project = copy_project(tmp_path / "project")
    article = project / "dossier" / "articles" / f"{ARTICLE}.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("label: name-calling", "label: name-caling", 1), "utf-8")
    site = tmp_path / "site"
    command = [sys.executable, "-m", "dossier_core.cli", "--root", str(project), "build"]
    result = subprocess.run(
        command + ["--engine", "zensical", "-d", str(site)], capture_output=True, text=True
    )
    assert result.returncode == 1, result.stderr
    located = rf"dossier/articles/{ARTICLE}\.md:\d+: .*unknown label 'name-caling'"
    assert re.search(located, result.stderr), result.stderr
    assert "the site was not built" in result.stderr
    assert not site.exists()


def test_a_build_never_empties_a_folder_that_is_not_a_site(tmp_path: Path) -> None:
    """Every engine empties the site folder first: `dossier build` refuses one that
    holds the project, the temporary or home folder, lies in docs/, or has files but
    is not a built site. (Only the check is called here: nothing is built or removed.)"""
    docs = REPO / "docs"
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "draft.txt").write_text("an analyst's file", encoding="utf-8")
    (tmp_path / "old-site").mkdir()
    for name in ("index.html", "404.html", "stale.html"):
        (tmp_path / "old-site" / name).write_text("<html></html>", encoding="utf-8")
    refused = {
        "/": "it is or holds",
        str(REPO): "it is or holds",
        str(REPO.parent): "it is or holds",
        tempfile.gettempdir(): "it is or holds",
        str(Path.home()): "it is or holds",
        str(docs / "site"): "inside the docs folder",
        str(tmp_path / "notes"): "not empty and not a built site",
        str(tmp_path / "notes" / "draft.txt"): "is a file",
    }
    for folder, reason in refused.items():
        assert reason in (site_refusal(Path(folder), REPO, docs) or ""), folder
    for folder in ("old-site", "new-site", "notes/empty"):
        (tmp_path / "notes" / "empty").mkdir(exist_ok=True)
        assert site_refusal(tmp_path / folder, REPO, docs) is None, folder
    assert (tmp_path / "notes" / "draft.txt").is_file()


def test_every_engine_publishes_the_same_data_files(sites: dict[str, Path]) -> None:
    """The data files (data/: the exports) and the data page linking them: MkDocs puts
    them in with the plugin, Zensical's path with render_site; the same bytes."""
    names = ["annotations.jsonl", "annotations.csv", "annotations.jsonld",
             "annotations-ptc.tsv", "articles.csv", "articles.jsonl"]  # fmt: skip
    for engine, site in others(sites).items():
        for name in names:
            data = (site / "data" / name).read_bytes()
            assert data == (sites["mkdocs"] / "data" / name).read_bytes(), (engine, name)
        page = (site / "data" / "index.html").read_text(encoding="utf-8")
        linked = re.findall(r'href="\.\./data/([^"]+)" download', page)
        assert linked == names, engine

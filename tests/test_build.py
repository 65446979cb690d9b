"""One real `mkdocs build --strict` of the repository's dossier, then checks of the site."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import REPO, copy_project, mkdocs_build, set_plugin_option

ARTICLES = sorted(p.stem for p in (REPO / "dossier" / "articles").glob("*.md"))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(out)
    assert result.returncode == 0, result.stderr
    return out, result.stderr


def test_build_is_strict_and_clean(site: tuple[Path, str]) -> None:
    _, log = site
    assert not re.search(r"^(WARNING|ERROR)", log, re.MULTILINE), log
    assert "5 articles" in log


def test_every_page_type_exists(site: tuple[Path, str]) -> None:
    out, _ = site
    assert len(ARTICLES) == 5
    for path in [
        "index.html",
        "articles/index.html",
        "actors/index.html",
        "sources/index.html",
        "search/index.html",
        "actors/juan-guaido/index.html",
        "sources/tass/index.html",
    ]:
        assert (out / path).is_file(), path
    for article in ARTICLES:
        html = (out / "articles" / article / "index.html").read_text(encoding="utf-8")
        assert 'class="dossier-badge' in html
        assert html.count('class="mention"') >= 3
        assert re.search(
            r'<a class="mention" id="m-1" href="\.\./\.\./actors/[a-z0-9-]+/" title="', html
        )


def test_seeds_are_published_byte_for_byte(site: tuple[Path, str]) -> None:
    out, _ = site
    for seed in (REPO / "seeds").glob("*.txt"):
        assert (out / "seeds" / seed.name).read_bytes() == seed.read_bytes()


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.nav_links = 0
        self._nav = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        if tag == "nav" and "md-nav--primary" in (values.get("class") or ""):
            self._nav += 1
        for key in ("src", "href"):
            if values.get(key) and tag in {
                "script",
                "link",
                "img",
                "iframe",
                "source",
                "video",
                "audio",
            }:
                self.urls.append(values[key])
        if self._nav and tag == "a":
            self.nav_links += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self._nav:
            self._nav -= 1


def test_no_third_party_assets(site: tuple[Path, str]) -> None:
    out, _ = site
    for page in out.rglob("*.html"):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        remote = [u for u in parser.urls if re.match(r"^(https?:)?//", u)]
        assert remote == [], f"{page.relative_to(out)} loads {remote}"
    css = "\n".join(p.read_text(encoding="utf-8") for p in out.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_nav_lists_sections_only(site: tuple[Path, str]) -> None:
    """The nav never grows with the dossier: a handful of links (sections, and the
    page's own table of contents, which Material folds into the nav on small screens)."""
    out, _ = site
    for page in [
        "index.html",
        f"articles/{ARTICLES[0]}/index.html",
        "actors/juan-guaido/index.html",
    ]:
        parser = Links()
        parser.feed((out / page).read_text(encoding="utf-8"))
        assert 3 <= parser.nav_links < 15, page
    home = (out / "index.html").read_text(encoding="utf-8")
    assert not any(
        f"articles/{a}/" in home.split("md-nav--primary", 1)[1].split("</nav>", 1)[0]
        for a in ARTICLES
    )


def test_search_index_is_built(site: tuple[Path, str]) -> None:
    out, _ = site
    assert not (REPO / "pagefind").exists()  # written into the site, nowhere else
    assert (out / "pagefind" / "pagefind.js").is_file()
    assert (out / "pagefind" / "pagefind-ui.js").is_file()
    assert list((out / "pagefind" / "fragment").glob("*"))
    search = (out / "search" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in search  # the search page does not index itself
    article = (out / "articles" / ARTICLES[0] / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in article


def test_a_broken_annotation_fails_the_strict_build_with_file_and_line(tmp_path: Path) -> None:
    copy_project(tmp_path)
    article = tmp_path / "dossier" / "articles" / "russia-beats-us-in-venezuela.md"
    text = article.read_text(encoding="utf-8")
    item = '  - quote: "the American puppet Juan Guaido"\n'
    assert item in text
    line = text[: text.index(item)].count("\n") + 1
    article.write_text(text.replace(item, item.replace("Guaido", "Guaid\u00f3s"), 1))
    strict = mkdocs_build(tmp_path / "site", cwd=tmp_path)
    assert strict.returncode != 0
    assert (
        f"WARNING -  mkdocs_dossier: dossier/articles/russia-beats-us-in-venezuela.md:{line}: "
        "annotation 1: "
        "quote 'the American puppet Juan Guaidós' not found in the text; closest passage"
    ) in strict.stderr
    # Without --strict the site is still built, without that one annotation.
    loose = mkdocs_build(tmp_path / "site", cwd=tmp_path, strict=False)
    assert loose.returncode == 0
    page = (
        tmp_path / "site" / "articles" / "russia-beats-us-in-venezuela" / "index.html"
    ).read_text()
    assert 'id="a-1"' not in page and 'id="a-2"' in page


def indexed_urls(site_dir: Path) -> list[str]:
    """The URL of every page in the Pagefind bundle and its shards (fragment files are
    gzip: 'pagefind_dcd' then the page's JSON)."""
    urls = []
    for fragment in (site_dir / "pagefind").rglob("fragment/*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        urls.append(json.loads(data[len(b"pagefind_dcd") :])["url"])
    return sorted(urls)


def marked_pages(site_dir: Path) -> list[str]:
    """URLs of the pages the theme marks for indexing (data-pagefind-body)."""
    urls = []
    for page in site_dir.rglob("*.html"):
        if "data-pagefind-body" in page.read_text(encoding="utf-8"):
            url = "/" + page.relative_to(site_dir).as_posix()
            urls.append(url.removesuffix("index.html"))
    return sorted(urls)


def test_search_shards_cover_every_page_once(tmp_path: Path) -> None:
    """Indexed seven pages to a shard, every marked page is in exactly one shard, the
    manifest lists every shard, and a `--dirty` rebuild indexes the whole site again."""
    project = copy_project(tmp_path / "project")
    set_plugin_option(project, "search_shard_size", 7)
    out = project / "site"
    result = mkdocs_build(out, cwd=project)
    assert result.returncode == 0, result.stderr
    expected = marked_pages(out)
    assert len(expected) > 40
    assert indexed_urls(out) == expected
    manifest = json.loads((out / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    shards = sorted(p.name for p in (out / "pagefind").glob("shard-*"))
    assert sorted(m.strip("/") for m in manifest["merge"]) == shards
    assert len(shards) == -(-len(expected) // 7) - 1  # shard 0 is pagefind/ itself

    dirty = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--dirty", "-d", str(out)],
        cwd=project, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    assert dirty.returncode == 0, dirty.stderr
    assert indexed_urls(out) == expected


def test_sharded_indexer_stages_marked_pages_only_and_cleans_up(tmp_path: Path) -> None:
    from mkdocs_dossier.search import ShardedIndexer

    site = tmp_path / "site"
    site.mkdir()
    body = '<html lang="en"><body><nav>menu</nav><main data-pagefind-body><h1>{0}</h1>' \
        "<p>{0} text</p></main></body></html>"  # fmt: skip
    indexer = ShardedIndexer(site, shard_size=2)
    for number in range(5):
        indexer.add(f"p{number}/index.html", body.format(f"page{number}"))
    indexer.add("nav/index.html", "<html><body><p>not marked</p></body></html>")
    assert indexer.finish() == 3
    assert not indexer.staging.exists()
    assert indexed_urls(site) == [f"/p{n}/" for n in range(5)]

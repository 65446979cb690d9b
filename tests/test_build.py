"""One real `mkdocs build --strict` of the repository's dossier, then checks of the site."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import REPO, copy_project, mkdocs_build

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

"""One real `mkdocs build --strict` of the repository's dossier, then checks of the site."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import REPO, copy_project, mkdocs_build, set_plugin_option, tree

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


def test_indexing_the_built_folder_gives_the_plugins_index(
    site: tuple[Path, str], tmp_path: Path
) -> None:
    """`index_site` (any engine, `dossier index`) reads the built pages from disk and
    writes the same search index, byte for byte, as the plugin did while MkDocs wrote
    them; the rest of the site is untouched."""
    from dossier_search import index_site

    out, _ = site
    copy = tmp_path / "site"
    shutil.copytree(out, copy)
    shutil.rmtree(copy / "pagefind")
    messages: list[str] = []
    pages = index_site(copy, messages.append)
    assert pages == len(marked_pages(out)) > 40
    assert tree(copy) == tree(out)
    assert messages == [f"{copy}: {pages} pages indexed in 1 bundle(s)"]


def test_search_bundle_is_in_normal_form(site: tuple[Path, str]) -> None:
    """Filters listed by name, each filter's values by value, page numbers ascending,
    and every file named after its content (so two builds write the same files)."""
    import hashlib

    from dossier_search.bundlefiles import load, read_bundle

    out, _ = site
    bundle = read_bundle(out / "pagefind")
    names = [name for name, _hash in bundle.meta[3]]
    # Actor, Annotation, Language, Month, Outlet, Outlet label, Page, Year
    assert names == sorted(names) and len(names) == 8
    for name, file_hash in bundle.meta[3]:
        file = out / "pagefind" / "filter" / f"{file_hash}.pf_filter"
        assert file_hash == f"en_{hashlib.sha1(file.read_bytes()).hexdigest()[:7]}"
        filter_name, values = load(file)
        assert filter_name == name
        assert [v for v, _ in values] == sorted(v for v, _ in values) and len(values) >= 1
        assert all(pages == sorted(pages) for _, pages in values)
    meta = bundle.meta_file.read_bytes()
    assert bundle.meta_file.name == f"pagefind.en_{hashlib.sha1(meta).hexdigest()[:10]}.pf_meta"


@pytest.mark.parametrize("staging", ["default", "tmpfs"])
def test_the_order_pages_come_in_does_not_change_the_index(
    tmp_path: Path, monkeypatch, staging: str
) -> None:
    """Pages written in another order (MkDocs' order, or path order when read from
    disk) make the same shard: Pagefind numbers pages in the order it lists a folder,
    which on tmpfs is the order the files were made, so they are put in place in path
    order."""
    import tempfile

    from dossier_search import ShardedIndexer

    if staging == "tmpfs":
        if not Path("/dev/shm").is_dir():
            pytest.skip("no /dev/shm")
        monkeypatch.setattr(tempfile, "tempdir", "/dev/shm")
    trees = []
    for name, order in (("forward", range(9)), ("backward", reversed(range(9)))):
        site = tmp_path / name
        site.mkdir()
        indexer = ShardedIndexer(site, shard_size=100)
        for n in order:
            indexer.add(f"p{n}/index.html", PAGE.format(f"page{n}", WORDS[n % 8], n, n % 2, ""))
        indexer.finish()
        trees.append(tree(site))
    assert trees[0] == trees[1]


def test_normal_form_does_not_depend_on_pagefinds_order(tmp_path: Path) -> None:
    """Pagefind 1.5 writes filters and their values in hash-map order, different from
    run to run: the same bundle with its filters written in another order is put back
    byte for byte into the same normal form."""
    from dossier_search import bundlefiles

    site = tmp_path / "site"
    site.mkdir()
    index_pages(site, 12, shard_size=100, bundle_size=100).finish()
    bundle = site / "pagefind"
    shuffled = tmp_path / "shuffled"
    shutil.copytree(bundle, shuffled)
    source = bundlefiles.read_bundle(shuffled)
    filters = source.filters()
    assert len(filters["Outlet"]) == 4
    for file in (shuffled / "filter").iterdir():
        file.unlink()
    source.meta_file.unlink()
    taken: set[str] = set()
    listed = []
    for name in sorted(filters, reverse=True):  # as Pagefind may write them
        values = filters[name]
        blob = bundlefiles.dump([name, [[v, values[v]] for v in sorted(values, reverse=True)]])
        file_hash = bundlefiles.write_hashed(shuffled / "filter", "en", "pf_filter", blob, taken)
        listed.append([name, file_hash])
    meta = list(source.meta)
    meta[3] = listed
    bundlefiles.write_meta(shuffled, source.language, meta, source.entry)
    assert tree(shuffled) != tree(bundle)
    bundlefiles.normalise_bundle(shuffled)
    assert tree(shuffled) == tree(bundle)


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
    # (the anchors are stable ids; data-legacy keeps each one's place in the front matter)
    assert 'data-legacy="a-1"' not in page and 'data-legacy="a-2"' in page


def indexed_urls(site_dir: Path) -> list[str]:
    """The URL of every page in the site's Pagefind bundles, read from each bundle's
    metadata and the fragment files it names (gzip: 'pagefind_dcd' then JSON)."""
    from dossier_search.bundlefiles import read_bundle

    urls = []
    for entry in (site_dir / "pagefind").rglob("pagefind-entry.json"):
        bundle = read_bundle(entry.parent)
        for name, _words in bundle.pages:
            data = gzip.decompress((entry.parent / "fragment" / f"{name}.pf_fragment").read_bytes())
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


def test_search_bundles_cover_every_page_once(tmp_path: Path) -> None:
    """Indexed seven pages to a shard and merged three shards to a bundle, every marked
    page is in exactly one bundle, the manifest lists every bundle, and a `--dirty`
    rebuild indexes the whole site again."""
    project = copy_project(tmp_path / "project")
    set_plugin_option(project, "search_shard_size", 7)
    set_plugin_option(project, "search_bundle_size", 21)
    out = project / "site"
    result = mkdocs_build(out, cwd=project)
    assert result.returncode == 0, result.stderr
    expected = marked_pages(out)
    assert len(expected) > 40
    assert indexed_urls(out) == expected
    manifest = json.loads((out / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    bundles = sorted(p.name for p in (out / "pagefind").glob("bundle-*"))
    assert sorted(m.strip("/") for m in manifest["merge"]) == bundles
    # Cut evenly by the number of pages MkDocs was to write (a few have no search body).
    sizes = [bundle_pages(out / "pagefind")] + [
        bundle_pages(out / "pagefind" / m) for m in manifest["merge"]
    ]
    assert len(sizes) > 2 and max(sizes) <= 21
    assert max(sizes[:-1]) - min(sizes[:-1]) <= 1
    assert not list((out / "pagefind").glob("shard-*"))

    dirty = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--dirty", "-d", str(out)],
        cwd=project, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    assert dirty.returncode == 0, dirty.stderr
    assert indexed_urls(out) == expected


# Small pages with what a merge must carry over: words in a heading and in text (two
# weights), accented and plain spellings of a name (Pagefind's variants), a filter,
# a title, and on some pages only, another metadata field (so shards differ in their
# lists of fields, which title locations refer to by number).
PAGE = (
    '<html lang="en"><head><title>{0}</title></head><body><nav>menu</nav>'
    "<main data-pagefind-body><h1>{0}</h1><p>{1} Guaid\u00f3 met Guaido in Caracas; {2} "
    'said so.</p><p>Outlet: <span data-pagefind-filter="Outlet">{3}</span></p>{4}</main>'
    "</body></html>"
)
WORDS = "Maduro Rosneft sanctions Crimea oil Moscow Washington election".split()


def bundle_pages(path: Path) -> int:
    from dossier_search.bundlefiles import read_bundle

    return len(read_bundle(path).pages)


def index_pages(site: Path, count: int, expect: int = 0, **sizes: int):
    from dossier_search import ShardedIndexer

    indexer = ShardedIndexer(site, **sizes)
    indexer.expect(expect)
    for n in range(count):
        text = " ".join(WORDS[(n + k) % len(WORDS)] for k in range(n % 5 + 1))
        byline = f'<p data-pagefind-meta="author">Reporter {n}</p>' if n % 7 == 0 else ""
        page = PAGE.format(f"page{n}", text, WORDS[n % 3], f"outlet{n % 4}", byline)
        indexer.add(f"p{n}/index.html", page)
    indexer.add("nav/index.html", "<html><body><p>not marked</p></body></html>")
    return indexer


@pytest.mark.parametrize(("bundle_size", "bundles"), [(5000, 1), (4, 2), (2, 3)])
def test_sharded_indexer_stages_marked_pages_only_and_cleans_up(
    tmp_path: Path, bundle_size: int, bundles: int
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    indexer = index_pages(site, 5, shard_size=2, bundle_size=bundle_size)
    assert indexer.finish() == bundles
    assert indexer.staging.name.startswith(f"dossier-search-{os.getpid()}-")
    assert not indexer.staging.exists()
    assert indexed_urls(site) == [f"/p{n}/" for n in range(5)]
    assert len(list((site / "pagefind").rglob("pagefind-entry.json"))) == bundles


def test_expected_pages_are_cut_into_even_bundles(tmp_path: Path) -> None:
    """Told how many pages are coming, the indexer makes bundles of 3, 3 and 3 pages
    out of 9, not 4, 4 and 1; with more pages than expected, the rest follow in
    bundles of the configured size."""
    for name, count, expect, sizes in (("even", 9, 9, [3, 3, 3]), ("more", 11, 9, [3, 3, 3, 2])):
        site = tmp_path / name
        site.mkdir()
        indexer = index_pages(site, count, expect, shard_size=2, bundle_size=4)
        assert indexer.finish() == len(sizes)
        manifest = json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))
        paths = [site / "pagefind"] + [site / "pagefind" / m for m in manifest["merge"]]
        assert [bundle_pages(path) for path in paths] == sizes
        assert indexed_urls(site) == sorted(f"/p{n}/" for n in range(count))


@pytest.mark.skipif(os.name != "posix", reason="process ids are checked with POSIX signals")
def test_temporary_folders_of_killed_builds_are_removed(tmp_path: Path) -> None:
    """A build killed outright leaves its staging folder; the next one removes the
    folders whose process is gone, and only those."""
    from dossier_search.tempdirs import remove_stale

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    stale = tmp_path / f"dossier-search-{gone.stdout.strip()}-abc"
    mine = tmp_path / f"dossier-search-{os.getpid()}-def"
    other = tmp_path / "dossier-search-notes"
    for folder in (stale, mine, other):
        (folder / "0").mkdir(parents=True)
    assert remove_stale("dossier-search-", tmp_path) == [stale]
    assert not stale.exists() and mine.exists() and other.exists()


def test_unreadable_shards_are_kept_as_separate_bundles(tmp_path: Path, monkeypatch) -> None:
    """If bundles.py cannot read Pagefind's output (another version), the shards are
    kept, each a bundle of its own, and the build says so."""
    from dossier_search import indexer

    refuse = [sys.executable, "-c", "import sys; sys.stderr.write('unsupported: x'); sys.exit(3)"]
    monkeypatch.setattr(indexer, "merge_command", lambda target, shards, workers=1: refuse)
    site = tmp_path / "site"
    site.mkdir()
    indexer = index_pages(site, 5, shard_size=2, bundle_size=4)
    assert indexer.finish() == 3
    assert indexer.warnings == ["unsupported: x"]
    manifest = json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    assert manifest == {"merge": ["bundle-0-1/", "bundle-1/"]}
    assert indexed_urls(site) == [f"/p{n}/" for n in range(5)]


def bundle_contents(path: Path) -> tuple[dict, dict, dict]:
    """A bundle's words, filters and word counts with pages named by URL, not number."""
    from dossier_search.bundlefiles import load, read_bundle

    bundle = read_bundle(path)
    urls = []
    for name, _count in bundle.pages:
        data = gzip.decompress((path / "fragment" / f"{name}.pf_fragment").read_bytes())
        urls.append(json.loads(data[len(b"pagefind_dcd") :])["url"])

    def by_url(pages: list) -> dict:
        number, out = 0, {}
        for delta, locations, meta_locations in pages:
            number += delta
            out[urls[number]] = (locations, meta_locations)
        return out

    words = {}
    for word, pages, variants in bundle.words():
        words[word] = (by_url(pages), {v: by_url(p) for v, p in variants})
    filters = {}
    for name, file_hash in bundle.meta[3]:
        _name, values = load(path / "filter" / f"{file_hash}.pf_filter")
        filters[name] = {value: sorted(urls[n] for n in pages) for value, pages in values}
    counts = {url: count for url, (_name, count) in zip(urls, bundle.pages, strict=True)}
    return words, filters, counts


def test_merged_bundle_equals_one_pagefind_run(tmp_path: Path, monkeypatch) -> None:
    """The merge checked against Pagefind itself: the same pages indexed in one run,
    and in shards merged into one bundle, give the same words on the same pages at the
    same locations (accented variants included), the same filters and word counts;
    merged again into small chunks, the same again, with chunk bounds as Pagefind
    writes them."""
    from dossier_search import bundlefiles, bundles

    one, merged, parts = tmp_path / "one", tmp_path / "merged", tmp_path / "parts"
    for site, shard_size, bundle_size in ((one, 100, 100), (merged, 3, 100), (parts, 7, 7)):
        site.mkdir()
        index_pages(site, 20, shard_size=shard_size, bundle_size=bundle_size).finish()
    expected = bundle_contents(one / "pagefind")
    got = bundle_contents(merged / "pagefind")
    assert got == expected
    assert expected[0]["guaido"][1]  # a word with an accented variant
    assert len(expected[1]["Outlet"]) == 4

    monkeypatch.setattr(bundles, "CHUNK_BUDGET", 30)
    sources = [parts / "pagefind", parts / "pagefind" / "bundle-1", parts / "pagefind" / "bundle-2"]
    assert bundles.merge_bundles(sources, tmp_path / "rechunked") == 20
    assert bundle_contents(tmp_path / "rechunked") == expected
    chunks = bundles.read_bundle(tmp_path / "rechunked").meta[2]
    assert len(chunks) > 8

    # Merged by two processes, one range of words each: the same again.
    shutil.copytree(tmp_path / "rechunked", tmp_path / "source")
    source = bundles.read_bundle(tmp_path / "source")
    assert len(bundles._split([source], 2)) == 2
    assert bundles.merge_bundles([tmp_path / "source"], tmp_path / "parallel", workers=2) == 20
    assert bundle_contents(tmp_path / "parallel") == expected
    # Chunk bounds as Pagefind writes them: in order, each a prefix of its chunk's
    # first or last word, one character past what it shares with the neighbour's.
    index = tmp_path / "rechunked" / "index"
    words = [[e[0] for e in bundlefiles.load(index / f"{c[2]}.pf_index")[0]] for c in chunks]
    assert sum(words, []) == sorted(sum(words, []))
    for (first, last, _name), chunk_words in zip(chunks, words, strict=True):
        assert chunk_words[0].startswith(first) and chunk_words[-1].startswith(last)
    for before, after, before_words, after_words in zip(
        chunks, chunks[1:], words, words[1:], strict=False
    ):
        shared = len(os.path.commonprefix([before_words[-1], after_words[0]]))
        assert before[1] == before_words[-1][: shared + 1]
        assert after[0] == after_words[0][: shared + 1]

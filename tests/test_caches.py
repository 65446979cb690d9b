"""The engine's caches kept between builds (`mkdocs serve`): parsed article files,
per-article analysis and rendered page blocks. A rebuild reuses what did not change,
and what a build no longer uses (articles deleted, renamed or edited) is dropped, so
a long session does not make them grow."""

from __future__ import annotations

from conftest import article_text
from dossier_core import build_index, build_pages, load_dossier
from dossier_core.caches import BuildCache, PageCache
from dossier_core.dossier import ArticleCache
from dossier_core.linking import AnalysisCache

BODIES = {
    "one": "Juan Guaidó met officials in Caracas.",
    "two": "Nicolás Maduro spoke to the United States.",
    "three": "Washington answered Guaido and Maduro.",
}


def articles() -> dict[str, str]:
    return {name: article_text(name, body) for name, body in BODIES.items()}


def test_a_build_cache_keeps_what_the_last_build_used_within_its_limit() -> None:
    cache: BuildCache[str, int] = BuildCache(limit=3)
    for key, value in (("a", 1), ("b", 2), ("c", 3)):
        cache.put(key, value)
    assert cache.sweep() == 0 and len(cache) == 3
    assert cache.get("a") == 1 and cache.get("z") is None and cache.hits == 1
    cache.put("d", 4)  # over the limit: the least recently used ("b") goes
    assert "b" not in cache and len(cache) == 3
    assert cache.sweep() == 1  # "c" was not used by this build
    assert sorted(cache._entries) == ["a", "d"]
    assert cache.sweep() == 2 and len(cache) == 0  # a build that used nothing
    assert cache  # an empty cache is still a cache (`if cache:` in callers)


def test_deleted_renamed_and_edited_articles_leave_the_caches(make_dossier) -> None:
    root = make_dossier(articles())
    folder = root / "dossier" / "articles"
    files, analyses, pages = ArticleCache(), AnalysisCache(), PageCache()

    def build() -> tuple[int, int, int]:
        """One build with the three caches: how many entries each reused."""
        before = (files.hits, analyses.hits, pages.hits)
        dossier = load_dossier(root, cache=files)
        assert not dossier.problems, dossier.problems
        index = build_index(dossier, cache=analyses)
        for page in build_pages(dossier, index):
            pages.blocks(page)
        pages.sweep()
        return (files.hits - before[0], analyses.hits - before[1], pages.hits - before[2])

    build()
    assert (len(files), len(analyses)) == (3, 3)
    article_pages = len(pages)
    assert article_pages >= 3  # at least the article pages have keys
    # Unchanged: everything reused, nothing dropped.
    assert build() == (3, 3, article_pages)
    assert (len(files), len(analyses), len(pages)) == (3, 3, article_pages)

    # Delete one article, rename another, edit the third.
    (folder / "one.md").unlink()
    (folder / "two.md").unlink()  # renamed: another file, another id
    (folder / "deux.md").write_text(article_text("deux", BODIES["two"]), encoding="utf-8")
    edited = folder / "three.md"
    edited.write_text(edited.read_text().replace("answered", "replied to"), encoding="utf-8")
    reused = build()
    assert reused[1] == 0  # neither article left was analysed before as it is now
    assert len(files) == 2 and sorted(p.name for p in files._entries) == ["deux.md", "three.md"]
    assert len(analyses) == 2  # the renamed and edited articles analysed again, once each
    assert len(pages) < article_pages  # the deleted article's pages are gone

    # Back to steady state: everything reused again, nothing grows.
    size = (len(files), len(analyses), len(pages))
    assert build() == size
    assert (len(files), len(analyses), len(pages)) == size


def test_an_unchanged_article_is_not_parsed_or_analysed_again(make_dossier) -> None:
    root = make_dossier(articles())
    files, analyses = ArticleCache(), AnalysisCache()
    first = load_dossier(root, cache=files)
    build_index(first, cache=analyses)
    edited = root / "dossier" / "articles" / "two.md"
    edited.write_text(edited.read_text().replace("spoke to", "wrote to"), encoding="utf-8")
    second = load_dossier(root, cache=files)
    index = build_index(second, cache=analyses)
    same = {a.id: a for a in first.articles}
    assert [a.id for a in second.articles if a is same[a.id]] == ["one", "three"]
    assert analyses.hits == 2 and len(analyses) == 3
    assert [m.actor_id for m in index.articles["two"].mentions] == [
        "nicolas-maduro",
        "united-states",
    ]

"""Import on the real seeds: furniture removed and recorded, titles, dates, outlets."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest

from conftest import REPO, tree
from dossier_core.atomicwrite import write_atomic
from dossier_core.importer import import_files, import_seeds
from dossier_core.textimport import clean_seed

SEEDS = REPO / "seeds"


def seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def test_seeds_are_the_shared_files_byte_for_byte(shared: Path) -> None:
    ours = sorted(p.name for p in SEEDS.glob("*.txt"))
    theirs = sorted(p.name for p in (shared / "seeds").glob("*.txt"))
    assert ours == theirs and len(ours) == 5
    for name in ours:
        assert (SEEDS / name).read_bytes() == (shared / "seeds" / name).read_bytes()


@pytest.mark.parametrize(
    ("name", "title", "outlet", "published"),
    [
        ("000", "Russia beats US in Venezuela", "unknown", ""),
        ("001", "Nicolás Maduro wants to remind the world that he still has powerful allies",
         "unknown", "2019-09-26"),  # a forum post: its site is not identified
        ("002", "Venezuela’s FAKE President Offers Hand of Peace to Russia, Moscow REJECTS It",
         "unknown", ""),
        ("003", "Lavrov to meet with Venezuelan counterpart Sunday to discuss coup attempt in Caracas",
         "tass", ""),
        ("004", "Once more with feeling? US holds ‘secret’ talks with Venezuela officials", "rt", ""),
    ],
)  # fmt: skip
def test_title_outlet_date(name: str, title: str, outlet: str, published: str) -> None:
    result = clean_seed(seed(name))
    assert (result.title, result.outlet, result.published) == (title, outlet, published)
    assert result.date_note


@pytest.mark.parametrize(
    ("name", "removed"),
    [
        ("000", []),
        ("001", [(1, "forum post header", "KEPY™ Posted September 26, 2019 Posted September 26, 2019"),
                 (1, "forum reaction count", "1"), (2, "forum footer", "Recommended Posts")]),
        ("002", [(18, "advertisement", "- Advertisement -"),
                 (30, "newsletter prompt", "Subscribe to our newsletter"),
                 (31, "newsletter prompt", None)]),
        ("003", [(1, "section link", "All news"),
                 (6, "photo caption", "Russian Foreign Minister Sergey Lavrov Alexander Shcherbak/TASS"),
                 (7, "photo caption", "Russian Foreign Minister Sergey Lavrov"),
                 (8, "photo credit", "© Alexander Shcherbak/TASS")]),
        ("004", [(1, "icon names", None), (5, "repeated title", None),
                 (14, "promotion of another article", None), (34, "share prompt", None),
                 (36, "comment-system notice", "Dear readers and commenters,"),
                 (38, "comment-system notice", None), (40, "comment-system notice", None),
                 (42, "comment-system notice", "RT Team.")]),
    ],
)  # fmt: skip
def test_removed_lines_are_recorded_in_order(name: str, removed: list) -> None:
    result = clean_seed(seed(name))
    got = [(r.line, r.reason, r.text) for r in result.removed]
    assert [(line, reason) for line, reason, _ in got] == [
        (line, reason) for line, reason, _ in removed
    ]
    for (_, _, text), (_, _, expected) in zip(got, removed, strict=True):
        if expected is not None:
            assert text == expected
    for item in result.removed:
        assert item.text and item.text not in result.body.split("\n\n")


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_nothing_disappears_silently(name: str) -> None:
    """Every word of the seed is in the title, the body or the removed list."""
    result = clean_seed(seed(name))
    kept = " ".join([result.title, result.body] + [r.text for r in result.removed]).split()
    missing = Counter(seed(name).split()) - Counter(kept)
    assert not missing


def test_body_keeps_the_text_as_published() -> None:
    result = clean_seed(seed("003"))
    assert result.body.startswith("The meeting will take place ahead of Lavrov’s contacts")
    assert "MOSCOW, May 5. /TASS/. Russian Foreign Minister Sergey Lavrov" in result.body
    assert "negotiationscan" in clean_seed(seed("000")).body  # typos are evidence too
    forum = clean_seed(seed("001"))
    assert forum.body.startswith("Nicolás Maduro wants to remind the world")
    assert forum.body.endswith("where it already has a physical headquarters.")


def _project(tmp_path: Path) -> Path:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path


def test_import_writes_new_articles_then_never_overwrites(tmp_path: Path) -> None:
    root = _project(tmp_path)
    articles = root / "dossier" / "articles"
    seeds = sorted((root / "seeds").glob("*.txt"))
    first = import_seeds(seeds, root, articles)
    assert [o.status for o in first] == ["new"] * 5
    written = articles / Path(first[3].article).name
    text = written.read_text(encoding="utf-8")
    assert "seed_sha256: " + hashlib.sha256(seeds[3].read_bytes()).hexdigest() in text
    assert "outlet: tass" in text and "reason: photo credit" in text

    edited = text.replace("summary: ''", "summary: An analyst's summary.")
    written.write_text(edited, encoding="utf-8")
    second = import_seeds(seeds, root, articles)
    assert [o.status for o in second] == ["unchanged"] * 5
    assert written.read_text(encoding="utf-8") == edited

    seeds[3].write_text(
        seeds[3].read_text(encoding="utf-8") + "\nA correction.\n", encoding="utf-8"
    )
    third = import_seeds(seeds, root, articles)
    assert third[3].status == "seed changed"
    assert written.read_text(encoding="utf-8") == edited  # the analyst's edits survive
    assert len(list(articles.glob("*.md"))) == 5


def test_renamed_article_is_still_recognised_by_its_seed(tmp_path: Path) -> None:
    root = _project(tmp_path)
    articles = root / "dossier" / "articles"
    seeds = sorted((root / "seeds").glob("*.txt"))[:1]
    outcome = import_seeds(seeds, root, articles)[0]
    path = root / outcome.article
    path.rename(articles / "my-own-id.md")
    assert import_seeds(seeds, root, articles)[0].status == "unchanged"
    assert sorted(p.name for p in articles.iterdir()) == ["my-own-id.md"]


def test_seed_outside_the_project_is_copied_into_seeds_byte_for_byte(tmp_path: Path) -> None:
    outside = tmp_path / "Elsewhere Story.txt"
    outside.write_bytes(b"Title of the story\r\n\r\nBody of the story, as published.\r\n")
    root = tmp_path / "project"
    root.mkdir()
    articles = root / "dossier" / "articles"
    outcome = import_seeds([outside], root, articles)[0]
    digest = hashlib.sha256(outside.read_bytes()).hexdigest()
    assert outcome.status == "new"
    assert outcome.seed == f"seeds/elsewhere-story_{digest[:16]}.txt"
    assert (root / outcome.seed).read_bytes() == outside.read_bytes()
    # Importing the same file again is recognised, and so are the same bytes elsewhere.
    assert import_seeds([outside], root, articles)[0].status == "unchanged"
    twin = tmp_path / "twin.txt"
    twin.write_bytes(outside.read_bytes())
    again = import_seeds([twin], root, articles)[0]
    assert again.status == "duplicate" and again.article == outcome.article
    assert len(list(articles.glob("*.md"))) == 1


def test_failed_write_leaves_the_old_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "article.md"
    target.write_text("old", encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("dossier_core.atomicwrite.os.replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["article.md"]  # no temporary left behind


@pytest.mark.parametrize("dossier", [False, True], ids=["empty-project", "with-articles"])
def test_a_failed_article_write_leaves_no_seed_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dossier: bool
) -> None:
    outside = tmp_path / "Elsewhere Story.txt"
    outside.write_bytes(b"Title of the story\n\nBody of the story, as published.\n")
    root = tmp_path / "project"
    root.mkdir()
    articles = root / "dossier" / "articles"
    if dossier:  # seeds/ and the articles folder exist, with articles in them
        shutil.copytree(SEEDS, root / "seeds")
        import_seeds(sorted((root / "seeds").glob("00[01]_*.txt")), root, articles)
    before = tree(root)
    real_replace = os.replace

    def disk_full_for_articles(src: str, dst: str) -> None:
        if Path(dst).parent == articles:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr("dossier_core.atomicwrite.os.replace", disk_full_for_articles)
    (outcome,) = import_files([outside], root, articles)
    assert outcome.status == "failed" and not outcome.article
    assert str(outside) in outcome.warnings[0]
    assert "No space left on device" in outcome.warnings[0]
    assert tree(root) == before  # no seed copied, no article, no folder, no temporary

    monkeypatch.undo()  # the disk has room again: the same file now goes in
    (again,) = import_files([outside], root, articles)
    assert again.status == "new" and (root / again.seed).read_bytes() == outside.read_bytes()


WIRE_STORY = """World news

Russia says U.S. sanctions on Venezuela are illegal, backs Maduro

Share on Facebook
CARACAS, March 25, 2019 (Reuters) - Russia on Monday condemned new U.S. sanctions on Venezuela as illegal.
Photo: Reuters/Carlos Garcia Rawlins
Sign up for our newsletter
(Reporting by Brian Ellsworth; Editing by Chizu Nomiyama)
"""


def test_wire_story_pasted_into_text_is_dated_and_its_agency_suggested(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "dossier").mkdir()
    (root / "dossier" / "sources.yml").write_text("tass:\n  name: TASS\n", encoding="utf-8")
    story = root / "seeds" / "reuters-sanctions.txt"
    story.write_text(WIRE_STORY, encoding="utf-8")
    [outcome] = import_seeds([story], root, root / "dossier" / "articles")
    text = (root / outcome.article).read_text(encoding="utf-8")
    assert "title: Russia says U.S. sanctions on Venezuela are illegal, backs Maduro" in text
    assert "outlet: reuters" in text and "published: '2019-03-25'" in text
    assert "reason: section label" in text and "reason: photo credit" in text
    assert "(Reporting by Brian Ellsworth; Editing by Chizu Nomiyama)" in text
    [warning] = [w for w in outcome.warnings if "sources.yml" in w]
    assert "reuters:" in warning and "domain: reuters.com" in warning


def test_year_less_dateline_asks_for_the_year() -> None:
    note = clean_seed(seed("003")).date_note
    assert note == (
        "The dateline 'MOSCOW, May 5. /TASS/.' gives the day and month but not the year; "
        "set the year."
    )


def test_the_ptc_texts_lose_no_word_through_text_import(shared: Path) -> None:
    """150 real news articles imported as plain text: every word is kept in the title,
    the body or the removed list, and the rules remove little (these texts were
    collected clean: a rule that fires often here is taking article text)."""
    texts = sorted((shared / "corpora" / "ptc" / "articles").glob("article*.txt"))
    assert len(texts) == 150
    removed = 0
    for path in texts:
        text = path.read_text(encoding="utf-8").lstrip("\ufeff")
        result = clean_seed(text)
        kept = " ".join([result.title, result.body] + [r.text for r in result.removed])
        assert not Counter(text.split()) - Counter(kept.split()), path.name
        removed += len(result.removed)
    assert removed <= 20


def test_import_warns_of_a_near_duplicate_and_refuses_the_same_bytes(tmp_path: Path) -> None:
    """A republished version of an article (another headline, a paragraph cut, a line
    added) is imported with a warning naming the article it repeats; a second copy of
    the same bytes is refused, naming the article made from them."""
    root = _project(tmp_path)
    articles = root / "dossier" / "articles"
    tass = sorted((root / "seeds").glob("003_*.txt"))
    original = import_seeds(tass, root, articles)[0]
    assert original.status == "new" and not any("near-duplicate" in w for w in original.warnings)
    lines = tass[0].read_text(encoding="utf-8").split("\n")
    body = [line for line in lines[8:] if line.strip()]
    republished = tmp_path / "republished.txt"
    republished.write_text(
        "\n".join(["Venezuela's top diplomat to meet Lavrov in Moscow", *body[:-1],
                   "Follow our channel for more news from Latin America."]),
        encoding="utf-8",
    )  # fmt: skip
    unrelated = tmp_path / "unrelated.txt"
    unrelated.write_text(seed("000"), encoding="utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_bytes(tass[0].read_bytes())
    outcomes = import_seeds([republished, unrelated, copy], root, articles)
    assert [o.status for o in outcomes] == ["new", "new", "duplicate"]
    (warning,) = [w for w in outcomes[0].warnings if "near-duplicate" in w]
    assert warning.startswith(f"near-duplicate of {original.article}: ")
    assert not any("near-duplicate" in w for w in outcomes[1].warnings)
    assert outcomes[2].article == original.article
    # Two versions written in one run are compared with each other too.
    again = tmp_path / "again.txt"
    again.write_text(republished.read_text(encoding="utf-8") + "\nOne more line.\n", "utf-8")
    twice = tmp_path / "twice.txt"
    twice.write_text(again.read_text(encoding="utf-8") + "\nAnd another.\n", "utf-8")
    first, second = import_seeds([again, twice], root, articles)
    assert sum("near-duplicate" in w for w in first.warnings) == 2
    assert any(w.startswith(f"near-duplicate of {first.article}: ") for w in second.warnings)


def test_a_web_page_site_name_is_proposed_as_an_outlet_not_taken_for_one() -> None:
    from dossier_core.newarticle import Imported
    from dossier_core.outlethints import outlet_warnings

    page = Imported(title="T", body="B", site_name="TechCrunch",
                    url="https://social.techcrunch.com/2019/11/18/x/")  # fmt: skip
    (hint,) = outlet_warnings(page, {"tass"})
    assert "set `outlet: techcrunch` and add to sources.yml" in hint
    assert "techcrunch:\n      name: TechCrunch\n      domain: social.techcrunch.com" in hint
    (known,) = outlet_warnings(page, {"techcrunch"})
    assert known.endswith("if that is 'techcrunch' of sources.yml, set `outlet: techcrunch`")
    assert outlet_warnings(Imported(title="T", body="B"), {"tass"}) == []


def test_an_extractor_failure_fails_that_page_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page the extractor chokes on is reported with its name; the next file goes in."""

    def broken(data: bytes, name: str) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("dossier_core.htmlimport.read_page", broken)
    (tmp_path / "page.html").write_text("<html><body><p>Text</p></body></html>", "utf-8")
    (tmp_path / "story.txt").write_text("A title\n\nA paragraph of the story.\n", "utf-8")
    from dossier_core.importer import import_files

    outcomes = import_files(
        [tmp_path / "page.html", tmp_path / "story.txt"],
        tmp_path,
        tmp_path / "dossier" / "articles",
    )
    assert [o.status for o in outcomes] == ["failed", "new"]
    assert outcomes[0].warnings[0].startswith("page.html: the web page could not be read")


def test_written_files_respect_the_umask(tmp_path: Path) -> None:
    """The copied seed and the article get the permissions the umask gives (027 here:
    rw-r-----), not a temporary file's 0600 and not a fixed 0644."""
    story = tmp_path / "story.txt"
    story.write_text("A title\n\nA paragraph of the story.\n", encoding="utf-8")
    root = tmp_path / "project"
    root.mkdir()
    old = os.umask(0o027)
    try:
        (outcome,) = import_seeds([story], root, root / "dossier" / "articles")
    finally:
        os.umask(old)
    for path in (root / outcome.seed, root / outcome.article):
        assert path.stat().st_mode & 0o777 == 0o640, path

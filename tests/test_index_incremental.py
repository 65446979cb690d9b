"""A warm build (the caches of the last builds, as under `mkdocs serve`) gives the same
index as a cold one of the same files: every field of DossierIndex, every dict in the
same order, after edits of every kind (annotations, text that changes related articles
and republications, dates, articles added and deleted, actors.yml)."""

from __future__ import annotations

import dataclasses
import random
import sys
from pathlib import Path
from typing import Any

import pytest

from dossier_core import build_index, load_dossier, relating
from dossier_core.dossier import ArticleCache
from dossier_core.linking import AnalysisCache, DossierIndex

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
import generate  # noqa: E402

SENTENCES = [
    "Juan Guaidó spoke to Nicolás Maduro in Caracas.",
    "Vladimir Putin met officials in Moscow and Havana.",
    "The United States and China disagreed at the United Nations.",
    "Lukashenko answered Evo Morales on television.",
]


def canon(value: Any) -> Any:
    """A comparable form that keeps the order of every dict and list."""
    if isinstance(value, dict):
        return ("dict", [(canon(k), canon(v)) for k, v in value.items()])
    if isinstance(value, list | tuple):
        return (type(value).__name__, [canon(v) for v in value])
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return (type(value).__name__, [(f.name, canon(getattr(value, f.name))) for f in fields])
    return repr(value)


def assert_same(warm: DossierIndex, cold: DossierIndex) -> None:
    for field in dataclasses.fields(DossierIndex):
        name = field.name
        assert canon(getattr(warm, name)) == canon(getattr(cold, name)), name


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("incremental") / "project"
    generate.write(root, 60, seed=5, corpus=REPO.parent / "shared" / "corpora" / "ptc",
                   recombined=True)  # fmt: skip
    return root


class Session:
    """Builds with caches kept, as the serve loop does; each compared with a cold one."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files, self.analyses = ArticleCache(), AnalysisCache()
        self.folder = root / "dossier" / "articles"

    def check(self) -> DossierIndex:
        warm = build_index(load_dossier(self.root, cache=self.files), cache=self.analyses)
        cold = build_index(load_dossier(self.root))
        assert_same(warm, cold)
        return warm

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        _touch(path)


def _touch(path: Path) -> None:
    """A new modification time, as an editor's save gives (ArticleCache's key)."""
    import os

    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def _body_of(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("\n---\n", 1)[1]


@pytest.fixture
def session(project: Path, tmp_path: Path) -> Session:
    import shutil

    root = tmp_path / "copy"
    shutil.copytree(project / "dossier", root / "dossier")
    return Session(root)


def test_unchanged_and_annotation_edits(session: Session) -> None:
    first = session.check()
    assert first.republications.clusters  # the recombined texts are republications
    again = session.check()
    assert session.analyses.hits >= len(again.articles)
    session.edit("a00003.md", "label: ", "note: an edited note\n  label: ")
    session.check()
    session.edit("a00003.md", "note: an edited note\n  label: ", "label: ")
    session.check()


def test_text_edits_change_related_and_republications(session: Session) -> None:
    before = session.check()
    # New mentions: actor sets change, hence related articles and co-occurrence.
    session.edit("a00005.md", "\n---\n\n", "\n---\n\n" + " ".join(SENTENCES) + "\n\n")
    after = session.check()
    assert after.articles["a00005"].actor_ids != before.articles["a00005"].actor_ids
    # One text made a copy of another: a republication group changes.
    donor = _body_of(session.folder / "a00010.md")
    path = session.folder / "a00011.md"
    front = path.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    path.write_text(front.split("annotations:")[0] + "\n---\n" + donor, encoding="utf-8")
    _touch(path)
    copied = session.check()
    assert copied.republications.versions("a00011") == copied.republications.versions("a00010")
    # The text cut to a few words: it leaves every group, and its actors change.
    path.write_text(front.split("annotations:")[0] + "\n---\n\nA short text.\n", "utf-8")
    _touch(path)
    session.check()


def test_dates_added_and_deleted_articles(session: Session) -> None:
    session.check()
    session.edit("a00007.md", "published: '", "published: '2018-01-01'\nx_old: '")
    session.check()
    (session.folder / "a00008.md").unlink()
    session.check()
    copy = (session.folder / "a00009.md").read_text(encoding="utf-8")
    (session.folder / "zz-new.md").write_text(copy.replace("id: a00009", "id: zz-new"), "utf-8")
    index = session.check()
    assert "zz-new" in index.republications.versions("a00009")


def test_actor_alias_and_actors_add(session: Session) -> None:
    session.check()
    actors = session.root / "dossier" / "actors.yml"
    text = actors.read_text(encoding="utf-8")
    assert "\nbrussels:\n" in text and "  aliases: []\n" in text
    session.edit("a00012.md", "\n---\n\n", "\n---\n\nThe Quuxland envoy spoke.\n\n")
    session.check()
    actors.write_text(text.replace("  aliases: []\n", "  aliases: [Quuxland]\n", 1), "utf-8")
    index = session.check()
    assert "brussels" in index.articles["a00012"].actor_ids
    actors.write_text(text, encoding="utf-8")
    session.check()
    session.edit("a00013.md", "language: en", "language: en\nactors:\n  add: [brussels]")
    session.check()


@pytest.mark.parametrize("seed", [1, 2])
def test_random_edit_sequences(session: Session, monkeypatch: pytest.MonkeyPatch,
                               seed: int) -> None:  # fmt: skip
    """Random edits, with few enough articles per walked actor that actors cross the
    limit (their postings walked or not) as articles gain and lose mentions."""
    monkeypatch.setattr(relating, "POSTINGS_WALK_LIMIT", 12)
    rng = random.Random(seed)
    session.check()
    for _ in range(12):
        paths = sorted(session.folder.glob("*.md"))
        path = rng.choice(paths)
        kind = rng.choice(["mention", "unmention", "note", "copy", "delete", "add"])
        text = path.read_text(encoding="utf-8")
        front, body = text.split("\n---\n", 1)
        if kind == "mention":
            body = "\n" + rng.choice(SENTENCES) + "\n" + body
        elif kind == "unmention":
            for sentence in SENTENCES:
                body = body.replace(sentence, "Nothing.")
            for word in ("Maduro", "Guaidó", "Putin", "Trump", "Venezuela"):
                body = body.replace(word, "someone")
        elif kind == "note":
            front = front.replace("label: ", "note: changed\n  label: ", 1)
        elif kind == "copy":
            body = _body_of(rng.choice(paths))
        elif kind == "delete" and len(paths) > 10:
            path.unlink()
            session.check()
            continue
        elif kind == "add":
            number = rng.randrange(10_000)
            new = path.with_name(f"n{number}.md")
            new.write_text(text.replace(f"id: {path.stem}", f"id: n{number}"), encoding="utf-8")
            session.check()
            continue
        path.write_text(front + "\n---\n" + body, encoding="utf-8")
        _touch(path)
        session.check()


def test_an_article_moved_in_time_reorders_cooccurrence(make_dossier) -> None:
    """Co-occurrence lists other actors in the order a pass over the articles (by date)
    meets them: moving an article earlier changes that order, not the counts."""
    from conftest import article_text

    root = make_dossier({
        "one": article_text("one", "Juan Guaidó and Nicolás Maduro.", published="2019-01-01"),
        "two": article_text("two", "Juan Guaidó and the United States.", published="2019-02-01"),
    })  # fmt: skip
    session = Session(root)
    before = session.check()
    assert list(before.cooccurrence["juan-guaido"]) == ["nicolas-maduro", "united-states"]
    session.edit("two.md", "2019-02-01", "2018-02-01")
    after = session.check()
    assert list(after.cooccurrence["juan-guaido"]) == ["united-states", "nicolas-maduro"]


def test_registry_edits_reanalyse_only_what_they_can_change(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An alias added, changed to another actor and removed; an outlet and a label
    edited: each warm build equals a cold one, and an edit no text can be touched by
    re-matches nothing."""
    from dossier_core import registrydelta

    session.check()
    calls: list[str] = []
    real = registrydelta.Delta.mentions_hold

    def counted(self: registrydelta.Delta, article: Any) -> bool:
        held = real(self, article)
        calls.append(article.id if not held else "")
        return held

    registry = session.root / "dossier"
    actors = (registry / "actors.yml").read_text(encoding="utf-8")
    session.edit("a00020.md", "\n---\n\n", "\n---\n\nThe Zorblax delegation and Quuxland.\n\n")
    session.check()
    monkeypatch.setattr(registrydelta.Delta, "mentions_hold", counted)
    edits = (
        "  metonyms: [Zorblax]\n",
        "  metonyms: [Zorblax, Quuxland]\n",
        "  aliases: [Zorblax]\n",
    )
    for text in (*(actors.replace("  aliases: []\n", e, 1) for e in edits), actors):
        calls.clear()
        (registry / "actors.yml").write_text(text, encoding="utf-8")
        session.check()
        assert [c for c in calls if c] == ["a00020"]  # the one text with the names
    labels = (registry / "labels.yml").read_text(encoding="utf-8")
    (registry / "labels.yml").write_text(labels.replace("name: ", "name: Edited ", 1), "utf-8")
    calls.clear()
    session.check()
    assert not [c for c in calls if c]
    # An annotation naming an actor that does not exist yet, then does.
    session.edit("a00021.md", "  label: ", "  actors: [zz-later]\n  label: ")
    assert session.check().problems
    (registry / "actors.yml").write_text(
        actors + "\nzz-later:\n  name: Later\n  kind: person\n  description: Added.\n", "utf-8"
    )
    session.check()
    sources = (registry / "sources.yml").read_text(encoding="utf-8")
    (registry / "sources.yml").write_text(sources.replace("name: ", "name: X ", 1), "utf-8")
    session.check()


def test_analyses_carried_over_a_registry_edit_stay_cached(session: Session) -> None:
    session.check()
    labels = session.root / "dossier" / "labels.yml"
    labels.write_text(labels.read_text("utf-8").replace("name: ", "name: Edited ", 1), "utf-8")
    index = session.check()
    hits = session.analyses.hits
    session.check()
    assert session.analyses.hits - hits == len(index.articles)  # all from the cache

"""Unidentified sites and what readers see: every unidentified site is its own
placeholder outlet (never one shared "unknown"), import derives it from the domain or
the seed, the overview counts placeholders as sites and not as outlets, the badge
never repeats its words, glossary entries nothing refers to have no page, and no
internal wording (seed numbers, file names, hashes) reaches a reader outside the
article card's provenance."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
import yaml
from visibletext import visible_text

from conftest import ACTORS, REPO, SOURCES, article_text, front_matter, import_project, tree
from dossier_core import build_index, build_pages, load_dossier
from dossier_core.importer import import_bytes, import_files
from dossier_core.newarticle import existing_seeds
from dossier_core.outlethints import load_outlets
from dossier_core.parts import outlet_badge

PLAIN = "A headline about Caracas\n\nNicolás Maduro spoke in Caracas on {day}.\n"
PLACEHOLDERS = """\
unidentified-a:
  name: Unidentified site 1
  type: unidentified
unidentified-b:
  name: Unidentified site 2
  type: unidentified
"""
# What a reader must not see outside the provenance: seed numbers and paths, file
# names of the project, the hash import puts in a seed's name, a sha256.
INTERNAL = re.compile(
    r"\bseed \d|\bseeds?\b|seeds/|\.md\b|\.txt\b|\.ya?ml\b|_[0-9a-f]{16}|\b[0-9a-f]{64}\b", re.I
)
# Pages that document how the dossier is made and what its files hold: the analysts'
# guide and the data page (its fields include the seed offsets) name files on purpose.
DOCUMENTATION = ("guide/", "data/")


def _sources(root: Path) -> dict:
    return yaml.safe_load((root / "dossier" / "sources.yml").read_text(encoding="utf-8"))


def _import(root: Path, name: str, text: str, url: str = "") -> tuple[dict, tuple[str, ...]]:
    """Import `text` as the seed `name` (with `url` as its address); its front matter
    and the import's warnings."""
    articles = root / "dossier" / "articles"
    known = existing_seeds(articles, root)
    sources = load_outlets(root / "dossier").ids
    origin = {"url": url} if url else None
    outcome = import_bytes(text.encode(), name, root, articles, known, sources, origin=origin)
    assert outcome.status == "new", outcome
    return front_matter(root / outcome.article), outcome.warnings


def test_two_sites_without_an_address_get_two_placeholders(tmp_path: Path) -> None:
    root = import_project(tmp_path)
    first, said = _import(root, "first.txt", PLAIN.format(day="Monday"))
    second, _ = _import(root, "second.txt", PLAIN.format(day="Tuesday"))
    assert first["outlet"] != second["outlet"]
    assert first["outlet"].startswith("unidentified-first")
    assert second["outlet"].startswith("unidentified-second")
    sources = _sources(root)
    assert "unknown" in sources  # the fixture's own entry is left as it was
    assert sources[first["outlet"]] == {"name": "Unidentified site 1", "type": "unidentified"}
    assert sources[second["outlet"]] == {"name": "Unidentified site 2", "type": "unidentified"}
    assert any("added the placeholder outlet" in w and "Unidentified site 1" in w for w in said)
    # The dossier builds as imported: the placeholders are real entries.
    dossier = load_dossier(root)
    assert not dossier.problems, dossier.problems


def test_seeds_with_one_name_never_share_a_placeholder(tmp_path: Path) -> None:
    root = import_project(tmp_path)
    (root / "a").mkdir()
    (root / "b").mkdir()
    (root / "a" / "story.txt").write_text(PLAIN.format(day="Monday"), encoding="utf-8")
    (root / "b" / "story.txt").write_text(PLAIN.format(day="Friday"), encoding="utf-8")
    outcomes = import_files([root / "a" / "story.txt", root / "b" / "story.txt"], root,
                            root / "dossier" / "articles")  # fmt: skip
    outlets = [front_matter(root / o.article)["outlet"] for o in outcomes]
    assert outlets == ["unidentified-a-story", "unidentified-b-story"]


def test_a_domain_is_one_site_and_a_known_domain_its_outlet(tmp_path: Path) -> None:
    root = import_project(tmp_path)
    with_domain = SOURCES.replace("  name: TASS\n", "  name: TASS\n  domain: tass.com\n")
    (root / "dossier" / "sources.yml").write_text(with_domain, encoding="utf-8")
    one, said = _import(root, "one.txt", PLAIN.format(day="Monday"), "https://www.example.org/1")
    two, again = _import(root, "two.txt", PLAIN.format(day="Sunday"), "https://example.org/2")
    tass, _ = _import(root, "three.txt", PLAIN.format(day="Friday"), "https://tass.com/world/3")
    assert one["outlet"] == two["outlet"] == "unidentified-example-org"
    assert tass["outlet"] == "tass"
    entry = _sources(root)["unidentified-example-org"]
    assert entry == {"name": "Unidentified site (example.org)", "type": "unidentified",
                     "domain": "example.org"}  # fmt: skip
    assert any("Unidentified site (example.org)" in w for w in said)
    assert not any("placeholder" in w for w in again)  # added once
    assert not load_dossier(root).problems


def test_a_forum_post_is_a_site_of_its_own_described_as_a_forum(tmp_path: Path) -> None:
    root = import_project(tmp_path)
    forum = next((REPO / "seeds").glob("001_*.txt")).read_bytes().decode("utf-8")
    data, _ = _import(root, "forum.txt", forum)
    entry = _sources(root)[data["outlet"]]
    assert entry["type"] == "unidentified" and "forum" in entry["description"]


def test_sources_yml_that_cannot_take_an_entry_is_left_alone(tmp_path: Path) -> None:
    root = import_project(tmp_path)
    path = root / "dossier" / "sources.yml"
    path.write_text("{tass: {name: TASS, type: news agency}}\n", encoding="utf-8")
    before = path.read_bytes()
    data, said = _import(root, "flow.txt", PLAIN.format(day="Monday"))
    assert path.read_bytes() == before
    [warning] = [w for w in said if "placeholder" in w]
    assert f"{data['outlet']}:" in warning and "type: unidentified" in warning
    assert "could not be added" in warning


def test_import_again_writes_nothing(tmp_path: Path) -> None:
    root = import_project(tmp_path)
    seed = root / "seeds" / "x.txt"
    seed.parent.mkdir()
    seed.write_text(PLAIN.format(day="Monday"), encoding="utf-8")
    import_files([seed], root, root / "dossier" / "articles")
    before = tree(root)
    [outcome] = import_files([seed], root, root / "dossier" / "articles")
    assert outcome.status == "unchanged" and tree(root) == before


def _small(make_dossier) -> Path:
    body = "Nicolás Maduro met Juan Guaidó."
    return make_dossier(
        {
            "t1": article_text("t1", body, published="2019-05-01"),
            "a1": article_text("a1", body, outlet="unidentified-a", published="2019-05-02"),
            "b1": article_text("b1", body, outlet="unidentified-b", published="2019-05-03"),
        },
        actors=ACTORS,
        sources=SOURCES + PLACEHOLDERS,
    )


def test_placeholders_are_counted_per_site_not_as_outlets(make_dossier) -> None:
    dossier = load_dossier(_small(make_dossier))
    index = build_index(dossier)
    pages = {p.path: p.text for p in build_pages(dossier, index)}
    numbers = pages["overview.md"].split('<dl class="dossier-numbers">', 1)[1].split("</dl>")[0]
    assert "<dt>Outlets</dt><dd>1</dd>" in numbers
    assert "<dt>Unidentified sites</dt><dd>2</dd>" in numbers
    assert "sources/unidentified-a.md" in pages and "sources/unidentified-b.md" in pages
    site = pages["sources/unidentified-a.md"]
    assert "**Type** unidentified site" in site and "is not identified" in site


def test_the_badge_never_repeats_its_words(make_dossier) -> None:
    dossier = load_dossier(_small(make_dossier))

    def badge(outlet: str) -> str:
        return re.sub(r"<[^>]+>", "", outlet_badge(dossier, outlet, lambda target: target))

    assert badge("unidentified-a") == "Unidentified site 1"
    assert badge("unknown") == "Unknown outlet"  # type "unknown": no second "unknown"
    assert badge("tass") == "TASS · state&#45;affiliated media"
    assert 'class="dossier-badge dossier-badge--unidentified"' in outlet_badge(
        dossier, "unidentified-b", lambda target: target
    )


def test_actors_nothing_refers_to_have_no_page(make_dossier) -> None:
    root = make_dossier({"t1": article_text("t1", "Nicolás Maduro spoke.")})
    dossier = load_dossier(root)
    pages = {p.path: p.text for p in build_pages(dossier, build_index(dossier))}
    assert "actors/nicolas-maduro.md" in pages and "actors/united-states.md" not in pages
    assert "United States" not in pages["actors/index.md"]
    assert "Nicolás Maduro" in pages["actors/index.md"]


def test_an_unidentified_site_missing_from_sources_yml_says_how_to_add_it(make_dossier) -> None:
    root = make_dossier({"x": article_text("x", "Text.", outlet="unidentified-x")})
    [problem] = load_dossier(root).problems
    assert "unknown outlet 'unidentified-x'" in problem.message
    assert "unidentified-x: {name: Unidentified site N, type: unidentified}" in problem.message


# The bundled site.


def test_bundled_unidentified_sites_are_separate_outlets(bundled_site: Path) -> None:
    sources = yaml.safe_load((REPO / "dossier" / "sources.yml").read_text(encoding="utf-8"))
    assert "unknown" not in sources
    placeholders = [k for k, v in sources.items() if v["type"] == "unidentified"]
    assert len(placeholders) == 3
    used = [front_matter(p)["outlet"] for p in (REPO / "dossier" / "articles").glob("*.md")]
    assert sorted(o for o in used if o in placeholders) == sorted(placeholders)  # one each
    for outlet in placeholders:
        assert (bundled_site / "sources" / outlet / "index.html").is_file()
    overview = visible_text((bundled_site / "overview" / "index.html").read_text("utf-8"))
    assert "Outlets 2 Unidentified sites 3" in overview
    badges = set()
    for page in (bundled_site / "articles").glob("*/index.html"):
        html = page.read_text(encoding="utf-8")
        badges |= set(re.findall(r'class="dossier-badge[^"]*"[^>]*>([^<]*)<', html))
    assert {"Unidentified site 1", "Unidentified site 2", "Unidentified forum"} <= badges
    for badge in badges:
        words = [w.casefold() for w in re.findall(r"[^\W_]+", badge)]
        assert len(words) == len(set(words)), badge  # "Unknown outlet · unknown outlet"


def test_no_internal_wording_reaches_readers(bundled_site: Path) -> None:
    found = []
    pages = 0
    for path in sorted(bundled_site.rglob("*.html")):
        rel = path.relative_to(bundled_site).as_posix()
        if rel.startswith(("seeds/", *DOCUMENTATION)):
            continue
        pages += 1
        text = visible_text(path.read_text(encoding="utf-8"))
        found += [f"{rel}: …{text[max(0, m.start() - 50) : m.end() + 30]}…"
                  for m in INTERNAL.finditer(text)]  # fmt: skip
    assert pages > 50
    assert found == []


def test_the_provenance_still_names_the_seed(bundled_site: Path) -> None:
    """The exception is deliberate: the card's source row and the import audit name the
    seed file, and nothing else does."""
    page = bundled_site / "articles" / "lavrov-to-meet-venezuelan-counterpart" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "seeds/003_64248f17bf6afecc.txt" in html
    assert "seeds/003_" not in visible_text(html)
    digest = hashlib.sha256((REPO / "seeds" / "003_64248f17bf6afecc.txt").read_bytes())
    assert digest.hexdigest() in html


def test_unused_glossary_entries_are_off_the_bundled_site(bundled_site: Path) -> None:
    index = (bundled_site / "actors" / "index.html").read_text(encoding="utf-8")
    for actor in ("ukraine", "latin-america", "alexander-shcherbak"):
        assert not (bundled_site / "actors" / actor).exists(), actor
        assert f"{actor}/" not in index


@pytest.mark.parametrize("name", ["actors.yml", "sources.yml"])
def test_registry_descriptions_read_as_a_reader_reads_them(name: str) -> None:
    data = yaml.safe_load((REPO / "dossier" / name).read_text(encoding="utf-8"))
    texts = [str(entry.get("description", "")) for entry in data.values()]
    texts += [str(label) for entry in data.values() for label in entry.get("labels", [])]
    assert not [t for t in texts if INTERNAL.search(t)]

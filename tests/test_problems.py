"""Bad input gives a clear error naming the file and the line; other articles still build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, article_text
from dossier_core import build_pages, load_dossier

GOOD = article_text("good", "Juan Guaido met the US envoy.")


def problems(root: Path) -> list[str]:
    return [str(p) for p in load_dossier(root).problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id: x\n---\nbody", "dossier/articles/bad.md:1: an article must start with a '---'"),
        ("---\nid: bad\ntitle: T\nbody", "dossier/articles/bad.md:1: the front matter opened on line 1 is never closed"),
        ("---\nid: bad\ntitle: T\ntitle: U\n---\n\nText", "dossier/articles/bad.md:4: duplicate key 'title' (first on line 3)"),
        ("---\nid: bad\ntitle: &a T\noutlet: *a\n---\n\nText", "dossier/articles/bad.md:4: YAML aliases"),
        ("---\nid: bad\ntitle: !!python/object/apply:os.system [ls]\n---\n\nText",
         "dossier/articles/bad.md:3: invalid YAML: could not determine a constructor"),
        ("---\nid: bad\ntitle: [a, b]\n---\n\nText", "dossier/articles/bad.md:3: 'title' must be text"),
        ("---\nid: bad\ntitle: T\npublished: May 2019\n---\n\nText",
         "dossier/articles/bad.md:4: 'published' must be YYYY, YYYY-MM or YYYY-MM-DD"),
        ("---\nid: bad\ntitle: T\nsumary: typo\n---\n\nText", "dossier/articles/bad.md:4: unknown field 'sumary'"),
        ("---\nid: bad\ntitle: yes\n---\n\nText", "dossier/articles/bad.md:3: 'title' must be text: YAML reads unquoted yes/no"),
        ("---\nid: other\ntitle: T\n---\n\nText", "dossier/articles/bad.md:2: id 'other' differs from the file name"),
        ("---\nid: bad\n---\n\nText", "dossier/articles/bad.md:1: missing required field 'title'"),
        ("---\nid: bad\ntitle: T\noutlet: tas\n---\n\nText",
         "dossier/articles/bad.md:4: unknown outlet 'tas' (did you mean: tass?)"),
        ("---\nid: bad\ntitle: T\nactors: {ignore: [juan-guaid]}\n---\n\nText",
         "dossier/articles/bad.md:4: actors.ignore: unknown actor 'juan-guaid' (did you mean: juan-guaido?)"),
        ("---\nid: bad\ntitle: T\nurl: javascript:alert(1)\n---\n\nText",
         "dossier/articles/bad.md:4: 'url' must be an http(s) address"),
        ("---\nid: bad\ntitle: T\nseed: ../../etc/passwd\n---\n\nText",
         "dossier/articles/bad.md:4: seed '../../etc/passwd' is outside the project"),
        ("---\nid: bad\ntitle: T\n---\n\n", "dossier/articles/bad.md:6: the article has no text"),
    ],
)  # fmt: skip
def test_article_problems_name_file_and_line(make_dossier, text: str, expected: str) -> None:
    root = make_dossier({"good": GOOD, "bad": text})
    found = problems(root)
    assert any(p.startswith(expected) for p in found), found
    dossier = load_dossier(root)
    assert [a.id for a in dossier.articles] == ["good"]  # the good article is not lost
    assert build_pages(dossier)


def test_seed_changed_since_import_is_reported(make_dossier) -> None:
    root = make_dossier({"good": GOOD})
    (root / "seeds").mkdir()
    (root / "seeds" / "s.txt").write_text("Title\n\nText\n", encoding="utf-8")
    text = article_text("a", "Text", seed="seeds/s.txt", seed_sha256="0" * 64)
    (root / "dossier" / "articles" / "a.md").write_text(text, encoding="utf-8")
    assert any("a.md:6: seed 'seeds/s.txt' has changed since import" in p for p in problems(root))


def test_not_utf8(make_dossier) -> None:
    root = make_dossier({"good": GOOD})
    (root / "dossier" / "articles" / "latin.md").write_bytes(
        b"---\nid: latin\ntitle: caf\xe9\n---\n\nx"
    )
    assert "dossier/articles/latin.md:3: not valid UTF-8 (byte 0xe9 at offset 24)" in problems(root)


@pytest.mark.parametrize(
    ("actors", "expected"),
    [
        ("a:\n  name: A\n  kind: person\nb:\n  name: B\n  kind: robot\n",
         "dossier/actors.yml:6: unknown kind 'robot'"),
        ("a:\n  name: Juan\n  kind: person\n  aliases: [Guaido]\nb:\n  name: Guaidó\n  kind: person\n",
         "dossier/actors.yml:5: alias 'Guaidó' of 'b' is also a name of 'a' (line 1)"),
        ("a:\n  name: A\n  kind: person\na:\n  name: B\n  kind: person\n",
         "dossier/actors.yml:4: duplicate key 'a' (first on line 1)"),
        ("Bad Id:\n  name: A\n  kind: person\n", "dossier/actors.yml:1: 'id' must be lowercase"),
        ("a:\n  name: A\n  kind: person\n  role: x\n", "dossier/actors.yml:4: unknown field 'role'"),
    ],
)  # fmt: skip
def test_registry_problems(make_dossier, actors: str, expected: str) -> None:
    root = make_dossier({}, actors=actors)
    found = problems(root)
    assert any(p.startswith(expected) for p in found), found


def test_surname_resolves_to_its_person_unless_shared(make_dossier) -> None:
    actors = (
        "a:\n  name: Ann Smith\n  kind: person\n"
        "b:\n  name: Bob Smith\n  kind: person\n"
        "c:\n  name: Carla Jones\n  kind: person\n"
    )
    root = make_dossier({}, actors=actors)
    registry = load_dossier(root).registry
    assert "Jones" in [a.text for a in registry.actors["c"].aliases]
    assert "Smith" not in [a.text for a in registry.actors["a"].aliases]


def test_cli_check_exit_codes(make_dossier) -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "dossier_core.cli", "--root", str(REPO), "check"],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr
    assert "0 problems" in ok.stdout
    root = make_dossier({"good": GOOD, "bad": "---\nid: bad\ntitle: T\noutlet: nope\n---\n\nText"})
    bad = subprocess.run(
        [sys.executable, "-m", "dossier_core.cli", "--root", str(root), "check"],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1
    assert "dossier/articles/bad.md:4: unknown outlet 'nope'" in bad.stderr

"""PTC round trip: importing the shared corpus and exporting it reproduces every span."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import REPO
from dossier_core.ptcformat import LABEL_TO_PTC, PTC_TO_LABEL
from dossier_core.ptcimport import read_spans
from dossier_core.registry import load_registry


def dossier_cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dossier_core.cli", "--root", str(root), *args],
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def ptc_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    corpus = REPO.parent / "shared" / "corpora" / "ptc"
    if not corpus.is_dir():
        pytest.skip("../shared/corpora/ptc is not beside the checkout")
    root = tmp_path_factory.mktemp("ptc")
    (root / "dossier").mkdir()
    shutil.copy(REPO / "dossier" / "labels.yml", root / "dossier" / "labels.yml")
    (root / "dossier" / "sources.yml").write_text(
        "unknown:\n  name: Unknown outlet\n  type: unknown\n"
    )
    (root / "dossier" / "actors.yml").write_text("{}\n")
    result = dossier_cli(root, "import", "--format", "ptc", str(corpus / "articles"),
                         "--labels", str(corpus / "labels"))  # fmt: skip
    assert result.returncode == 0, result.stderr
    return root, corpus


def test_round_trip_reproduces_every_span(ptc_project: tuple[Path, Path]) -> None:
    root, corpus = ptc_project
    check = dossier_cli(root, "check")
    assert check.returncode == 0, check.stderr[:2000]
    assert "150 articles" in check.stdout
    out = root / "export.tsv"
    result = dossier_cli(root, "export", "--format", "ptc", "--out", str(out))
    assert result.returncode == 0, result.stderr[:2000]
    exported = Counter(out.read_text(encoding="utf-8").splitlines())
    original = Counter(
        line
        for path in (corpus / "labels").glob("*.labels")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    )
    assert sum(original.values()) == 2335
    assert exported == original


def test_import_never_overwrites(ptc_project: tuple[Path, Path]) -> None:
    root, corpus = ptc_project
    article = root / "dossier" / "articles" / "ptc-111111113.md"
    edited = article.read_text(encoding="utf-8").replace(
        "outlet: unknown", "outlet: unknown\nsummary: Mine."
    )
    article.write_text(edited, encoding="utf-8")
    again = dossier_cli(root, "import", "--format", "ptc", str(corpus / "articles"),
                        "--labels", str(corpus / "labels"))  # fmt: skip
    assert again.returncode == 0
    assert again.stdout.count("unchanged") == 150
    assert article.read_text(encoding="utf-8") == edited


def test_overlapping_spans_render(ptc_project: tuple[Path, Path]) -> None:
    from dossier_core import build_index, build_pages, load_dossier

    root, _ = ptc_project
    dossier = load_dossier(root)
    index = build_index(dossier)
    overlapping = 0
    for entry in index.articles.values():
        spans = sorted((a.start, a.end) for a in entry.annotations)
        overlapping += sum(
            1 for (s1, e1), (s2, _) in zip(spans, spans[1:], strict=False) if s2 < e1
        )
    assert overlapping > 100
    page = next(p for p in build_pages(dossier, index) if p.path == "articles/ptc-111111113.md")
    assert page.text.count('<mark class="dossier-hl') >= len(
        index.articles["ptc-111111113"].annotations
    )


def test_every_ptc_technique_has_a_label() -> None:
    problems: list = []
    labels = load_registry(REPO, "dossier", problems).labels
    assert not problems
    assert set(PTC_TO_LABEL.values()) <= set(labels)
    assert {
        label for label, group in ((i, labels[i].group) for i in labels) if group == "technique"
    } == set(LABEL_TO_PTC)


def test_bad_labels_file_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "x.labels"
    path.write_text("1\tLoaded_Language\t0\t5\n1\tMade_Up\t3\t9\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"x\.labels:2: unknown PTC technique 'Made_Up'"):
        read_spans(path)

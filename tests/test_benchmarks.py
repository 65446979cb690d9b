"""Smoke versions (N=50) of the benchmarks, so that they cannot rot. The real runs are
not part of the test command: see benchmarks/README.md."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

import build_bench  # noqa: E402
import generate  # noqa: E402

from dossier_core import build_index, load_dossier  # noqa: E402


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    work = tmp_path_factory.mktemp("bench")
    return work, build_bench.measure(50, work, seed=7)


def test_generator_is_deterministic_and_valid(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    generate.write(first, 12, seed=3, corpus=REPO.parent / "shared" / "corpora" / "ptc")
    generate.write(second, 12, seed=3, corpus=REPO.parent / "shared" / "corpora" / "ptc")
    files = sorted(p.relative_to(first / "dossier") for p in (first / "dossier").rglob("*.md"))
    assert len(files) == 12
    for path in files:
        assert (first / "dossier" / path).read_bytes() == (second / "dossier" / path).read_bytes()
    dossier = load_dossier(first)
    index = build_index(dossier)
    assert dossier.problems == [] and index.problems == []
    annotations = sum(len(entry.annotations) for entry in index.articles.values())
    assert annotations >= 12 * 10  # about 15 an article, every one anchored
    assert sum(len(entry.mentions) for entry in index.articles.values()) > 12 * 5


def test_build_benchmark_smoke(measured: tuple[Path, dict]) -> None:
    _, row = measured
    assert row["n"] == 50
    assert row["dossier_s"] > 0 and row["plain_s"] > 0 and row["ratio"] > 0
    assert row["dossier_page_kb"] > 1 and row["plain_page_kb"] > 1
    assert "| 50 |" in build_bench.table([row])


def test_search_benchmark_smoke(measured: tuple[Path, dict]) -> None:
    if not os.path.exists("/usr/bin/chromium") and os.environ.get("CI") != "true":
        pytest.skip("the search benchmark needs Debian's Chromium at /usr/bin/chromium")
    import search_bench

    work, _ = measured
    for mode in ("header", "search page"):
        ms, kb = search_bench.measure(work / "n50" / "site", runs=1, mode=mode)
        assert 0 < ms < 60_000 and kb > 10, mode
    plain_ms, plain_kb = search_bench.measure(work / "n50" / "plain" / "site", runs=1, mode="plain")
    assert 0 < plain_ms < 60_000 and plain_kb > 10


def test_serve_benchmark_smoke(measured: tuple[Path, dict]) -> None:
    """`mkdocs serve`: an edited annotation note and a glossary alias are served."""
    import serve_bench

    work, _ = measured
    times = serve_bench.measure_serve(work / "n50", edits=2, limit=120)
    assert times.first > 0 and len(times.article_page) == len(times.article_all) == 2
    assert all(0 < t < 60 for t in times.article_page + times.article_all)
    assert 0 < times.glossary_page < 60 and 0 < times.glossary_all < 60

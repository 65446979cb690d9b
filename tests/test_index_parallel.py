"""Analysis in worker processes (analysispool.py) gives the index a one-process
analysis gives: the same DossierIndex, field by field and in the same order, and the
same republication signatures kept for the next build."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import numpy as np
import pytest
from test_index_incremental import REPO, assert_same, generate

from dossier_core import analysispool, build_index, load_dossier
from dossier_core.linking import AnalysisCache

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="no 'fork' here"
)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("parallel") / "project"
    corpus = REPO.parent / "shared" / "corpora" / "ptc"
    generate.write(root, 60, seed=5, corpus=corpus, recombined=True)
    return root


@pytest.mark.parametrize("workers", [2, 3])
def test_workers_give_the_one_process_index(
    project: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    monkeypatch.setattr(analysispool, "PARALLEL_MIN", 2)  # 40 articles: parallel all the same
    dossier = load_dossier(project)
    one, many = AnalysisCache(), AnalysisCache()
    sequential = build_index(dossier, cache=one, workers=1)
    parallel = build_index(dossier, cache=many, workers=workers)
    assert sequential.republications.clusters
    assert_same(parallel, sequential)
    assert_same(build_index(dossier, workers=workers), sequential)  # no cache
    mine, theirs = one.signatures.entries, many.signatures.entries
    assert list(mine) == list(theirs) or set(mine) == set(theirs)
    for body, (minhash, size) in mine.items():
        assert size == theirs[body][1]
        assert np.array_equal(minhash.hashvalues, theirs[body][0].hashvalues)
    # Warm after a parallel cold build: everything from the caches.
    assert_same(build_index(dossier, cache=many, workers=workers), sequential)


def test_few_articles_or_one_worker_stay_in_this_process(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("no process may be started")

    monkeypatch.setattr(multiprocessing, "get_context", refuse)
    dossier = load_dossier(project)
    build_index(dossier, workers=4)  # 60 articles: below PARALLEL_MIN
    monkeypatch.setattr(analysispool, "PARALLEL_MIN", 2)
    build_index(dossier, workers=1)

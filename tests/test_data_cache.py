"""The data files' per-article chunks kept between serve rebuilds (datafiles.DataCache):
after edits, files written from the cache equal files written from nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_project
from dossier_core import build_index, load_dossier
from dossier_core.datafiles import DataCache, DataOptions, write_data_files
from dossier_core.dossier import ArticleCache
from dossier_core.linking import AnalysisCache

EDITS = {
    "annotation note": ("dossier/articles/russia-beats-us-in-venezuela.md", "    note: >-\n",
                        "    note: >-\n      Edited.\n"),
    "label name": ("dossier/labels.yml", "name: Name calling or labelling", "name: Labelling"),
    "actor alias": ("dossier/actors.yml", "  aliases: []\n", "  aliases: [European]\n"),
}  # fmt: skip


def written(root: Path, out: Path, caches: tuple | None = None) -> dict[str, bytes]:
    articles, analyses, chunks = caches or (None, None, None)
    dossier = load_dossier(root, cache=articles)
    index = build_index(dossier, cache=analyses)
    write_data_files(dossier, index, DataOptions(), out, chunks)
    return {p.name: p.read_bytes() for p in sorted((out / "data").iterdir())}


@pytest.mark.parametrize("change", list(EDITS))
def test_files_from_the_cache_equal_files_from_nothing(tmp_path: Path, change: str) -> None:
    root = copy_project(tmp_path / "project")
    caches = (ArticleCache(), AnalysisCache(), DataCache())
    before = written(root, tmp_path / "1", caches)
    path, old, new = EDITS[change]
    text = (root / path).read_text(encoding="utf-8")
    assert old in text, old
    (root / path).write_text(text.replace(old, new, 1), encoding="utf-8")
    cached = written(root, tmp_path / "2", caches)
    assert cached == written(root, tmp_path / "3")
    assert cached != before, f"{change} changed no data file"
    assert caches[2].hits > 0, "nothing was reused"

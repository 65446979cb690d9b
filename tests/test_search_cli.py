"""`dossier index SITE_DIR` (dossier_search.cli): a built site folder indexed from disk,
and its failures told in one plain line naming the folder, never a traceback."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from dossier_search import SearchIndexError, index_site, indexer
from dossier_search.cli import add_arguments, run

PAGE = (
    '<html lang="en"><head><title>{0}</title></head><body><nav>menu</nav>'
    "<main data-pagefind-body><h1>{0}</h1><p>Maduro met Guaid\u00f3 in Caracas.</p>"
    '<p><span data-pagefind-filter="Outlet">{1}</span></p></main></body></html>'
)


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="dossier index")
    add_arguments(parser)
    return parser.parse_args(list(argv))


def small_site(root: Path, pages: int = 3) -> Path:
    for n in range(pages):
        page = root / f"p{n}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(PAGE.format(f"Page {n}", f"outlet{n % 2}"), encoding="utf-8")
    (root / "search").mkdir()
    (root / "search" / "index.html").write_text("<html><body>search</body></html>")
    return root


def test_index_writes_the_bundle_and_replaces_an_old_one(tmp_path: Path, capsys) -> None:
    site = small_site(tmp_path / "site")
    stale = site / "pagefind" / "bundle-9" / "old.txt"
    stale.parent.mkdir(parents=True)
    stale.write_text("left by another build")
    assert run(parse(str(site))) == 0
    assert f"{site}: 3 pages indexed in 1 bundle(s)" in capsys.readouterr().err
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert json.loads((site / "pagefind" / "shards.json").read_text()) == {"merge": []}
    assert not stale.exists()
    # In shards and bundles, as the plugin's options would cut them.
    assert index_site(site, shard_size=1, bundle_size=2) == 3
    manifest = json.loads((site / "pagefind" / "shards.json").read_text())
    assert manifest == {"merge": ["bundle-1/"]}


def failures(tmp_path: Path) -> dict[str, Path]:
    unmarked = tmp_path / "unmarked"
    (unmarked / "about").mkdir(parents=True)
    (unmarked / "about" / "index.html").write_text("<html><body><p>Hi</p></body></html>")
    return {"missing": tmp_path / "nowhere", "unmarked": unmarked}


@pytest.mark.parametrize(
    ("case", "message", "code"),
    [("missing", "no such folder", 2), ("unmarked", "no page is marked data-pagefind-body", 1)],
)
def test_a_folder_that_cannot_be_indexed_is_told_plainly(
    tmp_path: Path, capsys, case: str, message: str, code: int
) -> None:
    folder = failures(tmp_path)[case]
    assert run(parse(str(folder))) == code  # 2: nothing to work on; 1: it went wrong
    err = capsys.readouterr().err
    assert err.startswith(f"dossier index: error: {folder}: {message}")
    assert err.count("\n") == 1 and "Traceback" not in err
    with pytest.raises(SearchIndexError, match=str(folder)):
        index_site(folder)
    if case == "unmarked":
        assert not (folder / "pagefind").exists()  # nothing written, nothing removed


def test_pagefind_failing_is_told_plainly(tmp_path: Path, capsys, monkeypatch) -> None:
    site = small_site(tmp_path / "site")
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'Error: the index could not be written' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setattr(indexer, "get_executable", lambda: fake)
    assert run(parse(str(site))) == 1
    err = capsys.readouterr().err
    assert err == (
        f"dossier index: error: {site}: Pagefind failed on shard 0: "
        "Error: the index could not be written\n"
    )
    monkeypatch.setattr(indexer, "get_executable", lambda: None)
    assert run(parse(str(site))) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"dossier index: error: {site}: the Pagefind binary was not found")

"""Article page keys (`Page.key`): under `mkdocs serve`, a page whose key did not change
is not rendered again, so an equal key must mean equal blocks, and an edit must change
the key of every page it shows on."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_project
from dossier_core import build_pages, load_dossier

LAVROV = "articles/lavrov-to-meet-venezuelan-counterpart.md"


def article_pages(root: Path) -> dict[str, tuple[str, tuple[str, ...]]]:
    dossier = load_dossier(root)
    return {
        page.path: (page.key, page.blocks)
        for page in build_pages(dossier)
        if page.path.startswith("articles/") and page.key
    }


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = {
    "article title": ("dossier/" + LAVROV, "title: Lavrov to meet", "title: Lavrov will meet"),
    "article summary": ("dossier/" + LAVROV, "summary: ", "summary: Edited. "),
    "annotation note": ("dossier/" + LAVROV, "    note: >-\n", "    note: >-\n      Edited.\n"),
    "date note": ("dossier/" + LAVROV, "date_note: ", "date_note: Edited. "),
    "actor description": ("dossier/actors.yml", "description: >-", "description: >-\n    Edited."),
    # found in some texts only: the other pages keep their keys (and must be unchanged)
    "actor alias": ("dossier/actors.yml", "  aliases: []\n", "  aliases: [European]\n"),
}


@pytest.mark.parametrize("change", list(EDITS))
def test_equal_keys_mean_equal_blocks_and_edits_change_keys(tmp_path: Path, change: str) -> None:
    root = copy_project(tmp_path / "project")
    before = article_pages(root)
    assert len(before) == 5
    edit(root, *EDITS[change])
    after = article_pages(root)
    changed = {path for path in before if before[path][1] != after[path][1]}
    assert changed, f"{change}: no article page changed"
    for path, (key, blocks) in after.items():
        if key == before[path][0]:
            assert blocks == before[path][1], f"{change}: {path} changed under the same key"
    if change == "actor alias":  # Brussels' first alias: the pages of the others stay
        assert any(after[path][0] == before[path][0] for path in after), "every key changed"
    if change == "article title":
        # The title shows on the pages that list Lavrov's article as related.
        assert len(changed) > 1, changed

"""What the dossier adds to a site beside MkDocs' own files (the plugin's `outputs`),
and how an incremental rebuild puts the files beside the pages in place."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from dossier_core.pagekit import Page as DossierPage
from dossier_core.pagekit import seed_path
from dossier_core.styles import STYLESHEET_PATH


@dataclass
class SiteOutputs:
    """What the dossier adds to a site (DossierPlugin.outputs)."""

    pages: list[DossierPage]
    data_dir: Path
    data_files: list[str]
    css: str
    seeds: list[str]
    summary: tuple[int, int, int, int]  # articles, actors, sources, annotations


def replace_if_changed(target: Path, content: bytes) -> None:
    if target.is_file() and target.read_bytes() == content:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".dossier-tmp")
    temporary.write_bytes(content)
    os.replace(temporary, target)


def copy_tree(source: Path, target: Path) -> None:
    """Copy a folder, hard-linking the files where the file system allows (a search
    bundle is hundreds of MB at thousands of articles; links cost nothing)."""

    def link_or_copy(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, copy_function=link_or_copy)


def write_extras(made: SiteOutputs, site: Path, root: Path, seeds: list[str]) -> None:
    """The files beside the pages, after an incremental rebuild: data files, label
    stylesheet and seeds, each written only if it changed; seeds no longer used are
    removed."""
    for path in made.data_files:
        replace_if_changed(site / path, (made.data_dir / path).read_bytes())
    shutil.rmtree(made.data_dir, ignore_errors=True)
    replace_if_changed(site / STYLESHEET_PATH, made.css.encode("utf-8"))
    for seed in set(seeds) - set(made.seeds):
        (site / seed_path(seed)).unlink(missing_ok=True)
    for seed in made.seeds:
        replace_if_changed(site / seed_path(seed), (root / seed).read_bytes())

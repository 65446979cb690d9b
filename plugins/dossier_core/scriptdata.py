"""The files the site's scripts read, written beside the pages by every engine (the
MkDocs plugin, `dossier render` and the Zensical build): search/top/ (searchtop.py),
articles/index.json (articledata.py) and, where the panel is on, the annotate panel's
data (annotatedata.py)."""

from __future__ import annotations

from pathlib import Path

from .annotatedata import write_annotate_data
from .articledata import write_articles_data
from .dossier import Dossier
from .linking import DossierIndex
from .searchtop import write_top_files
from .settings import RenderSettings


def write_script_data(
    dossier: Dossier, index: DossierIndex, settings: RenderSettings, folder: Path,
    annotate: bool = False,
) -> list[str]:  # fmt: skip
    """Write them under `folder`; their paths, relative to it."""
    written = write_top_files(dossier, index, settings, folder)
    written += write_articles_data(dossier, index, settings, folder)
    if annotate:
        written.append(write_annotate_data(dossier, settings, folder))
    return written

"""dossier_core: the engine that turns a dossier folder into Markdown pages.

It imports nothing from MkDocs (a test enforces it): any engine that renders
Python-Markdown-compatible pages can publish what it produces.
"""

from __future__ import annotations

from .dossier import Dossier, load_dossier
from .linking import DossierIndex, build_index
from .matching import Matcher
from .model import Actor, Article, DossierError, Mention, Problem, Source, Span
from .pagekit import Page, seed_path
from .pages import build_pages
from .settings import RenderSettings

__all__ = [
    "Actor", "Article", "Dossier", "DossierError", "DossierIndex", "Matcher", "Mention",
    "Page", "Problem", "RenderSettings", "Source", "Span", "build_index", "build_pages",
    "load_dossier", "seed_path",
]  # fmt: skip

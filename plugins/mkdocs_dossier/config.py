"""Typed options of the `dossier` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class DossierConfig(Config):
    dossier_dir = opt.Type(str, default="dossier")
    """The dossier folder, relative to mkdocs.yml."""
    search = opt.Type(bool, default=True)
    """Index the built site with Pagefind (the site's search)."""

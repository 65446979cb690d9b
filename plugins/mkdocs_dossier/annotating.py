"""The annotate panel in a MkDocs site: its script and stylesheet added to the pages
where the plugin's `annotate` option turns it on, and kept out of the site elsewhere.

The panel itself is docs/javascripts/annotate*.js; its data (labels, actors,
narratives, article files) is dossier_core.annotatedata, written with the data files.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

log = get_plugin_logger(__name__)

SCRIPTS = (
    "javascripts/annotate-core.js",
    "javascripts/annotate-panel.js",
    "javascripts/annotate.js",
)
STYLESHEET = "stylesheets/annotate.css"


def panel_on(option: str, serving: bool) -> bool:
    """`serve` (the default): under `mkdocs serve` only; `always`: in builds too."""
    return option == "always" or (option == "serve" and serving)


def add_panel(config: MkDocsConfig) -> None:
    """The panel's stylesheet and scripts on every page (each once)."""
    missing = [path for path in (*SCRIPTS, STYLESHEET)
               if not (Path(config.docs_dir) / path).is_file()]  # fmt: skip
    if missing:
        log.warning("annotate panel: %s not in docs/ (set annotate: never to go "
                    "without it)", ", ".join(missing))  # fmt: skip
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    for script in SCRIPTS:
        if script not in config.extra_javascript:
            config.extra_javascript.append(script)


def leave_out_panel(files: Files) -> None:
    """The panel's files stay out of a site that does not use them."""
    for path in (*SCRIPTS, STYLESHEET):
        if (unused := files.get_file_from_path(path)) is not None:
            files.remove(unused)

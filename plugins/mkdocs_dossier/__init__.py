"""mkdocs_dossier: the thin MkDocs adapter around dossier_core (the `dossier` plugin)."""

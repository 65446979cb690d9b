"""The engine must not depend on MkDocs: the plugin is an adapter, not the product."""

from __future__ import annotations

import ast
import subprocess
import sys

from conftest import REPO

ENGINE = REPO / "plugins" / "dossier_core"


def test_engine_sources_import_no_mkdocs() -> None:
    offenders = []
    for path in sorted(ENGINE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.name}: {n}" for n in names if n.split(".")[0] in {"mkdocs", "material"}
            ]
    assert offenders == []
    assert len(list(ENGINE.glob("*.py"))) > 5  # the scan saw the engine


def test_engine_runs_without_loading_mkdocs() -> None:
    code = (
        "import sys, pathlib, dossier_core as d\n"
        f"dossier = d.load_dossier(pathlib.Path({str(REPO)!r}))\n"
        "pages = d.build_pages(dossier)\n"
        "assert pages and not dossier.problems, dossier.problems\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material'))\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr

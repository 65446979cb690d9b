"""The engine must not depend on MkDocs: the plugin is an adapter, not the product."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

ENGINE = REPO / "plugins" / "dossier_core"
SEARCH = REPO / "plugins" / "dossier_search"  # search: used by any engine, not only MkDocs


@pytest.mark.parametrize("package", [ENGINE, SEARCH], ids=["dossier_core", "dossier_search"])
def test_engine_sources_import_no_mkdocs(package: Path) -> None:
    offenders = []
    for path in sorted(package.glob("*.py")):
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
    assert len(list(package.glob("*.py"))) > 5  # the scan saw the package


def test_engine_runs_without_loading_mkdocs() -> None:
    run_without_mkdocs(
        "import pathlib, dossier_core as d\n"
        f"dossier = d.load_dossier(pathlib.Path({str(REPO)!r}))\n"
        "pages = d.build_pages(dossier)\n"
        "assert pages and not dossier.problems, dossier.problems\n"
    )


def run_without_mkdocs(code: str) -> None:
    """Run `code` in a fresh interpreter; fail if it loaded MkDocs or Material."""
    check = (
        "import sys\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material'))\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code + check], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_page_modules_do_not_import_each_other() -> None:
    """Page modules sit side by side: each depends on shared parts (parts, pagekit,
    listing, kinds, settings...) and the model, never on another page module; only
    pages.py, the orchestrator, imports them, and no shared module does."""
    from dossier_core.pages import PAGE_MODULES

    def imported(path) -> set[str]:
        """Engine modules a file imports: `from .x import`, `from . import x`,
        `from dossier_core.x import`, `import dossier_core.x`."""
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                module = node.module or ""
                if node.level == 1 and module:
                    names.add(module.split(".")[0])
                elif node.level == 1 or module == "dossier_core":
                    names.update(alias.name for alias in node.names)
                elif module.startswith("dossier_core."):
                    names.add(module.split(".")[1])
            elif isinstance(node, ast.Import):
                names.update(a.name.split(".")[1] for a in node.names
                             if a.name.startswith("dossier_core."))  # fmt: skip
        return names

    pages = set(PAGE_MODULES)
    assert all((ENGINE / f"{name}.py").is_file() for name in pages)
    sideways = []
    for path in sorted(ENGINE.glob("*.py")):
        if path.stem in {"pages", "__init__"}:
            continue
        # A page module imports no other page module (nor the orchestrator); any other
        # module may call build_pages, but takes no part of a page module.
        forbidden = pages | {"pages"} if path.stem in pages else pages
        wrong = imported(path) & forbidden - {path.stem}
        sideways += [f"{path.name} imports {name}" for name in sorted(wrong)]
    assert sideways == []
    assert pages <= imported(ENGINE / "pages.py")  # the scan reads relative imports


def test_search_package_loads_no_mkdocs_and_stays_small() -> None:
    """dossier_search (the indexer, the merge, `dossier index`) runs without MkDocs,
    and no module of it grows past 300 lines."""
    run_without_mkdocs("import dossier_search, dossier_search.cli, dossier_search.bundles\n")
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in SEARCH.glob("*.py")}
    assert sizes and max(sizes.values()) <= 300, sizes

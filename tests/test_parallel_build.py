"""Pages written in worker processes (mkdocs_dossier/parallel.py): the same site, byte
for byte, search bundles included, as one process writes; a failure in a worker fails
the build naming the page, and a warning logged there fails a strict build."""

from __future__ import annotations

import filecmp
import logging
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

import mkdocs_dossier.plugin as plugin_module
from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

import generate  # noqa: E402

ARTICLES = 50  # about 400 pages: above parallel.MIN_PAGES


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("parallel") / "dossier"
    generate.write(out, ARTICLES, seed=5, corpus=REPO.parent / "shared" / "corpora" / "ptc")
    text = (out / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - dossier:\n" in text
    for workers in (1, 2):
        option = f"  - dossier:\n      workers: {workers}\n"
        (out / f"mkdocs-{workers}.yml").write_text(text.replace("  - dossier:\n", option))
    return out


def build_site(project: Path, workers: int, site: str) -> Path:
    config = load_config(str(project / f"mkdocs-{workers}.yml"), site_dir=str(project / site))
    config.strict = True
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return project / site


def differences(one: Path, other: Path) -> list[str]:
    found: list[str] = []

    def walk(compare: filecmp.dircmp, where: str) -> None:
        found.extend(f"{where}{name}" for name in compare.left_only + compare.right_only)
        _, mismatch, errors = filecmp.cmpfiles(
            compare.left, compare.right, compare.common_files, shallow=False
        )
        found.extend(f"{where}{name}" for name in mismatch + errors)
        for name, sub in compare.subdirs.items():
            walk(sub, f"{where}{name}/")

    walk(filecmp.dircmp(one, other), "")
    return found


def test_two_workers_write_the_same_site_as_one(project: Path, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        one = build_site(project, 1, "site-1")
        two = build_site(project, 2, "site-2")
    assert "pages written in one process: plugin option workers: 1" in caplog.text
    assert "in 2 worker processes" in caplog.text
    pages = list(two.rglob("*.html"))
    assert len(pages) > 200
    assert list((two / "pagefind").rglob("*.pf_fragment"))  # the search bundle is compared too
    assert differences(one, two) == []


def test_a_failure_in_a_worker_fails_the_build_naming_the_page(
    project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    post_page = plugin_module.DossierPlugin.on_post_page

    def failing(self, output: str, *, page, config) -> str:
        if page.file.src_uri == "articles/a00042.md":
            raise ValueError("a block that cannot be filled")
        return post_page(self, output, page=page, config=config)

    monkeypatch.setattr(plugin_module.DossierPlugin, "on_post_page", failing)
    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(Abort):
        build_site(project, 2, "site-failing")
    message = "Error building page 'articles/a00042.md' (in a worker process): ValueError: a block"
    assert message in caplog.text


def test_a_warning_logged_in_a_worker_fails_a_strict_build(
    project: Path, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    post_page = plugin_module.DossierPlugin.on_post_page

    def warning(self, output: str, *, page, config) -> str:
        if page.file.src_uri == "articles/a00042.md":
            plugin_module.log.warning("logged while a page was written")
        return post_page(self, output, page=page, config=config)

    monkeypatch.setattr(plugin_module.DossierPlugin, "on_post_page", warning)
    with pytest.raises(Abort, match="warnings in strict mode"):
        build_site(project, 2, "site-warning")
    assert caplog.text.count("logged while a page was written") == 1

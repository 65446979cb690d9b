"""Shared fixtures: the repository root, ../shared, and small throw-away dossiers."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the expected pages of tests/golden/*/expected after review",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


ACTORS = """\
juan-guaido:
  name: Juan Guaidó
  kind: person
  description: Venezuelan opposition leader.
  aliases: [Guaido, Guaydo]
nicolas-maduro:
  name: Nicolás Maduro
  kind: person
  description: President of Venezuela.
united-states:
  name: United States
  kind: country
  description: Country in North America.
  aliases: [US, U.S.]
us-government:
  name: Government of the United States
  kind: institution
  description: The US federal government.
  metonyms: [Washington]
"""

SOURCES = """\
tass:
  name: TASS
  type: state-owned news agency
  labels:
    - label: state-affiliated media
      basis: Owned by the Russian state.
      citation: {title: TASS, url: "https://en.wikipedia.org/wiki/TASS"}
      as_of: 2026-11-22
unknown:
  name: Unknown outlet
  type: unknown
"""


def article_text(article_id: str, body: str, **fields: str) -> str:
    front = {"id": article_id, "title": fields.pop("title", "A title"), "outlet": "tass"}
    front.update(fields)
    lines = "".join(f"{k}: {v}\n" for k, v in front.items())
    return f"---\n{lines}---\n\n{textwrap.dedent(body).strip()}\n"


@pytest.fixture
def make_dossier(tmp_path: Path):
    """Write a small dossier under tmp_path; returns the project root."""

    def make(articles: dict[str, str], actors: str = ACTORS, sources: str = SOURCES) -> Path:
        base = tmp_path / "dossier"
        (base / "articles").mkdir(parents=True, exist_ok=True)
        (base / "actors.yml").write_text(actors, encoding="utf-8")
        (base / "sources.yml").write_text(sources, encoding="utf-8")
        for name, text in articles.items():
            (base / "articles" / f"{name}.md").write_text(text, encoding="utf-8")
        return tmp_path

    return make


CHROMIUM = "/usr/bin/chromium"
# A browser test outside test_browser.py: skipped where Debian's Chromium is absent,
# except in CI (CI=true), where .ci/run installs it and its absence is a failure.
needs_chromium = pytest.mark.skipif(
    not os.path.exists(CHROMIUM) and os.environ.get("CI") != "true",
    reason=f"browser tests need Debian's Chromium at {CHROMIUM}",
)


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled project built once per session with `mkdocs build --strict` (from a
    copy: other work may edit the repository while the tests run); the site folder.
    Read it, never write to it: every module that asks for it shares it."""
    project = copy_project(tmp_path_factory.mktemp("bundled-project"))
    out = tmp_path_factory.mktemp("bundled-site")
    result = mkdocs_build(out, cwd=project)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return out


@pytest.fixture(scope="session")
def bundled_site_url(bundled_site: Path) -> Iterator[str]:
    """`bundled_site` served on 127.0.0.1; its base URL, ending in "/"."""
    from sitecheck import serving

    with serving(bundled_site) as url:
        yield url


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """Debian's Chromium in Playwright (sitecheck.launched_chromium: skipped where it is
    absent, except in CI). Module-scoped, not session-scoped: Playwright's sync API
    refuses to start while another instance runs, and other modules start their own."""
    from sitecheck import launched_chromium

    with launched_chromium() as browser:
        yield browser


def import_project(root: Path) -> Path:
    """An empty project to import into: dossier/articles/, actors.yml, sources.yml."""
    (root / "dossier" / "articles").mkdir(parents=True)
    (root / "dossier" / "actors.yml").write_text(ACTORS, encoding="utf-8")
    (root / "dossier" / "sources.yml").write_text(SOURCES, encoding="utf-8")
    return root


def tree(root: Path) -> dict[str, str]:
    """Every file (and folder) under root with the sha256 of its bytes: two equal trees
    mean nothing was written, moved or removed."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        if p.is_file()
        else "dir"
        for p in sorted(root.rglob("*"))
    }


def front_matter(path: Path) -> dict:
    """The front matter of an article file, as plain YAML."""
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


@pytest.fixture
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests go straight to 127.0.0.1, never through a proxy of the environment."""
    for scheme in ("http", "https", "all"):
        monkeypatch.delenv(f"{scheme}_proxy", raising=False)
        monkeypatch.delenv(f"{scheme.upper()}_PROXY", raising=False)


def mkdocs_build(
    out: Path, cwd: Path = REPO, strict: bool = True, hash_seed: str | None = None
) -> subprocess.CompletedProcess:
    """A real `mkdocs build` (strict by default) of the project in `cwd` into `out`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if hash_seed is not None:
        env["PYTHONHASHSEED"] = hash_seed
    command = [sys.executable, "-m", "mkdocs", "build", "-d", str(out)]
    command += ["--strict"] if strict else []
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=600)


def copy_project(target: Path) -> Path:
    """A copy of the repository's site inputs (docs, dossier, seeds, mkdocs.yml)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ["docs", "dossier", "seeds"]:
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


def set_plugin_option(project: Path, name: str, value: object) -> None:
    """Set an option of the `dossier` plugin in a project's mkdocs.yml."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - dossier:\n" in text, "mkdocs.yml lists no dossier plugin"
    config.write_text(
        text.replace("  - dossier:\n", f"  - dossier:\n      {name}: {value}\n", 1),
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def site_markdown() -> markdown.Markdown:
    """Python-Markdown configured exactly as mkdocs.yml configures the site."""
    from mkdocs.config import load_config

    config = load_config(str(REPO / "mkdocs.yml"))
    return markdown.Markdown(
        extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"]
    )

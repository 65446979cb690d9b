"""Building the site with Zensical, which reads mkdocs.yml but runs none of its plugins.

What the `dossier` plugin does inside MkDocs is done here around the Zensical build:

1. the dossier is loaded and checked; a problem stops the build (as --strict does);
2. a temporary project is made: a copy of the docs folder, the generated pages, the
   label stylesheet and the seeds (sitebuild.render_site);
3. its configuration inherits mkdocs.yml (Zensical's INHERIT, so Zensical reads every
   setting and YAML tag itself): docs and site folders in the temporary project, the
   theme's custom_dir kept, the label stylesheet added, Zensical's own search off;
4. `zensical build --strict`: a broken link or anchor in the Markdown stops it;
5. the HTML blocks (article text, notes, listings) are put into the built pages in
   place of their placeholders, as the plugin does at on_post_page: Markdown never
   parses them (Zensical's own build is about 6 times faster than with complete
   pages) and they are the very blocks MkDocs publishes, final URLs included;
6. Pagefind indexes the site (dossier_search.index_site, the plugin's flags, shards
   and bundles), which then replaces the output folder whole (no stale page survives).

Zensical rewrites every relative href and src in raw HTML as if written in the page's
source file (with directory URLs, `../actors/x/` in articles/a.md becomes
`../../actors/x/`): the raw HTML it does see (outside the blocks) is made in the
"source" link style, relative to the source file and naming .md files, which it turns
into the page's URLs and checks. `blocks_after=False` gives it complete pages in that
style instead (what `dossier render --links source` writes), for comparison.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from dossier_search import SearchIndexError, index_site
from dossier_search.tempdirs import make_temp

from .atomicwrite import write_atomic
from .cli_common import error
from .pagekit import BLOCK, Page, fill_blocks
from .settings import RenderSettings
from .sitebuild import data_options, load_checked, read_config, render_site, site_refusal
from .styles import STYLESHEET_PATH

TEMP_PREFIX = "dossier-zensical-"


def build_with_zensical(
    root: Path, dossier_dir: str, config: Path, site: Path, *, blocks_after: bool = True
) -> int:
    """Build the site with Zensical into `site` (replaced whole); the exit status.

    blocks_after (the default): pages go to Zensical with a placeholder for each HTML
    block, as they go to MkDocs, and the blocks are put into the built pages: Markdown
    never parses them (Zensical's part then takes 3 s instead of 17.5 s at 500
    articles) and their links are final URLs: the very blocks MkDocs publishes.
    Otherwise complete pages go to Zensical, their links in the "source" style, which
    its rewriting turns into the same URLs."""
    settings_file = read_config(config)
    docs_dir = config.parent / str(settings_file.get("docs_dir") or "docs")
    refusal = site_refusal(site, root, docs_dir)
    if refusal:
        return error("build", refusal)
    loaded = load_checked(root, dossier_dir)
    if loaded[2]:
        for item in loaded[2]:
            print(item, file=sys.stderr)
        count = len(loaded[2])
        print(
            f"dossier build: {count} problem{'s' if count != 1 else ''} in the dossier: "
            "the site was not built",
            file=sys.stderr,
        )
        return 1
    settings = RenderSettings(
        directory_urls=settings_file.get("use_directory_urls") is not False,
        links="source",  # the blocks put in afterwards are made with final URLs
    )
    work = make_temp(TEMP_PREFIX)  # those of killed builds are removed first
    try:
        docs = work / "docs"
        shutil.copytree(docs_dir, docs)
        rendered = render_site(
            root, dossier_dir, docs, settings, loaded=loaded, manifest=False,
            complete=not blocks_after, data=data_options(config),
        )  # fmt: skip
        (work / "mkdocs.yml").write_text(
            yaml.safe_dump(derived_config(config, settings_file), sort_keys=False),
            encoding="utf-8",
        )
        code = run_zensical(work)
        built = work / "site"
        if code != 0 or not (built / "index.html").is_file():
            print(f"dossier build: zensical failed (exit status {code})", file=sys.stderr)
            return code or 1
        missing = fill_blocks_built(built, rendered.unfilled, settings)
        if missing:
            print(f"dossier build: zensical dropped the blocks of {missing}", file=sys.stderr)
            return 1
        try:
            searched = index_site(built, log=lambda m: print(m, file=sys.stderr))
        except SearchIndexError as failure:
            print(f"dossier build: search index: {failure}", file=sys.stderr)
            return 1
        _replace(site, built)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"dossier build: {rendered.pages} generated pages, {searched} pages searchable -> {site}",
        file=sys.stderr,
    )
    return 0


def fill_blocks_built(site: Path, pages: list[Page], settings: RenderSettings) -> list[str]:
    """Put each page's HTML blocks in place of their placeholders in the built page
    (as the MkDocs plugin does at on_post_page); the pages whose placeholders were not
    all found (none, unless a Zensical release drops HTML comments)."""
    missing = []
    for page in pages:
        url = settings.page_url(page.path)
        target = site / (url + "index.html" if url.endswith("/") or not url else url)
        text = target.read_text(encoding="utf-8") if target.is_file() else ""
        blocks = page.blocks
        if not all(BLOCK.format(number) in text for number in range(len(blocks))):
            missing.append(page.path)
            continue
        write_atomic(target, fill_blocks(text, blocks))
    return missing


def run_zensical(project: Path) -> int:
    """`zensical build --strict` in the temporary project; its report is passed on,
    without the Python traceback it prints when --strict aborts (its last line says
    why)."""
    command = [sys.executable, "-m", "zensical", "build", "--strict", "-f", "mkdocs.yml"]
    try:
        result = subprocess.run(
            command, cwd=project, check=False, capture_output=True, text=True, errors="replace"
        )
    except OSError as failure:
        print(f"dossier build: error: zensical: {failure}", file=sys.stderr)
        return 1
    for stream, text in ((sys.stdout, result.stdout), (sys.stderr, result.stderr)):
        report, traceback, rest = text.partition("Traceback (most recent call last):")
        lines = rest.strip().splitlines()
        stream.write(report + (lines[-1] + "\n" if traceback and lines else ""))
    return result.returncode


def derived_config(config: Path, settings: dict[str, Any]) -> dict[str, Any]:
    """The temporary project's configuration: mkdocs.yml inherited (so every setting and
    YAML tag of it is read by Zensical itself), with what differs put over it. Zensical
    merges lists by appending and mappings key by key."""
    derived: dict[str, Any] = {"INHERIT": str(config), "docs_dir": "docs", "site_dir": "site"}
    theme = settings.get("theme")
    if isinstance(theme, str):
        derived["theme"] = {"name": theme}
    elif isinstance(theme, dict) and theme.get("custom_dir"):
        derived["theme"] = {"custom_dir": str((config.parent / theme["custom_dir"]).resolve())}
    derived["plugins"] = [{"search": {"enabled": False}}]  # the dossier's is Pagefind
    if STYLESHEET_PATH not in (settings.get("extra_css") or []):
        derived["extra_css"] = [STYLESHEET_PATH]
    return derived


def _replace(site: Path, built: Path) -> None:
    """Put the built site at `site`, emptied first (a rename when on one file system)."""
    if site.exists():
        shutil.rmtree(site)
    site.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(built), str(site))

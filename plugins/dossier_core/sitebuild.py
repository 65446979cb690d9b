"""`dossier build --engine mkdocs|properdocs|zensical`: one dossier, three site engines.

- mkdocs, properdocs: the engine's own `build --strict`; the `dossier` plugin does
  everything (ProperDocs is a drop-in fork of MkDocs 1.x that runs the same plugin).
- zensical: Zensical reads mkdocs.yml but drops every plugin it does not know, ours
  included, so the dossier is rendered here first (zensicalsite.py): the pages, the
  label stylesheet and the seeds, into a temporary copy of the docs folder; Zensical
  builds it, the HTML blocks are put in, and Pagefind indexes the result.

`render_site` also serves `dossier render --out DIR` (cli_build.py holds both command
entries). Every engine runs as a subprocess of this interpreter (`python -m ENGINE`):
nothing here imports one.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from .atomicwrite import write_atomic, write_atomic_bytes
from .cli_common import error
from .datafiles import DataOptions, base_url, write_data_files
from .datapage import data_page
from .dossier import Dossier, load_dossier
from .linking import DossierIndex, build_index
from .model import Problem
from .pagekit import Page, seed_path
from .pages import build_pages
from .scriptdata import write_script_data
from .settings import RenderSettings
from .styles import STYLESHEET_PATH, label_stylesheet

ENGINES = ("mkdocs", "properdocs", "zensical")
# In an output folder of `dossier render`: the files the last render wrote, so that the
# next one removes those it no longer writes (and never a file it did not write).
MANIFEST = ".dossier-render.json"


@dataclass
class Rendered:
    """What `render_site` wrote (paths relative to the output folder)."""

    pages: int = 0
    files: list[str] = field(default_factory=list)
    unfilled: list[Page] = field(default_factory=list)  # complete=False: blocks to put in
    removed: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    data: list[str] = field(default_factory=list)  # the data files (not in `files`)


def load_checked(root: Path, dossier_dir: str) -> tuple[Dossier, DossierIndex, list[Problem]]:
    """The dossier, its index and every problem in them (what `dossier check` lists)."""
    dossier = load_dossier(root, dossier_dir)
    index = build_index(dossier)
    return dossier, index, dossier.problems + index.problems


def render_site(
    root: Path,
    dossier_dir: str,
    out: Path,
    settings: RenderSettings,
    *,
    loaded: tuple[Dossier, DossierIndex, list[Problem]] | None = None,
    manifest: bool = True,
    complete: bool = True,
    data: DataOptions | None = None,
) -> Rendered:
    """Write everything an engine without our plugin needs into `out`: every generated
    page complete (`Page.text`: its blocks in place), the label stylesheet and the
    seeds (at `seed_path`). Files the previous render into `out` wrote and this one
    did not are removed (listed in `out/.dossier-render.json`); other files in `out`
    are never touched. Problems are returned, not printed; the pages are written all
    the same (as MkDocs does without --strict).

    With complete=False a page is written with a placeholder for each block
    (`Page.markdown`, in the settings' link style) and the pages that have blocks are
    returned (`unfilled`, made in the "page" link style: final URLs) for the blocks to
    be put into the built HTML. Making the pages twice costs little: their blocks are
    rendered only when asked for.

    The data files (datafiles.py) are written under data/ too, and the data page with
    them; `data` defaults to the options of root/mkdocs.yml (data_options)."""
    dossier, index, problems = loaded or load_checked(root, dossier_dir)
    result = Rendered(problems=list(problems))
    out.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    data = data or data_options(root / "mkdocs.yml")
    written_data = write_data_files(dossier, index, data, out)
    result.data = [item.path for item in written_data.files]
    made = [
        *build_pages(dossier, index, settings),
        data_page(dossier, written_data, data, settings),
    ]
    final = made
    if not complete:
        page_links = replace(settings, links="page")
        final = [
            *build_pages(dossier, index, page_links),
            data_page(dossier, written_data, data, page_links),
        ]
    for page, filled in zip(made, final, strict=True):
        _write(out / page.path, page.text if complete else page.markdown)
        written.append(page.path)
        if not complete and filled.has_blocks:
            result.unfilled.append(filled)
    result.pages = len(written)
    _write(out / STYLESHEET_PATH, label_stylesheet(dossier.registry.labels.values()))
    written.append(STYLESHEET_PATH)
    written += write_script_data(dossier, index, settings, out)  # search/top/, articles/
    for seed in sorted({a.seed for a in dossier.articles if a.seed}):
        target = out / seed_path(seed)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic_bytes(target, (root / seed).read_bytes())
        written.append(seed_path(seed))
    result.files = written
    if manifest:
        every = sorted(written + result.data)
        result.removed = _remove_stale(out, set(every))
        write_atomic(out / MANIFEST, json.dumps(every, indent=0) + "\n")
    return result


def _write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, text)


def _remove_stale(out: Path, written: set[str]) -> list[str]:
    """Remove the files the last render wrote that this one did not (and the folders
    left empty by that); the paths removed."""
    try:
        before = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    removed = []
    for name in sorted(set(map(str, before)) - written):
        target = (out / name).resolve()
        if not target.is_relative_to(out.resolve()) or not target.is_file():
            continue  # a manifest edited by hand never reaches outside the folder
        target.unlink()
        removed.append(name)
        folder = target.parent
        while folder != out.resolve() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return removed


# -- `dossier build` ----------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="mkdocs",
        help="the site engine (default: mkdocs)",
    )
    parser.add_argument(
        "-f",
        "--config-file",
        type=Path,
        default=Path("mkdocs.yml"),
        metavar="FILE",
        help="the site configuration, relative to the project (default: mkdocs.yml)",
    )
    parser.add_argument(
        "-d",
        "--site-dir",
        type=Path,
        metavar="DIR",
        help="where the site is written (default: the configuration's site_dir, else "
        "site/); emptied first",
    )


def run(args: argparse.Namespace) -> int:
    root = Path(getattr(args, "root", None) or Path.cwd()).resolve()
    config = (root / args.config_file).resolve()
    if not config.is_file():
        return error("build", f"no configuration file {config}")
    if importlib.util.find_spec(args.engine) is None:
        return error("build", f"{args.engine} is not installed (pip install {args.engine})")
    site = site_dir(config, args.site_dir, root)
    docs = config.parent / str(read_config(config).get("docs_dir") or "docs")
    refusal = site_refusal(site, config.parent, docs)
    if refusal:
        return error("build", refusal)
    if args.engine in ("mkdocs", "properdocs"):
        command = [sys.executable, "-m", args.engine, "build", "--strict", "-f", str(config)]
        return _run(command + ["-d", str(site)], root)
    from .zensicalsite import build_with_zensical

    # As the plugin does under MkDocs: the project is the configuration's folder, and
    # the dossier the plugin's dossier_dir (else the command's --dossier-dir).
    dossier_dir = plugin_option(config, "dossier_dir") or getattr(args, "dossier_dir", None)
    return build_with_zensical(config.parent, str(dossier_dir or "dossier"), config, site)


def site_dir(config: Path, chosen: Path | None, root: Path) -> Path:
    if chosen is not None:
        return (root / chosen).resolve()
    return (config.parent / str(read_config(config).get("site_dir") or "site")).resolve()


def site_refusal(site: Path, root: Path, docs: Path) -> str | None:
    """Why a build must not write `site`, or None. Every engine empties the site folder
    first, so it must be missing, empty or a site an engine built (index.html and
    404.html), and hold neither the project, the temporary folder nor the home folder."""
    site = site.resolve()
    kept = [root, docs, Path(tempfile.gettempdir()), Path.home()]
    for folder in (path.resolve() for path in kept):
        if folder.is_relative_to(site):
            return f"--site-dir {site}: it is or holds {folder}; name a folder of its own"
    if site.is_relative_to(docs.resolve()):
        return f"--site-dir {site}: it is inside the docs folder {docs}"
    if site.exists() and not site.is_dir():
        return f"--site-dir {site}: is a file; name a folder"
    built = (site / "index.html").is_file() and (site / "404.html").is_file()
    if site.is_dir() and not built and any(site.iterdir()):
        return (
            f"--site-dir {site}: not empty and not a built site (no index.html and "
            "404.html), and a build would empty it; name a new or empty folder"
        )
    return None


def _run(command: list[str], cwd: Path) -> int:
    try:
        return subprocess.run(command, cwd=cwd, check=False).returncode
    except OSError as error:
        print(f"dossier build: error: {command[2]}: {error}", file=sys.stderr)
        return 1


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for a few plain settings: tags (!ENV, !!python/name:...) read
    as None rather than refused; the engines read the file themselves."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(config: Path) -> dict[str, Any]:
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506
    return data if isinstance(data, dict) else {}


def data_options(config: Path) -> DataOptions:
    """The data files' options from mkdocs.yml (none when there is no such file): the
    W3C base from site_url, the licence from the plugin's data_licence, as the plugin
    reads them under MkDocs."""
    if not config.is_file():
        return DataOptions()
    licence = plugin_option(config, "data_licence")
    site_url = read_config(config).get("site_url")
    return DataOptions(base_url(site_url), licence if isinstance(licence, str) else None)


def plugin_option(config: Path, option: str, plugin: str = "dossier") -> Any:
    """An option of a plugin in mkdocs.yml (a list of names or mappings, or a mapping)."""
    plugins = read_config(config).get("plugins") or []
    entries = (
        plugins.items()
        if isinstance(plugins, dict)
        else (
            next(iter(p.items())) if isinstance(p, dict) and len(p) == 1 else (p, None)
            for p in plugins
        )
    )
    for name, options in entries:
        if name == plugin and isinstance(options, dict):
            return options.get(option)
    return None

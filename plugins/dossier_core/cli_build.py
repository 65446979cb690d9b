"""The `dossier build` and `dossier render` commands (their engine is sitebuild.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .cli_common import Command, error, os_reason
from .settings import RenderSettings
from .sitebuild import MANIFEST, add_arguments, read_config, render_site, run
from .styles import STYLESHEET_PATH

BUILD_DESCRIPTION = """\
Build the site with one of three engines, strictly: a problem in the dossier or a
broken link stops the build, and the site folder is replaced whole.

  dossier build                       MkDocs: mkdocs build --strict (the dossier plugin)
  dossier build --engine properdocs   ProperDocs, MkDocs' drop-in fork: the same plugin
  dossier build --engine zensical     Zensical: the pages rendered here, zensical
                                      build --strict, the HTML blocks put in, Pagefind

Each engine reads mkdocs.yml (or -f FILE); pip install properdocs / zensical.
Exit status: 0 built; 1 not built (problems in the dossier, or the engine failed);
2 nothing done (no configuration file, engine not installed, unusable --site-dir).
"""


BUILD = Command(
    name="build",
    help="build the site with mkdocs (default), properdocs or zensical, strictly",
    description=BUILD_DESCRIPTION,
    add_arguments=add_arguments,
    run=run,
    raw_description=True,
)


def add_render_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="DIR",
        help="the folder to write into (created when missing); the files the last "
        "render wrote there and this one does not are removed, other files left alone",
    )
    parser.add_argument(
        "--links",
        choices=["page", "source"],
        default="page",
        help="raw-HTML links relative to each page's URL (page, default: for engines "
        "that keep raw HTML as written) or to its source file (source: for Zensical, "
        "which rewrites them)",
    )


def run_render(args: argparse.Namespace) -> int:
    """`dossier render --out DIR`: every page complete, the label stylesheet and the
    seeds; use_directory_urls is read from the project's mkdocs.yml when it has one."""
    out: Path = args.out
    if out.exists() and not out.is_dir():
        return error("render", f"--out {out}: is a file; name a folder")
    config = args.root / "mkdocs.yml"
    flat = config.is_file() and read_config(config).get("use_directory_urls") is False
    settings = RenderSettings(directory_urls=not flat, links=args.links)
    try:
        rendered = render_site(args.root, args.dossier_dir, out, settings)
    except OSError as failure:
        return error("render", f"--out {out}: {failure.filename or out}: {os_reason(failure)}")
    for problem in rendered.problems:
        print(problem, file=sys.stderr)
    removed = f", {len(rendered.removed)} stale files removed" if rendered.removed else ""
    print(
        f"{rendered.pages} pages, {len(rendered.files) - rendered.pages - 1} seeds and the "
        f"label stylesheet -> {out}{removed}",
        file=sys.stderr,
    )
    return 1 if rendered.problems else 0


RENDER = Command(
    name="render",
    help="write the generated pages, label stylesheet and seeds to a folder (another engine)",
    description="Write every generated page (articles, actors, outlets, labels, indexes) "
    "complete, as Markdown with its HTML blocks, the label stylesheet "
    f"({STYLESHEET_PATH}) and the seeds (seeds/) into --out, for an engine without the "
    "dossier plugin; files an earlier render wrote there and this one does not are "
    f"removed (they are listed in {MANIFEST}). Exit status: 0 written; 1 written, but "
    "the dossier has problems; 2 --out is not usable.",
    add_arguments=add_render_arguments,
    run=run_render,
)


__all__ = ["BUILD", "RENDER"]

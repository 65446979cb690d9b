"""`dossier import`: files, web pages, bulk exports and PTC corpora -> new articles."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

from .bulkimport import import_export, parse_map
from .cli_common import ATTENTION, OK, USAGE, Command, error, os_reason
from .fetch import TIMEOUT
from .importer import import_files
from .newarticle import Outcome
from .ptcimport import import_ptc
from .urlimport import import_urls, read_url_list

DESCRIPTION = """\
Import files, web pages or bulk exports as new articles. Import never overwrites an
article: a seed already imported is reported `unchanged` (or `seed changed`).

  dossier import seeds/*.txt page.html        saved files (text, HTML, .gz)
  dossier import https://tass.com/world/1 ... web pages (fetched; http and https only)
  dossier import --urls links.txt             one address a line (# comments, blank lines)
  dossier import --format jsonl export.jsonl  bulk export: one article per record
  dossier import --format csv mc.csv --map text=body,published=publish_date
  dossier import --format ptc ARTICLES_DIR --labels LABELS_DIR

Web pages: the page is kept byte for byte as the seed (seeds/<host-path>_<sha256>.html
or .txt) and the article records `url` (the page's canonical address, else the address
after redirects), `fetched_url` and `fetched_at`. An address already in the dossier
(as url or fetched_url) is not fetched again; with --refetch it is, and a new article is
written only when the article text changed (the earlier article is left as it is).
A failed address writes nothing and is tried again on the next run; exit status 1.

Bulk exports (JSON Lines or CSV with a header): fields text (required), title, url,
published, outlet, language, author. Without --map a field is read from the column of
the same name or an alias: text: body, content, maintext, story_text, full_text;
title: headline; url: link; published: publish_date, date_publish, published_at,
pub_date; outlet: media_name, source_name; language: lang; author: authors, byline.
Two candidate columns for one field is an error: choose with --map. media_url or
source_domain (or the url's host) is matched with the domains of sources.yml; an
outlet name is slugged into an id. A published timestamp keeps its date
(2019-03-25 14:02:11 -> 2019-03-25). Each record is kept as its own seed
(seeds/<export>/<line>_<sha256>.json|.csv); a bad record is reported with FILE:LINE
and writes nothing, the others go in.

Exit status: 0 everything imported or already there; 1 something needs attention (an
input failed, or a seed changed since its import); 2 nothing was imported (a usage
error, or a named file or folder does not exist).
"""

SEED_CHANGED = (
    "{n} seed(s) changed since import; their articles were left as they are, and "
    "`dossier check` reports them until this is settled. Seeds are never edited: if the "
    "new bytes are a new version of the source, save them under another file name and "
    "import that (a new article); then restore each seed's original bytes (e.g. from "
    "version control)."
)


def add_arguments(imp: argparse.ArgumentParser) -> None:
    imp.add_argument(
        "sources",
        nargs="*",
        metavar="FILE_OR_URL",
        help="seed files and http(s) addresses; exports (--format jsonl|csv); "
        "a PTC articles folder (--format ptc)",
    )
    imp.add_argument(
        "--format",
        choices=["seeds", "jsonl", "csv", "ptc"],
        default="seeds",
        help="seeds (default: files and addresses), jsonl or csv exports, ptc",
    )
    imp.add_argument("--urls", type=Path, metavar="FILE", help="a file of addresses to fetch")
    imp.add_argument(
        "--refetch",
        action="store_true",
        help="fetch addresses already imported; a new article only if the text changed",
    )
    imp.add_argument(
        "--timeout",
        type=float,
        default=TIMEOUT,
        metavar="SECONDS",
        help=f"for each page, connecting and reading included (default: {TIMEOUT:g})",
    )
    imp.add_argument(
        "--map",
        metavar="FIELD=COLUMN,...",
        help="with --format jsonl|csv: the column (or key) each field is read from",
    )
    imp.add_argument(
        "--labels", type=Path, metavar="DIR", help="with --format ptc: the PTC labels folder"
    )


def run(args: argparse.Namespace) -> int:
    root, articles = args.root, args.root / args.dossier_dir / "articles"
    missing = _missing_inputs(args)
    if missing:
        for message in missing:
            error("import", message)
        return error("import", "nothing was imported")
    if args.format == "ptc":
        return _import_ptc(root, articles, args.sources, args.labels)
    if args.format in ("jsonl", "csv"):
        try:
            mapping = parse_map(args.map)
        except ValueError as problem:
            return error("import", str(problem))
        if not args.sources or args.urls or any(_is_address(s) for s in args.sources):
            message = f"--format {args.format} takes export files (no addresses, no --urls)"
            return error("import", message)
        outcomes = []
        for path in map(Path, args.sources):
            records = import_export(path, args.format, mapping, root, articles)
            outcomes += list(_progress(records, None, path.name, "record"))
        return report_outcomes(outcomes)
    if args.map:
        return error("import", "--map goes with --format jsonl or csv")
    if not args.sources and not args.urls:
        return error("import", "name files or addresses to import, or --urls FILE")
    urls = [s for s in args.sources if _is_address(s)]
    files = [Path(s) for s in args.sources if not _is_address(s)]
    outcomes = import_files(files, root, articles) if files else []
    if args.urls:
        listed, bad = read_url_list(args.urls)
        urls, outcomes = urls + listed, outcomes + bad
    if urls:
        fetched = import_urls(urls, root, articles, args.refetch, args.timeout)
        outcomes += list(_progress(fetched, len(urls), "fetching", "page"))
    return report_outcomes(outcomes)


def _missing_inputs(args: argparse.Namespace) -> list[str]:
    """A plain message for each named input file or folder that is not there."""
    wanted: list[tuple[str, Path, bool]] = []  # (how it was named, path, a folder?)
    folder = args.format == "ptc"
    wanted += [("", Path(s), folder) for s in args.sources if not _is_address(s)]
    if args.urls is not None:
        wanted.append(("--urls ", args.urls, False))
    if folder and args.labels is not None:
        wanted.append(("--labels ", args.labels, True))
    messages = []
    for option, path, is_folder in wanted:
        kind = "folder" if is_folder else "file"
        if not path.exists():
            messages.append(
                f"{option}{path}: no such {kind} (looked for {path.absolute()}); "
                "check the name, or run the command from the folder it is in"
            )
        elif is_folder and not path.is_dir():
            messages.append(f"{option}{path}: is a file; name the {kind} that holds the files")
        elif not is_folder and path.is_dir():
            messages.append(f"{option}{path}: is a folder; name the files in it")
    return messages


def _is_address(text: str) -> bool:
    """http(s)://..., or any other scheme (file:, ftp:, data:...) that fetch will refuse;
    an existing file whose name has a colon stays a file."""
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]+:", text)) and not Path(text).exists()


def _progress(items: Iterable[Outcome], total: int | None, what: str, unit: str) -> Iterable:
    """A progress bar on stderr, only for a person at a terminal (not in CI, not piped)."""
    ci = os.environ.get("CI", "").lower() not in ("", "0", "false")
    quiet = ci or not sys.stderr.isatty()
    return tqdm(items, total=total, desc=what, unit=unit, file=sys.stderr, disable=quiet)


def report_outcomes(outcomes: list[Outcome], summary: TextIO | None = None) -> int:
    """Print one line per outcome (warnings indented under it) and a summary (on
    `summary`, default stdout); the exit status is 1 when any import failed or any seed
    changed since its import."""
    for outcome in outcomes:
        target = f" -> {outcome.article}" if outcome.article else ""
        stream = sys.stderr if outcome.status in ("failed", "seed changed") else sys.stdout
        print(f"{outcome.status:>12}  {outcome.seed}{target}", file=stream)
        for warning in outcome.warnings:
            print("              " + warning.replace("\n", "\n              "), file=stream)
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    print(
        ", ".join(f"{n} {status}" for status, n in counts.items()) or "nothing to import",
        file=summary or sys.stdout,
    )
    if counts.get("seed changed"):
        print(SEED_CHANGED.format(n=counts["seed changed"]), file=sys.stderr)
    return ATTENTION if counts.get("failed") or counts.get("seed changed") else OK


def _import_ptc(root: Path, articles: Path, folders: list[str], labels: Path | None) -> int:
    if len(folders) != 1 or labels is None:
        return error("import", "--format ptc takes one ARTICLES_DIR and --labels LABELS_DIR")
    try:
        outcomes = import_ptc(Path(folders[0]), labels, root, articles)
    except OSError as problem:
        where = f"{problem.filename}: " if problem.filename else ""
        return error("import", f"{where}{os_reason(problem)}", ATTENTION)
    except ValueError as problem:
        return error("import", str(problem), ATTENTION)
    return report_outcomes(outcomes, summary=sys.stderr)  # stdout: one line per article


COMMAND = Command(
    name="import",
    help="import files, web pages or exports as new articles (never overwrites)",
    description=DESCRIPTION,
    add_arguments=add_arguments,
    run=run,
    raw_description=True,
)
__all__ = ["COMMAND", "USAGE", "report_outcomes"]

"""The `dossier` command: import seeds, check the dossier, render pages to a folder."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from tqdm import tqdm

from . import export
from .atomicwrite import write_atomic
from .bulkimport import import_export, parse_map
from .dossier import load_dossier
from .export import FORMATS
from .fetch import TIMEOUT
from .importer import import_files
from .linking import build_index
from .newarticle import Outcome
from .pages import build_pages
from .ptcimport import import_ptc
from .urlimport import import_urls, read_url_list


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dossier", description=__doc__)
    parser.add_argument(
        "--root", type=Path, default=Path.cwd(), help="project folder (default: here)"
    )
    parser.add_argument(
        "--dossier-dir", default="dossier", help="dossier folder inside the project"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    _import_parser(commands)
    exp = commands.add_parser("export", help="write every annotation in one format")
    exp.add_argument("--format", choices=FORMATS, required=True)
    exp.add_argument("--out", type=Path, help="output file (default: standard output)")
    exp.add_argument("--base-url", default="urn:dossier:", help="w3c: base of the ids")
    commands.add_parser("check", help="report every problem of the dossier; exit 1 if any")
    render = commands.add_parser("render", help="write the generated Markdown pages to a folder")
    render.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "import":
        return _import(root, root / args.dossier_dir / "articles", args)
    if args.command == "export":
        return _export(root, args.dossier_dir, args.format, args.out, args.base_url)
    if args.command == "check":
        return _check(root, args.dossier_dir)
    return _render(root, args.dossier_dir, args.out)


IMPORT_HELP = """\
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
"""


def _import_parser(commands: argparse._SubParsersAction) -> None:
    imp = commands.add_parser(
        "import",
        help="import files, web pages or exports as new articles (never overwrites)",
        description=IMPORT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
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


def _import(root: Path, articles: Path, args: argparse.Namespace) -> int:
    if args.format == "ptc":
        return _import_ptc(root, articles, args.sources, args.labels)
    if args.format in ("jsonl", "csv"):
        try:
            mapping = parse_map(args.map)
        except ValueError as error:
            return _usage(str(error))
        if not args.sources or args.urls or any(_is_address(s) for s in args.sources):
            return _usage(f"--format {args.format} takes export files (no addresses, no --urls)")
        outcomes = []
        for path in map(Path, args.sources):
            records = import_export(path, args.format, mapping, root, articles)
            outcomes += list(_progress(records, None, path.name, "record"))
        return report_outcomes(outcomes)
    if args.map:
        return _usage("--map goes with --format jsonl or csv")
    if not args.sources and not args.urls:
        return _usage("name files or addresses to import, or --urls FILE")
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


def _is_address(text: str) -> bool:
    """http(s)://..., or any other scheme (file:, ftp:, data:...) that fetch will refuse;
    an existing file whose name has a colon stays a file."""
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]+:", text)) and not Path(text).exists()


def _progress(items: Iterable[Outcome], total: int | None, what: str, unit: str) -> Iterable:
    """A progress bar on stderr, only for a person at a terminal (not in CI, not piped)."""
    ci = os.environ.get("CI", "").lower() not in ("", "0", "false")
    quiet = ci or not sys.stderr.isatty()
    return tqdm(items, total=total, desc=what, unit=unit, file=sys.stderr, disable=quiet)


def _usage(message: str) -> int:
    print(f"dossier import: error: {message}", file=sys.stderr)
    return 2


def report_outcomes(outcomes: list[Outcome]) -> int:
    """Print one line per outcome (warnings indented under it) and a summary; the exit
    status is 1 when any import failed."""
    for outcome in outcomes:
        target = f" -> {outcome.article}" if outcome.article else ""
        stream = sys.stderr if outcome.status == "failed" else sys.stdout
        print(f"{outcome.status:>12}  {outcome.seed}{target}", file=stream)
        for warning in outcome.warnings:
            print("              " + warning.replace("\n", "\n              "), file=stream)
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    print(", ".join(f"{n} {status}" for status, n in counts.items()) or "nothing to import")
    if counts.get("seed changed"):
        print(
            f"{counts['seed changed']} seed(s) changed since import; their articles were left "
            "as they are. Review the differences by hand.",
            file=sys.stderr,
        )
    return 1 if counts.get("failed") else 0


def _import_ptc(root: Path, articles: Path, folders: list[str], labels: Path | None) -> int:
    if len(folders) != 1 or labels is None:
        print("error: --format ptc takes one ARTICLES_DIR and --labels LABELS_DIR", file=sys.stderr)
        return 2
    try:
        outcomes = import_ptc(Path(folders[0]), labels, root, articles)
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for outcome in outcomes:
        print(f"{outcome.status:>12}  {outcome.seed} -> {outcome.article}")
    return 0


def _export(root: Path, dossier_dir: str, fmt: str, out: Path | None, base_url: str) -> int:
    dossier = load_dossier(root, dossier_dir)
    index = build_index(dossier)
    problems = dossier.problems + index.problems
    for problem in problems:
        print(problem, file=sys.stderr)
    items = export.rows(dossier, index)
    if fmt == "jsonl":
        text = export.to_jsonl(items)
    elif fmt == "csv":
        text = export.to_csv(items)
    elif fmt == "w3c":
        text = json.dumps(export.to_w3c(dossier, items, base_url), ensure_ascii=False, indent=1)
    else:
        text, warnings = export.to_ptc(dossier, items)
        for warning in warnings:
            print(f"warning: {warning}", file=sys.stderr)
    if out is None:
        sys.stdout.write(text)
    else:
        write_atomic(out, text)
        print(f"{len(items)} annotations -> {out}", file=sys.stderr)
    return 1 if problems else 0


def _check(root: Path, dossier_dir: str) -> int:
    dossier = load_dossier(root, dossier_dir)
    problems = dossier.problems + build_index(dossier).problems
    for problem in problems:
        print(problem, file=sys.stderr)
    count = len(problems)
    print(
        f"{len(dossier.articles)} articles, {len(dossier.registry.actors)} actors, "
        f"{len(dossier.registry.sources)} sources: {count} problem{'s' if count != 1 else ''}"
    )
    return 1 if count else 0


def _render(root: Path, dossier_dir: str, out: Path) -> int:
    dossier = load_dossier(root, dossier_dir)
    index = build_index(dossier)
    problems = dossier.problems + index.problems
    for problem in problems:
        print(problem, file=sys.stderr)
    for page in build_pages(dossier, index):
        target = out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, page.text)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

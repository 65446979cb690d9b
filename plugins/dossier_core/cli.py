"""The `dossier` command: import seeds, check the dossier, render pages to a folder."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import export
from .dossier import load_dossier
from .export import FORMATS
from .importer import import_files
from .linking import build_index
from .newarticle import Outcome, write_atomic
from .pages import build_pages
from .ptcimport import import_ptc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dossier", description=__doc__)
    parser.add_argument(
        "--root", type=Path, default=Path.cwd(), help="project folder (default: here)"
    )
    parser.add_argument(
        "--dossier-dir", default="dossier", help="dossier folder inside the project"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    imp = commands.add_parser("import", help="import seed files as new articles (never overwrites)")
    imp.add_argument("seeds", nargs="+", type=Path, help="seed files, or a PTC articles folder")
    imp.add_argument("--format", choices=["seeds", "ptc"], default="seeds")
    imp.add_argument("--labels", type=Path, help="with --format ptc: the PTC labels folder")
    exp = commands.add_parser("export", help="write every annotation in one format")
    exp.add_argument("--format", choices=FORMATS, required=True)
    exp.add_argument("--out", type=Path, help="output file (default: standard output)")
    exp.add_argument("--base-url", default="urn:dossier:", help="w3c: base of the ids")
    commands.add_parser("check", help="report every problem of the dossier; exit 1 if any")
    render = commands.add_parser("render", help="write the generated Markdown pages to a folder")
    render.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "import" and args.format == "ptc":
        return _import_ptc(root, args.dossier_dir, args.seeds, args.labels)
    if args.command == "import":
        return _import(root, args.dossier_dir, args.seeds)
    if args.command == "export":
        return _export(root, args.dossier_dir, args.format, args.out, args.base_url)
    if args.command == "check":
        return _check(root, args.dossier_dir)
    return _render(root, args.dossier_dir, args.out)


def _import(root: Path, dossier_dir: str, seeds: list[Path]) -> int:
    outcomes = import_files(seeds, root, root / dossier_dir / "articles")
    return report_outcomes(outcomes)


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


def _import_ptc(root: Path, dossier_dir: str, folders: list[Path], labels: Path | None) -> int:
    if len(folders) != 1 or labels is None:
        print("error: --format ptc takes one ARTICLES_DIR and --labels LABELS_DIR", file=sys.stderr)
        return 2
    try:
        outcomes = import_ptc(folders[0], labels, root, root / dossier_dir / "articles")
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

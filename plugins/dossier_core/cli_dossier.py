"""`dossier check`, `dossier export` and `dossier render`: the dossier as it is."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from . import export
from .atomicwrite import write_atomic
from .cli_common import ATTENTION, OK, USAGE, Command, error, os_reason, output_folder_problem
from .cli_common import report as report_problems
from .dossier import Dossier, load_dossier
from .export import FORMATS
from .linking import DossierIndex, build_index


def _load(args: argparse.Namespace) -> tuple[Dossier, DossierIndex, int]:
    """The dossier, its index, and how many problems were reported (on stderr)."""
    dossier = load_dossier(args.root, args.dossier_dir)
    index = build_index(dossier)
    problems = dossier.problems + index.problems
    report_problems(problems)
    return dossier, index, len(problems)


def run_check(args: argparse.Namespace) -> int:
    dossier, _, count = _load(args)
    print(
        f"{len(dossier.articles)} articles, {len(dossier.registry.actors)} actors, "
        f"{len(dossier.registry.sources)} sources: {count} problem{'s' if count != 1 else ''}"
    )
    return ATTENTION if count else OK


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=FORMATS,
        required=True,
        help="jsonl or csv: one row per annotation; w3c: a W3C Web Annotation collection "
        "(JSON-LD); ptc: SemEval PTC TSV (propaganda techniques only)",
    )
    parser.add_argument(
        "--out", type=Path, metavar="FILE", help="output file (default: standard output)"
    )
    parser.add_argument(
        "--base-url",
        default="urn:dossier:",
        metavar="URL",
        help="w3c: the base of the annotation ids (default: urn:dossier:)",
    )


def run_export(args: argparse.Namespace) -> int:
    out: Path | None = args.out
    refusal = output_folder_problem(out) if out is not None else None
    if refusal:
        return error("export", refusal)
    dossier, index, count = _load(args)
    items = export.rows(dossier, index)
    attention = bool(count)
    summary = f"{len(items)} annotations"
    if args.format == "jsonl":
        text = export.to_jsonl(items)
    elif args.format == "csv":
        text = export.to_csv(items)
    elif args.format == "w3c":
        text = json.dumps(
            export.to_w3c(dossier, items, args.base_url), ensure_ascii=False, indent=1
        )
    else:
        ptc = export.to_ptc(dossier, items)
        text = ptc.text
        summary = _ptc_summary(len(items), ptc)
        attention = attention or bool(ptc.unmapped)
    target = "standard output" if out is None else str(out)
    if out is None:
        sys.stdout.write(text)
    else:
        try:
            write_atomic(out, text)
        except OSError as problem:
            message = f"--out {out}: cannot write it ({os_reason(problem)}); nothing was written"
            return error("export", message)
    first, *rest = summary.split("\n")
    print("\n".join([f"{first} -> {target}", *rest]), file=sys.stderr)
    return ATTENTION if attention else OK


def _ptc_summary(total: int, ptc: export.PtcExport) -> str:
    """What a PTC export wrote and what it left out, and why (counts per label)."""
    lines = [f"wrote {ptc.written} of {total} annotations as PTC spans"]
    if ptc.not_ptc:
        per_label = ", ".join(f"{label} {n}" for label, n in sorted(ptc.not_ptc.items()))
        lines.append(
            f"left out {sum(ptc.not_ptc.values())}: their labels are not PTC propaganda "
            f"techniques ({per_label}); use --format jsonl, csv or w3c for every label"
        )
    if ptc.unmapped:
        unmapped = Counter(label for label, _ in ptc.unmapped)
        counts = ", ".join(f"{label} {n}" for label, n in sorted(unmapped.items()))
        lines.append(
            f"left out {len(ptc.unmapped)}: their passages do not map onto the seed file "
            f"({counts}); see the warnings above"
        )
        for _, warning in ptc.unmapped:
            print(f"warning: {warning}", file=sys.stderr)
    return "\n".join(lines)


CHECK = Command(
    name="check",
    help="report every problem of the dossier; exit 1 if any",
    description="Read the whole dossier (actors.yml, sources.yml, labels.yml, every "
    "article, their seeds and annotations) and print every problem as FILE:LINE: message "
    "on stderr, then a count on stdout. Exit status: 0 no problem, 1 problems, 2 no "
    "dossier folder where it looked.",
    add_arguments=lambda parser: None,
    run=run_check,
)
EXPORT = Command(
    name="export",
    help="write every annotation in one format (jsonl, csv, w3c, ptc)",
    description="Write every anchored annotation of the dossier in one format, to --out "
    "or standard output; what was written (and, for ptc, what was left out and why) is "
    "said on stderr. Exit status: 0 written; 1 written, but the dossier has problems or "
    "some PTC annotations do not map onto their seed; 2 nothing written (bad --out).",
    add_arguments=add_export_arguments,
    run=run_export,
)
__all__ = ["CHECK", "EXPORT", "USAGE"]

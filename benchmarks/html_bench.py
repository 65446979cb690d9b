"""Extraction quality of HTML import on real news pages, against trafilatura's defaults.

Runs `dossier_core.htmlimport.read_page` (the code `dossier import page.html` uses)
and, in the same run, plain `trafilatura.extract(html)` over the pages of
`../shared/corpora/html` (read in place, never copied), and scores both against the
human-marked article bodies the way that corpus's README says: tokens are runs of `\\w`
(Unicode), each text a multiset of 4-token shingles; per page tp (shared shingles), fp
(extra) and fn (missed); precision and recall are means over pages (a page with
fp = fn = 0 counts 1 for both), F1 = 2PR/(P+R) of the means.

The body is compared, not the title: the corpus's article bodies leave the headline
out, and read_page's body leaves it out too (the title is a field of its own).

    python benchmarks/html_bench.py            # the table
    python benchmarks/html_bench.py --pages    # and the pages that lose most
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
CORPUS = ROOT.parent / "shared" / "corpora" / "html"
_TOKEN = re.compile(r"\w+")


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    """The multiset of `size`-token shingles of a text (tokens: runs of \\w)."""
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def page_scores(truth: str, got: str) -> tuple[float, float]:
    """(precision, recall) of one page's extracted text against the true body."""
    want, have = shingles(truth), shingles(got)
    tp = sum((want & have).values())
    fp = sum(have.values()) - tp
    fn = sum(want.values()) - tp
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    return (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)


def measure(
    extract: Callable[[bytes, str], str], pages: dict[str, bytes], truth: dict[str, str]
) -> dict[str, object]:
    """Mean precision, recall, F1 of the means, ms per page, and the per-page scores."""
    per_page: dict[str, tuple[float, float]] = {}
    seconds = 0.0
    for key, data in pages.items():
        start = time.perf_counter()
        text = extract(data, f"{key}.html")
        seconds += time.perf_counter() - start
        per_page[key] = page_scores(truth[key], text)
    precision = sum(p for p, _ in per_page.values()) / len(per_page)
    recall = sum(r for _, r in per_page.values()) / len(per_page)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "ms": 1000 * seconds / len(pages),
        "pages": per_page,
    }


def read_page_body(data: bytes, name: str) -> str:
    """The body read_page makes of a page ("" when it refuses the page)."""
    from dossier_core.htmlimport import read_page
    from dossier_core.importer import ImportFailure

    try:
        return read_page(data, name).body
    except ImportFailure:
        return ""


def trafilatura_defaults(data: bytes, name: str) -> str:
    """trafilatura.extract with its default options (the baseline)."""
    import trafilatura

    return trafilatura.extract(data) or ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--pages", action="store_true", help="list the pages that lose most")
    args = parser.parse_args(argv)
    if not (args.corpus / "ground-truth.json").is_file():
        print(f"no corpus at {args.corpus} (ground-truth.json); nothing to measure")
        return 0
    import trafilatura

    truth_file = json.loads((args.corpus / "ground-truth.json").read_text(encoding="utf-8"))
    truth = {key: item["articleBody"] for key, item in truth_file.items()}
    pages = {
        key: gzip.decompress((args.corpus / "pages" / f"{key}.html.gz").read_bytes())
        for key in sorted(truth)
    }
    # Warm both up (imports, trafilatura's and py3langid's lazy loading) before timing.
    first = next(iter(pages))
    read_page_body(pages[first], first)
    trafilatura_defaults(pages[first], first)
    ours = measure(read_page_body, pages, truth)
    base = measure(trafilatura_defaults, pages, truth)
    print(f"{len(pages)} pages of {args.corpus}\n")
    print("| extractor | F1 | precision | recall | ms/page |")
    print("|---|---:|---:|---:|---:|")
    for label, result in (
        ("read_page (import)", ours),
        (f"trafilatura {trafilatura.__version__} defaults", base),
    ):
        print(
            f"| {label} | {result['f1']:.3f} | {result['precision']:.3f} "
            f"| {result['recall']:.3f} | {result['ms']:.1f} |"
        )
    if args.pages:
        print("\n| page | P | R | baseline P | baseline R | url |")
        print("|---|---:|---:|---:|---:|---|")
        scores, baseline = ours["pages"], base["pages"]
        assert isinstance(scores, dict) and isinstance(baseline, dict)
        for key in sorted(scores, key=lambda k: sum(scores[k]))[:15]:
            (p, r), (bp, br) = scores[key], baseline[key]
            url = truth_file[key]["url"]
            print(f"| {key[:10]} | {p:.3f} | {r:.3f} | {bp:.3f} | {br:.3f} | {url} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

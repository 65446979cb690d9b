"""Overview benchmark: the overview page's size and what its stats and charts cost.

Usage: python benchmarks/overview_bench.py [N ...] [--work /tmp/overview-bench]
       [--seed 1] [--builds]

For each N (default 500 5000 20000) it generates a dossier with benchmarks/generate.py,
loads it and builds the index (not counted), then times, in this process:
`overview_stats` (the counting), and the overview page rendered whole (`page.text`:
every chart drawn by vl-convert, the network laid out by networkx). The first chart of
a process also starts vl-convert's JavaScript engine (about 0.5 s, once a build): that
start is timed on its own (a one-bar chart drawn first) and reported apart. The page
size is the Markdown with its HTML blocks, as the adapter gets it.

With `--builds`, also a full `mkdocs build` of the dossier (build_bench.timed_build), the
built overview/index.html's size, and the overview's share of the build: (stats + charts
+ engine start) / build time.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

from dossier_core import build_index, load_dossier  # noqa: E402
from dossier_core.charts import Category, time_chart  # noqa: E402
from dossier_core.dossierstats import overview_stats  # noqa: E402
from dossier_core.overviewpage import overview_page  # noqa: E402
from dossier_core.settings import DEFAULT  # noqa: E402

CORPUS = HERE.parent.parent / "shared" / "corpora" / "ptc"


def measure(n: int, work: Path, seed: int, builds: bool = False) -> dict:
    project = work / f"n{n}"
    if not (project / "dossier").is_dir():
        generate.write(project, n, seed, CORPUS if CORPUS.is_dir() else None)
    dossier = load_dossier(project)
    index = build_index(dossier)
    started = time.perf_counter()
    time_chart("warm-up", {("2019-01", "a"): 1}, [Category("a", "A")])
    engine_s = time.perf_counter() - started
    started = time.perf_counter()
    overview_stats(dossier, index)
    stats_s = time.perf_counter() - started
    started = time.perf_counter()
    text = overview_page(dossier, index, DEFAULT).text  # the stats again, and the charts
    page_s = time.perf_counter() - started
    row = {
        "n": n, "stats_s": stats_s, "charts_s": page_s - stats_s, "engine_s": engine_s,
        "page_kb": len(text.encode("utf-8")) / 1024, "build_s": 0.0, "html_kb": 0.0,
    }  # fmt: skip
    if builds:
        from build_bench import timed_build

        row["build_s"], _ = timed_build(project)
        html = project / "site" / "overview" / "index.html"
        row["html_kb"] = html.stat().st_size / 1024 if html.is_file() else 0.0
    return row


def table(rows: list[dict]) -> str:
    lines = [
        "| N | stats | charts | engine start | overview page KB (built HTML) | build | share |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        cost = r["stats_s"] + r["charts_s"] + r["engine_s"]
        build = f"{r['build_s']:.1f} s" if r["build_s"] else "–"
        share = f"{100 * cost / r['build_s']:.2f}%" if r["build_s"] else "–"
        built = f" ({r['html_kb']:.0f})" if r["html_kb"] else ""
        lines.append(
            f"| {r['n']:,} | {r['stats_s'] * 1000:.0f} ms | {r['charts_s'] * 1000:.0f} ms"
            f" | {r['engine_s'] * 1000:.0f} ms | {r['page_kb']:.0f}{built} | {build} | {share} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[500, 5000, 20000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/overview-bench"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--builds", action="store_true", help="also time a full mkdocs build")
    args = parser.parse_args()
    rows = []
    for n in args.sizes:
        rows.append(measure(n, args.work, args.seed, args.builds))
        print(table(rows[-1:]), flush=True)
    print(table(rows))


if __name__ == "__main__":
    main()

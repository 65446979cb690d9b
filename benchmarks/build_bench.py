"""Build benchmark: the dossier build against plain MkDocs + Material, same texts, same run.

Usage: python benchmarks/build_bench.py [N ...] [--work /tmp/dossier-bench] [--seed 1]
       [--search-shard-size K] [--workers W ...]

For each N (default 500 5000 20000), generates the corpus (benchmarks/generate.py),
then builds, one after the other on the same machine:
  - dossier: `mkdocs build` of the generated dossier (plugin, pages, annotations, Pagefind);
  - plain:   `mkdocs build` of the same article texts, one page each, out of the nav,
             Material with its defaults (its own search included), no plugin of ours.
Reports wall time and peak RSS (of the whole process tree), site size, seconds per article and the
average size of an article page, and the dossier/plain ratios, as a Markdown table.
With --workers, the dossier is built once per worker count (the plugin's `workers`
option: 1 writes the pages in MkDocs' process), beside one plain build, and a second
table gives each build's time, its ratio to the plain build and to 1 worker, and its
peak memory both as summed RSS and as summed PSS (proportional set size, from
/proc/PID/smaps_rollup: a page shared by forked workers counts once, split between
them; summed RSS counts it in every process that maps it).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import write  # noqa: E402


def timed_build(
    project: Path, command: list[str] | None = None, pss: list[float] | None = None
) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of `mkdocs build` (or `command`) in project; the
    peak summed PSS in MB is appended to `pss` when given.

    The RSS is the peak of the sum over the build's whole process tree, sampled every
    0.1 s: the MkDocs process and the Pagefind runs that overlap it count together
    (GNU time would report only the largest single process).
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # The log goes to a file: a full pipe would stall the build.
    with tempfile.TemporaryFile(mode="w+") as log:
        start = time.perf_counter()
        process = subprocess.Popen(
            command or [sys.executable, "-m", "mkdocs", "build", "-q"],
            cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        peak = peak_pss = 0
        while process.poll() is None:
            peak = max(peak, tree_rss_kb(process.pid))
            if pss is not None:
                peak_pss = max(peak_pss, tree_rss_kb(process.pid, proportional=True))
            time.sleep(0.1)
        wall = time.perf_counter() - start
        if process.returncode != 0:
            log.seek(0)
            raise SystemExit(f"build failed in {project}:\n{log.read()[-3000:]}")
    if pss is not None:
        pss.append(peak_pss / 1024)
    return wall, peak / 1024


def tree_rss_kb(root: int, proportional: bool = False) -> int:
    """Resident memory of a process and all its descendants, in KB (from /proc); with
    `proportional`, their PSS (each shared page divided among the processes mapping it)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat[stat.rindex(")") + 2 :].split()[1])
            children.setdefault(parent, []).append(int(entry))
    total, stack = 0, [root]
    page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
    while stack:
        pid = stack.pop()
        try:
            if proportional:
                total += pss_kb(pid)
            else:
                total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page_kb
        except (OSError, ValueError):
            pass
        stack.extend(children.get(pid, []))
    return total


def pss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def set_option(project: Path, option: str, value: int) -> None:
    """Set an option of the dossier plugin in the project's mkdocs.yml."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if f"      {option}: " in text:
        text = re.sub(rf"(?m)^      {option}: .*$", f"      {option}: {value}", text)
    else:
        assert "  - dossier:\n" in text, "the generated mkdocs.yml has no dossier plugin"
        text = text.replace("  - dossier:\n", f"  - dossier:\n      {option}: {value}\n")
    config.write_text(text, encoding="utf-8")


def site_size(site: Path) -> tuple[float, float, int]:
    """(site MB, average article page KB, number of HTML pages)."""
    files = [p for p in site.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    pages = list((site / "articles").glob("*/index.html"))
    per_page = sum(p.stat().st_size for p in pages) / max(1, len(pages))
    html_pages = sum(1 for p in files if p.suffix == ".html")
    return total / 1e6, per_page / 1e3, html_pages


def measure(
    n: int, work: Path, seed: int, shard_size: int | None = None, workers: list[int] | None = None
) -> dict:
    """One row; with `workers`, the dossier is built once per worker count, and
    row["workers"] has (workers, seconds, peak RSS, peak PSS) for each (the row's own
    dossier columns are then the last build's)."""
    project = work / f"n{n}"
    write(project, n, seed, HERE.parent.parent / "shared" / "corpora" / "ptc")
    if shard_size is not None:
        set_option(project, "search_shard_size", shard_size)
    runs = []
    for count in workers or []:
        set_option(project, "workers", count)
        pss: list[float] = []
        wall, rss = timed_build(project, pss=pss)
        runs.append((count, wall, rss, pss[0]))
        print(f"  n={n} workers={count}: {wall:.1f} s", file=sys.stderr, flush=True)
    if runs:
        _, dossier_wall, dossier_rss, _ = runs[-1]
    else:
        dossier_wall, dossier_rss = timed_build(project)
    plain_pss: list[float] = []
    plain_wall, plain_rss = timed_build(project / "plain", pss=plain_pss)
    dossier_mb, dossier_page, dossier_pages = site_size(project / "site")
    plain_mb, plain_page, plain_pages = site_size(project / "plain" / "site")
    return {
        "n": n, "dossier_s": dossier_wall, "plain_s": plain_wall,
        "ratio": dossier_wall / plain_wall, "s_per_article": dossier_wall / n,
        "dossier_rss": dossier_rss, "plain_rss": plain_rss,
        "dossier_mb": dossier_mb, "plain_mb": plain_mb,
        "dossier_page_kb": dossier_page, "plain_page_kb": plain_page,
        "dossier_pages": dossier_pages, "plain_pages": plain_pages,
        "workers": runs, "plain_pss": plain_pss[0],
    }  # fmt: skip


def workers_table(rows: list[dict]) -> str:
    """Each dossier build by worker count, against the plain build of the same run."""
    lines = [
        "| N | workers | dossier build | plain build | dossier / plain | 1 worker / this "
        "| peak RSS sum dossier / plain | peak PSS sum dossier / plain |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        one = next((wall for count, wall, _, _ in r["workers"] if count == 1), None)
        for count, wall, rss, pss in r["workers"]:
            speedup = f"{one / wall:.2f}" if one else ""
            lines.append(
                f"| {r['n']:,} | {count} | {wall:.1f} s | {r['plain_s']:.1f} s "
                f"| {wall / r['plain_s']:.2f} | {speedup} | {rss:.0f} / {r['plain_rss']:.0f} MB "
                f"| {pss:.0f} / {r['plain_pss']:.0f} MB |"
            )
    return "\n".join(lines)


def table(rows: list[dict]) -> str:
    lines = [
        "| N | dossier build | plain build | ratio | ms/article | peak RSS dossier / plain "
        "| site MB dossier / plain | article page KB dossier / plain | pages dossier / plain |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['n']:,} | {r['dossier_s']:.1f} s | {r['plain_s']:.1f} s | {r['ratio']:.2f} "
            f"| {1000 * r['s_per_article']:.2f} | {r['dossier_rss']:.0f} / {r['plain_rss']:.0f} MB "
            f"| {r['dossier_mb']:.0f} / {r['plain_mb']:.0f} "
            f"| {r['dossier_page_kb']:.1f} / {r['plain_page_kb']:.1f} "
            f"| {r['dossier_pages']:,} / {r['plain_pages']:,} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[500, 5000, 20000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/dossier-bench"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--search-shard-size",
        type=int,
        default=None,
        help="set the plugin's search_shard_size (default: the plugin's)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        nargs="+",
        default=None,
        help="build the dossier once per worker count (the plugin's workers option)",
    )
    args = parser.parse_args()
    rows = []
    for n in args.sizes:
        rows.append(measure(n, args.work, args.seed, args.search_shard_size, args.workers))
        print(table(rows[-1:]).splitlines()[-1], flush=True)
    print()
    print(table(rows))
    if args.workers:
        print()
        print(workers_table(rows))


if __name__ == "__main__":
    main()

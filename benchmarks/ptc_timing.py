"""Time importing and rendering the shared PTC sample (150 articles, 2,335 spans).

Usage: python benchmarks/ptc_timing.py [--corpus ../shared/corpora/ptc] [--runs 3]

Builds, in the same run and on the same machine:
  1. `dossier import --format ptc` of the corpus into a fresh project;
  2. `mkdocs build` of that project with the dossier plugin (pages, annotations, Pagefind);
  3. a plain MkDocs + Material build of the same 150 texts (one page each, no plugin,
     no nav entries, Material's own search) as the yardstick.
Reports the median wall time of each and the ratio of (2) to (3).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def dossier_project(root: Path) -> None:
    (root / "dossier").mkdir(parents=True)
    shutil.copy(REPO / "dossier" / "labels.yml", root / "dossier")
    (root / "dossier" / "sources.yml").write_text(
        "unknown:\n  name: Unknown outlet\n  type: unknown\n"
    )
    (root / "dossier" / "actors.yml").write_text((REPO / "dossier" / "actors.yml").read_text())
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")


def plain_project(root: Path, corpus: Path) -> None:
    docs = root / "docs" / "articles"
    docs.mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Plain\n")
    for path in sorted((corpus / "articles").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        title, _, body = text.partition("\n")
        (docs / f"{path.stem}.md").write_text(f"# {title}\n\n{body}\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Plain\ntheme:\n  name: material\n  font: false\nplugins: [search]\n"
        "nav: [index.md]\nvalidation: {nav: {omitted_files: ignore}}\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpora" / "ptc")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[float]] = {"import": [], "dossier build": [], "plain build": []}
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            root, plain = Path(tmp) / "dossier-site", Path(tmp) / "plain-site"
            dossier_project(root)
            plain_project(plain, args.corpus)
            results["import"].append(timed(
                [sys.executable, "-m", "dossier_core.cli", "--root", str(root), "import",
                 "--format", "ptc", str(args.corpus / "articles"), "--labels",
                 str(args.corpus / "labels")], root))  # fmt: skip
            results["dossier build"].append(timed([sys.executable, "-m", "mkdocs", "build"], root))
            results["plain build"].append(timed([sys.executable, "-m", "mkdocs", "build"], plain))
    medians = {name: statistics.median(values) for name, values in results.items()}
    for name, value in medians.items():
        print(f"{name:>14}: {value:6.2f} s  (runs: {', '.join(f'{v:.2f}' for v in results[name])})")
    ratio = medians["dossier build"] / medians["plain build"]
    print(f"{'ratio':>14}: {ratio:6.2f}  (dossier build / plain build)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Republication benchmark: what near-duplicate detection adds to the build.

Usage: python benchmarks/republish_bench.py [N ...] [--work /tmp/republish-bench]
       [--seed 1] [--builds [--repeat K]]

For each N (default 500 5000 20000) it generates a dossier with benchmarks/generate.py
(whose articles have words of their own: a third of the recombined paragraphs' words are
replaced, see its docstring), and adds 2% more articles that are republished variants of
others: another headline, outlet and a later date, one or two paragraphs cut (at most a
quarter of the words), a paragraph of another article added, and a line of boilerplate.

Then, in this process: load the dossier, build the index without detection and with it
(`build_index`, detection replaced by an empty result for the first), and detection on
its own; it reports the clusters found against the variants planted. With `--builds`,
also full `mkdocs build`s with and without detection (its pages included), alternated
`--repeat` times, the fastest of each kind kept.
Finally detection on the generator's recombined texts (`generate.py --recombined`, in
memory, no files), for the record: about 390 real paragraphs recombined make most
articles share whole paragraphs, and detection links nearly all into one cluster.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
from build_bench import timed_build  # noqa: E402

from dossier_core import build_index, linking, load_dossier  # noqa: E402
from dossier_core.model import Article  # noqa: E402
from dossier_core.republish import Republications, detect  # noqa: E402

CORPUS = HERE.parent.parent / "shared" / "corpora" / "ptc"
VARIANT_SHARE = 0.02
BOILERPLATE = "Subscribe to our newsletter and follow us on Telegram for the news they hide."
NO_DETECTION = (
    "import sys, dossier_core.linking as linking, dossier_core.republish as republish\n"
    "linking.detect = lambda articles, cache=None: republish.Republications()\n"
    "from mkdocs.__main__ import cli\nsys.argv = ['mkdocs', 'build', '-q']\ncli()\n"
)


def write_dossier(project: Path, n: int, seed: int) -> int:
    """The generated dossier (words of their own), plus the variants; returns how many."""
    generate.write(project, n, seed, CORPUS)
    folder = project / "dossier" / "articles"
    rng = random.Random(seed)
    bases = rng.sample(sorted(folder.glob("a*.md")), max(1, int(n * VARIANT_SHARE)))
    for number, path in enumerate(bases):
        front, body = read(path)
        donor = read(rng.choice(sorted(folder.glob("a*.md"))))[1].split("\n\n")
        paragraphs = body.split("\n\n")
        words = len(body.split())
        for _ in range(rng.randint(1, 2)):
            cut = rng.randrange(len(paragraphs))
            if len(paragraphs) > 3 and len(paragraphs[cut].split()) < words / 8:
                paragraphs.pop(cut)
        added = min(donor, key=lambda p: abs(len(p.split()) - words / 8))
        paragraphs.insert(rng.randrange(len(paragraphs) + 1), added)
        paragraphs.append(BOILERPLATE)
        year, month, day = front["published"].split("-")
        variant = {
            "id": f"r{number:05d}", "title": "Republished: " + front["title"],
            "outlet": f"outlet-{(int(front['outlet'][-2:]) + 7) % 20:02d}",
            "published": f"{year}-{month}-{min(28, int(day) + rng.randint(0, 5)):02d}",
            "language": "en", "summary": "A republished variant for the benchmark.",
        }  # fmt: skip
        text = yaml.safe_dump(variant, sort_keys=False, allow_unicode=True, width=1_000_000)
        body = "\n\n".join(paragraphs)
        (folder / f"{variant['id']}.md").write_text(f"---\n{text}---\n\n{body}\n", "utf-8")
    return len(bases)


def read(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body.strip("\n")


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def engine_times(project: Path) -> dict:
    load_s, dossier = timed(load_dossier, project)
    real = linking.detect
    linking.detect = lambda articles, cache=None: Republications()
    try:
        without_s, _ = timed(build_index, dossier)
    finally:
        linking.detect = real
    with_s, index = timed(build_index, dossier)
    detect_s, found = timed(detect, dossier.articles)
    planted = {a.id for a in dossier.articles if a.id.startswith("r")}
    caught = sum(1 for v in planted if len(found.versions(v)) > 1)
    stray = sum(1 for c in found.clusters if not planted & set(c))
    return {
        "articles": len(dossier.articles), "load_s": load_s, "index_s": without_s,
        "index_detect_s": with_s, "detect_s": detect_s, "planted": len(planted),
        "caught": caught, "stray": stray,
        "largest": max((len(c) for c in found.clusters), default=0),
    }  # fmt: skip


def full_builds(project: Path, repeat: int) -> dict:
    """Builds without and with detection, alternated `repeat` times; the fastest of each."""
    without, with_ = [], []
    for _ in range(repeat):
        without.append(timed_build(project, [sys.executable, "-c", NO_DETECTION]))
        with_.append(timed_build(project, [sys.executable, "-m", "mkdocs", "build", "-q"]))
    (without_s, without_mb), (with_s, with_mb) = min(without), min(with_)
    pages = sum(1 for _ in (project / "site" / "republications").rglob("index.html"))
    return {"build_s": without_s, "build_detect_s": with_s, "rep_pages": pages,
            "rss": without_mb, "rss_detect": with_mb}  # fmt: skip


def generator_texts(n: int, seed: int) -> str:
    """Detection on generate.py's own texts (recombined paragraphs), in memory."""
    dense, plain = generate.source_paragraphs(CORPUS)
    rng = random.Random(seed)
    articles = []
    for number in range(n):
        made = generate.make_article(rng, number, dense, plain)
        body = made["body"].encode("utf-8")
        articles.append(Article(made["id"], made["id"], made["title"], made["outlet"], body, 1,
                                published=made["published"]))  # fmt: skip
    seconds, found = timed(detect, articles)
    largest = max((len(c) for c in found.clusters), default=0)
    in_clusters = sum(len(c) for c in found.clusters)
    return (f"| {n:,} | {seconds:.1f} s | {len(found.clusters):,} | {in_clusters:,} "
            f"| {largest:,} |")  # fmt: skip


def row(n: int, r: dict) -> str:
    share = 100 * (r["index_detect_s"] - r["index_s"]) / r["index_s"]
    cells = [
        f"{n:,} (+{r['planted']:,})", f"{r['load_s']:.1f} s", f"{r['index_s']:.1f} s",
        f"{r['index_detect_s']:.1f} s (+{share:.0f}%)", f"{r['detect_s']:.1f} s",
        f"{r['caught']:,} / {r['planted']:,}", f"{r['stray']:,}", f"{r['largest']}",
    ]  # fmt: skip
    if "build_s" in r:
        added = 100 * (r["build_detect_s"] - r["build_s"]) / r["build_s"]
        cells += [f"{r['build_s']:.1f} s", f"{r['build_detect_s']:.1f} s ({added:+.1f}%)",
                  f"{r['rep_pages']:,}"]  # fmt: skip
    return "| " + " | ".join(cells) + " |"


HEADER = (
    "| N (+ variants) | load | index | index with detection | detection alone "
    "| variants found | other clusters | largest cluster |"
)
BUILD_HEADER = " build without detection | build with detection | republication pages |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[500, 5000, 20000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/republish-bench"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--builds", action="store_true", help="full builds with and without")
    parser.add_argument("--repeat", type=int, default=1, help="builds of each kind (fastest)")
    args = parser.parse_args()
    header = HEADER + (BUILD_HEADER if args.builds else "")
    lines = [header, "|" + "---:|" * (header.count("|") - 1)]
    print("\n".join(lines), flush=True)
    for n in args.sizes:
        project = args.work / f"n{n}"
        write_dossier(project, n, args.seed)
        result = engine_times(project)
        if args.builds:
            result.update(full_builds(project, args.repeat))
        lines.append(row(n, result))
        print(lines[-1], flush=True)
    print("\nGenerator texts as they are (recombined paragraphs), detection only:\n")
    print("| N | detection | clusters | articles in clusters | largest cluster |")
    print("|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        print(generator_texts(n, args.seed), flush=True)


if __name__ == "__main__":
    main()

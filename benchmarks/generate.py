"""Generate a benchmark dossier of N articles from real text, deterministically.

Usage: python benchmarks/generate.py N OUT [--seed 1] [--corpus ../shared/corpora/ptc]
       [--recombined]

Articles recombine real paragraphs: the five seed articles of the repository (dense in
the glossary's actors) and, when present, the 150 PTC articles. A third of each
article's words are then replaced by words drawn from the same paragraphs (with an rng
of the article's own, so everything else stays the same): recombined paragraphs alone
make thousands of articles share whole paragraphs, which republication detection
rightly links into one cluster of nearly the whole dossier (`--recombined` keeps the
texts as recombined, as before 2026-11-30, for comparison). Each article gets an
outlet among 20, a date in 2019-2020, and about 15 annotations over the label set, some
nested inside others, each a quote with the context that makes it unique (checked by
the anchoring code). The same N, seed and inputs give the same files.

OUT receives a project: mkdocs.yml, docs/, dossier/ (articles, actors.yml, labels.yml,
sources.yml) for the dossier build, and plain/ with the same article texts as plain
Markdown pages for the MkDocs + Material yardstick.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

import yaml

from dossier_core import load_dossier
from dossier_core.bodyhtml import paragraphs
from dossier_core.ptcimport import selector

REPO = Path(__file__).resolve().parent.parent
OUTLET_TYPES = [
    ("state-owned news agency", "state-affiliated media"),
    ("state-controlled broadcaster", "state-controlled media"),
    ("independent newspaper", "independent media"),
    ("forum post", "forum post"),
    ("unknown", "unknown outlet"),
]
ANNOTATIONS_PER_ARTICLE = 15
NESTED_SHARE = 0.2
OWN_WORDS_SHARE = 1 / 3
WORD = re.compile(r"[A-Za-z]+")


def source_paragraphs(corpus: Path | None) -> tuple[list[str], list[str]]:
    """(dense, plain): paragraphs of the seed articles, and of the PTC articles."""
    dossier = load_dossier(REPO)
    dense = [a.body[s:e] for a in dossier.articles for s, e in paragraphs(a.body)]
    plain: list[str] = []
    if corpus and (corpus / "articles").is_dir():
        for path in sorted((corpus / "articles").glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            plain += [text[s:e] for s, e in paragraphs(text)[1:]]  # not the title line
    return dense, plain or dense


def make_article(rng: random.Random, number: int, dense: list[str], plain: list[str]) -> dict:
    count = rng.randint(5, 10)
    chosen: list[str] = []
    while len(chosen) < count:  # no paragraph twice: real articles do not repeat one
        paragraph = rng.choice(dense) if rng.random() < 0.45 else rng.choice(plain)
        if paragraph not in chosen:
            chosen.append(paragraph)
    body = "\n\n".join(chosen)
    title_words = rng.choice(plain).split()[:9]
    return {
        "id": f"a{number:05d}",
        "title": " ".join(title_words).rstrip(".,;:") or f"Article {number}",
        "outlet": f"outlet-{rng.randrange(20):02d}",
        "published": f"{rng.choice([2019, 2020])}-{rng.randint(1, 12):02d}-"
        f"{rng.randint(1, 28):02d}",
        "language": "en",
        "summary": "A generated benchmark article recombining real paragraphs.",
        "body": body,
    }


def own_words(body: str, number: int, vocabulary: list[str]) -> str:
    """The body with a third of its words replaced, so that two articles share a run of
    five words only by chance, as two articles in their own words do."""
    own = random.Random(number)
    swap = lambda m: own.choice(vocabulary) if own.random() < OWN_WORDS_SHARE else m.group()  # noqa: E731
    return WORD.sub(swap, body)


def annotations(rng: random.Random, body: str, labels: list[str]) -> list[dict]:
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", body)]
    result: list[dict] = []
    spans: list[tuple[int, int]] = []
    for _ in range(ANNOTATIONS_PER_ARTICLE):
        if spans and rng.random() < NESTED_SHARE:
            outer = rng.choice(spans)  # nest inside an earlier span
            inside = [w for w in words if w[0] >= outer[0] and w[1] <= outer[1]]
            if len(inside) < 2:
                continue
            first = rng.randrange(len(inside) - 1)
            start, end = inside[first][0], inside[rng.randint(first, len(inside) - 1)][1]
        else:
            first = rng.randrange(max(1, len(words) - 8))
            length = rng.randint(2, 8)
            start, end = words[first][0], words[min(first + length, len(words) - 1)][1]
        if "\n\n" in body[start:end]:
            continue
        spans.append((start, end))
        note = rng.choice(["", "A generated note with *emphasis*.", "Compare the earlier report."])
        item = {**selector(body, start, end), "label": rng.choice(labels)}
        if note:
            item["note"] = note
        result.append(item)
    return result


def write(out: Path, n: int, seed: int, corpus: Path | None, recombined: bool = False) -> None:
    rng = random.Random(seed)
    dense, plain = source_paragraphs(corpus)
    vocabulary = [w for p in dense + plain for w in WORD.findall(p)]
    labels = yaml.safe_load((REPO / "dossier" / "labels.yml").read_text(encoding="utf-8"))
    technique_weighted = [
        k for k, v in labels.items() for _ in range(3 if v["group"] == "technique" else 1)
    ]
    if out.exists():
        shutil.rmtree(out)
    articles = out / "dossier" / "articles"
    articles.mkdir(parents=True)
    shutil.copy(REPO / "dossier" / "actors.yml", out / "dossier" / "actors.yml")
    shutil.copy(REPO / "dossier" / "labels.yml", out / "dossier" / "labels.yml")
    shutil.copytree(REPO / "docs", out / "docs")
    shutil.copy(REPO / "mkdocs.yml", out / "mkdocs.yml")
    (out / "dossier" / "sources.yml").write_text(yaml.safe_dump(_sources(), sort_keys=False))
    plain_docs = out / "plain" / "docs"
    (plain_docs / "articles").mkdir(parents=True)
    (plain_docs / "index.md").write_text("# Plain MkDocs + Material\n")
    (out / "plain" / "mkdocs.yml").write_text(PLAIN_CONFIG)
    for number in range(n):
        article = make_article(rng, number, dense, plain)
        body = article.pop("body")
        if not recombined:
            body = own_words(body, number, vocabulary)
        article["annotations"] = annotations(rng, body, technique_weighted)
        front = yaml.safe_dump(article, sort_keys=False, allow_unicode=True, width=1_000_000)
        (articles / f"{article['id']}.md").write_text(
            f"---\n{front}---\n\n{body}\n", encoding="utf-8"
        )
        (plain_docs / "articles" / f"{article['id']}.md").write_text(
            f"# {article['title']}\n\n{body}\n", encoding="utf-8"
        )


def _sources() -> dict:
    sources = {}
    for index in range(20):
        kind, label = OUTLET_TYPES[index % len(OUTLET_TYPES)]
        sources[f"outlet-{index:02d}"] = {
            "name": f"Outlet {index:02d}",
            "type": kind,
            "labels": [{"label": label, "basis": "Generated for the benchmark.",
                        "citation": {"title": "benchmark", "url": None}, "as_of": "2026-11-22"}],
        }  # fmt: skip
    return sources


# The yardstick: one page per article, kept out of the nav, Material with its defaults
# (its own search plugin included), no third-party fonts.
PLAIN_CONFIG = """\
site_name: Plain MkDocs + Material
theme:
  name: material
  font: false
nav:
  - index.md
validation:
  nav:
    omitted_files: ignore
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpora" / "ptc")
    parser.add_argument(
        "--recombined", action="store_true", help="keep the recombined paragraphs' own words"
    )
    args = parser.parse_args()
    write(args.out, args.n, args.seed, args.corpus, args.recombined)


if __name__ == "__main__":
    main()

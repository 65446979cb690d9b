"""Loading a whole dossier folder: registry, articles, and the checks between them."""

from __future__ import annotations

import difflib
import hashlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from .caches import BuildCache
from .frontmatter import read_article
from .model import UNIDENTIFIED, Article, Problem
from .narrativeregistry import check_narratives
from .registry import Registry, load_registry
from .seedtext import is_text_seed
from .yamlload import YamlProblem, decode_utf8


@dataclass
class Dossier:
    root: Path
    dossier_dir: str
    registry: Registry
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def article(self, article_id: str) -> Article:
        return next(a for a in self.articles if a.id == article_id)


class ArticleCache(BuildCache[Path, tuple[tuple[int, int], Article | None, list[Problem]]]):
    """Parsed articles kept between loads (`mkdocs serve` rebuilds), keyed by file path,
    modification time and size: an unchanged file is not read or parsed again. Bounded
    (caches.py): `load_dossier` drops the files its load did not read (deleted or
    renamed)."""

    def read(self, path: Path, root: Path, problems: list[Problem]) -> Article | None:
        stat = path.lstat()
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self.get(path)
        if cached is None or cached[0] != key:
            found: list[Problem] = []
            cached = (key, read_article(path, root, found), found)
            self.put(path, cached)
        problems.extend(cached[2])
        return cached[1]


def load_dossier(
    root: Path, dossier_dir: str = "dossier", cache: ArticleCache | None = None
) -> Dossier:
    """Load and cross-check everything under `root/dossier_dir`.

    Problems never stop the load: a broken article is left out and reported, and
    every other article is still built.
    """
    root = root.resolve()
    problems: list[Problem] = []
    registry = load_registry(root, dossier_dir, problems)
    dossier = Dossier(root, dossier_dir, registry, problems=problems)
    folder = root / dossier_dir / "articles"
    unchecked: dict[str, int] = {}
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        article = cache.read(path, root, problems) if cache else read_article(path, root, problems)
        if article is not None:
            article = _unchecked(article, registry, unchecked)
        if article is not None and _check(article, dossier):
            dossier.articles.append(check_narratives(article, registry, problems))
    if cache is not None:
        cache.sweep()  # only the files of this load are kept
    _check_same_seed(dossier.articles, problems)
    for kind, rel in registry.unreadable.items():
        what = {"actors": "actor", "sources": "outlet", "labels": "label",
                "narratives": "narrative"}[kind]  # fmt: skip
        left = [f"{n} {thing}{'s' if n != 1 else ''}" for thing in ("article", "annotation")
                if (n := unchecked.get(f"{kind} {thing}s", 0))]  # fmt: skip
        note = f"; left out until it is fixed: {' and '.join(left)}" if left else ""
        message = f"{what} references not checked: {rel} could not be read{note}"
        problems.append(Problem(rel, None, message))
    dossier.articles.sort(key=lambda a: (a.published or "9999", a.id))
    return dossier


def _unchecked(article: Article, registry: Registry, counts: dict[str, int]) -> Article | None:
    """The article without what names a registry file that could not be read (each left
    out is counted, not reported one by one); None when the article itself names it."""
    unreadable = registry.unreadable
    if not unreadable:
        return article
    named = set(article.actors_add + article.actors_ignore)
    for kind, missing in (
        ("sources", article.outlet not in registry.sources),
        ("actors", bool(named - set(registry.actors))),
    ):
        if missing and kind in unreadable:
            counts[f"{kind} articles"] = counts.get(f"{kind} articles", 0) + 1
            return None
    kept = []
    for annotation in article.annotations:
        kind = "labels" if annotation.label not in registry.labels else "actors"
        if kind == "actors" and not set(annotation.actors) - set(registry.actors):
            kind = ""
        if kind in unreadable:
            counts[f"{kind} annotations"] = counts.get(f"{kind} annotations", 0) + 1
        else:
            kept.append(annotation)
    if len(kept) == len(article.annotations):
        return article
    return replace(article, annotations=tuple(kept))


def _check_same_seed(articles: list[Article], problems: list[Problem]) -> None:
    """One source imported as two articles (same seed file, or same seed bytes): each
    later article file (by name) is reported, naming the first."""
    first: dict[str, Article] = {}
    for article in sorted(articles, key=lambda a: a.path):
        keys = [f"path {os.path.normpath(article.seed)}"] if article.seed else []
        keys += [f"sha256 {article.seed_sha256}"] if article.seed_sha256 else []
        earlier = next((first[key] for key in keys if key in first), None)
        for key in keys:
            first.setdefault(key, article)
        if earlier is not None:
            same = "file" if article.seed == earlier.seed else "bytes (seed_sha256)"
            problems.append(
                Problem(
                    article.path,
                    article.lines.get("seed", article.lines.get("seed_sha256", 1)),
                    f"the same seed {same} as {earlier.path}: one source is published twice; "
                    "keep one article (move your edits into it) and delete the other file",
                )
            )


def closest(name: str, candidates: list[str]) -> str:
    """' (did you mean: a, b?)' for the candidates nearest to `name`, or ''."""
    near = difflib.get_close_matches(name, candidates, n=3, cutoff=0.5)
    return f" (did you mean: {', '.join(near)}?)" if near else ""


def _placeholder_hint(outlet: str) -> str:
    """How to add the placeholder of an unidentified site (`unidentified-...`)."""
    if not outlet.startswith(f"{UNIDENTIFIED}-"):
        return ""
    return (
        f"; an unidentified site has its own placeholder in sources.yml: add "
        f"`{outlet}: {{name: Unidentified site N, type: {UNIDENTIFIED}}}`"
    )


def _check(article: Article, dossier: Dossier) -> bool:
    problems = dossier.problems
    before = len(problems)
    sources = dossier.registry.sources
    if article.outlet not in sources:
        line = article.lines.get("outlet", 1)
        problems.append(
            Problem(
                article.path,
                line,
                f"unknown outlet '{article.outlet}'"
                + closest(article.outlet, list(sources))
                + _placeholder_hint(article.outlet),
            )
        )
    actors = list(dossier.registry.actors)
    for key, ids in (("add", article.actors_add), ("ignore", article.actors_ignore)):
        for actor_id in ids:
            if actor_id not in dossier.registry.actors:
                line = article.lines.get("actors", 1)
                message = f"actors.{key}: unknown actor '{actor_id}'" + closest(actor_id, actors)
                problems.append(Problem(article.path, line, message))
    _check_seed(article, dossier.root, problems)
    return len(problems) == before


def _check_seed(article: Article, root: Path, problems: list[Problem]) -> None:
    if not article.seed:
        return
    line = article.lines.get("seed", 1)
    seed = (root / article.seed).resolve()
    # The seed must be a file inside the project: never read /etc/passwd for anyone.
    if not seed.is_relative_to(root) or Path(article.seed).is_absolute():
        problems.append(
            Problem(article.path, line, f"seed {article.seed!r} is outside the project")
        )
        return
    if not seed.is_file():
        problems.append(Problem(article.path, line, f"seed file {article.seed!r} not found"))
        return
    raw = seed.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if is_text_seed(raw, seed.name):
        try:
            decode_utf8(raw)  # export counts offsets in the seed's text
        except YamlProblem as error:
            message = (
                f"seed {article.seed!r} is not UTF-8 text: line {error.line}: {error.message}; "
                "convert the file to UTF-8 (e.g. iconv -f cp1252 -t utf-8) and import it again"
            )
            problems.append(Problem(article.path, line, message))
            return
    if article.seed_sha256 and digest != article.seed_sha256:
        problems.append(
            Problem(
                article.path,
                article.lines.get("seed_sha256", line),
                f"seed {article.seed!r} has changed since import (sha256 {digest[:12]}…, "
                f"expected {article.seed_sha256[:12]}…)",
            )
        )

"""Loading a whole dossier folder: registry, articles, and the checks between them."""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .frontmatter import read_article
from .model import Article, Problem
from .registry import Registry, load_registry


@dataclass
class Dossier:
    root: Path
    dossier_dir: str
    registry: Registry
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def article(self, article_id: str) -> Article:
        return next(a for a in self.articles if a.id == article_id)


class ArticleCache:
    """Parsed articles kept between loads (`mkdocs serve` rebuilds), keyed by file path,
    modification time and size: an unchanged file is not read or parsed again."""

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[tuple[int, int], Article | None, list[Problem]]] = {}

    def read(self, path: Path, root: Path, problems: list[Problem]) -> Article | None:
        stat = path.lstat()
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self._entries.get(path)
        if cached is None or cached[0] != key:
            found: list[Problem] = []
            cached = (key, read_article(path, root, found), found)
            self._entries[path] = cached
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
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        article = cache.read(path, root, problems) if cache else read_article(path, root, problems)
        if article is not None and _check(article, dossier):
            dossier.articles.append(article)
    dossier.articles.sort(key=lambda a: (a.published or "9999", a.id))
    return dossier


def closest(name: str, candidates: list[str]) -> str:
    """' (did you mean: a, b?)' for the candidates nearest to `name`, or ''."""
    near = difflib.get_close_matches(name, candidates, n=3, cutoff=0.5)
    return f" (did you mean: {', '.join(near)}?)" if near else ""


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
                f"unknown outlet '{article.outlet}'" + closest(article.outlet, list(sources)),
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
    digest = hashlib.sha256(seed.read_bytes()).hexdigest()
    if article.seed_sha256 and digest != article.seed_sha256:
        problems.append(
            Problem(
                article.path,
                article.lines.get("seed_sha256", line),
                f"seed {article.seed!r} has changed since import (sha256 {digest[:12]}…, "
                f"expected {article.seed_sha256[:12]}…)",
            )
        )

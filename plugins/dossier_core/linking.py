"""The cross-reference index, built once per build: mentions, backlinks, related articles."""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .anchoring import AnchorError, anchor
from .caches import DEFAULT_LIMIT, BuildCache
from .dossier import Dossier, closest
from .framing import about_actors
from .matching import Matcher
from .model import Anchored, Annotation, Article, Mention, Problem
from .registry import Registry
from .republish import Republications, SignatureCache, detect

RELATED_LIMIT = 5
# Candidate articles are gathered through each actor's posting list; an actor
# named in most articles says little about relatedness and would make the work
# quadratic, so its postings are not walked (it still counts when scoring).
POSTINGS_WALK_LIMIT = 500


@dataclass(frozen=True)
class Related:
    article_id: str
    shared: tuple[str, ...]  # actor ids, most informative first
    score: float


@dataclass
class ArticleLinks:
    article: Article
    mentions: list[Mention]
    actor_counts: Counter[str]  # actor id -> mentions in this article
    added: tuple[str, ...] = ()  # actors added by hand (front matter actors.add)
    annotations: list[Anchored] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)

    @property
    def actor_ids(self) -> list[str]:
        """Actors in order of first mention, then those added by hand."""
        seen = list(dict.fromkeys(m.actor_id for m in self.mentions))
        return seen + [a for a in self.added if a not in seen]


@dataclass
class DossierIndex:
    articles: dict[str, ArticleLinks]
    # actor id -> mentions in the whole dossier (each article's list is in `articles`;
    # a second list per actor would hold a tuple per mention, a million at 20,000)
    mention_counts: Counter[str]
    articles_by_actor: dict[str, list[str]]
    cooccurrence: dict[str, Counter[str]]  # actor -> other actor -> articles shared
    articles_by_source: dict[str, list[str]]
    # label id -> [(article id, anchored annotation)]
    annotations_by_label: dict[str, list[tuple[str, Anchored]]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # anchoring problems
    registry_key: str = ""  # see registry_key(): cache keys of analyses and pages use it
    republications: Republications = field(default_factory=Republications)  # republish.py
    # actor id -> [(article id, anchored)]: annotations naming the actor or whose passage
    # mentions it, in the order its pages list them (framing.about_actors)
    annotations_by_actor: dict[str, list[tuple[str, Anchored]]] = field(default_factory=dict)


class AnalysisCache(BuildCache[str, tuple]):
    """Per-article analysis (mentions, anchored annotations, their problems) kept
    between builds, keyed by everything it depends on, so that `mkdocs serve` does not
    re-analyse the articles that did not change. Bounded (caches.py): `build_index`
    drops the entries its build did not use (articles deleted, renamed or edited)."""

    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        super().__init__(limit)
        self.signatures = SignatureCache()  # republication detection: MinHash per text

    def key(self, article: Article, registry_key: str) -> str:
        parts = (registry_key, article.path, article.body_utf8, repr(article.annotations),
                 article.actors_add, article.actors_ignore)  # fmt: skip
        return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def registry_key(dossier: Dossier) -> str:
    """A fingerprint of the glossary, labels and outlets: if they change, every article
    is re-analysed and every article page rendered again (while serving)."""
    registry = dossier.registry
    parts = (registry.actors, registry.labels, registry.sources)
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def build_index(
    dossier: Dossier, matcher: Matcher | None = None, cache: AnalysisCache | None = None
) -> DossierIndex:
    """One pass per article, then the shared indexes; no page scans the dossier."""
    matcher = matcher or Matcher(dossier.registry.actors.values())
    fingerprint = registry_key(dossier)
    links: dict[str, ArticleLinks] = {}
    mention_counts: Counter[str] = Counter()
    articles_by_actor: dict[str, list[str]] = defaultdict(list)
    by_source: dict[str, list[str]] = defaultdict(list)
    problems: list[Problem] = []
    by_label: dict[str, list[tuple[str, Anchored]]] = defaultdict(list)
    for article in dossier.articles:
        entry = _analysed(article, dossier, matcher, problems, cache, fingerprint)
        for anchored in entry.annotations:
            by_label[anchored.annotation.label].append((article.id, anchored))
        links[article.id] = entry
        mention_counts.update(entry.actor_counts)
        for actor_id in entry.actor_ids:
            articles_by_actor[actor_id].append(article.id)
        by_source[article.outlet].append(article.id)
    if cache is not None:
        cache.sweep()  # only this build's analyses are kept
    cooccurrence: dict[str, Counter[str]] = defaultdict(Counter)
    for entry in links.values():
        ids = entry.actor_ids
        for actor_id in ids:
            cooccurrence[actor_id].update(other for other in ids if other != actor_id)
    _relate(links, articles_by_actor)
    signatures = cache.signatures if cache is not None else None
    return DossierIndex(
        links,
        mention_counts,
        dict(articles_by_actor),
        dict(cooccurrence),
        dict(by_source),
        dict(by_label),
        problems,
        fingerprint,
        detect(dossier.articles, signatures),
        annotations_by_actor=about_actors(links, dossier.registry.labels),
    )


def _analysed(
    article: Article, dossier: Dossier, matcher: Matcher, problems: list[Problem],
    cache: AnalysisCache | None, fingerprint: str,
) -> ArticleLinks:  # fmt: skip
    key = cache.key(article, fingerprint) if cache is not None else ""
    found = cache.get(key) if cache is not None else None
    if found is not None:
        mentions, anchored, cached_problems = found
        entry = ArticleLinks(article, list(mentions), Counter(m.actor_id for m in mentions),
                             added=article.actors_add, annotations=list(anchored))  # fmt: skip
        problems.extend(cached_problems)
        return entry
    own_problems: list[Problem] = []
    entry = analyse(article, matcher)
    entry.annotations = anchor_all(article, dossier.registry, own_problems)
    problems.extend(own_problems)
    if cache is not None:
        cache.put(key, (tuple(entry.mentions), tuple(entry.annotations), tuple(own_problems)))
    return entry


def analyse(article: Article, matcher: Matcher) -> ArticleLinks:
    """Mentions of one article, after its own `actors.ignore` / `actors.add`."""
    ignored = set(article.actors_ignore)
    mentions = [m for m in matcher.find(article.body) if m.actor_id not in ignored]
    counts = Counter(m.actor_id for m in mentions)
    return ArticleLinks(article, mentions, counts, added=article.actors_add)


def anchor_all(article: Article, registry: Registry, problems: list[Problem]) -> list[Anchored]:
    """Anchor every annotation of an article; a broken one is reported and left out."""
    anchored = []
    body = article.body
    for number, annotation in enumerate(article.annotations, start=1):
        message = _invalid(annotation, registry)
        if message is None:
            try:
                start, end = anchor(body, annotation)
            except AnchorError as error:
                message = str(error)
            else:
                anchored.append(Anchored(annotation, number, start, end))
                continue
        problems.append(Problem(article.path, annotation.line, f"annotation {number}: {message}"))
    return anchored


def _invalid(annotation: Annotation, registry: Registry) -> str | None:
    label = registry.labels.get(annotation.label)
    if label is None:
        return f"unknown label '{annotation.label}'" + closest(
            annotation.label, list(registry.labels)
        )
    if annotation.verdict and annotation.verdict not in label.verdicts:
        allowed = ", ".join(label.verdicts) or "none"
        return f"verdict {annotation.verdict!r} is not one of the label's verdicts ({allowed})"
    for actor_id in annotation.actors:
        if actor_id not in registry.actors:
            return f"unknown actor '{actor_id}'" + closest(actor_id, list(registry.actors))
    return None


def _relate(links: dict[str, ArticleLinks], articles_by_actor: dict[str, list[str]]) -> None:
    total = len(links)
    # Inverse document frequency: sharing a rarely named actor means more.
    idf = {a: math.log(total / len(ids)) for a, ids in articles_by_actor.items()}
    for article_id, entry in links.items():
        mine = set(entry.actor_ids)
        scores: defaultdict[str, float] = defaultdict(float)
        # Sum in a fixed order and round: float sums taken in set order differ in the
        # last bits between runs (string hashing is randomised), and ties would flip.
        for actor_id in sorted(mine):
            postings = articles_by_actor[actor_id]
            if len(postings) > POSTINGS_WALK_LIMIT or idf[actor_id] <= 0:
                continue
            for other in postings:
                if other != article_id:
                    scores[other] += idf[actor_id]
        ranked = sorted(scores.items(), key=lambda kv: (-round(kv[1], 9), kv[0]))[:RELATED_LIMIT]
        for other, _ in ranked:
            shared = mine & set(links[other].actor_ids)
            ordered = tuple(sorted(shared, key=lambda a: (-idf[a], a)))
            score = sum(idf[a] for a in sorted(shared))
            entry.related.append(Related(other, ordered, round(score, 3)))

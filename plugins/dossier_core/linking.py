"""The cross-reference index, built once per build: mentions, backlinks, related articles."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .analysispool import analyse_articles
from .anchoring import AnchorError, anchor
from .caches import DEFAULT_LIMIT, BuildCache
from .dossier import Dossier, closest
from .framing import about_actors, actor_notes
from .matching import Matcher
from .model import Anchored, Annotation, Article, Mention, Problem
from .noteids import Placed, in_reading_order
from .registry import Registry
from .registrydelta import Basis, Delta, basis
from .relating import POSTINGS_WALK_LIMIT as POSTINGS_WALK_LIMIT
from .relating import RELATED_LIMIT as RELATED_LIMIT
from .relating import Related, RelateState, relate
from .republish import Republications, SignatureCache, detect

Note = tuple[str, Anchored]  # (actor id, annotation about it): framing.actor_notes
Analysis = tuple[tuple[Mention, ...], tuple[Anchored, ...], tuple[Problem, ...]]


class AnalysisKey:
    """What an analysis depends on (registry key, path, text, annotations, actors added
    and ignored), compared as values; hashed once (annotations hash field by field)."""

    __slots__ = ("parts", "hash")

    def __init__(self, parts: tuple[object, ...]) -> None:
        self.parts = parts
        self.hash = hash(parts)

    def __hash__(self) -> int:
        return self.hash

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AnalysisKey):
            return NotImplemented
        return self is other or (self.hash == other.hash and self.parts == other.parts)


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


class AnalysisCache(BuildCache[AnalysisKey, Analysis]):
    """Per-article analysis (mentions, anchored annotations, their problems) kept
    between builds, keyed by everything it depends on, so that `mkdocs serve` does not
    re-analyse the articles that did not change; with what the last build computed
    across articles (relating.py, republishindex.py), which a build updates where its
    edits reach. Bounded (caches.py): `build_index` drops the entries its build did not
    use (articles deleted, renamed or edited)."""

    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        super().__init__(limit)
        self.signatures = SignatureCache()  # republication detection: MinHash per text
        # The last build's articles (path -> (article, registry key, cache key)): the
        # same article (ArticleCache gives the same object for an unchanged file) under
        # the same registry has the same key, without hashing its text again.
        self.last: dict[str, tuple[Article, str, AnalysisKey]] = {}
        self.relations: RelateState | None = None  # relating.py's state of the last build
        self.notes: dict[str, tuple[tuple[Mention, ...], tuple[Anchored, ...], list[Note]]] = {}
        self.basis: Basis | None = None  # what the last build's analyses took from the registry

    def peek(self, key: AnalysisKey) -> Analysis | None:
        """An entry, without counting it as used (it is not kept for its own sake)."""
        return self._entries.get(key)

    def key(self, article: Article, registry_key: str) -> AnalysisKey:
        """The key of an article's analysis (its parts are the article's own objects)."""
        return AnalysisKey((registry_key, article.path, article.body_utf8, article.annotations,
                            article.actors_add, article.actors_ignore))  # fmt: skip

    def key_of(self, article: Article, registry_key: str) -> AnalysisKey:
        """`key`, taken from the last build when the article and registry are the same."""
        last = self.last.get(article.path)
        if (
            last is not None
            and last[1] == registry_key
            and (last[0] is article or last[0] == article)
        ):
            return last[2]
        return self.key(article, registry_key)


def registry_key(dossier: Dossier) -> str:
    """A fingerprint of the glossary, labels and outlets: if they change, the articles
    their change can reach are analysed again (registrydelta.py) and every article page
    is rendered again (while serving)."""
    registry = dossier.registry
    parts = (registry.actors, registry.labels, registry.sources)
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def build_index(
    dossier: Dossier, matcher: Matcher | None = None, cache: AnalysisCache | None = None,
    workers: int | None = None,
) -> DossierIndex:  # fmt: skip
    """One pass per article, then the shared indexes; no page scans the dossier.

    Articles not found in `cache` are analysed in `workers` processes (analysispool.py:
    every core by default when there are many; the same results as one process)."""
    matcher = matcher or Matcher(dossier.registry.actors.values())
    fingerprint = registry_key(dossier)
    signatures = cache.signatures if cache is not None else None
    analyses = _analyses(dossier, matcher, cache, fingerprint, signatures, workers)
    links: dict[str, ArticleLinks] = {}
    mention_counts: Counter[str] = Counter()
    articles_by_actor: dict[str, list[str]] = defaultdict(list)
    by_source: dict[str, list[str]] = defaultdict(list)
    problems: list[Problem] = []
    by_label: dict[str, list[tuple[str, Anchored]]] = defaultdict(list)
    actor_ids: dict[str, tuple[str, ...]] = {}
    for article, (mentions, anchored, own_problems) in zip(dossier.articles, analyses, strict=True):
        entry = ArticleLinks(article, list(mentions), Counter(m.actor_id for m in mentions),
                             added=article.actors_add, annotations=list(anchored))  # fmt: skip
        problems.extend(own_problems)
        for item in anchored:
            by_label[item.annotation.label].append((article.id, item))
        links[article.id] = entry
        mention_counts.update(entry.actor_counts)
        ids = actor_ids[article.id] = tuple(entry.actor_ids)
        for actor_id in ids:
            articles_by_actor[actor_id].append(article.id)
        by_source[article.outlet].append(article.id)
    notes = _notes(links, analyses, cache)
    last = cache.relations if cache is not None else None
    if len(actor_ids) != len(dossier.articles):
        last = None  # two articles with one id: the state would not describe the links
    cooccurrence, relations = relate(links, actor_ids, dict(articles_by_actor), last)
    if cache is not None:
        cache.relations = relations
    return DossierIndex(
        links,
        mention_counts,
        dict(articles_by_actor),
        cooccurrence,
        dict(by_source),
        dict(by_label),
        problems,
        fingerprint,
        detect(dossier.articles, signatures),
        annotations_by_actor=about_actors(links, dossier.registry.labels, notes),
    )


def _notes(
    links: dict[str, ArticleLinks], analyses: list[Analysis], cache: AnalysisCache | None
) -> dict[str, list[Note]] | None:
    """framing.actor_notes of each article, kept in the cache with the analysis objects
    they come from (the same objects: the same notes)."""
    if cache is None:
        return None
    last, kept = cache.notes, {}
    for (article_id, entry), (mentions, anchored, _) in zip(links.items(), analyses, strict=True):
        found = last.get(article_id)
        if found is None or found[0] is not mentions or found[1] is not anchored:
            found = (mentions, anchored, actor_notes(entry))
        kept[article_id] = found
    cache.notes = kept
    return {article_id: found[2] for article_id, found in kept.items()}


def _analyses(
    dossier: Dossier, matcher: Matcher, cache: AnalysisCache | None, fingerprint: str,
    signatures: SignatureCache | None, workers: int | None,
) -> list[Analysis]:  # fmt: skip
    """Each article's analysis: from the cache, or made (in worker processes when many
    are missing: their republication signatures are made there too)."""
    articles = dossier.articles
    keys = [cache.key_of(a, fingerprint) for a in articles] if cache is not None else []
    found: list[Analysis | None] = [cache.get(k) for k in keys] if cache else [None] * len(articles)
    missing = [n for n, value in enumerate(found) if value is None]
    if cache is not None:
        missing = _carried(cache, dossier, matcher, fingerprint, missing, found)
    made = analyse_articles([articles[n] for n in missing], dossier.registry, matcher, signatures,
                            workers)  # fmt: skip
    for n, value in zip(missing, made, strict=True):
        found[n] = value
        if cache is not None:
            cache.put(keys[n], value)
    if cache is not None:
        cache.sweep()  # only this build's analyses are kept
        cache.last = {a.path: (a, fingerprint, k) for a, k in zip(articles, keys, strict=True)}
    return [value for value in found if value is not None]


def _carried(
    cache: AnalysisCache, dossier: Dossier, matcher: Matcher, fingerprint: str,
    missing: list[int], found: list[Analysis | None],
) -> list[int]:  # fmt: skip
    """After a registry edit, the last build's analyses that still hold (registrydelta.py)
    go into `found`; returns the articles left to analyse."""
    last_basis, cache.basis = cache.basis, basis(dossier.registry, matcher)
    if last_basis is None or not missing:
        return missing
    delta = Delta(last_basis, cache.basis)
    left = []
    for n in missing:
        article = dossier.articles[n]
        last = cache.last.get(article.path)
        old = cache.peek(last[2]) if last is not None else None
        if old is None or last is None or not (last[0] is article or last[0] == article):
            left.append(n)
        elif not delta.mentions_hold(article):
            left.append(n)  # matched again (with the others: in workers when many)
        else:
            if not delta.anchors_hold(article, old):
                problems: list[Problem] = []
                anchored = tuple(anchor_all(article, dossier.registry, problems))
                old = (old[0], anchored, tuple(problems))
            found[n] = old
            cache.put(cache.key(article, fingerprint), old)
    return left


def analysed(article: Article, registry: Registry, matcher: Matcher) -> Analysis:
    """One article's mentions, anchored annotations and their problems."""
    own_problems: list[Problem] = []
    entry = analyse(article, matcher)
    anchored = anchor_all(article, registry, own_problems)
    return tuple(entry.mentions), tuple(anchored), tuple(own_problems)


def analyse(article: Article, matcher: Matcher) -> ArticleLinks:
    """Mentions of one article, after its own `actors.ignore` / `actors.add`."""
    ignored = set(article.actors_ignore)
    mentions = [m for m in matcher.find(article.body) if m.actor_id not in ignored]
    counts = Counter(m.actor_id for m in mentions)
    return ArticleLinks(article, mentions, counts, added=article.actors_add)


def anchor_all(article: Article, registry: Registry, problems: list[Problem]) -> list[Anchored]:
    """Anchor every annotation of an article; a broken one is reported and left out. The
    rest in reading order, numbered, with their stable ids (noteids.py)."""
    placed: list[Placed] = []
    body = article.body
    for position, annotation in enumerate(article.annotations, start=1):
        message = _invalid(annotation, registry)
        if message is None:
            try:
                start, end = anchor(body, annotation)
            except AnchorError as error:
                message = str(error)
            else:
                placed.append((position, annotation, start, end))
                continue
        problems.append(Problem(article.path, annotation.line, f"annotation {position}: {message}"))
    return in_reading_order(placed, article.annotations)


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

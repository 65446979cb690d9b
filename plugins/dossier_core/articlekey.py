"""The article page's key: a fingerprint of everything the page is made from, so that a
rebuild while serving renders again only the article pages an edit reaches."""

from __future__ import annotations

import hashlib

from .dossier import Dossier
from .framing import about_places
from .linking import ArticleLinks, DossierIndex
from .narratives import narrative_key
from .prevnext import neighbour_key
from .registry import Registry
from .republishparts import republished_key
from .settings import RenderSettings


def page_key(
    dossier: Dossier, index: DossierIndex, entry: ArticleLinks, settings: RenderSettings
) -> str:
    """Everything an article page is made from: the article itself (text, front matter,
    annotations), the glossary, labels and outlets, and the related articles as they
    are shown (title, outlet, date, shared actors), and the other versions of its text
    as shown (republishpages), and its previous and next articles in time as their
    links show them. Mentions, anchors and counts are derived from these, so
    they need no place of their own."""
    related = []
    for item in entry.related:
        other = index.articles[item.article_id].article
        related.append((item.article_id, item.shared, other.title, other.outlet, other.published))
    republished = republished_key(index, entry.article.id, settings)
    narratives = narrative_key(dossier, entry.article)  # the titles its notes link
    # where its notes' "About:" links lead (the actors' pages move as the dossier grows)
    about = about_places(index, dossier.registry.labels, entry, settings.actor_annotations_per_page)
    article = entry.article
    made = lambda: hashlib.sha256(repr(article).encode("utf-8")).hexdigest()  # noqa: E731
    # The article's own fingerprint (its whole text): kept while serving (memo.py).
    own = (
        made()
        if settings.memo is None
        else settings.memo.item(("own", article.id), (article,), made)
    )
    # the previous and next articles in time, as their links show them (prevnext.py)
    around = neighbour_key(dossier, article.id)
    parts = (own, _registry_part(dossier, entry), related, republished, settings, narratives,
             sorted(about.items()), around)  # fmt: skip
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def _registry_part(dossier: Dossier, entry: ArticleLinks) -> tuple[object, ...]:
    """What the page takes from the glossary, labels, outlets and narratives: the
    mentions found (the glossary decides them), the actors it names (in the text, its
    notes, its related articles' shared actors) and the small registries whole. A
    glossary edit then re-renders only the pages of articles it reaches."""
    actors, rest = _fingerprints(dossier.registry)
    named = set(entry.actor_ids)
    named.update(actor for note in entry.article.annotations for actor in note.actors)
    named.update(actor for item in entry.related for actor in item.shared)
    found = tuple((m.start, m.end, m.actor_id) for m in entry.mentions)
    return rest, tuple(sorted((a, actors.get(a, "")) for a in named)), found


_FINGERPRINTS: list[tuple[Registry, dict[str, str], str]] = []  # the last registry's


def _fingerprints(registry: Registry) -> tuple[dict[str, str], str]:
    """Each actor's fingerprint, and one of the labels, outlets and narratives: made
    once per loaded registry (the last one is kept)."""
    if _FINGERPRINTS and _FINGERPRINTS[0][0] is registry:
        return _FINGERPRINTS[0][1], _FINGERPRINTS[0][2]
    digest = lambda value: hashlib.sha256(repr(value).encode("utf-8")).hexdigest()  # noqa: E731
    actors = {actor_id: digest(actor) for actor_id, actor in registry.actors.items()}
    rest = digest((registry.labels, registry.sources, registry.narratives, registry.unreadable))
    _FINGERPRINTS[:] = [(registry, actors, rest)]
    return actors, rest

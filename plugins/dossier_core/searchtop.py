"""Precomputed first results for the dossier's most frequent names (search/top/).

Pagefind ranks a word found on most pages slowly (a name on 15,000 of 20,000 pages takes
about 0.2 s to rank), yet the names are known before any search: they are the actors'
names and aliases. For the TOP_TERMS most frequent ones this module writes the first
results at build time, which the search script shows the moment the typed query,
folded, equals the term, while Pagefind ranks the full set:

- ``search/top/terms.json``: ``{"terms": {folded term: file number}}``, a few KB,
  loaded with the index;
- ``search/top/<n>.json``: the term's results, one small file each, so a search
  fetches only its own: the page of the actor with that name or alias, then the
  articles that name it most often (mentions whose words contain the term's), each
  with outlet badge, date and its first such passage (each result with its kind, as
  the pages give it to Pagefind: searchmeta.py, docs/overrides/main.html).

A term is a name or alias (metonyms too), folded (text.fold, as search.js folds a
query) and split into words: "Nicolás Maduro" -> ``nicolas maduro``, "Maduro" ->
``maduro``. Every page listed holds the term's words (an actor page shows the name
and every alias; an article's mentions are its own text), so Pagefind finds it too:
the full list the script shows afterwards is Pagefind's set, without the pages shown
first repeated. Output is deterministic (ties by term, then by article id).
"""

from __future__ import annotations

import heapq
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .atomicwrite import write_atomic
from .dossier import Dossier
from .kinds import kind_name
from .linking import DossierIndex
from .model import Actor
from .pagekit import actor_path, article_path
from .searchmeta import badge
from .settings import RenderSettings
from .text import fold

FOLDER = "search/top"
TERMS_PATH = f"{FOLDER}/terms.json"
TOP_TERMS = 32  # terms given a file: those on the most articles
RESULTS = 10  # results a term's file holds (the search page's first page)
ACTOR_PAGES = 3  # at most, before the articles
CONTEXT = 60  # characters of article text either side of the name, at most
WORD = re.compile(r"[^\W_]+")  # letters and digits, as search.js's [\p{L}\p{N}]+


def words(text: str) -> tuple[str, ...]:
    """The folded words of a text, as the search script splits a folded query."""
    return tuple(WORD.findall(fold(text)))


def _inside(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    n = len(part)
    return any(whole[i : i + n] == part for i in range(len(whole) - n + 1))


def _term_ok(term: tuple[str, ...]) -> bool:
    """Terms worth a file: three letters at least, no one-letter word ("U.S.")."""
    return len(" ".join(term)) >= 3 and all(len(w) >= 2 for w in term)


def _forms(actor: Actor) -> list[tuple[str, ...]]:
    return [words(actor.name), *(words(a.text) for a in actor.aliases)]


def candidate_terms(actors: Iterable[Actor]) -> set[tuple[str, ...]]:
    """Every name and alias (metonyms included), folded, as words."""
    return {form for actor in actors for form in _forms(actor) if form and _term_ok(form)}


@dataclass
class _Counts:
    """Per mention text, the candidate terms it contains (texts repeat: cached)."""

    terms: set[tuple[str, ...]]
    by_text: dict[str, tuple[tuple[str, ...], ...]]

    def of(self, text: str) -> tuple[tuple[str, ...], ...]:
        found = self.by_text.get(text)
        if found is None:
            form = words(text)
            subs = {form[i:j] for i in range(len(form)) for j in range(i + 1, len(form) + 1)}
            found = self.by_text[text] = tuple(sorted(subs & self.terms))
        return found


def _article_counts(index: DossierIndex, counts: _Counts, article_id: str) -> Counter:
    found: Counter[tuple[str, ...]] = Counter()
    for mention in index.articles[article_id].mentions:
        found.update(counts.of(mention.text))
    return found


def top_terms(
    per_article: list[Counter[tuple[str, ...]]],
) -> list[tuple[tuple[str, ...], int]]:
    """The TOP_TERMS terms on the most articles, with that number (ties by term)."""
    df: Counter[tuple[str, ...]] = Counter()
    for found in per_article:
        df.update(found.keys())
    ranked = sorted(df.items(), key=lambda item: (-item[1], item[0]))
    return ranked[:TOP_TERMS]


def _around(text: str, begin: int, end: int) -> list[str]:
    """[before, text[begin:end], after]: up to CONTEXT characters either side, cut at
    spaces, whitespace runs made single spaces."""
    before, after = text[max(0, begin - CONTEXT) : begin], text[end : end + CONTEXT]
    if begin > CONTEXT and " " in before:
        before = "… " + before.split(" ", 1)[1]
    if len(text) > end + CONTEXT and " " in after:
        after = after.rsplit(" ", 1)[0] + " …"
    lead = " ".join(before.split()) + (" " if before[-1:].isspace() else "")
    tail = (" " if after[:1].isspace() else "") + " ".join(after.split())
    return [lead.lstrip(), text[begin:end], tail.rstrip()]


def _find(text: str, term: tuple[str, ...]) -> list[str]:
    """The excerpt around the term's first place in `text` (whole words); the start of
    the text if it is not there."""
    pattern = r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, term)) + r"(?![^\W_])"
    folded = fold(text)
    found = re.search(pattern, folded) if len(folded) == len(text) else None
    if found is None:
        return [" ".join(text[: CONTEXT * 2].split())]
    return _around(text, *found.span())


def _actor_result(actor: Actor, term: tuple[str, ...], settings: RenderSettings) -> dict:
    """The actor's page: its description, or the spellings that hold the term."""
    spellings = f"Also written {', '.join(a.text for a in actor.aliases)}."
    texts = [t for t in (actor.description, spellings) if _inside(term, words(t))]
    return {
        "url": settings.page_url(actor_path(actor.id)),
        "title": actor.name,
        "kind": "Actor",
        "role": kind_name(actor.kind),
        "excerpt": _find(texts[0], term) if texts else [actor.description],
    }


def _article_result(
    dossier: Dossier, index: DossierIndex, article_id: str, term: tuple[str, ...],
    counts: _Counts, settings: RenderSettings,
) -> dict:  # fmt: skip
    article = index.articles[article_id].article
    first = next(m for m in index.articles[article_id].mentions if term in counts.of(m.text))
    outlet, style = badge(dossier, article.outlet)
    return {
        "url": settings.page_url(article_path(article_id)),
        "title": article.title,
        "kind": "Article",
        "outlet": outlet,  # the badge's words and style, as the article page gives them
        "badge": style,
        "date": article.published,
        "excerpt": _around(article.body, first.start, first.end),
    }


def top_files(dossier: Dossier, index: DossierIndex, settings: RenderSettings) -> dict[str, str]:
    """Path (relative to the site root) -> content of every search/top/ file."""
    counts = _Counts(candidate_terms(dossier.registry.actors.values()), {})
    ids = sorted(index.articles)
    per_article = [_article_counts(index, counts, article_id) for article_id in ids]
    chosen = top_terms(per_article)
    wanted = {term for term, _ in chosen}
    best: dict[tuple[str, ...], list[tuple[int, int]]] = {term: [] for term in wanted}
    for number, found in enumerate(per_article):
        for term, n in found.items():
            if term in wanted:
                heap = best[term]  # the RESULTS articles with most mentions of the term
                item = (n, -number)  # ties: the first id first
                if len(heap) < RESULTS:
                    heapq.heappush(heap, item)
                elif item > heap[0]:
                    heapq.heapreplace(heap, item)
    out: dict[str, str] = {}
    terms: dict[str, int] = {}
    actors = sorted(dossier.registry.actors.values(), key=lambda a: a.id)
    for number, (term, articles) in enumerate(chosen):
        about = [a for a in actors if term in _forms(a)]
        about.sort(key=lambda a: (-index.mention_counts.get(a.id, 0), a.id))
        results = [_actor_result(a, term, settings) for a in about[:ACTOR_PAGES]]
        ranked = sorted(best[term], reverse=True)[: RESULTS - len(results)]
        results += [
            _article_result(dossier, index, ids[-negated], term, counts, settings)
            for _, negated in ranked
        ]
        names = [a.name for a in about[:ACTOR_PAGES]]
        content = {"term": " ".join(term), "about": names, "articles": articles, "results": results}
        terms[" ".join(term)] = number
        out[f"{FOLDER}/{number}.json"] = _json(content)
    out[TERMS_PATH] = _json({"terms": dict(sorted(terms.items()))})
    return out


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=True, sort_keys=True, separators=(",", ":")) + "\n"


def write_top_files(
    dossier: Dossier, index: DossierIndex, settings: RenderSettings, folder: Path
) -> list[str]:
    """Write the search/top/ files under `folder`; their paths, relative to it."""
    files = top_files(dossier, index, settings)
    for path, content in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / path, content)
    return sorted(files)

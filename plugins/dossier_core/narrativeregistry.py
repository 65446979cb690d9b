"""narratives.yml (the claims tracked across outlets) and the `narrative:` key of
annotations: reading the entries and checking the references."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .fields import Reader
from .model import Article, Citation, Narrative, Problem

if TYPE_CHECKING:
    from .registry import Registry

NARRATIVE_FIELDS = {"title", "summary", "refutation", "sources"}


def read_narrative(narrative_id: str, r: Reader) -> Narrative:
    """One entry: title and summary required; a refutation comes with its sources."""
    r.unknown_keys(NARRATIVE_FIELDS)
    sources = []
    for item, line in r.items("sources"):
        entry = Reader(item, r.path, line, r.problems)
        if not isinstance(item, dict):
            entry.error(line, "a source is {title, url}")
            continue
        entry.unknown_keys({"title", "url"})
        url = entry.optional("url")
        if url and not url.startswith(("http://", "https://")):
            entry.error(entry.line_of("url"), f"source url must be http(s), found {url!r}")
            url = None
        sources.append(Citation(entry.string("title", required=True), url))
    refutation = r.string("refutation")
    if sources and not refutation:
        r.error(r.line_of("sources"), "sources go with a refutation: write the refutation")
    if refutation and not sources:
        r.error(r.line_of("refutation"), "a refutation needs its sources (title and url)")
    return Narrative(
        id=narrative_id,
        title=r.string("title", required=True),
        summary=r.string("summary", required=True),
        refutation=refutation,
        sources=tuple(sources),
        line=r.line,
    )


def check_narratives(article: Article, registry: Registry, problems: list[Problem]) -> Article:
    """The article with each annotation's `narrative:` checked: an unknown id is reported
    at the annotation's line (with the closest ids) and dropped from it. When
    narratives.yml could not be read, references are not checked (one problem says so)
    and are dropped."""
    from .dossier import closest  # dossier.py loads the registry, which imports this module

    if not any(a.narrative for a in article.annotations):
        return article
    known = registry.narratives
    unreadable = "narratives" in registry.unreadable
    kept = []
    for number, annotation in enumerate(article.annotations, start=1):
        if annotation.narrative and annotation.narrative not in known:
            if not unreadable:
                message = f"annotation {number}: unknown narrative '{annotation.narrative}'"
                message += closest(annotation.narrative, list(known))
                if not known:
                    message += "; narratives are defined in narratives.yml beside actors.yml"
                problems.append(Problem(article.path, annotation.line, message))
            annotation = replace(annotation, narrative="")
        kept.append(annotation)
    return replace(article, annotations=tuple(kept))

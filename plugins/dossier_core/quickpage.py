"""The page of one edited article, made at once from the last complete build.

While serving, an analyst saves an article and wants to see that page, not wait for
the whole dossier to be analysed again. `quick_article_page` reads just that file,
analyses it (mentions, anchored annotations) against the last build's glossary, and
makes its article page with everything that crosses articles (related articles, other
versions of the text, counts) as the last build had it. The complete rebuild that
follows (adapter: mkdocs_dossier/live.py) writes the page again if those differ, so
what is finally served equals a full build.

It gives up (None) whenever the edit needs more than that: the file cannot be read, it
has a problem (that is for the complete rebuild to report and show), or the article is
new, renamed or moved in time (its id or date changed), since those change other pages
and the site's page list.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .dossier import Dossier, _check
from .frontmatter import read_article
from .linking import DossierIndex, analyse, anchor_all
from .matching import Matcher
from .model import Problem
from .narrativeregistry import check_narratives
from .pagekit import Page
from .pages import one_article_page
from .settings import RenderSettings


def quick_article_page(
    path: Path,
    dossier: Dossier,
    index: DossierIndex,
    matcher: Matcher,
    settings: RenderSettings,
) -> Page | None:
    """The article page of the file at `path` (inside `dossier.root`), or None when
    only a complete rebuild can make it right (see the module's docstring)."""
    problems: list[Problem] = []
    article = read_article(path, dossier.root, problems)
    if article is None or problems or dossier.registry.unreadable:
        return None
    last = index.articles.get(article.id)
    if last is None or last.article.published != article.published:
        return None  # new (or renamed), or moved in the lists ordered by date
    scratch = replace(dossier, problems=[])  # _check reports into it
    if not _check(article, scratch):
        return None
    article = check_narratives(article, dossier.registry, problems)
    entry = analyse(article, matcher)
    entry.annotations = anchor_all(article, dossier.registry, problems)
    if problems:
        return None
    entry.related = last.related  # relatedness crosses articles: the last build's
    articles = [article if a.id == article.id else a for a in dossier.articles]
    dossier = replace(dossier, articles=articles, problems=[])
    index = replace(index, articles={**index.articles, article.id: entry})
    return one_article_page(dossier, index, article.id, settings)

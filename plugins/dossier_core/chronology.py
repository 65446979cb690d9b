"""The dossier's articles in time: each article's previous and next by date, and the
newest-first order of the articles index and the tag pages.

Time order is the order the dossier keeps its articles in (dossier.load_dossier):
by publication date, a partial date ("2019-05") before the full dates of its month,
undated articles last, ties by id. The id is a stable slug, so the order never
depends on the order files are read in.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import Article

# The last list of articles seen and each article's place in it: an article page asks
# for its neighbours once per article, and a search through the list each time would
# cost quadratic time at 20,000 articles.
_PLACES: list[tuple[Sequence[Article], dict[str, int]]] = []


def _places(articles: Sequence[Article]) -> dict[str, int]:
    if _PLACES and _PLACES[0][0] is articles and len(_PLACES[0][1]) == len(articles):
        return _PLACES[0][1]
    places = {article.id: number for number, article in enumerate(articles)}
    _PLACES[:] = [(articles, places)]
    return places


def neighbours(
    articles: Sequence[Article], article_id: str
) -> tuple[Article | None, Article | None]:
    """The articles before and after `article_id` in time order (`articles` is in
    that order: Dossier.articles), None at either end."""
    places = _places(articles)
    place = places.get(article_id)
    if place is None or articles[place].id != article_id:  # the list changed in place
        _PLACES.clear()
        places = _places(articles)
        place = places.get(article_id)
        if place is None:
            return None, None
    before = articles[place - 1] if place > 0 else None
    after = articles[place + 1] if place + 1 < len(articles) else None
    return before, after


def newest_first(articles: Sequence[Article]) -> list[Article]:
    """Dated articles from the newest, then the undated ones; ties by id."""
    dated = [article for article in articles if article.published]
    undated = [article for article in articles if not article.published]
    dated.sort(key=lambda article: article.id)
    dated.sort(key=lambda article: article.published, reverse=True)  # stable: ids stay
    return dated + sorted(undated, key=lambda article: article.id)

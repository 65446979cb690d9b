"""The articles data (articles/index.json): every article in one compact JSON file,
which articles.js fetches when a reader sorts or filters the articles index, so that
a sort or filter covers the whole dossier, not the page at hand.

Compact: names repeated across articles (outlets, labels, tags) are listed once and
referred to by their place in the list; an article is an array, not an object.

    {"version": 1,
     "article": "../articles/{id}/",           # an article's URL, {id} replaced
     "outlets": [[id, name, badge HTML, [outlet label, ...]], ...],
     "labels": [label id, ...],                 # labels.yml order
     "tags": [tag, ...],                        # sorted
     "articles": [[id, title, date, language, outlet, annotations, [label, ...],
                   [tag, ...], excerpt], ...]}  # newest first (chronology.newest_first)

URLs (the article pattern, the badges' links) are relative to the file's own URL,
which is also the articles index's folder. Deterministic: the same dossier gives the
same bytes.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .articlerows import excerpt
from .atomicwrite import write_atomic
from .chronology import newest_first
from .pagekit import article_path
from .parts import UNRECORDED, outlet_badge, urls
from .settings import RenderSettings

if TYPE_CHECKING:
    from .dossier import Dossier
    from .linking import DossierIndex

DATA_PATH = "articles/index.json"
INDEX_PATH = "articles/index.md"  # the page whose folder the data's URLs start from
ID = "{id}"  # in the article URL pattern: the article's id


def articles_data(dossier: Dossier, index: DossierIndex, settings: RenderSettings) -> dict:
    """The data as a JSON-ready dict (see the module's docstring)."""
    # Links are read by the script, never rewritten by an engine: final URLs.
    url = urls(replace(settings, links="page", memo=None), INDEX_PATH)
    sources = dossier.registry.sources
    articles = newest_first(dossier.articles)
    outlet_ids = sorted(
        {article.outlet for article in articles},
        key=lambda i: (sources[i].name.casefold() if i in sources else UNRECORDED, i),
    )
    outlets = []
    for outlet_id in outlet_ids:
        source = sources.get(outlet_id)
        name = source.name if source else UNRECORDED
        labels = [label.label for label in source.labels] if source else []
        outlets.append([outlet_id, name, outlet_badge(dossier, outlet_id, url), labels])
    outlet_place = {outlet_id: n for n, outlet_id in enumerate(outlet_ids)}
    label_ids = list(dossier.registry.labels)
    label_place = {label_id: n for n, label_id in enumerate(label_ids)}
    tags = sorted({tag for article in articles for tag in article.tags})
    tag_place = {tag: n for n, tag in enumerate(tags)}
    rows = []
    for article in articles:
        anchored = index.articles[article.id].annotations
        used = {item.annotation.label for item in anchored}
        rows.append([
            article.id, article.title, article.published, article.language,
            outlet_place[article.outlet], len(anchored),
            sorted(label_place[label] for label in used if label in label_place),
            [tag_place[tag] for tag in article.tags], excerpt(article.summary),
        ])  # fmt: skip
    return {
        "version": 1,
        "article": url(article_path(ID)),
        "outlets": outlets,
        "labels": label_ids,
        "tags": tags,
        "articles": rows,
    }


def articles_json(dossier: Dossier, index: DossierIndex, settings: RenderSettings) -> str:
    """The data as JSON text: no spaces, UTF-8 as is, "<" escaped (the file is never
    read as HTML, but a browser sniffing a misconfigured server's answer must find
    no markup in it)."""
    text = json.dumps(
        articles_data(dossier, index, settings), ensure_ascii=False, separators=(",", ":")
    )
    return text.replace("<", "\\u003c")


def write_articles_data(
    dossier: Dossier, index: DossierIndex, settings: RenderSettings, folder: Path
) -> list[str]:
    """Write articles/index.json under `folder`; its path, relative to it."""
    target = folder / DATA_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, articles_json(dossier, index, settings) + "\n")
    return [DATA_PATH]

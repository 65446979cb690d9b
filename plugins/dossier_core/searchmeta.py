"""What a search result shows of an article besides its title and excerpt: the outlet
badge (its words and its style) and the date; and the month a date range filters on.

The article page gives them to Pagefind (articlepage._search_filters: metadata `outlet`,
`badge`, `date`, filter `Month`); the precomputed first results (searchtop.py) carry the
same fields, so both kinds of result are drawn alike by search.js.
"""

from __future__ import annotations

import html
import re

from .dossier import Dossier
from .parts import outlet_badge

# The badge as parts.outlet_badge writes it: `<a|span class="dossier-badge
# dossier-badge--STYLE" ...>TEXT</a|span>`. Read back from it rather than rebuilt, so
# that a result's badge always says what the article's own badge says.
_BADGE = re.compile(r'class="dossier-badge dossier-badge--([a-z0-9-]+)"[^>]*>(.*?)</(?:a|span)>')
_MONTH = re.compile(r"\d{4}(?:-\d{2})?")


def badge(dossier: Dossier, outlet_id: str) -> tuple[str, str]:
    """(text, style) of the outlet's badge: "TASS · state-affiliated media" and
    "state-affiliated-media" (the suffix of its dossier-badge-- class)."""
    found = _BADGE.search(outlet_badge(dossier, outlet_id, lambda path: path))
    if found is None:  # parts.outlet_badge changed its markup: update _BADGE
        raise ValueError(f"unexpected outlet badge for {outlet_id!r}")
    return html.unescape(found.group(2)), found.group(1)


def month(published: str) -> str:
    """The value of the Month filter: "YYYY-MM", or "YYYY" for an article dated only by
    its year; "" when undated (no value: a date range leaves it out)."""
    found = _MONTH.match(published)
    return found.group(0) if found else ""

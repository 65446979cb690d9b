"""What import tells the analyst about an article's outlet, with the entry to add.

A wire dateline or signature names an outlet (`reuters`): when sources.yml does not
have it, the warning prints the entry to add (facts only, no labels). A web page names
its own site (`og:site_name`): the outlet is left `unknown`, since a site name is not
proof of who published a text, and the warning proposes the id and entry to record it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import yaml

from .text import slugify

if TYPE_CHECKING:
    from .newarticle import Imported

UNKNOWN = ("unknown", "")


def outlet_warnings(imported: Imported, sources: set[str]) -> list[str]:
    """What to add to sources.yml when the article names an outlet it does not have,
    or how to record the site a web page names."""
    if imported.outlet in UNKNOWN:
        return _site_hint(imported, sources)
    if imported.outlet in sources:
        return []
    entry = imported.outlet_entry or {"name": imported.outlet, "type": "unknown"}
    return [
        f"outlet {imported.outlet!r} is not in sources.yml; add it (then check the facts):\n"
        + _entry_text(imported.outlet, entry)
    ]


def _site_hint(imported: Imported, sources: set[str]) -> list[str]:
    if not imported.site_name:
        return []
    name = imported.site_name
    key = slugify(name)
    if not key:
        return [f"outlet: not identified; the page names its site {name!r}"]
    if key in sources:
        return [
            f"outlet: not identified; the page names its site {name!r}: if that is "
            f"{key!r} of sources.yml, set `outlet: {key}`"
        ]
    entry = {"name": name, "domain": urlsplit(imported.url).hostname or None, "type": "unknown"}
    return [
        f"outlet: not identified; the page names its site {name!r}. To record it, set "
        f"`outlet: {key}` and add to sources.yml (then check the facts):\n"
        + _entry_text(key, entry)
    ]


def _entry_text(key: str, entry: dict) -> str:
    text = yaml.safe_dump({key: entry}, sort_keys=False, allow_unicode=True, width=1000)
    return "\n".join("    " + line for line in text.rstrip().split("\n"))

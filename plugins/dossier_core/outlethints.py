"""What import knows and tells about an article's outlet.

`load_outlets` reads sources.yml once per import run (its ids, and the outlet of each
domain); `outlet_for` names an export's or a page's outlet from them.

A wire dateline or signature names an outlet (`reuters`): when sources.yml does not
have it, the warning prints the entry to add (facts only, no labels). A web page names
its own site (`og:site_name`): the outlet is left unidentified (`unknown` here; the
article then gets its site's own placeholder, unidentified.py), since a site name is
not proof of who published a text, and the warning proposes the id and entry to record it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import yaml

from .text import slugify
from .yamlload import YamlProblem, load_yaml

if TYPE_CHECKING:
    from .newarticle import Imported

UNKNOWN = ("unknown", "")


@dataclass(frozen=True)
class Outlets:
    """The outlets of sources.yml: their ids, and the id for each domain."""

    ids: set[str]
    domains: dict[str, str]


def load_outlets(dossier_dir: Path) -> Outlets:
    """The outlets of sources.yml: ids and domains (none when the file is missing or
    broken: `dossier check` reports that; import only needs the names)."""
    try:
        data = load_yaml((dossier_dir / "sources.yml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YamlProblem):
        return Outlets(set(), {})
    if not isinstance(data, dict):
        return Outlets(set(), {})
    domains: dict[str, str] = {}
    for outlet, entry in data.items():
        domain = entry.get("domain") if isinstance(entry, dict) else None
        if isinstance(domain, str) and host_of(domain):
            domains.setdefault(host_of(domain), str(outlet))
    return Outlets({str(key) for key in data}, domains)


def outlet_for(name: str, host: str, outlets: Outlets) -> tuple[str, dict[str, str]]:
    """(outlet id, suggested sources.yml entry): the id of sources.yml whose id is the
    name slugged or whose domain is the site's; else the name slugged (the import warns)."""
    slug = slugify(name) if re.search(r"[^\W_]", name) else ""
    if slug and slug in outlets.ids:
        return slug, {}
    for domain, outlet in outlets.domains.items():
        if host and (host == domain or host.endswith("." + domain)):
            return outlet, {}
    if not slug:
        return "unknown", {}
    entry = {"name": name, "type": "unknown"} | ({"domain": host} if host else {})
    return slug, entry


def host_of(url: str) -> str:
    """'https://www.TASS.com:443/x' -> 'tass.com' (also for a bare domain)."""
    url = url.strip().lower()
    host = re.sub(r"^[a-z]+://", "", url).split("/", 1)[0].split(":", 1)[0]
    return host.removeprefix("www.")


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

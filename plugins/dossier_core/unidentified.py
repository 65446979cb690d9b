"""At import: the outlet of an article whose outlet is not identified.

Every unidentified site gets its own placeholder entry in sources.yml
(`type: unidentified`), never a shared `unknown`: two unrelated sites merged into one
outlet would make every statistic credit them to an outlet that does not exist.

- An article with an address on a domain of sources.yml gets that domain's outlet.
- An article with an address elsewhere gets the placeholder of its domain
  (`unidentified-example-com`, shown as "Unidentified site (example.com)"); later
  articles from that domain share it, since they come from the same site.
- An article without an address gets a placeholder of its own, named after its seed
  (`unidentified-<seed name>`, shown as "Unidentified site N").

Import appends a new placeholder to sources.yml (it asserts no fact, so the build
keeps working) and says so; when the outlet is identified, the analyst sets the
article's `outlet:` to the real one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .atomicwrite import write_atomic
from .model import UNIDENTIFIED
from .outlethints import UNKNOWN, host_of, load_outlets, outlet_for
from .text import slugify
from .yamlload import YamlProblem, load_yaml

if TYPE_CHECKING:
    from .newarticle import Imported

PREFIX = f"{UNIDENTIFIED}-"
NUMBERED = re.compile(r"^Unidentified site (\d+)$")
_SUFFIXES = re.compile(r"(\.[A-Za-z0-9]{1,5})+$")  # .txt, .html.gz, .json
_SEED_HASH = re.compile(r"_[0-9a-f]{16}$")  # what import adds to a copied seed's name


@dataclass
class Placeholder:
    """A new placeholder outlet: its id and its sources.yml entry."""

    outlet: str
    entry: dict[str, str] = field(default_factory=dict)


def assign(
    imported: Imported, seed_rel: str, dossier_dir: Path, sources: set[str]
) -> Placeholder | None:
    """Set the outlet of an article import did not identify (see the module's rules).

    Returns the placeholder to add to sources.yml, or None when the outlet is known
    or already there. `sources` (the ids of sources.yml) learns the placeholder, so
    that one import run never gives two seeds the same one.
    """
    if imported.outlet not in UNKNOWN:
        return None
    address = imported.url or imported.fetched_url
    host = host_of(address) if address else ""
    outlets = load_outlets(dossier_dir)
    taken = sources | outlets.ids
    if host:
        known = outlet_for("", host, outlets)[0]
        if known not in UNKNOWN:
            imported.outlet = known
            return None
        outlet = PREFIX + slugify(host)
        imported.outlet = outlet
        if outlet in taken:
            return None  # the same site: its placeholder is there already
        name = f"Unidentified site ({host})"
    else:
        outlet = _unique(PREFIX + _seed_slug(seed_rel), taken)
        imported.outlet = outlet
        name = f"Unidentified site {_next_number(dossier_dir)}"
    sources.add(outlet)
    entry = {"name": name, "type": UNIDENTIFIED}
    if host:
        entry["domain"] = host
    description = imported.outlet_entry.get("description", "")
    if description:  # what the text tells about its site (a forum post...)
        entry["description"] = description
    return Placeholder(outlet, entry)


def record(dossier_dir: Path, placeholder: Placeholder) -> list[str]:
    """Append the placeholder to sources.yml; what the analyst should know."""
    path = dossier_dir / "sources.yml"
    name = placeholder.entry["name"]
    block = yaml.safe_dump(
        {placeholder.outlet: placeholder.entry}, sort_keys=False, allow_unicode=True, width=1000
    )
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        new = text + ("\n" if text and not text.endswith("\n") else "") + ("\n" if text else "")
        new += block
        if not _appends(text, new, placeholder.outlet):
            raise ValueError("it could not be read as a YAML mapping")
        write_atomic(path, new)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        entry = "\n".join("    " + line for line in block.rstrip().split("\n"))
        return [
            f"outlet: not identified; set to the placeholder {placeholder.outlet!r} "
            f"({name}), which could not be added to {path.name} ({reason}); add it:\n{entry}"
        ]
    return [
        f"outlet: not identified; added the placeholder outlet {placeholder.outlet!r} "
        f"({name}) to {path.name}; when you identify the outlet, set `outlet:` to its id"
    ]


def _appends(old: str, new: str, outlet: str) -> bool:
    """Whether `new` reads as `old`'s mapping plus the one entry (a file in flow style,
    or one that does not parse, is left alone)."""
    try:
        before = load_yaml(old) if old.strip() else {}
        after = load_yaml(new)
    except YamlProblem:
        return False
    before = {} if before is None else before
    return (
        isinstance(before, dict)
        and isinstance(after, dict)
        and set(after) == set(before) | {outlet}
        and outlet not in before
    )


def _seed_slug(seed_rel: str) -> str:
    """'seeds/000_ec0c969ab9af97ed.txt' -> '000'; 'seeds/mc/12_<hash>.json' -> 'mc-12'."""
    path = Path(seed_rel)
    parts = path.parts[1:] if path.parts[:1] == ("seeds",) else path.parts
    stem = _SEED_HASH.sub("", _SUFFIXES.sub("", "/".join(parts)))
    slug = slugify(stem, limit=40)
    return "site" if slug == "article" and "article" not in stem.lower() else slug


def _unique(outlet: str, taken: set[str]) -> str:
    """`outlet`, or `outlet-2`, `-3`...: a seed-named placeholder is one site, never shared."""
    candidate, number = outlet, 2
    while candidate in taken:
        candidate, number = f"{outlet}-{number}", number + 1
    return candidate


def _next_number(dossier_dir: Path) -> int:
    """1 + the highest N of the "Unidentified site N" names in sources.yml."""
    try:
        data: Any = load_yaml((dossier_dir / "sources.yml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YamlProblem):
        return 1
    numbers = [0]
    for entry in (data or {}).values() if isinstance(data, dict) else []:
        found = NUMBERED.match(str(entry.get("name", ""))) if isinstance(entry, dict) else None
        if found:
            numbers.append(int(found.group(1)))
    return max(numbers) + 1

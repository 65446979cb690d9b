"""Import from links: fetch each address and import the page like any saved file.

The fetched bytes are kept as the seed (`newarticle.commit`, as for every import), the
page is read by the same readers as a saved file (`importer.read_seed`), and the
article records where and when it was fetched. An address already in the dossier is
not fetched again unless asked to (`refetch`), and then a new article is written only
when the article text changed. The network part is fetch.py.
"""

from __future__ import annotations

import hashlib
import re
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .fetch import PAGE_TYPES, TIMEOUT, Fetched, FetchError, fetch
from .frontmatter import normalise_body, read_body
from .importer import MAX_SEED_BYTES, ImportFailure, read_seed
from .newarticle import (
    KnownSeeds,
    Outcome,
    address_key,
    commit,
    existing_seeds,
    previous_import,
    seed_path_for,
)
from .outlethints import Outlets, host_of, load_outlets, outlet_for
from .text import slugify


@dataclass
class Links:
    """What import_urls needs to know about the dossier, kept current as it imports."""

    root: Path
    articles_dir: Path
    known: KnownSeeds
    sources: set[str]
    outlets: Outlets | None = None  # ids and domains of sources.yml


def import_urls(
    urls: Iterable[str],
    root: Path,
    articles_dir: Path,
    refetch: bool = False,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_SEED_BYTES,
) -> Iterator[Outcome]:
    """Fetch and import each address in turn (a generator: one outcome per URL).

    An address already in the dossier (as `url` or `fetched_url`) is `unchanged` and
    not fetched, unless `refetch`: then it is fetched and a new article is written
    only when the article text differs from the one in the dossier (that article is
    never touched). A failure writes nothing and is an outcome `failed`.
    """
    links = Links(root, articles_dir, existing_seeds(articles_dir, root), set())
    links.outlets = load_outlets(articles_dir.parent)
    links.sources = links.outlets.ids
    for url in urls:
        try:
            yield import_url(url.strip(), links, refetch, timeout, max_bytes)
        except (FetchError, ImportFailure, OSError, ValueError) as error:
            message = str(error) if str(error).startswith(url) else f"{url}: {error}"
            yield Outcome(url, "failed", "", (message,))


def import_url(url: str, links: Links, refetch: bool, timeout: float, max_bytes: int) -> Outcome:
    """One address -> fetched, kept as a seed, imported (see import_urls)."""
    earlier = links.known.by_address.get(address_key(url))
    if earlier and not refetch:
        note = "already imported from this address; not fetched again (--refetch checks it)"
        return Outcome(url, "unchanged", _rel(earlier, links.root), (note,))
    page = fetch(url, timeout, max_bytes)
    name = page_name(page)
    digest = hashlib.sha256(page.body).hexdigest()
    seed_rel = seed_path_for(name, digest, links.root)
    same_bytes = previous_import(seed_rel, digest, links.known, links.root)
    if same_bytes:
        return replace(same_bytes, seed=url)
    imported = read_seed(page.body, name)
    canonical = urllib.parse.urljoin(page.final_url, imported.url) if imported.url else ""
    if not canonical.lower().startswith(("http://", "https://")):
        canonical = ""  # the page's own address counts only when it is an http(s) one
    imported.url = canonical or page.final_url
    imported.fetched_url, imported.fetched_at = page.final_url, page.fetched_at
    if imported.outlet in ("", "unknown") and links.outlets:  # the site's domain, if known
        imported.outlet = outlet_for("", host_of(imported.url), links.outlets)[0]
    for address in (page.final_url, canonical):
        earlier = earlier or links.known.by_address.get(address_key(address))
    if earlier and read_body(earlier) == normalise_body(imported.body):
        note = "fetched again: the page's bytes changed but not its article text; nothing written"
        return Outcome(url, "unchanged", _rel(earlier, links.root), (note,))
    if earlier:
        imported.warnings.insert(
            0,
            f"a new version of {_rel(earlier, links.root)}: the article text differs from "
            "the one imported before (that file is unchanged); compare the two",
        )
    outcome = commit(
        page.body, seed_rel, imported, links.root, links.articles_dir, links.known, links.sources
    )
    for address in (url, page.final_url, imported.url):
        links.known.by_address[address_key(address)] = links.root / outcome.article
    return replace(outcome, seed=url)


def page_name(page: Fetched) -> str:
    """The seed's name: host and path slugged, .html or .txt by the media type."""
    parts = urllib.parse.urlsplit(page.final_url)
    host = (parts.hostname or "").removeprefix("www.")
    stem = slugify(f"{host} {parts.path} {parts.query}", limit=60)
    suffix = PAGE_TYPES.get(page.content_type)
    if suffix is None:  # no media type given: tell by the bytes
        suffix = ".html" if re.search(rb"<(!doctype|html)\b", page.body[:2048], re.I) else ".txt"
    return stem + suffix


def read_url_list(path: Path) -> tuple[list[str], list[Outcome]]:
    """The addresses of a --urls file (one a line; blank lines and # comments skipped)
    and a failed outcome, naming FILE:LINE, for each line that is not one."""
    try:
        data = path.read_bytes()
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line_number = data[: error.start].count(b"\n") + 1
        where = f"{path}:{line_number}"
        reason = f"{where}: not valid UTF-8 (byte 0x{data[error.start]:02x})"
        return [], [Outcome(where, "failed", "", (reason,))]
    except OSError as error:
        reason = f"{path}: cannot be read ({error.strerror or error})"
        return [], [Outcome(str(path), "failed", "", (reason,))]
    urls: list[str] = []
    bad: list[Outcome] = []
    for number, text_line in enumerate(text.split("\n"), start=1):
        line = re.sub(r"(^|\s)#.*$", "", text_line).strip()
        if not line:
            continue
        try:
            parts = urllib.parse.urlsplit(line)
            ok = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
            ok = ok and " " not in line
        except ValueError:
            ok = False
        if ok:
            urls.append(line)
        else:
            reason = f"{path}:{number}: not an http(s) address: {line!r}"
            bad.append(Outcome(f"{path}:{number}", "failed", "", (reason,)))
    return urls, bad


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()

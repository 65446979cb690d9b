"""Import from links: fetch a page (plain urllib) and import it like any saved file.

`fetch` asks for http(s) addresses only, follows at most MAX_REDIRECTS redirects by
hand (each hop checked), keeps to a timeout for every step and an overall deadline,
stops reading past a size limit, unpacks gzip and deflate, refuses what is not a web
page or text, and names the URL in every error. `import_urls` keeps the fetched bytes
as the seed and never fetches again an address already in the dossier unless told to.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import re
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .bulkimport import Outlets, commit, host_of, outlet_for, source_domains
from .frontmatter import FrontMatterError, normalise_body, split
from .importer import MAX_SEED_BYTES, ImportFailure, known_outlets, read_seed
from .newarticle import KnownSeeds, Outcome, existing_seeds, previous_import, seed_path_for
from .text import slugify
from .yamlload import YamlProblem, load_yaml

TIMEOUT = 20.0  # seconds, for connecting and for the whole fetch
MAX_REDIRECTS = 5
USER_AGENT = "dossier-site/0.1 (annotated news dossier tool; fetches one page an analyst asked for)"
HEADERS = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
# Media types that are pages or text, and the seed's extension for each.
PAGE_TYPES = {"text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt"}
_REDIRECT_CODES = {301, 302, 303, 307, 308}
_KINDS = {"application/pdf": "a PDF document", "application/zip": "a ZIP archive"}
_SAVE_HINT = "save the article as HTML (or copy its text into a .txt file) and import that"


class FetchError(Exception):
    """A page that could not be fetched; the message starts with the URL."""


@dataclass(frozen=True)
class Fetched:
    final_url: str  # after redirects
    body: bytes  # unpacked (gzip, deflate), otherwise as served
    content_type: str  # media type in lower case, "" when the server sent none
    fetched_at: str  # UTC, ISO 8601: 2026-11-30T05:12:03Z


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # fetch() follows redirects itself, so that it checks every hop


def fetch(url: str, timeout: float = TIMEOUT, max_bytes: int = MAX_SEED_BYTES) -> Fetched:
    """Fetch one page. Raises FetchError (URL first) for every way this can fail."""
    deadline = time.monotonic() + timeout
    opener = urllib.request.build_opener(_NoRedirect)
    current = url
    for hop in range(MAX_REDIRECTS + 1):
        try:
            _check_address(url, current, hop)
            request = urllib.request.Request(_ascii_url(current), headers=HEADERS)
            response = opener.open(request, timeout=max(deadline - time.monotonic(), 0.001))
        except urllib.error.HTTPError as error:
            location = error.headers.get("Location")
            error.close()
            if error.code in _REDIRECT_CODES and location:
                current = urllib.parse.urljoin(current, location.strip())
                continue
            raise FetchError(
                f"{url}: the server answered HTTP {error.code} {error.reason}"
            ) from None
        except (OSError, http.client.HTTPException, ValueError) as error:
            raise FetchError(f"{url}: {_explain(error, timeout)}") from None
        with response:
            try:
                body, media = _read(url, response, deadline, timeout, max_bytes)
            except (OSError, http.client.HTTPException) as error:
                raise FetchError(f"{url}: {_explain(error, timeout)}") from None
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return Fetched(current, body, media, now)
    raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects (the last one to {current})")


def _check_address(url: str, current: str, hop: int) -> None:
    parts = urllib.parse.urlsplit(current)
    if parts.scheme.lower() in ("http", "https") and parts.hostname:
        return
    if hop:
        raise FetchError(f"{url}: redirected to {current!r}, which is not an http(s) address")
    scheme = f" (not {parts.scheme}:)" if parts.scheme else ""
    raise FetchError(f"{url}: only http:// and https:// addresses are fetched{scheme}")


def _ascii_url(url: str) -> str:
    """The URL as urllib can send it: IDNA host, percent-encoded path and query."""
    parts = urllib.parse.urlsplit(url)
    host = (parts.hostname or "").encode("idna").decode("ascii")  # user:password@ is dropped
    host = f"[{host}]" if ":" in host else host  # IPv6
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    safe = "/:@!$&'()*+,;=%~-._?"
    path, query = urllib.parse.quote(parts.path, safe), urllib.parse.quote(parts.query, safe)
    return urllib.parse.urlunsplit((parts.scheme, netloc, path, query, ""))


def _read(
    url: str, response: http.client.HTTPResponse, deadline: float, timeout: float, limit: int
) -> tuple[bytes, str]:
    """The unpacked body and media type, within the deadline and the size limit."""
    headers = response.headers
    media = headers.get_content_type() if headers.get("Content-Type") else ""
    if media and media not in PAGE_TYPES:
        kind = _KINDS.get(media) or ("an image" if media.startswith("image/") else media)
        raise FetchError(f"{url}: is {kind} ({media}), not a web page or text; {_SAVE_HINT}")
    length = headers.get("Content-Length", "")
    if length.isdigit() and int(length) > limit:
        raise FetchError(_too_large(url, limit, int(length)))
    chunks, size = [], 0
    while chunk := response.read1(1 << 16):
        size += len(chunk)
        if size > limit:
            raise FetchError(_too_large(url, limit))
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: not complete within {timeout:g} s (the page came too slowly)")
        chunks.append(chunk)
    return _unpack(url, b"".join(chunks), headers.get("Content-Encoding", ""), limit), media


def _unpack(url: str, data: bytes, encoding: str, limit: int) -> bytes:
    """gzip or deflate undone, never past `limit` bytes (a small bomb stays small)."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return data
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchError(f"{url}: the server sent an unsupported Content-Encoding {encoding!r}")
    # gzip; zlib-wrapped deflate (what the standard says); raw deflate (what some send).
    for wbits in (31,) if "gzip" in encoding else (15, -15):
        unpacker = zlib.decompressobj(wbits)
        try:
            out = unpacker.decompress(data, limit + 1)
            if len(out) > limit or unpacker.unconsumed_tail:
                raise FetchError(_too_large(url, limit, what="unpacked "))
            return out + unpacker.flush()
        except zlib.error as error:
            reason = error
    raise FetchError(f"{url}: a damaged {encoding} response ({reason})")


def _too_large(url: str, limit: int, size: int | None = None, what: str = "") -> str:
    amount = _bytes(size) if size else f"over {_bytes(limit)}"  # reading stopped there
    return (
        f"{url}: {what}size is {amount}; the limit is {_bytes(limit)} for one "
        "article. Save the article alone (without embedded media), or copy its text into a "
        ".txt file"
    )


def _bytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


def _explain(error: BaseException, timeout: float) -> str:
    """One readable reason for a network failure."""
    if isinstance(error, urllib.error.URLError) and isinstance(error.reason, BaseException):
        return _explain(error.reason, timeout)
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"TLS error: the certificate was not accepted ({error.verify_message})"
    if isinstance(error, ssl.SSLError):
        return f"TLS error ({error.reason or error})"
    if isinstance(error, TimeoutError):
        return f"no answer within {timeout:g} s (timed out)"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused (nothing answers at that address and port)"
    if isinstance(error, socket.gaierror):
        return f"host not found (DNS: {error.strerror or error})"
    if isinstance(error, http.client.RemoteDisconnected | ConnectionResetError):
        return "the server closed the connection without a complete answer"
    if isinstance(error, http.client.HTTPException):
        return f"a broken HTTP response ({type(error).__name__}: {error})"
    if isinstance(error, urllib.error.URLError):
        return f"cannot be fetched ({error.reason})"
    if isinstance(error, ValueError):
        return f"not a valid address ({error})"
    return f"network error ({getattr(error, 'strerror', None) or error})"


# -- Importing fetched pages ----------------------------------------------------------


@dataclass
class Links:
    """What import_urls needs to know about the dossier, kept current as it imports."""

    root: Path
    articles_dir: Path
    known: KnownSeeds
    sources: set[str]
    outlets: Outlets | None = None  # ids and domains of sources.yml
    pages: dict[str, Path] = field(default_factory=dict)  # url or fetched_url -> article


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
    links.sources = known_outlets(articles_dir.parent)
    links.outlets = Outlets(links.sources, source_domains(articles_dir.parent))
    links.pages = known_pages(articles_dir)
    for url in urls:
        try:
            yield import_url(url.strip(), links, refetch, timeout, max_bytes)
        except (FetchError, ImportFailure, OSError, ValueError) as error:
            message = str(error) if str(error).startswith(url) else f"{url}: {error}"
            yield Outcome(url, "failed", "", (message,))


def import_url(url: str, links: Links, refetch: bool, timeout: float, max_bytes: int) -> Outcome:
    """One address -> fetched, kept as a seed, imported (see import_urls)."""
    earlier = links.pages.get(_key(url))
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
        earlier = earlier or links.pages.get(_key(address))
    if earlier and _body(earlier) == normalise_body(imported.body):
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
        links.pages[_key(address)] = links.root / outcome.article
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


def known_pages(articles_dir: Path) -> dict[str, Path]:
    """url and fetched_url of every article -> its file (the first by name wins)."""
    pages: dict[str, Path] = {}
    for path in sorted(articles_dir.glob("*.md")):
        try:
            data = load_yaml(split(path.read_text(encoding="utf-8"))[0], first_line=2)
        except (OSError, FrontMatterError, YamlProblem, UnicodeDecodeError):
            continue  # `dossier check` reports broken files
        for key in ("url", "fetched_url"):
            value = data.get(key) if isinstance(data, dict) else None
            if isinstance(value, str) and value:
                pages.setdefault(_key(value), path)
    return pages


def read_url_list(path: Path) -> tuple[list[str], list[Outcome]]:
    """The addresses of a --urls file (one a line; blank lines and # comments skipped)
    and a failed outcome, naming FILE:LINE, for each line that is not one."""
    try:
        data = path.read_bytes()
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        where = f"{path}:{line}"
        reason = f"{where}: not valid UTF-8 (byte 0x{data[error.start]:02x})"
        return [], [Outcome(where, "failed", "", (reason,))]
    except OSError as error:
        reason = f"{path}: cannot be read ({error.strerror or error})"
        return [], [Outcome(str(path), "failed", "", (reason,))]
    urls, bad = [], []
    for number, line in enumerate(text.split("\n"), start=1):
        line = re.sub(r"(^|\s)#.*$", "", line).strip()
        if not line:
            continue
        try:
            parts = urllib.parse.urlsplit(line)
            ok = parts.scheme.lower() in ("http", "https") and parts.hostname and " " not in line
        except ValueError:
            ok = False
        if ok:
            urls.append(line)
        else:
            reason = f"{path}:{number}: not an http(s) address: {line!r}"
            bad.append(Outcome(f"{path}:{number}", "failed", "", (reason,)))
    return urls, bad


def _key(url: str) -> str:
    return url.strip().split("#", 1)[0]


def _body(article: Path) -> str | None:
    try:
        return normalise_body(split(article.read_text(encoding="utf-8"))[1])
    except (OSError, UnicodeDecodeError, FrontMatterError):
        return None


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()

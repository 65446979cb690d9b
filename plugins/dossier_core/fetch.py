"""Fetch one web page (plain urllib), safely: the network half of importing links.

`fetch` asks for http(s) addresses only, follows at most MAX_REDIRECTS redirects by
hand (each hop checked), keeps to a timeout for every step and an overall deadline,
stops reading past a size limit, unpacks gzip and deflate, refuses what is not a web
page or text, and names the URL in every error. It knows nothing of the dossier:
turning the page into an article is urlimport.py.
"""

from __future__ import annotations

import datetime as dt
import http.client
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass

from .importer import MAX_SEED_BYTES

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
    """A page as fetched: where it ended up, its bytes, its media type and when."""

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

"""Import from links: fetching pages from a local HTTP server (127.0.0.1 only), every
way a fetch fails, seeds kept byte for byte, nothing written on failure, re-runs."""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import socket
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import SOURCES, tree
from conftest import front_matter as front
from conftest import import_project as project
from dossier_core.cli import main
from dossier_core.fetch import MAX_REDIRECTS, USER_AGENT, FetchError, fetch

# Requests go straight to 127.0.0.1, never through a proxy of the environment.
pytestmark = pytest.mark.usefixtures("no_proxy")

TEXT_PAGE = b"""\
Russia says its military specialists will stay in Venezuela as long as needed

MOSCOW, March 28. /TASS/. Russian military specialists will remain in Venezuela for as \
long as its government needs them, Foreign Ministry spokeswoman Maria Zakharova said.

She said about 100 specialists arrived in Caracas under a 2001 agreement on \
military-technical cooperation, and that Washington had no say in the matter.

- Advertisement -

The United States has demanded that Moscow withdraw its personnel, calling the flights \
a reckless escalation of the crisis over Nicolas Maduro's rule.
"""

HTML_PAGE = b"""\
<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Lavrov and Pompeo discuss Venezuela by phone | TASS</title>
<link rel="canonical" href="https://tass.com/politics/1056797">
<meta property="og:site_name" content="TASS">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Lavrov and Pompeo discuss Venezuela by phone</h1>
<p>MOSCOW, May 1. /TASS/. Russian Foreign Minister Sergey Lavrov told US Secretary of State
Mike Pompeo in a telephone conversation that Washington's interference in Venezuela's
internal affairs is a gross violation of international law, the ministry said.</p>
<p>Lavrov warned that further aggressive steps would be fraught with the gravest
consequences, and called for a dialogue among all political forces in Venezuela.</p>
<p>The call came a day after opposition leader Juan Guaido appealed to the military to
rise up against President Nicolas Maduro in Caracas.</p>
</article>
<footer>Subscribe to our newsletter</footer>
</body></html>
"""


class Server:
    """A local web server (127.0.0.1, random port) with a page for each case."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.agents: set[str] = set()
        self.routes: dict[str, Callable[[BaseHTTPRequestHandler], None]] = {}
        self.changing = TEXT_PAGE
        handler = _handler(self)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.httpd.handle_error = lambda *args: None  # clients that time out on purpose
        self.base = f"http://127.0.0.1:{self.httpd.server_port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            server.hits[self.path] += 1
            server.agents.add(self.headers.get("User-Agent", ""))
            route = server.routes.get(self.path) or _route(self.path, server)
            route(self)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


def send(
    body: bytes,
    content_type: str | None = "text/plain; charset=utf-8",
    status: int = 200,
    **headers: str,
) -> Callable[[BaseHTTPRequestHandler], None]:
    def respond(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        if content_type:
            handler.send_header("Content-Type", content_type)
        for key, value in {"Content-Length": str(len(body)), **headers}.items():
            handler.send_header(key.replace("_", "-"), value)
        handler.end_headers()
        handler.wfile.write(body)

    return respond


def _route(path: str, server: Server) -> Callable[[BaseHTTPRequestHandler], None]:
    hop = re.fullmatch(r"/redirect/(\d+)", path)
    if hop:
        n = int(hop.group(1))
        return send(b"", status=302, Location=f"/redirect/{n - 1}" if n > 1 else "/text")
    return send(b"not here", status=404)


def _slow(handler: BaseHTTPRequestHandler) -> None:
    time.sleep(2)
    send(TEXT_PAGE)(handler)


def _trickle(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.end_headers()
    for _ in range(20):
        handler.wfile.write(b"Caracas. " * 10)
        handler.wfile.flush()
        time.sleep(0.15)


def _stream(size: int) -> Callable[[BaseHTTPRequestHandler], None]:
    def respond(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/plain")
        handler.end_headers()  # no Content-Length: read until the limit
        chunk = b"Venezuela " * 10_000
        for _ in range(size // len(chunk) + 1):
            handler.wfile.write(chunk)

    return respond


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    srv = Server()
    srv.routes.update({
        "/text": send(TEXT_PAGE),
        "/article.html": send(HTML_PAGE, "text/html; charset=utf-8"),
        "/loop": send(b"", status=301, Location="/loop"),
        "/to-file": send(b"", status=302, Location="file:///etc/passwd"),
        "/to-javascript": send(b"", status=302, Location="javascript:alert(1)"),
        "/missing": send(b"Not Found", status=404),
        "/broken": send(b"Internal Server Error", status=500),
        "/slow": _slow,
        "/trickle": _trickle,
        "/big": send(b"x" * 5000),
        "/big-stream": _stream(300_000),
        "/huge": _stream(21_000_000),
        "/report.pdf": send(b"%PDF-1.7\n%...", "application/pdf"),
        "/photo.png": send(b"\x89PNG\r\n\x1a\n....", "image/png"),
        "/gzip": send(gzip.compress(TEXT_PAGE), Content_Encoding="gzip"),
        "/deflate": send(zlib.compress(TEXT_PAGE), Content_Encoding="deflate"),
        "/raw-deflate": send(zlib.compress(TEXT_PAGE, wbits=-15), Content_Encoding="deflate"),
        "/bomb": send(gzip.compress(b"\0" * 2_000_000), Content_Encoding="gzip"),
        "/untyped": send(TEXT_PAGE, None),
        "/changing": lambda handler: send(srv.changing)(handler),
    })  # fmt: skip
    srv.thread.start()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def articles(root: Path) -> list[Path]:
    return sorted((root / "dossier" / "articles").glob("*.md"))


# -- fetch() ---------------------------------------------------------------------------


def test_fetch_a_text_page(server: Server) -> None:
    page = fetch(server.url("/text"))
    assert page.body == TEXT_PAGE
    assert (page.final_url, page.content_type) == (server.url("/text"), "text/plain")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", page.fetched_at)
    assert server.agents == {USER_AGENT} and USER_AGENT.startswith("dossier-site/")


def test_redirects_are_followed_and_the_final_url_recorded(server: Server) -> None:
    page = fetch(server.url(f"/redirect/{MAX_REDIRECTS}"))
    assert page.final_url == server.url("/text") and page.body == TEXT_PAGE


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (f"/redirect/{MAX_REDIRECTS + 1}", "more than 5 redirects"),
        ("/loop", "more than 5 redirects"),
        ("/to-file", "redirected to 'file:///etc/passwd', which is not an http(s) address"),
        ("/to-javascript", "redirected to 'javascript:alert(1)', which is not an http(s) address"),
        ("/missing", "the server answered HTTP 404 Not Found"),
        ("/broken", "the server answered HTTP 500 Internal Server Error"),
        ("/report.pdf", "is a PDF document (application/pdf), not a web page or text"),
        ("/photo.png", "is an image (image/png), not a web page or text"),
    ],
)  # fmt: skip
def test_fetch_failures_name_the_url_and_the_reason(
    server: Server, path: str, message: str
) -> None:
    with pytest.raises(FetchError) as caught:
        fetch(server.url(path))
    assert str(caught.value).startswith(server.url(path) + ": ")
    assert message in str(caught.value)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a.txt",
                                 "data:text/plain,hello", "javascript:alert(1)", "tass.com/x"])  # fmt: skip
def test_only_http_and_https_are_fetched(url: str) -> None:
    with pytest.raises(FetchError, match=r"only http:// and https:// addresses are fetched"):
        fetch(url)


def test_a_slow_server_times_out(server: Server) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"no answer within 0.3 s \(timed out\)"):
        fetch(server.url("/slow"), timeout=0.3)
    assert time.monotonic() - started < 1.5


def test_a_page_that_trickles_in_hits_the_overall_deadline(server: Server) -> None:
    with pytest.raises(FetchError, match=r"not complete within 0.5 s|no answer within 0.5 s"):
        fetch(server.url("/trickle"), timeout=0.5)


@pytest.mark.parametrize(
    ("path", "message"),
    [("/big", "size is 5,000 bytes; the limit is 4,000 bytes"),  # Content-Length says so
     ("/big-stream", "size is over 4,000 bytes"),  # no length: reading stops past the limit
     ("/bomb", "unpacked size is over")],  # 2 MB of zeros in a few KB of gzip
)  # fmt: skip
def test_the_size_limit_stops_reading(server: Server, path: str, message: str) -> None:
    with pytest.raises(FetchError, match=re.escape(message)):
        fetch(server.url(path), max_bytes=4000 if path != "/bomb" else 100_000)


@pytest.mark.parametrize("path", ["/gzip", "/deflate", "/raw-deflate"])
def test_compressed_responses_are_unpacked(server: Server, path: str) -> None:
    assert fetch(server.url(path)).body == TEXT_PAGE


def test_connection_refused() -> None:
    url = f"http://127.0.0.1:{closed_port()}/article"
    with pytest.raises(FetchError, match=re.escape(f"{url}: connection refused")):
        fetch(url)


def test_unknown_host(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_dns(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)  # no resolver is asked
    with pytest.raises(FetchError, match=r"https://no-such-outlet\.invalid/a: host not found"):
        fetch("https://no-such-outlet.invalid/a")


def test_tls_error(server: Server) -> None:
    url = server.url("/text").replace("http://", "https://")  # a plain HTTP server
    with pytest.raises(FetchError, match=re.escape(f"{url}: TLS error")):
        fetch(url, timeout=5)


# -- dossier import URL ------------------------------------------------------------------


def test_import_a_page_keeps_it_byte_for_byte(server: Server, tmp_path: Path) -> None:
    root = project(tmp_path)
    old = os.umask(0o022)
    try:
        assert main(["--root", str(root), "import", server.url("/redirect/2")]) == 0
    finally:
        os.umask(old)
    (article,) = articles(root)
    data = front(article)
    seed = root / data["seed"]
    assert seed.read_bytes() == TEXT_PAGE
    assert data["seed_sha256"] == hashlib.sha256(TEXT_PAGE).hexdigest()
    assert re.fullmatch(r"seeds/127-0-0-1-text_[0-9a-f]{16}\.txt", data["seed"])
    assert data["fetched_url"] == data["url"] == server.url("/text")  # no canonical in text
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", data["fetched_at"])
    assert data["outlet"] == "tass" and data["title"].startswith("Russia says its military")
    assert "- Advertisement -" in [r["text"] for r in data["removed"]]
    for path in (seed, article):
        assert path.stat().st_mode & 0o777 == 0o644


def test_an_imported_address_is_not_fetched_again(server: Server, tmp_path: Path, capsys) -> None:
    root = project(tmp_path)
    assert main(["--root", str(root), "import", server.url("/gzip")]) == 0
    before, hits = tree(root), server.hits["/gzip"]
    capsys.readouterr()
    assert main(["--root", str(root), "import", server.url("/gzip")]) == 0
    out = capsys.readouterr().out
    assert "unchanged" in out and "not fetched again" in out
    assert tree(root) == before and server.hits["/gzip"] == hits
    # --refetch: fetched, and the same bytes are the same seed: nothing new.
    assert main(["--root", str(root), "import", "--refetch", server.url("/gzip")]) == 0
    assert "unchanged" in capsys.readouterr().out
    assert tree(root) == before and server.hits["/gzip"] == hits + 1


def test_refetch_writes_a_new_version_only_when_the_text_changed(
    server: Server, tmp_path: Path, capsys
) -> None:
    root = project(tmp_path)
    url = server.url("/changing")
    server.changing = TEXT_PAGE
    assert main(["--root", str(root), "import", url]) == 0
    (first,) = articles(root)
    original = first.read_text(encoding="utf-8")
    # Only page furniture changed: the bytes differ, the article text does not.
    server.changing = TEXT_PAGE.replace(b"- Advertisement -", b"Advertisement")
    before = tree(root)
    capsys.readouterr()
    assert main(["--root", str(root), "import", "--refetch", url]) == 0
    assert "the page's bytes changed but not its article text" in capsys.readouterr().out
    assert tree(root) == before
    # A stealth edit: a new article and seed; the first article is untouched.
    server.changing = TEXT_PAGE.replace(b"about 100 specialists", b"about 35 specialists")
    assert main(["--root", str(root), "import", "--refetch", url]) == 0
    out = capsys.readouterr().out
    assert f"a new version of dossier/articles/{first.name}" in out
    assert len(articles(root)) == 2 and first.read_text(encoding="utf-8") == original
    second = next(p for p in articles(root) if p != first)
    assert "about 35 specialists" in second.read_text(encoding="utf-8")
    server.changing = TEXT_PAGE


@pytest.mark.parametrize(
    ("path", "message"),
    [("/missing", "HTTP 404"), ("/broken", "HTTP 500"), ("/report.pdf", "a PDF document"),
     ("/to-file", "not an http(s) address")],
)  # fmt: skip
def test_a_failed_fetch_writes_nothing(
    server: Server, tmp_path: Path, capsys, path: str, message: str
) -> None:
    root = project(tmp_path)
    before = tree(root)
    assert main(["--root", str(root), "import", server.url(path)]) == 1
    err = capsys.readouterr().err
    assert f"failed  {server.url(path)}" in err and message in err
    assert tree(root) == before


@pytest.mark.parametrize("url", ["file:///etc/passwd", "javascript:alert(1)", "data:,x"])
def test_other_schemes_on_the_command_line_are_refused(tmp_path: Path, capsys, url: str) -> None:
    root = project(tmp_path)
    before = tree(root)
    assert main(["--root", str(root), "import", url]) == 1
    assert "only http:// and https:// addresses are fetched" in capsys.readouterr().err
    assert tree(root) == before


def test_url_list(server: Server, tmp_path: Path, capsys) -> None:
    root = project(tmp_path)
    links = tmp_path / "links.txt"
    links.write_text(
        "# Russia and Venezuela, spring 2019\n\n"
        f"{server.url('/text')}\n"
        f"{server.url('/missing')}   # gone\n"
        "ftp://example.org/file.txt\n"
        f"{server.url('/untyped')}\n",
        encoding="utf-8",
    )
    assert main(["--root", str(root), "import", "--urls", str(links)]) == 1
    captured = capsys.readouterr()
    assert f"{links}:5: not an http(s) address: 'ftp://example.org/file.txt'" in captured.err
    assert f"{server.url('/missing')}: the server answered HTTP 404" in captured.err
    # /text and /untyped are the same bytes: the second is a duplicate, not a second article.
    assert "1 new" in captured.out and "1 duplicate" in captured.out and "2 failed" in captured.out
    assert len(articles(root)) == 1
    before, hits = tree(root), server.hits["/missing"]
    assert main(["--root", str(root), "import", "--urls", str(links)]) == 1
    captured = capsys.readouterr()
    # The duplicate's address is in no article, so it is fetched again, and still a duplicate.
    assert "2 failed, 1 unchanged, 1 duplicate" in captured.out
    assert server.hits["/missing"] == hits + 1  # a failed address is tried again
    assert tree(root) == before


def test_an_html_page_records_its_canonical_url(server: Server, tmp_path: Path) -> None:
    pytest.importorskip("dossier_core.htmlimport")
    root = project(tmp_path)
    sources = SOURCES.replace("  name: TASS\n", "  name: TASS\n  domain: www.tass.com\n")
    (root / "dossier" / "sources.yml").write_text(sources, encoding="utf-8")
    assert main(["--root", str(root), "import", server.url("/article.html")]) == 0
    (article,) = articles(root)
    data = front(article)
    assert data["url"] == "https://tass.com/politics/1056797"  # the page's own address
    assert data["fetched_url"] == server.url("/article.html")
    assert (root / data["seed"]).read_bytes() == HTML_PAGE
    assert data["seed"].endswith(".html")
    assert data["outlet"] == "tass"  # the canonical address's domain is TASS's in sources.yml
    assert "Lavrov warned that further aggressive steps" in article.read_text(encoding="utf-8")
    # Asked again under the canonical address: known, so not fetched at all.
    assert main(["--root", str(root), "import", "https://tass.com/politics/1056797"]) == 0
    assert len(articles(root)) == 1


def test_a_url_list_that_is_not_utf8(tmp_path: Path, capsys) -> None:
    root = project(tmp_path)
    links = tmp_path / "links.txt"
    links.write_bytes(b"https://tass.com/world/1\nhttps://tass.com/caf\xe9\n")
    assert main(["--root", str(root), "import", "--urls", str(links)]) == 1
    assert f"{links}:2: not valid UTF-8 (byte 0xe9)" in capsys.readouterr().err
    assert articles(root) == []

"""The hostile-import suite (the cases of tests/hostile/cases.yml that have an `input`):
each malicious or malformed input to `dossier import` (file, page, address, export)
fails with its message and exit status 1, and leaves the project exactly as it was."""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
import yaml
from test_fetch import HTML_PAGE, Server, closed_port, send

from conftest import import_project as project
from conftest import tree
from dossier_core.cli import main

# Requests go straight to 127.0.0.1, never through a proxy of the environment.
pytestmark = pytest.mark.usefixtures("no_proxy")

# The import cases of the hostile table (the others are dossier files: test_hostile.py).
CASES = [
    case
    for case in yaml.safe_load((Path(__file__).parent / "hostile" / "cases.yml").read_text("utf-8"))
    if "input" in case
]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
MB = 1_000_000
TEXT = (
    "Maduro says Russia is a friend\n\nCARACAS, March 25. Venezuela's president thanked Moscow.\n"
)
MC_HEADER = "stories_id,publish_date,title,url,media_name,text\n"
MC_ROW = '1,2019-03-25 14:02:11,Planes land,https://tass.com/world/1,TASS,"Two planes landed."\n'
Route = Callable[[BaseHTTPRequestHandler], None]


def _stream(size: int) -> Route:
    def respond(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()  # no Content-Length: the reader must stop by itself
        chunk = b"<p>Venezuela</p>" * 4096
        try:
            for _ in range(size // len(chunk) + 1):
                handler.wfile.write(chunk)
        except OSError:
            pass  # the client stopped reading at the limit

    return respond


def _declared(size: int) -> Route:
    def respond(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(size))  # refused before any byte is read
        handler.end_headers()
        handler.wfile.write(b"<html>")

    return respond


def _slow(handler: BaseHTTPRequestHandler) -> None:
    time.sleep(2)
    send(HTML_PAGE, "text/html")(handler)


FILES: dict[str, Callable[[], bytes]] = {
    "png": lambda: PNG,
    "pdf": lambda: b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n",
    "huge-text": lambda: ((TEXT + "Moscow backs Caracas. " * 1000 + "\n") * 960).encode()[
        : 21 * MB
    ],
    "gzip-bomb": lambda: gzip.compress(b"\n" * 25 * MB),
    "cp1252-text": lambda: TEXT.replace("president", "présidente").encode("cp1252"),
    "nul-text": lambda: TEXT.encode().replace(b"Moscow", b"Mos\x00cow"),
    "furniture-only": lambda: b"\n- Advertisement -\n\nSubscribe to our newsletter\n\n",
    "empty": lambda: b"",
    "mediacloud-csv": lambda: (MC_HEADER + MC_ROW).encode(),
    "csv-without-text": lambda: b"stories_id,title,url\n1,Planes land,https://tass.com/world/1\n",
    "cp1252-csv": lambda: (MC_HEADER + MC_ROW.replace("Planes", "Avions arrivés")).encode("cp1252"),
    "ragged-csv": lambda: b"title,publish_date,text\nPlanes land,Two planes landed.\n",
    "bad-date-csv": lambda: (
        MC_HEADER + MC_ROW.replace("2019-03-25 14:02:11", "03/25/2019")
    ).encode(),
    "impossible-date-csv": lambda: (
        MC_HEADER + MC_ROW.replace("2019-03-25 14:02:11", "2019-02-30 14:02:11")
    ).encode(),
    "broken-json": lambda: b'{"title": "Planes land", "text": "Two planes\n',
    "empty-text": lambda: json.dumps({"title": "Planes land", "text": " \n\n "}).encode() + b"\n",
    "cp1252-jsonl": lambda: '{"title": "Avions arrivés", "text": "x"}\n'.encode("cp1252"),
    "bell-jsonl": lambda: json.dumps({"title": "T", "text": "Two \x1b[31mplanes"}).encode(),
    "script-url-jsonl": lambda: json.dumps(
        {"text": "Two planes.", "url": "javascript:alert(1)"}
    ).encode(),
}
PAGES: dict[str, Route] = {
    "huge-stream": _stream(21 * MB),
    "huge-declared": _declared(60 * MB),
    "gzip-bomb-page": send(gzip.compress(b" " * 25 * MB), "text/html", Content_Encoding="gzip"),
    "pdf-page": send(b"%PDF-1.7\n", "application/pdf"),
    "png-page": send(PNG, "image/png"),
    "png-as-html": send(PNG, "text/html"),
    "not-found": send(b"Not Found", "text/html", status=404),
    "server-error": send(b"Service Unavailable", "text/html", status=503),
    "redirect-to-file": send(b"", status=302, Location="file:///etc/passwd"),
    "redirect-loop": send(b"", status=301, Location="/redirect-loop"),
    "slow": _slow,
    "navigation-only": send(
        b"<!doctype html><html><head><title>TASS</title></head><body><nav>"
        b"<a href='/'>Home</a> <a href='/world'>World</a> <a href='/politics'>Politics</a>"
        b"</nav><footer>Subscribe to our newsletter</footer></body></html>",
        "text/html",
    ),
}


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    srv = Server()
    for case in CASES:
        if case["input"] == "url":
            srv.routes[f"/{case['name']}"] = PAGES[case["generate"]]
    srv.thread.start()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()


def test_the_suite_is_complete() -> None:
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names)) and len(names) >= 40
    used = {case["generate"] for case in CASES if "generate" in case}
    assert used == set(FILES) | set(PAGES)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_hostile_import(
    case: dict, server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    root = project(tmp_path / "project")
    (root / "dossier" / "articles" / "kept.md").write_text(
        "---\nid: kept\ntitle: Kept\noutlet: tass\n---\n\nJuan Guaido spoke.\n", encoding="utf-8"
    )
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    monkeypatch.chdir(inputs)  # inputs are named as a user types them: relative
    file = url = ""
    if case["input"] in ("file", "export"):
        file = case["name"] + case.get("suffix", f".{case.get('format', 'txt')}")
        (inputs / file).write_bytes(FILES[case["generate"]]())
        args = [file] if case["input"] == "file" else ["--format", case["format"], file]
    elif case["input"] == "url":
        url = server.url(f"/{case['name']}")
        args = [url]
    elif case["input"] == "missing":
        args = []
    elif case["input"] == "ptc":
        (inputs / "articles").mkdir()
        (inputs / "labels").mkdir()
        file = "articles/article1.txt"
        (inputs / file).write_bytes(FILES[case["generate"]]())
        args = ["--format", "ptc", "articles", "--labels", "labels"]
    elif case["input"] == "changed-seed":
        (root / "seeds").mkdir()
        (root / "seeds" / "changed.txt").write_bytes(FILES[case["generate"]]())
        (root / "dossier" / "articles" / "changed.md").write_text(
            "---\nid: changed\ntitle: Changed\noutlet: tass\nseed: seeds/changed.txt\n"
            f"seed_sha256: {'0' * 64}\n---\n\nJuan Guaido spoke.\n",
            encoding="utf-8",
        )
        args = [str(root / "seeds" / "changed.txt")]
    else:
        url = case["address"].format(closed_port=closed_port())
        args = [url]
    before = tree(root)
    code = main(["--root", str(root), "import", *args, *case.get("args", [])])
    err = capsys.readouterr().err
    assert case["message"].format(file=file, url=url, inputs=inputs) in err, err
    assert "Errno" not in err and "Traceback" not in err
    assert code == case.get("code", 1)
    assert tree(root) == before, "the project changed"

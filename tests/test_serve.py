"""`mkdocs serve` watches dossier/ (outside docs/) and serves the edited article."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import copy_project


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, needle: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if page and needle in page:
            return True
        time.sleep(0.5)
    return False


def test_serve_rebuilds_when_an_article_changes(tmp_path: Path) -> None:
    copy_project(tmp_path)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}/articles/russia-beats-us-in-venezuela/"
        assert wait_for(url, "Russia beats US in Venezuela", 60), "the site was never served"
        article = tmp_path / "dossier" / "articles" / "russia-beats-us-in-venezuela.md"
        text = article.read_text(encoding="utf-8")
        article.write_text(
            text.replace("summary: ", "summary: Edited-while-serving. ", 1), encoding="utf-8"
        )
        assert wait_for(url, "Edited-while-serving.", 60), "the edit was not rebuilt"
        # The rebuild cleaned the site folder; the first build's search index is put back.
        index = f"http://127.0.0.1:{port}/pagefind/"
        assert wait_for(index + "shards.json", "merge", 30), "search index lost on rebuild"
        assert fetch(index + "pagefind.js"), "search index lost on rebuild"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()

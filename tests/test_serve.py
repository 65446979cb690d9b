"""`mkdocs serve` watches dossier/ (outside docs/) and serves the edited article."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def serving(project: Path, log: Path) -> Iterator[int]:
    """`mkdocs serve` on a free loopback port (yielded), its stderr in `log`; stopped
    on leaving."""
    port = free_port()
    with log.open("wb") as stderr:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def test_serve_rebuilds_when_an_article_changes(tmp_path: Path) -> None:
    copy_project(tmp_path)
    with serving(tmp_path, tmp_path / "serve.log") as port:
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


# A broken save (an impossible date, invalid YAML, a missing quote) and the recovery
# after it: tests/test_live.py, test_a_broken_edit_shows_on_its_page_and_the_next_save_recovers.

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


def test_serve_survives_a_date_that_is_no_date_and_recovers(tmp_path: Path) -> None:
    """`published: 2019-02-30` once made PyYAML raise inside the rebuild and `mkdocs
    serve` hang; now the rebuild reports the located problem, leaves the article out,
    and the next good save brings it back."""
    copy_project(tmp_path)
    log = tmp_path / "serve.log"
    with serving(tmp_path, log) as port:
        url = f"http://127.0.0.1:{port}/articles/russia-beats-us-in-venezuela/"
        assert wait_for(url, "Russia beats US in Venezuela", 60), "the site was never served"
        article = tmp_path / "dossier" / "articles" / "russia-beats-us-in-venezuela.md"
        good = article.read_text(encoding="utf-8")
        lines = good.split("\n")
        number = next(i for i, line in enumerate(lines) if line.startswith("published:"))
        lines[number] = "published: 2019-02-30"
        article.write_text("\n".join(lines), encoding="utf-8")
        deadline = time.monotonic() + 60
        while fetch(url) is not None and time.monotonic() < deadline:
            time.sleep(0.5)  # the rebuild leaves the broken article out
        assert fetch(url) is None, "the rebuild never finished"
        assert fetch(f"http://127.0.0.1:{port}/"), "the server stopped serving"
        message = (
            f"dossier/articles/russia-beats-us-in-venezuela.md:{number + 1}: published: "
            "2019-02-30 is not a date (February 2019 has 28 days); write YYYY-MM-DD"
        )
        assert message in log.read_text(encoding="utf-8")
        assert "Traceback" not in log.read_text(encoding="utf-8")
        article.write_text(good.replace("summary: ", "summary: Fixed-again. ", 1), "utf-8")
        assert wait_for(url, "Fixed-again.", 60), "the next good save was not rebuilt"

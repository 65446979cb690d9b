"""Edit-to-page benchmark: `mkdocs serve --dirty` on a generated dossier; after editing
one article's annotation note, how long until the updated page is served.

Usage: python benchmarks/serve_bench.py [N] [--work /tmp/dossier-bench] [--edits 3]

Uses WORK/n<N> as generate.py made it (build_bench.py makes it too). Reports the first
build (until the site answers) and each save-to-updated-page time.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import yaml


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, needle: str, limit: float) -> float:
    """Seconds until the page at url contains needle (raises after limit)."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
                if needle in response.read().decode("utf-8"):
                    return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"{url} never showed {needle!r} within {limit:.0f} s")


def measure_serve(project: Path, edits: int = 3, limit: float = 900) -> tuple[float, list[float]]:
    article = sorted((project / "dossier" / "articles").glob("*.md"))[0]
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/articles/{article.stem}/"
    try:
        first = wait_for(url, "dossier-text", limit)
        times = []
        for number in range(edits):
            # Letters and digits only: notes show punctuation as character references.
            marker = f"EditedWhileServing{number}x{time.time_ns()}"
            edit_first_note(article, marker)
            times.append(wait_for(url, marker, limit))
        return first, times
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def edit_first_note(article: Path, note: str) -> None:
    """Set the note of the article's first annotation, as an analyst would."""
    front, body = article.read_text(encoding="utf-8").split("\n---\n", 1)
    data = yaml.safe_load(front.removeprefix("---\n"))
    data["annotations"][0]["note"] = note
    dumped = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1_000_000)
    article.write_text(f"---\n{dumped}---\n{body}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=5000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/dossier-bench"))
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    first, times = measure_serve(args.work / f"n{args.n}", args.edits)
    print(f"N={args.n:,}: first build {first:.1f} s; save to updated page: "
          + ", ".join(f"{t:.1f} s" for t in times))  # fmt: skip


if __name__ == "__main__":
    main()

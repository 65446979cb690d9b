"""Edit-to-page benchmark: `mkdocs serve` on a generated dossier; after saving an edit,
how long until the updated page is served, and until every page it changes is written.

Usage: python benchmarks/serve_bench.py [N ...] [--work /tmp/dossier-bench] [--edits 3]

Uses WORK/n<N> as generate.py made it (build_bench.py makes it too). Reports the first
build (until the site answers), then for each of `--edits` saves of an article (its
first annotation's note changed) the time to the article page showing it and to the
server's log line saying every page the edit changes is written (live.py's complete
pass); then a glossary edit (an alias added to an actor, `European` to Brussels, which
the generated texts use often): the time to the actor page showing it and to the end
of the complete pass. The project is restored afterwards.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
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


@dataclass
class ServeTimes:
    first: float  # start to the first page served
    article_page: list[float] = field(default_factory=list)  # save to the page showing it
    article_all: list[float] = field(default_factory=list)  # save to every page written
    glossary_page: float = 0.0
    glossary_all: float = 0.0


DONE = re.compile(r"page\(s\) rewritten|Documentation built")


def wait_for_log(log: Path, before: int, started: float, limit: float) -> float:
    """Seconds from `started` until the log has more finished rebuilds than `before`
    (the complete pass, or a full rebuild), the log quiet for a second after it."""
    deadline = time.perf_counter() + limit
    seen, finished = before, 0.0
    while time.perf_counter() < deadline:
        count = len(DONE.findall(log.read_text(encoding="utf-8", errors="replace")))
        if count > seen:
            seen, finished = count, time.perf_counter() - started
        elif finished and time.perf_counter() - started - finished > 1.0:
            return finished
        time.sleep(0.05)
    raise TimeoutError(f"no rebuild finished within {limit:.0f} s")


def measure_serve(
    project: Path, edits: int = 3, limit: float = 900, keep_log: Path | None = None
) -> ServeTimes:
    article = sorted((project / "dossier" / "articles").glob("*.md"))[0]
    actors = project / "dossier" / "actors.yml"
    saved = {path: path.read_bytes() for path in (article, actors)}
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = Path(tempfile.mkdtemp(prefix="serve-bench-")) / "serve.log"
    with log.open("wb") as stderr:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project, stdout=subprocess.DEVNULL, stderr=stderr, env=env,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}/"
    try:
        result = ServeTimes(wait_for(f"{base}articles/{article.stem}/", "dossier-text", limit))
        done = wait_for_log(log, 0, time.perf_counter(), limit)  # the first build's end
        done = len(DONE.findall(log.read_text(encoding="utf-8", errors="replace")))
        for number in range(edits):
            # Letters and digits only: notes show punctuation as character references.
            marker = f"EditedWhileServing{number}x{time.time_ns()}"
            started = time.perf_counter()
            edit_first_note(article, marker)
            result.article_page.append(wait_for(f"{base}articles/{article.stem}/", marker, limit))
            result.article_all.append(wait_for_log(log, done, started, limit))
            done = len(DONE.findall(log.read_text(encoding="utf-8", errors="replace")))
        started = time.perf_counter()
        add_alias(actors, "brussels", "European")
        shown = "Also written</strong> European"  # the actor page's header
        result.glossary_page = wait_for(f"{base}actors/brussels/", shown, limit)
        result.glossary_all = wait_for_log(log, done, started, limit)
        return result
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        for path, content in saved.items():
            path.write_bytes(content)
        if keep_log is not None:  # where each rebuild's time went (live.py's log lines)
            shutil.copy(log, keep_log)
        shutil.rmtree(log.parent, ignore_errors=True)


def add_alias(actors: Path, actor_id: str, alias: str) -> None:
    """Add an alias to an actor whose `aliases:` is an empty list, as an analyst would."""
    text = actors.read_text(encoding="utf-8")
    start = text.index(f"\n{actor_id}:\n")
    rest = text[start:].replace("  aliases: []", f"  aliases: [{alias}]", 1)
    actors.write_text(text[:start] + rest, encoding="utf-8")


def edit_first_note(article: Path, note: str) -> None:
    """Set the note of the article's first annotation, as an analyst would."""
    front, body = article.read_text(encoding="utf-8").split("\n---\n", 1)
    data = yaml.safe_load(front.removeprefix("---\n"))
    data["annotations"][0]["note"] = note
    dumped = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1_000_000)
    article.write_text(f"---\n{dumped}---\n{body}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="*", default=[5000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/dossier-bench"))
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--logs", type=Path, help="keep each server's log here, as serve-N.log")
    args = parser.parse_args()
    print(
        "| N | first build | article edit: page | article edit: all pages "
        "| glossary edit: page | glossary edit: all pages |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for n in args.n:
        log = args.logs / f"serve-{n}.log" if args.logs else None
        t = measure_serve(args.work / f"n{n}", args.edits, keep_log=log)
        seconds = lambda values: ", ".join(f"{v:.2f}" for v in values)  # noqa: E731
        print(f"| {n:,} | {t.first:.1f} s | {seconds(t.article_page)} s "
              f"| {seconds(t.article_all)} s | {t.glossary_page:.2f} s "
              f"| {t.glossary_all:.2f} s |", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()

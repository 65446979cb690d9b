"""Search benchmark: time from keystroke to first result, and bytes transferred.

Usage: python benchmarks/search_bench.py [N ...] [--work /tmp/dossier-bench] [--runs 5]

Uses the sites that build_bench.py built (WORK/n<N>/site and WORK/n<N>/plain/site).
Each is served on 127.0.0.1 (plain HTTP, no compression); Debian's Chromium
(Playwright, never downloaded) opens the search page in a fresh context, the query is
typed just after load, and we measure the time until the first result is in the DOM
and the bytes the search fetched; median of `runs` fresh contexts. The plain MkDocs +
Material site is measured the same way with Material's built-in search (header box,
its own index, whose full size every page load downloads).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

QUERY = "Maduro"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def one_run(browser, url: str, plain: bool) -> tuple[float, int]:
    context = browser.new_context()
    page = context.new_page()
    sizes: list[int] = []
    armed = {"on": False}

    def count(response) -> None:
        if armed["on"]:
            try:
                sizes.append(len(response.body()))
            except Exception:  # noqa: BLE001 - a redirect or aborted request has no body
                pass

    page.on("response", count)
    if plain:
        page.goto(url)
        page.wait_for_load_state("load")
        armed["on"] = True
        box, result = "input.md-search__input", ".md-search-result__item"
    else:
        page.goto(url + "search/")
        page.wait_for_load_state("load")
        page.wait_for_selector("#dossier-search input")
        armed["on"] = True
        box, result = "#dossier-search input", ".pagefind-ui__result"
    page.locator(box).focus()
    start = time.perf_counter()
    page.keyboard.type(QUERY, delay=0)
    page.wait_for_selector(result, timeout=120_000)
    elapsed = time.perf_counter() - start
    page.wait_for_load_state("networkidle")
    context.close()
    return elapsed * 1000, sum(sizes)


def measure(site: Path, runs: int, plain: bool) -> tuple[float, float]:
    server, url = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            results = [one_run(browser, url, plain) for _ in range(runs)]
            browser.close()
    finally:
        server.shutdown()
    kilobytes = statistics.median(r[1] for r in results) / 1024
    if plain:
        # Material's worker downloads the whole index at every page load, from a web
        # worker whose requests the page does not see: count the index file itself.
        kilobytes = (site / "search" / "search_index.json").stat().st_size / 1024
    return statistics.median(r[0] for r in results), kilobytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[500, 5000, 20000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/dossier-bench"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print("| N | first result, dossier (Pagefind) | KB, dossier "
          "| first result, plain (Material) | KB, plain |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        project = args.work / f"n{n}"
        ms, kb = measure(project / "site", args.runs, plain=False)
        plain_ms, plain_kb = measure(project / "plain" / "site", args.runs, plain=True)
        row = f"| {n:,} | {ms:.0f} ms | {kb:.0f} | {plain_ms:.0f} ms | {plain_kb:.0f} |"
        print(row, flush=True)


if __name__ == "__main__":
    main()

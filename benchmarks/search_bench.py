"""Search benchmark: time from keystroke to first result, and bytes transferred.

Usage: python benchmarks/search_bench.py [N ...] [--work /tmp/dossier-bench] [--runs 5]

Uses the sites that build_bench.py built (WORK/n<N>/site and WORK/n<N>/plain/site).
Each is served on 127.0.0.1 (plain HTTP, no compression, bytes counted by the server);
Debian's Chromium (Playwright, never downloaded) opens a page in a fresh context, the
query is typed just after load, and we measure the time until the first result is in
the DOM and the bytes the search fetched; median of `runs` fresh contexts. Three ways:
the dossier's header box (home page; results listed under the box), the dossier's
search page (every result, filters loaded when opened), and the plain MkDocs + Material site with
Material's built-in search (header box, its own index, downloaded whole at page load).

The first result may come from the precomputed file of a frequent name (search/top/,
dossier_core/searchtop.py) or from Pagefind: each cell says which, and when the full
set was counted (Pagefind's answer in the status line), by the same clock. Bytes count
everything under /pagefind/ and /search/top/.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import threading
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright

QUERY = "Maduro"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


class Counter:
    """Bytes of the search index and code (under /pagefind/) the server sent while
    armed: requests from the page and from Pagefind's web worker alike (a page-level
    listener would miss the worker's)."""

    def __init__(self) -> None:
        self.armed = False
        self.total = 0
        self.lock = threading.Lock()


class Quiet(http.server.SimpleHTTPRequestHandler):
    counter: Counter

    def log_message(self, *args: object) -> None:
        pass

    def copyfile(self, source, outputfile) -> None:  # type: ignore[override]
        data = source.read()
        if self.counter.armed and self.path.startswith(("/pagefind/", "/search/top/")):
            with self.counter.lock:
                self.counter.total += len(data)
        outputfile.write(data)


def serve(folder: Path, counter: Counter) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(
        type("Counted", (Quiet,), {"counter": counter}), directory=str(folder)
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


# Where the query is typed, what counts as its first result, and (dossier) the status
# line that gives Pagefind's count once the full set is known.
MODES = {
    "header": ("", "#dossier-search-input", ".dossier-search__result", ".dossier-search__status"),
    "search page": (
        "search/",
        "#dossier-search-page-input",
        "#dossier-search .dossier-search__result",
        ".dossier-search-page__status",
    ),
    "plain": ("", "input.md-search__input", ".md-search-result__item", ""),
}
TOP = "dossier-search__result--top"  # a result from the precomputed file


# Installed in the page before typing: the time of the first keystroke and of the first
# result in the DOM, both by the page's own clock. (Playwright's wait_for_selector polls
# at growing intervals, up to 500 ms apart, so timing it from the test side would add
# up to half a second of polling to whatever the search took.)
WATCH = """([selector, status, top]) => {
  const times = window.__searchTimes = {};
  document.addEventListener("keydown", () => {
    if (times.key === undefined) times.key = performance.now();
  }, true);
  const counted = /^(about )?[0-9]+ results?|^No results/;
  const check = () => {
    const first = document.querySelector(selector);
    if (times.result === undefined && first) {
      times.result = performance.now();
      times.source = first.classList.contains(top) ? "precomputed" : "pagefind";
    }
    const line = status && document.querySelector(status);
    if (times.counted === undefined && line && counted.test(line.textContent)) {
      times.counted = performance.now();
    }
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true});
}"""


@dataclass
class Run:
    first_ms: float  # keystroke to the first result
    counted_ms: float | None  # keystroke to Pagefind's count (the full set), dossier only
    source: str  # where the first result came from: "precomputed" or "pagefind"
    fetched: int  # bytes


def one_run(browser, url: str, mode: str, counter: Counter, query: str = QUERY) -> Run:
    path, box, result, status = MODES[mode]
    context = browser.new_context()
    page = context.new_page()
    # Everything the search loads counts, from the page's first request: the search
    # page starts loading the index at page load, the header box when it is focused.
    counter.total, counter.armed = 0, True
    page.goto(url + path)
    page.wait_for_load_state("load")
    page.wait_for_selector(box)
    page.wait_for_load_state("networkidle")
    page.evaluate(WATCH, [result, status, TOP])
    page.locator(box).focus()
    page.keyboard.type(query, delay=0)
    page.wait_for_function("window.__searchTimes.result !== undefined", timeout=120_000)
    if status:  # the full set too, so that its bytes count
        page.wait_for_function("window.__searchTimes.counted !== undefined", timeout=120_000)
    times = page.evaluate("window.__searchTimes")
    page.wait_for_load_state("networkidle")
    counter.armed = False
    context.close()
    counted = times["counted"] - times["key"] if "counted" in times else None
    return Run(times["result"] - times["key"], counted, times.get("source", "-"), counter.total)


def measure_runs(site: Path, runs: int, mode: str, query: str = QUERY) -> tuple[list[Run], float]:
    """`runs` fresh contexts, and the median KB fetched."""
    counter = Counter()
    server, url = serve(site, counter)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            results = [one_run(browser, url, mode, counter, query) for _ in range(runs)]
            browser.close()
    finally:
        server.shutdown()
    kilobytes = statistics.median(r.fetched for r in results) / 1024
    if mode == "plain":
        # Material's worker downloads the whole index at page load, before the
        # keystroke (and at every page load): count the index file itself.
        kilobytes = (site / "search" / "search_index.json").stat().st_size / 1024
    return results, kilobytes


def measure(site: Path, runs: int, mode: str, query: str = QUERY) -> tuple[float, float]:
    """Median ms from the keystroke to the first result, and median KB fetched."""
    results, kilobytes = measure_runs(site, runs, mode, query)
    return statistics.median(r.first_ms for r in results), kilobytes


def cell(site: Path, runs: int, mode: str, query: str = QUERY) -> str:
    """A table cell: median time to the first result (and where it came from: the
    precomputed file or Pagefind), median time to the full set's count, KB fetched."""
    results, kilobytes = measure_runs(site, runs, mode, query)
    first = statistics.median(r.first_ms for r in results)
    if mode == "plain":
        return f"{first:.0f} ms | {kilobytes:,.0f}"
    sources = "/".join(sorted({r.source for r in results}))
    counted = statistics.median(r.counted_ms or 0.0 for r in results)
    return f"{first:.0f} ms ({sources}; all counted {counted:.0f} ms) | {kilobytes:,.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[500, 5000, 20000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/dossier-bench"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--query", default=QUERY, help="what is typed (default: %(default)s)")
    parser.add_argument(
        "--modes",
        default="header,search page,plain",
        help="comma-separated: header, search page, plain",
    )
    args = parser.parse_args()
    print("| N | header box (dossier) | KB | search page (dossier) | KB "
          "| plain Material | KB, plain |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        project = args.work / f"n{n}"
        cells = []
        for mode in ("header", "search page", "plain"):
            if mode not in args.modes.split(","):
                cells.append("- | -")
                continue
            site = project / "plain" / "site" if mode == "plain" else project / "site"
            try:
                cells.append(cell(site, args.runs, mode, args.query))
            except Exception as error:  # noqa: BLE001 - reported in the table
                # Material's search at 20,000 pages crashes the tab (its whole index
                # is loaded and rebuilt in the page).
                cells.append(f"failed ({str(error).splitlines()[0][:40]}) | -")
                continue
        print(f"| {n:,} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()

"""Helpers of the browser tests: serve a built site on 127.0.0.1, launch Debian's
Chromium, open pages that never leave 127.0.0.1, run axe-core, keep a screenshot of a
failure.

The fixtures built on them are in conftest.py: `bundled_site` (the bundled project built
once per session), `bundled_site_url` (that site served) and `chromium` (the browser).
Playwright is imported only when a browser starts, so that this module (and conftest.py)
loads where it is not installed.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import sys
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from conftest import CHROMIUM, REPO

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Route

LOCAL_HOST = "127.0.0.1"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
RESULTS = REPO / "test-results"
TIMEOUT_MS = 10_000

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# axe-core's violations, each as {impact, id, nodes: the CSS targets of the elements}.
AXE_RUN = (
    "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    ".map(v => ({impact: v.impact, id: v.id, nodes: v.nodes.map(n => n.target.join(' '))}))"
)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def serving(site_dir: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def assert_links_resolve(site: Path, paths: Iterable[str]) -> None:
    """Each page of a built site (a folder of `site`, as "articles/x/") has an index.html,
    and every relative link on it leads to a file, or to a folder with an index.html."""
    for path in paths:
        page = (site / path / "index.html").read_text(encoding="utf-8")
        for href in re.findall(r'href="([^"#?]+)', page):
            if urlsplit(href).scheme or href.startswith("//"):
                continue
            target = (site / path / href).resolve()
            assert target.exists() or (target / "index.html").exists(), (path, href)


@contextlib.contextmanager
def launched_chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, in Playwright. Skipped where Chromium (or Playwright)
    is absent, except in CI (CI=true), where .ci/run installs both and their absence is
    a failure.

    One Playwright (sync API) at a time: a second one started while another runs in the
    same thread fails, so a browser lives no longer than the module that uses it."""
    in_ci = os.environ.get("CI") == "true"
    if not os.path.exists(CHROMIUM) and not in_ci:
        pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM}")
    if not in_ci:
        pytest.importorskip("playwright", reason="browser tests need the playwright package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def _keep_local(route: Route) -> None:
    if urlsplit(route.request.url).hostname in (None, LOCAL_HOST):
        route.continue_()
    else:
        route.abort()


def local_page(
    browser: Browser,
    scheme: str = "light",
    width: int = 1280,
    *,
    requests: list[str] | None = None,
) -> tuple[BrowserContext, Page]:
    """A page in a fresh context (colour scheme, `width` x 900 px, 10 s timeouts) whose
    requests to any host but 127.0.0.1 are aborted, so that no test reaches the network.
    Every URL the context requests, aborted or not, is appended to `requests` if given
    (see `foreign`). The caller closes the context."""
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    if requests is not None:
        context.on("request", lambda request: requests.append(request.url))
    context.route("**/*", _keep_local)
    return context, context.new_page()


def foreign(urls: Iterable[str]) -> list[str]:
    """The URLs of `urls` on a host other than 127.0.0.1."""
    return [url for url in urls if urlsplit(url).hostname not in (None, LOCAL_HOST)]


def require_axe() -> None:
    """Skip the test where axe-core is not installed; fail it in CI, which installs it."""
    if not AXE.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail("axe-core is missing: .ci/run installs it with npm ci")
        pytest.skip("axe-core is not installed (run `npm ci --ignore-scripts`)")


def axe_violations(page: Page) -> list[dict]:
    """axe-core's violations (of any impact) on the page as it stands, each as
    {impact, id, nodes}. Skips or fails the test as `require_axe` does."""
    require_axe()
    page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN)


def assert_no_axe_violation(page: Page, where: object) -> None:
    """No axe-core violation of any impact on the page; `where` names it on failure."""
    violations = axe_violations(page)
    assert violations == [], (where, violations)


@contextlib.contextmanager
def screenshot_on_failure(page: Page, name: str) -> Iterator[None]:
    """Run the block; if it raises, save a full-page screenshot of `page` to
    test-results/<name>.png, then re-raise."""
    try:
        yield
    except BaseException:
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_") or "test"
        try:
            RESULTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(RESULTS / f"{safe}.png"), full_page=True, timeout=5_000)
        except Exception as exc:  # the screenshot must never hide the real failure
            print(f"could not save a screenshot for {name}: {exc}", file=sys.stderr)
        raise

"""Pagefind indexing of a built site, in shards, while the engine is still writing it.

Pagefind's indexer holds 0.5 to 0.8 MB per page until it writes its bundle, so one
run over 20,000 pages would need 10 to 16 GB. Instead, every page is handed over as
it is written (`add`, called by an engine's adapter, such as the MkDocs plugin); each
`shard_size` pages are indexed by a separate Pagefind run, in a background thread,
one run at a time, while the engine goes on with the next pages on the other core.
Every `bundle_size` pages' worth of shards are then merged into one bundle
(bundles.py, in a child process: no interpreter lock or memory shared with the
engine; once every page is written, with a process per core). When the
number of pages is known beforehand (`expect`), shards and bundles are cut evenly:
20,150 pages make five bundles of 4,030, not four of 5,000 and one of 150. Bundle 0
is written to `pagefind/`, bundle k to `pagefind/bundle-k/`, and
`pagefind/shards.json` lists the others: the browser loads bundle 0 and merges the
rest (Pagefind's `mergeIndex`). A site of at most `bundle_size` pages has one
bundle, as if Pagefind had indexed it in one run. Every bundle is written in the
normal form of bundlefiles.py, so that two builds of the same pages are identical.

Only what the theme marks with data-pagefind-body (page content, see
docs/overrides/main.html) is indexed: never the nav, header, footer or search page.
This module imports no MkDocs.
"""

from __future__ import annotations

import collections
import json
import math
import os
import queue
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from pagefind.service import get_executable

from .bundlefiles import UnsupportedBundle, normalise_bundle
from .bundles import UNSUPPORTED_EXIT
from .tempdirs import make_temp

EXCLUDE = ".headerlink"
MANIFEST = "shards.json"
MARKER = "data-pagefind-body"  # only pages with this attribute are indexed
DEFAULT_SHARD_SIZE = 500  # pages per Pagefind run (the plugin's search_shard_size)
DEFAULT_BUNDLE_SIZE = 5000  # pages per bundle, at most (search_bundle_size)


def site_pages(site_dir: Path) -> list[Path]:
    """The HTML pages of a built site, in path order (the search bundles left out)."""
    return [
        path
        for path in sorted(site_dir.rglob("*.html"))
        if not path.relative_to(site_dir).as_posix().startswith("pagefind/")
    ]


def read_page(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def bundle_dir(site_dir: Path, bundle: int) -> Path:
    return site_dir / "pagefind" if bundle == 0 else site_dir / "pagefind" / f"bundle-{bundle}"


class SearchIndexError(RuntimeError):
    pass


class ShardedIndexer:
    """Collects built pages, indexes them with Pagefind `shard_size` at a time, and
    merges the shards into bundles of about `bundle_size` pages."""

    def __init__(
        self,
        site_dir: Path,
        shard_size: int = DEFAULT_SHARD_SIZE,
        bundle_size: int = DEFAULT_BUNDLE_SIZE,
    ) -> None:
        executable = get_executable()
        if executable is None:
            raise SearchIndexError(
                "the Pagefind binary was not found (pip install 'pagefind[extended]')"
            )
        self.executable = str(executable)
        self.site_dir = site_dir
        self.shard_size = max(1, shard_size)
        self.bundle_size = max(1, bundle_size)
        self.shards_per_bundle = max(1, self.bundle_size // self.shard_size)
        self.staging = make_temp("dossier-search-")
        # A dirty build keeps the old site: its bundle and shards are replaced whole.
        shutil.rmtree(bundle_dir(site_dir, 0), ignore_errors=True)
        self.shard = 0  # the shard pages are being collected for
        self.in_shard = 0
        self._staged: list[str] = []  # the shard's pages (dest_uri), in the order added
        self.pages = 0
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.bundles: list[str] = []  # bundle folders relative to pagefind/ ("" is itself)
        self._next_bundle = 0
        self._abandoned = False
        self._finishing = False  # every page is written: the cores are free
        self._shard_ends: collections.deque[int] = collections.deque()  # from `expect`
        self._ready: queue.Queue[int | None] = queue.Queue()
        self._worker = threading.Thread(target=self._run, name="pagefind", daemon=True)
        self._worker.start()

    def expect(self, pages: int) -> None:
        """At most `pages` pages will be added: cut shards and bundles evenly. (Call
        before the first `add`.)"""
        if pages <= 0 or self.pages:
            return
        bundles = math.ceil(pages / self.bundle_size)
        # Bundles differ by a page at most, and each has the same number of shards
        # (the worker groups them by count), which may exceed shard_size by a few.
        shards = max(1, math.ceil(pages // bundles / self.shard_size))
        ends: list[int] = []
        for bundle in range(bundles):
            low, high = bundle * pages // bundles, (bundle + 1) * pages // bundles
            ends.extend(low + (high - low) * k // shards for k in range(1, shards + 1))
        self.shards_per_bundle = shards
        self._shard_ends = collections.deque(ends)

    def add(self, dest_uri: str, html: str) -> None:
        """A page as written to the site (its path under site_dir, its HTML)."""
        # A shard without any data-pagefind-body page would be indexed whole, nav
        # and all: only marked pages are staged.
        if MARKER not in html:
            return
        pending = self.staging / f"{self.shard}.pending"
        pending.mkdir(exist_ok=True)
        (pending / f"{self.in_shard}.html").write_text(html, encoding="utf-8")
        self._staged.append(dest_uri)
        self.in_shard += 1
        self.pages += 1
        if self._shard_ends:
            if self.pages >= self._shard_ends[0]:
                self._shard_ends.popleft()
                self._close_shard()
        elif self.in_shard >= self.shard_size:  # no plan, or more pages than expected
            self._close_shard()

    def add_site(self) -> None:
        """Every HTML page already in the site folder (for `mkdocs build --dirty`, and
        `index_site`), in path order."""
        for path in site_pages(self.site_dir):
            self.add(path.relative_to(self.site_dir).as_posix(), read_page(path))

    def _close_shard(self) -> None:
        # Pagefind numbers a shard's pages in the order it lists their folder, which
        # on many file systems (tmpfs, btrfs, small ext4 folders) is the order the
        # files were made: they are put in place in path order, so that the pages
        # written by MkDocs, in its order, and those read from disk (`add_site`) make
        # the same shard.
        pending, folder = self.staging / f"{self.shard}.pending", self.staging / str(self.shard)
        folder.mkdir(exist_ok=True)
        for number, dest_uri in sorted(enumerate(self._staged), key=lambda item: item[1]):
            target = folder / dest_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(pending / f"{number}.html", target)
        shutil.rmtree(pending, ignore_errors=True)
        self._staged = []
        self._ready.put(self.shard)
        self.shard += 1
        self.in_shard = 0

    def finish(self) -> int:
        """Index what is left, wait for every shard and bundle, write the manifest;
        the number of bundles."""
        if self.in_shard or self.shard == 0:
            self._close_shard()
        self._finishing = True
        self._ready.put(None)
        self._worker.join()
        shutil.rmtree(self.staging, ignore_errors=True)
        if self.errors:
            raise SearchIndexError("; ".join(self.errors))
        manifest = bundle_dir(self.site_dir, 0) / MANIFEST
        merge = [f"{name}/" for name in self.bundles if name]
        manifest.write_text(json.dumps({"merge": merge}) + "\n", encoding="utf-8")
        return len(self.bundles)

    def abandon(self) -> None:
        """The build failed: stop after the running shard and remove the staged pages."""
        self._abandoned = True
        self._ready.put(None)
        self._worker.join()
        shutil.rmtree(self.staging, ignore_errors=True)

    def _run(self) -> None:
        pending: list[Path] = []  # indexed shards of the bundle being collected
        while (shard := self._ready.get()) is not None:
            source = self.staging / str(shard)
            source.mkdir(parents=True, exist_ok=True)
            output = self.staging / f"pagefind-{shard}"
            command = [
                self.executable, "--site", str(source), "--output-path", str(output),
                "--force-language", "en", "--exclude-selectors", EXCLUDE, "--quiet",
            ]  # fmt: skip
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            shutil.rmtree(source, ignore_errors=True)
            if result.returncode != 0:
                tail = (result.stderr or result.stdout).strip().splitlines()[-3:]
                self.errors.append(f"Pagefind failed on shard {shard}: {' / '.join(tail)}")
                continue
            pending.append(output)
            if len(pending) == self.shards_per_bundle:
                self._write_bundle(pending)
                pending = []
        if pending and not self._abandoned and not self.errors:
            self._write_bundle(pending)

    def _write_bundle(self, shards: list[Path]) -> None:
        """One bundle from indexed shards: moved as it is if there is one, merged if more."""
        number = self._next_bundle
        self._next_bundle += 1
        target = bundle_dir(self.site_dir, number)
        name = "" if number == 0 else target.name  # relative to pagefind/
        if len(shards) == 1:
            move_bundle(shards[0], target)
            self.bundles.append(name)
            try:
                normalise_bundle(target)
            except UnsupportedBundle as error:  # read, not changed: kept as Pagefind wrote it
                self.warnings.append(f"unsupported: {error}")
            except Exception as error:  # told, not lost with the worker thread
                self.errors.append(f"search bundle {number}: {type(error).__name__}: {error}")
            return
        # During the build the engine has one core and Pagefind the other; after it, the
        # merge takes them all (the last bundle's merge is what the build waits for).
        workers = min(os.cpu_count() or 1, 4) if self._finishing else 1
        result = subprocess.run(
            merge_command(target, shards, workers), capture_output=True, text=True, check=False
        )
        if result.returncode == 0:
            self.bundles.append(name)
        elif result.returncode == UNSUPPORTED_EXIT:
            # A Pagefind whose bundles this code cannot read: keep the shards as
            # separate bundles (the browser merges them, at more fetches a search).
            self.warnings.append(result.stderr.strip())
            shutil.rmtree(target, ignore_errors=True)
            for k, shard in enumerate(shards):
                extra = f"bundle-{number}-{k}"
                move_bundle(shard, target if k == 0 else self.site_dir / "pagefind" / extra)
                self.bundles.append(name if k == 0 else extra)
        else:
            tail = result.stderr.strip().splitlines()[-3:]
            self.errors.append(f"merging search bundle {number} failed: {' / '.join(tail)}")
        for shard in shards:
            shutil.rmtree(shard, ignore_errors=True)


def merge_command(target: Path, shards: list[Path], workers: int = 1) -> list[str]:
    return [
        sys.executable, "-m", "dossier_search.bundles", "--workers", str(workers),
        str(target), *map(str, shards),
    ]  # fmt: skip


def move_bundle(source: Path, target: Path) -> None:
    """Put a bundle in place; target's own sub-bundles (pagefind/bundle-k) are kept."""
    target.mkdir(parents=True, exist_ok=True)
    for item in source.iterdir():
        shutil.move(str(item), str(target / item.name))
    shutil.rmtree(source, ignore_errors=True)

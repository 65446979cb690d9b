"""Pagefind indexing of the built site, in shards, while MkDocs is still writing it.

Pagefind's indexer holds 0.5 to 0.8 MB per page until it writes its bundle, so one
run over 20,000 pages would need 10 to 16 GB. Instead, every page is handed over as
MkDocs writes it (`add`); each `shard_size` pages are indexed by a separate Pagefind
run, in a background thread, one run at a time, while MkDocs goes on with the next
pages on the other core. Shard 0 is written to `pagefind/`, shard k to
`pagefind/shard-k/`, and `pagefind/shards.json` lists the others: the browser loads
shard 0's bundle and merges the rest (Pagefind's `mergeIndex`; the WebAssembly is
loaded once, and each shard costs a small metadata file and its own chunk of the
searched word).

Only what the theme marks with data-pagefind-body (page content, see
docs/overrides/main.html) is indexed: never the nav, header, footer or search page.
"""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from pagefind.service import get_executable

EXCLUDE = ".headerlink"
MANIFEST = "shards.json"


def bundle_dir(site_dir: Path, shard: int) -> Path:
    return site_dir / "pagefind" if shard == 0 else site_dir / "pagefind" / f"shard-{shard}"


class SearchIndexError(RuntimeError):
    pass


class ShardedIndexer:
    """Collects built pages and indexes them with Pagefind, `shard_size` at a time."""

    def __init__(self, site_dir: Path, shard_size: int) -> None:
        executable = get_executable()
        if executable is None:
            raise SearchIndexError(
                "the Pagefind binary was not found (pip install 'pagefind[extended]')"
            )
        self.executable = str(executable)
        self.site_dir = site_dir
        self.shard_size = max(1, shard_size)
        self.staging = Path(tempfile.mkdtemp(prefix="dossier-search-"))
        # A dirty build keeps the old site: its bundle and shards are replaced whole.
        shutil.rmtree(bundle_dir(site_dir, 0), ignore_errors=True)
        self.shard = 0  # the shard pages are being collected for
        self.in_shard = 0
        self.pages = 0
        self.errors: list[str] = []
        self._ready: queue.Queue[int | None] = queue.Queue()
        self._worker = threading.Thread(target=self._run, name="pagefind", daemon=True)
        self._worker.start()

    def add(self, dest_uri: str, html: str) -> None:
        """A page as written to the site (its path under site_dir, its HTML)."""
        # A shard without any data-pagefind-body page would be indexed whole, nav
        # and all: only marked pages are staged.
        if "data-pagefind-body" not in html:
            return
        target = self.staging / str(self.shard) / dest_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        self.in_shard += 1
        self.pages += 1
        if self.in_shard >= self.shard_size:
            self._close_shard()

    def add_site(self) -> None:
        """Every HTML page already in the site folder (for `mkdocs build --dirty`)."""
        for path in sorted(self.site_dir.rglob("*.html")):
            relative = path.relative_to(self.site_dir).as_posix()
            if not relative.startswith("pagefind/"):
                self.add(relative, path.read_text(encoding="utf-8"))

    def _close_shard(self) -> None:
        self._ready.put(self.shard)
        self.shard += 1
        self.in_shard = 0

    def finish(self) -> int:
        """Index what is left, wait for every shard, write the manifest; the shard count."""
        if self.in_shard or self.shard == 0:
            self._close_shard()
        self._ready.put(None)
        self._worker.join()
        shutil.rmtree(self.staging, ignore_errors=True)
        if self.errors:
            raise SearchIndexError("; ".join(self.errors))
        shards = [f"shard-{k}/" for k in range(1, self.shard)]
        manifest = bundle_dir(self.site_dir, 0) / MANIFEST
        manifest.write_text(json.dumps({"merge": shards}) + "\n", encoding="utf-8")
        return self.shard

    def abandon(self) -> None:
        """The build failed: stop after the running shard and remove the staged pages."""
        self._ready.put(None)
        self._worker.join()
        shutil.rmtree(self.staging, ignore_errors=True)

    def _run(self) -> None:
        while (shard := self._ready.get()) is not None:
            source = self.staging / str(shard)
            source.mkdir(parents=True, exist_ok=True)
            command = [
                self.executable, "--site", str(source),
                "--output-path", str(bundle_dir(self.site_dir, shard)),
                "--force-language", "en", "--exclude-selectors", EXCLUDE, "--quiet",
            ]  # fmt: skip
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                tail = (result.stderr or result.stdout).strip().splitlines()[-3:]
                self.errors.append(f"Pagefind failed on shard {shard}: {' / '.join(tail)}")
            shutil.rmtree(source, ignore_errors=True)

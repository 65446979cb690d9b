"""Incremental rebuilds under `mkdocs serve`: an edit to the dossier rewrites only the
pages it changes, rendered with the theme's own templates, without MkDocs reading and
rendering the whole site again.

Why its own path: MkDocs' rebuild (even `--dirty`) reloads the config, walks every
file, builds the navigation and converts every page's Markdown before it writes one;
at 5,000 articles that alone is many seconds. Here the last complete build's MkDocs
objects (config, files, navigation, Jinja environment) are kept, and:

1. **Quick page.** Each saved article file gets its own page at once
   (dossier_core.quickpage: that file analysed against the last build), before
   anything else; the browser reloads then.
2. **Complete pass**, in a background thread: the engine runs as for a full build (its
   caches skip what did not change), every page's Markdown and blocks are compared, by
   digest, with what the site holds, and only pages that differ are rendered and
   written; pages gone are removed, new ones added, and the data files, the label
   stylesheet, the seed copies and the sitemap follow. What is then served equals a
   fresh full build of the same files (tests/test_live.py checks it byte for byte). A
   newer save cancels a pass still under way; the next one starts from where it
   stopped.

A change anywhere else (mkdocs.yml, docs/, the theme), a page added or removed when
the navigation lists every page (no `nav:` in mkdocs.yml), or any failure falls back to
MkDocs' own rebuild. This module uses MkDocs' page-building functions
(`mkdocs.commands.build._populate_page` / `_build_page`), the ones its own build loop
calls, and the live-reload server's epoch to reload browsers after the complete pass;
both are internal to MkDocs 1.6, so each use is guarded and falls back.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import Files, InclusionLevel

from .livepages import (
    Captured,
    digest,
    in_order,
    reload_browsers,
    remove_page,
    render_page,
    settle_memory,
    theme_templates,
)

if TYPE_CHECKING:
    from .plugin import DossierPlugin

log = logging.getLogger("mkdocs.plugins.dossier")


class LiveSite:
    def __init__(self, plugin: DossierPlugin) -> None:
        self.plugin = plugin
        self.state: Captured | None = None
        self.render_lock = threading.RLock()  # MkDocs' objects: one thread at a time
        self.generation = 0  # bumped by every save; a pass of an older one stops
        self.changed: set[Path] = set()
        self.elsewhere = False  # a change outside the dossier and seeds folders
        self.event_lock = threading.Lock()
        self.worker: threading.Thread | None = None
        self.server: Any = None
        self.watched: list[Path] = []

    # -- a complete build ------------------------------------------------------------

    def capture(
        self, config: Any, files: Files, nav: Any, env: Any, digests: dict[str, str]
    ) -> None:
        """A complete build has gathered everything and is about to write the pages."""
        self.state = Captured(config, files, nav, env, digests)

    # -- watching -------------------------------------------------------------------

    def install(self, server: Any, folders: list[Path]) -> None:
        """Record which files change (the dossier and seeds folders apart from the rest)
        and put this module's rebuild in front of MkDocs' own."""
        from watchdog.events import FileSystemEventHandler

        self.server = server
        self.watched = [folder.resolve() for folder in folders]
        ours, theirs = FileSystemEventHandler(), FileSystemEventHandler()
        ours.on_any_event = self._recorded  # type: ignore[method-assign]
        theirs.on_any_event = self._elsewhere  # type: ignore[method-assign]
        for folder in self.watched:
            server.observer.schedule(ours, str(folder), recursive=True)
        for path in list(getattr(server, "_watched_paths", {})):
            if Path(path).resolve() not in self.watched:
                server.observer.schedule(theirs, path, recursive=Path(path).is_dir())
        full_build = server.builder
        server.builder = lambda: self.rebuild(full_build)

    def _recorded(self, event: Any) -> None:
        if event.is_directory:
            return
        with self.event_lock:
            for name in (event.src_path, getattr(event, "dest_path", "")):
                if name:
                    self.changed.add(Path(os.fsdecode(name)))

    def _elsewhere(self, event: Any) -> None:
        if not event.is_directory:
            with self.event_lock:
                self.elsewhere = True

    # -- rebuilding -----------------------------------------------------------------

    def rebuild(self, full_build: Callable[[], None]) -> None:
        """Called by the server's build loop after files changed."""
        with self.event_lock:
            changed, self.changed = self.changed, set()
            elsewhere, self.elsewhere = self.elsewhere, False
        self.generation += 1
        if elsewhere or not changed or self.state is None:
            self._wait_for_worker()
            with self.render_lock:
                full_build()
            return
        started = time.perf_counter()
        articles = self.plugin.root / self.plugin.config.dossier_dir / "articles"
        for path in sorted(changed):
            if path.parent == articles and path.suffix == ".md" and path.is_file():
                try:
                    self._quick(path, started)
                except Exception as error:  # the complete pass that follows makes it right
                    log.info("dossier: %s not updated at once (%s)", path.name, error)
        previous = self.worker
        self.worker = threading.Thread(
            target=self._complete, args=(self.generation, previous, full_build, started),
            name="dossier-rebuild", daemon=True,
        )  # fmt: skip
        self.worker.start()

    def _wait_for_worker(self) -> None:
        if self.worker is not None:
            self.worker.join()
            self.worker = None

    def _quick(self, path: Path, started: float) -> None:
        state = self.state
        made = self.plugin.quick_page(path)
        if state is None or made is None:
            return
        with self.render_lock:
            state.digests.pop(made.path, None)  # the complete pass writes it again if need be
            state.keys.pop(made.path, None)
            render_page(state, self.plugin.blocks, made.path, made.markdown, made.blocks)
        log.info(
            "dossier: %s updated in %.2f s; the pages that show it follow",
            made.path, time.perf_counter() - started,
        )  # fmt: skip

    def _complete(
        self,
        generation: int,
        previous: threading.Thread | None,
        full_build: Callable[[], None],
        started: float,
    ) -> None:
        if previous is not None:
            previous.join()
        if generation != self.generation or self.state is None:
            return
        try:
            written: str | None = self._pass(self.state, generation)
        except FallBack as reason:
            log.info("dossier: %s; rebuilding the whole site", reason)
            self.state = None
            with self.render_lock:
                full_build()
            written = ""
        except Exception as error:  # the server must keep serving; say what happened
            log.error("dossier: the incremental rebuild failed (%s); rebuilding the site", error)
            self.state = None
            with self.render_lock:
                try:
                    full_build()
                except Exception as again:
                    log.error("dossier: the rebuild failed too: %s", again)
            written = ""
        if written is None:
            return  # a newer save took over
        if written:
            log.info("dossier: %s; %.2f s after the save", written, time.perf_counter() - started)
        reload_browsers(self.server)
        settle_memory(whole=False)

    def _pass(self, state: Captured, generation: int) -> str | None:
        """The complete pass: what it wrote, and where its time went; None if a newer
        save came."""
        clock = time.perf_counter()
        made = self.plugin.outputs(state.config)
        engine, clock = time.perf_counter() - clock, time.perf_counter()
        pages = {page.path: page for page in made.pages}
        files = state.files
        known = {f.src_uri for f in files.documentation_pages() if f.src_uri in state.digests}
        gone = sorted((set(state.digests) | known) - set(pages))
        added = [path for path in pages if files.get_file_from_path(path) is None]
        if (gone or added) and state.config.nav is None:
            raise FallBack("pages were added or removed and every page is in the navigation")
        documents = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        written, rendering = 0, 0.0
        for path, page in pages.items():
            if generation != self.generation:
                return None
            if page.key and state.keys.get(path) == (page.key, page.markdown):
                continue  # its key says its blocks are the same: no need to hash them
            blocks = self.plugin.rendered.blocks(page)
            new = digest(page.markdown, blocks)
            if state.digests.get(path) != new:
                with self.render_lock:
                    if generation != self.generation:
                        return None
                    started = time.perf_counter()
                    if render_page(
                        state, self.plugin.blocks, path, page.markdown, blocks, documents
                    ):
                        documents = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
                    rendering += time.perf_counter() - started
                    state.digests[path] = new
                written += 1
            if page.key:  # only once the site holds the page this key made
                state.keys[path] = (page.key, page.markdown)
            else:  # (a problem page stands where an article page was)
                state.keys.pop(path, None)
        self.plugin.rendered.sweep()
        self.plugin.memo.sweep()
        compared = time.perf_counter() - clock - rendering
        with self.render_lock:
            for path in gone:
                remove_page(state, path)
                state.digests.pop(path, None)
                state.keys.pop(path, None)
            self.plugin.write_extras(made, Path(state.config.site_dir))
            if gone or added:
                state.files = in_order(state.files, list(pages))
                theme_templates(state)
        return (
            f"{written + len(gone)} page(s) rewritten of {len(pages)} (engine {engine:.2f} s, "
            f"compared in {compared:.2f} s, written in {rendering:.2f} s)"
        )


class FallBack(Exception):
    """The incremental pass cannot make the site right: MkDocs rebuilds it whole."""

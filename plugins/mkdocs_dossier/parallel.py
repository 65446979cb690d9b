"""Writing the documentation pages in worker processes (by default one per core, but one
left to Pagefind when search is on).

MkDocs builds in two passes: it renders every page's Markdown, then (after `on_env`,
the static files and the theme's templates) passes each page through the theme's
template and the plugins' `on_page_context` / `on_post_page`, and writes it. The
second pass is most of a large dossier's build and runs on one core. Here, in
`on_env` (every page populated, the Jinja environment final), the plugin forks worker
processes (`fork`: they share the populated pages copy-on-write, nothing is pickled)
that call MkDocs' own `_build_page` on contiguous chunks of the pages, in order, with
Material's template and every plugin's events, and write them. The parent takes the
chunks back in page order: it replays their log records through its own loggers (so
`--strict` counts a warning logged while a page is written) and hands each written
page to the Pagefind indexer, read back from the site, in the order MkDocs would have,
so the search bundles are the same bytes. MkDocs' own page loop then skips the pages
already written (its `_build_page` is wrapped while they remain), and everything after
it (anchor validation, `on_post_build`, the sitemap and 404 templates) runs as before.

Pages are written in one process when parallelism would not be safe or not pay:
`workers: 1` or one core; fewer than MIN_PAGES pages; `serve` (the incremental serve
path needs the objects in this process) and `--dirty`; no `fork`; a page with the
path of a static file (which is copied before the pages are written); or a plugin
other than the ones known to keep no state from the page-writing events (a plugin that
collects per page, such as a search plugin, would collect in a child and lose it).
An exception in a worker fails the build naming the page; a worker that dies fails it
too, never hangs (concurrent.futures reports a broken pool).

The objects the parent built are shared with the children copy-on-write: the garbage
collector is frozen around the fork, so that neither side's collections touch (and
copy) the other's memory; a child copies only what it touches (its pages' objects).

vl-convert cannot be used in a child: its JavaScript engine, started in the parent by
the overview's charts, runs in a thread the fork does not copy (a call waits forever).
A page that draws a chart (about a hundred: the most-mentioned actors, the largest
outlets) stops in the child (pageworker.ParentOnly) and is written by the parent in
its turn, while the workers go on. On two cores, Pagefind already indexes on the second
core while MkDocs writes pages on one: with two workers the writing takes about half
the time but Pagefind's share moves after it (measured in benchmarks/README.md).
"""

from __future__ import annotations

import gc
import importlib
import logging
import multiprocessing
import os
import sys
import warnings
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from . import pageworker
from .pageworker import Job

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    from .plugin import DossierPlugin

log = get_plugin_logger(__name__)

MIN_PAGES = 200  # below this, forking costs more than it saves
# Plugins whose page-writing events (on_page_context, on_post_page) keep no state and
# change nothing but the page: safe in a child. (material/search collects every page in
# on_page_context, privacy and social in on_post_page; group may hold any plugin.)
SAFE = {"dossier", "material/info", "material/meta", "material/offline", "material/tags"}
SAFE_PLUGINS = frozenset(SAFE | {"material/typeset"})


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def page_workers(plugin: DossierPlugin) -> int:
    """Processes writing pages: the option, or by default one per core but one, left to
    Pagefind, which indexes the pages while they are written (measured at 5,000 articles
    on 2 cores: two writers made the build slower, as Pagefind then waited for a core)."""
    if plugin.config.workers:
        return plugin.config.workers
    return max(1, cores() - (1 if plugin.config.search else 0))


def why_sequential(
    plugin: DossierPlugin, config: MkDocsConfig, files: Files, pages: list[File]
) -> str:
    """Why the pages must be written in this process ("" when they need not)."""
    workers = plugin.config.workers
    if workers < 0:
        raise PluginError(f"dossier plugin option workers: {workers} (0 is one per core)")
    if workers == 1:
        return "plugin option workers: 1"
    if plugin.serving:
        return "serving"
    if plugin.index_from_disk:
        return "a --dirty build"
    if "fork" not in multiprocessing.get_all_start_methods():
        return "this system cannot fork worker processes"
    if page_workers(plugin) < 2:
        return "one core (with search on, one core is left to Pagefind)"
    if len(pages) < MIN_PAGES:
        return f"{len(pages)} pages (worker processes from {MIN_PAGES})"
    for name in config.plugins:
        if name.split(" #")[0] not in SAFE_PLUGINS:
            return f"plugin '{name}' is not known to be safe in worker processes"
    if plugin.nav is None:
        return "no navigation was built"
    static = {f.dest_uri for f in files if not f.is_documentation_page()}
    static |= set(config.theme.static_templates)
    for file in pages:
        if file.dest_uri in static:
            return f"page '{file.src_uri}' has the path of a static file or template"
    return ""


def write_pages(
    plugin: DossierPlugin, env: jinja2.Environment, config: MkDocsConfig, files: Files
) -> None:
    """In `on_env`: write every documentation page in worker processes, when it is safe
    (else say why, in one line, and leave them to MkDocs)."""
    restore()
    pages = list(files.documentation_pages())
    reason = why_sequential(plugin, config, files, pages)
    module = importlib.import_module(f"{type(config).__module__.split('.')[0]}.commands.build")
    if not reason and not callable(getattr(module, "_build_page", None)):
        reason = f"{module.__name__} has no _build_page"
    if reason:
        log.info("pages written in one process: %s", reason)
        return
    assert plugin.nav is not None
    workers = page_workers(plugin)
    size = max(10, min(100, len(pages) // (workers * 8)))
    chunks = [range(k, min(k + size, len(pages))) for k in range(0, len(pages), size)]
    log.info("writing %d pages in %d worker processes", len(pages), workers)
    job = Job(module._build_page, pages, chunks, config, plugin.nav, env, plugin)
    pageworker.job = job  # the children see it: they are forked from here
    gc.freeze()  # no collection on either side touches (and copies) the shared objects
    try:
        _run(job, workers)
    finally:
        pageworker.job = None
        gc.unfreeze()
    for file in pages:
        plugin.blocks.pop(file.src_uri, None)  # as on_post_page does when it writes one
    _skip_in(module, pages)


def _run(job: Job, workers: int) -> None:
    context = multiprocessing.get_context("fork")
    with warnings.catch_warnings():  # Python 3.12+ warns of fork beside threads (Pagefind's)
        warnings.filterwarnings("ignore", ".*fork", DeprecationWarning)
        pool = ProcessPoolExecutor(workers, mp_context=context, initializer=pageworker.start)
        futures = [pool.submit(pageworker.write_chunk, number) for number in range(len(job.chunks))]
    indexer = job.plugin.indexer
    try:
        for chunk, future in zip(job.chunks, futures, strict=True):
            first = job.files[chunk[0]].src_uri
            try:
                report = future.result()
            except BrokenProcessPool:
                raise PluginError(
                    f"a worker process stopped (killed, or out of memory?) while writing "
                    f"the pages from '{first}' on"
                ) from None
            except Exception as error:  # in the worker, around the pages
                raise PluginError(
                    f"writing the pages from '{first}' on: {type(error).__name__}: {error}"
                ) from None
            for record in report.records:  # as if logged here: --strict counts them
                logging.getLogger(record.name).handle(record)
            if report.error is not None:
                page, message = report.error
                raise PluginError(f"Error building page '{page}' (in a worker process): {message}")
            for index in chunk:
                if index in report.parent:
                    pageworker.build(job, job.files[index])  # here, indexed by on_post_page
                elif indexer is not None:
                    _index(indexer, job.files[index], report.outputs, index)
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _index(indexer: Any, file: File, outputs: dict[int, str | None], index: int) -> None:
    """Hand a page written by a worker to the indexer, as on_post_page would have."""
    if index in outputs:
        html = outputs[index]
        if html is not None:
            indexer.add(file.dest_uri, html)
        return
    with open(file.abs_dest_path, "rb") as page:
        indexer.add(file.dest_uri, page.read().decode("utf-8"))


# MkDocs' page loop is left to run: its _build_page passes over the pages already
# written, and is put back once it has passed over all of them (or at the next build).
_skip: dict[int, Page] = {}
_originals: dict[str, Callable[..., None]] = {}


def _skip_in(module: Any, files: list[File]) -> None:
    _skip.update((id(file.page), file.page) for file in files if file.page is not None)
    original = module._build_page
    _originals[module.__name__] = original

    def build_page(page: Page, *args: Any, **kwargs: Any) -> None:
        if _skip.get(id(page)) is page:
            del _skip[id(page)]
            if not _skip:
                restore()
            return
        original(page, *args, **kwargs)

    module._build_page = build_page


def restore() -> None:
    """Put MkDocs' own _build_page back (after the page loop, or a failed build)."""
    _skip.clear()
    for name, original in _originals.items():
        sys.modules[name]._build_page = original  # type: ignore[attr-defined]
    _originals.clear()

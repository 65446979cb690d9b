"""The `dossier` MkDocs plugin: wires dossier_core to MkDocs events, nothing more.

- on_config: add the label stylesheet (generated from labels.yml) to extra_css, and
  the annotate panel's script and stylesheet where the `annotate` option turns it on.
- on_files: load the dossier, report its problems as warnings (so `--strict` fails),
  and add every generated page, the label stylesheet and the seed files as generated
  Files (MkDocs >= 1.6); and the data files (data/: the exports, datafiles.py),
  written to a temporary folder removed after the build, with the data page.
- on_post_page: put the engine's finished HTML blocks in place of their placeholders.
- on_startup: under `serve`, keep per-article analysis and rendered blocks between
  rebuilds.
- on_serve: watch the dossier and seed folders, which live outside docs/; an edit
  there is rebuilt incrementally (live.py: only the pages it changes are rewritten),
  using the MkDocs objects kept at on_nav / on_env.
- on_pre_build / on_post_page / on_post_build: hand every written page to Pagefind,
  which indexes them in shards while the build goes on, merged into bundles (the
  dossier_search package, which imports no MkDocs).
"""

from __future__ import annotations

import shutil
import threading
from dataclasses import replace
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from dossier_core import build_index, build_pages, load_dossier, seed_path
from dossier_core.caches import PageCache
from dossier_core.datafiles import DataCache, DataOptions, base_url, write_data_files
from dossier_core.datapage import data_page
from dossier_core.dossier import ArticleCache, Dossier
from dossier_core.linking import AnalysisCache, DossierIndex
from dossier_core.matching import Matcher
from dossier_core.memo import ItemMemo
from dossier_core.pagekit import Page as DossierPage
from dossier_core.pagekit import fill_blocks
from dossier_core.problempages import with_problems
from dossier_core.quickpage import quick_article_page
from dossier_core.scriptdata import write_script_data
from dossier_core.settings import RenderSettings
from dossier_core.styles import STYLESHEET_PATH, label_stylesheet
from dossier_search import SearchIndexError, ShardedIndexer
from dossier_search.tempdirs import make_temp

from . import parallel
from .annotating import add_panel, leave_out_panel, panel_on
from .config import DossierConfig
from .live import LiveSite
from .livepages import digest, settle_memory
from .siteoutputs import SiteOutputs, copy_tree, write_extras

log = get_plugin_logger(__name__)

# Under serve, the first build's search bundle is kept here, in the temporary folder of
# generated pages (a name no page path can take: pages end in .md).
SEARCH_COPY = ".pagefind-first-build"
# Under serve, Pagefind runs once (it re-indexes the whole site); the search page says so.
SEARCH_PAGE = "search.md"
SEARCH_MOUNT = '<div id="dossier-search"'
SERVE_NOTE = (
    '<p class="dossier-serve-note"><strong>While <code>mkdocs serve</code> runs, search '
    "covers the site as it was first built:</strong> pages edited since are found by their "
    "old text, and new pages not at all. <code>mkdocs build</code> (or restarting the server) "
    "indexes everything.</p>\n"
)


class DossierPlugin(BasePlugin[DossierConfig]):
    def __init__(self) -> None:
        self.root = Path.cwd()
        self.blocks: dict[str, DossierPage | tuple[str, ...]] = {}  # pages to fill
        self.serving = False
        self.cache = AnalysisCache()  # per-article analysis, kept across serve rebuilds
        self.articles = ArticleCache()  # parsed article files, likewise
        self.data_cache = DataCache()  # each article's share of the data files, likewise
        self.memo = ItemMemo()  # serve: listing items, likewise
        self.rendered = PageCache()  # serve: the last build's page blocks, by key
        self.pages_dir: Path | None = None  # serve: where the first build's search index is kept
        self.live = LiveSite(self)  # serve: incremental rebuilds (live.py)
        self.digests: dict[str, str] = {}  # serve: each generated page's digest
        self.last: tuple[Dossier, DossierIndex, RenderSettings] | None = None  # serve
        self.matcher: tuple[str, Matcher] | None = None  # serve: for quick pages
        self.nav: Navigation | None = None
        self.seeds: list[str] = []
        self.searched = False
        self.index_from_disk = False
        self.indexer: ShardedIndexer | None = None  # between on_pre_build and on_post_build
        self.data_dir: Path | None = None  # the data files, from on_files to on_post_build

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        # `mkdocs build --dirty` writes only changed pages: the index is then built
        # from every page on disk after the build, not from the pages written.
        self.index_from_disk = dirty and not self.serving
        if self.serving:
            self.pages_dir = make_temp("dossier-pages-")

    def on_shutdown(self) -> None:
        self._remove_data()
        if self.pages_dir is not None:
            shutil.rmtree(self.pages_dir, ignore_errors=True)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        if STYLESHEET_PATH not in config.extra_css:
            config.extra_css.append(STYLESHEET_PATH)
        if self.annotating():
            add_panel(config)
        return config

    def annotating(self) -> bool:
        """The annotate panel is on: under serve by default, in builds if `always`."""
        return panel_on(self.config.annotate, self.serving)

    def outputs(self, config: MkDocsConfig) -> SiteOutputs:
        """Everything the dossier adds to the site: the engine's pages (with the data
        page), the data files (written to a temporary folder, an article at a time,
        never held), the label stylesheet and the seeds. The same for a full build
        (on_files) and for an incremental one while serving (live.py)."""
        dossier = load_dossier(self.root, self.config.dossier_dir, cache=self.articles)
        # Articles are analysed in worker processes (analysispool.py) in the main thread
        # only: a serve rebuild's thread must not fork beside the server's threads.
        main = threading.current_thread() is threading.main_thread()
        workers = (self.config.workers or None) if main else 1
        index = build_index(dossier, cache=self.cache, workers=workers)
        for problem in dossier.problems + index.problems:
            log.warning(str(problem))
        settings = RenderSettings(directory_urls=config.use_directory_urls)
        if self.serving:  # listing items kept between rebuilds (memo.py)
            # Items show outlet names, not the glossary's actors or labels (memo.py).
            self.memo.begin(dossier.registry.sources, settings)
            settings = replace(settings, memo=self.memo)
        options = DataOptions(base_url(config.site_url), self.config.data_licence)
        data_dir = make_temp("dossier-data-")
        # While serving, each article's share is kept for the next rebuild; a build
        # writes them and holds none (at 20,000 articles they are hundreds of MB).
        chunks = self.data_cache if self.serving else None
        data = write_data_files(dossier, index, options, data_dir, chunks)
        pages = [
            *build_pages(dossier, index, settings),
            data_page(dossier, data, options, settings),
        ]
        if self.serving:
            problems = dossier.problems + index.problems
            pages = with_problems(pages, problems, self.config.dossier_dir)
            self.last = (dossier, index, settings)  # for quick pages (live.py)
        css = label_stylesheet(dossier.registry.labels.values())
        seeds = sorted({a.seed for a in dossier.articles if a.seed})
        summary = (len(dossier.articles), len(dossier.registry.actors),
                   len(dossier.registry.sources),
                   sum(len(entry.annotations) for entry in index.articles.values()))  # fmt: skip
        extra = [item.path for item in data.files]
        # what the site's scripts read: search/top/, articles/index.json, the panel's data
        extra += write_script_data(dossier, index, settings, data_dir, self.annotating())
        return SiteOutputs(pages, data_dir, extra, css, seeds, summary)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        made = self.outputs(config)
        self._remove_data()
        self.data_dir = made.data_dir
        self.seeds = made.seeds
        self.blocks = {}
        self.digests = {}
        for path in made.data_files:
            files.append(File.generated(config, path, abs_src_path=str(made.data_dir / path)))
        if not self.annotating():
            leave_out_panel(files)
        for page in made.pages:
            files.append(File.generated(config, page.path, content=page.markdown))
            if self.serving:
                # While serving, blocks are kept (by key) for the next build, and each
                # page's digest tells the incremental rebuild what changed (live.py).
                blocks = self.rendered.blocks(page)
                self.digests[page.path] = digest(page.markdown, blocks)
                if blocks:
                    self.blocks[page.path] = blocks
            elif page.has_blocks:
                self.blocks[page.path] = page  # rendered when the page is written
        if self.serving:
            self.rendered.sweep()  # pages gone or changed since the last build are dropped
            self.memo.sweep()
        files.append(File.generated(config, STYLESHEET_PATH, content=made.css))
        for seed in made.seeds:
            files.append(
                File.generated(config, seed_path(seed), abs_src_path=str(self.root / seed))
            )
        if self.indexer is not None:
            # The pages the index will hold (at most): the indexer cuts bundles evenly.
            unsearched = sum(not page.searchable for page in made.pages)
            self.indexer.expect(len(files.documentation_pages()) - unsearched)
        log.info("%d articles, %d actors, %d sources, %d annotations", *made.summary)
        return files

    def write_extras(self, made: SiteOutputs, site: Path) -> None:
        """The files beside the pages, after an incremental rebuild (siteoutputs.py)."""
        write_extras(made, site, self.root, self.seeds)
        self.seeds = made.seeds

    def quick_page(self, path: Path) -> DossierPage | None:
        """The page of one saved article at once, from the last build (quickpage.py)."""
        if self.last is None:
            return None
        dossier, index, settings = self.last
        if self.matcher is None or self.matcher[0] != index.registry_key:
            self.matcher = (index.registry_key, Matcher(dossier.registry.actors.values()))
        return quick_article_page(path, dossier, index, self.matcher[1], settings)

    @event_priority(-100)  # last: the nav MkDocs will use
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    @event_priority(-100)  # last: the pages are written here, after every plugin's on_env
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if self.serving:
            self.live.capture(config, files, self.nav, env, self.digests)
        parallel.write_pages(self, env, config, files)  # in worker processes, if safe
        return env

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Put the finished HTML blocks (article text, notes, long lists) in place of
        their placeholders in the page as written. Markdown never parses them, and
        they are rendered here, one page at a time, rather than all held in memory
        from Markdown time to template time (MkDocs renders every page's Markdown
        before it writes any)."""
        item = self.blocks.pop(page.file.src_uri, None)
        if item is not None:
            output = fill_blocks(output, item if isinstance(item, tuple) else item.blocks)
        if self.indexer is not None and not self.index_from_disk:
            self.indexer.add(page.file.dest_uri, output)
        if self.serving and page.file.src_uri == SEARCH_PAGE:
            output = output.replace(SEARCH_MOUNT, SERVE_NOTE + SEARCH_MOUNT, 1)
        return output

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder
    ) -> LiveReloadServer:
        folders = [self.root / self.config.dossier_dir, self.root / "seeds"]
        folders = [folder for folder in folders if folder.is_dir()]  # seeds/ is optional
        for folder in folders:
            server.watch(str(folder))
        self.live.install(server, folders)
        return server

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.search or (self.serving and self.searched):
            return
        self.indexer = ShardedIndexer(
            Path(config.site_dir), self.config.search_shard_size, self.config.search_bundle_size
        )

    def _remove_data(self) -> None:
        if self.data_dir is not None:
            shutil.rmtree(self.data_dir, ignore_errors=True)
            self.data_dir = None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._remove_data()  # copied into the site by now
        bundle = Path(config.site_dir) / "pagefind"
        if self.indexer is None:
            if self.serving and self.searched and self.pages_dir is not None:
                # Pagefind re-indexes the whole site (tens of seconds at thousands of
                # articles); while serving, the first build's index is kept, and put
                # back when a rebuild has cleaned the site folder.
                if not bundle.exists():
                    copy_tree(self.pages_dir / SEARCH_COPY, bundle)
                log.info("search index kept from the first build (restart serve to refresh it)")
                settle_memory(whole=True)
            return
        indexer, self.indexer = self.indexer, None
        try:
            if self.index_from_disk:
                indexer.add_site()
            bundles = indexer.finish()
        except SearchIndexError as error:
            raise PluginError(f"search index: {error}") from error
        for warning in indexer.warnings:
            log.warning("search index: shards kept unmerged (%s)", warning)
        self.searched = True
        if self.serving and self.pages_dir is not None:
            copy_tree(bundle, self.pages_dir / SEARCH_COPY)
            settle_memory(whole=True)
        log.info("search index: %d pages in %d bundle(s)", indexer.pages, bundles)

    def on_build_error(self, *, error: Exception) -> None:
        parallel.restore()  # MkDocs' own page writing, if the build stopped before it
        self._remove_data()
        if self.indexer is not None:
            self.indexer.abandon()
            self.indexer = None

"""The `dossier` MkDocs plugin: wires dossier_core to MkDocs events, nothing more.

- on_config: add the label stylesheet (generated from labels.yml) to extra_css.
- on_files: load the dossier, report its problems as warnings (so `--strict` fails),
  and add every generated page, the label stylesheet and the seed files as generated
  Files (MkDocs >= 1.6); and the data files (data/: the exports, datafiles.py),
  written to a temporary folder removed after the build, with the data page.
- on_post_page: put the engine's finished HTML blocks in place of their placeholders.
- on_startup: under `serve`, keep per-article analysis and generated pages between
  rebuilds (with `mkdocs serve --dirty`, only the pages an edit changed are rebuilt).
- on_serve: watch the dossier and seed folders, which live outside docs/.
- on_pre_build / on_post_page / on_post_build: hand every written page to Pagefind,
  which indexes them in shards while the build goes on, merged into bundles (the
  dossier_search package, which imports no MkDocs).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from dossier_core import build_index, build_pages, load_dossier, seed_path
from dossier_core.caches import PageCache
from dossier_core.datafiles import DataOptions, base_url, write_data_files
from dossier_core.datapage import data_page
from dossier_core.dossier import ArticleCache
from dossier_core.linking import AnalysisCache
from dossier_core.pagekit import Page as DossierPage
from dossier_core.pagekit import fill_blocks
from dossier_core.settings import RenderSettings
from dossier_core.styles import STYLESHEET_PATH, label_stylesheet
from dossier_search import SearchIndexError, ShardedIndexer
from dossier_search.tempdirs import make_temp

from .config import DossierConfig

log = get_plugin_logger(__name__)

# Under serve, the first build's search bundle is kept here, in the temporary folder of
# generated pages (a name no page path can take: pages end in .md).
SEARCH_COPY = ".pagefind-first-build"


class DossierPlugin(BasePlugin[DossierConfig]):
    def __init__(self) -> None:
        self.root = Path.cwd()
        self.blocks: dict[str, DossierPage | tuple[str, ...]] = {}  # pages to fill
        self.serving = False
        self.cache = AnalysisCache()  # per-article analysis, kept across serve rebuilds
        self.articles = ArticleCache()  # parsed article files, likewise
        self.rendered = PageCache()  # serve: the last build's page blocks, by key
        self.pages_dir: Path | None = None  # serve: generated pages on disk (see on_files)
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
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        dossier = load_dossier(self.root, self.config.dossier_dir, cache=self.articles)
        index = build_index(dossier, cache=self.cache)
        for problem in dossier.problems + index.problems:
            log.warning(str(problem))
        self.blocks = {}
        unsearched = 0
        settings = RenderSettings(directory_urls=config.use_directory_urls)
        # The data files (data/) are written to disk an article at a time, never held.
        options = DataOptions(base_url(config.site_url), self.config.data_licence)
        self._remove_data()
        self.data_dir = make_temp("dossier-data-")
        data = write_data_files(dossier, index, options, self.data_dir)
        for item in data.files:
            files.append(
                File.generated(config, item.path, abs_src_path=str(self.data_dir / item.path))
            )
        for page in [
            *build_pages(dossier, index, settings),
            data_page(dossier, data, options, settings),
        ]:
            unsearched += not page.searchable
            if self.pages_dir is None:
                files.append(File.generated(config, page.path, content=page.markdown))
                if page.has_blocks:
                    self.blocks[page.path] = page  # rendered when the page is written
            else:
                blocks = self.rendered.blocks(page)  # the last build's, if its key is equal
                files.append(self._generated(config, page.path, page.markdown, blocks))
                if blocks:
                    self.blocks[page.path] = blocks
        self.rendered.sweep()  # pages gone or changed since the last build are dropped
        css = label_stylesheet(dossier.registry.labels.values())
        files.append(File.generated(config, STYLESHEET_PATH, content=css))
        for seed in sorted({a.seed for a in dossier.articles if a.seed}):
            files.append(
                File.generated(config, seed_path(seed), abs_src_path=str(self.root / seed))
            )
        if self.indexer is not None:
            # The pages the index will hold (at most): the indexer cuts bundles evenly.
            self.indexer.expect(len(files.documentation_pages()) - unsearched)
        annotations = sum(len(entry.annotations) for entry in index.articles.values())
        log.info(
            "%d articles, %d actors, %d sources, %d annotations",
            len(dossier.articles),
            len(dossier.registry.actors),
            len(dossier.registry.sources),
            annotations,
        )
        return files

    def _generated(
        self, config: MkDocsConfig, path: str, text: str, blocks: tuple[str, ...] = ()
    ) -> File:
        """A generated file. While serving, it is written to disk only when its text or
        its blocks changed, so `mkdocs serve --dirty` re-renders just the pages an edit
        touched."""
        if self.pages_dir is None:
            return File.generated(config, path, content=text)
        if blocks:  # the blocks are not in the text: their fingerprint must be
            digest = hashlib.sha256("\0".join(blocks).encode("utf-8")).hexdigest()
            text = f"{text}\n<!-- dossier-blocks {digest} -->\n"
        target = self.pages_dir / path
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        return File.generated(config, path, abs_src_path=str(target))

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
        return output

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder
    ) -> LiveReloadServer:
        for folder in (self.root / self.config.dossier_dir, self.root / "seeds"):
            if folder.is_dir():  # a dossier without seeds/ is fine; watching nothing is not
                server.watch(str(folder))
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
        log.info("search index: %d pages in %d bundle(s)", indexer.pages, bundles)

    def on_build_error(self, *, error: Exception) -> None:
        self._remove_data()
        if self.indexer is not None:
            self.indexer.abandon()
            self.indexer = None


def copy_tree(source: Path, target: Path) -> None:
    """Copy a folder, hard-linking the files where the file system allows (a search
    bundle is hundreds of MB at thousands of articles; links cost nothing)."""

    def link_or_copy(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, copy_function=link_or_copy)

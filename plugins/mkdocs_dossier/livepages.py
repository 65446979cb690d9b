"""MkDocs' page machinery for live.py: the last complete build's objects, one generated
page rendered with MkDocs' own functions (`_populate_page`, `_build_page`, the ones its
build loop calls) and written, a page removed, the theme's static templates (the
sitemap) written again, browsers told to reload. All internal to MkDocs 1.6: live.py
falls back to MkDocs' own rebuild if any of them fails."""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page


@dataclass
class Captured:
    """The last complete build's MkDocs objects, reused to render single pages."""

    config: Any
    files: Files
    nav: Any
    env: Any
    digests: dict[str, str] = field(default_factory=dict)  # generated page -> digest
    # keyed pages (articles) -> (key, Markdown) when digested: equal, the digest stands
    keys: dict[str, tuple[str, str]] = field(default_factory=dict)


def digest(markdown: str, blocks: Iterable[str]) -> str:
    """What a generated page is made of (its Markdown and blocks): equal digests, equal
    page."""
    hashed = hashlib.sha256(markdown.encode("utf-8"))
    for block in blocks:
        hashed.update(b"\0")
        hashed.update(block.encode("utf-8"))
    return hashed.hexdigest()


def render_page(
    state: Captured,
    blocks_by_path: dict,
    path: str,
    markdown: str,
    blocks: tuple[str, ...],
    documents: Sequence[File] | None = None,
) -> bool:
    """Render one generated page with MkDocs' own functions and write it; whether
    the page is new (the documents list then grows)."""
    from mkdocs.commands.build import _build_page, _populate_page

    config, files = state.config, state.files
    file = files.get_file_from_path(path)
    new = file is None
    if file is None:
        file = File.generated(config, path, content=markdown)
        files.append(file)
        Page(None, file, config)
    else:
        file.content_string = markdown
    assert file.page is not None
    if blocks:
        blocks_by_path[path] = blocks  # the plugin's on_post_page puts them in
    if documents is None or new:
        documents = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    _populate_page(file.page, config, files, dirty=False)
    _build_page(file.page, config, documents, state.nav, state.env)
    return new


def remove_page(state: Captured, path: str) -> None:
    file = state.files.get_file_from_path(path)
    if file is None:
        return
    state.files.remove(file)
    target = Path(file.abs_dest_path)
    target.unlink(missing_ok=True)
    if state.config.use_directory_urls and target.name == "index.html":
        try:
            target.parent.rmdir()  # only when empty
        except OSError:
            pass


def theme_templates(state: Captured) -> None:
    """The sitemap lists every page: written again when pages came or went."""
    from mkdocs.commands.build import _build_theme_template

    for template in state.config.theme.static_templates:
        _build_theme_template(template, state.env, state.files, state.config, state.nav)


def reload_browsers(server: Any) -> None:
    condition = getattr(server, "_epoch_cond", None)
    if condition is None or not hasattr(server, "_visible_epoch"):  # not MkDocs 1.6's
        return
    from mkdocs.livereload import _timestamp

    with condition:
        # The server answers a page request only when the two are equal (no build
        # under way); when one is, its end reloads the browsers anyway.
        if server._visible_epoch == getattr(server, "_wanted_epoch", None):
            server._visible_epoch = server._wanted_epoch = _timestamp()
            condition.notify_all()


def settle_memory(whole: bool) -> None:
    """After a build while serving: collect what it left, then freeze what is kept (the
    dossier, the caches), so that the collections of the next rebuild do not walk it (a
    full collection over a 5,000-article dossier takes 0.3 to 0.7 s, as long as the rest
    of a one-article rebuild of the index). After an incremental pass (`whole=False`)
    only what was made since the last freeze is walked: a full collection at 20,000
    articles takes seconds, and a save made meanwhile would wait for it. What the pass
    dropped of the frozen objects is freed by reference counting; reference cycles
    among them (MkDocs' pages and files) are rebuilt only by a full rebuild, which
    collects everything (`whole=True`)."""
    if whole:
        gc.unfreeze()
    gc.collect()
    gc.freeze()


def in_order(files: Files, paths: list[str]) -> Files:
    """The files with the generated pages in the order a full build adds them (the
    sitemap lists pages in the files' order): where the first of them stood, in
    `paths`' order."""
    wanted = set(paths)
    kept = [file for file in files if file.src_uri not in wanted]
    at = next((i for i, file in enumerate(files) if file.src_uri in wanted), len(kept))
    at -= sum(1 for file in list(files)[:at] if file.src_uri in wanted)
    pages = [files.get_file_from_path(path) for path in paths]
    return Files([*kept[:at], *(file for file in pages if file is not None), *kept[at:]])

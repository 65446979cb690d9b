"""What every page is made of: `Page`, its `Raw` and `Lazy` parts, placeholders, paths,
Markdown links, escaped meta, headings and snippets. URLs for raw HTML come from
settings.RenderSettings.href; shared HTML parts are in parts.py."""

from __future__ import annotations

import html
import json
import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeAlias

from .escaping import escape


class Raw(str):
    """A part of a page that is finished HTML (escaped text, final URLs)."""


class Lazy:
    """A Raw part rendered only when asked for (`Page.blocks`), not when the page is
    made: a build of thousands of articles then never holds every article's HTML at
    once, only the dossier and one page at a time."""

    __slots__ = ("render",)

    def __init__(self, render: Callable[[], str]) -> None:
        self.render = render


Part: TypeAlias = "str | Lazy"  # a page part: Markdown (str), finished HTML (Raw), or Lazy

BLOCK = "<!--dossier-block:{}-->"
NOT_SEARCHED = "search: {exclude: true}"  # the meta line that keeps a page out of search


@dataclass(frozen=True)
class Page:
    """A generated page: its path (relative to the docs root) and its Markdown.

    Large finished HTML parts (article text, notes, long lists) are kept aside as
    blocks, and `markdown` holds a placeholder comment for each: an adapter can
    render the small Markdown and put the blocks in afterwards, sparing its Markdown
    engine from parsing HTML it does not need to touch. `text` is the whole page.
    """

    path: str
    markdown: str
    pieces: tuple[tuple[str | Lazy, ...], ...] = ()  # per block, its parts
    # A fingerprint of everything the page's blocks are made from, when the builder
    # can name it (article pages): equal keys, equal blocks, so a rebuild while
    # serving can reuse the last rendering. Empty: always render.
    key: str = ""

    @property
    def has_blocks(self) -> bool:
        return bool(self.pieces)

    @property
    def searchable(self) -> bool:
        """Whether the page goes into the search index (see `meta`)."""
        head = self.markdown.split("\n---", 1)[0] if self.markdown.startswith("---") else ""
        return NOT_SEARCHED not in head.splitlines()

    @property
    def blocks(self) -> tuple[str, ...]:
        """The finished HTML of each block (lazy parts are rendered now, every time)."""
        rendered = ([p if isinstance(p, str) else p.render() for p in b] for b in self.pieces)
        return tuple("\n".join(filter(None, parts)) for parts in rendered)

    @property
    def text(self) -> str:
        return fill_blocks(self.markdown, self.blocks)


def fill_blocks(text: str, blocks: Sequence[str]) -> str:
    """Put each block back in place of its placeholder (in Markdown or rendered HTML)."""
    for number, block in enumerate(blocks):
        text = text.replace(BLOCK.format(number), block, 1)
    return text


def make_page(path: str, parts: Sequence[Part], separator: str = "\n\n", key: str = "") -> Page:
    """Join a page's parts; Raw and Lazy parts become blocks behind placeholders
    (neighbouring ones share a block)."""
    blocks: list[list[str | Lazy]] = []
    joined: list[str] = []
    previous_block = False
    for part in parts:
        if not part:
            continue
        if isinstance(part, (Raw, Lazy)):
            piece = part if isinstance(part, Lazy) else str(part)
            if previous_block:
                blocks[-1].append(piece)
            else:
                joined.append(BLOCK.format(len(blocks)))
                blocks.append([piece])
            previous_block = True
        else:
            joined.append(part)
            previous_block = False
    return Page(path, separator.join(joined) + "\n", tuple(tuple(b) for b in blocks), key)


def article_path(article_id: str) -> str:
    return f"articles/{article_id}.md"


def actor_path(actor_id: str) -> str:
    return f"actors/{actor_id}.md"


def source_path(source_id: str) -> str:
    return f"sources/{source_id}.md"


def label_path(label_id: str) -> str:
    return f"labels/{label_id}.md"


def tag_path(tag: str) -> str:
    """A tag's page (tags are slugs, never 'index': frontmatter.py checks them)."""
    return f"tags/{tag}.md"


# Seeds published under their own name. Any other kind gets ".txt" added: a saved web
# page must be shown as its source, never rendered (its scripts would run on the
# dossier's origin and its images would be fetched from the outlet's servers), and
# MkDocs renders .html, .xml and .json files in the docs as Jinja templates.
PUBLISHED_AS_IS = (".txt", ".csv", ".tsv", ".gz")


def seed_path(seed: str) -> str:
    """Where a seed file is published: seeds/<name> beside the pages (<name>.txt for
    web pages and other files a browser or MkDocs would interpret)."""
    name = posixpath.basename(seed)
    if not name.lower().endswith(PUBLISHED_AS_IS):
        name += ".txt"
    return f"seeds/{name}"


def rel(from_page: str, to_path: str) -> str:
    """Relative link from one page's source path to another file, as MkDocs expects."""
    return posixpath.relpath(to_path, posixpath.dirname(from_page) or ".")


def link(from_page: str, to_path: str, text: str, anchor: str = "") -> str:
    """A Markdown link whose visible text is escaped literal text."""
    target = rel(from_page, to_path) + (f"#{anchor}" if anchor else "")
    return f"[{escape(text)}]({target})"


def meta(title: str, searchable: bool = True, **extra: str) -> str:
    """YAML meta block, HTML-escaped: Material prints page.meta title and description raw.

    `searchable=False` keeps the page out of the search index (listings, page 2 on).
    """
    fields = {
        key: html.escape(" ".join(value.split()))
        for key, value in {"title": title, **extra}.items()
    }
    lines = [f"{key}: {json.dumps(value)}" for key, value in fields.items()]
    if not searchable:
        lines.append(NOT_SEARCHED)
    return "---\n" + "\n".join(lines) + "\n---"


def heading(level: int, text: str, lang: str = "", searched: bool = True) -> str:
    """A Markdown heading; `lang` (an article title's own language) goes in an attr_list
    (codes are checked when front matter is read). `searched=False` keeps it out of the
    search index: a section title the page builds (counts, "What the dossier says about
    X"), whose words would otherwise fill search excerpts."""
    attrs = [f'lang="{lang}"'] if lang else []
    if not searched:
        attrs.append('data-pagefind-ignore="all"')
    return f"{'#' * level} {escape(text)}" + (f" {{: {' '.join(attrs)} }}" if attrs else "")


def unsearched(block: str) -> str:
    """A block the page builds (figures, tables, charts): shown, kept out of the search
    index, whose excerpts it would otherwise fill; nothing when there is no block."""
    return f"<div data-pagefind-ignore>{block}</div>" if block else ""


def quiet(sentence: str) -> Raw:
    """A sentence the page says of itself: shown, not searched."""
    return Raw(f"<p data-pagefind-ignore>{html.escape(sentence)}</p>")


def snippet(body: str, start: int, end: int, width: int = 70) -> tuple[str, str, str]:
    """(before, match, after) around [start, end), cut at word boundaries, on one line."""
    left = max(0, start - width)
    right = min(len(body), end + width)
    before = body[left:start]
    after = body[end:right]
    if left > 0 and " " in before:
        before = "…" + before.split(" ", 1)[1]
    if right < len(body) and " " in after:
        after = after.rsplit(" ", 1)[0] + "…"
    flat = lambda s: " ".join(s.split())  # noqa: E731 - tiny local helper
    return (
        flat(before) + (" " if before[-1:].isspace() else ""),
        flat(body[start:end]),
        ((" " if after[:1].isspace() else "") + flat(after)),
    )


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")

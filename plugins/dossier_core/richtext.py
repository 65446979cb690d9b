"""Analysts' Markdown (summaries, notes) rendered to safe HTML.

Raw HTML is disabled by escaping `<` before Markdown sees it, so a tag in a note
shows as text; the result then passes the ammonia sanitiser (nh3) with a short tag
list and http(s) links only, so no attribute or URL scheme can run script.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from html.parser import HTMLParser

import markdown as _markdown
import nh3

from .escaping import escape_inline

ALLOWED_TAGS = frozenset(
    {"p", "em", "strong", "code", "a", "ul", "ol", "li", "blockquote", "br", "del"}
)
NOTE_TAGS = frozenset({"em", "strong", "code", "a", "br", "del"})


_RENDERER = _markdown.Markdown(output_format="html")


def _sanitised(text: str, tags: frozenset[str]) -> str:
    """Markdown with raw HTML shown as text, rendered, then sanitised (http(s) links only)."""
    source = text.replace("&", "&amp;").replace("<", "&lt;")
    # One Markdown instance, reset per text: building one per note cost a millisecond.
    rendered = _RENDERER.reset().convert(source)
    return nh3.clean(
        rendered,
        tags=tags,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https"},
        link_rel="noopener noreferrer nofollow",
    )


class _Inert(HTMLParser):
    """Re-serialises sanitised HTML with every text character Markdown-escaped, so the
    HTML can sit inside a page's Markdown without being read as Markdown again."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        rendered = "".join(f' {k}="{html.escape(v or "", quote=True)}"' for k, v in attrs)
        self.out.append(f"<{tag}{rendered}>")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(escape_inline(" ".join(data.split("\n"))))


def _inert(clean: str) -> str:
    parser = _Inert()
    parser.feed(clean)
    parser.close()
    return "".join(parser.out)


@lru_cache(maxsize=4096)
def safe_markdown(text: str) -> str:
    """Render analyst Markdown (a summary) to sanitised, Markdown-inert HTML.

    The result has no blank line: one would end an HTML block in CommonMark engines.
    """
    lines = _inert(_sanitised(text, ALLOWED_TAGS)).splitlines()
    return "\n".join(line for line in lines if line.strip())


@lru_cache(maxsize=65536)  # a note appears on its article page and its label page
def inline_note(text: str) -> str:
    """An analyst's note as one line of sanitised, Markdown-inert inline HTML.

    Paragraphs become line breaks; block elements (lists, quotes) are flattened to
    their text, since a note sits inside a footnote and a tooltip.
    """
    clean = _sanitised(text, NOTE_TAGS | {"p"})
    clean = re.sub(r"</p>\s*<p>", "<br><br>", clean.strip()).replace("<p>", "").replace("</p>", "")
    return " ".join(_inert(clean).split())

"""Analysts' Markdown (summaries, notes) rendered to safe HTML.

Raw HTML is disabled by escaping `<` before Markdown sees it, so a tag in a note
shows as text; the result then passes the ammonia sanitiser (nh3) with a short tag
list and http(s) links only, so no attribute or URL scheme can run script.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown as _markdown
import nh3

from .markdown import escape_inline

ALLOWED_TAGS = {"p", "em", "strong", "code", "a", "ul", "ol", "li", "blockquote", "br", "del"}


def safe_markdown(text: str, inline: bool = False) -> str:
    """Render analyst Markdown to sanitised HTML.

    Args:
        text: the Markdown source from front matter.
        inline: drop the surrounding <p> of a one-paragraph result.
    """
    source = text.replace("&", "&amp;").replace("<", "&lt;")
    rendered = _markdown.markdown(source, output_format="html")
    clean = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https"},
        link_rel="noopener noreferrer nofollow",
    )
    # Keep the HTML on as few lines as possible: a blank line would end an HTML
    # block in CommonMark engines.
    clean = "\n".join(line for line in clean.splitlines() if line.strip())
    if inline and clean.startswith("<p>") and clean.endswith("</p>") and clean.count("<p>") == 1:
        clean = clean[3:-4]
    return clean


NOTE_TAGS = {"em", "strong", "code", "a", "br", "del"}


class _Inert(HTMLParser):
    """Re-serialises sanitised HTML with every text character Markdown-escaped, so the
    HTML can sit inside a page's Markdown (a footnote) without being read twice."""

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


def inline_note(text: str) -> str:
    """An analyst's note as one line of sanitised, Markdown-inert inline HTML.

    Paragraphs become line breaks; block elements (lists, quotes) are flattened to
    their text, since a note sits inside a footnote and a tooltip.
    """
    source = text.replace("&", "&amp;").replace("<", "&lt;")
    rendered = _markdown.markdown(source, output_format="html")
    rendered = re.sub(r"</p>\s*<p>", "<br><br>", rendered.strip())
    clean = nh3.clean(
        rendered,
        tags=NOTE_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https"},
        link_rel="noopener noreferrer nofollow",
    )
    parser = _Inert()
    parser.feed(clean)
    parser.close()
    return " ".join("".join(parser.out).split())

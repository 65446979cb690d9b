"""Analysts' Markdown (summaries, notes) rendered to safe HTML.

Raw HTML is disabled by escaping `<` before Markdown sees it, so a tag in a note
shows as text; the result then passes the ammonia sanitiser (nh3) with a short tag
list and http(s) links only, so no attribute or URL scheme can run script.
"""

from __future__ import annotations

import markdown as _markdown
import nh3

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

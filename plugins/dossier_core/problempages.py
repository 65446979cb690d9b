"""While serving: the problems of an article shown on its own page.

`mkdocs serve` keeps going when an article is broken (a full build with `--strict`
stops instead). The analyst looking at the page they just saved should see why it did
not change, not only a line in the terminal: an article page gets a box listing its
file's problems, and an article left out (its front matter cannot be read, its date is
no date) gets a page at its usual address saying so, with file and line. The next good
save replaces either with the article.
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import replace
from pathlib import PurePosixPath

from .model import Problem
from .pagekit import Page, article_path, heading, meta


def with_problems(pages: list[Page], problems: list[Problem], dossier_dir: str) -> list[Page]:
    """`pages`, with a problem box on each article page whose file has problems, and a
    page for each article file left out because of them."""
    folder = PurePosixPath(dossier_dir) / "articles"
    by_article: dict[str, list[Problem]] = defaultdict(list)
    for problem in problems:
        path = PurePosixPath(problem.path)
        if path.parent == folder and path.suffix == ".md":
            by_article[article_path(path.stem)].append(problem)
    if not by_article:
        return pages
    result = []
    for page in pages:
        found = by_article.pop(page.path, None)
        result.append(page if found is None else _boxed(page, found))
    for page_path, found in sorted(by_article.items()):
        name = PurePosixPath(page_path).stem
        parts = [meta(f"{name}: not built", searchable=False), heading(1, f"{name}: not built")]
        text = "\n\n".join([*parts, _box(found, left_out=True)]) + "\n"
        result.append(Page(page_path, text))
    return result


def _boxed(page: Page, problems: list[Problem]) -> Page:
    head, sep, rest = page.markdown.partition("\n---\n")  # after the meta block
    if not sep:
        return replace(page, markdown=_box(problems, left_out=False) + "\n\n" + page.markdown)
    return replace(page, markdown=f"{head}{sep}\n{_box(problems, left_out=False)}\n\n{rest}")


def _box(problems: list[Problem], left_out: bool) -> str:
    title = (
        "This article is left out of the site until these are fixed"
        if left_out
        else "Problems in this article's file (the annotations they name are not shown)"
    )
    items = "".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in problems)
    return (
        '<div class="admonition failure dossier-problems" role="alert">'
        f'<p class="admonition-title">{html.escape(title)}</p>'
        f"<ul>{items}</ul>"
        "<p>Save the file again once it is fixed: this page follows.</p></div>"
    )

"""The text a reader sees on a built page, as tests read it: every text node (with the
title, alt and aria-label attributes a pointer or a screen reader shows), minus
scripts and styles and minus the article card's provenance (the "Source text" or
"Source page" row and the "Removed at import" / "Left out at import" audit), which
name the seed file on purpose."""

from __future__ import annotations

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip
SKIPPED = {"script", "style", "template"}
SHOWN_ATTRIBUTES = ("title", "alt", "aria-label", "placeholder")
PROVENANCE_ROWS = ("Source text", "Source page")
PROVENANCE_AUDITS = ("Removed at import", "Left out at import")


class _Element:
    def __init__(self, tag: str, skipped: bool) -> None:
        self.tag = tag
        self.skipped = skipped
        self.text: list[str] = []  # what it holds, kept apart until it closes


class VisibleText(HTMLParser):
    """Feed a page; `text` is what a reader sees, provenance left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[_Element] = [_Element("#root", False)]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        shown = [values[k] or "" for k in SHOWN_ATTRIBUTES if values.get(k)]
        if tag in VOID:
            self.stack[-1].text.extend(shown)
            return
        element = _Element(tag, tag in SKIPPED or self.stack[-1].skipped)
        element.text.extend(shown)
        self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.stack[-1].text.extend(values[k] or "" for k in SHOWN_ATTRIBUTES if values.get(k))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or not any(e.tag == tag for e in self.stack[1:]):
            return
        while len(self.stack) > 1:
            element = self.stack.pop()
            text = " ".join(element.text)
            if not element.skipped and not _provenance(element.tag, text):
                self.stack[-1].text.append(text)
            if element.tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.stack[-1].skipped:
            self.stack[-1].text.append(data)

    @property
    def text(self) -> str:
        while len(self.stack) > 1:
            self.handle_endtag(self.stack[-1].tag)
        return " ".join(" ".join(self.stack[0].text).split())


def _provenance(tag: str, text: str) -> bool:
    start = text.lstrip()
    if tag == "p":
        return start.startswith(PROVENANCE_ROWS)
    if tag == "details":
        return start.startswith(PROVENANCE_AUDITS)
    return False


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return parser.text

"""Two versions of a text side by side, with what differs marked (for republications).

Paragraphs are paired first, then words within a pair (difflib); text only in the
first version is struck through (`<del>`), text only in the other underlined (`<ins>`).
Every character is HTML-escaped: the texts are evidence, shown as written.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from itertools import groupby

from .bodyhtml import paragraphs
from .escaping import escape_inline


def side_by_side(old: str, new: str) -> str:
    """A two-column table: paragraphs aligned, what differs marked (<del> on the left,
    <ins> on the right). Paragraphs are matched first, then the words of the paragraphs
    that differ: cheaper than one word diff of the whole texts, and it keeps the paragraph
    structure of both."""
    left = [old[s:e] for s, e in paragraphs(old)]
    right = [new[s:e] for s, e in paragraphs(new)]
    flat = lambda text: " ".join(text.split())  # noqa: E731
    matcher = SequenceMatcher(None, [flat(p) for p in left], [flat(p) for p in right], False)
    rows = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs = zip(left[i1:i2], right[j1:j2], strict=True)
            rows += [(_p(_text(a)), _p(_text(b))) for a, b in pairs]
        elif tag == "delete":
            rows += [(_p(f"<del>{_text(a)}</del>"), "") for a in left[i1:i2]]
        elif tag == "insert":
            rows += [("", _p(f"<ins>{_text(b)}</ins>")) for b in right[j1:j2]]
        else:
            rows.append(_word_diff(left[i1:i2], right[j1:j2]))
    body = "\n".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in rows)
    head = '<tr><th scope="col">First appearance</th><th scope="col">This version</th></tr>'
    return (
        f'<table class="dossier-sbs" data-pagefind-ignore>\n<thead>{head}</thead>\n'
        f"<tbody>\n{body}\n</tbody>\n</table>"
    )


_BREAK = "\n\n"  # a paragraph break among the words of a run of paragraphs
_TOKEN = re.compile(r"\S+\s*")


def _word_diff(old: list[str], new: list[str]) -> tuple[str, str]:
    """Both sides of a run of paragraphs that differ, word by word."""
    a = [t for n, p in enumerate(old) for t in ([_BREAK] if n else []) + _TOKEN.findall(p)]
    b = [t for n, p in enumerate(new) for t in ([_BREAK] if n else []) + _TOKEN.findall(p)]
    marks_a, marks_b = [True] * len(a), [True] * len(b)
    matcher = SequenceMatcher(None, [t.strip() or t for t in a], [t.strip() or t for t in b])
    for block in matcher.get_matching_blocks():
        marks_a[block.a : block.a + block.size] = [False] * block.size
        marks_b[block.b : block.b + block.size] = [False] * block.size
    return _marked(a, marks_a, "del"), _marked(b, marks_b, "ins")


def _marked(tokens: list[str], marks: list[bool], tag: str) -> str:
    paragraphs_html: list[str] = []
    current: list[str] = []
    runs = groupby(zip(tokens, marks, strict=True), key=lambda pair: (pair[0] == _BREAK, pair[1]))
    for (is_break, marked), run in runs:
        if is_break:
            paragraphs_html.append(_p("".join(current)))
            current = []
            continue
        text = _text("".join(token for token, _ in run))
        current.append(f"<{tag}>{text}</{tag}>" if marked else text)
    paragraphs_html.append(_p("".join(current)))
    return "".join(p for p in paragraphs_html if p != "<p></p>")


def _p(inner: str) -> str:
    return f"<p>{inner}</p>"


_LINE_BREAK = re.compile(r"[ \n]*\n[ \n]*")


def _text(text: str) -> str:
    """Article text as literal HTML that no Markdown engine reads as syntax: character
    references (escaping.escape_inline), and spaces around a line break dropped (a line
    of spaces would end an HTML block in CommonMark; HTML shows both the same)."""
    return _LINE_BREAK.sub("\n", escape_inline(text))

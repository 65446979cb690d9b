"""The text is evidence: arbitrary text renders literally through the site's real Markdown.

The Markdown processor is built from mkdocs.yml exactly as MkDocs builds it, so a
newly enabled extension (snippets, magiclink, emoji...) that reinterprets text would
make these tests fail.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier_core.bodyhtml import paragraphs, render_body
from dossier_core.escaping import escape
from dossier_core.model import Span


@pytest.fixture(scope="module")
def md(site_markdown: markdown.Markdown) -> markdown.Markdown:
    return site_markdown


class Collector(HTMLParser):
    """Collects the elements created and the visible text of each paragraph (note
    markers, <sup>, are ours and not part of the text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.paragraphs: list[str] = []
        self.outside: list[str] = []
        self.depth = 0
        self.in_marker = False
        self.in_paragraph = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        if tag == "p":
            self.paragraphs.append("")
            self.in_paragraph = True
        self.depth += 1
        self.in_marker = self.in_marker or tag == "sup"

    def handle_endtag(self, tag: str) -> None:
        self.depth -= 1
        if tag == "sup":
            self.in_marker = False
        if tag == "p":
            self.in_paragraph = False

    def handle_data(self, data: str) -> None:
        if self.in_marker:
            return
        if self.in_paragraph:
            self.paragraphs[-1] += data
        else:
            self.outside.append(data)


def rendered(md: markdown.Markdown, body: str, spans: list[Span] | None = None) -> Collector:
    md.reset()
    collector = Collector()
    collector.feed(md.convert(render_body(body, spans or [])))
    collector.close()
    return collector


# Any character except surrogates and control characters other than tab and line
# feed (C0/C1 controls have no faithful HTML form: &#133; is shown as "…").
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t"),
    max_size=300,
)
MARKUP = st.lists(
    st.sampled_from(
        [
            "*",
            "**",
            "_",
            "`",
            "```",
            "#",
            "# ",
            "> ",
            "- ",
            "+ ",
            "1. ",
            "    ",
            "\t",
            "<",
            ">",
            "&",
            "&amp;",
            "&#42;",
            "<script>alert(1)</script>",
            "<b onclick='x'>",
            "-->",
            "<!--",
            "--8<--",
            '--8<-- "/etc/passwd"',
            "{{ config }}",
            "{% raw %}",
            "[x](javascript:alert(1))",
            "![i](data:x)",
            "<https://e.org>",
            "https://e.org",
            "www.e.org",
            ":smile:",
            "==m==",
            "~~s~~",
            "^^i^^",
            "++ctrl++",
            "{: #id onclick=x }",
            "{#id}",
            "[^1]",
            "[^1]: n",
            "*[HTML]: x",
            "| a | b |",
            "|---|",
            "===",
            "---",
            "***",
            "\\",
            "\\*",
            "$x$",
            "\n",
            "\n\n",
            "  \n",
            " ",
            "\u00a0",
            "\u2003",
            "“",
            "’",
            "é",
            "\u200b",
            "!!! note",
            "??? note",
        ]
    ),
    max_size=25,
).map("".join)


def expected_paragraphs(body: str) -> list[str]:
    return [body[start:end] for start, end in paragraphs(body)]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(TEXT, MARKUP, st.tuples(MARKUP, TEXT, MARKUP).map("".join)))
def test_arbitrary_text_is_shown_literally(md: markdown.Markdown, body: str) -> None:
    result = rendered(md, body)
    assert set(result.tags) <= {"div", "p"}, result.tags
    assert result.tags.count("div") == 1
    assert result.paragraphs == expected_paragraphs(body)
    assert "".join(result.outside).strip() == ""  # nothing outside the paragraphs


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=MARKUP.filter(lambda s: len(s) > 2), data=st.data())
def test_spans_add_links_and_keep_the_text(
    md: markdown.Markdown, body: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(body) - 1))
    end = data.draw(st.integers(start + 1, len(body)))
    mention = Span(start, end, "mention", "x", "m-1", 'A "title" <b>', "../actors/x/")
    inner = data.draw(st.integers(start, end - 1))
    note = Span(inner, end, "annotation", "claim", "a-1", 'Claim <"x">', number=1)
    result = rendered(md, body, [mention, note])
    assert set(result.tags) <= {"div", "p", "a", "mark", "sup"}
    assert result.paragraphs == expected_paragraphs(body)


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '--8<-- "mkdocs.yml"',
        "{{ config.site_name }} {% include 'x' %}",
        "[click](javascript:alert(1))",
        "    indented code?",
        "1. not a list\n- nor this",
        "Text with trailing spaces  \nand a break?",
        "&amp; stays &amp;, &lt;b&gt; stays too",
    ],
)
def test_hostile_text_examples(md: markdown.Markdown, text: str) -> None:
    result = rendered(md, text)
    assert result.tags == ["div"] + ["p"] * len(expected_paragraphs(text))
    assert result.paragraphs == expected_paragraphs(text)


def test_body_is_one_html_block_without_blank_lines() -> None:
    """CommonMark ends an HTML block at a blank line: the body must have none, even
    when the text has a line of spaces."""
    html = render_body("a\n   \nb\n\n\n\nc", [])
    assert not re.search(r"\n\s*\n", html)
    assert html.startswith('<div class="dossier-text" data-length="12">')
    assert html.endswith("</div>")
    # Each paragraph carries its offset in the body, which with data-length gives the
    # whole body back (paragraphs are separated by line feeds only).
    assert re.findall(r'<p data-o="(\d+)">', html) == ["0", "11"]


def test_escape_output_has_no_markup_characters() -> None:
    escaped = escape("*a* <b> [c](d) `e` #f")
    assert not re.search(r"[*<>\[\]()`#]", re.sub(r"&#\d+;", "", escaped))

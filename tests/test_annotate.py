"""The annotate panel (docs/javascripts/annotate*.js, dossier_core/annotatedata.py):
select a passage of an article, get the YAML item to paste.

- The data file carries the engine's own tables; a default build has none of it.
- The script's selector is the engine's: in Node, on random texts built to repeat
  themselves with typographic variants, the selector the script writes anchors (by
  anchoring.anchor) at exactly the selected place, and equals a Python reference
  (quote alone, else the shortest verified prefix or suffix, as the script promises).
- The script's YAML scalars round-trip through the dossier's loader for any character.
- In Chromium, on the bundled project built with `annotate: always`: four selections
  (a repeated word, curly quotes and an apostrophe, across a mention link, overlapping
  an existing highlight) are copied from the panel, pasted into the article, and the
  rebuilt site (`mkdocs build --strict`) anchors each at the selected offsets and
  marks that text; the open panel passes axe-core at 1280 and 390 px in both schemes.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from conftest import REPO, copy_project, mkdocs_build, needs_chromium, set_plugin_option
from dossier_core import load_dossier
from dossier_core.anchoring import AnchorError, _grow, _grow_forward, anchor, unique_prefix
from dossier_core.annotatedata import ANNOTATE_DATA_PATH, annotate_data, typography_table
from dossier_core.frontmatter import read_article
from dossier_core.linking import anchor_all
from dossier_core.model import Annotation, Problem
from dossier_core.settings import RenderSettings
from dossier_core.typography import TRANSLATION
from dossier_core.yamlload import load_yaml

CORE = REPO / "docs" / "javascripts" / "annotate-core.js"
ARTICLE = "russia-beats-us-in-venezuela"
SCREENSHOT = REPO / "docs" / "images" / "annotate-panel.png"
PANEL = ".dossier-annotate:not([hidden])"
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(
    NODE is None and os.environ.get("CI") != "true", reason="these tests run the script in Node"
)


def node(script: str, job: object) -> object:
    """Run `script` in Node with `core` (annotate-core.js) and `job` (JSON) defined;
    it prints its answer as JSON."""
    program = (
        f"const core = require({json.dumps(str(CORE))});\n"
        "const job = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n" + script
    )
    result = subprocess.run(
        [NODE or "node", "-e", program], input=json.dumps(job), capture_output=True,
        text=True, check=True, timeout=120,
    )  # fmt: skip
    return json.loads(result.stdout)


def matching_rules() -> dict:
    data = annotate_data(load_dossier(REPO), RenderSettings())
    return {"typography": data["typography"], "white_space": data["white_space"]}


# ------------------------------------------------------------------ the data file


def test_the_data_carries_the_engines_tables_and_the_dossier() -> None:
    dossier = load_dossier(REPO)
    data = annotate_data(dossier, RenderSettings(directory_urls=False))
    assert {chr(k): v for k, v in TRANSLATION.items()} == data["typography"] == typography_table()
    assert data["white_space"] == "".join(c for c in map(chr, range(0x110000)) if c.isspace())
    assert all(re.fullmatch(r"\s", c) for c in data["white_space"])  # the engine's \s
    claim = next(label for label in data["labels"] if label["id"] == "claim")
    assert claim["verdicts"] and claim["definition"] and claim["colour"]["light"].startswith("#")
    assert {a["id"] for a in data["actors"]} == set(dossier.registry.actors)
    assert {n["id"] for n in data["narratives"]} == set(dossier.registry.narratives)
    entry = data["articles"][ARTICLE]
    assert entry["page"] == f"articles/{ARTICLE}.html"
    assert entry["path"] == f"dossier/articles/{ARTICLE}.md"
    lines = (REPO / entry["path"]).read_text(encoding="utf-8").split("\n")
    assert lines[entry["annotations_line"] - 1] == "annotations:"
    assert entry["annotations"] == len(dossier.article(ARTICLE).annotations)


def test_a_default_build_has_no_panel(bundled_site: Path) -> None:
    """`annotate: serve` (the default) leaves a built site as it was: no script, no
    stylesheet, no data file, nothing on the pages."""
    page = (bundled_site / "articles" / ARTICLE / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"annotate[-.a-z]*\.(js|css)|dossier-annotate", page)
    for path in ("javascripts/annotate.js", "javascripts/annotate-core.js",
                 "javascripts/annotate-panel.js", "stylesheets/annotate.css", ANNOTATE_DATA_PATH):  # fmt: skip
        assert not (bundled_site / path).exists(), path


# ------------------------------------------------------------------ the selector


def _anchors_at(body: str, start: int, end: int, **selector: object) -> bool:
    try:
        found = anchor(body, Annotation(body[start:end], "x", 0, **selector))  # type: ignore[arg-type]
    except AnchorError:
        return False
    return found == (start, end)


def reference_selector(body: str, start: int, end: int) -> dict:
    """What the script promises, written with the engine's functions: the quote alone
    if the engine anchors it there; else the shorter of the shortest prefix and the
    shortest suffix (grown a word at a time) with which it does; else both; else the
    offsets."""
    quote = body[start:end]
    if _anchors_at(body, start, end):
        return {"quote": quote}
    prefixes, size = [], 0
    while size < start:
        size = _grow(body, start, size)
        prefixes.append(body[start - size : start])
    suffixes, size = [], 0
    while end + size < len(body):
        size = _grow_forward(body, end, size)
        suffixes.append(body[end : end + size])
    prefix = next((p for p in prefixes if _anchors_at(body, start, end, prefix=p)), None)
    suffix = next((s for s in suffixes if _anchors_at(body, start, end, suffix=s)), None)
    if prefix is not None and (suffix is None or len(prefix) <= len(suffix)):
        return {"quote": quote, "prefix": prefix}
    if suffix is not None:
        return {"quote": quote, "suffix": suffix}
    for k in range(max(len(prefixes), len(suffixes))):
        p = prefixes[min(k, len(prefixes) - 1)] if prefixes else ""
        s = suffixes[min(k, len(suffixes) - 1)] if suffixes else ""
        if _anchors_at(body, start, end, prefix=p, suffix=s):
            return {"quote": quote, "prefix": p, "suffix": s}
    return {"quote": quote, "start": start, "end": end}


SELECTORS = "process.stdout.write(JSON.stringify(job.cases.map(c => core.selector(job.rules, c[0], c[1], c[2]))));"

# Few "words", with typographic twins (curly and straight quotes, dashes, spaces the
# engine folds), an astral character (one code point, two UTF-16 units) and white
# space the engine counts as such and JavaScript's \s does not (U+0085, U+001C).
ALPHABET = ["a", "b", "a\u2019s", "a's", "\u201cb\u201d", '"b"', "a-b", "a\u2014b", "\U0001f600",
            " ", " ", "\u00a0", "\n\n", "\t", "\x85", "\x1c", "\u2028"]  # fmt: skip


@needs_node
@pytest.mark.parametrize("seed", range(4))
def test_the_scripts_selector_anchors_where_selected(seed: int) -> None:
    rng = random.Random(seed)
    cases = []
    while len(cases) < 400:
        body = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(2, 30))).strip()
        if not body:
            continue
        start = rng.randrange(len(body))
        end = rng.randint(start + 1, min(len(body), start + 5))
        if body[start:end].strip():
            cases.append([body, start, end])
    answers = node(SELECTORS, {"rules": matching_rules(), "cases": cases})
    kinds: set[str] = set()
    for (body, start, end), selector in zip(cases, answers, strict=True):  # type: ignore[call-overload]
        where = f"{body!r} [{start}:{end}]"
        assert selector == reference_selector(body, start, end), where
        extra = {k: v for k, v in selector.items() if k != "quote"}
        assert _anchors_at(body, start, end, **extra), where
        kinds.add("+".join(sorted(extra)) or "quote")
    assert {"quote", "prefix", "suffix"} <= kinds  # the cases exercise each kind


@needs_node
def test_a_tolerant_match_of_the_prefix_is_ruled_out() -> None:
    """The engine's exact-uniqueness hint (unique_prefix) would give "'no' " for the
    second "now"; but its prefix check also folds typography, so "'no' " fits the
    first "now" (after ‘no’) too, and the quote would be ambiguous. The script grows
    the prefix until the engine picks the selected place alone."""
    body = "He said \u2018no\u2019 now. He said 'no' now."
    start = body.rindex("now")
    end = start + 3
    spans = [(s, s + 3) for s in (body.index("now"), start)]
    naive = unique_prefix(body, start, end, spans)
    assert naive == "'no' " and not _anchors_at(body, start, end, prefix=naive)
    (selector,) = node(SELECTORS, {"rules": matching_rules(), "cases": [[body, start, end]]})  # type: ignore[misc]
    assert selector == reference_selector(body, start, end)
    assert selector["prefix"] != naive
    assert _anchors_at(body, start, end, prefix=selector["prefix"])


# ------------------------------------------------------------------ YAML


NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
LINE_BREAK = re.compile("[\r\n\x85\u2028\u2029]")
NASTY = [
    'quote "inside" and \\backslash\\ and \\n literally',
    "tab\there, newline\nhere, CR\rhere, CRLF\r\n, NEL\x85, LS\u2028, PS\u2029",
    "controls " + "".join(map(chr, range(0x20))) + "\x7f" + "".join(map(chr, range(0x80, 0xA0))),
    "BOM\ufeff nonchars \ufffe\uffff and private \ue000, NBSP\u00a0 narrow\u202f ideographic\u3000",
    "zero width\u200b\u200c\u200d joiners, marks \u200e\u200f\u202a\u202e\u2066",
    "astral \U0001f600\U0001f1fa\U0001f1f8 \U00010348 \U0010fffd",
    "- a: b # not a comment: {flow} [list] &anchor *alias !tag | > % @ `",
    "'single' and \u2018curly\u2019 and \u201cdouble\u201d",
    "null", "~", "true", "no", "0x1F", "1e3", "2019-05-01", "---", "...",
    "  leading and trailing spaces  ",
]  # fmt: skip


@needs_node
def test_yaml_scalars_round_trip_through_the_dossiers_loader(tmp_path: Path) -> None:
    rng = random.Random(15)
    pool = [chr(c) for c in range(0x250)] + ["\u2028", "\u2029", "\ufeff", "\U0001f600", "\ud7ff"]
    texts = NASTY + ["".join(rng.choice(pool) for _ in range(60)) for _ in range(30)]
    answer = node(
        "process.stdout.write(JSON.stringify(job.map(t => [core.yamlString(t), core.yamlItem({"
        "selector: {quote: 'x' + t + 'x', prefix: t}, label: 'claim', verdict: t, "
        "narrative: 'guaido-us-puppet', actors: ['juan-guaido', t], note: t})])));",
        texts,
    )
    for text, (scalar, item) in zip(texts, answer, strict=True):  # type: ignore[call-overload]
        # One line, and nothing a YAML reader refuses or takes for a line break.
        assert NON_PRINTABLE.search(scalar) is None and not LINE_BREAK.search(scalar), scalar
        assert load_yaml(f"key: {scalar}\n") == {"key": text}
        path = tmp_path / "dossier" / "articles" / "a.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"---\nid: a\ntitle: A\noutlet: tass\nannotations:\n{item}---\n\nBody.\n", "utf-8"
        )
        problems: list[Problem] = []
        article = read_article(path, tmp_path, problems)
        assert article is not None and not problems, (text, problems)
        (annotation,) = article.annotations
        assert annotation.quote == "x" + text + "x" and annotation.prefix == text
        assert annotation.verdict == text.strip() and annotation.note == text.strip()
        assert annotation.actors[0] == "juan-guaido" and annotation.narrative == "guaido-us-puppet"


# ------------------------------------------------------------------ in Chromium


@pytest.fixture(scope="module")
def annotated_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled project with `annotate: always` (search off: not needed here)."""
    project = copy_project(tmp_path_factory.mktemp("annotate-project"))
    set_plugin_option(project, "annotate", "always")
    set_plugin_option(project, "search", "false")
    return project


@pytest.fixture(scope="module")
def annotate_url(
    annotated_project: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    from sitecheck import serving

    site = tmp_path_factory.mktemp("annotate-site")
    result = mkdocs_build(site, cwd=annotated_project)
    assert result.returncode == 0, result.stderr
    assert (site / ANNOTATE_DATA_PATH).is_file()
    with serving(site) as url:
        yield url


# The test's own reading of the text block (the markup contract, not the script's
# code): text nodes of each <p data-o>, note markers (<sup>) left out, as
# {node, at (body offset), length (code points)}; select() selects body offsets and
# fires the event the script listens to; span(anchor) gives the body offsets of an
# annotation's highlight, from its first piece (id=anchor) to its note marker.
TEXT_JS = """
window.testText = (() => {
  const block = () => document.querySelector('div.dossier-text[data-length]');
  function nodes() {
    const out = [];
    for (const p of block().querySelectorAll(':scope > p[data-o]')) {
      let at = Number(p.dataset.o);
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const node = walker.currentNode;
        if (node.parentElement.closest('sup')) continue;
        const length = [...node.data].length;
        out.push({node, at, length});
        at += length;
      }
    }
    return out;
  }
  function point(offset, isStart) {
    const t = nodes().find(t => isStart ? offset >= t.at && offset < t.at + t.length
                                        : offset > t.at && offset <= t.at + t.length);
    return [t.node, [...t.node.data].slice(0, offset - t.at).join('').length];
  }
  return {
    select(start, end) {
      const range = document.createRange();
      range.setStart(...point(start, true));
      range.setEnd(...point(end, false));
      const selection = getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      document.dispatchEvent(new PointerEvent('pointerup', {bubbles: true}));
    },
    after(element) {  // the first text of the body after an element: [node, offset]
      const t = nodes().find(t => element.compareDocumentPosition(t.node) & Node.DOCUMENT_POSITION_FOLLOWING
                                  && !element.contains(t.node));
      return {at: t.at, length: t.length};
    },
    span(anchor) {
      const first = document.getElementById(anchor);
      const marker = document.getElementById('fnref:' + anchor);
      const inside = nodes().filter(t =>
        (first.contains(t.node) || first.compareDocumentPosition(t.node) & Node.DOCUMENT_POSITION_FOLLOWING)
        && marker.compareDocumentPosition(t.node) & Node.DOCUMENT_POSITION_PRECEDING);
      const marks = [...document.querySelectorAll('mark[data-a]')].filter(m => m.dataset.a === anchor);
      return {start: inside[0].at, end: inside.at(-1).at + inside.at(-1).length,
              text: inside.map(t => t.node.data).join(''),
              marked: marks.length ? marks.map(m => m.textContent).join('') : null};
    },
  };
})();
"""


def passages(body: str, annotations: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """The four selections, as body offsets: (what, start, end)."""
    words = [m.start() for m in re.finditer(r"\bthe\b", body)]
    assert len(words) > 10
    curly = body.index("that\u2019s their business. If the clever \u201cregime\u201d")
    mention = body.index("counterpart, Bruno Rodriguez Parrilla. Cuba")
    start, end = next((s, e) for s, e in annotations if body[s:e] == "now very much regret it")
    after = body.index("turning its recognition", end) + len("turning its recognition")
    return [
        ("a repeated word (its 11th occurrence)", words[10], words[10] + 3),
        ("curly quotes and an apostrophe", curly, curly + len("that’s their business. If the clever “regime”")),
        ("across a mention link", mention, mention + len("counterpart, Bruno Rodriguez Parrilla. Cuba")),
        ("overlapping a highlight and its note marker", start + len("now very much "), after),
    ]  # fmt: skip


def open_panel(page, start: int, end: int) -> None:
    page.evaluate("([s, e]) => testText.select(s, e)", [start, end])
    page.wait_for_selector(PANEL)
    page.wait_for_function(
        "t => document.querySelector('.dossier-annotate__where').textContent.startsWith(t)",
        arg=f"Characters {start}\u2013{end} ",
    )


def article_page(page, url: str) -> None:
    page.goto(f"{url}articles/{ARTICLE}/")
    page.add_script_tag(content=TEXT_JS)


def paste(article: Path, item: str) -> None:
    """Append an item to the end of the front matter's `annotations:` list, as the
    panel says (after its last item)."""
    lines = article.read_text(encoding="utf-8").split("\n")
    at = lines.index("annotations:") + 1
    while lines[at].startswith(" ") or not lines[at]:
        at += 1
    lines[at:at] = item.rstrip("\n").split("\n")
    article.write_text("\n".join(lines), encoding="utf-8")


@needs_chromium
def test_annotate_from_the_page(chromium, annotate_url: str, tmp_path: Path, request) -> None:
    from sitecheck import foreign, local_page, screenshot_on_failure, serving

    project = copy_project(tmp_path / "project")
    source = project / "dossier" / "articles" / f"{ARTICLE}.md"
    dossier = load_dossier(project)
    article = dossier.article(ARTICLE)
    body = article.body
    existing = [(a.start, a.end) for a in anchor_all(article, dossier.registry, [])]
    picks = passages(body, existing)
    choices = [  # label, verdict, actors, narrative
        ("loaded-language", "", [], ""),
        ("claim", "false", ["juan-guaido"], ""),  # "false": a verdict YAML must quote
        ("name-calling", "", ["bruno-rodriguez-parrilla", "cuba"], "guaido-us-puppet"),
        ("exaggeration-minimisation", "", [], ""),
    ]
    requests: list[str] = []
    context, page = local_page(chromium, "light", 1280, requests=requests)
    context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=annotate_url.rstrip("/")
    )
    copied = []
    try:
        with screenshot_on_failure(page, request.node.name):
            article_page(page, annotate_url)
            for number, ((what, start, end), (label, verdict, actors, narrative)) in enumerate(
                zip(picks, choices, strict=True), start=1
            ):
                open_panel(page, start, end)
                page.check(f"#dossier-annotate-label-{label}")
                if verdict:
                    page.select_option("#dossier-annotate-verdict", verdict)
                for actor in actors:
                    page.check(f"#dossier-annotate-actor-{actor}")
                if narrative:
                    page.select_option("#dossier-annotate-narrative", narrative)
                page.fill(
                    "#dossier-annotate-note", f'h2-note-{number}: "{what}" \\ \t\u2028 \U0001f600'
                )
                page.click(".dossier-annotate__copy")
                page.wait_for_function(
                    "document.querySelector('.dossier-annotate__status').textContent === 'Copied.'"
                )
                text = page.evaluate("navigator.clipboard.readText()")
                assert text == page.eval_on_selector(
                    ".dossier-annotate__yaml code", "c => c.textContent"
                )
                assert f"dossier/articles/{ARTICLE}.md" in page.inner_text(
                    ".dossier-annotate__target"
                )
                copied.append(text)
                page.keyboard.press("Escape")
                page.wait_for_selector(".dossier-annotate", state="hidden")
        assert foreign(requests) == []
    finally:
        context.close()

    for text in copied:
        assert text.startswith('  - quote: "') and "\n    label: " in text, text
        paste(source, text)
    site = tmp_path / "site"
    result = mkdocs_build(site, cwd=project)
    assert result.returncode == 0, f"the pasted items do not build:\n{result.stderr}\n{copied}"
    dossier = load_dossier(project)
    problems: list[Problem] = []
    anchored = anchor_all(dossier.article(ARTICLE), dossier.registry, problems)
    assert problems == []
    for number, ((what, start, end), (label, verdict, actors, narrative)) in enumerate(
        zip(picks, choices, strict=True), start=1
    ):
        (new,) = [a for a in anchored if a.annotation.note.startswith(f"h2-note-{number}:")]
        assert (new.start, new.end) == (start, end), what
        assert new.annotation.quote == body[start:end], what
        assert new.annotation.label == label and new.annotation.verdict == verdict, what
        assert (
            list(new.annotation.actors) == actors and (new.annotation.narrative or "") == narrative
        )
        assert new.annotation.note == f'h2-note-{number}: "{what}" \\ \t\u2028 \U0001f600'

    with serving(site) as url:
        context, page = local_page(chromium, "light", 1280)
        try:
            with screenshot_on_failure(page, request.node.name + "-rebuilt"):
                article_page(page, url)
                for number, (what, start, end) in enumerate(picks, start=1):
                    note = page.locator("li[id^='fn:']").filter(has_text=f"h2-note-{number}:")
                    anchor_id = (note.get_attribute("id") or "").removeprefix("fn:")
                    shown = page.evaluate("a => testText.span(a)", anchor_id)
                    assert (shown["start"], shown["end"]) == (start, end), what
                    if "\n" not in body[start:end]:
                        assert shown["text"] == body[start:end], what
                    if shown["marked"] is not None:  # every piece carries data-a
                        assert shown["marked"].replace("\n", "") == body[start:end].replace(
                            "\n", ""
                        )
        finally:
            context.close()


CLAMP_JS = """([kind]) => {
  let start, end;
  if (kind === 'title') {  // from the page's title into the text's first words
    start = [document.querySelector('h1').firstChild, 0];
    end = [document.querySelector('div.dossier-text p[data-o]').firstChild, 20];
  } else {  // from inside a note marker's number to the text after it
    const sup = document.querySelector('div.dossier-text sup[id^="fnref:"]');
    start = [sup.querySelector('a').firstChild, 0];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    walker.currentNode = sup.lastChild;
    let node = walker.nextNode();
    while (sup.contains(node) || !node.data.trim()) node = walker.nextNode();
    end = [node, Math.min(3, node.data.length)];
  }
  const range = document.createRange();
  range.setStart(...start);
  range.setEnd(...end);
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  document.dispatchEvent(new PointerEvent('pointerup', {bubbles: true}));
}"""


@needs_chromium
def test_a_selection_from_outside_the_text_or_a_marker_is_clamped(
    chromium, annotate_url: str, request
) -> None:
    from sitecheck import local_page, screenshot_on_failure

    body = load_dossier(REPO).article(ARTICLE).body
    context, page = local_page(chromium, "light", 1280)
    try:
        with screenshot_on_failure(page, request.node.name):
            article_page(page, annotate_url)
            page.evaluate(CLAMP_JS, ["title"])
            page.wait_for_selector(PANEL)
            assert page.inner_text(".dossier-annotate__where").startswith("Characters 0\u201320 ")
            assert (
                page.eval_on_selector(".dossier-annotate__quote", "q => q.textContent") == body[:20]
            )
            start = page.evaluate(
                "() => testText.after(document.querySelector('div.dossier-text sup[id^=\"fnref:\"]')).at"
            )
            page.evaluate(CLAMP_JS, ["marker"])
            page.wait_for_function(
                "t => document.querySelector('.dossier-annotate__where').textContent.startsWith(t)",
                arg=f"Characters {start}\u2013",
            )
            quote = page.eval_on_selector(".dossier-annotate__quote", "q => q.textContent")
            assert body[start:].startswith(quote) and quote.strip()
            assert not re.search(r"\d", quote[:1])  # the marker's number is no text
    finally:
        context.close()


# A text block of the contract's markup with astral characters (one code point, two
# UTF-16 units each), a note marker and a mention; the body it stands for is ASTRAL.
ASTRAL = "\U0001f600 x \U0001f600 a\n\n\U0001f600 b \U0001f600 a"
ASTRAL_HTML = (
    '<p data-o="0">\U0001f600 x \U0001f600 a<sup id="fnref:n"><a href="#fn:n">1</a></sup></p>\n'
    '<p data-o="9">\U0001f600 <a class="mention" href="../../actors/x/">b</a> \U0001f600 a</p>'
)


@needs_chromium
def test_offsets_count_code_points(chromium, annotate_url: str, request) -> None:
    """The last "a" of ASTRAL is at 15 in code points (19 in UTF-16 units); the panel
    says so and writes the engine's selector for it."""
    from sitecheck import local_page, screenshot_on_failure

    context, page = local_page(chromium, "light", 1280)
    try:
        with screenshot_on_failure(page, request.node.name):
            article_page(page, annotate_url)
            page.evaluate(
                """([html, length]) => {
                    const block = document.querySelector('div.dossier-text');
                    block.innerHTML = html;
                    block.dataset.length = length;
                }""",
                [ASTRAL_HTML, len(ASTRAL)],
            )
            start = ASTRAL.rindex("a")
            open_panel(page, start, start + 1)
            expected = reference_selector(ASTRAL, start, start + 1)
            assert "prefix" in expected or "suffix" in expected
            yaml_text = page.eval_on_selector(".dossier-annotate__yaml code", "c => c.textContent")
            item = yaml.safe_load(yaml_text)[0]
            assert {k: v for k, v in item.items() if k != "label"} == expected
    finally:
        context.close()


@needs_chromium
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_panel_is_accessible(
    chromium, annotate_url: str, scheme: str, width: int, request
) -> None:
    """Focus goes to the labelled panel, Escape closes it and gives the highlight of the
    passage back; a side panel at 1280 px, a bottom sheet at 390 px with nothing wider
    than the screen; axe-core finds nothing on the open panel that the page did not
    have without it."""
    from sitecheck import axe_violations, local_page, screenshot_on_failure

    context, page = local_page(chromium, scheme, width)
    try:
        with screenshot_on_failure(page, request.node.name):
            article_page(page, annotate_url)
            before = {(v["id"], n) for v in axe_violations(page) for n in v["nodes"]}
            body_text = page.evaluate(
                "[...document.querySelectorAll('div.dossier-text p[data-o]')].map(p => p.dataset.o)"
            )
            start = int(body_text[2])
            open_panel(page, start, start + 12)
            assert page.evaluate("document.activeElement.matches('.dossier-annotate')")
            assert page.get_attribute(PANEL, "role") == "dialog"
            assert page.inner_text("#" + page.get_attribute(PANEL, "aria-labelledby"))
            assert page.evaluate("CSS.highlights.has('dossier-annotate')")
            page.check("#dossier-annotate-label-claim")
            page.wait_for_selector("#dossier-annotate-verdict", state="visible")
            box = page.locator(PANEL).bounding_box()
            assert box is not None
            if width == 390:
                assert box["x"] == 0 and box["width"] == 390
                assert abs(box["y"] + box["height"] - 900) < 1
            else:
                assert box["x"] + box["width"] == 1280 and box["width"] < 500
            assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
            after = [v for v in axe_violations(page)
                     if any((v["id"], n) not in before for n in v["nodes"])]  # fmt: skip
            assert after == [], after
            page.keyboard.press("Escape")
            page.wait_for_selector(".dossier-annotate", state="hidden")
            assert not page.evaluate("CSS.highlights.has('dossier-annotate')")
    finally:
        context.close()


@needs_chromium
def test_screenshot(chromium, annotate_url: str, update_golden: bool, tmp_path: Path) -> None:
    """The panel open with a label chosen, as docs/images/annotate-panel.png shows it
    (rewritten with --update-golden; otherwise taken into a temporary folder)."""
    from sitecheck import local_page

    target = SCREENSHOT if update_golden else tmp_path / SCREENSHOT.name

    context, page = local_page(chromium, "light", 1280)
    try:
        article_page(page, annotate_url)
        body = load_dossier(REPO).article(ARTICLE).body
        start = body.index("the legitimate Venezuelan president")
        page.evaluate(
            "o => document.querySelector(`p[data-o=\"${o}\"]`).scrollIntoView({block: 'center'})",
            max(int(o) for o in page.evaluate(
                "[...document.querySelectorAll('div.dossier-text p[data-o]')].map(p => p.dataset.o)")
                if int(o) <= start),
        )  # fmt: skip
        open_panel(page, start, start + len("the legitimate Venezuelan president"))
        page.check("#dossier-annotate-label-loaded-language")
        page.evaluate("document.querySelector('.dossier-annotate__body').scrollTop = 0")
        assert page.is_visible(".dossier-annotate")
        page.screenshot(path=str(target))
        assert target.stat().st_size > 10_000
    finally:
        context.close()

"""The hostile-input suite (tests/hostile/cases.yml): each malicious or malformed file
gives either a safe literal rendering or a clear error naming the file and line, with a
non-zero `dossier check`; nothing is executed, nothing outside the project is read, and
no other article is lost from the build."""

from __future__ import annotations

import hashlib
import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml

from conftest import ACTORS, REPO, SOURCES, article_text, mkdocs_build
from dossier_core import build_index, build_pages, load_dossier
from dossier_core.cli import main as dossier_main

HOSTILE = Path(__file__).parent / "hostile"
# Cases with an `input` are bad input to `dossier import` (test_hostile_imports.py);
# cases with a `command`, bad use of the other commands (test_hostile_commands.py).
CASES = [
    case
    for case in yaml.safe_load((HOSTILE / "cases.yml").read_text(encoding="utf-8"))
    if "input" not in case and "command" not in case
]
PWNED = Path("/tmp/dossier-pwned")  # what the python-tag case would create if executed
LABELS = (REPO / "dossier" / "labels.yml").read_text(encoding="utf-8")
GOOD = article_text("good", "Juan Guaido met Washington's envoy.")
SECRET = "THIS-TEXT-LIVES-OUTSIDE-THE-PROJECT"


def project(root: Path) -> Path:
    (root / "dossier" / "articles").mkdir(parents=True)
    (root / "seeds").mkdir()
    (root / "dossier" / "actors.yml").write_text(ACTORS, encoding="utf-8")
    (root / "dossier" / "sources.yml").write_text(SOURCES, encoding="utf-8")
    (root / "dossier" / "labels.yml").write_text(LABELS, encoding="utf-8")
    (root / "dossier" / "articles" / "good.md").write_text(GOOD, encoding="utf-8")
    return root


def write_case(case: dict, root: Path) -> None:
    articles = root / "dossier" / "articles"
    if "file" in case:
        shutil.copy(HOSTILE / "files" / case["file"], articles / f"{case['name']}.md")
    else:
        GENERATORS[case["generate"]](case["name"], root)


def _simple(name: str, title: str = "T", body: str = "Juan Guaido spoke.", extra: str = "") -> str:
    return f"---\nid: {name}\ntitle: {title}\noutlet: tass\n{extra}---\n\n{body}\n"


def _outside(root: Path, name: str, text: str) -> Path:
    outside = root.parent / f"outside-{root.name}"
    outside.mkdir(exist_ok=True)
    path = outside / name
    path.write_text(text, encoding="utf-8")
    return path


GENERATORS = {
    "non-utf8": lambda name, root: (root / "dossier/articles" / f"{name}.md").write_bytes(
        f"---\nid: {name}\ntitle: caf\xff\n---\n\nText.\n".encode("latin-1")
    ),
    "nul-byte": lambda name, root: (root / "dossier/articles" / f"{name}.md").write_text(
        _simple(name, body="Line one.\n\nBefore\x00after.")
    ),
    "bell": lambda name, root: (root / "dossier/articles" / f"{name}.md").write_text(
        _simple(name, title="Ding\x07")
    ),
    "bom": lambda name, root: (root / "dossier/articles" / f"{name}.md").write_text(
        "\ufeff" + _simple(name, title="With a BOM")
    ),
    "crlf": lambda name, root: (root / "dossier/articles" / f"{name}.md").write_bytes(
        _simple(name, title="CRLF", body="Juan Guaido spoke.\n\nSecond paragraph.")
        .replace("\n", "\r\n")
        .encode()
    ),
    "huge": lambda name, root: (root / "dossier/articles" / f"{name}.md").write_text(
        _simple(name, body="Juan Guaido spoke. " * 2_700_000)  # about 51 MB
    ),
    "symlinked-article": lambda name, root: (root / "dossier/articles" / f"{name}.md").symlink_to(
        _outside(root, "secret.md", _simple(name, body=SECRET))
    ),
    "symlinked-seed": lambda name, root: (
        (root / "seeds" / "link.txt").symlink_to(_outside(root, "seed.txt", SECRET)),
        (root / "dossier/articles" / f"{name}.md").write_text(
            _simple(name, extra="seed: seeds/link.txt\n")
        ),
    ),
    "actors-markup": lambda name, root: (root / "dossier/actors.yml").write_text(
        ACTORS
        + "hostile:\n  name: \"<script>alert('actor')</script>\"\n  kind: person\n"
        + '  description: "<img src=x onerror=alert(1)> [x](javascript:alert(1)) {: onclick=alert(1) }"\n'
        + '  aliases: ["Guaido</a><script>alert(1)</script>"]\n'
    ),
    "actors-python-tag": lambda name, root: (root / "dossier/actors.yml").write_text(
        "a:\n  name: !!python/object/apply:os.system ['touch /tmp/dossier-pwned']\n  kind: person\n"
    ),
    "sources-bad-citation": lambda name, root: (root / "dossier/sources.yml").write_text(
        SOURCES.replace('url: "https://en.wikipedia.org/wiki/TASS"}', 'url: "javascript:alert(1)"}')
    ),
    "labels-css-injection": lambda name, root: (root / "dossier/labels.yml").write_text(
        "claim:\n  name: Claim\n  group: claim\n  definition: D.\n"
        '  colour: {light: "red;} body {display: none", dark: "#5c4a00"}\n'
    ),
    "sources-bad-date": lambda name, root: (root / "dossier/sources.yml").write_text(
        SOURCES.replace("as_of: 2026-11-22", "as_of: 2019-13-45")
    ),
    "actors-date-like": lambda name, root: (root / "dossier/actors.yml").write_text(
        ACTORS + "dated:\n  name: 2019-02-30\n  kind: place\n"
        "  description: 2019-13-45 10:00:00\n  aliases: [2019-02-29]\n"
    ),
    "labels-date-like": lambda name, root: (root / "dossier/labels.yml").write_text(
        LABELS + "dated-label:\n  name: 2019-02-30\n  group: context\n"
        "  definition: 2019-13-45\n  colour: {light: '#ffffff', dark: '#000000'}\n"
    ),
    "actors-tab": lambda name, root: (root / "dossier/actors.yml").write_text(
        ACTORS.replace("  kind: person", "\tkind: person", 1)
    ),
    "actors-broken": lambda name, root: (
        (root / "dossier/actors.yml").write_text(
            ACTORS.replace("  kind: person", "  kind: : : [person", 1)
        ),
        (root / "dossier/articles/adds-an-actor.md").write_text(
            _simple("adds-an-actor", extra="actors: {add: [juan-guaido]}\n")
        ),
    ),
    "same-seed": lambda name, root: _same_seed(name, root, same_file=True),
    "same-seed-bytes": lambda name, root: _same_seed(name, root, same_file=False),
    "non-utf8-seed": lambda name, root: _seeded(name, root, "latin.txt", "Caf\xe9 Guaido.\n"),
    # narratives.yml (optional) and the `narrative:` key of annotations
    "narrative-unknown": lambda name, root: _narrated(name, root, NARRATIVES, "us-pupet"),
    "narratives-broken": lambda name, root: _narrated(name, root, "us-puppet: {title: [x\n"),
    "narratives-markup": lambda name, root: _narrated(
        name, root, NARRATIVES_MARKUP, quote="Juan Guaido spoke."
    ),
    "narratives-bad-url": lambda name, root: _narrated(
        name,
        root,
        NARRATIVES + "  refutation: R\n  sources: [{title: S, url: 'javascript:alert(1)'}]\n",
    ),
}
NARRATIVES = "us-puppet:\n  title: Guaido as a puppet\n  summary: S\n"
NARRATIVES_MARKUP = (
    "us-puppet:\n  title: <script>alert(1)</script>\n  summary: '[x](javascript:alert(1)) {{ x }}'\n"
    "  refutation: <img src=x onerror=alert(1)>\n  sources: [{title: <b>S</b>, url: 'https://e.org/\"><x>'}]\n"
)


def _narrated(
    name: str, root: Path, narratives: str, narrative: str = "us-puppet", quote: str = "Guaido"
) -> None:
    """narratives.yml, and an article whose annotation (line 6) carries `narrative`."""
    (root / "dossier/narratives.yml").write_text(narratives, encoding="utf-8")
    extra = f"annotations:\n  - quote: {quote}\n    label: context\n    narrative: {narrative}\n"
    (root / "dossier/articles" / f"{name}.md").write_text(_simple(name, extra=extra))


def _seeded(name: str, root: Path, seed: str, text: str, sha: str | None = None) -> None:
    """An article whose seed (seeds/<seed>, latin-1 bytes) is recorded with its sha256."""
    data = text.encode("latin-1")
    (root / "seeds" / seed).write_bytes(data)
    digest = sha or hashlib.sha256(data).hexdigest()
    (root / "dossier/articles" / f"{name}.md").write_text(
        _simple(name, extra=f"seed: seeds/{seed}\nseed_sha256: {digest}\n")
    )


def _same_seed(name: str, root: Path, same_file: bool) -> None:
    """Two articles made from one seed: <name>-twin.md (first by name) and <name>.md."""
    text = "Juan Guaido spoke.\n"
    _seeded(f"{name}-twin", root, "one.txt", text)
    _seeded(name, root, "one.txt" if same_file else "copy.txt", text)


@pytest.fixture(scope="module")
def md(site_markdown: markdown.Markdown) -> markdown.Markdown:
    return site_markdown


class Scan(HTMLParser):
    """Everything in rendered HTML that could run or load something."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.dangers: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "iframe", "img", "style", "object", "embed", "link", "meta", "form"}:
            self.dangers.append(f"<{tag}>")
        for key, value in attrs:
            if key.startswith("on"):
                self.dangers.append(f"{tag}[{key}]")
            if key in {"href", "src", "action"} and value:
                lowered = value.strip().lower()
                if (
                    not lowered.startswith(("http://", "https://", "#", "../", "./"))
                    and ":" in lowered.split("/")[0]
                ):
                    self.dangers.append(f"{tag}[{key}={value}]")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_the_suite_is_complete() -> None:
    assert len(CASES) >= 25
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names))
    generated = {case["generate"] for case in CASES if "generate" in case}
    assert generated == set(GENERATORS)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_hostile_case(case: dict, tmp_path: Path, md: markdown.Markdown, capsys) -> None:
    PWNED.unlink(missing_ok=True)
    root = project(tmp_path / "project")
    write_case(case, root)
    dossier = load_dossier(root)
    index = build_index(dossier)
    problems = dossier.problems + index.problems
    pages = build_pages(dossier, index)
    assert "good" in [a.id for a in dossier.articles], "another article was lost"
    assert not PWNED.exists(), "YAML executed code"
    everything = "\n".join(page.text for page in pages)
    assert SECRET not in everything, "a file outside the project was read"
    exit_code = dossier_main(["--root", str(root), "check"])
    reported = capsys.readouterr().err
    if "absent" in case:
        assert not [str(p) for p in problems if case["absent"] in str(p)]
    if case["expect"] == "error":
        target = case.get("target", f"articles/{case['name']}.md")
        line = f":{case['line']}" if "line" in case else ""
        column = f":{case['column']}" if "column" in case else ""
        where = f"dossier/{target}{line}{column}: "
        matching = [
            str(p) for p in problems if str(p).startswith(where) and case["message"] in str(p)
        ]
        assert matching, [str(p) for p in problems]
        assert exit_code == 1 and case["message"] in reported
    else:
        assert problems == [], [str(p) for p in problems]
        assert exit_code == 0
        for page in pages:
            md.reset()
            scan = Scan()
            scan.feed(md.convert(page.text.split("---", 2)[-1]))
            assert scan.dangers == [], (page.path, scan.dangers)
        article = next((p for p in pages if p.path == f"articles/{case['name']}.md"), None)
        if article is not None and case["name"] != "frontmatter-markup":
            md.reset()
            scan = Scan()
            scan.feed(md.convert(article.text.split("---", 2)[-1]))
            text = "".join(scan.text)
            source = (root / "dossier" / "articles" / f"{case['name']}.md").read_text(
                encoding="utf-8-sig"
            )
            body = source.replace("\r\n", "\n").split("---", 2)[-1].strip()
            for paragraph in body.split("\n\n"):
                assert paragraph in text  # shown exactly as written


def test_hostile_site_builds_safely_end_to_end(tmp_path: Path) -> None:
    """All literal cases in one real `mkdocs build --strict`: the theme's own output
    (titles, meta description, tooltips) must not carry the payloads either."""
    root = project(tmp_path / "project")
    for case in CASES:
        if case["expect"] == "literal":
            write_case(case, root)
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    out = tmp_path / "site"
    result = mkdocs_build(out, cwd=root)
    assert result.returncode == 0, result.stderr
    pages = [p for p in out.rglob("*.html") if "pagefind" not in p.parts]
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        scan = PageScan()
        scan.feed(html)
        assert scan.dangers == [], (page.relative_to(out), scan.dangers)


class PageScan(HTMLParser):
    """A whole built page: scripts may only be the theme's and ours, and no payload
    may appear in any script, handler or URL."""

    # The theme's scripts and the site's own (docs/javascripts/), by name.
    ALLOWED_SCRIPTS = ("assets/javascripts/",) + tuple(
        f"javascripts/{name}" for name in (
            "search.js", "search-page.js", "notes.js", "names.js", "articles.js",
            "annotate-core.js", "annotate-panel.js", "annotate.js",
        )
    )  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.dangers: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key, value in attrs:
            if key.startswith("on"):
                self.dangers.append(f"{tag}[{key}]")
            # A meta description is inert text; only a refresh could navigate.
            urlish = key in {"href", "src", "action"} or (
                key == "content" and "http-equiv" in values
            )
            if urlish and value and "javascript:" in value.lower():
                self.dangers.append(f"{tag}[{key}={value[:60]}]")
        if tag in {"iframe", "object", "embed", "style"}:
            self.dangers.append(f"<{tag}>")
        if tag == "img" and not (values.get("src") or "").startswith(
            ("data:image/svg", "../", "/")
        ):
            self.dangers.append(f"<img src={values.get('src')}>")
        if tag == "script":
            self._in_script = True
            src = values.get("src")
            if src and not any(part in src for part in self.ALLOWED_SCRIPTS):
                self.dangers.append(f"<script src={src}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert(" in data:
            self.dangers.append("payload inside a <script>")

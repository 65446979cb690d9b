"""`mkdocs serve` rebuilds incrementally (plugins/mkdocs_dossier/live.py): after a
scripted sequence of edits, every file the server serves equals, byte for byte, what a
fresh full build of the same files writes; and a broken edit shows its problem on the
page and the next good save recovers.

The two differences allowed are said here: the search index (Pagefind runs once under
serve, and the search page says so, in a note removed before comparing) and the
live-reload script the server adds to every HTML page.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from test_serve import serving

from conftest import copy_project, set_plugin_option

ARTICLE = "russia-beats-us-in-venezuela"
NOTE = re.compile(rb'<p class="dossier-serve-note">.*?</p>\n', re.S)


def get(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
            return response.read()
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise


def unserved(content: bytes) -> bytes:
    """A served page as the build wrote it: without the live-reload script and the
    search page's note."""
    end = content.rfind(b"</body>")
    if end >= 0:
        start = content.rfind(b"<script>", 0, end)
        if start >= 0 and b"livereload(" in content[start:end]:
            content = content[:start] + content[end:]
    return NOTE.sub(b"", content)


@contextmanager
def served(project: Path, log: Path) -> Iterator[str]:
    """`mkdocs serve` (test_serve.serving) once it has built: its base URL."""
    with serving(project, log) as port:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and b"Serving on" not in log.read_bytes():
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/"


DONE = re.compile(r"page\(s\) rewritten|Documentation built")


def settled(log: Path, before: int, seconds: float = 60) -> int:
    """Wait until a rebuild after `before` finished and the log has been quiet 1.5 s."""
    deadline = time.monotonic() + seconds
    last, quiet_since = "", time.monotonic()
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8")
        if text != last:
            last, quiet_since = text, time.monotonic()
        count = len(DONE.findall(text))
        if count > before and time.monotonic() - quiet_since > 1.5:
            return count
        time.sleep(0.1)
    raise AssertionError(f"no rebuild finished within {seconds} s:\n{last[-3000:]}")


def edit(path: Path, change) -> None:
    front, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
    data = yaml.safe_load(front.removeprefix("---\n"))
    body = change(data, body) or body
    dumped = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1_000_000)
    path.write_text(f"---\n{dumped}---\n{body}", encoding="utf-8")


def unique_passage(body: str, words: int = 7) -> str:
    """A run of whole words found once in the body, from its middle."""
    tokens = body[len(body) // 3 :].split(" ")[1:]
    for start in range(len(tokens) - words):
        passage = " ".join(tokens[start : start + words])
        if "\n" not in passage and passage[-1].isalpha() and body.count(passage) == 1:
            return passage
    raise AssertionError("no unique passage")


def test_incremental_rebuilds_equal_a_full_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    # The annotate panel is on in both (by default it is on under serve only): its data
    # file (javascripts/annotate.json) must follow the edits too.
    set_plugin_option(project, "annotate", "always")
    log = tmp_path / "serve.log"
    articles = project / "dossier" / "articles"
    article = articles / f"{ARTICLE}.md"
    with served(project, log) as base:
        done = settled(log, 0, 120)
        steps = []

        def add_annotation(data: dict, body: str) -> None:
            quote = unique_passage(body)
            data["annotations"].append({"quote": quote, "label": "loaded-language",
                                        "note": "Added while serving."})  # fmt: skip
            steps.append(quote)

        def remove_annotation(data: dict, body: str) -> None:
            data["annotations"].pop(0)

        def change_quote(data: dict, body: str) -> None:
            quote = data["annotations"][-1]["quote"]
            data["annotations"][-1]["quote"] = quote.rsplit(" ", 1)[0]

        for change in (add_annotation, remove_annotation, change_quote):
            edit(article, change)
            done = settled(log, done)
        page = get(f"{base}articles/{ARTICLE}/") or b""
        assert b"Added while serving" in page, "the added annotation is not on the page"

        added = articles / "added-while-serving.md"
        added.write_text(
            "---\nid: added-while-serving\ntitle: Added while serving\noutlet: unidentified-000\n"
            "published: 2019-06-01\nlanguage: en\nsummary: An article added while serving.\n"
            "---\nNicolás Maduro and Juan Guaidó met nobody in Caracas.\n",
            encoding="utf-8",
        )
        done = settled(log, done)
        assert b"Added while serving" in (get(f"{base}articles/added-while-serving/") or b"")
        gone = articles / "gone-while-serving.md"
        gone.write_text(added.read_text(encoding="utf-8").replace("added-", "gone-"), "utf-8")
        done = settled(log, done)
        gone.unlink()
        done = settled(log, done)
        assert get(f"{base}articles/gone-while-serving/") is None, "a deleted article is served"

        actors = project / "dossier" / "actors.yml"
        text = actors.read_text(encoding="utf-8")
        block = "  name: Brussels\n"  # an alias found in several articles' texts
        assert block in text and "\n  aliases: []\n" in text[text.index(block) :]
        start = text.index(block)
        changed = text[start:].replace("  aliases: []", "  aliases: [European]", 1)
        actors.write_text(text[:start] + changed, encoding="utf-8")
        done = settled(log, done)

        fresh = tmp_path / "fresh"
        config = project / "fresh.yml"
        config.write_text(f"INHERIT: mkdocs.yml\nsite_url: {base}\n", encoding="utf-8")
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(fresh)],
            cwd=project, check=True,
        )  # fmt: skip
        compared, differ = 0, []
        for path in sorted(fresh.rglob("*")):
            relative = path.relative_to(fresh).as_posix()
            if path.is_dir() or relative.startswith("pagefind/"):
                continue
            content = get(base + relative)
            compared += 1
            if content is None or unserved(content) != path.read_bytes():
                differ.append(relative)
        assert compared > 100
        assert (fresh / "javascripts" / "annotate.json").is_file(), "no annotate data compared"
        assert NOTE.search(get(f"{base}search/") or b""), (
            "the search page does not say search is old"
        )
        assert not differ, f"{len(differ)} served files differ from a full build: {differ[:10]}"
        assert "Traceback" not in log.read_text(encoding="utf-8")


def test_a_broken_edit_shows_on_its_page_and_the_next_save_recovers(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    log = tmp_path / "serve.log"
    article = project / "dossier" / "articles" / f"{ARTICLE}.md"
    good = article.read_text(encoding="utf-8")
    with served(project, log) as base:
        url = f"{base}articles/{ARTICLE}/"
        done = settled(log, 0, 120)
        cases = [
            ("published: 2019-05\n", "published: 2019-02-30\n", "is not a date"),
            ("summary: ", "summary: [unclosed ", "invalid YAML"),
            ('  - quote: "the American puppet Juan Guaido"',
             '  - quote: "the Martian puppet Juan Guaido"', "annotation 1:"),
        ]  # fmt: skip
        for old, new, problem in cases:
            assert old in good
            article.write_text(good.replace(old, new, 1), encoding="utf-8")
            done = settled(log, done)
            page = (get(url) or b"").decode("utf-8")
            assert "dossier-problems" in page, f"{problem}: the page does not show it"
            assert f"dossier/articles/{ARTICLE}.md:" in page and problem in page
            if "date" in problem:  # the whole message, with its line
                line = good[: good.index(old)].count("\n") + 1
                assert (
                    f"dossier/articles/{ARTICLE}.md:{line}: published: 2019-02-30 is not a "
                    "date (February 2019 has 28 days); write YYYY-MM-DD"
                ) in page
            assert get(base), "the server stopped serving"
            article.write_text(good.replace("summary: ", "summary: Fixed-again. ", 1), "utf-8")
            done = settled(log, done)
            page = (get(url) or b"").decode("utf-8")
            assert "Fixed-again." in page and "dossier-problems" not in page
        assert "Traceback" not in log.read_text(encoding="utf-8")

"""The built site as a whole: every link and anchor resolves, the HTML validates (Nu
HTML Checker), and two builds of the same inputs are byte-identical."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import REPO, copy_project, mkdocs_build

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
IN_CI = os.environ.get("CI") == "true"


def build(out: Path, cwd: Path = REPO, seed: str = "0") -> None:
    result = mkdocs_build(out, cwd=cwd, hash_seed=seed)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build(out)
    return out


class Page(HTMLParser):
    """Collects the ids of a page and the URLs it links to or loads."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.urls: list[tuple[str, str]] = []  # (tag, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key) and (key == "id" or tag == "a"):
                self.ids.add(values[key])
        for key in ("href", "src"):
            if values.get(key):
                self.urls.append((tag, values[key]))


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def target_file(site: Path, page_url: str, link: str) -> tuple[Path, str]:
    absolute = urlsplit(urljoin(page_url, link))
    path = unquote(absolute.path).lstrip("/")
    file = site / path
    if path == "" or path.endswith("/"):
        file = file / "index.html"
    return file, unquote(absolute.fragment)


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    pages = {p: parse(p) for p in site.rglob("*.html")}
    broken, checked = [], 0
    for path, page in pages.items():
        url = "http://site/" + path.relative_to(site).as_posix()
        for tag, link in page.urls:
            scheme = urlsplit(link).scheme
            if scheme in {"http", "https", "mailto"} or link.startswith("//"):
                assert tag == "a", f"{path.relative_to(site)} loads {link} from another host"
                continue
            if scheme in {"data", "javascript"}:
                broken.append(f"{path.relative_to(site)}: {scheme}: URL in <{tag}>")
                continue
            file, fragment = target_file(site, url, link)
            checked += 1
            if not file.is_file():
                broken.append(
                    f"{path.relative_to(site)}: {link} -> missing {file.relative_to(site)}"
                )
            elif fragment and file.suffix == ".html":
                target = pages.get(file) or parse(file)
                if fragment not in target.ids:
                    broken.append(f"{path.relative_to(site)}: {link} -> no #{fragment}")
    assert broken == []
    assert checked > 1000  # the walk really covered the site


# Errors that come from Material for MkDocs' own templates, not from our templates or
# Markdown; they are listed in the test output, and anything else fails the test.
THEME_ERRORS = [
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden",
     'for="__toc"'),
]  # fmt: skip


def test_generated_html_validates(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not VNU.is_file() or shutil.which("java") is None:
        if IN_CI:
            pytest.fail("the Nu HTML Checker needs `npm install` and Java (.ci/run installs them)")
        pytest.skip("the Nu HTML Checker needs `npm install` (node_modules/vnu-jar) and Java")
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(site)],
        capture_output=True, text=True,
    )  # fmt: skip
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert all(m.get("type") != "non-document-error" for m in messages), messages[:3]
    theirs = [m for m in messages if _from_theme(m)]
    ours = [f"{m['url'].split(str(site))[-1]}:{m.get('lastLine')}: {m['message']}"
            for m in messages if not _from_theme(m)]  # fmt: skip
    with capsys.disabled():
        print(f"\nNu HTML Checker: {len(ours)} errors from our markup, "
              f"{len(theirs)} from Material's templates (allowed):")  # fmt: skip
        for text, where in THEME_ERRORS:
            count = sum(1 for m in theirs if m["message"].startswith(text))
            print(f"  {count:4d} x {text}… ({where})")
    assert ours == []


def _from_theme(message: dict) -> bool:
    return any(
        message["message"].startswith(text) and where in message.get("extract", "")
        for text, where in THEME_ERRORS
    )


def test_two_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    """Another checkout, another output folder, another hash seed: the same bytes, in
    every file, the search index included (Pagefind 1.5 writes its filters in an order
    that varies between runs; dossier_search puts every bundle in a normal form)."""
    checkout = copy_project(tmp_path / "checkout")
    second = tmp_path / "second"
    build(second, cwd=checkout, seed="12345")

    def files(root: Path) -> list[str]:
        return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())

    first_files = files(site)
    assert first_files == files(second)
    different = [f for f in first_files if (site / f).read_bytes() != (second / f).read_bytes()]
    assert different == []
    assert len(first_files) > 100
    assert [f for f in first_files if f.startswith("pagefind/filter/")]  # compared too

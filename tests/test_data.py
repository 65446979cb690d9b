"""The data files the site publishes under data/ (datafiles.py) and the data page.

The built site's files are the bytes `dossier export` writes from the same project
(the W3C base: the site's site_url); the data page lists each with its size and
record count; `dossier render` (the Zensical path) writes the same files.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import REPO, article_text, copy_project, mkdocs_build
from dossier_core import build_index, load_dossier
from dossier_core.datafiles import (
    ANNOTATIONS,
    DEFAULT_BASE_URL,
    DataOptions,
    _indented,
    base_url,
    data_files,
    write_data_files,
)  # fmt: skip
from dossier_core.datapage import DATA_PAGE, data_page
from dossier_core.settings import RenderSettings
from dossier_core.sitebuild import MANIFEST, data_options, render_site

SITE_URL = "https://example.org/dossier"  # no final slash: MkDocs adds it, and so must we
FILES = [*(f"data/{name}" for name in ANNOTATIONS.values()), "data/articles.csv",
         "data/articles.jsonl"]  # fmt: skip


def export(root: Path, fmt: str, out: Path, base: str = DEFAULT_BASE_URL) -> bytes:
    """What `dossier export --format FMT` writes for the project at root."""
    command = [sys.executable, "-m", "dossier_core.cli", "--root", str(root), "export"]
    command += ["--format", fmt, "--out", str(out), "--base-url", base]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return out.read_bytes()


def records(name: str, data: bytes) -> int:
    """The records a data file holds, counted by reading it as its format."""
    text = data.decode("utf-8")
    if name.endswith(".jsonld"):
        document = json.loads(text)
        assert document["total"] == len(document["first"]["items"])
        return document["total"]
    if name.endswith(".csv"):
        return len(list(csv.DictReader(io.StringIO(text))))
    if name.endswith(".jsonl"):
        return len([json.loads(line) for line in text.splitlines()])
    return len([line.split("\t") for line in text.splitlines()])  # PTC


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled project with a site_url (a snapshot: other work may edit
    the repository's dossier while the tests run)."""
    root = copy_project(tmp_path_factory.mktemp("project"))
    config = root / "mkdocs.yml"
    config.write_text(f"site_url: {SITE_URL}\n" + config.read_text("utf-8"), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def site(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(out, cwd=project)
    assert result.returncode == 0, result.stderr
    return out


def test_the_built_data_files_are_what_dossier_export_writes(
    site: Path, project: Path, tmp_path: Path
) -> None:
    for fmt, name in ANNOTATIONS.items():
        expected = export(project, fmt, tmp_path / name, base=SITE_URL + "/")
        assert (site / "data" / name).read_bytes() == expected, fmt
    items = json.loads((site / "data" / "annotations.jsonld").read_text("utf-8"))["first"]["items"]
    assert items and all(item["id"].startswith(SITE_URL + "/articles/") for item in items)


def test_the_data_page_lists_every_file_with_its_size_and_records(
    site: Path, project: Path
) -> None:
    page = lxml_html.parse(str(site / "data" / "index.html"))
    rows = page.xpath("//table[caption='Files to download']/tbody/tr")
    listed = {}
    for row in rows:
        href = row.xpath(".//a/@href")[0]
        count, size = (int(v) for v in row.xpath(".//data/@value"))
        listed[href] = (count, size)
    assert sorted(listed) == sorted(f"../{path}" for path in FILES)
    for href, (count, size) in listed.items():
        data = (site / "data" / href.rsplit("/", 1)[1]).read_bytes()
        assert (count, size) == (records(href, data), len(data)), href
    dossier = load_dossier(project)
    assert listed["../data/articles.csv"][0] == len(dossier.articles)
    assert listed["../data/annotations.jsonl"][0] == sum(
        len(a.annotations) for a in dossier.articles
    )
    text = page.getroot().text_content()
    assert "under CC BY 4.0" in text  # the bundled mkdocs.yml's data_licence
    for field in ("seed_start", "prefix", "TextPositionSelector", "technique", "mentions"):
        assert field in text, field
    assert "Unicode code points" in text


def test_every_row_field_is_described() -> None:
    from dossier_core.datafiles import ARTICLE_FIELDS as WRITTEN
    from dossier_core.datapage import ARTICLE_FIELDS, ROW_FIELDS
    from dossier_core.export import Row

    assert [name for name, _ in ROW_FIELDS] == list(Row.__dataclass_fields__)
    assert tuple(name for name, _ in ARTICLE_FIELDS) == WRITTEN


def test_render_writes_the_same_data_files_and_the_page(
    site: Path, project: Path, tmp_path: Path
) -> None:
    """The Zensical path (render_site, options from mkdocs.yml) publishes the same files."""
    out = tmp_path / "rendered"
    rendered = render_site(project, "dossier", out, RenderSettings(links="source"))
    assert rendered.data == FILES
    for path in FILES:
        assert (out / path).read_bytes() == (site / path).read_bytes(), path
    page = (out / DATA_PAGE).read_text("utf-8")
    assert 'href="../data/annotations.jsonld" download' in page
    assert "CC BY" in page and "No licence" not in page
    manifest = json.loads((out / MANIFEST).read_text("utf-8"))
    assert set(FILES) | {DATA_PAGE} <= set(manifest)
    again = render_site(project, "dossier", out, RenderSettings())
    assert again.removed == [] and all((out / path).is_file() for path in FILES)


def test_options_from_mkdocs_yml(tmp_path: Path) -> None:
    assert data_options(tmp_path / "none.yml") == DataOptions()
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_url: https://example.org/x\nplugins:\n  - search\n  - dossier:\n"
        "      data_licence: CC0\n",
        encoding="utf-8",
    )
    assert data_options(config) == DataOptions("https://example.org/x/", "CC0")
    assert base_url(None) == base_url("") == base_url("not a url") == DEFAULT_BASE_URL
    assert base_url("https://example.org") == "https://example.org/"


def test_without_a_licence_the_page_says_so(tmp_path: Path) -> None:
    dossier = load_dossier(REPO)
    written = write_data_files(dossier, build_index(dossier), DataOptions(), tmp_path)
    page = data_page(dossier, written, DataOptions(), RenderSettings()).text
    assert "No licence was given" in page
    licensed = data_page(dossier, written, DataOptions(licence="<b>CC0</b>"), RenderSettings())
    assert "<b>" not in licensed.text and "CC0" in licensed.text


def test_the_files_are_the_same_every_time() -> None:
    dossier = load_dossier(REPO)
    index = build_index(dossier)
    first = data_files(dossier, index, DataOptions())
    assert data_files(dossier, index, DataOptions()) == first
    assert sorted(first) == sorted(FILES)


def test_a_dossier_without_annotations(make_dossier, tmp_path: Path) -> None:
    root = make_dossier({"a": article_text("a", "Guaido spoke in Caracas.")})
    dossier = load_dossier(root)
    files = data_files(dossier, build_index(dossier), DataOptions())
    for fmt, name in ANNOTATIONS.items():
        assert files[f"data/{name}"] == export(root, fmt, tmp_path / name), fmt
    assert files["data/articles.jsonl"].count(b"\n") == 1


def test_the_indented_writer_is_json_dumps() -> None:
    """The W3C file is written an annotation at a time with a faster equivalent of
    json.dumps(indent=1): the same text for every kind of value."""
    values = [
        {"a": [1, {"b": None, "c": True, "d": "é\n\"x\u2028\x00<>&"}], "e": {}, "f": [], "g": -1.5},
        [], {}, "", 0, False, [[[]]], {"ключ": "значение", "emoji": "👍"},
    ]  # fmt: skip
    for value in values:
        for depth in (0, 3):
            expected = json.dumps(value, ensure_ascii=False, indent=1)
            assert _indented(value, depth) == expected.replace("\n", "\n" + " " * depth)


def test_no_timestamp_or_absolute_path_in_the_files(site: Path, project: Path) -> None:
    for path in FILES:
        text = (site / path).read_text("utf-8")
        assert str(project) not in text and not re.search(r"\b20\d\d-\d\d-\d\dT", text), path

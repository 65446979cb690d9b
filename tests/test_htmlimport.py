"""HTML import: page text only, in page order; the audit's lines; metadata; charsets."""

from __future__ import annotations

import gzip
import hashlib
import html
import re
import shutil
from pathlib import Path

import pytest

from conftest import ACTORS, REPO, SHARED, SOURCES
from dossier_core.dossier import load_dossier
from dossier_core.htmlalign import place_pieces
from dossier_core.htmlblocks import decode_page, page_blocks, parse_page
from dossier_core.htmlimport import read_page
from dossier_core.importer import ImportFailure, import_files

PAGES = sorted((SHARED / "corpora" / "html" / "pages").glob("*.html.gz"))
ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+\d*);")
TAG = re.compile(r"<[^>]*>")

ARTICLE = """\
<!DOCTYPE html>
<html lang="es-VE">
<head>
<meta charset="utf-8">
<title>Maduro habla en Caracas – Diario Ejemplo</title>
<meta property="og:site_name" content="Diario Ejemplo">
<meta property="og:title" content="Maduro habla en Caracas">
<meta property="article:published_time" content="2019-05-02T10:30:00-04:00">
<meta name="author" content="Ana Pérez">
<link rel="canonical" href="https://diario.example/2019/05/maduro-habla">
</head>
<body>
<nav><ul><li><a href="/">Inicio</a></li><li><a href="/politica">Política</a></li>
<li><a href="/mundo">Mundo</a></li></ul></nav>
<article>
<h1>Maduro habla en Caracas</h1>
<p class="byline">Por Ana Pérez</p>
<p>El presidente Nicolás Maduro habló el jueves ante miles de seguidores en el centro de
Caracas, &laquo;con firmeza&raquo;, y dijo que el gobierno seguirá adelante con su plan.</p>
<p>La oposición, encabezada por Juan Guaidó, convocó por su parte a nuevas marchas para
el fin de semana en varias ciudades del país, según informaron sus portavoces.</p>
<p>Los analistas consultados coinciden en que la crisis política no tiene una salida
cercana y que las negociaciones siguen estancadas desde hace semanas.</p>
<div class="share"><a href="#">Compartir en Facebook</a> <a href="#">Twitter</a></div>
</article>
<footer><p>© 2019 Diario Ejemplo. Todos los derechos reservados.</p></footer>
</body>
</html>
"""


def corpus_page(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes())


@pytest.fixture
def html_corpus(shared: Path) -> list[Path]:
    if not PAGES:
        pytest.skip("../shared/corpora/html has no pages")
    return PAGES


@pytest.mark.parametrize("path", PAGES, ids=[p.name[:12] for p in PAGES])
def test_every_paragraph_is_page_text_in_page_order(shared: Path, path: Path) -> None:
    data = corpus_page(path)
    imported = read_page(data, path.name)
    paragraphs = imported.body.split("\n\n")
    assert paragraphs and all(paragraphs)
    text, _ = decode_page(data)
    blocks = [block.text for block in page_blocks(parse_page(text), text.split("\n"))]
    # Each paragraph is one block's text, or a contiguous part of one, blocks in order.
    at = 0
    for paragraph in paragraphs:
        assert paragraph == " ".join(paragraph.split()), "white space not folded"
        assert not ENTITY.search(paragraph), f"an undecoded entity in {paragraph[:80]!r}"
        while at < len(blocks) and paragraph not in blocks[at]:
            at += 1
        assert at < len(blocks), f"not the text of a page block, in order: {paragraph[:80]!r}"
        at += 1
    # And, independently of the block reader: the page's own text holds them in order.
    root = parse_page(text)
    for element in root.iter("script", "style", "noscript", "template"):
        element.drop_tree()
    shown = " ".join(root.text_content().split())
    position = 0
    for paragraph in paragraphs:
        found = shown.find(paragraph, position)
        assert found >= 0, f"not in the page's text, in order: {paragraph[:80]!r}"
        position = found + len(paragraph)


@pytest.mark.parametrize("path", PAGES, ids=[p.name[:12] for p in PAGES])
def test_removed_entries_point_at_lines_that_hold_their_text(shared: Path, path: Path) -> None:
    data = corpus_page(path)
    imported = read_page(data, path.name)
    lines = decode_page(data)[0].split("\n")
    assert imported.removed, "a real page always has furniture"
    assert [r.line for r in imported.removed] == sorted(r.line for r in imported.removed)
    for entry in imported.removed:
        assert entry.reason and len(entry.text) <= 300
        if entry.reason == "rest of a kept block":
            continue
        # The text starts on that line: tags and white space aside, its first
        # character is there, and the next follow (an inline tag may split a word
        # over lines).
        first = "".join(entry.text.split(" | ")[0].split())  # a merged list: its first
        line = "".join(TAG.sub("", html.unescape(lines[entry.line - 1])).split())
        after = "".join(TAG.sub("", html.unescape("".join(lines[entry.line - 1 :][:8]))).split())
        assert first[0] in line and first[:4] in after, (entry.line, entry.text[:60])


BLOCKS = ["Home", "Linebacker", "The Linebacker played well.", "Second part.", "End."]


@pytest.mark.parametrize(
    ("pieces", "expected"),
    [
        # a piece that is a block, whole
        (["The Linebacker played well."], {2: (0, 27)}),
        # a short piece is looked for as a whole block first, not inside a sentence
        (["Linebacker", "The Linebacker played well."], {1: (0, 10), 2: (0, 27)}),
        # two blocks the extractor merged are split back into both
        (["The Linebacker played well. Second part."], {2: (0, 27), 3: (0, 12)}),
        # a part of a block, widened over the punctuation left outside it
        (["The Linebacker played well"], {2: (0, 27)}),
        (["Linebacker played"], {2: (4, 21)}),
        # text that is not in the page (alt text, a hidden element) is dropped
        (["A caption nobody sees on the page at all"], {}),
    ],
)
def test_extracted_pieces_are_placed_on_page_blocks(pieces: list[str], expected: dict) -> None:
    assert place_pieces(pieces, BLOCKS) == expected


@pytest.mark.parametrize(
    ("data", "text", "noted"),
    [
        ("\ufeffNoël".encode(), "Noël", False),
        ('<meta charset="koi8-r">Мир'.encode("koi8-r"), '<meta charset="koi8-r">Мир', False),
        ('<meta charset="no-such">Noël'.encode(), '<meta charset="no-such">Noël', True),
        ('<meta charset="utf-8">Noël'.encode("cp1252"), '<meta charset="utf-8">Noël', True),
    ],
)
def test_decode_page(data: bytes, text: str, noted: bool) -> None:
    decoded, note = decode_page(data)
    assert decoded == text and bool(note) == noted


def test_metadata_of_a_small_page() -> None:
    imported = read_page(ARTICLE.encode("utf-8"), "maduro.html")
    assert imported.title == "Maduro habla en Caracas"
    assert imported.published == "2019-05-02"
    assert "article:published_time" in imported.date_note
    assert imported.author == "Ana Pérez"
    assert imported.url == "https://diario.example/2019/05/maduro-habla"
    assert imported.site_name == "Diario Ejemplo"
    assert imported.language == "es"
    assert imported.outlet == "unknown"
    assert imported.extracted_with.startswith("trafilatura ")
    assert imported.body.split("\n\n")[0].startswith("El presidente Nicolás Maduro")
    assert "«con firmeza»" in imported.body  # entities decoded, characters kept
    assert "Compartir" not in imported.body and "©" not in imported.body
    reasons = {entry.text: entry.reason for entry in imported.removed}
    assert reasons["Maduro habla en Caracas"] == "title"
    assert reasons["Inicio | Política | Mundo"] == "navigation"  # a menu is one entry
    assert reasons["Por Ana Pérez"] == "byline"
    assert reasons["Compartir en Facebook Twitter"] == "share prompt"
    assert reasons["© 2019 Diario Ejemplo. Todos los derechos reservados."] == "copyright"
    lines = ARTICLE.split("\n")
    for entry in imported.removed:
        assert entry.text.split()[0].strip("|") in lines[entry.line - 1]


def test_a_cp1252_page_is_read_with_its_declared_charset() -> None:
    page = ARTICLE.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    page = page.replace("&laquo;con firmeza&raquo;", "“con firmeza” – sin dudas")
    imported = read_page(page.encode("cp1252"), "cp1252.html")
    assert "“con firmeza” – sin dudas" in imported.body
    assert "Nicolás" in imported.body and not imported.warnings


def test_latin1_label_means_windows_1252_and_a_page_without_charset_is_noted() -> None:
    page = ARTICLE.replace('<meta charset="utf-8">', "").replace("&laquo;", "‘")
    imported = read_page(page.encode("cp1252"), "bare.html")
    assert "‘con firmeza" in imported.body
    assert any("Windows-1252" in warning for warning in imported.warnings)
    latin = page.replace("<head>", '<head><meta http-equiv="Content-Type" '
                         'content="text/html; charset=ISO-8859-1">')  # fmt: skip
    assert "‘con firmeza" in read_page(latin.encode("cp1252"), "latin.html").body


def test_a_page_without_article_text_is_refused_naming_the_file() -> None:
    page = (
        "<html><head><title>Home</title></head><body><nav><ul>"
        + "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(30))
        + "</ul></nav><footer>© 2019</footer></body></html>"
    )
    with pytest.raises(ImportFailure, match=r"^home\.html: no article text found"):
        read_page(page.encode(), "home.html")


def test_a_binary_file_named_html_is_refused() -> None:
    with pytest.raises(ImportFailure, match=r"^x\.html: contains NUL characters"):
        read_page(b"<html>\x00\xff\xfe\x01" * 100, "x.html")


def test_import_of_a_corpus_page_into_a_project(html_corpus: list[Path], tmp_path: Path) -> None:
    page = html_corpus[0]
    (tmp_path / "dossier").mkdir()
    (tmp_path / "dossier" / "actors.yml").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "dossier" / "sources.yml").write_text(SOURCES, encoding="utf-8")
    shutil.copy(REPO / "dossier" / "labels.yml", tmp_path / "dossier" / "labels.yml")
    articles = tmp_path / "dossier" / "articles"
    outcomes = import_files([page], tmp_path, articles)
    assert [o.status for o in outcomes] == ["new"], outcomes
    raw = page.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    seeds = list((tmp_path / "seeds").iterdir())
    assert len(seeds) == 1 and seeds[0].read_bytes() == raw
    article = (tmp_path / outcomes[0].article).read_text(encoding="utf-8")
    assert f"seed_sha256: {digest}" in article
    assert f"seed: seeds/{seeds[0].name}" in article
    assert "extracted_with: trafilatura" in article
    dossier = load_dossier(tmp_path, "dossier")
    problems = [str(p) for p in dossier.problems]
    assert not [p for p in problems if "sources.yml" not in p], problems
    assert len(dossier.articles) == 1
    assert dossier.articles[0].body.startswith(read_page(corpus_page(page), page.name).body[:200])

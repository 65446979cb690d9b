"""Articles in Spanish and Russian: detection at import, mentions (accents, Cyrillic
aliases and case forms), annotations, rendering, the built site and its search.

The two articles are written for these tests on the seeds' theme (not real reports);
they are added to a copy of the bundled dossier, whose glossary lists the main actors'
Spanish and Russian names.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import copy_project, mkdocs_build, needs_chromium
from dossier_core import build_index, build_pages, load_dossier
from dossier_core.importer import import_seeds
from dossier_core.language import detect_language

SPANISH = """\
CARACAS, 26 mar (EFE).- El Gobierno de Rusia reafirmó este martes su respaldo a Nicolás \
Maduro y calificó de «injerencia inaceptable» las presiones de Estados Unidos sobre Venezuela.

El canciller Jorge Arreaza agradeció en Caracas la llegada de dos aviones con un centenar de \
militares rusos que, según Moscú, vienen a cumplir acuerdos de cooperación técnica firmados \
antes de la crisis.

El líder opositor Juan Guaidó, reconocido como presidente encargado por medio centenar de \
países, denunció que la presencia rusa es «una provocación» y pidió a la Fuerza Armada que no \
la acepte.
"""

RUSSIAN = """\
МОСКВА, 5 мая. /ТАСС/. Министр иностранных дел России Сергей Лавров провел в воскресенье \
телефонный разговор с главой МИД Венесуэлы Хорхе Арреасой.

Стороны обсудили попытку переворота в Каракасе 30 апреля. Лавров подчеркнул, что Россия \
выступает против «деструктивного вмешательства» США во внутренние дела Венесуэлы.

По словам Лаврова, Москва поддерживает диалог между правительством Николаса Мадуро и \
оппозицией, которую возглавляет Хуан Гуайдо.
"""


def article_file(article_id: str, title: str, language: str, body: str, quote: str) -> str:
    return (
        textwrap.dedent(f"""\
        ---
        id: {article_id}
        title: "{title}"
        outlet: tass
        published: 2019-03-26
        language: {language}
        annotations:
          - quote: {quote}
            label: loaded-language
            note: Written for the tests.
        ---

        """)
        + body
    )


ARTICLES = {
    "rusia-reafirma-su-apoyo-a-maduro": article_file(
        "rusia-reafirma-su-apoyo-a-maduro",
        "Rusia reafirma su apoyo a Maduro y rechaza la «injerencia» de EE.UU.",
        "es",
        SPANISH,
        "injerencia inaceptable",
    ),
    "lavrov-obsudil-situatsiyu-v-venesuele": article_file(
        "lavrov-obsudil-situatsiyu-v-venesuele",
        "Лавров обсудил с Арреасой ситуацию в Венесуэле",
        "ru",
        RUSSIAN,
        "деструктивного вмешательства",
    ),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("languages"))
    for name, text in ARTICLES.items():
        (root / "dossier" / "articles" / f"{name}.md").write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (SPANISH, "es"),
        (RUSSIAN, "ru"),
        ("Russia's foreign minister met his Venezuelan counterpart on Sunday to discuss the "
         "failed uprising, the ministry said in a statement.", "en"),
    ],
)  # fmt: skip
def test_language_is_detected_offline(text: str, code: str) -> None:
    assert detect_language(text) == (code, "")


def test_a_weak_guess_is_flagged_for_the_analyst() -> None:
    code, note = detect_language("Maduro met Lavrov in Moscow on Tuesday.")
    assert "low confidence" in note and f"'{code}'" in note


def test_import_detects_the_language_of_each_seed(tmp_path: Path) -> None:
    for name, text in [("es.txt", "Rusia y Venezuela\n\n" + SPANISH), ("ru.txt", RUSSIAN)]:
        (tmp_path / name).write_text(text, encoding="utf-8")
    outcomes = import_seeds(
        [tmp_path / "es.txt", tmp_path / "ru.txt"], tmp_path, tmp_path / "dossier" / "articles"
    )
    languages = [
        re.search(r"^language: (\S+)$", (tmp_path / o.article).read_text(), re.M).group(1)
        for o in outcomes
    ]
    assert languages == ["es", "ru"]


def test_mentions_and_annotations_in_spanish_and_russian(project: Path) -> None:
    dossier = load_dossier(project, "dossier")
    index = build_index(dossier)
    assert not dossier.problems and not index.problems
    spanish = index.articles["rusia-reafirma-su-apoyo-a-maduro"]
    russian = index.articles["lavrov-obsudil-situatsiyu-v-venesuele"]
    found = {(m.actor_id, m.text) for m in spanish.mentions}
    assert {("nicolas-maduro", "Nicolás Maduro"), ("juan-guaido", "Juan Guaidó"),
            ("russia", "Rusia"), ("united-states", "Estados Unidos"),
            ("moscow", "Moscú"), ("jorge-arreaza", "Jorge Arreaza")} <= found  # fmt: skip
    found = {(m.actor_id, m.text) for m in russian.mentions}
    assert {("sergey-lavrov", "Сергей Лавров"), ("sergey-lavrov", "Лаврова"),
            ("russia", "России"), ("venezuela", "Венесуэлы"), ("united-states", "США"),
            ("jorge-arreaza", "Арреасой"), ("nicolas-maduro", "Николаса Мадуро"),
            ("juan-guaido", "Хуан Гуайдо"), ("caracas", "Каракасе")} <= found  # fmt: skip
    for entry, quote in [(spanish, "injerencia inaceptable"), (russian, "деструктивного")]:
        (anchored,) = entry.annotations
        assert entry.article.body[anchored.start : anchored.end].startswith(quote)


def test_pages_carry_the_text_language(project: Path) -> None:
    dossier = load_dossier(project, "dossier")
    pages = {page.path: page.text for page in build_pages(dossier, build_index(dossier))}
    spanish = pages["articles/rusia-reafirma-su-apoyo-a-maduro.md"]
    assert '<div class="dossier-text" lang="es" data-length=' in spanish
    assert '{: lang="es" }' in spanish.split("\n# ", 1)[1].split("\n", 1)[0]
    assert "<strong>Language</strong> Spanish (es)" in spanish
    assert '<span data-pagefind-filter="Language">Spanish</span>' in spanish
    assert re.search(r"«<mark [^>]*>injerencia inaceptable</mark>", spanish)
    russian = pages["articles/lavrov-obsudil-situatsiyu-v-venesuele.md"]
    assert '<div class="dossier-text" lang="ru" data-length=' in russian
    assert '<span data-pagefind-filter="Language">Russian</span>' in russian
    lavrov = pages["actors/sergey-lavrov.md"]
    assert "Лавров обсудил с Арреасой ситуацию в Венесуэле" in lavrov


@pytest.fixture(scope="module")
def site(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(out, cwd=project)
    assert result.returncode == 0, result.stderr
    return out


def test_built_pages_show_the_text_as_written(site: Path) -> None:
    page = (site / "articles" / "lavrov-obsudil-situatsiyu-v-venesuele" / "index.html").read_text(
        encoding="utf-8"
    )
    assert '<h1 id="' in page and 'lang="ru">Лавров обсудил с Арреасой' in page
    assert "Хуан Гуайдо</a>." in page
    assert 'title="Juan Guaidó: ' in page


@pytest.fixture(scope="module")
def site_url(site: Path) -> Iterator[str]:
    from sitecheck import serving

    with serving(site) as url:
        yield url


@pytest.mark.browser
@needs_chromium
def test_search_finds_spanish_and_russian_articles(chromium, site_url: str) -> None:
    """Accents folded in Spanish ('Guaido' finds 'Guaidó'), Cyrillic words found, and the
    language filter names the languages."""
    from test_browser import PAGE_RESULT

    page = chromium.new_page()
    try:
        titles = {}
        for query in ["injerencia", "вмешательства", "Гуайдо"]:
            page.goto(f"{site_url}search/?q={query}")
            page.wait_for_selector(f"{PAGE_RESULT}, .dossier-search-page__status")
            page.wait_for_timeout(300)
            titles[query] = page.locator(f"{PAGE_RESULT} .dossier-search__title").all_inner_texts()
        assert any("Rusia reafirma" in t for t in titles["injerencia"])
        assert any("Лавров обсудил" in t for t in titles["вмешательства"])
        assert any("Лавров обсудил" in t for t in titles["Гуайдо"])
        page.goto(f"{site_url}search/?q=Guaido")
        page.wait_for_selector(PAGE_RESULT)
        page.locator(".dossier-search-page__filters summary").click()
        group = page.locator(".dossier-search-page__group[data-name='Language']")
        group.get_by_label(re.compile(r"^Spanish \(\d+\)$")).check()
        page.wait_for_function(
            f"() => [...document.querySelectorAll('{PAGE_RESULT}')].length === 1"
        )
        only = page.locator(f"{PAGE_RESULT} .dossier-search__title").all_inner_texts()
        assert only == ["Rusia reafirma su apoyo a Maduro y rechaza la «injerencia» de EE.UU."]
    finally:
        page.close()

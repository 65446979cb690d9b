"""Across the dossier (issue 13): what the dossier says about an actor (annotations
about it, a label x outlet table, mentions over time), "more mentions" leading to the
next one, outlet profiles against the dossier's average, label pages narrowed by outlet.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import REPO, article_text
from dossier_core import RenderSettings, build_index, build_pages, load_dossier
from dossier_core.settings import page_url

LABELS = """\
name-calling:
  name: Name calling
  group: technique
  definition: D.
  colour: {light: "#ffc9c9", dark: "#7f1d1d"}
loaded-language:
  name: Loaded language
  group: technique
  definition: D.
  colour: {light: "#ffd8a8", dark: "#7c3a00"}
claim:
  name: Claim
  group: claim
  definition: D.
  colour: {light: "#b2f2bb", dark: "#1e5631"}
  verdicts: [accurate, misleading]
"""


def note(quote: str, label: str, extra: str = "") -> str:
    return f"\n  - quote: {quote}\n    label: {label}" + extra


def small(make_dossier) -> Path:
    """Three articles, two outlets; Guaidó in passages by mention and by `actors:`."""
    articles = {
        "t1": article_text(
            "t1", "The puppet Guaido met Maduro. Guaido spoke. Guaido left. Guaido came back. "
            "Guaido slept.", published="2019-05-05",
            annotations=note("puppet Guaido", "name-calling")
            + note("Maduro", "claim", "\n    verdict: misleading\n    actors: [juan-guaido]"),
        ),
        "t2": article_text(
            "t2", "Washington is evil.", published="2019-06-01",
            annotations=note("evil", "loaded-language"),
        ),
        "u1": article_text(
            "u1", "The dummy Guaido spoke.", published="2019-05-20", outlet="unknown",
            annotations=note("dummy Guaido", "name-calling")
            + note("spoke", "claim", "\n    verdict: accurate"),
        ),
    }  # fmt: skip
    root = make_dossier(articles)
    (root / "dossier" / "labels.yml").write_text(LABELS, encoding="utf-8")
    return root


def built(root: Path, **sizes: int) -> dict[str, str]:
    dossier = load_dossier(root)
    index = build_index(dossier)
    assert dossier.problems + index.problems == []
    return {p.path: p.text for p in build_pages(dossier, index, RenderSettings(**sizes))}


def table(text: str, caption: str) -> list[list[str]]:
    """The cells' text of the table with this caption, row by row (header first)."""
    found = re.search(
        r"<table[^>]*><caption>" + re.escape(caption) + r"</caption>(.*?)</table>", text, re.S
    )
    assert found, caption
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", found.group(1), re.S)
    return [
        [html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
         for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in rows
    ]  # fmt: skip


def notes_on(text: str) -> list[str]:
    """The entries of an actor's page, each as <article>-<place in its front matter>
    (the entry's id is its stable id; data-legacy keeps the place)."""
    return re.findall(r'<li id="note-[^"]+" data-legacy="note-([^"]+)">', text)


# --------------------------------------------------------------------- actor pages


def test_actor_page_lists_the_annotations_about_it_grouped_by_label(make_dossier) -> None:
    pages = built(small(make_dossier))
    guaido = pages["actors/juan-guaido.md"]
    # by mention inside the passage (t1-1, u1-1) and by `actors:` (t1-2); by label,
    # then date; the claim about Maduro's mention is Maduro's too
    assert notes_on(guaido) == ["t1-1", "u1-1", "t1-2"]
    assert notes_on(pages["actors/nicolas-maduro.md"]) == ["t1-2"]
    assert "3 annotated passages in 2 articles" in guaido
    about = guaido[guaido.index('class="dossier-about"') :]
    assert about.index('id="about-name-calling"') < about.index('id="about-claim"')
    assert "verdict: misleading" in about
    # the passage, on its article page (by its stable id)
    assert re.search(r'href="../../articles/t1/#a-puppet-guaido-[0-9a-f]{6}"', about)
    assert "What the dossier says about Juan Guaidó" in guaido
    assert "No annotation of the dossier is about this actor." in pages["actors/us-government.md"]


def test_framing_table_counts_and_links(make_dossier) -> None:
    pages = built(small(make_dossier))
    guaido = pages["actors/juan-guaido.md"]
    rows = table(guaido, "Annotations about Juan Guaidó by label and outlet")
    assert rows == [
        ["Label", "TASS", "Unknown outlet", "All"],
        ["Name calling", "1", "1", "2"],
        ["Claim", "1", "–", "1"],
    ]
    assert 'href="../../labels/name-calling/outlet-tass/"' in guaido
    assert 'href="../../labels/claim/outlet-tass/"' in guaido
    assert 'href="../../actors/juan-guaido/#about-claim"' in guaido


def test_framing_table_keeps_a_bounded_number_of_outlets(make_dossier) -> None:
    pages = built(small(make_dossier), framing_outlets=1)
    rows = table(pages["actors/juan-guaido.md"],
                 "Annotations about Juan Guaidó by label and outlet")  # fmt: skip
    assert rows[0] == ["Label", "TASS", "Other outlets", "All"]
    assert rows[1] == ["Name calling", "1", "1", "2"]


def test_annotations_continue_on_numbered_pages_and_notes_link_there(make_dossier) -> None:
    pages = built(small(make_dossier), actor_annotations_per_page=2)
    assert notes_on(pages["actors/juan-guaido.md"]) == ["t1-1", "u1-1"]
    second = pages["actors/juan-guaido/annotations/2.md"]
    assert notes_on(second) == ["t1-2"]
    assert "search: {exclude: true}" in second
    assert (
        "Annotations, page 2 of 2" in second
        and "Annotations, page 1 of 2" in pages["actors/juan-guaido.md"]
    )
    # the note's "About:" link leads to the page and entry that show it
    assert re.search(
        r'About: <a href="../../actors/juan-guaido/annotations/2/#note-t1-maduro-[0-9a-f]{6}">',
        pages["articles/t1.md"],
    )
    # the table's label links lead to where each label's group starts
    assert (
        'href="../../actors/juan-guaido/annotations/2/#about-claim"'
        in pages["actors/juan-guaido.md"]
    )


def test_a_group_cut_by_a_page_continues_under_its_name(make_dossier) -> None:
    pages = built(small(make_dossier), actor_annotations_per_page=1)
    second = pages["actors/juan-guaido/annotations/2.md"]
    assert "Name calling (continued)" in second and 'id="about-name-calling"' not in second


def test_more_mentions_link_to_the_next_mention(make_dossier) -> None:
    pages = built(small(make_dossier))
    # t1's mentions: Guaido m-1, Maduro m-2, Guaido m-3, m-4, m-5, m-6; three are quoted
    entry = re.search(r"2 more mentions in this article", pages["actors/juan-guaido.md"])
    assert entry
    assert (
        '<a href="../../articles/t1/#m-5">2 more mentions in this article</a>'
        in pages["actors/juan-guaido.md"]
    )


def test_mentions_over_time(make_dossier) -> None:
    pages = built(small(make_dossier))
    guaido = pages["actors/juan-guaido.md"]
    assert "6 mentions, all in 2019-05." in guaido  # one month: a sentence, no chart
    assert "1 mention, in 2019-06." in pages["actors/us-government.md"]


# --------------------------------------------------------------------- outlet pages


def test_outlet_profile_against_the_dossier(make_dossier) -> None:
    tass = built(small(make_dossier))["sources/tass.md"]
    # TASS: 2 articles (name-calling 1, loaded-language 1, claim 1 misleading);
    # the dossier: 3 articles (name-calling 2, loaded-language 1, claim 2: misleading, accurate)
    assert table(tass, "Annotations per article: TASS against the dossier") == [
        ["Label", "Annotations", "Per article: TASS", "Per article: all outlets"],
        ["Propaganda technique: all", "2", "1.00", "1.00"],
        ["Name calling", "1", "0.50", "0.67"],
        ["Loaded language", "1", "0.50", "0.33"],
        ["Claim: all", "1", "0.50", "0.67"],
        ["Claim", "1", "0.50", "0.67"],
    ]
    assert table(tass, "Claim verdicts per article: TASS against the dossier") == [
        ["Verdict", "Claims", "Per article: TASS", "Per article: all outlets"],
        ["accurate", "0", "0.00", "0.33"],
        ["misleading", "1", "0.50", "0.33"],
    ]
    top = re.search(r'<ol class="dossier-top"[^>]*>(.*?)</ol>', tass).group(1)
    assert re.findall(r"<li>(.*?)</li>", re.sub(r"<a [^>]+>|</a>", "", top)) == [
        "Juan Guaidó · 5 mentions in 1 article",
        "Nicolás Maduro · 1 mention in 1 article",  # ties: by id
        "Government of the United States · 1 mention in 1 article",
    ]
    assert "2 articles, all in" not in tass
    assert 'href="../../labels/name-calling/outlet-tass/"' in tass


def test_top_actors_are_bounded(make_dossier) -> None:
    tass = built(small(make_dossier), profile_actors=1)["sources/tass.md"]
    top = re.search(r'<ol class="dossier-top"[^>]*>(.*?)</ol>', tass).group(1)
    assert top.count("<li>") == 1


# --------------------------------------------------------------------- label pages


def test_label_page_rows_by_outlet_lead_to_narrowed_pages(make_dossier) -> None:
    pages = built(small(make_dossier))
    label = pages["labels/name-calling.md"]
    assert '<tr id="outlet-tass">' in label and '<tr id="outlet-unknown">' in label
    assert table(label, "Name calling: passages by outlet")[1:] == [
        ["TASS", "1", "0.50"],
        ["Unknown outlet", "1", "1.00"],
    ]
    assert 'href="../../labels/name-calling/outlet-tass/"' in label
    tass = pages["labels/name-calling/outlet-tass.md"]
    assert "articles/t1/#a-puppet-guaido-" in tass and "articles/u1/" not in tass
    assert "search: {exclude: true}" in tass  # the label page is the label's search entry
    unknown = pages["labels/name-calling/outlet-unknown.md"]
    assert "articles/u1/#a-dummy-guaido-" in unknown and "articles/t1/" not in unknown
    # an outlet without passages of the label has its row, and no page
    loaded = pages["labels/loaded-language.md"]
    assert '<tr id="outlet-unknown"><th scope="row">Unknown outlet</th><td>–</td>' in loaded
    assert "labels/loaded-language/outlet-unknown.md" not in pages
    # the labels index links each count to the narrowed page
    assert "[1](name-calling/outlet-tass.md)" in pages["labels/index.md"]


def test_narrowed_pages_are_paged(make_dossier) -> None:
    root = small(make_dossier)
    extra = article_text("t3", "Guaido again.", published="2019-07-01",
                         annotations=note("Guaido", "name-calling"))  # fmt: skip
    (root / "dossier" / "articles" / "t3.md").write_text(extra, encoding="utf-8")
    pages = built(root, label_passages_per_page=1)
    assert "labels/name-calling/outlet-tass/2.md" in pages
    assert "Page 2 of 2" in pages["labels/name-calling/outlet-tass/2.md"]


# --------------------------------------------------------------------- bundled dossier


@pytest.mark.parametrize("size", [50, 3])
def test_every_about_link_leads_to_the_note_it_is_under(size: int) -> None:
    """ "About: Juan Guaidó" under a note leads to a page that shows that note."""
    dossier = load_dossier(REPO)
    index = build_index(dossier)
    pages = {p.path: p.text for p in build_pages(dossier, index,
                                                  RenderSettings(actor_annotations_per_page=size))}  # fmt: skip
    by_url = {page_url(path): path for path in pages}
    followed = 0
    for path, text in pages.items():
        if not path.startswith("articles/") or path.startswith("articles/index"):
            continue
        for about in re.findall(r"About: (.*?)</span>", text):
            for href in re.findall(r'<a href="([^"]+)">', about):
                target, _, anchor = urljoin("http://site/" + page_url(path), href).partition("#")
                page = pages[by_url[target.removeprefix("http://site/")]]
                entry = re.search(f'<li id="{anchor}"[^>]*>(.*?)</li>', page, re.S)
                assert entry, (path, href)
                article_id = path.removeprefix("articles/").removesuffix(".md")
                assert f"articles/{article_id}/#a-" in entry.group(1)
                followed += 1
    assert followed > 40


def test_the_guaido_page_lists_the_annotations_about_him() -> None:
    dossier = load_dossier(REPO)
    index = build_index(dossier)
    guaido = next(p for p in build_pages(dossier, index) if p.path == "actors/juan-guaido.md")
    expected = {
        f"{article.id}-{number}"
        for article in dossier.articles
        for number, annotation in enumerate(article.annotations, start=1)
        if "juan-guaido" in annotation.actors
    }
    assert len(expected) >= 8
    assert expected <= set(notes_on(guaido.text))


def test_charts_are_drawn_for_the_most_mentioned_actors_only() -> None:
    dossier = load_dossier(REPO)
    index = build_index(dossier)
    pages = {p.path: p.text for p in build_pages(dossier, index, RenderSettings(charted_pages=1))}
    drawn = [path for path, text in pages.items() if 'id="chart-mentions"' in text]
    top = min(index.mention_counts, key=lambda a: (-index.mention_counts[a], a))
    assert drawn == [f"actors/{top}.md"]
    guaido = pages["actors/juan-guaido.md"]
    # the same counts as a table: months, not a chart
    rows = table(guaido, "Mentions of Juan Guaidó by month")
    assert rows[0] == ["Month", "Mentions"]
    assert sum(int(count) for _, count in rows[1:]) == index.mention_counts["juan-guaido"]

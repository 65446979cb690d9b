"""Narratives: narratives.yml, the `narrative:` key of annotations, reach and spread,
the narrative pages and the narratives index, and the bundled dossier's narratives."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import REPO, article_text
from dossier_core import RenderSettings, build_index, build_pages, load_dossier
from dossier_core.export import rows, to_csv
from dossier_core.narratives import day_of, narrative_reach, occurrences

LABELS = """\
name-calling:
  name: Name calling
  group: technique
  definition: D.
  colour: {light: "#ffc9c9", dark: "#7f1d1d"}
"""

NARRATIVES = """\
# the claims
us-puppet:
  title: The opposition leader as a US puppet
  summary: Guaido is called a puppet of Washington.
  refutation: He was recognised by some 50 governments.
  sources:
    - {title: Venezuelan presidential crisis, url: "https://en.wikipedia.org/wiki/Venezuelan_presidential_crisis"}
    - {title: A local note, url: null}
us-coup:
  title: A US-made coup
  summary: The uprising as a US coup.
"""


def annotated(quote: str, narrative: str) -> str:
    return f"\n  - quote: {quote}\n    label: name-calling\n    narrative: {narrative}"


def project(make_dossier, narratives: str | None = NARRATIVES) -> Path:
    """Four articles: two outlets, dates out of file order, one undated."""
    articles = {
        "b-may": article_text(
            "b-may", "The puppet Guaido spoke. The coup failed.", published="2019-05-05",
            annotations=annotated("puppet", "us-puppet") + annotated("coup", "us-coup"),
        ),
        "a-jan": article_text(
            "a-jan", "The dummy Guaido spoke.", published="2019-01", outlet="unknown",
            annotations=annotated("dummy", "us-puppet"),
        ),
        "c-undated": article_text(
            "c-undated", "A puppet again.", annotations=annotated("puppet", "us-puppet"),
        ),
        "d-aug": article_text(
            "d-aug", "The coup of April.", published="2019-08-20", outlet="unknown",
            annotations=annotated("coup", "us-coup"),
        ),
    }  # fmt: skip
    root = make_dossier(articles)
    (root / "dossier" / "labels.yml").write_text(LABELS, encoding="utf-8")
    if narratives is not None:
        (root / "dossier" / "narratives.yml").write_text(narratives, encoding="utf-8")
    return root


def problems_of(root: Path) -> list[str]:
    dossier = load_dossier(root)
    return [str(p) for p in dossier.problems + build_index(dossier).problems]


def test_registry_loads_narratives_with_lines_and_sources(make_dossier) -> None:
    dossier = load_dossier(project(make_dossier))
    assert dossier.problems == []
    narratives = dossier.registry.narratives
    assert list(narratives) == ["us-puppet", "us-coup"]
    puppet = narratives["us-puppet"]
    assert (puppet.title, puppet.line) == ("The opposition leader as a US puppet", 2)
    assert puppet.refutation == "He was recognised by some 50 governments."
    assert [(s.title, s.url) for s in puppet.sources] == [
        (
            "Venezuelan presidential crisis",
            "https://en.wikipedia.org/wiki/Venezuelan_presidential_crisis",
        ),
        ("A local note", None),
    ]
    assert narratives["us-coup"].refutation == "" and narratives["us-coup"].sources == ()
    annotations = dossier.article("b-may").annotations
    assert [a.narrative for a in annotations] == ["us-puppet", "us-coup"]


def test_narratives_file_is_optional(make_dossier) -> None:
    root = make_dossier({"a": article_text("a", "Plain text.")})
    dossier = load_dossier(root)
    assert dossier.registry.narratives == {} and dossier.problems == []
    pages = [p for p in build_pages(dossier) if p.path.startswith("narratives/")]
    # No narrative page; the index the nav links to says there is none yet.
    assert [p.path for p in pages] == ["narratives/index.md"]
    assert "follows no narrative yet" in pages[0].text


def test_bad_entries_are_located(make_dossier) -> None:
    bad = (
        "ok:\n  title: T\n  summary: S\n"
        "no-title:\n  summary: S\n"  # line 4
        "Bad_Id:\n  title: T\n  summary: S\n"  # line 6
        "lonely:\n  title: T\n  summary: S\n  refutation: R\n"  # line 9, refutation line 12
        "odd:\n  title: T\n  summary: S\n  colour: red\n"  # line 13, colour line 16
        "script:\n  title: T\n  summary: S\n  refutation: R\n"  # line 17
        "  sources: [{title: X, url: 'javascript:alert(1)'}]\n"  # line 21
    )
    found = problems_of(project(make_dossier, bad))
    assert "dossier/narratives.yml:4: missing required field 'title'" in found
    assert any(p.startswith("dossier/narratives.yml:6: ") for p in found), found
    assert "dossier/narratives.yml:12: a refutation needs its sources (title and url)" in found
    assert any(p.startswith("dossier/narratives.yml:16: ") and "colour" in p for p in found), found
    assert any(
        p.startswith("dossier/narratives.yml:21: ") and "source url must be http(s)" in p
        for p in found
    ), found


def test_unknown_narrative_is_located_with_did_you_mean(make_dossier) -> None:
    root = project(make_dossier)
    text = (root / "dossier/articles/a-jan.md").read_text(encoding="utf-8")
    (root / "dossier/articles/a-jan.md").write_text(text.replace("us-puppet", "us-pupet"))
    dossier = load_dossier(root)
    found = [str(p) for p in dossier.problems]
    line = text.splitlines().index("  - quote: dummy") + 1
    assert found == [
        f"dossier/articles/a-jan.md:{line}: annotation 1: unknown narrative 'us-pupet' "
        "(did you mean: us-puppet, us-coup?)"
    ]
    # The article and its annotation are still built, without the narrative.
    annotation = dossier.article("a-jan").annotations[0]
    assert (annotation.quote, annotation.narrative) == ("dummy", "")
    assert build_index(dossier).problems == []


def test_narrative_without_narratives_file_says_where_they_live(make_dossier) -> None:
    found = problems_of(project(make_dossier, narratives=None))
    assert len(found) == 5, found
    assert all("unknown narrative" in p and "narratives.yml" in p for p in found), found


def test_unreadable_narratives_file_is_one_problem(make_dossier) -> None:
    found = problems_of(project(make_dossier, "us-puppet: {title: [x\n"))
    assert "narrative references not checked: dossier/narratives.yml could not be read" in (
        "\n".join(found)
    )
    assert not [p for p in found if "unknown narrative" in p], found
    assert [p for p in found if p.startswith("dossier/narratives.yml:")], found  # the YAML error


def test_day_of_partial_dates() -> None:
    assert str(day_of("2019")) == "2019-01-01"
    assert str(day_of("2019-05")) == "2019-05-01"
    assert str(day_of("2019-05-05")) == "2019-05-05"
    assert day_of("") is None and day_of("someday") is None


def test_occurrences_in_time_order_and_reach(make_dossier) -> None:
    dossier = load_dossier(project(make_dossier))
    index = build_index(dossier)
    found = occurrences(dossier, index)
    # Article date order, not file order; the undated article last.
    assert [o.article_id for o in found["us-puppet"]] == ["a-jan", "b-may", "c-undated"]
    assert [o.article_id for o in found["us-coup"]] == ["b-may", "d-aug"]
    reach = narrative_reach(dossier, index)
    # Both reach two outlets; us-puppet has more occurrences, so it ranks first.
    assert [(r.narrative_id, r.outlets, r.occurrences) for r in reach] == [
        ("us-puppet", 2, 3),
        ("us-coup", 2, 2),
    ]
    puppet, coup = reach
    # A partial date counts from its first day: 2019-01-01 to 2019-05-05.
    assert (puppet.first, puppet.last, puppet.days) == ("2019-01", "2019-05-05", 124)
    assert (coup.first, coup.last, coup.days) == ("2019-05-05", "2019-08-20", 107)
    assert puppet.title == "The opposition leader as a US puppet"


def test_ranking_puts_outlets_before_occurrences(make_dossier) -> None:
    root = project(make_dossier)
    for name in ("a-jan", "d-aug"):  # the unknown outlet's articles go to TASS
        path = root / "dossier/articles" / f"{name}.md"
        path.write_text(path.read_text(encoding="utf-8").replace("outlet: unknown", "outlet: tass"))
    path = root / "dossier/articles/d-aug.md"
    path.write_text(path.read_text(encoding="utf-8").replace("outlet: tass", "outlet: unknown"))
    dossier = load_dossier(root)
    reach = narrative_reach(dossier, build_index(dossier))
    assert [(r.narrative_id, r.outlets, r.occurrences) for r in reach] == [
        ("us-coup", 2, 2),
        ("us-puppet", 1, 3),
    ]


def pages_of(root: Path, settings: RenderSettings | None = None) -> dict[str, str]:
    dossier = load_dossier(root)
    pages = build_pages(dossier, settings=settings or RenderSettings())
    return {page.path: page.text for page in pages}


def test_narrative_page_content(make_dossier) -> None:
    """Golden-style: the spread, the refutation and the first occurrence as written."""
    page = pages_of(project(make_dossier))["narratives/us-puppet.md"]
    assert page.startswith('---\ntitle: "The opposition leader as a US puppet"\n')
    assert "# The opposition leader as a US puppet\n" in page
    assert (
        '<p class="dossier-spread"><strong>Spread</strong> 3 passages in 2 outlets, '
        "124 days from the first to the last (2019-01 to 2019-05-05)</p>\n"
        "<p><strong>Outlets</strong> TASS (2), Unknown outlet (1)</p>"
    ) in page
    assert (
        '<div class="dossier-refutation">\n<p>He was recognised by some 50 governments.</p>\n'
        '<ul class="dossier-sources">\n'
        '<li><a href="https://en.wikipedia.org/wiki/Venezuelan_presidential_crisis" '
        'rel="noopener noreferrer nofollow">Venezuelan presidential crisis</a></li>\n'
        "<li>A local note</li>\n</ul>\n</div>"
    ) in page
    assert "## Occurrences&#58; 3 passages" in page
    items = re.findall(r"<li>(.*?)</li>\n", page.split('class="dossier-passages')[1])
    assert items[0] == (
        '<strong class="dossier-first">First appearance</strong> '
        '<a href="../../articles/a-jan/">A title</a> '
        '<span class="dossier-note">Unknown outlet, 2019-01</span><br>The '
        '<a href="../../articles/a-jan/#a-dummy-0117e4">'
        '<mark class="dossier-hl dossier-hl--name-calling">'
        "dummy</mark></a> Guaido spoke.<br>"
        '<span class="dossier-note"><a href="../../labels/name-calling/">Name calling</a></span>'
    )
    assert "First appearance" not in "".join(items[1:])
    assert [re.search(r"articles/([a-z-]+)/#", i).group(1) for i in items] == [
        "a-jan", "b-may", "c-undated",
    ]  # fmt: skip
    assert '<span class="dossier-note">TASS, undated</span>' in items[2]


def test_narratives_index_ranks_by_reach(make_dossier) -> None:
    page = pages_of(project(make_dossier))["narratives/index.md"]
    rows_ = [line for line in page.splitlines() if line.startswith("| [")]
    assert rows_ == [
        "| [The opposition leader as a US puppet](us-puppet.md) | 2 | 3 | 2019&#45;01 | "
        "2019&#45;05&#45;05 | 124 |",
        "| [A US&#45;made coup](us-coup.md) | 2 | 2 | 2019&#45;05&#45;05 | 2019&#45;08&#45;20 | 107 |",
    ]


def test_long_narratives_are_paged(make_dossier) -> None:
    pages = pages_of(project(make_dossier), RenderSettings(label_passages_per_page=2))
    first, second = pages["narratives/us-puppet.md"], pages["narratives/us-puppet/2.md"]
    assert "First appearance" in first and "Page 1 of 2" in first
    assert "First appearance" not in second and "articles/c-undated/#a-" in second
    assert "narratives/us-puppet/3.md" not in pages


def test_article_note_links_its_narrative(make_dossier) -> None:
    page = pages_of(project(make_dossier))["articles/b-may.md"]
    assert (
        'Narrative: <a href="../../narratives/us-puppet/">The opposition leader as a US puppet</a>'
        in page
    )
    assert 'Narrative: <a href="../../narratives/us-coup/">A US-made coup</a>' in page
    zensical = pages_of(project(make_dossier), RenderSettings(links="source"))["articles/b-may.md"]
    assert 'Narrative: <a href="../narratives/us-puppet.md">' in zensical


def test_exports_carry_the_narrative(make_dossier) -> None:
    dossier = load_dossier(project(make_dossier))
    found = rows(dossier, build_index(dossier))
    assert {(r.article, r.quote, r.narrative) for r in found} >= {
        ("a-jan", "dummy", "us-puppet"),
        ("b-may", "coup", "us-coup"),
    }
    assert to_csv(found).splitlines()[0].endswith(",narrative,id")


def test_bundled_narratives_reach_two_outlets_or_more() -> None:
    dossier = load_dossier(REPO)
    index = build_index(dossier)
    assert dossier.problems == [] and index.problems == []
    reach = narrative_reach(dossier, index)
    assert len(reach) >= 2
    assert all(r.outlets >= 2 for r in reach), reach
    # Every occurrence quotes its article's text exactly (the anchor found it).
    for items in occurrences(dossier, index).values():
        for o in items:
            body = index.articles[o.article_id].article.body
            assert body[o.item.start : o.item.end] == o.item.annotation.quote

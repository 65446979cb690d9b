"""Republication detection (republish.py) and its pages (republishpages.py)."""

from __future__ import annotations

import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash

from conftest import article_text
from dossier_core import build_index, build_pages, load_dossier
from dossier_core.linking import ArticleLinks, DossierIndex
from dossier_core.model import Article
from dossier_core.nearduplicates import NearDuplicates
from dossier_core.republish import (
    Republications,
    SignatureCache,
    detect,
    shingles,
    signature,
)  # fmt: skip
from dossier_core.republishpages import republication_pages
from dossier_core.republishparts import percent
from dossier_core.settings import RenderSettings
from dossier_core.textdiff import side_by_side

# A wire story, ten paragraphs, in the style of the dossier's seeds.
WIRE = [
    "MOSCOW, May 5. /TASS/. Russian Foreign Minister Sergei Lavrov will hold talks with his "
    "Venezuelan counterpart Jorge Arreaza in Moscow on Sunday, the Russian Foreign Ministry "
    "said in a statement released on Saturday evening.",
    "The ministers are expected to discuss the situation in and around Venezuela after the "
    "failed attempt by the opposition to seize power in Caracas earlier this week, as well "
    "as bilateral cooperation in trade, energy and military technology.",
    "According to the statement, Moscow considers the developments of April 30 a gross "
    "violation of the country's constitution and calls on all political forces to settle "
    "their differences through a dialogue without any foreign interference.",
    "Lavrov earlier said in a telephone conversation with US Secretary of State Mike Pompeo "
    "that Washington's continued threats against the legitimate government of Nicolas "
    "Maduro had nothing to do with democracy and could lead to grave consequences.",
    "The State Department, for its part, said that Pompeo had urged Russia to stop its "
    "support for Maduro and claimed that Russian military personnel had arrived in the "
    "country in March, a claim Moscow has repeatedly rejected as baseless speculation.",
    "Arreaza is due to arrive in the Russian capital on Saturday night. Apart from the "
    "talks with Lavrov, he is scheduled to meet representatives of Russian companies "
    "that operate in the Venezuelan oil sector, a source in the delegation told reporters.",
    "Russia has repeatedly stated that it will continue to honour its contracts with "
    "Caracas, including deliveries of wheat and medicines, regardless of the sanctions "
    "imposed by the United States on the state oil company PDVSA in January.",
    "The Venezuelan opposition leader Juan Guaido proclaimed himself interim president on "
    "January 23 and was recognised by the United States and several dozen other countries. "
    "Russia, China, Turkey and a number of other states back Maduro as the legitimate leader.",
    "Moscow has warned that any military intervention in the Latin American country would "
    "be a catastrophe for the whole region and has offered to act as a mediator between "
    "the government and the opposition together with other interested parties.",
    "The last time Lavrov and Arreaza met was in February, when the two ministers signed a "
    "joint statement condemning unilateral sanctions and the use of humanitarian aid as a "
    "tool of political pressure on sovereign states.",
]
# The same story republished: another headline, two paragraphs cut, one added, and the
# republishing site's furniture.
REPUBLISHED = [
    "Venezuela's top diplomat heads to Moscow as the crisis deepens",
    *WIRE[:3],
    *WIRE[4:8],
    WIRE[9],
    "Observers in Caracas say the visit shows that the Kremlin is not ready to abandon its "
    "closest ally in South America, whatever the pressure from Washington may be.",
    "Subscribe to our newsletter and follow us on Telegram for more news.",
]
# The same events in another outlet's own words, with one quote in common.
OTHER_STORY = [
    "Venezuela's foreign minister Jorge Arreaza travelled to Russia this weekend, looking "
    "for diplomatic backing days after Juan Guaido's call on the armed forces to rise up "
    "fizzled out in the streets of Caracas.",
    "In Moscow he was received by Sergei Lavrov, who has led the Kremlin's campaign against "
    "what it calls American meddling. Officials in Washington accuse Russia of propping up "
    "an authoritarian government whose economy has collapsed.",
    "Lavrov told Pompeo that Washington's continued threats against the legitimate "
    "government of Nicolas Maduro had nothing to do with democracy, the ministry said, "
    "repeating a line that Russian diplomats have used since January.",
    "Analysts note that Russian state companies have lent billions of dollars to Caracas "
    "and stand to lose much of it if the opposition takes power and reviews the oil deals "
    "signed under Maduro and his predecessor Hugo Chavez.",
    "For now, neither side appears to have a plan to end the standoff, and the humanitarian "
    "situation in the country keeps getting worse as shortages of food and medicine grow.",
]


def make(article_id: str, body: list[str], published: str = "", outlet: str = "tass") -> Article:
    text = "\n\n".join(body)
    return Article(article_id, f"{article_id}.md", article_id, outlet, text.encode(), 1,
                   published=published)  # fmt: skip


def test_a_republished_wire_story_is_found_and_another_story_is_not() -> None:
    articles = [
        make("wire", WIRE, "2019-05-04"),
        make("copy", REPUBLISHED, "2019-05-06", "unknown"),
        make("other", OTHER_STORY, "2019-05-05"),
    ]
    found = detect(articles)
    assert found.clusters == [("wire", "copy")]
    assert found.versions("other") == ()
    # Exact shares: most of each text is in the other, not all of it.
    assert 0.75 < found.share("copy", "wire") < 0.95
    assert 0.7 < found.share("wire", "copy") < 0.9


def test_same_topic_articles_share_little() -> None:
    mine, theirs = shingles("\n\n".join(WIRE)), shingles("\n\n".join(OTHER_STORY))
    common = len(np.intersect1d(mine, theirs))
    assert 0 < common / len(theirs) < 0.15  # the one shared quote


def test_first_appearance_is_the_earliest_date_then_the_id_undated_last() -> None:
    articles = [
        make("b-copy", REPUBLISHED, "2019-05-04", "unknown"),
        make("a-wire", WIRE, "2019-05-04"),
        make("undated", WIRE[:9], ""),
        make("month", WIRE[1:], "2019-06"),
    ]
    found = detect(articles)
    # Same day: the smaller id first; undated after every dated version.
    assert found.clusters == [("a-wire", "b-copy", "month", "undated")]
    assert found.shown("undated") == ("a-wire", "b-copy", "month")


def test_detection_is_deterministic_and_cached() -> None:
    articles = [make(f"v{n}", WIRE[n % 3 :], f"2019-05-{n + 1:02d}") for n in range(6)]
    articles += [make("other", OTHER_STORY, "2019-05-01")]
    cache = SignatureCache()
    first = detect(articles, cache)
    again = detect(list(reversed(articles)), cache)
    fresh = detect(articles)
    assert first == again == fresh
    assert first.clusters == [tuple(f"v{n}" for n in range(6))]
    assert len(cache.entries) == 4  # three distinct texts and the other story


def test_signature_equals_datasketch_update_batch() -> None:
    hashes = shingles("\n\n".join(WIRE))
    reference = MinHash(num_perm=128, seed=1, hashfunc=int)
    reference.update_batch(hashes.tolist())
    assert np.array_equal(signature(hashes).hashvalues, reference.hashvalues)


def test_folding_ignores_case_accents_and_typography() -> None:
    assert np.array_equal(
        shingles("Venezuela’s “Guaidó” said — in CARACAS — that it was over"),
        shingles('venezuela\'s "Guaido" said - in Caracas - that it was over'),
    )
    assert len(shingles("four words only here")) == 0


def test_short_texts_are_not_compared() -> None:
    line = ["Subscribe to our newsletter and follow us on Telegram for more news."]
    found = detect([make("x", line), make("y", line)])
    assert found.clusters == []


def test_near_duplicates_for_the_importer(tmp_path: Path) -> None:
    existing = [make("wire", WIRE, "2019-05-04"), make("other", OTHER_STORY, "2019-05-05")]

    def near_duplicates(body: str, articles: list[Article]) -> list[tuple[str, float]]:
        index = NearDuplicates([], tmp_path)
        for article in articles:
            index.add(article.id, article.body)
        return index.matches(body)

    found = near_duplicates("\n\n".join(REPUBLISHED), existing)
    assert [article_id for article_id, _ in found] == ["wire"]
    assert 0.75 < found[0][1] < 0.95
    assert near_duplicates("\n\n".join(OTHER_STORY), existing[:1]) == []
    # A truncated copy (the first half of a text) is a near duplicate too.
    assert near_duplicates("\n\n".join(OTHER_STORY[:3]), existing)[0] == ("other", 1.0)


def test_percent_rounds_down() -> None:
    assert [percent(x) for x in (1.0, 0.999, 0.845, 0.0)] == ["100%", "99%", "84%", "0%"]


def test_side_by_side_marks_what_differs_and_escapes_the_text() -> None:
    old = "One <b>two</b> three four.\n\nA paragraph that is cut.\n\nSame *end* here."
    new = "One <b>two</b> five four.\n\nSame *end* here.\n\nAdded `code` --8<-- {{ x }}."
    table = side_by_side(old, new)
    assert "<b>" not in table and "*" not in table and "`" not in table
    assert "<del>three </del>" in table and "<ins>five </ins>" in table
    assert "<del>A paragraph that is cut&#46;</del>" in table
    assert "<ins>Added" in table
    assert "\n\n" not in table  # one HTML block for any Markdown engine
    checker = Balanced()
    checker.feed(table)
    assert checker.stack == [] and checker.errors == []


class Balanced(HTMLParser):
    """Every element closed, in order."""

    VOID = {"br", "img", "hr", "meta", "link", "input"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)


def write_cluster(make_dossier) -> Path:
    body = lambda paragraphs: "\n\n".join(paragraphs)  # noqa: E731
    return make_dossier({
        "wire": article_text("wire", body(WIRE), title="Lavrov to meet Arreaza",
                             published="2019-05-04"),
        "copy": article_text("copy", body(REPUBLISHED), title="Top diplomat heads to Moscow",
                             outlet="unknown", published="2019-05-06"),
        # Dated before both, so that the copy is not its previous/next neighbour (whose
        # title an article page shows).
        "other": article_text("other", body(OTHER_STORY), title="Arreaza in Moscow",
                              published="2019-05-02"),
    })  # fmt: skip


def test_pages_of_a_small_dossier(make_dossier) -> None:
    root = write_cluster(make_dossier)
    dossier = load_dossier(root)
    assert [str(p) for p in dossier.problems] == []
    pages = {page.path: page for page in build_pages(dossier)}
    wire, copy, other = (pages[f"articles/{a}.md"].text for a in ("wire", "copy", "other"))
    assert "## Also published by" in wire and "## Also published by" in copy
    assert "Also published by" not in other
    assert "this is the first appearance" in wire and "the first appearance is marked" in copy
    assert re.search(r"Unknown outlet</a> · 2019-05-06 · <a [^>]*>Top diplomat", wire)
    assert 'first appearance</strong> · <a href="../../republications/compare/copy/">' in copy
    assert re.search(r"\d\d% of this text", copy)
    listing = pages["republications/index.md"]
    assert not listing.searchable
    assert 'id="c-wire"' in listing.text and "1 text published more than once" in listing.text
    assert listing.text.index("Lavrov to meet") < listing.text.index("Top diplomat")
    compare = pages["republications/compare/copy.md"]
    assert not compare.searchable
    assert "<del>" in compare.text and "<ins>" in compare.text
    assert "republications/compare/wire.md" not in pages  # the first has no view of its own


def test_page_key_follows_the_other_versions(make_dossier) -> None:
    root = write_cluster(make_dossier)
    keys = {p.path: p.key for p in build_pages(load_dossier(root)) if p.key}
    path = root / "dossier" / "articles" / "copy.md"
    path.write_text(path.read_text().replace("Top diplomat", "Chief diplomat"))
    after = {p.path: p.key for p in build_pages(load_dossier(root)) if p.key}
    # The wire's page lists the copy's title; the other story's page does not.
    assert after["articles/wire.md"] != keys["articles/wire.md"]
    assert after["articles/other.md"] == keys["articles/other.md"]


@pytest.mark.parametrize(("size", "rows"), [(1, 200), (250, 200), (5, 2)])
def test_cluster_list_is_paged_and_bounded(size: int, rows: int) -> None:
    articles = [make(f"v{n:03d}", WIRE, f"2019-05-{1 + n % 28:02d}") for n in range(size + 1)]
    rep = Republications([tuple(a.id for a in articles)], {a.id: 0 for a in articles},
                         {}, {a.id: 10 for a in articles}, [0])  # fmt: skip
    rep.common = {(articles[0].id, a.id): 9 for a in articles[1:]}
    links = {a.id: ArticleLinks(a, [], Counter()) for a in articles}
    index = DossierIndex(links, Counter(), {}, {}, {}, republications=rep)
    dossier = type("D", (), {"registry": type("R", (), {"sources": {}})()})()
    settings = RenderSettings(republication_rows_per_page=rows)
    pages = republication_pages(dossier, index, settings)  # type: ignore[arg-type]
    listing = [p for p in pages if p.path.startswith("republications/index")]
    assert len(listing) == -(-(size + 1) // rows)
    assert all(p.text.count("<li>") <= rows for p in listing)
    assert len(pages) - len(listing) == size  # a side-by-side view per later version


def test_the_bundled_dossier_has_no_republication(repo: Path) -> None:
    index = build_index(load_dossier(repo))
    assert index.republications.clusters == []


def test_benchmark_smoke(tmp_path: Path, repo: Path) -> None:
    """benchmarks/republish_bench.py at N=50, so that it cannot rot."""
    sys.path.insert(0, str(repo / "benchmarks"))
    import republish_bench

    planted = republish_bench.write_dossier(tmp_path / "n50", 50, seed=7)
    result = republish_bench.engine_times(tmp_path / "n50")
    assert result["articles"] == 50 + planted
    assert result["caught"] == result["planted"] == planted and result["stray"] == 0
    assert "| 50 (+1) |" in republish_bench.row(50, result)


def test_a_version_linked_only_through_another_gets_no_side_by_side_view() -> None:
    text = WIRE + OTHER_STORY  # fifteen paragraphs: a chain A ~ B ~ C, A and C far apart
    articles = [make("a", text[0:10], "2019-05-01"), make("b", text[2:12], "2019-05-02"),
                make("c", text[5:15], "2019-05-03")]  # fmt: skip
    found = detect(articles)
    assert found.clusters == [("a", "b", "c")]
    assert found.matches_first("b") and not found.matches_first("c")
    assert not found.matches_first("a")  # the first appearance itself
    assert found.share("c", "a") < 0.7

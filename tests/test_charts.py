"""Charts (charts.py, chartsvg.py) and the overview page (overviewpage.py).

Golden SVGs: small fixed inputs drawn and compared byte for byte with
tests/golden/charts/*.svg (`pytest tests/test_charts.py --update-golden` rewrites them;
read the diff). Then: the SVG names no other host, keeps no placeholder colour, and
every mark of the bundled dossier's overview links to a page and anchor that exist.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

import pytest

from conftest import REPO
from dossier_core import load_dossier
from dossier_core.charts import Category, bar_chart, heatmap, month_of, network, time_chart
from dossier_core.chartsvg import FIXED, TOKEN
from dossier_core.dossierstats import NETWORK_ACTORS, overview_stats
from dossier_core.linking import build_index
from dossier_core.pages import build_pages
from dossier_core.settings import RenderSettings

GOLDEN = REPO / "tests" / "golden" / "charts"
OUTLETS = [
    Category("tass", "TASS", href="../sources/tass/"),
    Category("rt", "RT <& co>", href="../sources/rt/"),
    Category("forum", "A forum"),
]
LABELS = [
    Category("loaded-language", "Loaded language", style="dossier-hl--loaded-language"),
    Category("doubt", "Doubt", style="dossier-hl--doubt"),
]


def _charts() -> dict[str, str]:
    counts = {("2019-01", "tass"): 3, ("2019-02", "rt"): 2, ("2019-02", "tass"): 1,
              ("2019-04", "forum"): 1}  # fmt: skip
    cells = {("loaded-language", "tass"): (1.5, 3), ("doubt", "rt"): (0.5, 1)}
    verdicts = [Category("false", "False"), Category("misleading", "Misleading")]
    return {
        "time": time_chart("Articles by month", counts, OUTLETS,
                           href=lambda month, outlet: f"../sources/{outlet}/#{month}"),
        "labels": time_chart("Annotations by month", {("2019-03", "doubt"): 4}, LABELS,
                             unit="annotations"),
        "bar": bar_chart("Verdicts", {("tass", "false"): 2, ("rt", "misleading"): 1}, OUTLETS,
                         verdicts, href=lambda outlet, v: f"../labels/claim/#outlet-{outlet}"),
        "heat": heatmap("Labels by outlet", cells, LABELS, OUTLETS,
                        href=lambda label, outlet: f"../labels/{label}/#outlet-{outlet}"),
        "network": network("Actors", [(Category("a", "Alpha", href="../actors/a/"), 5),
                                      (Category("b", "Beta", href="../actors/b/"), 3),
                                      (Category("c", "Gamma", href="../actors/c/"), 1)],
                           [("a", "b", 2), ("a", "c", 1)]),
    }  # fmt: skip


@pytest.fixture(scope="module")
def charts() -> dict[str, str]:
    return _charts()


@pytest.mark.parametrize("name", ["time", "labels", "bar", "heat", "network"])
def test_golden_charts(charts: dict[str, str], name: str, update_golden: bool) -> None:
    path = GOLDEN / f"{name}.svg"
    if update_golden:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(charts[name], encoding="utf-8")
    assert charts[name] == path.read_text(encoding="utf-8"), (
        f"{path} differs: review, then --update-golden"
    )


def test_charts_are_deterministic(charts: dict[str, str]) -> None:
    assert _charts() == charts


def test_charts_are_self_contained_and_named(charts: dict[str, str]) -> None:
    for name, figure in charts.items():
        hosts = set(re.findall(r'(?:href|src)="(?:[a-z]+:)?//([^/"]+)', figure))
        assert hosts == set(), name
        assert "url(" not in figure and "@import" not in figure and "<script" not in figure
        assert TOKEN not in figure and "xlink:" not in figure, name
        assert not set(re.findall(r"#[0-9a-f]{6}\b", figure)) & {*FIXED, "#fe0000"}, name
        caption = re.search(r'<figcaption id="([^"]+)">', figure)
        assert caption and f'aria-labelledby="{caption.group(1)}"' in figure, name
        assert "<table>" in figure and "<details" in figure, name
        # every link in the SVG has a hover title: what it counts, in words
        for link in re.findall(r"<a href=[^>]*>(.{0,200})", figure.split("<details")[0]):
            assert link.startswith("<title>"), (name, link)


def test_marks_link_and_escape(charts: dict[str, str]) -> None:
    svg = charts["time"].split("<details")[0]
    assert '<a href="../sources/tass/#2019-01"><title>2019-01, TASS: 3 articles</title>' in svg
    assert "RT &lt;&amp; co&gt;" in charts["time"]  # names escaped, in the legend and table
    assert "<title>2019-04, A forum: 1 article</title>" in svg
    assert "<g><title>2019-03, Doubt: 4 annotations</title>" in charts["labels"]  # no link
    assert 'class="dc-fhl dc-sli dossier-hl--doubt"' in charts["labels"]  # a label's colours
    assert 'href="../actors/a/"' in charts["network"]


def test_empty_chart_says_so() -> None:
    figure = time_chart("Nothing", {}, OUTLETS)
    assert "<svg" not in figure and "Nothing to show yet." in figure


def test_month_of() -> None:
    assert [month_of(d) for d in ("2019-04-30", "2019-04", "", "April")] == [
        "2019-04",
        "2019-04",
        "",
        "",
    ]


def test_time_chart_counts_by_year_past_four_years() -> None:
    counts = {(f"{y}-{m:02d}", "tass"): 1 for y in range(2015, 2020) for m in range(1, 13)}
    figure = time_chart("Long", counts, OUTLETS[:1])
    assert '<th scope="row">2015</th><td><a href="../sources/tass/">12</a>' in figure


def _ids(text: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', text)) | {
        m.lower() for m in re.findall(r"^#+ (.+?)(?: \{[^}]*\})?$", text, re.M)
    }


@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_overview_mark_links_to_a_page_and_anchor(directory_urls: bool) -> None:
    settings = RenderSettings(directory_urls=directory_urls)
    dossier = load_dossier(REPO)
    pages = {p.path: p for p in build_pages(dossier, settings=settings)}
    by_url = {settings.page_url(path): path for path in pages}
    by_url.update({path: path for path in pages})
    by_url["sources/"] = by_url.get("sources/", "sources/index.md")
    overview = pages["overview.md"].text
    base = settings.page_url("overview.md")
    links = [html.unescape(h) for h in re.findall(r'<a href="([^"]+)"', overview)]
    assert len(links) > 40
    for link in links:
        target, _, anchor = link.partition("#")
        url = posixpath.normpath(posixpath.join(posixpath.dirname(base), target))
        url = url + "/" if target.endswith("/") else url
        path = by_url.get(url) or by_url.get(url.lstrip("./"))
        assert path is not None, f"{link} -> {url}: no such page"
        if anchor:
            assert anchor in _ids(pages[path].text), f"{link}: no #{anchor} on {path}"


def test_overview_on_the_bundled_dossier() -> None:
    dossier = load_dossier(REPO)
    index = build_index(dossier)
    stats = overview_stats(dossier, index)
    # rt, tass and three unidentified sites, each its own placeholder outlet
    assert stats.articles == 5 and len(stats.outlets) == 5
    assert stats.first == "2019-01-27" or stats.first.startswith("2019-")
    assert 0 < len(stats.top_actors) <= NETWORK_ACTORS
    linked = {a for a, b, _ in stats.edges} | {b for _, b, _ in stats.edges}
    assert linked <= {a for a, _ in stats.top_actors}
    text = next(p for p in build_pages(dossier, index) if p.path == "overview.md").text
    for heading in ("Articles over time", "Labels by outlet", "Actors named together"):
        assert f"## {heading}" in text


def test_golden_folder_exists() -> None:
    assert Path(GOLDEN).is_dir()

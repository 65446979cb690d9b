"""Charts as static SVG inside a page: Vega-Lite specs rendered at build time by
vl-convert (no browser, no JavaScript in the page), with a data table beside each.

Public API (stable; other page modules call it):

- `Category(id, name, style="", href="")`: a series (an outlet, a label, a group).
  `style` is a CSS class that sets `--dossier-hl` (a label's `dossier-hl--<id>`, so
  the label's own light and dark colours are used); "" takes the next palette colour.
  `href` is the link of the category's marks when no per-mark link is given.
- `time_chart(title, counts, categories, href=None, unit="articles", chart_id="")`:
  counts by month (by year past MAX_MONTHS months), stacked by category. `counts`
  maps (month "YYYY-MM", category id) to a count; `href(month, category_id)` gives a
  mark's link (made with settings.href; "" for none), else the category's `href`.
  Returns the finished HTML (`Raw`). `chart_id` is the figure's id: unique per page.
- `bar_chart(title, counts, rows, categories, href=None, unit="annotations",
  chart_id="", row_title="Outlet")`: horizontal bars, one per row (Category: an
  outlet), stacked by category (a verdict); `counts[(row id, category id)]`,
  `href(row id, category id)`.
- `heatmap(title, cells, rows, columns, href=None, chart_id="", value_name=...,
  row_title="Label")`: `cells` maps (row id, column id) to (value, count); shaded
  by value, the count on hover and in the table; `href(row id, column id)`.
- `network(title, nodes, edges, chart_id="", unit="articles")`: `nodes` are
  (Category, weight), `edges` are (id, id, weight); the most-weighted third on an
  inner ring, then a seeded spring layout (networkx).
- `month_of(date)`: "YYYY-MM" of an ISO date, "" if it has none.

Every chart is a `<figure>`: a caption (its accessible name), the SVG (every mark a
link with a `<title>` for hover), and a "Data" table in `<details>`. Colours are
classes (`.dc-*` in dossier.css) over Material's and the labels' custom properties,
so one SVG follows the light and dark schemes; the SVG names no other host. Each
chart costs about 45 ms; the first of a process about 0.5 s more (vl-convert starts
its JavaScript engine). The rendering and rewriting are in chartsvg.py.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence

from .chartsvg import Category, Mark, render
from .escaping import escape_attribute
from .pagekit import Raw

__all__ = ["Category", "bar_chart", "heatmap", "month_of", "network", "time_chart"]


Href = Callable[[str, str], str]
EMPTY = '<p class="dossier-chart__empty">Nothing to show yet.</p>'
MAX_MONTHS = 48  # more months than this: the time chart counts by year
_MONTH = re.compile(r"^(\d{4})-(\d{2})")


def month_of(date: str) -> str:
    """'2019-04' for '2019-04-30' (or '2019-04'); '' for no date."""
    found = _MONTH.match(date or "")
    return f"{found.group(1)}-{found.group(2)}" if found else ""


def _count(count: int, unit: str) -> str:
    """'1 article', '2 articles' (units are plural nouns ending in s)."""
    return f"{count} {unit[:-1] if count == 1 and unit.endswith('s') else unit}"


def _link(href: Href | None, key: str, category: Category) -> str:
    return (href(key, category.id) if href else "") or category.href


def time_chart(
    title: str,
    counts: Mapping[tuple[str, str], int],
    categories: Sequence[Category],
    href: Href | None = None,
    unit: str = "articles",
    chart_id: str = "",
) -> Raw:
    """Counts by month (by year past MAX_MONTHS months), stacked by category."""
    months = sorted({m for m, _ in counts if m})
    by_year = len(months) > MAX_MONTHS
    totals: dict[tuple[str, str], int] = {}
    for (month, cat), value in counts.items():
        if month and value:
            period = month[:4] if by_year else month
            totals[(period, cat)] = totals.get((period, cat), 0) + value
    periods = sorted({p for p, _ in totals})
    marks = [
        Mark(p, c.id, n, _link(href, p, c), f"{p}, {c.name}: {_count(n, unit)}")
        for p in periods
        for c in categories
        if (n := totals.get((p, c.id), 0))
    ]  # fmt: skip
    axis = "Year" if by_year else "Month"
    svg = render("time", title, marks, categories, axis, unit.capitalize())
    return figure(title, svg, axis, periods, categories, marks, chart_id)


def bar_chart(
    title: str,
    counts: Mapping[tuple[str, str], int],
    rows: Sequence[Category],
    categories: Sequence[Category],
    href: Href | None = None,
    unit: str = "annotations",
    chart_id: str = "",
    row_title: str = "Outlet",
) -> Raw:
    """One horizontal bar per row, stacked by category; `counts[(row, category)]`."""
    marks = [
        Mark(r.name, c.id, counts[(r.id, c.id)], _link(href, r.id, c) or r.href,
             f"{r.name}, {c.name}: {_count(counts[(r.id, c.id)], unit)}")
        for r in rows
        for c in categories
        if counts.get((r.id, c.id))
    ]  # fmt: skip
    svg = render("bar", title, marks, categories, row_title, unit.capitalize())
    return figure(title, svg, row_title, [r.name for r in rows], categories, marks, chart_id)


def heatmap(
    title: str,
    cells: Mapping[tuple[str, str], tuple[float, int]],
    rows: Sequence[Category],
    columns: Sequence[Category],
    href: Href | None = None,
    chart_id: str = "",
    value_name: str = "per article",
    row_title: str = "Label",
) -> Raw:
    """Rows x columns, shaded by value; `cells[(row, column)] = (value, count)`."""
    marks = []
    for r in rows:
        for c in columns:
            value, count = cells.get((r.id, c.id), (0.0, 0))
            if count:
                text = f"{r.name} in {c.name}: {count} ({value:.2f} {value_name})"
                marks.append(Mark(r.name, c.id, count, _link(href, r.id, c), text, value))
    svg = render("heat", title, marks, columns, row_title, "Outlet")
    return figure(title, svg, row_title, [r.name for r in rows], columns, marks, chart_id)


def network(
    title: str,
    nodes: Sequence[tuple[Category, int]],
    edges: Sequence[tuple[str, str, int]],
    chart_id: str = "",
    unit: str = "articles",
) -> Raw:
    """Nodes sized by weight, edges by weight, placed by a seeded spring layout."""
    from .chartsvg import network_svg  # networkx is imported only when a network is drawn

    svg, marks = network_svg(title, nodes, edges, unit)
    names = {c.id: c.name for c, _ in nodes}
    pairs = [f"{names[a]} – {names[b]}" for a, b, _ in edges]
    table_marks = [
        Mark(p, "shared", w, "", _count(w, unit)) for p, (_, _, w) in zip(pairs, edges, strict=True)
    ]
    columns = [Category("mentions", "Mentions"), Category("shared", f"Shared {unit}")]
    rows = [c.name for c, _ in nodes] + pairs
    return figure(title, svg, "Actors", rows, columns, marks + table_marks, chart_id)


def css_id(text: str) -> str:
    """An id fragment safe in HTML and CSS."""
    return escape_attribute(re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-"))


def figure(
    title: str, svg: str, row_title: str, rows: Sequence[str],
    categories: Sequence[Category], marks: Sequence[Mark], chart_id: str,
) -> Raw:  # fmt: skip
    """The chart's figure: caption, SVG and its data table (in <details>)."""
    ident = chart_id or "chart-" + re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    caption = f"{ident}-caption"
    named = f' class="dossier-chart__svg" role="group" aria-labelledby="{caption}"'
    body = svg.replace(' class="dossier-chart__svg"', named, 1) if svg else EMPTY
    if svg:  # scrolls sideways on a narrow screen rather than shrinking its text
        region = f'role="region" aria-label="{html.escape(title)}" tabindex="0"'
        body = f'<div class="dossier-chart__scroll" {region}>{body}</div>'
    cells = {(m.row, m.cat): m for m in marks}
    head = "".join(f'<th scope="col">{html.escape(c.name)}</th>' for c in categories)
    lines = []
    for row in rows:
        tds = []
        for category in categories:
            mark = cells.get((row, category.id))
            text = (
                ""
                if mark is None
                else str(mark.count) + (f" ({mark.value:.2f})" if mark.value else "")
            )
            if mark is not None and mark.href:
                text = f'<a href="{html.escape(mark.href)}">{text}</a>'
            tds.append(f"<td>{text}</td>")
        lines.append(f'<tr><th scope="row">{html.escape(row)}</th>{"".join(tds)}</tr>')
    head = f'<th scope="col">{html.escape(row_title)}</th>{head}'
    table = (
        f"<table><caption>{html.escape(title)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(lines)}</tbody></table>"
    )
    return Raw(
        # data-pagefind-ignore: a search for an outlet finds its page, not every bar
        f'<figure class="dossier-chart" id="{ident}" data-pagefind-ignore="all">'
        f'<figcaption id="{caption}">{html.escape(title)}</figcaption>{body}'
        f'<details class="dossier-chart__data"><summary>Data: {html.escape(title)}</summary>'
        f"{table}</details></figure>"
    )

"""Vega-Lite specs rendered to SVG by vl-convert, then made fit for the page: links
put in (relative, as settings.href made them), a `<title>` on every mark for hover,
placeholder colours turned into CSS custom properties (one SVG for both schemes), the
root given the figure's caption as its name. The public API is charts.py."""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

TOKEN = "https://dossier.invalid/"  # a mark's link while Vega renders; replaced after
PALETTE = 10  # --dossier-chart-0 .. 9 in dossier.css (light and dark)
# Placeholder colours Vega draws with, and the key of the class that paints them
# (dossier.css: .dc-f<key> sets fill, .dc-s<key> stroke, from Material's variables).
FIXED = {
    "#010101": "fg",  # --md-default-fg-color
    "#020202": "lt",  # --md-default-fg-color--lightest
    "#030303": "li",  # --md-default-fg-color--light
    "#040404": "nd",  # --dossier-chart-node
    "#050505": "ht",  # --dossier-chart-heat
}
TEXT, GRID, LINE, NODE, HEAT = FIXED
WIDTH = 600  # with its axis labels, within Material's content column (688 px)


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    style: str = ""  # CSS class setting --dossier-hl; "" = palette colour by position
    href: str = ""  # link of this category's marks when no per-mark link is given


@dataclass(frozen=True)
class Mark:
    row: str  # the row (a period, an outlet, a label) as shown
    cat: str  # the category id
    count: int
    href: str
    text: str  # what the mark counts, in words: its hover title and accessible name
    value: float = 0.0  # heatmap shade


def _placeholder(position: int) -> str:
    return f"#fe00{position:02x}"


def _config() -> dict[str, Any]:
    axis = {"labelColor": TEXT, "titleColor": TEXT, "gridColor": GRID, "domainColor": LINE,
            "tickColor": LINE, "labelFontSize": 11, "titleFontSize": 12}  # fmt: skip
    legend = {"labelColor": TEXT, "titleColor": TEXT, "labelFontSize": 11, "titleFontSize": 12,
              "labelLimit": 220, "orient": "bottom", "columns": 3}  # fmt: skip
    # padding: the browser's sans-serif may be wider than the one vl-convert measures
    padding = {"left": 24, "top": 4, "right": 12, "bottom": 4}  # browser fonts may be wider
    bar = {"stroke": LINE, "strokeWidth": 0.5}
    return {"font": "sans-serif", "background": None, "padding": padding,
            "view": {"stroke": None}, "axis": axis, "legend": legend, "bar": bar}  # fmt: skip


def _values(marks: Sequence[Mark], names: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {"r": m.row, "c": names.get(m.cat, m.cat), "n": m.count, "u": f"{TOKEN}{i}",
         "d": m.text, "v": round(m.value, 4)}
        for i, m in enumerate(marks)
    ]  # fmt: skip


def spec(kind: str, marks: Sequence[Mark], categories: Sequence[Category],
         x_title: str, y_title: str) -> dict[str, Any]:  # fmt: skip
    """The Vega-Lite spec of a time, bar or heat chart."""
    names = {c.id: c.name for c in categories}
    domain = [c.name for c in categories]
    scale = {"domain": domain, "range": [_placeholder(i) for i in range(len(domain))]}
    colour = {"field": "c", "type": "nominal", "title": None, "sort": domain, "scale": scale}
    base: dict[str, Any] = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": _values(marks, names)},
        "config": _config(),
        "mark": {"type": "bar"} if kind != "heat" else {"type": "rect", "fill": HEAT},
    }
    rows = list(dict.fromkeys(m.row for m in marks))
    totals: dict[str, int] = {}
    for m in marks:
        totals[m.row] = totals.get(m.row, 0) + m.count
    # Counts: whole ticks only (no "0.5 articles"); vl-convert's Vega-Lite ignores
    # tickMinStep, so the tick count is capped by the largest stacked total instead.
    count_axis = {"format": "d", "tickCount": max(1, min(5, max(totals.values(), default=1)))}
    links = {"href": {"field": "u"}, "description": {"field": "d"}}
    if kind == "time":
        base["width"] = WIDTH
        base["height"] = 220
        base["encoding"] = {
            "x": {"field": "r", "type": "ordinal", "title": x_title, "sort": sorted(rows),
                  "axis": {"labelAngle": -45}},
            "y": {"field": "n", "type": "quantitative", "aggregate": "sum", "title": y_title,
                  "axis": count_axis},
            "color": colour, "order": {"field": "c", "sort": "ascending"}, **links,
        }  # fmt: skip
    elif kind == "bar":
        base["width"] = WIDTH - 160
        base["height"] = {"step": 22}
        base["encoding"] = {
            "y": {"field": "r", "type": "nominal", "title": x_title, "sort": rows,
                  "axis": {"labelLimit": 150}},
            "x": {"field": "n", "type": "quantitative", "aggregate": "sum", "title": y_title,
                  "axis": count_axis},
            "color": colour, **links,
        }  # fmt: skip
    else:
        base["width"] = {"step": 30}
        base["height"] = {"step": 20}
        base["encoding"] = {
            "y": {"field": "r", "type": "nominal", "title": x_title, "sort": rows,
                  "axis": {"labelLimit": 170}},
            "x": {"field": "c", "type": "nominal", "title": y_title, "sort": domain,
                  "axis": {"labelAngle": -45, "labelLimit": 120}},
            "opacity": {"field": "v", "type": "quantitative", "title": "per article",
                        "scale": {"range": [0.15, 1], "zero": False}},
            **links,
        }  # fmt: skip
    return base


def render(kind: str, title: str, marks: Sequence[Mark], categories: Sequence[Category],
           x_title: str, y_title: str) -> str:  # fmt: skip
    """The finished SVG of a chart (no marks: a sentence instead)."""
    if not marks:
        return ""
    return vega(spec(kind, marks, categories, x_title, y_title), marks, categories)


def vega(chart: dict[str, Any], marks: Sequence[Mark], categories: Sequence[Category]) -> str:
    import vl_convert  # imported here: its first call starts a JavaScript engine (~0.5 s)

    # The same chart drawn again (a serve rebuild whose edit did not change it) is the
    # last drawing: Vega is a pure function of the spec, and drawing is 80 ms a chart.
    key = json.dumps(chart, sort_keys=True)
    drawn = _DRAWN.pop(key, None)
    if drawn is None:
        drawn = vl_convert.vegalite_to_svg(chart)
    _DRAWN[key] = drawn
    while len(_DRAWN) > _DRAWN_LIMIT:
        del _DRAWN[next(iter(_DRAWN))]  # the least recently drawn
    return finish(drawn, marks, categories)


_DRAWN: dict[str, str] = {}  # spec -> SVG, most recently used last
_DRAWN_LIMIT = 400  # the overview's charts and the charted actor and outlet pages


_TAG = re.compile(r"<(?!/)([a-z]+)\b([^>]*?)(/?)>")
_PAINT = re.compile(r' (fill|stroke)="(#[0-9a-f]{6})"')
_ROLE = re.compile(r' (?:aria-label|role|aria-roledescription)="[^"]*"')
# Coordinates to a tenth of a pixel: Vega writes 1.3333333333333144
_NUMBER = re.compile(r"(?<![\d.])-?\d+\.\d{2,}(?![\d.e])")
_GEOMETRY = re.compile(r'( (?:d|transform|[xy][12]?|width|height|opacity)=")([^"]*)"')
_LINK = re.compile(r'<a xlink:href="' + re.escape(TOKEN) + r'(\d+)">(.*?)</a>', re.S)


def _tenth(number: re.Match[str]) -> str:
    text = f"{float(number.group(0)):.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def finish(svg: str, marks: Sequence[Mark], categories: Sequence[Category]) -> str:
    """Vega's SVG made fit for the page (see the module docstring)."""
    svg = re.sub(r'<rect width="[\d.]+" height="[\d.]+" fill="white"/>', "", svg, count=1)
    colours = dict(FIXED)
    styles: dict[str, str] = {}
    for position, category in enumerate(categories):
        key = _placeholder(position)
        colours[key] = "hl" if category.style else str(position % PALETTE)
        if category.style:
            styles[key] = category.style  # sets --dossier-hl: the label's own colours

    def tag(found: re.Match[str]) -> str:
        name, attributes, close = found.groups()
        paints = [(k, v) for k, v in _PAINT.findall(attributes) if v in colours]
        if not paints:
            return found.group(0)
        attributes = _PAINT.sub(lambda p: "" if p.group(2) in colours else p.group(0), attributes)
        names = [f"dc-{k[0]}{colours[v]}" for k, v in paints]
        names += [styles[v] for _, v in paints if v in styles]
        extra = " ".join(dict.fromkeys(names))
        if ' class="' in attributes:
            attributes = attributes.replace(' class="', f' class="{extra} ', 1)
            return f"<{name}{attributes}{close}>"
        return f'<{name}{attributes} class="{extra}"{close}>'

    def link(found: re.Match[str]) -> str:
        mark = marks[int(found.group(1))]
        title = f"<title>{html.escape(mark.text)}</title>"
        inner = _ROLE.sub("", found.group(2))  # named by its <title>, said once
        if not mark.href:
            return f"<g>{title}{inner}</g>"
        return f'<a href="{html.escape(mark.href)}">{title}{inner}</a>'

    svg = _GEOMETRY.sub(lambda a: a.group(1) + _NUMBER.sub(_tenth, a.group(2)) + '"', svg)
    svg = _TAG.sub(tag, svg)
    svg = _LINK.sub(link, svg)
    svg = svg.replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', "")
    svg = svg.replace(' version="1.1" class="marks"', ' class="dossier-chart__svg"', 1)
    if TOKEN in svg or "xlink:" in svg:
        raise ValueError("a chart mark kept its placeholder link")
    return svg


def network_svg(
    title: str, nodes: Sequence[tuple[Category, int]], edges: Sequence[tuple[str, str, int]],
    unit: str,
) -> tuple[str, list[Mark]]:  # fmt: skip
    """A co-occurrence network: seeded spring layout (networkx), drawn by Vega-Lite."""
    import networkx

    if not nodes:
        return "", []
    graph = networkx.Graph()
    graph.add_nodes_from(c.id for c, _ in nodes)
    graph.add_weighted_edges_from(edges)
    # The most-mentioned third on an inner ring, the rest outside, then a few steps of
    # an unweighted spring layout (seeded) to draw actors that share articles together:
    # weights already show as line widths, and weighted springs knot the busiest actors.
    ids = [c.id for c, _ in nodes]
    inner = max(1, len(ids) // 3)
    rings = networkx.shell_layout(graph, [ids[:inner], ids[inner:]] if ids[inner:] else [ids])
    spread = 4 / len(ids) ** 0.5
    where = networkx.spring_layout(graph, pos=rings, k=spread, seed=13, weight=None, iterations=10)
    pos = _spread({k: (float(x), float(y)) for k, (x, y) in where.items()})
    marks = [
        Mark(c.name, "mentions", w, c.href, f"{c.name}: {w} mention" + ("" if w == 1 else "s"))
        for c, w in nodes
    ]
    points = [{"x": pos[c.id][0], "y": pos[c.id][1], "n": w, "name": c.name, "u": f"{TOKEN}{i}",
               "d": marks[i].text} for i, (c, w) in enumerate(nodes)]  # fmt: skip
    lines = [{"x": pos[a][0], "y": pos[a][1], "x2": pos[b][0], "y2": pos[b][1], "w": w}
             for a, b, w in edges]  # fmt: skip
    scale = {"domain": [-1.15, 1.15], "nice": False}
    x = {"field": "x", "type": "quantitative", "axis": None, "scale": scale}
    y = {"field": "y", "type": "quantitative", "axis": None, "scale": scale}
    chart = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": WIDTH, "height": 460, "config": _config(),
        "layer": [
            {"data": {"values": lines}, "mark": {"type": "rule", "stroke": LINE, "aria": False},
             "encoding": {"x": x, "y": y, "x2": {"field": "x2"}, "y2": {"field": "y2"},
                          "strokeWidth": {"field": "w", "type": "quantitative", "legend": None,
                                          "scale": {"range": [0.5, 5]}}}},
            {"data": {"values": points}, "mark": {"type": "circle", "fill": NODE, "opacity": 1,
                                                  "stroke": TEXT, "strokeWidth": 0.5},
             "encoding": {"x": x, "y": y, "href": {"field": "u"}, "description": {"field": "d"},
                          "size": {"field": "n", "type": "quantitative", "legend": None,
                                   "scale": {"range": [60, 900]}}}},
            {"data": {"values": points},
             "mark": {"type": "text", "dy": -14, "fill": TEXT, "fontSize": 11, "aria": False},
             "encoding": {"x": x, "y": y, "text": {"field": "name"}}},
        ],
    }  # fmt: skip
    del title, unit
    return vega(chart, marks, []), marks


def _spread(where: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Positions pulled in radially (distance ** 0.5, the farthest at 1): a few actors
    tied by one thin line would otherwise push the busy core into a knot."""
    if not where:
        return {}
    cx = sum(x for x, _ in where.values()) / len(where)
    cy = sum(y for _, y in where.values()) / len(where)
    far = max(math.hypot(x - cx, y - cy) for x, y in where.values()) or 1.0
    result = {}
    for key, (x, y) in where.items():
        r = math.hypot(x - cx, y - cy) / far
        k = r**0.5 / r if r else 0.0
        result[key] = (round((x - cx) / far * k, 3), round((y - cy) / far * k, 3))
    return result

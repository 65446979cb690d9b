"""The site on a phone: every page type of the bundled site at 390 x 844 px in Chromium,
in both colour schemes.

- No page scrolls sideways (`document.documentElement.scrollWidth <= innerWidth`),
  and nothing is cut off at the right edge outside a scrolling box.
- A table fits the screen, or scrolls inside its own box (`overflow-x: auto`) with its
  first column kept in view (`position: sticky`).
- Touch targets are at least 24 x 24 px (WCAG 2.2, SC 2.5.8): buttons, toggles,
  badges, pager and navigation links, form controls. The criterion's exceptions apply:
  a link inside a sentence or a line of text (inline), a smaller target with no other
  target within a 24 px circle around it (spacing), and a chart's marks, whose every
  link is also in the chart's data table (equivalent).
- axe-core finds no violation.

The page types are discovered from the built site: every page's path is turned into a
pattern (`actors/*/`, `labels/*/outlet-*/`, `articles/index/N/`...), and the largest page
of each pattern is read, so that a new kind of page is tested without listing it here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitecheck import axe_violations, local_page, screenshot_on_failure

from conftest import needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]

WIDTH, HEIGHT = 390, 844
SCHEMES = ("light", "dark")
# Path segments kept as written in a page's pattern; any other is an id ("*").
KEPT = {"annotations", "compare", "index", "outlet"}
# A page shown with a query: the search page with results.
QUERIES = {"search/": "?q=Guaido"}
DRAWER = "navigation drawer"  # the home page with Material's drawer open
NOTE = "article, a note open"  # an article with its first highlight tapped

# Elements past the right edge of the screen, not inside a box that scrolls or clips
# them: the outermost of each run, as "tag.class: left-right".
SIDEWAYS = """() => {
  const width = window.innerWidth;
  const cut = [];
  const inScroller = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (/(auto|scroll|hidden|clip)/.test(getComputedStyle(p).overflowX)) return true;
    }
    return false;
  };
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || box.right <= width + 1 || box.left >= width) continue;
    if (!el.checkVisibility({visibilityProperty: true}) || inScroller(el)) continue;
    if (cut.some(outer => outer.contains(el))) continue;
    cut.push(el);
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: width,
    cut: cut.slice(0, 5).map(el => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`
      + `: ${Math.round(el.getBoundingClientRect().left)}-${Math.round(el.getBoundingClientRect().right)}`),
  };
}"""

# Tables of the content: each fits, or scrolls in its own box with a sticky first column.
TABLES = """() => {
  const width = window.innerWidth;
  const problems = [];
  for (const table of document.querySelectorAll('.md-content table')) {
    const box = table.getBoundingClientRect();
    if (!box.width || !table.checkVisibility({visibilityProperty: true})) continue;
    const name = (table.caption?.textContent || table.rows[0]?.textContent || '')
      .trim().replace(/\\s+/g, ' ').slice(0, 40);
    let scroller = null;  // the table itself, without JavaScript, or a box around it
    for (let p = table; p && !p.matches('.md-content'); p = p.parentElement) {
      if (/(auto|scroll)/.test(getComputedStyle(p).overflowX)) { scroller = p; break; }
    }
    if (box.left >= -1 && box.right <= width + 1 && (!scroller || scroller.scrollWidth
        <= scroller.clientWidth + 1)) continue;  // it fits: nothing to scroll
    if (!scroller) { problems.push(`${name}: wider than the screen, in no scrolling box`); continue; }
    const outer = scroller.getBoundingClientRect();
    if (outer.left < -1 || outer.right > width + 1) {
      problems.push(`${name}: its scrolling box is wider than the screen`);
    }
    // Scrolled to its far end, the box still shows the first cell of each row.
    const before = scroller.scrollLeft;
    scroller.scrollLeft = scroller.scrollWidth;
    const view = scroller.getBoundingClientRect();
    for (const row of [table.rows[0], table.rows[table.rows.length - 1]]) {
      const first = row && row.cells[0] && row.cells[0].getBoundingClientRect();
      if (first && (first.left < view.left - 1 || first.right > view.right + 1)) {
        problems.push(`${name}: the first column scrolls out of view`);
        break;
      }
    }
    scroller.scrollLeft = before;
  }
  return problems;
}"""

# Touch targets under 24 x 24 px that no exception of SC 2.5.8 covers.
TARGETS = """() => {
  const MIN = 24;
  const selector = 'a[href], button, summary, input:not([type=hidden]), select, textarea, '
    + '[role=button], [role=tab], [role=checkbox], [tabindex]:not([tabindex="-1"]), '
    + 'label.md-header__button, label[for]';
  const visible = el => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.right > 0 && box.left < window.innerWidth
      && el.checkVisibility({opacityProperty: true, visibilityProperty: true,
                             contentVisibilityAuto: true})
      && !el.closest('[hidden], [aria-hidden=true], [inert]');
  };
  // What a tap on it hits: a form control with its label counts as one target.
  const area = el => {
    let box = el.getBoundingClientRect();
    for (const label of (el.labels || [])) {
      const other = label.getBoundingClientRect();
      box = new DOMRect(Math.min(box.left, other.left), Math.min(box.top, other.top),
        Math.max(box.right, other.right) - Math.min(box.left, other.left),
        Math.max(box.bottom, other.bottom) - Math.min(box.top, other.top));
    }
    return box;
  };
  const block = el => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (!getComputedStyle(p).display.startsWith('inline')) return p;
    }
    return document.body;
  };
  // Inline: a link in a sentence or a line of text (the block holds other words). A
  // chip, badge, tag or pager link, or a link of a navigation block, is never inline.
  const CONTROL = /(^|[-_])(badge|chip|tag|pager|prevnext|button|filter|toggle)([-_]|$)/;
  const inline = el => {
    if (el.tagName !== 'A' || el.closest('nav')) return false;
    if ([...el.classList].some(name => CONTROL.test(name))) return false;
    const container = block(el);
    let text = container.textContent;
    for (const link of container.querySelectorAll('a, button')) {
      text = text.replace(link.textContent, '');
    }
    return /[^\\s·|,;:()\\[\\]–—-]{2,}/.test(text);
  };
  const targets = [...document.querySelectorAll(selector)]
    .filter(el => visible(el) && !el.closest('svg'))
    .filter(el => !(el.matches('label[for]') && !el.matches('.md-header__button')
      && !document.getElementById(el.htmlFor)));
  const unique = targets.filter(el => !targets.some(other => other !== el && other.contains(el)
    && other.tagName !== 'LABEL'));
  const boxes = unique.map(el => ({el, box: area(el)}));
  const small = boxes.filter(({box}) => box.width < MIN - 0.5 || box.height < MIN - 0.5);
  const centre = box => [box.left + box.width / 2, box.top + box.height / 2];
  const hits = (circle, box) => {  // a circle of radius MIN/2 against a rectangle
    const x = Math.max(box.left, Math.min(circle[0], box.right));
    const y = Math.max(box.top, Math.min(circle[1], box.bottom));
    return Math.hypot(circle[0] - x, circle[1] - y) < MIN / 2;
  };
  const failing = small.filter(({el, box}) => {
    if (inline(el)) return false;
    const circle = centre(box);
    return boxes.some(other => other.el !== el && !other.el.contains(el) && !el.contains(other.el)
      && (hits(circle, other.box) || (small.includes(other)
        && Math.hypot(...centre(other.box).map((v, i) => v - circle[i])) < MIN)));
  });
  return failing.slice(0, 12).map(({el, box}) => {
    const name = (el.getAttribute('aria-label') || el.textContent || el.title || '').trim()
      .replace(/\\s+/g, ' ').slice(0, 30);
    const where = el.className && typeof el.className === 'string'
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    return `${el.tagName.toLowerCase()}${where} "${name}" ${box.width.toFixed(0)}x${box.height.toFixed(0)}`;
  });
}"""


def pattern(path: str) -> str:
    """'actors/juan-guaido/2/' -> 'actors/*/N/'; 'labels/claim/outlet-tass/' ->
    'labels/*/outlet-*/': the kind of page a site path is."""
    parts = [p for p in path.split("/") if p]
    out = parts[:1]
    for part in parts[1:]:
        if part.isdigit():
            out.append("N")
        elif part.startswith("outlet-"):
            out.append("outlet-*")
        else:
            out.append(part if part in KEPT else "*")
    return "/".join(out) + ("/" if out else "")


def page_types(site: Path) -> dict[str, str]:
    """Each kind of page of a built site -> the path of its largest page (and the page
    not found, and the navigation drawer opened on the home page)."""
    largest: dict[str, tuple[int, str]] = {"404": (0, "404.html"), DRAWER: (0, "")}
    for file in site.rglob("index.html"):
        rel = file.parent.relative_to(site).as_posix()
        path = "" if rel == "." else rel + "/"
        if path.startswith(("seeds/", "assets/", "pagefind/", "search/top/")):
            continue
        size = file.stat().st_size
        kind = pattern(path) or "home"
        if size > largest.get(kind, (-1, ""))[0]:
            largest[kind] = (size, path)
    if "articles/*/" in largest:
        largest[NOTE] = (0, largest["articles/*/"][1])
    return {kind: path + QUERIES.get(path, "") for kind, (_, path) in sorted(largest.items())}


def _open(page, url: str, kind: str = "") -> None:
    """Open the page as a reader reads it all: every folded part (a chart's data
    table, the import audit...) unfolded; for DRAWER, the navigation drawer open."""
    page.goto(url)
    page.wait_for_load_state("load")
    if "?q=" in url:
        page.wait_for_selector("#dossier-search .dossier-search__result")
    page.evaluate("document.fonts.ready.then(() => true)")
    if kind == DRAWER:
        page.click('label.md-header__button[for="__drawer"]')
        page.wait_for_function(
            "() => { const box = document.querySelector('.md-sidebar--primary')"
            ".getBoundingClientRect(); return box.left >= 0 && box.width > 0; }"
        )
        return
    if kind == NOTE:
        page.locator(".dossier-text mark.dossier-hl").first.click()
        page.wait_for_selector("[role=dialog]", state="visible")
        return
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")


@pytest.fixture(scope="module")
def found(chromium, bundled_site: Path, bundled_site_url: str) -> dict[str, dict]:
    """Every check on every page type in both schemes: scheme -> kind -> results."""
    kinds = page_types(bundled_site)
    assert {"home", "articles/", "articles/*/", "actors/*/", "sources/*/", "labels/*/"} <= set(
        kinds
    ), kinds
    results: dict[str, dict] = {}
    for scheme in SCHEMES:
        context, page = local_page(chromium, scheme, WIDTH)
        page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
        results[scheme] = {}
        try:
            for kind, path in kinds.items():
                with screenshot_on_failure(page, f"mobile-{scheme}-{kind}"):
                    _open(page, bundled_site_url + path, kind)
                    results[scheme][kind] = {
                        "path": path,
                        "sideways": page.evaluate(SIDEWAYS),
                        "tables": page.evaluate(TABLES),
                        "targets": page.evaluate(TARGETS),
                        "axe": axe_violations(page),
                    }
        finally:
            context.close()
    return results


def _failures(found: dict, check) -> list[str]:
    return [
        f"{scheme} {kind} ({result['path']}): {problem}"
        for scheme, kinds in found.items()
        for kind, result in kinds.items()
        for problem in check(result)
    ]


def test_page_types_are_discovered_from_the_site(found: dict) -> None:
    kinds = set(found["light"])
    expected = {"home", "overview/", "articles/", "articles/*/", "actors/", "actors/*/",
                "sources/", "sources/*/", "labels/", "labels/*/", "labels/*/outlet-*/",
                "narratives/", "narratives/*/", "republications/", "data/", "search/",
                "guide/", "404", DRAWER, NOTE}  # fmt: skip
    assert expected <= kinds, expected - kinds


def test_no_page_scrolls_sideways(found: dict) -> None:
    def check(result: dict) -> list[str]:
        sideways = result["sideways"]
        problems = []
        if sideways["scrollWidth"] > sideways["innerWidth"]:
            problems.append(f"scrollWidth {sideways['scrollWidth']} > {sideways['innerWidth']}")
        problems += [f"cut off at the right edge: {where}" for where in sideways["cut"]]
        return problems

    assert _failures(found, check) == []


def test_tables_fit_or_scroll_in_their_box_with_the_first_column_in_view(found: dict) -> None:
    assert _failures(found, lambda result: result["tables"]) == []


def test_touch_targets_are_at_least_24_px(found: dict) -> None:
    assert _failures(found, lambda result: result["targets"]) == []


def test_axe_finds_no_violation_at_390_px(found: dict) -> None:
    def check(result: dict) -> list[str]:
        return [f"{v['impact']} {v['id']} {v['nodes'][:3]}" for v in result["axe"]]

    assert _failures(found, check) == []


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("", "home"),
        ("actors/juan-guaido/2/", "actors/*/N/"),
        ("labels/claim/outlet-tass/", "labels/*/outlet-*/"),
        ("actors/juan-guaido/annotations/2/", "actors/*/annotations/N/"),
        ("republications/compare/x/", "republications/compare/*/"),
    ],
)
def test_pattern(path: str, kind: str) -> None:
    assert (pattern(path) or "home") == kind


def test_sideways_check_sees_a_wide_page(chromium, bundled_site_url: str) -> None:
    """The checks fail where they should: a page made wider than the screen, a wide
    table without a scrolling box, a lone 16 px button."""
    context, page = local_page(chromium, "light", WIDTH)
    try:
        _open(page, bundled_site_url)
        page.evaluate(
            """() => {
              const wide = document.createElement('div');
              wide.style.width = '600px'; wide.style.height = '10px';
              wide.className = 'probe-wide';
              document.querySelector('.md-content').append(wide);
              const row = '<tr><th>Name</th><td style="white-space:nowrap">'
                + 'x'.repeat(200) + '</td></tr>';
              const table = document.createElement('table');
              table.className = 'probe';  // no style of the site's
              table.innerHTML = row;
              const box = document.createElement('div');
              box.style.overflowX = 'auto';
              box.innerHTML = '<table class="probe">' + row + '</table>';
              document.querySelector('.md-content article').prepend(table, box);
              const button = document.createElement('button');
              button.textContent = 'x';
              button.style.cssText = 'width:16px;height:16px;padding:0;font-size:10px';
              const other = button.cloneNode(true);
              document.querySelector('.md-content article').prepend(button, other);
            }"""
        )
        sideways = page.evaluate(SIDEWAYS)
        assert sideways["scrollWidth"] > WIDTH or sideways["cut"]
        tables = page.evaluate(TABLES)
        assert any("in no scrolling box" in p for p in tables), tables
        assert any("first column scrolls out of view" in p for p in tables), tables
        assert any(re.match(r'button "x" 16x16', t) for t in page.evaluate(TARGETS))
    finally:
        context.close()

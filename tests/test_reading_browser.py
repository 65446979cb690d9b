"""Reading an article (issue 15, "Colours and calm"), in a real browser, in both colour
schemes: the switch that hides the underlines of names (keyboard, remembered on the
next page, absent without JavaScript); where annotations overlap, the outer one stays
visible through the inner one (its colour above and below the inner band, its underline
above the inner's); axe-core finds nothing at 1280 and 390 px. Colours themselves are
tested from labels.yml in tests/test_labels.py."""

from __future__ import annotations

import base64

import pytest
from sitecheck import assert_no_axe_violation, local_page, screenshot_on_failure

from conftest import REPO, needs_chromium
from dossier_core.registry import load_registry

pytestmark = [pytest.mark.browser, needs_chromium]

SCHEMES = ["light", "dark"]
ARTICLE = "articles/lavrov-to-meet-venezuelan-counterpart/"  # a doubt inside a claim
OTHER_ARTICLE = "articles/maduro-reminds-the-world-of-powerful-allies/"
SWITCH = ".dossier-names-switch input[role='switch']"
INNER = "mark.dossier-hl--claim > mark.dossier-hl--doubt"
LABELS = load_registry(REPO, "dossier", []).labels
LINE = {"light": (0x1B, 0x1B, 0x1B), "dark": (0xF8, 0xF9, 0xFA)}  # text and lines on marks


def rgb(colour: str) -> tuple[int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def label_rgb(label_id: str, scheme: str) -> tuple[int, int, int]:
    label = LABELS[label_id]
    return rgb(label.colour_light if scheme == "light" else label.colour_dark)


def decoration(page, selector: str) -> str:
    """The text-decoration-line of the first element matching `selector`."""
    return page.eval_on_selector(selector, "el => getComputedStyle(el).textDecorationLine")


def focus_by_tab(page, selector: str, presses: int = 80) -> bool:
    """Press Tab until the focused element matches `selector`."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement?.matches(s)", selector):
            return True
    return False


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_name_switch_hides_underlines_and_is_remembered(
    chromium, bundled_site_url: str, scheme: str, request
) -> None:
    context, page = local_page(chromium, scheme)
    try:
        with screenshot_on_failure(page, request.node.name):
            page.goto(bundled_site_url + ARTICLE)
            switch = page.locator(SWITCH)
            assert switch.is_checked(), "names are underlined until the reader says otherwise"
            assert switch.locator("xpath=..").inner_text().strip() == "Underline names of actors"
            mention = ".dossier-text a.mention"
            assert decoration(page, mention) == "underline"

            assert focus_by_tab(page, SWITCH), "the switch is not reachable with Tab"
            page.keyboard.press("Space")
            page.wait_for_function("() => document.documentElement.matches('.dossier-names-plain')")
            assert not switch.is_checked()
            assert decoration(page, mention) == "none"
            # Names stay links: still a link, underlined again under the pointer.
            assert page.eval_on_selector(mention, "el => el.matches('a[href]')")
            page.hover(mention)
            page.wait_for_function(
                "s => getComputedStyle(document.querySelector(s)).textDecorationLine === 'underline'",
                arg=mention,
            )

            page.goto(bundled_site_url + OTHER_ARTICLE)
            page.wait_for_selector(SWITCH)
            assert not page.locator(SWITCH).is_checked(), "the choice was not remembered"
            page.mouse.move(0, 0)
            assert decoration(page, mention) == "none"
            page.locator(SWITCH).check()  # and back
            assert decoration(page, mention) == "underline"
            page.goto(bundled_site_url + ARTICLE)
            page.wait_for_selector(SWITCH)
            assert page.locator(SWITCH).is_checked()
    finally:
        context.close()


def test_without_javascript_there_is_no_switch_and_names_keep_their_underline(
    chromium, bundled_site_url: str
) -> None:
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(bundled_site_url + ARTICLE)
        assert page.locator(".dossier-names-switch").count() == 0
        assert decoration(page, ".dossier-text a.mention") == "underline"
    finally:
        context.close()


# Reads the screenshot back in the page (no image library needed): for rows of pixels
# across the inner mark's first line, the most frequent colour and the share of pixels
# that are the scheme's line colour.
ROWS = """async ([png, x0, x1, rows, line]) => {
  const image = new Image();
  image.src = 'data:image/png;base64,' + png;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.width; canvas.height = image.height;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return rows.map(y => {
    const data = ctx.getImageData(x0, y, x1 - x0, 1).data;
    const counts = new Map(); let lined = 0;
    for (let i = 0; i < data.length; i += 4) {
      const px = [data[i], data[i + 1], data[i + 2]];
      counts.set(px.join(','), (counts.get(px.join(',')) || 0) + 1);
      if (px.every((c, k) => Math.abs(c - line[k]) < 60)) lined += 1;
    }
    const mode = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
    return {mode: mode.split(',').map(Number), lined: lined / (data.length / 4)};
  });
}"""


def close(a: list[int] | tuple[int, ...], b: tuple[int, int, int], tolerance: int = 4) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


@pytest.mark.parametrize("scheme", SCHEMES)
def test_nested_marks_show_both_annotations(
    chromium, bundled_site_url: str, scheme: str, request
) -> None:
    """A doubt inside a claim: the inner mark's computed style is the nested one (its
    colour a band, lines 3 px outside), and on screen the claim's colour shows above the
    doubt's band, the claim's dashed underline runs on above the doubt's solid one."""
    context, page = local_page(chromium, scheme)
    try:
        with screenshot_on_failure(page, request.node.name):
            page.goto(bundled_site_url + ARTICLE)
            inner = page.locator(INNER).first
            inner.scroll_into_view_if_needed()
            page.mouse.move(0, 0)
            style = inner.evaluate(
                """el => { const s = getComputedStyle(el), o = getComputedStyle(el.parentElement);
                  return {bg: s.backgroundColor, image: s.backgroundImage, pad: s.paddingBottom,
                          line: s.borderBottomStyle, outerLine: o.borderBottomStyle,
                          outerBg: o.backgroundColor}; }"""
            )
            single = page.eval_on_selector(
                "mark.dossier-hl--doubt:not(mark mark)",
                "el => { const s = getComputedStyle(el); return [s.backgroundColor, s.paddingBottom]; }",
            )
            doubt, claim = label_rgb("doubt", scheme), label_rgb("claim", scheme)
            assert single == ["rgb({}, {}, {})".format(*doubt), "0px"]  # a mark on its own
            assert (
                style["bg"] == "rgba(0, 0, 0, 0)"
                and "rgb({}, {}, {})".format(*doubt) in style["image"]
            )
            assert style["outerBg"] == "rgb({}, {}, {})".format(*claim)
            assert style["pad"] == "3px"
            assert (style["line"], style["outerLine"]) == ("solid", "dashed")

            # The rows: one inside the claim's strip above the band, the band's middle,
            # the claim's underline, the doubt's underline (rectangles include borders).
            box = inner.evaluate(
                """el => { const r = el.getClientRects()[0], o = el.parentElement.getClientRects()[0];
                  return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                          outerBottom: o.bottom}; }"""
            )
            content_top = box["top"] + 3
            content_bottom = box["outerBottom"] - 2
            rows = [
                round(content_top + 1.5),
                round((content_top + content_bottom) / 2),
                int(box["outerBottom"]) - 1,
                int(box["bottom"]) - 1,
            ]
            png = base64.b64encode(page.screenshot()).decode("ascii")
            strip, band, outer_line, inner_line = page.evaluate(
                ROWS,
                [png, int(box["left"]) + 2, int(box["right"]) - 2, rows, list(LINE[scheme])],
            )
            assert close(strip["mode"], claim), ("claim colour above the band", strip)
            assert close(band["mode"], doubt), ("doubt colour in the band", band)
            # dashed: partly line colour (a solid line over it would fill the row)
            assert 0.3 < outer_line["lined"] < 0.9, ("the claim's dashed line", outer_line)
            assert inner_line["lined"] > 0.8, ("the doubt's solid line below it", inner_line)
    finally:
        context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_nothing_on_an_article(
    chromium, bundled_site_url: str, scheme: str, width: int, request
) -> None:
    context, page = local_page(chromium, scheme, width)
    try:
        with screenshot_on_failure(page, request.node.name):
            page.goto(bundled_site_url + ARTICLE)
            page.wait_for_selector(SWITCH)
            assert_no_axe_violation(page, (ARTICLE, scheme, width))
    finally:
        context.close()

"""Notes at the highlight (issue 15), in a real browser, in both colour schemes: a
click, a tap or Enter on a passage opens its note; overlapping passages list every
note; "Copy link to this passage" gives its stable address; old positional addresses
are rewritten; a bottom sheet at 390 px, margin notes at 1440 px; axe-core finds
nothing with the note open. The engine side is tests/test_notes.py."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
from sitecheck import (
    LOCAL_HOST,
    assert_no_axe_violation,
    local_page,
    require_axe,
    screenshot_on_failure,
)

from conftest import needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]

ARTICLE = "articles/russia-beats-us-in-venezuela/"
OVERLAPS = "articles/lavrov-to-meet-venezuelan-counterpart/"  # a doubt inside a claim
SCHEMES = ["light", "dark"]
POPOVER = "#dossier-pop"

# The passage a test opens: fourth in the article's front matter, fourth in the text
# ("now very much regret it": no name inside, so a click anywhere on it opens the note).
REGRET = "mark[data-legacy='a-4']"


def keep_local(route) -> None:
    """Requests to any host but 127.0.0.1 are aborted (for contexts made here)."""
    if urlsplit(route.request.url).hostname in (None, LOCAL_HOST):
        route.continue_()
    else:
        route.abort()


def opened(page) -> list[str]:
    """The anchors of the notes the popover shows, once it is open."""
    page.wait_for_selector(f"{POPOVER}:not([hidden])")
    return page.eval_on_selector_all(
        f"{POPOVER} .dossier-notecard", "els => els.map(e => e.dataset.a)"
    )


def note_text(page, anchor: str) -> str:
    """The note's text in the Notes list (what the popover must show)."""
    return page.locator(f"li[id='fn:{anchor}'] .dossier-notes__text").inner_text()


def anchor_of(page, selector: str) -> str:
    return page.get_attribute(selector, "data-a") or ""


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_click_on_a_highlight_opens_its_note_beside_it(
    chromium, bundled_site_url: str, scheme: str, request
) -> None:
    context, page = local_page(chromium, scheme)
    try:
        with screenshot_on_failure(page, request.node.name):
            page.goto(bundled_site_url + ARTICLE)
            anchor = anchor_of(page, REGRET)
            passage = page.locator(REGRET)
            passage.scroll_into_view_if_needed()
            first = passage.evaluate(
                "el => { const r = el.getClientRects()[0]; return [r.left + 6, r.top + r.height / 2]; }"
            )
            page.mouse.click(*first)  # on its first line
            assert opened(page) == [anchor]
            pop = page.locator(POPOVER)
            assert pop.get_attribute("role") == "dialog"
            title = page.locator("#dossier-pop-title").inner_text()
            assert title == "Note 4" and pop.get_attribute("aria-labelledby") == "dossier-pop-title"
            assert note_text(page, anchor) in pop.inner_text()
            assert "Claim" in pop.inner_text() and "(verdict: unproven)" in pop.inner_text()
            assert "About: European Union" in pop.inner_text()
            # beside the passage: just under (or over) the line clicked, in the viewport
            box = pop.bounding_box()
            line = passage.evaluate(
                "el => { const r = el.getClientRects()[0]; return {top: r.top, bottom: r.bottom}; }"
            )
            assert box and box["y"] >= 0 and box["y"] + box["height"] <= 900
            under = 0 <= box["y"] - line["bottom"] < 24
            over = 0 <= line["top"] - (box["y"] + box["height"]) < 24
            assert under or over, (box, line)
            assert page.evaluate("document.activeElement.id") == "dossier-pop"
            page.keyboard.press("Escape")
            page.wait_for_selector(POPOVER, state="hidden")
            assert page.evaluate("document.activeElement.id") == anchor  # focus back
    finally:
        context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_enter_on_a_focused_passage_opens_its_note(
    chromium, bundled_site_url: str, scheme: str, request
) -> None:
    context, page = local_page(chromium, scheme)
    try:
        with screenshot_on_failure(page, request.node.name):
            page.goto(bundled_site_url + ARTICLE)
            focused = None
            for _ in range(200):  # Tab, as a keyboard user does, to the first passage
                page.keyboard.press("Tab")
                focused = page.evaluate(
                    "(() => { const el = document.activeElement;"
                    " return el && el.matches('.dossier-text mark[data-a]') ? el.id : null; })()"
                )
                if focused:
                    break
            assert focused, "no highlighted passage took keyboard focus"
            described = page.get_attribute(f"mark[id='{focused}']", "aria-describedby")
            assert described and "Enter" in page.locator(f"#{described}").text_content()
            page.keyboard.press("Enter")
            assert opened(page)[0] == focused
            assert note_text(page, focused) in page.locator(POPOVER).inner_text()
            page.locator(".dossier-pop__close").click()
            page.wait_for_selector(POPOVER, state="hidden")
            assert page.evaluate("document.activeElement.id") == focused
            # the marker after a passage opens the same note (no jump to the list)
            marker = page.locator(f"a.footnote-ref[href='#fn:{focused}']")
            marker.click()
            assert opened(page) == [focused]
            assert page.evaluate("location.hash") == ""
    finally:
        context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_overlapping_passages_open_every_note_at_that_point(
    chromium, bundled_site_url: str, scheme: str, request
) -> None:
    context, page = local_page(chromium, scheme)
    try:
        with screenshot_on_failure(page, request.node.name):
            page.goto(bundled_site_url + OVERLAPS)
            # a piece of text inside two marks (a doubt nested in a claim), no name in it
            inner = page.locator(".dossier-text mark[data-a] > mark[data-a]:not(:has(a))").first
            outer = inner.evaluate("el => el.parentElement.dataset.a")
            own = inner.get_attribute("data-a")
            inner.click()
            assert sorted(opened(page)) == sorted([own, outer])
            text = page.locator(POPOVER).inner_text()
            assert note_text(page, own) in text and note_text(page, outer) in text
            title = page.locator("#dossier-pop-title").inner_text()
            assert re.fullmatch(r"Notes \d+ and \d+ \(overlapping passages\)", title)
            # a name inside a highlight is still a link
            mention = page.locator(".dossier-text mark[data-a] a.mention").first
            href = mention.get_attribute("href") or ""
            mention.click()
            page.wait_for_url(urljoin(page.url, href))
    finally:
        context.close()


def test_copy_link_gives_the_passages_stable_address(
    chromium, bundled_site_url: str, request
) -> None:
    context, page = local_page(chromium)
    try:
        with screenshot_on_failure(page, request.node.name):
            context.grant_permissions(["clipboard-read", "clipboard-write"])
            page.goto(bundled_site_url + ARTICLE)
            anchor = anchor_of(page, REGRET)
            page.locator(REGRET).click()
            opened(page)
            page.locator(f"{POPOVER} .dossier-copy__button").click()
            status = page.locator(f"{POPOVER} .dossier-copy__status")
            status.filter(has_text="Copied").wait_for()
            expected = f"{bundled_site_url}{ARTICLE}#{anchor}"
            assert page.evaluate("navigator.clipboard.readText()") == expected
            assert page.get_attribute(f"{POPOVER} .dossier-copy__button", "data-copied") == expected
            # the address lands on the passage, its note shown
            page.goto("about:blank")
            page.goto(expected)
            assert opened(page) == [anchor]
            assert page.eval_on_selector(f"mark[id='{anchor}']", "el => el.matches(':target')")
    finally:
        context.close()


@pytest.mark.parametrize(("old", "kind"), [("a-4", ""), ("fn:a-4", "fn:"), ("fnref:a-4", "fnref:")])
def test_an_old_positional_address_lands_on_its_passage(
    chromium, bundled_site_url: str, old: str, kind: str, request
) -> None:
    context, page = local_page(chromium)
    try:
        with screenshot_on_failure(page, request.node.name):
            page.goto(f"{bundled_site_url}{ARTICLE}#{old}")
            page.wait_for_function("!/^#(fn:|fnref:)?a-4$/.test(location.hash)")
            anchor = page.evaluate("location.hash").removeprefix("#" + kind)
            # the fourth annotation of the front matter, whatever its stable id
            assert page.locator(f"mark[id='{anchor}']").inner_text() == "now very much regret it"
            target = page.locator(f"[id='{kind}{anchor}']")
            assert target.evaluate("el => el.matches(':target')")
            page.wait_for_function(
                "id => { const r = document.getElementById(id).getBoundingClientRect();"
                " return r.top >= 0 && r.bottom <= innerHeight; }",
                arg=kind + anchor,
            )
            if not kind:
                assert opened(page) == [anchor]
    finally:
        context.close()


def test_an_old_actor_page_address_lands_on_its_entry(
    chromium, bundled_site_url: str, request
) -> None:
    context, page = local_page(chromium)
    try:
        with screenshot_on_failure(page, request.node.name):
            old = "note-russia-beats-us-in-venezuela-1"
            page.goto(f"{bundled_site_url}actors/juan-guaido/#{old}")
            page.wait_for_function(f"location.hash !== '#{old}'")
            new = page.evaluate("location.hash")[1:]
            assert re.fullmatch(
                r"note-russia-beats-us-in-venezuela-the-american-puppet-[a-z0-9-]+", new
            )
            entry = page.locator(f"li[id='{new}']")
            assert entry.get_attribute("data-legacy") == old
            assert entry.evaluate("el => el.matches(':target')")
    finally:
        context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_bottom_sheet_on_a_phone(chromium, bundled_site_url: str, scheme: str, request) -> None:
    context, page = local_page(chromium, scheme, 390)
    try:
        with screenshot_on_failure(page, request.node.name):
            page.set_viewport_size({"width": 390, "height": 844})
            page.goto(bundled_site_url + ARTICLE)
            passage = page.locator(REGRET)
            passage.scroll_into_view_if_needed()
            passage.click()
            opened(page)
            box = page.locator(POPOVER).bounding_box()
            assert box
            assert box["x"] == 0 and box["width"] == 390
            assert abs(box["y"] + box["height"] - 844) < 1 and box["height"] <= 844 * 0.6 + 1
            assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
            # the marker is a 24 x 24 px target (WCAG 2.2), the close button too
            for selector in [".dossier-text a.footnote-ref", ".dossier-pop__close"]:
                size = page.locator(selector).first.bounding_box()
                assert size and size["width"] >= 24 and size["height"] >= 24, selector
    finally:
        context.close()


def test_a_tap_opens_the_note(chromium, bundled_site_url: str, request) -> None:
    context = chromium.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    context.route("**/*", keep_local)
    page = context.new_page()
    try:
        with screenshot_on_failure(page, request.node.name):
            page.goto(bundled_site_url + ARTICLE)
            passage = page.locator(REGRET)
            passage.scroll_into_view_if_needed()
            passage.tap()
            assert opened(page) == [anchor_of(page, REGRET)]
    finally:
        context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_margin_notes_beside_their_passages_on_a_wide_screen(
    chromium, bundled_site_url: str, scheme: str, request
) -> None:
    context, page = local_page(chromium, scheme, 1440)
    try:
        with screenshot_on_failure(page, request.node.name):
            page.goto(bundled_site_url + ARTICLE)
            page.wait_for_selector(".dossier-margin .dossier-mnote")
            boxes = page.evaluate(
                """() => [...document.querySelectorAll('.dossier-mnote')].map(note => {
                    const r = note.getBoundingClientRect();
                    const p = document.getElementById(note.dataset.a).getClientRects()[0];
                    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
                            passage: p.top, text: document.querySelector('.dossier-text')
                                .getBoundingClientRect().right};
                })"""
            )
            notes = page.locator(".dossier-notes li").count()
            assert len(boxes) == notes
            boxes.sort(key=lambda b: b["top"])
            for before, after in zip(boxes, boxes[1:], strict=False):
                assert after["top"] >= before["bottom"], (before, after)  # no overlap
            for box in boxes:
                assert box["left"] > box["text"] and box["right"] <= 1440  # in the margin
                assert box["top"] >= box["passage"] - 1  # level with its passage, or below
            assert abs(boxes[0]["top"] - boxes[0]["passage"]) < 2  # the first: level
            assert not page.locator(".md-sidebar--secondary").is_visible()
            assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
            # a passage brings its note forward there (no popover)
            anchor = anchor_of(page, REGRET)
            page.locator(REGRET).click()
            note = page.locator(f".dossier-mnote[data-a='{anchor}']")
            page.wait_for_function(
                "a => document.activeElement.dataset.a === a"
                " && document.activeElement.classList.contains('is-active')",
                arg=anchor,
            )
            assert note_text(page, anchor) in note.inner_text()
            assert page.locator(POPOVER).count() == 0 or not page.locator(POPOVER).is_visible()
            assert_no_axe_violation(page, (scheme, 1440))
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_nothing_with_a_note_open(
    chromium, bundled_site_url: str, scheme: str, width: int, request
) -> None:
    require_axe()
    context, page = local_page(chromium, scheme, width)
    try:
        with screenshot_on_failure(page, request.node.name):
            page.goto(bundled_site_url + OVERLAPS)
            inner = page.locator(".dossier-text mark[data-a] > mark[data-a]:not(:has(a))").first
            inner.scroll_into_view_if_needed()
            inner.click()
            assert len(opened(page)) == 2
            assert_no_axe_violation(page, (scheme, width))
            # target size (WCAG 2.2; off by default in axe-core): the markers and the note
            found = page.evaluate(
                """async () => (await axe.run(
                    {include: [['.dossier-text sup'], ['#dossier-pop'], ['.dossier-notes']]},
                    {runOnly: ['target-size'], resultTypes: ['violations']})).violations
                    .map(v => v.nodes.map(n => n.target.join(' ')))"""
            )
            assert found == [], found
    finally:
        context.close()


def test_without_javascript_the_markers_lead_to_the_notes_list(
    chromium, bundled_site_url: str, request
) -> None:
    context = chromium.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    context.route("**/*", keep_local)
    page = context.new_page()
    try:
        with screenshot_on_failure(page, request.node.name):
            page.goto(bundled_site_url + ARTICLE)
            marker = page.locator(".dossier-text a.footnote-ref").first
            href = marker.get_attribute("href") or ""
            marker.click()
            page.wait_for_url(re.compile(re.escape(href) + "$"))
            item = page.locator(f"li[id='{href[1:]}']")
            assert item.evaluate("el => el.matches(':target')")
            assert item.locator(".dossier-notes__passage mark").inner_text()
            assert page.locator(".dossier-text mark[tabindex]").count() == 0
            page.emulate_media(media="print")
            assert page.locator(".dossier-notes").is_visible()
    finally:
        context.close()


def test_the_notes_list_is_at_the_texts_size(chromium, bundled_site_url: str) -> None:
    context, page = local_page(chromium)
    try:
        page.goto(bundled_site_url + ARTICLE)
        sizes = page.evaluate(
            """() => [document.querySelector('.dossier-text p'),
                      document.querySelector('.dossier-notes__text')]
                .map(el => parseFloat(getComputedStyle(el).fontSize))"""
        )
        assert sizes[1] >= sizes[0] - 0.5, sizes
    finally:
        context.close()

"""One typography table (typography.py): the engine's folding and the search script's.

The script (docs/javascripts/search.js) carries the table in a generated section; it
must be current, and the script, run in Chromium, must fold every character of
typography.SCRIPT_RANGES exactly as the engine does (text.fold).
"""

from __future__ import annotations

import os
import unicodedata

import pytest

from conftest import REPO
from dossier_core import anchoring, text, typography

SCRIPT = REPO / "docs" / "javascripts" / "search.js"
CHROMIUM = "/usr/bin/chromium"


def test_search_script_carries_the_current_table(update_golden: bool) -> None:
    if update_golden:
        typography.update_script(SCRIPT)
    source = SCRIPT.read_text(encoding="utf-8")
    assert typography.script_section() in source, (
        "search.js's generated section is stale: pytest tests/test_typography.py --update-golden"
    )
    assert source.count(typography.BEGIN) == 1


def test_engine_folds_with_the_one_table() -> None:
    for char, folded in typography.TYPOGRAPHY.items():
        assert text.fold(char) == folded
        assert anchoring.normalise(f"a{char}b")[0] == f"a{folded}b".replace("  ", " ")
    assert "\u2019" in typography.script_table()  # the typography is in the script's table
    assert typography.script_table()["ß"] == "ss"


def samples() -> list[str]:
    ranges = typography.SCRIPT_RANGES
    chars = [chr(c) for first, last in ranges for c in range(first, last + 1)]
    # Characters Python's Unicode has not assigned yet are not compared (the browser's
    # may be newer).
    chars = [c for c in chars if unicodedata.category(c) != "Cn"]
    words = ["ΟΔΟΣ", "Straße", "«Guaidó»", "Nicolás–Maduro", "Россия’s", "İstanbul", "Ǆemal"]
    return chars + words


@pytest.mark.browser
def test_script_folds_as_the_engine() -> None:
    if not os.path.exists(CHROMIUM) and os.environ.get("CI") != "true":
        pytest.skip(f"needs Debian's Chromium at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    script = SCRIPT.read_text(encoding="utf-8")
    site = "http://dossier.test/"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page()
            page.route(
                "**/*",
                lambda route: route.fulfill(
                    content_type="text/html", body="<!doctype html><title>fold</title>"
                ),
            )
            page.goto(site)
            page.add_script_tag(content=script)
            folded = page.evaluate("texts => texts.map(window.dossierFold)", samples())
        finally:
            browser.close()
    differ = [
        (f"U+{ord(s[0]):04X}" if len(s) == 1 else s, s, got, text.fold(s))
        for s, got in zip(samples(), folded, strict=True)
        if got != text.fold(s)
    ]
    assert differ == [], ascii(differ)

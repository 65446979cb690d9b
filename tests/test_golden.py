"""Golden pages: one folder per case under tests/golden, input dossier and expected pages.

A case holds its own `dossier/` (built with the default RenderSettings), or a
`case.json` naming another case's dossier ("from") and the RenderSettings fields to
build it with ("settings"): the same dossier with directory URLs off, or with every
listing cut into small pages.

After reviewing a deliberate change, rewrite the expected pages with
`pytest tests/test_golden.py --update-golden` and read the diff before committing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier_core import RenderSettings, build_pages, load_dossier

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(
    p.name for p in GOLDEN.iterdir() if (p / "dossier").is_dir() or (p / "case.json").is_file()
)


def case_input(folder: Path) -> tuple[Path, RenderSettings]:
    """The case's dossier root and its render settings."""
    if (folder / "dossier").is_dir():
        return folder, RenderSettings()
    case = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    return GOLDEN / case["from"], RenderSettings(**case.get("settings", {}))


@pytest.mark.parametrize("case", CASES)
def test_golden_pages(case: str, update_golden: bool) -> None:
    folder = GOLDEN / case
    root, settings = case_input(folder)
    dossier = load_dossier(root)
    assert [str(p) for p in dossier.problems] == []
    pages = {page.path: page.text for page in build_pages(dossier, settings=settings)}
    expected_dir = folder / "expected"
    if update_golden:
        for old in expected_dir.rglob("*.md"):
            old.unlink()
        for path, text in pages.items():
            (expected_dir / path).parent.mkdir(parents=True, exist_ok=True)
            (expected_dir / path).write_text(text, encoding="utf-8")
    expected = {p.relative_to(expected_dir).as_posix(): p.read_text(encoding="utf-8")
                for p in expected_dir.rglob("*.md")}  # fmt: skip
    assert sorted(pages) == sorted(expected)
    for path, text in pages.items():
        assert text == expected[path], f"{case}/{path} differs; review, then --update-golden"


def test_cases_exist() -> None:
    assert {"basic", "basic-html-urls", "basic-small-pages"} <= set(CASES)

"""Golden pages: one folder per case under tests/golden, input dossier and expected pages.

After reviewing a deliberate change, rewrite the expected pages with
`pytest tests/test_golden.py --update-golden` and read the diff before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier_core import build_pages, load_dossier

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "dossier").is_dir())


@pytest.mark.parametrize("case", CASES)
def test_golden_pages(case: str, update_golden: bool) -> None:
    folder = GOLDEN / case
    dossier = load_dossier(folder)
    assert [str(p) for p in dossier.problems] == []
    pages = {page.path: page.text for page in build_pages(dossier)}
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
    assert "basic" in CASES

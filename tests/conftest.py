"""Shared fixtures: the repository root, ../shared, and small throw-away dossiers."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the expected pages of tests/golden/*/expected after review",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


ACTORS = """\
juan-guaido:
  name: Juan Guaidó
  kind: person
  description: Venezuelan opposition leader.
  aliases: [Guaido, Guaydo]
nicolas-maduro:
  name: Nicolás Maduro
  kind: person
  description: President of Venezuela.
united-states:
  name: United States
  kind: country
  description: Country in North America.
  aliases: [US, U.S.]
us-government:
  name: Government of the United States
  kind: institution
  description: The US federal government.
  metonyms: [Washington]
"""

SOURCES = """\
tass:
  name: TASS
  type: state-owned news agency
  labels:
    - label: state-affiliated media
      basis: Owned by the Russian state.
      citation: {title: TASS, url: "https://en.wikipedia.org/wiki/TASS"}
      as_of: 2026-11-22
unknown:
  name: Unknown outlet
  type: unknown
"""


def article_text(article_id: str, body: str, **fields: str) -> str:
    front = {"id": article_id, "title": fields.pop("title", "A title"), "outlet": "tass"}
    front.update(fields)
    lines = "".join(f"{k}: {v}\n" for k, v in front.items())
    return f"---\n{lines}---\n\n{textwrap.dedent(body).strip()}\n"


@pytest.fixture
def make_dossier(tmp_path: Path):
    """Write a small dossier under tmp_path; returns the project root."""

    def make(articles: dict[str, str], actors: str = ACTORS, sources: str = SOURCES) -> Path:
        base = tmp_path / "dossier"
        (base / "articles").mkdir(parents=True, exist_ok=True)
        (base / "actors.yml").write_text(actors, encoding="utf-8")
        (base / "sources.yml").write_text(sources, encoding="utf-8")
        for name, text in articles.items():
            (base / "articles" / f"{name}.md").write_text(text, encoding="utf-8")
        return tmp_path

    return make

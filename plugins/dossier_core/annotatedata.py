"""The annotate panel's data (docs/javascripts/annotate.js): one JSON file beside the
script with what the panel offers and where its YAML goes.

- labels: id, name, group (and the group's display name), both colours, definition,
  verdicts (claim labels);
- actors: id, name, kind; narratives: id, title;
- articles: for each article id, its page (URL relative to the site root, so the
  script knows which article it is on), its file (relative to the project), the line
  of its `annotations:` key (None when the front matter has none) and how many items
  that list holds;
- matching: the engine's own typography table (typography.TRANSLATION) and the
  characters Python's `\\s` and str.isspace take for white space, so that the script's
  port of anchoring.anchor folds and collapses exactly as the engine does (JavaScript's
  `\\s` is another set: it has U+FEFF and lacks U+001C-U+001F and U+0085).

Written only when the panel is on (the plugin's `annotate` option); the file is read
by the script when a selection opens the panel.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

from .atomicwrite import write_atomic_bytes
from .dossier import Dossier
from .kinds import LABEL_GROUPS
from .pagekit import article_path
from .settings import RenderSettings
from .typography import TRANSLATION

ANNOTATE_DATA_PATH = "javascripts/annotate.json"  # beside the script, which finds it so


@cache
def white_space() -> str:
    """Every character str.isspace() accepts: the engine's `\\s` (anchoring._SPACE),
    its str.strip() and anchoring._grow all use this set (29 characters, all in the
    Basic Multilingual Plane; computed once, in about 50 ms)."""
    return "".join(chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace())


def typography_table() -> dict[str, str]:
    """typography.TRANSLATION as character -> character (each maps to one character:
    anchoring.normalise relies on it, and so does the script)."""
    table = {}
    for code, value in TRANSLATION.items():
        replacement = chr(value) if isinstance(value, int) else value
        if not isinstance(replacement, str) or len(replacement) != 1:
            raise ValueError(f"typography maps U+{code:04X} to {value!r}: one character each")
        table[chr(code)] = replacement
    return table


def annotate_data(dossier: Dossier, settings: RenderSettings) -> dict[str, Any]:
    registry = dossier.registry
    labels = []
    for label in registry.labels.values():
        group = LABEL_GROUPS.get(label.group)
        labels.append({
            "id": label.id, "name": label.name, "group": label.group,
            "group_name": group.name if group else label.group,
            "colour": {"light": label.colour_light, "dark": label.colour_dark},
            "definition": label.definition, "verdicts": list(label.verdicts),
        })  # fmt: skip
    articles = {}
    for article in sorted(dossier.articles, key=lambda a: a.id):
        articles[article.id] = {
            "page": settings.page_url(article_path(article.id)),
            "path": article.path,
            "annotations_line": article.lines.get("annotations"),
            "annotations": len(article.annotations),
        }
    return {
        "labels": labels,
        "actors": [
            {"id": actor.id, "name": actor.name, "kind": actor.kind}
            for actor in registry.actors.values()
        ],
        "narratives": [
            {"id": narrative.id, "title": narrative.title}
            for narrative in registry.narratives.values()
        ],
        "articles": articles,
        "typography": typography_table(),
        "white_space": white_space(),
    }


def annotate_json(dossier: Dossier, settings: RenderSettings) -> bytes:
    """The data as UTF-8 JSON, the same bytes for the same dossier (serve and build
    must write equal files: tests/test_live.py)."""
    data = annotate_data(dossier, settings)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_annotate_data(dossier: Dossier, settings: RenderSettings, folder: Path) -> str:
    """Write the data file under `folder`; its path relative to it."""
    target = folder / ANNOTATE_DATA_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic_bytes(target, annotate_json(dossier, settings))
    return ANNOTATE_DATA_PATH

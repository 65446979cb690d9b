"""Annotations out of the dossier: JSONL, CSV, W3C Web Annotation (JSON-LD) and PTC TSV."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .dossier import Dossier
from .linking import DossierIndex
from .model import Article
from .ptcformat import LABEL_TO_PTC
from .seedmap import SeedMap
from .seedtext import seed_text
from .yamlload import YamlProblem

FORMATS = ("jsonl", "csv", "w3c", "ptc")
CONTEXT_CHARS = 32  # prefix/suffix length in W3C selectors when the analyst gave none
_PTC_FILE = re.compile(r"^article(\d+)\.txt$")


@dataclass(frozen=True)
class Row:
    article: str
    outlet: str
    label: str
    quote: str
    start: int  # offsets into the article body
    end: int
    seed: str | None
    seed_start: int | None  # offsets into the seed file, when the text maps onto it
    seed_end: int | None
    prefix: str  # the analyst's prefix/suffix, or CONTEXT_CHARS of context from the body
    suffix: str
    verdict: str
    note: str
    number: int  # the note's number on the article page, in reading order
    narrative: str  # a key of narratives.yml, or ""
    id: str  # the annotation's stable id (noteids.py): its anchor is #a-<id>


_ROW_FIELDS = list(Row.__dataclass_fields__)


def rows(dossier: Dossier, index: DossierIndex) -> list[Row]:
    """One row per anchored annotation, in article order then reading order."""
    return [row for article in dossier.articles for row in article_rows(dossier, index, article)]


def article_rows(dossier: Dossier, index: DossierIndex, article: Article) -> list[Row]:
    """One article's rows (the site's data files are written an article at a time)."""
    result = []
    entry = index.articles[article.id]
    body = article.body
    mapping = _seed_map(dossier.root, article.seed, body)
    for item in entry.annotations:
        a = item.annotation
        seed_start = mapping(item.start) if mapping else None
        seed_end = mapping(item.end) if mapping else None
        if seed_start is None or seed_end is None:
            seed_start = seed_end = None
        prefix = a.prefix or body[max(0, item.start - CONTEXT_CHARS) : item.start]
        suffix = a.suffix or body[item.end : item.end + CONTEXT_CHARS]
        result.append(
            Row(
                article.id,
                article.outlet,
                a.label,
                body[item.start : item.end],
                item.start,
                item.end,
                article.seed,
                seed_start,
                seed_end,
                prefix,
                suffix,
                a.verdict,
                a.note,
                item.number,
                a.narrative,
                item.ident,
            )  # fmt: skip
        )
    return result


def _seed_map(root: Path, seed: str | None, body: str) -> SeedMap | None:
    if not seed:
        return None
    path = (root / seed).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        return None
    try:
        text = seed_text(path.read_bytes(), path.name)
    except (OSError, YamlProblem):
        return None  # `dossier check` (and export's own report) says why
    return SeedMap(body, text) if text is not None else None


def to_jsonl(items: list[Row]) -> str:
    return "".join(json.dumps(_record(r), ensure_ascii=False) + "\n" for r in items)


def _record(row: Row) -> dict[str, object]:
    """A row as a dict (its fields are plain values: asdict's deep copy is 5 times as
    slow, most of the cost of an export)."""
    return {name: getattr(row, name) for name in _ROW_FIELDS}


def to_csv(items: list[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=_ROW_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in items:
        writer.writerow(_record(row))
    return buffer.getvalue()


@dataclass
class PtcExport:
    """A PTC export: its TSV text, how many spans it holds, and what it left out."""

    text: str
    written: int
    not_ptc: Counter[str]  # label id -> annotations whose label is no PTC technique
    unmapped: list[tuple[str, str]]  # (label, why): passages that do not map onto the seed


def to_ptc(dossier: Dossier, items: list[Row]) -> PtcExport:
    """SemEval TSV lines (id, technique, start, end in the original file).

    Only propaganda techniques are written (the others are counted by label); an
    annotation whose passage does not map onto the seed file is reported, not written
    with made-up offsets.
    """
    lines: list[str] = []
    not_ptc: Counter[str] = Counter()
    unmapped: list[tuple[str, str]] = []
    for row in items:
        technique = LABEL_TO_PTC.get(row.label)
        if technique is None:
            not_ptc[row.label] += 1
            continue
        start, end = (row.seed_start, row.seed_end) if row.seed else (row.start, row.end)
        if start is None or end is None:
            why = f"{row.article}: annotation {row.number} does not map onto {row.seed}"
            unmapped.append((row.label, why))
            continue
        lines.append(f"{_ptc_id(row)}\t{technique}\t{start}\t{end}\n")
    return PtcExport("".join(lines), len(lines), not_ptc, unmapped)


def _ptc_id(row: Row) -> str:
    match = _PTC_FILE.match(PurePosixPath(row.seed).name) if row.seed else None
    return match.group(1) if match else row.article


def to_w3c(dossier: Dossier, items: list[Row], base_url: str = "urn:dossier:") -> dict:
    """A W3C Web Annotation AnnotationCollection with one page of all annotations."""
    labels = dossier.registry.labels
    annotations = []
    for row in items:
        annotations.append(_w3c_annotation(row, labels[row.label].name, base_url))
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"{base_url}annotations",
        "type": "AnnotationCollection",
        "label": "Dossier annotations",
        "total": len(annotations),
        "first": {
            "id": f"{base_url}annotations/page1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": annotations,
        },  # fmt: skip
    }


def _w3c_annotation(row: Row, label_name: str, base: str) -> dict:
    bodies: list[dict] = [
        {
            "type": "TextualBody",
            "purpose": "classifying",
            "value": label_name,
            "id": f"{base}labels/{row.label}/",
        },  # fmt: skip
    ]
    if row.note:
        bodies.append({"type": "TextualBody", "purpose": "commenting", "value": row.note,
                       "format": "text/markdown"})  # fmt: skip
    if row.verdict:
        bodies.append({"type": "TextualBody", "purpose": "assessing", "value": row.verdict})
    selectors: list[dict] = [{"type": "TextQuoteSelector", "exact": row.quote}]
    if row.prefix:
        selectors[0]["prefix"] = row.prefix
    if row.suffix:
        selectors[0]["suffix"] = row.suffix
    if row.seed and row.seed_start is not None:
        source = f"{base}{row.seed}"
        selectors.append(
            {"type": "TextPositionSelector", "start": row.seed_start, "end": row.seed_end}
        )
    else:
        source = f"{base}articles/{row.article}/"
    return {
        "id": f"{base}articles/{row.article}/#a-{row.id}",
        "type": "Annotation",
        "motivation": "classifying",
        "body": bodies,
        "target": {"source": source, "selector": selectors},
    }

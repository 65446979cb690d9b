"""Exports of the repository's annotated dossier: JSONL, CSV, W3C JSON-LD, PTC offsets."""

from __future__ import annotations

import csv
import io
import json

import pytest
from pyld import jsonld

from conftest import REPO
from dossier_core import build_index, load_dossier
from dossier_core.export import rows, to_csv, to_jsonl, to_ptc, to_w3c
from dossier_core.seedmap import SeedMap

# The terms of http://www.w3.org/ns/anno.jsonld that the export uses, mapped to the
# Web Annotation Vocabulary (the official file cannot be fetched here: no network).
ANNO_CONTEXT = {
    "@context": {
        "oa": "http://www.w3.org/ns/oa#",
        "as": "https://www.w3.org/ns/activitystreams#",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "dc": "http://purl.org/dc/terms/",
        "id": "@id", "type": "@type",
        "Annotation": "oa:Annotation", "TextualBody": "oa:TextualBody",
        "TextQuoteSelector": "oa:TextQuoteSelector", "TextPositionSelector": "oa:TextPositionSelector",
        "AnnotationCollection": "as:OrderedCollection", "AnnotationPage": "as:OrderedCollectionPage",
        "body": {"@id": "oa:hasBody", "@type": "@id"},
        "target": {"@id": "oa:hasTarget", "@type": "@id"},
        "source": {"@id": "oa:hasSource", "@type": "@id"},
        "selector": {"@id": "oa:hasSelector", "@type": "@id"},
        "motivation": {"@id": "oa:motivatedBy", "@type": "@vocab"},
        "purpose": {"@id": "oa:hasPurpose", "@type": "@vocab"},
        "classifying": "oa:classifying", "commenting": "oa:commenting", "assessing": "oa:assessing",
        "value": "rdf:value", "format": "dc:format", "label": "rdfs:label",
        "exact": "oa:exact", "prefix": "oa:prefix", "suffix": "oa:suffix",
        "start": "oa:start", "end": "oa:end",
        "total": "as:totalItems", "first": {"@id": "as:first", "@type": "@id"},
        "items": {"@id": "as:items", "@container": "@list"}, "startIndex": "as:startIndex",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    }
}  # fmt: skip
OA = "http://www.w3.org/ns/oa#"


@pytest.fixture(scope="module")
def exported():
    dossier = load_dossier(REPO)
    index = build_index(dossier)
    assert not dossier.problems and not index.problems
    return dossier, rows(dossier, index)


def test_every_annotation_is_exported(exported) -> None:
    dossier, items = exported
    assert len(items) == sum(len(a.annotations) for a in dossier.articles) > 0
    for row in items:
        body = dossier.article(row.article).body
        assert body[row.start : row.end] == row.quote


def test_seed_offsets_point_at_the_same_text_in_the_seed(exported) -> None:
    dossier, items = exported
    mapped = 0
    for row in items:
        if row.seed_start is None:
            continue
        seed = (REPO / row.seed).read_text(encoding="utf-8")
        assert seed[row.seed_start : row.seed_end] == row.quote
        mapped += 1
    assert mapped == len(items)  # every seed paragraph is verbatim in its seed


def test_seedmap_refuses_text_that_import_changed() -> None:
    mapping = SeedMap("Title kept\n\nA paragraph.", "junk\nTitle kept\n- Ad -\nA paragraph.\n")
    assert mapping(0) == 5 and mapping(10) == 15
    assert mapping(12) == 23  # "A" of the second paragraph
    assert mapping(11) is None  # inside the separator, which differs from the seed


def test_jsonl_and_csv(exported) -> None:
    _, items = exported
    lines = to_jsonl(items).splitlines()
    assert len(lines) == len(items)
    first = json.loads(lines[0])
    assert {"article", "outlet", "label", "quote", "start", "end", "note"} <= set(first)
    table = list(csv.DictReader(io.StringIO(to_csv(items))))
    assert len(table) == len(items)
    assert table[0]["quote"] == items[0].quote and int(table[0]["start"]) == items[0].start


def test_w3c_export_is_json_ld_with_the_annotation_context(exported) -> None:
    dossier, items = exported
    document = json.loads(json.dumps(to_w3c(dossier, items, "https://dossier.example.org/")))
    assert document["@context"] == "http://www.w3.org/ns/anno.jsonld"

    def loader(url: str, options: dict | None = None) -> dict:
        assert url == "http://www.w3.org/ns/anno.jsonld"
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                "document": ANNO_CONTEXT}  # fmt: skip

    expanded = jsonld.expand(document, {"documentLoader": loader})
    flat = jsonld.flatten(expanded, None, {"documentLoader": loader})
    nodes = flat["@graph"] if isinstance(flat, dict) else flat
    annotations = [n for n in nodes if f"{OA}Annotation" in n.get("@type", [])]
    assert len(annotations) == len(items)
    quotes = [n for n in nodes if f"{OA}TextQuoteSelector" in n.get("@type", [])]
    positions = [n for n in nodes if f"{OA}TextPositionSelector" in n.get("@type", [])]
    assert len(quotes) == len(items) == len(positions)
    exact = {q[f"{OA}exact"][0]["@value"] for q in quotes}
    assert {row.quote for row in items} == exact


def test_ptc_export_writes_techniques_only(exported) -> None:
    dossier, items = exported
    ptc = to_ptc(dossier, items)
    assert ptc.unmapped == []
    techniques = [row for row in items if dossier.registry.labels[row.label].group == "technique"]
    assert len(ptc.text.splitlines()) == ptc.written == len(techniques)
    # What is left out is counted by label: every annotation is written or counted.
    assert ptc.written + sum(ptc.not_ptc.values()) == len(items)
    assert all(dossier.registry.labels[label].group != "technique" for label in ptc.not_ptc)
    for line in ptc.text.splitlines():
        article_id, technique, start, end = line.split("\t")
        assert int(start) < int(end) and technique[0].isupper()

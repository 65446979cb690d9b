"""Label colours keep WCAG AA contrast (4.5:1) for highlighted text in both schemes."""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from dossier_core.registry import load_registry
from dossier_core.styles import label_stylesheet

CSS = (REPO / "docs" / "stylesheets" / "dossier.css").read_text(encoding="utf-8")


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colour(selector_start: str) -> str:
    """The `color:` of the first rule whose selector starts with selector_start."""
    rule = re.search(re.escape(selector_start) + r"[^{]*\{([^}]*)\}", CSS)
    assert rule, selector_start
    return re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", rule.group(1)).group(1)


LABELS = load_registry(REPO, "dossier", []).labels


@pytest.mark.parametrize("label_id", sorted(LABELS))
def test_highlight_contrast_is_aa_in_both_schemes(label_id: str) -> None:
    label = LABELS[label_id]
    light_text = text_colour(".md-typeset mark.dossier-hl")
    dark_text = text_colour('[data-md-color-scheme="slate"] .md-typeset mark.dossier-hl')
    assert contrast(label.colour_light, light_text) >= 4.5
    assert contrast(label.colour_dark, dark_text) >= 4.5


def test_labels_cover_the_issue_taxonomy() -> None:
    assert len([label for label in LABELS.values() if label.group == "technique"]) == 14
    assert {"claim", "context", "correction"} <= set(LABELS)
    assert LABELS["claim"].verdicts
    for label in LABELS.values():
        assert label.name and label.definition and label.example


def test_stylesheet_has_a_rule_per_label_and_scheme() -> None:
    css = label_stylesheet(LABELS.values())
    for label in LABELS.values():
        assert f".dossier-hl--{label.id} {{ --dossier-hl: {label.colour_light};" in css
        assert (
            f'[data-md-color-scheme="slate"] .dossier-hl--{label.id} {{ --dossier-hl: {label.colour_dark}; }}'
            in css
        )


def test_badges_meet_aa_with_white_text() -> None:
    badges = re.findall(
        r"dossier-badge--[\w-]+[^{]*\{\s*background-color:\s*(#[0-9a-fA-F]{6})", CSS
    )
    assert len(badges) >= 3
    for colour in badges + ["#37474f"]:
        assert contrast(colour, "#ffffff") >= 4.5


def test_kinds_and_groups_are_named_once_for_the_model_ids() -> None:
    """kinds.py names every actor kind and label group the model accepts, in its order."""
    from dossier_core import kinds, model

    assert tuple(kinds.ACTOR_KINDS) == model.ACTOR_KINDS
    assert tuple(kinds.LABEL_GROUPS) == model.LABEL_GROUPS
    assert kinds.LABEL_GROUPS["technique"].plural(2) == "Propaganda techniques"
    assert kinds.LABEL_GROUPS["context"].plural(1) == "Context"

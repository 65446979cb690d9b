"""The label stylesheet, generated from labels.yml: one highlight colour per label and
scheme, and a border style per label group so that colour is never the only cue."""

from __future__ import annotations

from collections.abc import Iterable

from .kinds import LABEL_GROUPS
from .model import Label

STYLESHEET_PATH = "stylesheets/dossier-labels.css"


def label_stylesheet(labels: Iterable[Label]) -> str:
    """CSS custom properties per label; the rules that use them live in dossier.css."""
    lines = ["/* Generated from dossier/labels.yml by the dossier plugin: do not edit. */"]
    for label in labels:
        group = LABEL_GROUPS.get(label.group)
        border = group.border if group else "solid"
        lines.append(
            f".dossier-hl--{label.id} {{ --dossier-hl: {label.colour_light}; "
            f"--dossier-hl-border: {border}; }}"
        )
        lines.append(
            f'[data-md-color-scheme="slate"] .dossier-hl--{label.id} '
            f"{{ --dossier-hl: {label.colour_dark}; }}"
        )
    return "\n".join(lines) + "\n"

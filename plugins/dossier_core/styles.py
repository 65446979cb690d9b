"""The label stylesheet, generated from labels.yml: one highlight colour per label and
scheme, and the lines of its label group (kinds.LABEL_GROUPS) so that colour is never
the only cue."""

from __future__ import annotations

from collections.abc import Iterable

from .kinds import LABEL_GROUPS, Group
from .model import Label

STYLESHEET_PATH = "stylesheets/dossier-labels.css"

# A double line needs 3 px to show as two lines (at 2 px browsers draw it solid).
LINE_WIDTH = {"double": "3px"}
DEFAULT_LINE_WIDTH = "2px"


def group_properties(group: Group | None) -> str:
    """The custom properties dossier.css draws a highlight's lines with."""
    style = group.border if group else "solid"
    props = [
        f"--dossier-hl-border: {style};",
        f"--dossier-hl-width: {LINE_WIDTH.get(style, DEFAULT_LINE_WIDTH)};",
    ]
    # Always set: custom properties inherit, and a mark nested in a context mark must
    # not take the outer's line over it.
    props.append(f"--dossier-hl-over: {DEFAULT_LINE_WIDTH if group and group.overline else '0px'};")
    return " ".join(props)


def label_stylesheet(labels: Iterable[Label]) -> str:
    """CSS custom properties per label; the rules that use them live in dossier.css."""
    lines = ["/* Generated from dossier/labels.yml by the dossier plugin: do not edit. */"]
    for label in labels:
        lines.append(
            f".dossier-hl--{label.id} {{ --dossier-hl: {label.colour_light}; "
            f"{group_properties(LABEL_GROUPS.get(label.group))} }}"
        )
        lines.append(
            f'[data-md-color-scheme="slate"] .dossier-hl--{label.id} '
            f"{{ --dossier-hl: {label.colour_dark}; }}"
        )
    return "\n".join(lines) + "\n"

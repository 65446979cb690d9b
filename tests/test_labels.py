"""Label colours: WCAG AA contrast (4.5:1) for highlighted text, every two labels
clearly apart (CIEDE2000 >= 10) and every label off the page background, in both
schemes; the generated label stylesheet; the group cues against a name link's."""

from __future__ import annotations

import colorsys
import itertools
import math
import re
from pathlib import Path

import pytest

from conftest import REPO
from dossier_core.kinds import LABEL_GROUPS
from dossier_core.registry import load_registry
from dossier_core.styles import label_stylesheet

CSS = (REPO / "docs" / "stylesheets" / "dossier.css").read_text(encoding="utf-8")

# "Clearly distinct" (issue 15): a CIEDE2000 difference of 10 or more. The palette in
# labels.yml was chosen by a search: light, among Open Color's shades of each label's
# hue family; dark, among darker colours of the same hues; the calmest sets (palest
# light, least garish dark) reaching 12 in each scheme. The tests hold the issue's 10.
MIN_DIFFERENCE = 10.0


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


# --------------------------------------------------------------------------- CIEDE2000

Lab = tuple[float, float, float]


def srgb_to_lab(rgb: tuple[float, float, float]) -> Lab:
    """sRGB channels in 0..1 to CIELAB (D65 white, the sRGB white)."""
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def hex_lab(colour: str) -> Lab:
    return srgb_to_lab(tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)))  # type: ignore[arg-type]


def ciede2000(lab1: Lab, lab2: Lab) -> float:
    """The CIEDE2000 colour difference, as Sharma, Wu and Dalal (2005) write it out
    (Color Research & Application 30(1), 21-30, equations 1-22; kL = kC = kH = 1)."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    d_l, d_c = l2 - l1, c2p - c1p
    if c1p * c2p == 0:
        d_h = 0.0
    elif abs(h2p - h1p) <= 180:
        d_h = h2p - h1p
    else:
        d_h = h2p - h1p - 360 if h2p > h1p else h2p - h1p + 360
    d_hh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(d_h) / 2)
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    else:
        h_mean = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_mean - 30))
        + 0.24 * math.cos(math.radians(2 * h_mean))
        + 0.32 * math.cos(math.radians(3 * h_mean + 6))
        - 0.20 * math.cos(math.radians(4 * h_mean - 63))
    )
    d_theta = 30 * math.exp(-(((h_mean - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_mean**7 / (cp_mean**7 + 25**7))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c = 1 + 0.045 * cp_mean
    s_h = 1 + 0.015 * cp_mean * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt(
        (d_l / s_l) ** 2 + (d_c / s_c) ** 2 + (d_hh / s_h) ** 2 + r_t * (d_c / s_c) * (d_hh / s_h)
    )


# Pairs of Sharma, Wu and Dalal's Table 1 (pair number: Lab 1, Lab 2, difference),
# chosen to cross the hue discontinuities their paper warns about.
SHARMA_PAIRS = {
    1: ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    7: ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    9: ((50.0, 2.49, -0.001), (50.0, -2.49, 0.0009), 7.1792),
    11: ((50.0, 2.49, -0.001), (50.0, -2.49, 0.0011), 7.2195),
    15: ((50.0, -0.001, 2.49), (50.0, 0.0011, -2.49), 4.7461),
    17: ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    19: ((50.0, 2.5, 0.0), (56.0, -27.0, -3.0), 31.9030),
    25: ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    29: ((22.7233, 20.0904, -46.694), (23.0331, 14.973, -42.5619), 2.0373),
    31: ((90.8027, -2.0831, 1.441), (91.1528, -1.6435, 0.0447), 1.4441),
    34: ((2.0776, 0.0795, -1.135), (0.9033, -0.0636, -0.5514), 0.9082),
}


@pytest.mark.parametrize("pair", sorted(SHARMA_PAIRS))
def test_ciede2000_matches_the_published_test_data(pair: int) -> None:
    lab1, lab2, expected = SHARMA_PAIRS[pair]
    assert round(ciede2000(lab1, lab2), 4) == expected
    assert round(ciede2000(lab2, lab1), 4) == expected


def material_slate_background() -> Lab:
    """Material's `--md-default-bg-color` in the slate scheme, from the installed
    package's CSS: hsla(var(--md-hue), S%, L%, 1) with --md-hue from main.css."""
    import material

    sheets = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    palette = next(sheets.glob("palette.*.min.css")).read_text(encoding="utf-8")
    main = next(sheets.glob("main.*.min.css")).read_text(encoding="utf-8")
    slate = re.search(r"\[data-md-color-scheme=slate\]\{[^}]*", palette)
    assert slate, "no slate scheme in Material's palette.css"
    bg = re.search(
        r"--md-default-bg-color:\s*hsla\(var\(--md-hue\),\s*([\d.]+)%,\s*([\d.]+)%,\s*1\)",
        slate.group(0),
    )
    hue = re.search(r"--md-hue:\s*([\d.]+)deg", main)
    assert bg and hue, "Material's slate background is no longer hsla(var(--md-hue), S, L, 1)"
    rgb = colorsys.hls_to_rgb(
        float(hue.group(1)) / 360, float(bg.group(2)) / 100, float(bg.group(1)) / 100
    )
    return srgb_to_lab(rgb)


BACKGROUND = {"light": hex_lab("#ffffff"), "dark": material_slate_background()}


def colour_of(label_id: str, scheme: str) -> str:
    label = LABELS[label_id]
    return label.colour_light if scheme == "light" else label.colour_dark


def test_slate_background_is_materials_dark_blue_grey() -> None:
    """hsla(225deg, 15%, 14%) is about #1e2129: L* near 13."""
    lightness, a, b = BACKGROUND["dark"]
    assert 10 < lightness < 16 and abs(a) < 5 and -12 < b < 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_two_labels_are_clearly_distinct(scheme: str) -> None:
    differences = sorted(
        (ciede2000(hex_lab(colour_of(a, scheme)), hex_lab(colour_of(b, scheme))), a, b)
        for a, b in itertools.combinations(sorted(LABELS), 2)
    )
    closest, a, b = differences[0]
    assert closest >= MIN_DIFFERENCE, (
        f"{scheme}: {a} {colour_of(a, scheme)} and {b} {colour_of(b, scheme)} differ by "
        f"CIEDE2000 {closest:.1f} (at least {MIN_DIFFERENCE} needed)"
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_label_stands_off_the_page_background(scheme: str) -> None:
    for label_id in sorted(LABELS):
        difference = ciede2000(hex_lab(colour_of(label_id, scheme)), BACKGROUND[scheme])
        assert difference >= MIN_DIFFERENCE, (
            f"{scheme}: {label_id} {colour_of(label_id, scheme)} is CIEDE2000 "
            f"{difference:.1f} from the page background"
        )


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


def label_rule(css: str, label_id: str) -> dict[str, str]:
    """The custom properties the generated stylesheet sets for a label (light rule)."""
    rule = re.search(r"^\.dossier-hl--" + re.escape(label_id) + r" \{([^}]*)\}", css, re.M)
    assert rule, label_id
    return dict(re.findall(r"(--[\w-]+):\s*([^;]+);", rule.group(1)))


def test_stylesheet_draws_each_group_with_its_own_lines() -> None:
    """Technique: a line under; claim: dashed under; correction: double under (3 px, as a
    double line needs); context: a line under and a line over. Every label sets every
    property, since custom properties inherit into nested marks."""
    css = label_stylesheet(LABELS.values())
    expected = {
        "technique": ("solid", "2px", "0px"),
        "claim": ("dashed", "2px", "0px"),
        "context": ("solid", "2px", "2px"),
        "correction": ("double", "3px", "0px"),
    }
    for label in LABELS.values():
        props = label_rule(css, label.id)
        assert (
            props["--dossier-hl-border"],
            props["--dossier-hl-width"],
            props["--dossier-hl-over"],
        ) == expected[label.group], label.id
    cues = {(g.border, g.overline) for g in LABEL_GROUPS.values()}
    assert len(cues) == len(LABEL_GROUPS), "two label groups are drawn alike"


def css_rule(selector: str) -> str:
    rule = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", CSS)
    assert rule, selector
    return rule.group(1)


def test_a_name_link_is_drawn_unlike_any_label_group() -> None:
    """Names: a 1 px dotted underline in a light colour; no group's line is dotted, and
    every group's line is at least 2 px and in the text's own colour."""
    mention = css_rule(".md-typeset a.mention")
    assert re.search(
        r"text-decoration:\s*underline dotted var\(--md-default-fg-color--lighter\)", mention
    )
    assert re.search(r"text-decoration-thickness:\s*1px", mention)
    assert all(group.border != "dotted" for group in LABEL_GROUPS.values())
    mark = css_rule(".md-typeset mark.dossier-hl")
    assert "--dossier-hl-line: #1b1b1b;" in mark and "color: #1b1b1b;" in mark
    assert re.search(
        r"border-bottom:\s*var\(--dossier-hl-width, 2px\) var\(--dossier-hl-border, solid\) var\(--dossier-hl-line\)",
        mark,
    )
    assert re.search(
        r"border-top:\s*var\(--dossier-hl-over, 0\) solid var\(--dossier-hl-line\)", mark
    )
    slate = css_rule('[data-md-color-scheme="slate"] .md-typeset mark.dossier-hl')
    assert "--dossier-hl-line: #f8f9fa;" in slate and "color: #f8f9fa;" in slate


def test_a_nested_mark_leaves_the_outer_one_visible() -> None:
    """An inner mark paints its colour as a band across the middle of the line (the
    outer colour shows above and below) and draws its lines 3 px outside the outer's."""
    inner = css_rule(".md-typeset mark.dossier-hl mark.dossier-hl")
    assert "background-color: transparent;" in inner
    assert "background-image: linear-gradient(var(--dossier-hl), var(--dossier-hl));" in inner
    assert "background-clip: content-box;" in inner
    size = re.search(r"background-size:\s*100% (\d+)%;", inner)
    assert size and 30 <= int(size.group(1)) <= 70
    assert re.search(r"padding:\s*3px 0;", inner)


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

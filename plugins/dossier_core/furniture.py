"""Page furniture in collected news pages: the lines import drops, each with a reason.

The rules are the table `importrules.FURNITURE` (reason, language, pattern); this
module applies them. A rule removes whole lines only, and only a line it matches
entirely; what it removes is recorded in the article's `removed` list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .importrules import FURNITURE, Rule
from .model import RemovedLine

# Trailing punctuation a prompt may carry ("Related:", "Subscribe!", "Read more »").
_TAIL = r"[\s.!:…›»→>]*"


def compile_rules(rules: list[Rule]) -> list[tuple[str, re.Pattern[str]]]:
    """The table's rows as (reason, pattern matching a whole stripped line)."""
    return [
        (rule.reason, re.compile(rf"(?:{rule.pattern}){_TAIL}", re.IGNORECASE)) for rule in rules
    ]


# (reason, pattern matched against the whole stripped line), from importrules.FURNITURE
LINE_RULES: list[tuple[str, re.Pattern[str]]] = compile_rules(FURNITURE)

# Blocks from a first line to a last line, inclusive (comment-system notices).
BLOCK_RULES: list[tuple[str, re.Pattern[str], re.Pattern[str]]] = [
    (
        "comment-system notice",
        re.compile(r"^Dear readers and commenters,?$"),
        re.compile(r"^RT Team\.?$"),
    ),
]

ICON_WORD = re.compile(r"icon")


@dataclass
class Line:
    number: int  # 1-based line of the seed file
    text: str


def is_icon_run(text: str) -> bool:
    """A run of icon names scraped from a page's SVG sprite ("icon bookmark-bicon ...")."""
    return text.startswith("icon") and len(ICON_WORD.findall(text)) >= 5


def line_reason(text: str) -> str:
    """The reason a whole (stripped) line or text block is page furniture, or ""."""
    if is_icon_run(text):
        return "icon names"
    for reason, pattern in LINE_RULES:
        if pattern.fullmatch(text):
            return reason
    return ""


def strip_furniture(lines: list[Line]) -> tuple[list[Line], list[RemovedLine]]:
    """Drop furniture lines; return what is kept and what was removed, in file order."""
    reasons: dict[int, str] = {}
    _mark_blocks(lines, reasons)
    for index, line in enumerate(lines):
        text = line.text.strip()
        if index in reasons or not text:
            continue
        reason = line_reason(text)
        if reason:
            reasons[index] = reason
    _mark_captions(lines, reasons)
    kept = [line for i, line in enumerate(lines) if i not in reasons]
    removed = [
        RemovedLine(lines[i].number, lines[i].text.strip(), reasons[i]) for i in sorted(reasons)
    ]
    return kept, removed


def _mark_blocks(lines: list[Line], reasons: dict[int, str]) -> None:
    for reason, first, last in BLOCK_RULES:
        start = None
        for index, line in enumerate(lines):
            text = line.text.strip()
            if start is None and first.match(text):
                start = index
            elif start is not None and last.match(text):
                for i in range(start, index + 1):
                    if lines[i].text.strip():
                        reasons[i] = reason
                start = None


def _mark_captions(lines: list[Line], reasons: dict[int, str]) -> None:
    """A photo caption sits just above its credit line ('© Name/AGENCY').

    The caption is the nearest line above (within three) that ends with the credit
    text; the lines between it and the credit must be prefixes of it (the caption
    again without the credit, as alt text comes out of a page).
    """
    for index in [i for i, r in reasons.items() if r == "photo credit"]:
        credit = lines[index].text.strip().lstrip("©").strip()
        for above in range(index - 1, max(-1, index - 4), -1):
            text = lines[above].text.strip()
            if not text or above in reasons:
                break
            if text.endswith(credit):
                between = list(range(above + 1, index))
                if all(text.startswith(lines[i].text.strip()) for i in between):
                    for i in [above, *between]:
                        reasons[i] = "photo caption"
                break

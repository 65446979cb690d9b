"""Seed-like plain text -> title, body, date, outlet and the page furniture removed.

Handles text collected the way the bundled seeds were: one paragraph a line, page
furniture (advertisements, share prompts, icon runs) as whole lines.
"""

from __future__ import annotations

import datetime as dt
import re

from .furniture import Line, strip_furniture
from .model import RemovedLine
from .newarticle import Imported

FORUM_OUTLET = "unidentified-forum"
# Outlet signatures: a pattern anywhere in the seed (kept or removed lines) -> outlet id.
SIGNATURES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"/TASS/"), "tass"),
    (re.compile(r"\brt\.com\b|^RT Team\.?$", re.MULTILINE), "rt"),
]
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
FORUM_HEADER = re.compile(
    rf"^(?P<user>.+?) Posted (?P<date>{_MONTH} \d{{1,2}}, \d{{4}})(?: Posted (?P=date))? "
)
TASS_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Z .'-]+), (?P<date>{_MONTH}\.? \d{{1,2}})\. /(?P<agency>[A-Z]+)/\."
)
PLACE_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z .'-]{2,}), [A-Z][a-z]+ [–-] ")
REACTION_COUNT = re.compile(r"(?<=[.!?\"”]) (?P<count>\d{1,4})$")


def clean_seed(text: str) -> Imported:
    """Turn the raw text of a seed into title, body, date and outlet."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = [Line(n, t) for n, t in enumerate(text.split("\n"), start=1)]
    removed: list[RemovedLine] = []
    forum = _strip_forum_header(lines, removed)
    kept, dropped = strip_furniture(lines)
    removed = sorted(removed + dropped, key=lambda r: r.line)
    paragraphs = [line for line in kept if line.text.strip()]
    if not paragraphs:
        raise ValueError("the seed has no text left after removing page furniture")
    if forum:
        result = _forum_article(paragraphs, removed, forum)
    else:
        result = _news_article(paragraphs, removed)
    result.outlet = _outlet(text) or (FORUM_OUTLET if forum else "unknown")
    return result


def _strip_forum_header(lines: list[Line], removed: list[RemovedLine]) -> str | None:
    """A forum post collected as one line: '<user> Posted <date> Posted <date> <text>'."""
    first = next((line for line in lines if line.text.strip()), None)
    match = FORUM_HEADER.match(first.text) if first else None
    if not first or not match:
        return None
    removed.append(RemovedLine(first.number, match.group(0).strip(), "forum post header"))
    first.text = first.text[match.end() :]
    return match.group("date")


def _forum_article(paragraphs: list[Line], removed: list[RemovedLine], date: str) -> Imported:
    last = paragraphs[-1]
    count = REACTION_COUNT.search(last.text.rstrip())
    if count:
        removed.append(RemovedLine(last.number, count.group("count"), "forum reaction count"))
        removed.sort(key=lambda r: r.line)
        last.text = last.text.rstrip()[: count.start()]
    first_sentence = re.split(r"(?<=[.!?])\s", paragraphs[0].text.strip(), maxsplit=1)[0]
    title = (
        first_sentence.rstrip(".")
        if len(first_sentence) <= 120
        else first_sentence[:117].rsplit(" ", 1)[0] + "…"
    )
    published = dt.datetime.strptime(date, "%B %d, %Y").date().isoformat()
    return Imported(
        title=title,
        body=_join(paragraphs),
        published=published,
        date_note=f"Date of the forum post ('Posted {date}').",
        title_note="The forum post has no title: this is its first sentence.",
        removed=removed,
    )


def _news_article(paragraphs: list[Line], removed: list[RemovedLine]) -> Imported:
    title_line = paragraphs.pop(0)
    title = title_line.text.strip()
    if paragraphs and paragraphs[0].text.strip() == title:
        repeated = paragraphs.pop(0)
        removed.append(RemovedLine(repeated.number, title, "repeated title"))
        removed.sort(key=lambda r: r.line)
    result = Imported(title=title, body=_join(paragraphs), removed=removed)
    _dateline(paragraphs, result)
    return result


def _dateline(paragraphs: list[Line], result: Imported) -> None:
    for line in paragraphs[:6]:
        text = line.text.strip()
        match = TASS_DATELINE.match(text)
        if match:
            result.date_note = (
                f"The dateline '{match.group(0)}' gives the day but not the year; set the year."
            )
            return
        if PLACE_DATELINE.match(text):
            result.date_note = f"The dateline '{text[:40]}…' names a place but no date."
            return
    result.date_note = "No dateline: the date must be inferred from the text."


def _outlet(text: str) -> str | None:
    for pattern, outlet in SIGNATURES:
        if pattern.search(text):
            return outlet
    return None


def _join(paragraphs: list[Line]) -> str:
    """Each non-blank seed line is a paragraph; trailing white space is not evidence."""
    return "\n\n".join(line.text.strip() for line in paragraphs)

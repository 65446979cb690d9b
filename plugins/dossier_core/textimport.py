"""Plain text -> title, body, date, outlet and the page furniture removed.

Handles text collected the way the bundled seeds were (one paragraph a line, page
furniture as whole lines) and wire copy pasted from a news site: section labels above
the headline are dropped, a wire dateline (wire.py) gives the date and the agency, and
the furniture rules (importrules.py, applied by furniture.py) drop prompts and credits
in English, Spanish and Russian. Every dropped line is recorded with its reason.
"""

from __future__ import annotations

import datetime as dt
import re

from .furniture import Line, strip_furniture
from .importrules import SECTION_LABELS, SITE_NAMES
from .importrules import SIGNATURES as SIGNATURE_TABLE
from .model import RemovedLine
from .newarticle import Imported
from .wire import Dateline, agency_entry, find_dateline

# A forum post names no outlet: import gives it its own placeholder (unidentified.py),
# described as what it is.
FORUM_SITE = {
    "description": "A web forum; the post names neither the forum nor the source of its text."
}
SIGNATURES: list[tuple[re.Pattern[str], str]] = [(re.compile(p), o) for p, o in SIGNATURE_TABLE]
SITE_OUTLETS = {name: outlet for name, outlet in SITE_NAMES.items() if outlet}
_LABELS = {label.casefold() for labels in SECTION_LABELS.values() for label in labels} | {
    name.casefold() for name in SITE_NAMES
}
BREADCRUMB_SEPARATOR = re.compile(r"\s+[>›»/|]\s+")
BYLINE = re.compile(r"^(?:By|Por|Автор:?)\s+[A-ZÁÉÍÓÚÑА-ЯЁ]")
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
FORUM_HEADER = re.compile(
    rf"^(?P<user>.+?) Posted (?P<date>{_MONTH} \d{{1,2}}, \d{{4}})(?: Posted (?P=date))? "
)
PLACE_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z .'-]{2,}), [A-Z][a-z]+ [–-] ")
# A sentence end is not an initial's or an abbreviation's dot ("U.S. sanctions").
SENTENCE_END = re.compile(r"(?<=[^A-ZА-ЯЁ.][.!?])\s")
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
    # The dateline names the agency that filed the copy; then the outlet's own marks;
    # then a site name pasted above the headline.
    if result.outlet == "unknown":
        site = SITE_OUTLETS.get(result.site_name)
        result.outlet = _outlet(text) or site or "unknown"
    result.outlet_entry = agency_entry(result.outlet)
    if forum and result.outlet == "unknown":
        result.outlet_entry = dict(FORUM_SITE)
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
    title = _first_sentence(paragraphs[0].text.strip())
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
    site = _strip_section_labels(paragraphs, removed)
    if not paragraphs:
        raise ValueError("the text has only section labels and page furniture")
    if _looks_like_headline(paragraphs[0].text.strip()):
        title = paragraphs.pop(0).text.strip()
        title_note = ""
        if paragraphs and paragraphs[0].text.strip() == title:
            repeated = paragraphs.pop(0)
            removed.append(RemovedLine(repeated.number, title, "repeated title"))
    else:
        # Wire copy pasted without its headline: the first sentence stands in for it and
        # stays in the body (the title is ours, the body is the evidence).
        title = _first_sentence(_after_dateline(_opening(paragraphs)))
        title_note = "The text has no headline: this is its first sentence."
    removed.sort(key=lambda r: r.line)
    result = Imported(
        title, _join(paragraphs), title_note=title_note, removed=removed, site_name=site
    )
    dateline = _dateline(paragraphs, result)
    if dateline:
        result.outlet = dateline.outlet
    return result


def _strip_section_labels(paragraphs: list[Line], removed: list[RemovedLine]) -> str:
    """Drop the section labels and site names above the headline; return the site name."""
    site = ""
    # A pasted page rarely has more than a site name, a section and a subsection on top.
    for _ in range(3):
        if len(paragraphs) < 2 or not _is_section_label(paragraphs[0].text):
            break
        line = paragraphs.pop(0)
        removed.append(RemovedLine(line.number, line.text.strip(), "section label"))
        site = site or next((s for s in SITE_NAMES if s.casefold() == _label(line.text)), "")
    return site


def _label(text: str) -> str:
    return text.strip().rstrip(":»›>|").strip().casefold()


def _is_section_label(text: str) -> bool:
    """A label ("World news", "Noticias", "Reuters") or a breadcrumb ("News > World")."""
    if len(text) > 150:  # navigation is short; a long line is never split on separators
        return False
    if _label(text) in _LABELS:
        return True
    items = [_label(item) for item in BREADCRUMB_SEPARATOR.split(text.strip())]
    return (
        len(items) >= 2
        and all(item and len(item) <= 30 and len(item.split()) <= 4 for item in items)
        and any(item in _LABELS for item in items)
    )


def _looks_like_headline(text: str) -> bool:
    """Not a dateline paragraph, a byline or a paragraph of several sentences."""
    if len(text) > 250 or find_dateline(text) or BYLINE.match(text):
        return False
    return len(SENTENCE_END.findall(text + " ")) <= 2


def _opening(paragraphs: list[Line]) -> str:
    """The paragraph a headline-less story opens with: its dateline paragraph, if any."""
    texts = [line.text.strip() for line in paragraphs]
    return next((t for t in texts[:8] if find_dateline(t)), None) or next(
        (t for t in texts if not BYLINE.match(t)), texts[0]
    )


def _after_dateline(text: str) -> str:
    dateline = find_dateline(text)
    return text[len(dateline.text) :].strip() if dateline else text


def _first_sentence(text: str) -> str:
    """The first sentence (not cut at "U.S."), shortened to 120 characters at a word."""
    sentence = SENTENCE_END.split(text, maxsplit=1)[0].rstrip(".")
    return sentence if len(sentence) <= 120 else sentence[:117].rsplit(" ", 1)[0] + "…"


def _dateline(paragraphs: list[Line], result: Imported) -> Dateline | None:
    """Date (and agency) from a wire dateline in the first paragraphs, with a date_note."""
    for line in paragraphs[:8]:
        text = line.text.strip()
        dateline = find_dateline(text)
        if dateline:
            date = dateline.date
            result.published = date.isoformat() if date else ""
            result.date_note = dateline.note()
            return dateline
        if PLACE_DATELINE.match(text):
            result.date_note = f"The dateline '{text[:40]}…' names a place but no date."
            return None
    result.date_note = "No dateline: the date must be inferred from the text."
    return None


def _outlet(text: str) -> str | None:
    for pattern, outlet in SIGNATURES:
        if pattern.search(text):
            return outlet
    return None


def _join(paragraphs: list[Line]) -> str:
    """Each non-blank seed line is a paragraph; trailing white space is not evidence."""
    return "\n\n".join(line.text.strip() for line in paragraphs)

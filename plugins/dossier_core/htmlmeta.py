"""What a web page says about itself: title, date, author, site, address, language.

trafilatura reads the title, author, site name and canonical address (meta tags,
JSON-LD, the markup). The date is taken, in this order, from a publication date the
page declares (meta tags, JSON-LD, `<time itemprop=datePublished>`), then from
htmldate's reading of the markup, then from htmldate's extensive search (the URL, the
text); `date_note` says which, and asks for a check when it is not declared. The
language is only what the page declares (`<html lang>`, `og:locale`,
`Content-Language`): a guess is left to the shared path, which says it guessed.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

from .language import LANGUAGE_CODE

# Meta tags that declare the publication date, most specific first.
DATE_KEYS = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "citation_publication_date",
    "date",
)
FIRST_YEAR = 1990  # no news site published before the web
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_SLASH_DAY = re.compile(r"^\s*(\d{4})/(\d{2})/(\d{2})")


@dataclass
class PageMeta:
    """The page's own description of the article (empty strings where it is silent)."""

    title: str = ""
    published: str = ""
    date_note: str = ""
    author: str = ""
    site_name: str = ""
    url: str = ""
    language: str = ""


def page_metadata(root: etree._Element, text: str, found: Any) -> PageMeta:
    """The page's metadata.

    Args:
        root: the parsed page (not the tree the extractor cleaned).
        text: the decoded page, for htmldate's extensive search.
        found: trafilatura's Document (metadata read with `with_metadata=True`), or None.

    Returns:
        The metadata; `date_note` says where the date came from.
    """
    meta = PageMeta()
    if found is not None:
        meta.title = _clean(found.title)
        meta.author = _clean(found.author)
        meta.site_name = _clean(found.sitename)
        url = _clean(found.url)
        meta.url = url if url.startswith(("http://", "https://")) else ""
    meta.language = declared_language(root)
    day, key = declared_date(root)
    if day:
        meta.published, meta.date_note = day, f"From the page's metadata ({key})."
    elif found is not None and _day(found.date or ""):
        meta.published = _day(found.date)
        meta.date_note = (
            "htmldate: read from dates in the page's markup (the page declares no "
            "publication date); check it."
        )
    else:
        from htmldate import find_date

        guess = find_date(text, extensive_search=True, original_date=True, url=meta.url or None)
        if guess and _day(guess):
            meta.published = _day(guess)
            meta.date_note = (
                "htmldate: guessed by an extensive search (the address, the text); check it."
            )
    return meta


def _clean(value: object) -> str:
    return " ".join(str(value).split()) if value else ""


def _day(value: str) -> str:
    found = _ISO_DAY.match(value) or _SLASH_DAY.match(value)
    if not found:
        return ""
    year, month, day = (int(part) for part in found.groups())
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        return ""
    # Placeholders ("0001-01-01") and dates in the future are not publication dates.
    return date.isoformat() if FIRST_YEAR <= year <= datetime.date.today().year + 1 else ""


def declared_date(root: etree._Element) -> tuple[str, str]:
    """(YYYY-MM-DD, where it was found) for a publication date the page declares."""
    values: dict[str, str] = {}
    for element in root.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        key = key.strip().lower()
        if key in DATE_KEYS and key not in values:
            values[key] = element.get("content") or ""
    for key in DATE_KEYS:
        if _day(values.get(key, "")):
            return _day(values[key]), key
    for element in root.iter("script"):
        if (element.get("type") or "").lower() == "application/ld+json" and element.text:
            day = _json_ld_date(element.text)
            if day:
                return day, "JSON-LD datePublished"
    for element in root.iter("time"):
        itemprop = (element.get("itemprop") or "").lower()
        if itemprop == "datepublished" or "pubdate" in element.attrib:
            day = _day(element.get("datetime") or "")
            if day:
                return day, "<time> datePublished"
    return "", ""


def _json_ld_date(source: str) -> str:
    try:
        data = json.loads(source)
    except ValueError:
        return ""
    stack = [data]
    while stack:  # the first datePublished anywhere in the graph
        item = stack.pop(0)
        if isinstance(item, dict):
            value = item.get("datePublished")
            if isinstance(value, str) and _day(value):
                return _day(value)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return ""


def declared_language(root: etree._Element) -> str:
    """The primary language subtag the page declares ("en" for en-GB), or ""."""
    candidates = [root.get("lang"), root.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for element in root.iter("meta"):
        key = (element.get("property") or element.get("http-equiv") or "").lower()
        if key in ("og:locale", "content-language"):
            candidates.append(element.get("content"))
    for value in candidates:
        code = (value or "").strip().replace("_", "-").split("-")[0].lower()
        if LANGUAGE_CODE.match(code):
            return code
    return ""

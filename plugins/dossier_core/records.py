"""One record of an export -> the article it becomes (an `Imported`), or why not.

The fields an export may give (text, title, url, published, outlet, language,
author), the columns each is looked for under, and the checks on each value: a record
is turned into an article whole or refused with a RecordError naming FILE:LINE and
the field. The text is the article as the export gives it: no furniture is removed
(see `body_from_text`). The outlet is named
from sources.yml by outlethints.py. Reading the export files is bulkimport.py.
"""

from __future__ import annotations

import datetime as dt
import re

from .fields import date_problem
from .frontmatter import MAX_ARTICLE_BYTES, check_characters
from .language import LANGUAGE_CODE
from .newarticle import Imported
from .outlethints import Outlets, host_of, outlet_for
from .yamlload import YamlProblem

FIELDS = ("text", "title", "url", "published", "outlet", "language", "author")
# Names looked for when --map does not name a field's column; more than one present
# is ambiguous and must be settled with --map. Media Cloud: publish_date, media_name;
# news-please: maintext, date_publish, authors.
ALIASES = {
    "text": ("text", "body", "content", "maintext", "story_text", "full_text"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "published": ("published", "publish_date", "date_publish", "published_at", "pub_date"),
    "outlet": ("outlet", "media_name", "source_name"),
    "language": ("language", "lang"),
    "author": ("author", "authors", "byline"),
}
DOMAIN_KEYS = ("media_url", "source_domain")  # the outlet's site, matched to sources.yml
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_TIMESTAMP = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$"
)


class RecordError(ValueError):
    """A record that cannot become an article; the message names FILE:LINE and field."""


def columns_for(keys: list[str], mapping: dict[str, str], where: str) -> dict[str, str]:
    """field -> the column (or JSON key) it is read from, among `keys`.

    Raises ValueError naming what is missing or ambiguous, and the columns there are.
    """
    columns, has = {}, ", ".join(keys)
    for name in FIELDS:
        if name in mapping:
            if mapping[name] not in keys:
                raise ValueError(
                    f"{where}: has no column {mapping[name]!r} (mapped to {name}); its columns "
                    f"are: {has}"
                )
            columns[name] = mapping[name]
            continue
        found = [key for key in ALIASES[name] if key in keys]
        if len(found) > 1:
            raise ValueError(
                f"{where}: the columns {' and '.join(map(repr, found))} could each be the "
                f"{name}; choose one with --map {name}=COLUMN"
            )
        if found:
            columns[name] = found[0]
        elif name == "text":
            raise ValueError(
                f"{where}: no column for the text (looked for {', '.join(ALIASES['text'])}); "
                f"its columns are: {has}; say which with --map text=COLUMN"
            )
    return columns


def to_imported(
    values: dict[str, object], mapping: dict[str, str], where: str, outlets: Outlets
) -> Imported:
    """A record's values -> the article; RecordError names the field that is wrong."""
    try:
        columns = columns_for(list(values), mapping, where)
    except ValueError as error:
        raise RecordError(str(error)) from None

    def get(name: str) -> str:
        column = columns.get(name)
        value = values.get(column) if column else None
        if isinstance(value, list) and name == "author" and all(isinstance(v, str) for v in value):
            value = ", ".join(value)
        if value is not None and not isinstance(value, str):
            raise RecordError(f"{where}: field '{name}' (column '{column}') must be text")
        return (value or "") if name == "text" else (value or "").strip()

    def fail(name: str, problem: str) -> RecordError:
        return RecordError(f"{where}: field '{name}' (column '{columns.get(name)}'): {problem}")

    text = get("text")
    body = body_from_text(text)
    if not body:
        raise fail("text", "is empty; a record without text is not imported")
    try:
        check_characters(body)
    except YamlProblem as error:
        raise fail("text", f"{error.message} (in its line {error.line})") from None
    if len(body.encode("utf-8")) > MAX_ARTICLE_BYTES:
        raise fail("text", f"is over {MAX_ARTICLE_BYTES / 1e6:.0f} MB, the limit for an article")
    title, title_note = get("title"), ""
    if not title:
        first = re.split(r"(?<=[.!?])\s", body.split("\n", 1)[0], maxsplit=1)[0]
        title = first.rstrip(".") if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + "…"
        title_note = "The export gives no title: this is the first sentence of the text."
    published, raw_date = parse_date(get("published")), get("published")
    if raw_date and published is None:
        reason = date_problem(raw_date)  # e.g. February 2019 has 28 days
        raise fail("published", f"{raw_date!r} is not a date" + (f" ({reason})" if reason else "")
                   + "; write YYYY-MM-DD, YYYY-MM, YYYY, or a timestamp such as "
                   "2019-03-25 14:02:11")  # fmt: skip
    url = get("url")
    if url and not url.lower().startswith(("http://", "https://")):
        raise fail("url", f"{url!r} is not an http(s) address")
    language = get("language").lower()
    if language and not LANGUAGE_CODE.match(language):
        raise fail("language", f"{language!r} is not a language code such as 'en' or 'es'")
    site = next((str(values[k]) for k in DOMAIN_KEYS if isinstance(values.get(k), str)), "")
    outlet, entry = outlet_for(get("outlet"), host_of(site) or host_of(url), outlets)
    return Imported(
        title=title,
        title_note=title_note,
        body=body,
        outlet=outlet,
        published=published or "",
        date_note=(
            f"From the export's '{columns['published']}' field ({raw_date!r})."
            if published
            else "The export gives no date."
        ),  # fmt: skip
        language=language,
        url=url,
        author=get("author"),
        outlet_entry=entry,
    )


def body_from_text(text: str) -> str:
    """The article body: paragraphs from blank lines (or, when there are none, lines)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if re.search(r"\n[^\S\n]*\n", text):
        parts = re.split(r"\n(?:[^\S\n]*\n)+", text)
    else:
        parts = text.split("\n")
    return "\n\n".join(part.strip() for part in parts if part.strip())


def parse_date(value: str) -> str | None:
    """'2019-03-25', '2019-03', '2019' as they are; a timestamp -> its date (as written,
    in the time zone it is written in); None when the value is not a valid date."""
    if not value:
        return ""
    stamp = _TIMESTAMP.match(value)
    match = _DATE.match(stamp.group(1) if stamp else value)
    if not match:
        return None
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        dt.date(year, month, day)
        if stamp:
            dt.datetime.fromisoformat(value.replace(" ", "T").replace("Z", "+00:00"))
    except ValueError:
        return None
    return match.group(0)

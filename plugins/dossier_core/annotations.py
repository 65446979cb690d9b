"""Reading the `annotations:` list of an article's front matter."""

from __future__ import annotations

from .fields import Reader
from .model import Annotation, EvidenceLink
from .noteids import id_problem

ANNOTATION_FIELDS = {
    "id", "quote", "prefix", "suffix", "start", "end", "label", "note", "verdict", "actors",
    "links", "narrative",
}  # fmt: skip


def read_annotations(r: Reader) -> tuple[Annotation, ...]:
    """Parse each annotation item; problems carry the line of the item."""
    result = []
    ids: dict[str, int | None] = {}  # analyst id -> line of the annotation that has it
    for item, line in r.items("annotations"):
        entry = Reader(item, r.path, line, r.problems)
        entry.unknown_keys(ANNOTATION_FIELDS)
        quote = _raw_text(entry, "quote", required=True)
        label = entry.ident("label", required=True)
        start, end = _offset(entry, "start"), _offset(entry, "end")
        if (start is None) != (end is None) or (
            start is not None and end is not None and end <= start
        ):
            entry.error(line, "'start' and 'end' go together, with start < end")
            start = end = None
        ident = _ident(entry, ids)
        if quote is None or not label:
            continue
        result.append(
            Annotation(
                quote=quote,
                label=label,
                line=line or 1,
                prefix=_raw_text(entry, "prefix") or "",
                suffix=_raw_text(entry, "suffix") or "",
                start=start,
                end=end,
                note=entry.string("note"),
                verdict=entry.string("verdict"),
                actors=entry.strings("actors"),
                links=_links(entry),
                narrative=entry.ident("narrative", required=False),
                id=ident,
            )
        )
    return tuple(result)


def _ident(r: Reader, ids: dict[str, int | None]) -> str:
    """The analyst's stable id (noteids.py), checked: a slug, not only digits, and unique
    within the article. A refused id is reported and the annotation gets a derived one."""
    raw = r.data.get("id")
    if raw is None:
        return ""
    value = r.string("id")
    if isinstance(raw, (bool, dict, list)):
        return ""  # Reader.string has said why
    where = r.line_of("id")
    problem = id_problem(value) if value else "'id' is empty; remove it or write a slug"
    if problem is None and value in ids:
        first = ids[value]
        problem = (
            f"'id' {value!r} is already the id of the annotation on line {first}; give "
            "each annotation of an article its own id"
        )
    if problem is not None:
        r.error(where, problem)
        return ""
    ids[value] = r.line
    return value


def _raw_text(r: Reader, key: str, required: bool = False) -> str | None:
    """Quotes, prefixes and suffixes are kept exactly, spaces included."""
    value = r.data.get(key)
    if value is None:
        if required:
            r.error(r.line, f"missing required field '{key}'")
        return None
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        r.error(r.line_of(key), f"'{key}' must be text")
        return None
    text = str(value)
    if required and not text.strip():
        r.error(r.line_of(key), f"'{key}' is empty")
        return None
    return text


def _offset(r: Reader, key: str) -> int | None:
    value = r.data.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        r.error(r.line_of(key), f"'{key}' must be a character offset (a whole number >= 0)")
        return None
    return value


def _links(r: Reader) -> tuple[EvidenceLink, ...]:
    links = []
    for item, line in r.items("links"):
        if isinstance(item, str):
            url, title = item.strip(), ""
        elif isinstance(item, dict):
            link = Reader(item, r.path, line, r.problems)
            link.unknown_keys({"url", "title"})
            url, title = link.string("url", required=True), link.string("title")
        else:
            r.error(line, "a link is an address or {url, title}")
            continue
        if not url.startswith(("http://", "https://")):
            r.error(line, f"links must be http(s) addresses, found {url!r}")
            continue
        links.append(EvidenceLink(url, title))
    return tuple(links)

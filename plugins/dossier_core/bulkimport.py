"""Import bulk exports (JSON Lines, CSV): one article per record, each its own seed.

Each record is kept byte for byte as a seed (the JSONL line; for CSV the header line
and the record's row, as in the file) under `seeds/<export>/<line>_<sha256>.json|.csv`,
and imported whole or not at all: a bad record is reported with FILE:LINE and the field
and leaves nothing behind, while the others go in. A problem of the whole file (a mapped
column the CSV lacks, a CSV that is not UTF-8) writes nothing. The text is the article
as the export gives it: no furniture is removed (see `body_from_text`).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .frontmatter import MAX_ARTICLE_BYTES, check_characters
from .importer import MAX_SEED_BYTES, ImportFailure, known_outlets, outlet_warnings
from .newarticle import (
    SEEDS_DIR,
    Imported,
    KnownSeeds,
    Outcome,
    add_article,
    existing_seeds,
    previous_import,
    write_atomic_bytes,
)
from .text import slugify
from .yamlload import YamlProblem, load_yaml

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
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


class RecordError(ValueError):
    """A record that cannot become an article; the message names FILE:LINE and field."""


@dataclass
class Record:
    line: int  # the file line the record starts on
    raw: bytes  # its own bytes, kept as its seed
    values: dict[str, object]
    error: str = ""  # why it is not a record (then raw and values are empty)


def parse_map(spec: str | None) -> dict[str, str]:
    """`text=body,published=publish_date` -> {field: column}; ValueError says what is wrong."""
    mapping: dict[str, str] = {}
    for item in (spec or "").split(","):
        if not item.strip():
            continue
        name, sep, column = (part.strip() for part in item.partition("="))
        if not sep or not column or name not in FIELDS:
            raise ValueError(f"--map: {item.strip()!r} is not FIELD=COLUMN with FIELD one of "
                             + ", ".join(FIELDS))  # fmt: skip
        if name in mapping:
            raise ValueError(f"--map: {name} is mapped twice")
        mapping[name] = column
    return mapping


def commit(
    raw: bytes,
    seed_rel: str,
    imported: Imported,
    root: Path,
    articles_dir: Path,
    known: KnownSeeds,
    sources: set[str],
) -> Outcome:
    """Keep `raw` as the seed at `seed_rel`, then write the article: both or neither.

    A seed imported before is reported as such (nothing written). If writing the
    article fails, the seed file (and any folder) this call created is removed again.
    """
    digest = hashlib.sha256(raw).hexdigest()
    earlier = previous_import(seed_rel, digest, known, root)
    if earlier:
        return earlier
    imported.warnings.extend(outlet_warnings(imported, sources))
    target = root / seed_rel
    created = [p for p in reversed(target.parents) if p.is_relative_to(root) and not p.exists()]
    try:
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            created.append(target)
            write_atomic_bytes(target, raw)
        elif hashlib.sha256(target.read_bytes()).hexdigest() != digest:
            raise ImportFailure(f"{seed_rel}: exists with other bytes; not replaced")
        outcome = add_article(root, articles_dir, seed_rel, digest, imported)
    except BaseException:
        for path in reversed(created):  # the seed, then the folders made for it
            with contextlib.suppress(OSError):  # a folder something else now uses stays
                if path == target:
                    path.unlink(missing_ok=True)
                else:
                    path.rmdir()
        raise
    known.add(seed_rel, root / outcome.article, digest)
    return outcome


def import_export(
    path: Path, fmt: str, mapping: dict[str, str], root: Path, articles_dir: Path
) -> Iterator[Outcome]:
    """Import every record of a JSONL or CSV export (a generator: one outcome each)."""
    known = existing_seeds(articles_dir, root)
    sources = known_outlets(articles_dir.parent)
    outlets = Outlets(sources, source_domains(articles_dir.parent))
    folder = f"{SEEDS_DIR}/{slugify(path.stem)}"
    suffix = ".json" if fmt == "jsonl" else ".csv"
    try:
        records = read_jsonl(path) if fmt == "jsonl" else read_csv(path, mapping)
        for record in records:
            where = f"{path}:{record.line}"
            try:
                if record.error:
                    raise RecordError(record.error)
                imported = to_imported(record.values, mapping, where, outlets)
                digest = hashlib.sha256(record.raw).hexdigest()
                seed_rel = f"{folder}/{record.line:06d}_{digest[:16]}{suffix}"
                outcome = commit(record.raw, seed_rel, imported, root, articles_dir, known, sources)
                yield Outcome(where, outcome.status, outcome.article, outcome.warnings)
            except (ValueError, OSError) as error:  # RecordError, ImportFailure, I/O
                yield Outcome(where, "failed", "", (_message(where, error),))
    except ImportFailure as error:  # the whole file: nothing of it was written
        yield Outcome(str(path), "failed", "", (str(error),))


def _message(where: str, error: Exception) -> str:
    if isinstance(error, OSError):
        return f"{where}: not imported: {error.filename or ''}: {error.strerror or error}"
    return str(error)


def read_jsonl(path: Path) -> Iterator[Record]:
    """Each non-blank line of a JSON Lines file: a record, or why it is not one."""
    with _open(path) as handle:
        for number, line in enumerate(handle, start=1):
            raw = line.rstrip(b"\n").removesuffix(b"\r")
            raw = raw.removeprefix(b"\xef\xbb\xbf") if number == 1 else raw
            if not raw.strip():
                continue
            try:
                values = json.loads(raw.decode("utf-8"), object_pairs_hook=_no_duplicates)
                error = "" if isinstance(values, dict) else "a record must be a JSON object {...}"
            except UnicodeDecodeError as bad:
                error = f"not valid UTF-8 ({_bad_byte(raw, bad)})"
            except ValueError as bad:
                error = f"not valid JSON ({bad})"
            if error:
                yield Record(number, b"", {}, f"{path}:{number}: {error}")
            else:
                yield Record(number, raw, values)


def read_csv(path: Path, mapping: dict[str, str]) -> Iterator[Record]:
    """Each row of a CSV file with a header line: a record, or why it is not one.

    Raises ImportFailure, before any record, when the file is not UTF-8 or lacks a
    column the mapping names (or has none for the text).
    """
    with _open(path) as handle:
        data = handle.read()
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFailure(
            f"{path}:{line}: not valid UTF-8 ({_bad_byte(data, error)}); convert the file "
            "(e.g. iconv -f cp1252 -t utf-8) and import it again; nothing was imported"
        ) from None
    lines = text.split("\n")
    lines = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    old_limit = csv.field_size_limit(MAX_SEED_BYTES)
    try:
        reader = csv.reader(iter(lines))
        header = next(reader, None)
        if not header:
            raise ImportFailure(f"{path}: empty; a CSV export starts with a header line")
        try:
            columns = columns_for(header, mapping, str(path))
        except ValueError as error:
            raise ImportFailure(f"{error}; nothing was imported") from None
        head, start = "".join(lines[: reader.line_num]), reader.line_num
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield Record(start + 1, b"", {}, f"{path}:{start + 1}: not valid CSV ({error})")
                return
            raw, first = (head + "".join(lines[start : reader.line_num])), start + 1
            start = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                message = f"{path}:{first}: {len(row)} fields, the header has {len(header)}"
                yield Record(first, b"", {}, message)
                continue
            values = {column: row[header.index(column)] for column in columns.values()}
            values.update({k: v for k, v in zip(header, row, strict=True) if k in DOMAIN_KEYS})
            yield Record(first, raw.encode("utf-8"), values)
    finally:
        csv.field_size_limit(old_limit)


def _open(path: Path):  # noqa: ANN202 - a binary file object
    try:
        return path.open("rb")
    except OSError as error:
        raise ImportFailure(f"{path}: cannot be read ({error.strerror or error})") from None


def _bad_byte(data: bytes, error: UnicodeDecodeError) -> str:
    line_start = data.rfind(b"\n", 0, error.start) + 1
    return f"byte 0x{data[error.start]:02x} at column {error.start - line_start + 1}"


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result: dict[str, object] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


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


@dataclass(frozen=True)
class Outlets:
    """The outlets of sources.yml: their ids, and the id for each domain."""

    ids: set[str]
    domains: dict[str, str]


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
        raise fail("published", f"{raw_date!r} is not a date (YYYY-MM-DD, YYYY-MM, YYYY, "
                   "or a timestamp such as 2019-03-25 14:02:11)")  # fmt: skip
    url = get("url")
    if url and not url.lower().startswith(("http://", "https://")):
        raise fail("url", f"{url!r} is not an http(s) address")
    language = get("language").lower()
    if language and not _LANGUAGE.match(language):
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


def outlet_for(name: str, host: str, outlets: Outlets) -> tuple[str, dict[str, str]]:
    """(outlet id, suggested sources.yml entry): the id of sources.yml whose id is the
    name slugged or whose domain is the site's; else the name slugged (the import warns)."""
    slug = slugify(name) if re.search(r"[^\W_]", name) else ""
    if slug and slug in outlets.ids:
        return slug, {}
    for domain, outlet in outlets.domains.items():
        if host and (host == domain or host.endswith("." + domain)):
            return outlet, {}
    if not slug:
        return "unknown", {}
    entry = {"name": name, "type": "unknown"} | ({"domain": host} if host else {})
    return slug, entry


def host_of(url: str) -> str:
    """'https://www.TASS.com:443/x' -> 'tass.com' (also for a bare domain)."""
    url = url.strip().lower()
    host = re.sub(r"^[a-z]+://", "", url).split("/", 1)[0].split(":", 1)[0]
    return host.removeprefix("www.")


def source_domains(dossier_dir: Path) -> dict[str, str]:
    """domain -> outlet id, from the `domain` fields of sources.yml."""
    try:
        data = load_yaml((dossier_dir / "sources.yml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YamlProblem):
        return {}
    result = {}
    for outlet, entry in (data or {}).items() if isinstance(data, dict) else ():
        domain = entry.get("domain") if isinstance(entry, dict) else None
        if isinstance(domain, str) and host_of(domain):
            result.setdefault(host_of(domain), str(outlet))
    return result

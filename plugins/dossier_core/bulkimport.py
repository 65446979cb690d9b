"""Import bulk exports (JSON Lines, CSV): one article per record, each its own seed.

This module reads the files: each record is kept byte for byte as a seed (the JSONL
line; for CSV the header line and the record's row, as in the file) under
`seeds/<export>/<line>_<sha256>.json|.csv`, turned into an article by records.py, and
written by `newarticle.commit`: whole or not at all. A bad record is reported with
FILE:LINE and the field and leaves nothing behind, while the others go in. A problem
of the whole file (a mapped column the CSV lacks, a CSV that is not UTF-8) writes
nothing.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .importer import MAX_SEED_BYTES, ImportFailure
from .newarticle import SEEDS_DIR, Outcome, commit, existing_seeds
from .outlethints import load_outlets
from .records import (
    DOMAIN_KEYS,
    FIELDS,
    RecordError,
    columns_for,
    to_imported,
)
from .text import slugify


@dataclass
class Record:
    """One record of an export, as read from its file."""

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


def import_export(
    path: Path, fmt: str, mapping: dict[str, str], root: Path, articles_dir: Path
) -> Iterator[Outcome]:
    """Import every record of a JSONL or CSV export (a generator: one outcome each)."""
    known = existing_seeds(articles_dir, root)
    outlets = load_outlets(articles_dir.parent)
    sources = outlets.ids
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
            values: dict[str, object] = {
                column: row[header.index(column)] for column in columns.values()
            }
            values.update({k: v for k, v in zip(header, row, strict=True) if k in DOMAIN_KEYS})
            yield Record(first, raw.encode("utf-8"), values)
    finally:
        csv.field_size_limit(old_limit)


def _open(path: Path) -> BinaryIO:
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

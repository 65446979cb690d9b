"""Pagefind's bundle files (1.x), read and written with cbor2; and their normal form.

- ``pagefind-entry.json``: version and, per language, the metadata file's hash and the
  page count;
- ``pagefind.<hash>.pf_meta``: gzip("pagefind_dcd" + CBOR [version, pages as
  [fragment hash, word count], index chunks as [from, to, hash], filters as
  [name, hash], sorts, the metadata fields used (sorted)]);
- ``index/<hash>.pf_index``: CBOR [[word, pages, variants]], words in code point
  order; pages are [page number, locations, meta locations], page numbers
  delta-encoded (each from the one before, the first from 0); locations are word
  positions, a negative number -(w + 1) setting the weight w of those after it; meta
  locations are positions in metadata fields, -(i + 1) naming field i of the
  metadata's field list; variants (accented spellings) are [word, pages] with pages
  encoded the same way;
- ``filter/<hash>.pf_filter``: CBOR [name, [[value, page numbers]]];
- ``fragment/<hash>.pf_fragment``: one page's text and metadata.

**Normal form.** Pagefind 1.5 builds its filter index in a hash map, so the filters'
values (in each filter file) and the filters (in the metadata's list) come out in an
order that changes from run to run; the files' names (hashes of their content), the
metadata file's name and so pagefind-entry.json change with it (fixed upstream in
1.6.0, Pagefind/pagefind#1104 and #1124, not on PyPI). Every bundle this package writes
is put in a normal form: filters by name, values by value (code point order), page
numbers ascending; every file named after its content as written here, and the
metadata and entry point rewritten to name them. Pagefind's JS finds each file by the
name the metadata gives it and checks no hash, so renaming is safe.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
TOP = "\U0010ffff"  # sorts after every character: `last + TOP` is above the words `last` begins

# name -> value -> page numbers
Filters = dict[str, dict[str, list[int]]]


class UnsupportedBundle(ValueError):
    pass


def load(path: Path) -> Any:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise UnsupportedBundle(f"{path}: no Pagefind signature")
    return cbor2.loads(raw[len(SIGNATURE) :])


def dump(value: Any) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=6, mtime=0)


def write_hashed(folder: Path, language: str, suffix: str, blob: bytes, taken: set[str]) -> str:
    """Write a content-addressed file (browsers may cache it forever); its hash."""
    digest = hashlib.sha1(blob).hexdigest()
    length = 7
    while (name := f"{language}_{digest[:length]}") in taken:
        length += 1
    taken.add(name)
    (folder / f"{name}.{suffix}").write_bytes(blob)
    return name


@dataclass
class Bundle:
    path: Path
    entry: dict[str, Any]
    language: str
    meta: list[Any]

    @property
    def pages(self) -> list[list[Any]]:
        return self.meta[1]

    @property
    def meta_file(self) -> Path:
        return self.path / f"pagefind.{self.entry['languages'][self.language]['hash']}.pf_meta"

    def words(self, low: str | None = None, high: str | None = None) -> Iterator[list[Any]]:
        """The word entries in order; with bounds, those from `low` up to (not
        including) `high`."""
        for first, last, name in self.meta[2]:
            # Chunk bounds are prefixes of the chunk's first and last words.
            if (high is not None and first >= high) or (low is not None and last + TOP < low):
                continue
            for entry in load(self.path / "index" / f"{name}.pf_index")[0]:
                if (low is None or entry[0] >= low) and (high is None or entry[0] < high):
                    yield entry

    def filters(self) -> Filters:
        found: Filters = {}
        for _name, file_hash in self.meta[3]:
            name, values = load(self.path / "filter" / f"{file_hash}.pf_filter")
            into = found.setdefault(name, {})
            for value, pages in values:
                into.setdefault(value, []).extend(pages)
        return found


def read_bundle(path: Path) -> Bundle:
    entry = json.loads((path / ENTRY).read_text(encoding="utf-8"))
    version = str(entry.get("version", ""))
    languages = entry.get("languages", {})
    if not version.startswith("1.") or len(languages) != 1:
        raise UnsupportedBundle(f"{path}: Pagefind {version}, languages {sorted(languages)}")
    ((language, info),) = languages.items()
    meta = load(path / f"pagefind.{info['hash']}.pf_meta")
    if not (isinstance(meta, list) and len(meta) == 6 and meta[4] == []):
        raise UnsupportedBundle(f"{path}: unexpected metadata (sorts, or another layout)")
    if len(meta[1]) != info.get("page_count"):
        raise UnsupportedBundle(f"{path}: page count differs from its metadata")
    return Bundle(path, entry, language, meta)


def write_filters(folder: Path, language: str, filters: Filters) -> list[list[str]]:
    """Write the filter files in normal form; the metadata's filter list, [name, hash]
    each, by name."""
    folder.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    written = []
    for name in sorted(filters):
        values = filters[name]
        blob = dump([name, [[value, sorted(values[value])] for value in sorted(values)]])
        written.append([name, write_hashed(folder, language, "pf_filter", blob, taken)])
    return written


def write_meta(folder: Path, language: str, meta: list[Any], entry: dict[str, Any]) -> str:
    """Write the metadata file and the entry point naming it; the metadata's hash."""
    blob = dump(meta)
    meta_hash = f"{language}_{hashlib.sha1(blob).hexdigest()[:10]}"
    (folder / f"pagefind.{meta_hash}.pf_meta").write_bytes(blob)
    info = {**entry["languages"][language], "hash": meta_hash, "page_count": len(meta[1])}
    entry = {**entry, "languages": {language: info}}
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    (folder / ENTRY).write_text(text, encoding="utf-8")
    return meta_hash


def normalise_bundle(path: Path) -> None:
    """Put a bundle written by Pagefind itself in normal form (see the module's
    docstring): its filter files, metadata and entry point are rewritten."""
    bundle = read_bundle(path)
    filters = bundle.filters()
    old_files = [path / "filter" / f"{h}.pf_filter" for _n, h in bundle.meta[3]]
    old_files.append(bundle.meta_file)
    for file in old_files:
        file.unlink()
    meta = list(bundle.meta)
    meta[3] = write_filters(path / "filter", bundle.language, filters)
    write_meta(path, bundle.language, meta, bundle.entry)

"""The site's data files: the dossier's exports, published under data/ with the site.

The annotation files are the bytes `dossier export` writes (export.py), with the
W3C base URL the site's own `site_url` when it has one; the articles' metadata is
added as CSV and JSON Lines. The files are written an article at a time, straight to
disk: at 20,000 articles they are hundreds of MB, and a build must not hold them.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from json.encoder import encode_basestring as _encode_string
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit, urlunsplit

from . import export
from .atomicwrite import _umask
from .caches import BuildCache
from .dossier import Dossier
from .linking import DossierIndex
from .model import Article

DATA_DIR = "data"
DEFAULT_BASE_URL = "urn:dossier:"  # what `dossier export --format w3c` uses by default
ANNOTATIONS = {  # format -> (file name, what a record is); `dossier export --format X`
    "jsonl": "annotations.jsonl",
    "csv": "annotations.csv",
    "w3c": "annotations.jsonld",
    "ptc": "annotations-ptc.tsv",
}
ARTICLE_FIELDS = (
    "id", "title", "outlet", "published", "language", "url", "seed", "annotations",
    "mentions", "actors",
)  # fmt: skip
ARTICLES = {"articles-csv": "articles.csv", "articles-jsonl": "articles.jsonl"}
_W3C_ITEM_DEPTH = 3  # json.dumps(indent=1): collection > first > items > annotation
_W3C_ITEM_INDENT = " " * _W3C_ITEM_DEPTH
_ITEMS_MARK = "\x00items\x00"
_CSV_HEADER = export.to_csv([])


@dataclass(frozen=True)
class DataOptions:
    base_url: str = DEFAULT_BASE_URL  # the W3C export's base (the site's URL, if known)
    licence: str | None = None  # the dossier's licence notice for the data (data page)


@dataclass(frozen=True)
class DataFile:
    """A written data file: its path under the docs root, size, records and format."""

    path: str
    format: str  # a key of ANNOTATIONS or ARTICLES
    size: int
    records: int


@dataclass
class DataSet:
    files: list[DataFile] = field(default_factory=list)
    annotations: int = 0
    ptc_not_technique: int = 0  # annotations the PTC file leaves out: not a PTC label
    ptc_unmapped: int = 0  # ... and those whose passage does not map onto the seed


def base_url(site_url: object) -> str:
    """The W3C base for a site_url: the URL with a final '/', as MkDocs normalises
    it (a directory), or the export's default when none is set or it is no URL."""
    if not isinstance(site_url, str) or not site_url.strip():
        return DEFAULT_BASE_URL
    parts = urlsplit(site_url.strip())
    if not (parts.scheme and parts.netloc):
        return DEFAULT_BASE_URL
    if not parts.path.endswith("/"):
        parts = parts._replace(path=f"{parts.path}/")
    return urlunsplit(parts)


@dataclass(frozen=True)
class _Chunk:
    """One article's share of every data file."""

    jsonl: str
    csv: str
    ptc: export.PtcExport
    w3c: tuple[str, ...]  # its W3C annotations, indented, without separators
    record: dict[str, object]


class DataCache(BuildCache[str, tuple[object, _Chunk]]):
    """Each article's share of the data files, kept between builds (`mkdocs serve`):
    an edit writes the files again from the chunks, making only the edited article's.
    A chunk is reused when it was made from the very same parsed article and analysis
    (the engine's caches hand out the same objects for unchanged files), glossary and
    options."""


def write_data_files(
    dossier: Dossier,
    index: DossierIndex,
    options: DataOptions,
    out: Path,
    cache: DataCache | None = None,
) -> DataSet:
    """Write every data file under out/data/ (each via a temporary file renamed over
    it, so a reader never sees half a file); what was written."""
    result = DataSet()
    folder = out / DATA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    names = {**ANNOTATIONS, **ARTICLES}
    counts: Counter[str] = Counter()
    with ExitStack() as stack:
        handle = {key: stack.enter_context(_atomic(folder / name)) for key, name in names.items()}
        total = sum(len(entry.annotations) for entry in index.articles.values())
        w3c_head, w3c_tail = _w3c_frame(dossier, options.base_url, total)
        handle["w3c"].write(w3c_head)
        handle["csv"].write(_CSV_HEADER)
        handle["articles-csv"].write(_csv_line(ARTICLE_FIELDS))
        labels_key = hashlib.sha256(repr(dossier.registry.labels).encode("utf-8")).hexdigest()
        for article in dossier.articles:
            chunk = _chunk(dossier, index, article, options, cache, labels_key)
            handle["jsonl"].write(chunk.jsonl)
            handle["csv"].write(chunk.csv)
            handle["ptc"].write(chunk.ptc.text)
            counts["ptc"] += chunk.ptc.written
            result.ptc_not_technique += sum(chunk.ptc.not_ptc.values())
            result.ptc_unmapped += len(chunk.ptc.unmapped)
            for note in chunk.w3c:
                separator = ",\n" + _W3C_ITEM_INDENT if counts["w3c"] else ""
                handle["w3c"].write(separator + note)
                counts["w3c"] += 1
            handle["articles-jsonl"].write(json.dumps(chunk.record, ensure_ascii=False) + "\n")
            handle["articles-csv"].write(_csv_line(chunk.record.values()))
        handle["w3c"].write(w3c_tail)
    if cache is not None:
        cache.sweep()
    counts["jsonl"] = counts["csv"] = counts["w3c"]
    counts["articles-csv"] = counts["articles-jsonl"] = len(dossier.articles)
    result.annotations = counts["w3c"]
    for key, name in names.items():
        size = (folder / name).stat().st_size
        result.files.append(DataFile(f"{DATA_DIR}/{name}", key, size, counts[key]))
    return result


def _chunk(
    dossier: Dossier,
    index: DossierIndex,
    article: Article,
    options: DataOptions,
    cache: DataCache | None,
    labels_key: str,
) -> _Chunk:
    seed = dossier.root / article.seed if article.seed else None
    stat = seed.stat() if seed is not None and seed.is_file() else None
    entry = index.articles[article.id]
    # The rows follow from the article, its anchored annotations (the article and the
    # labels decide them), the labels (their names, PTC techniques) and the seed; the
    # article record counts its mentions and actors (the glossary moves them).
    counts = (len(entry.annotations), len(entry.mentions), len(entry.actor_ids))
    made_from = (article, labels_key, counts, options, stat and (stat.st_mtime_ns, stat.st_size))
    found = cache.get(article.id) if cache is not None else None
    if found is not None and _same(found[0], made_from):
        return found[1]
    items = export.article_rows(dossier, index, article)
    labels = dossier.registry.labels
    w3c = tuple(
        _indented(export._w3c_annotation(row, labels[row.label].name, options.base_url),
                  _W3C_ITEM_DEPTH)
        for row in items
    )  # fmt: skip
    chunk = _Chunk(export.to_jsonl(items), _csv_body(items), export.to_ptc(dossier, items),
                   w3c, _article_record(index, article.id))  # fmt: skip
    if cache is not None:
        cache.put(article.id, (made_from, chunk))
    return chunk


def _same(old: object, new: tuple) -> bool:
    """The article compared by identity (the same object from the engine's article
    cache: an unchanged file), the rest by value."""
    assert isinstance(old, tuple)
    return old[0] is new[0] and old[1:] == new[1:]


def data_files(dossier: Dossier, index: DossierIndex, options: DataOptions) -> dict[str, bytes]:
    """Every data file's bytes by its path under the docs root (for tests and small
    dossiers: the build writes them to disk with write_data_files)."""
    out = Path(tempfile.mkdtemp(prefix="dossier-data-"))
    try:
        written = write_data_files(dossier, index, options, out)
        return {item.path: (out / item.path).read_bytes() for item in written.files}
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _w3c_frame(dossier: Dossier, base: str, total: int) -> tuple[str, str]:
    """What export.to_w3c writes before and after its annotations (json.dumps with
    indent=1, as `dossier export` writes it): the collection with one marker item,
    cut at the marker. With no annotation the whole collection is the head."""
    collection = export.to_w3c(dossier, [], base)
    if not total:
        return json.dumps(collection, ensure_ascii=False, indent=1), ""
    collection["total"] = total
    collection["first"]["items"] = [_ITEMS_MARK]
    text = json.dumps(collection, ensure_ascii=False, indent=1)
    head, tail = text.split(json.dumps(_ITEMS_MARK, ensure_ascii=False))
    return head, tail


def _indented(value: object, depth: int) -> str:
    """What json.dumps(value, ensure_ascii=False, indent=1) writes for a value `depth`
    levels down (dicts, lists, strings, ints, None, bools): the same bytes, made twice
    as fast (json's own indented encoder is pure Python)."""
    if isinstance(value, str):
        return _encode_string(value)
    if isinstance(value, dict) and value:
        inner = _INDENTS[depth + 1]
        items = [_encode_string(k) + ": " + _indented(v, depth + 1) for k, v in value.items()]
        return "{" + inner + ("," + inner).join(items) + _INDENTS[depth] + "}"
    if isinstance(value, list) and value:
        inner = _INDENTS[depth + 1]
        items = [_indented(v, depth + 1) for v in value]
        return "[" + inner + ("," + inner).join(items) + _INDENTS[depth] + "]"
    return json.dumps(value)


_INDENTS = ["\n" + " " * depth for depth in range(16)]  # annotations are 6 levels deep


def _csv_body(items: list[export.Row]) -> str:
    """export.to_csv's rows without its header line (the header is written once)."""
    return export.to_csv(items)[len(_CSV_HEADER) :] if items else ""


def _csv_line(values: Iterable[object]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


def _article_record(index: DossierIndex, article_id: str) -> dict[str, object]:
    entry = index.articles[article_id]
    article = entry.article
    values = (
        article.id, article.title, article.outlet, article.published, article.language,
        article.url, article.seed, len(entry.annotations), len(entry.mentions),
        len(entry.actor_ids),
    )  # fmt: skip
    return dict(zip(ARTICLE_FIELDS, values, strict=True))


@contextmanager
def _atomic(target: Path) -> Iterator[IO[str]]:
    """A text file written through a temporary file in its folder, renamed over the
    target when all went well (removed otherwise). UTF-8, newlines as written."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

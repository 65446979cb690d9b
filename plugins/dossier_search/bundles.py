"""Merge Pagefind bundles, each built from its own set of pages, into one bundle.

Why: Pagefind's indexer holds every page in memory until it writes (0.5 to 0.8 MB a
page here), so a large site is indexed in shards of `search_shard_size` pages. Loaded
as separate bundles in the browser, every shard costs a metadata file and a fetch of
the index chunk holding the searched word, and Pagefind's prefix fallback runs per
shard. Merged into bundles of `search_bundle_size` pages, a search fetches a few chunks.
Bundles are kept at a few thousand pages, not one for the whole site: Pagefind scores a
word by scanning, for each page it matches, every page entry the word has, so one
bundle of 20,000 pages takes 0.6 s to rank a name found in 15,000 of them.

The bundle format is described in bundlefiles.py; the merged bundle is written in its
normal form (filters and their values sorted), whatever order the sources had.

Page numbers index the metadata's page list, so merging is renumbering: the pages of
bundle k follow those of bundles 0..k-1. Words are merged in one streaming pass over
every source's chunks in order (one chunk per source decoded at a time), and cut into
chunks of about CHUNK_BUDGET locations, Pagefind's own budget (kept compressed until
written), with the same shortest-prefix chunk bounds, so its lookup finds them. With
several workers, each process merges one range of the alphabet (cut where the
sources' chunk files are about equally large), and the chunks are named and listed in
order afterwards. A bundle that does not look like this (another major version, sorts,
several languages) raises UnsupportedBundle: the caller then keeps the shards as they
are.
"""

from __future__ import annotations

import hashlib
import heapq
import os
import shutil
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from operator import itemgetter
from pathlib import Path
from typing import Any

from .bundlefiles import (
    ENTRY,
    Bundle,
    Filters,
    UnsupportedBundle,
    dump,
    read_bundle,
    write_filters,
    write_hashed,
    write_meta,
)

CHUNK_BUDGET = 20_000  # word locations plus page entries per index chunk, as Pagefind
DATA_DIRS = ("index", "filter", "fragment")
UNSUPPORTED_EXIT = 3  # the exit status of `main` for bundles this module cannot read


# Per source bundle: its metadata field numbers (as encoded, -1, -2...) in the merged
# field list, or None where they are the same.
FieldMap = dict[int, int] | None


def _renumber(parts: list[tuple[int, FieldMap, list[list[Any]]]]) -> list[list[Any]]:
    """Delta-encoded page lists, each with its bundle's first page number and field
    map, as one list."""
    merged: list[list[Any]] = []
    last = 0  # the absolute number of the last page in `merged`
    for offset, fields, pages in parts:
        if not pages:
            continue
        if fields is not None:
            pages = [
                [n, locations, [fields.get(m, m) for m in meta]] if meta else [n, locations, meta]
                for n, locations, meta in pages
            ]
        first = pages[0]
        merged.append([offset + first[0] - last, first[1], first[2]])
        merged.extend(pages[1:])
        last = offset + sum(map(itemgetter(0), pages))
    return merged


def _size(pages: list[list[Any]]) -> int:
    return len(pages) + sum(map(len, map(itemgetter(1), pages)))


def _merge_word(group: list[tuple[int, FieldMap, list[Any]]]) -> list[Any]:
    """One word's entries from several bundles (with their offsets and field maps),
    in bundle order."""
    pages = _renumber([(offset, fields, entry[1]) for offset, fields, entry in group])
    variants: dict[str, list[tuple[int, FieldMap, list[list[Any]]]]] = {}
    for offset, fields, entry in group:
        for variant, variant_pages in entry[2]:
            variants.setdefault(variant, []).append((offset, fields, variant_pages))
    return [group[0][2][0], pages, [[v, _renumber(parts)] for v, parts in variants.items()]]


def _prefixes(last: str, first: str) -> tuple[str, str]:
    """Chunk bounds as Pagefind writes them: one character past the common prefix."""
    common = len(os.path.commonprefix([last, first]))
    return last[: common + 1], first[: common + 1]


def merge_bundles(sources: list[Path], target: Path, workers: int = 1) -> int:
    """Merge `sources` (in page order) into a new bundle at `target`; its page count.

    With `workers` > 1 the words are merged by that many processes, one range of the
    alphabet each (the output is the same). The sources' fragments are moved, not
    copied: the sources are spent afterwards.
    """
    bundles = [read_bundle(path) for path in sources]
    language = bundles[0].language
    if any(b.language != language for b in bundles):
        raise UnsupportedBundle("the shards differ in language")
    if target.exists():
        shutil.rmtree(target)
    for name in DATA_DIRS:
        (target / name).mkdir(parents=True)
    offsets = []
    total = 0
    for bundle in bundles:
        offsets.append(total)
        total += len(bundle.pages)

    fields = sorted({field for bundle in bundles for field in bundle.meta[5]})
    field_maps: list[FieldMap] = []
    for bundle in bundles:
        numbers = {-(i + 1): -(fields.index(name) + 1) for i, name in enumerate(bundle.meta[5])}
        field_maps.append(None if all(k == v for k, v in numbers.items()) else numbers)

    pages = _move_fragments(bundles, target / "fragment")
    filters = _merge_filters(bundles, offsets, target / "filter", language)
    chunks = _write_chunks(
        _merge_words(sources, offsets, field_maps, _split(bundles, workers)),
        target / "index",
        language,
    )

    meta = [bundles[0].meta[0], pages, chunks, filters, [], fields]
    write_meta(target, language, meta, bundles[0].entry)
    # Pagefind's code (pagefind.js, its worker, the WebAssembly, the UI files).
    for item in sources[0].iterdir():
        if item.is_file() and item.name != ENTRY and not item.name.endswith(".pf_meta"):
            shutil.copy2(item, target / item.name)
    return total


def _move_fragments(bundles: list[Bundle], folder: Path) -> list[list[Any]]:
    pages: list[list[Any]] = []
    taken: dict[str, bytes] = {}  # fragment name -> digest of its content
    for bundle in bundles:
        for name, word_count in bundle.pages:
            source = bundle.path / "fragment" / f"{name}.pf_fragment"
            digest = hashlib.sha1(source.read_bytes()).digest()
            final, extra = name, 0
            # Short hashes from different shards may collide (7 hex digits, 20,000
            # pages): extend the name, as Pagefind does within one run.
            while final in taken and taken[final] != digest:
                extra += 1
                final = f"{name}{extra}"
            if final not in taken:
                taken[final] = digest
                shutil.move(source, folder / f"{final}.pf_fragment")
            pages.append([final, word_count])
    return pages


def _merge_filters(
    bundles: list[Bundle], offsets: list[int], folder: Path, language: str
) -> list[list[str]]:
    merged: Filters = {}
    for bundle, offset in zip(bundles, offsets, strict=True):
        for name, values in bundle.filters().items():
            into = merged.setdefault(name, {})
            for value, page_numbers in values.items():
                into.setdefault(value, []).extend(n + offset for n in page_numbers)
    return write_filters(folder, language, merged)


# A range of words, [low, high); None is open.
Range = tuple[str | None, str | None]
# A merged index chunk: its first and last words and its file's content.
Chunk = tuple[str, str, bytes]


def _split(bundles: list[Bundle], parts: int) -> list[Range]:
    """`parts` consecutive word ranges holding about as much index each, judged by the
    largest source's chunk files; one range (everything) for a small index."""
    largest = max(bundles, key=lambda b: len(b.meta[2]))
    chunks = largest.meta[2]
    if parts <= 1 or len(chunks) < parts * 4:
        return [(None, None)]
    sizes = [(largest.path / "index" / f"{name}.pf_index").stat().st_size for *_, name in chunks]
    total, running = sum(sizes), 0
    cuts: list[str] = []
    for (first, _last, _name), size in zip(chunks, sizes, strict=True):
        if running >= total * (len(cuts) + 1) / parts and (not cuts or first > cuts[-1]):
            cuts.append(first)
        running += size
    edges: list[str | None] = [None, *cuts[: parts - 1], None]
    return list(zip(edges, edges[1:], strict=False))


def _merge_words(
    sources: list[Path], offsets: list[int], field_maps: list[FieldMap], ranges: list[Range]
) -> list[Chunk]:
    """Every merged chunk, in order: one range in this process, several in a process
    each."""
    if len(ranges) == 1:
        return _merge_range(sources, offsets, field_maps, ranges[0])
    count = len(ranges)
    with ProcessPoolExecutor(count) as pool:
        parts = pool.map(
            _merge_range, [sources] * count, [offsets] * count, [field_maps] * count, ranges
        )
        return [chunk for part in parts for chunk in part]


def _merge_range(
    sources: list[Path], offsets: list[int], field_maps: list[FieldMap], words: Range
) -> list[Chunk]:
    """The merged index chunks of the words in one range, in order (a process of its
    own when merging in parallel: it reads the sources again)."""
    bundles = [read_bundle(path) for path in sources]

    def stream(k: int) -> Iterator[tuple[str, int, list[Any]]]:
        for entry in bundles[k].words(*words):
            yield entry[0], k, entry

    streams = [stream(k) for k in range(len(bundles))]
    chunks: list[Chunk] = []
    chunk: list[list[Any]] = []
    budget = 0

    def flush() -> None:
        nonlocal chunk, budget
        if chunk:
            chunks.append((chunk[0][0], chunk[-1][0], dump([chunk])))
        chunk, budget = [], 0

    group: list[tuple[int, FieldMap, list[Any]]] = []
    # heapq.merge keeps the sources' order among equal words: bundle order, page order.
    for word, k, entry in heapq.merge(*streams, key=itemgetter(0)):
        if group and word != group[0][2][0]:
            chunk.append(_merge_word(group))
            budget += _size(chunk[-1][1]) + sum(_size(v[1]) for v in chunk[-1][2])
            group = []
            if budget >= CHUNK_BUDGET:
                flush()
        group.append((offsets[k], field_maps[k], entry))
    if group:
        chunk.append(_merge_word(group))
    flush()
    return chunks


def _write_chunks(chunks: list[Chunk], folder: Path, language: str) -> list[list[str]]:
    """Write the index chunks; the metadata's chunk list, [first, last, hash] each,
    with bounds cut to prefixes as Pagefind cuts them."""
    taken: set[str] = set()
    listed = [
        [first, last, write_hashed(folder, language, "pf_index", blob, taken)]
        for first, last, blob in chunks
    ]
    for before, after in zip(listed, listed[1:], strict=False):
        before[1], after[0] = _prefixes(before[1], after[0])
    return listed


USAGE = "usage: python -m dossier_search.bundles [--workers N] TARGET SOURCE..."


def main(argv: list[str]) -> int:
    """`python -m dossier_search.bundles [--workers N] TARGET SOURCE...` (run by the
    indexer, so that the merge holds neither the engine's interpreter lock nor its memory)."""
    workers = 1
    if argv[:1] == ["--workers"]:
        if len(argv) < 2 or not argv[1].isdigit():
            print(USAGE, file=sys.stderr)
            return 2
        workers, argv = int(argv[1]), argv[2:]
    if len(argv) < 2:
        print(USAGE, file=sys.stderr)
        return 2
    try:
        merge_bundles([Path(p) for p in argv[1:]], Path(argv[0]), workers)
    except UnsupportedBundle as error:
        print(f"unsupported: {error}", file=sys.stderr)
        return UNSUPPORTED_EXIT
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

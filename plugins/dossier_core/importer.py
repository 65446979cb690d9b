"""Import files as new articles: pick the reader by format, keep the seed, never overwrite.

Each file is imported on its own: a bad one is reported (file and line, with what to
do) and the others still go in; nothing already in the dossier changes. The format is
told by the bytes, not trusted from the name: gzip is unpacked (within a size limit),
HTML is read as a web page, other text as seed-like or wire text, anything else is
refused. Reading the format is this module's part; keeping the seed and writing the
article is `newarticle.commit`, shared with the URL and bulk imports.
"""

from __future__ import annotations

import gzip
import hashlib
import io
from pathlib import Path

from .atomicwrite import write_atomic
from .newarticle import (
    Imported,
    ImportFailure,
    KnownSeeds,
    Outcome,
    commit,
    existing_seeds,
    previous_import,
    seed_path_for,
)
from .outlethints import load_outlets, outlet_warnings
from .seedtext import is_web_page

__all__ = [
    "ImportFailure",
    "Outcome",
    "import_files",
    "import_seeds",
    "outlet_warnings",
    "write_atomic",
]

# A news page, even saved with its inline styles and scripts, is a few MB; the limit
# keeps a mistaken file (a video, a database dump, a gzip bomb) from stalling import.
MAX_SEED_BYTES = 20_000_000
_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\xd0\xcf\x11\xe0": "an old Office document",
}


def import_files(paths: list[Path], root: Path, articles_dir: Path) -> list[Outcome]:
    """Import each file; a failure is an outcome with status 'failed' and its reason."""
    known = existing_seeds(articles_dir, root)
    sources = load_outlets(articles_dir.parent).ids
    outcomes = []
    for path in paths:
        try:
            outcomes.append(import_file(path, root, articles_dir, known, sources))
        except (ImportFailure, OSError) as error:
            outcomes.append(Outcome(str(path), "failed", "", (_message(path, error),)))
    return outcomes


def import_seeds(paths: list[Path], root: Path, articles_dir: Path) -> list[Outcome]:
    """Like import_files, but raise on the first failure (for scripts and tests)."""
    outcomes = import_files(paths, root, articles_dir)
    for outcome in outcomes:
        if outcome.status == "failed":
            raise ImportFailure(outcome.warnings[0])
    return outcomes


def import_file(
    path: Path, root: Path, articles_dir: Path, known: KnownSeeds, sources: set[str]
) -> Outcome:
    """Import one file (of any supported format) as a new article."""
    if not path.is_file():
        raise ImportFailure(f"{path}: no such file")
    try:
        size = path.stat().st_size
        if size > MAX_SEED_BYTES:
            raise ImportFailure(_too_large(path, size))
        raw = path.read_bytes()
    except OSError as error:
        raise ImportFailure(f"{path}: cannot be read ({error.strerror or error})") from None
    return import_bytes(raw, path.name, root, articles_dir, known, sources, source=path)


def import_bytes(
    raw: bytes,
    name: str,
    root: Path,
    articles_dir: Path,
    known: KnownSeeds,
    sources: set[str],
    source: Path | None = None,
    origin: dict[str, str] | None = None,
) -> Outcome:
    """Import a seed's bytes (a file, a fetched page, a record of an export).

    `origin` sets fields the bytes cannot tell (url, fetched_url, fetched_at,
    published, outlet, title, language, author): they win over what is read from the
    content. The seed is kept byte for byte with the article (`newarticle.commit`: both
    or neither), and a seed already imported is never imported again.
    """
    digest = hashlib.sha256(raw).hexdigest()
    seed_rel = seed_path_for(name, digest, root, source)
    earlier = previous_import(seed_rel, digest, known, root)
    if earlier:
        return earlier  # before reading: an unchanged seed is not parsed again
    imported = read_seed(raw, name)
    for key, value in (origin or {}).items():
        if value:
            setattr(imported, key, value)
    return commit(raw, seed_rel, imported, root, articles_dir, known, sources)


def read_seed(raw: bytes, name: str) -> Imported:
    """The article in a seed's bytes, by format; ImportFailure says why there is none."""
    data = _unpacked(raw, name)
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise ImportFailure(
                f"{name}: is {kind}, not a text or a web page; save the article as HTML "
                "(or copy its text into a .txt file) and import that"
            )
    if is_web_page(data, name):
        from .htmlimport import read_page  # trafilatura is loaded only for web pages

        try:
            return read_page(data, name)
        except ImportFailure:
            raise
        except Exception as error:  # noqa: BLE001 - the extractor's own failure, on one page
            # A page the HTML parser or extractor cannot handle fails alone, with a
            # message, never a traceback that stops the other imports.
            raise ImportFailure(
                f"{name}: the web page could not be read ({type(error).__name__}: {error}); "
                "copy the article's text into a .txt file and import that"
            ) from None
    if b"\x00" in data[:65536]:
        raise ImportFailure(
            f"{name}: contains NUL bytes, so it is a binary file, not text; "
            "import the article as text or HTML"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFailure(
            f"{name}:{line}: not valid UTF-8 (byte 0x{data[error.start]:02x} at offset "
            f"{error.start}); convert the file to UTF-8 (e.g. iconv -f cp1252 -t utf-8) "
            "and import it again"
        ) from None
    from .textimport import clean_seed

    try:
        return clean_seed(text)
    except ValueError as error:
        raise ImportFailure(f"{name}: {error}") from None


def _unpacked(raw: bytes, name: str) -> bytes:
    """The bytes, gunzipped when they are gzip (read in bounded steps: no gzip bomb)."""
    if not raw.startswith(b"\x1f\x8b"):
        return raw
    out = io.BytesIO()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as packed:
            while chunk := packed.read(1 << 20):
                out.write(chunk)
                if out.tell() > MAX_SEED_BYTES:
                    raise ImportFailure(_too_large(Path(name), out.tell(), "unpacked "))
    except (OSError, EOFError) as error:
        raise ImportFailure(f"{name}: a damaged gzip file ({error}); save the page again") from None
    return out.getvalue()


def _too_large(path: Path, size: int, what: str = "") -> str:
    return (
        f"{path}: {what}size is over {size / 1e6:.1f} MB; the limit is "
        f"{MAX_SEED_BYTES / 1e6:.0f} MB for one article. Save the article alone "
        "(without embedded media), or copy its text into a .txt file"
    )


def _message(path: Path, error: Exception) -> str:
    if isinstance(error, OSError):  # reading raises ImportFailure: this is a write
        where = f"{error.filename}: " if error.filename else ""
        return f"{path}: not imported ({where}{error.strerror or error}); nothing was written"
    return str(error)

"""The one path every import takes: a seed's bytes -> a new article file.

Whatever the format (seed-like text, wire copy, a saved web page, a fetched URL, a
record of a bulk export, a PTC article), the evidence rules hold here:

- the source is kept byte for byte as the seed, inside the project, with its sha256;
- an article already imported from a seed is never rewritten (`unchanged`, or
  `seed changed` when the seed's bytes differ from the recorded hash);
- a seed whose bytes are already in the dossier under another name is refused,
  naming the article made from it;
- the seed and its article are written both or neither (`commit`): a failed article
  write removes the seed file, and the folders, that the import created;
- article files are written atomically and with the permissions the umask gives.

Every importer (importer.py for files, urlimport.py, bulkimport.py) reads its format
into an `Imported` and hands it, with the source's bytes, to `commit`.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from .atomicwrite import write_atomic, write_atomic_bytes
from .frontmatter import FrontMatterError, split
from .model import RemovedLine
from .nearduplicates import NearDuplicates
from .outlethints import outlet_warnings
from .text import slugify
from .unidentified import assign, record
from .yamlload import YamlProblem, load_yaml

SEEDS_DIR = "seeds"


class ImportFailure(ValueError):
    """A seed that cannot be imported; the message names the file (and line)."""


@dataclass
class Imported:
    """The article a seed becomes, before it is written.

    Empty strings are left out of the front matter (or written as null where the
    field is one analysts fill in later).
    """

    title: str
    body: str
    outlet: str = "unknown"
    published: str = ""
    date_note: str = ""
    title_note: str = ""
    removed: list[RemovedLine] = field(default_factory=list)
    language: str = ""  # "" = detect from the body at write time
    url: str = ""  # the article's own (canonical) address
    author: str = ""
    site_name: str = ""
    fetched_url: str = ""  # where the seed was fetched from (after redirects)
    fetched_at: str = ""  # ISO 8601 UTC time of the fetch
    extracted_with: str = ""  # "trafilatura 2.3.1", for text taken out of HTML
    # A suggested sources.yml entry, printed when `outlet` is not in sources.yml; for
    # an outlet not identified, what the text tells about its site (a description).
    outlet_entry: dict[str, str] = field(default_factory=dict)
    # What the analyst should know and may act on (missing outlet, language guess...).
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Outcome:
    """What became of one seed: its path (or address, or FILE:LINE), a status, the
    article file (relative to the project) and what the analyst should know."""

    seed: str
    status: str  # "new", "unchanged", "seed changed", "duplicate"
    article: str
    warnings: tuple[str, ...] = ()


@dataclass
class KnownSeeds:
    """The seeds the dossier's articles were made from: by path and by sha256."""

    by_path: dict[str, tuple[Path, str | None]] = field(default_factory=dict)
    by_digest: dict[str, Path] = field(default_factory=dict)
    # `url` and `fetched_url` of every article -> its file (the first by name wins),
    # addresses without their #fragment: a link import skips addresses already in.
    by_address: dict[str, Path] = field(default_factory=dict)
    near: NearDuplicates | None = None  # the dossier's texts, for republication warnings

    def add(self, seed_rel: str, article: Path, digest: str | None) -> None:
        """Record that `article` was made from the seed at `seed_rel`."""
        self.by_path[seed_rel] = (article, digest)
        if digest:
            self.by_digest.setdefault(digest, article)


def existing_seeds(articles_dir: Path, root: Path) -> KnownSeeds:
    """Every seed an article already names, with the article file and recorded sha256,
    and every address an article records (one pass over the front matter)."""
    paths = sorted(articles_dir.glob("*.md"))
    known = KnownSeeds(near=NearDuplicates(paths, root))
    for path in paths:
        try:
            data = load_yaml(split(path.read_text(encoding="utf-8"))[0], first_line=2)
        except (FrontMatterError, YamlProblem, UnicodeDecodeError):
            continue  # `dossier check` reports broken files; import only needs the seeds
        if not isinstance(data, dict):
            continue
        if data.get("seed"):
            digest = data.get("seed_sha256")
            known.add(str(data["seed"]), path, str(digest) if digest else None)
        for key in ("url", "fetched_url"):
            if isinstance(data.get(key), str) and data[key]:
                known.by_address.setdefault(address_key(data[key]), path)
    return known


def address_key(url: str) -> str:
    """An address as import compares them: without its #fragment."""
    return url.strip().split("#", 1)[0]


def previous_import(seed_rel: str, digest: str, known: KnownSeeds, root: Path) -> Outcome | None:
    """The outcome for a seed imported before, else None.

    Same path: `unchanged` or `seed changed`. Same bytes under another name:
    `duplicate`, naming the article already made from them.
    """
    if seed_rel in known.by_path:
        path, recorded = known.by_path[seed_rel]
        status = "unchanged" if recorded == digest else "seed changed"
        return Outcome(seed_rel, status, path.relative_to(root).as_posix())
    if digest in known.by_digest:
        path = known.by_digest[digest]
        rel = path.relative_to(root).as_posix()
        note = f"the same bytes were already imported as {rel}; nothing was written"
        return Outcome(seed_rel, "duplicate", rel, (note,))
    return None


def seed_name(name: str, digest: str) -> str:
    """A file name for a copied seed: the original stem, slugged, and 16 hex of its hash
    (the bundled seeds are named the same way: `003_64248f17bf6afecc.txt`)."""
    base = Path(name).name
    suffix = "".join(Path(base).suffixes[-2:]) if base.endswith(".gz") else Path(base).suffix
    stem = base[: len(base) - len(suffix)] if suffix else base
    suffix = re.sub(r"[^a-z0-9.]", "", suffix.lower())[:12] or ".txt"
    return f"{slugify(stem)[:60] or 'seed'}_{digest[:16]}{suffix}"


def seed_path_for(name: str, digest: str, root: Path, source: Path | None = None) -> str:
    """Where the seed is (a file inside the project) or will be copied (seeds/...)."""
    if source is not None:
        resolved, project = source.resolve(), root.resolve()
        if resolved.is_relative_to(project):
            return resolved.relative_to(project).as_posix()
    return f"{SEEDS_DIR}/{seed_name(name, digest)}"


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

    A seed imported before is reported as such (nothing written). A seed file already
    there with the same bytes (a file inside the project) is used as it is; one with
    other bytes is never replaced (ImportFailure). If writing the article fails, the
    seed file and the folders this call created are removed again, and the error is
    raised. `known` learns the new seed; `sources` (the outlet ids of sources.yml) adds
    a warning when the article names an outlet it does not have. An article whose
    outlet is not identified gets its site's own placeholder outlet, added to
    sources.yml once the article is written (unidentified.py).
    """
    digest = hashlib.sha256(raw).hexdigest()
    earlier = previous_import(seed_rel, digest, known, root)
    if earlier:
        return earlier
    imported.warnings.extend(outlet_warnings(imported, sources))
    placeholder = assign(imported, seed_rel, articles_dir.parent, sources)
    if known.near:
        imported.warnings.extend(known.near.check(imported.body))
    target = root / seed_rel
    created = _missing_folders(target.parent, root) + _missing_folders(articles_dir, root)
    try:
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            created.append(target)
            write_atomic_bytes(target, raw)
        elif hashlib.sha256(target.read_bytes()).hexdigest() != digest:
            raise ImportFailure(f"{seed_rel}: exists with other bytes; not replaced")
        outcome = add_article(root, articles_dir, seed_rel, digest, imported)
    except BaseException:
        # The seed, then the folders made for it, deepest first; a folder something
        # else now uses stays.
        for path in sorted(created, key=lambda p: (p != target, -len(p.parts))):
            with contextlib.suppress(OSError):
                if path == target:
                    path.unlink(missing_ok=True)
                else:
                    path.rmdir()
        raise
    known.add(seed_rel, root / outcome.article, digest)
    if known.near:
        known.near.add(outcome.article, imported.body)
    if placeholder:
        notes = record(articles_dir.parent, placeholder)
        outcome = replace(outcome, warnings=(*outcome.warnings, *notes))
    return outcome


def _missing_folders(folder: Path, root: Path) -> list[Path]:
    """`folder` and its parents inside `root` that do not exist yet."""
    return [p for p in (folder, *folder.parents) if p.is_relative_to(root) and not p.exists()]


def add_article(
    root: Path, articles_dir: Path, seed_rel: str, digest: str, imported: Imported
) -> Outcome:
    """Write the article file for a new seed under a free `<slug>.md` name.

    The language is detected from the body when the import did not set it (a note
    joins the warnings when the guess is uncertain). Use `commit`, which keeps the
    seed first and removes it again when this fails.
    """
    from .language import detect_language  # py3langid loads its model on first use

    articles_dir.mkdir(parents=True, exist_ok=True)
    warnings = list(imported.warnings)
    if not imported.language:
        imported.language, note = detect_language(imported.body)
        if note:
            warnings.append(note)
    path = free_path(articles_dir, slugify(imported.title) or "article")
    write_atomic(path, render_article_file(path.stem, seed_rel, digest, imported))
    return Outcome(seed_rel, "new", path.relative_to(root).as_posix(), tuple(warnings))


def render_article_file(article_id: str, seed_rel: str, digest: str, imported: Imported) -> str:
    """The text of a new article file: front matter, then the body."""
    data: dict = {"id": article_id, "title": imported.title}
    if imported.title_note:
        data["title_note"] = imported.title_note
    data.update(
        outlet=imported.outlet,
        published=imported.published or None,
        date_note=imported.date_note,
        language=imported.language or "en",
        url=imported.url or None,
    )
    for key in ("author", "site_name", "fetched_url", "fetched_at", "extracted_with"):
        if getattr(imported, key):
            data[key] = getattr(imported, key)
    data.update(
        seed=seed_rel,
        seed_sha256=digest,
        removed=[{"line": r.line, "text": r.text, "reason": r.reason} for r in imported.removed],
        summary="",
        tags=[],
    )
    front = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return f"---\n{front}---\n\n{imported.body}\n"


def free_path(folder: Path, slug: str) -> Path:
    """`folder/<slug>.md`, or `<slug>-2.md`, `-3`... when that name is taken."""
    path, number = folder / f"{slug}.md", 2
    while path.exists():
        path, number = folder / f"{slug}-{number}.md", number + 1
    return path

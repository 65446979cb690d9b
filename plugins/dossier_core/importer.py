"""Seed files -> article files: title, dateline, outlet, and an audit of what was removed.

Import never overwrites: an article already imported from a seed is reported as
unchanged or as "seed changed", and an analyst's edits stay as they are.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .frontmatter import FrontMatterError, split
from .furniture import Line, strip_furniture
from .model import RemovedLine
from .text import slugify
from .yamlload import YamlProblem, load_yaml

FORUM_OUTLET = "unidentified-forum"
# Outlet signatures: a pattern anywhere in the seed (kept or removed lines) -> outlet id.
SIGNATURES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"/TASS/"), "tass"),
    (re.compile(r"\brt\.com\b|^RT Team\.?$", re.MULTILINE), "rt"),
]
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
FORUM_HEADER = re.compile(
    rf"^(?P<user>.+?) Posted (?P<date>{_MONTH} \d{{1,2}}, \d{{4}})(?: Posted (?P=date))? "
)
TASS_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Z .'-]+), (?P<date>{_MONTH}\.? \d{{1,2}})\. /(?P<agency>[A-Z]+)/\."
)
PLACE_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z .'-]{2,}), [A-Z][a-z]+ [–-] ")
REACTION_COUNT = re.compile(r"(?<=[.!?\"”]) (?P<count>\d{1,4})$")


@dataclass
class Imported:
    """The article a seed becomes, before it is written."""

    title: str
    body: str
    outlet: str = "unknown"
    published: str = ""
    date_note: str = ""
    title_note: str = ""
    removed: list[RemovedLine] = field(default_factory=list)


@dataclass(frozen=True)
class Outcome:
    seed: str
    status: str  # "new", "unchanged", "seed changed"
    article: str


def clean_seed(text: str) -> Imported:
    """Turn the raw text of a seed into title, body, date and outlet."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = [Line(n, t) for n, t in enumerate(text.split("\n"), start=1)]
    removed: list[RemovedLine] = []
    forum = _strip_forum_header(lines, removed)
    kept, dropped = strip_furniture(lines)
    removed = sorted(removed + dropped, key=lambda r: r.line)
    paragraphs = [line for line in kept if line.text.strip()]
    if not paragraphs:
        raise ValueError("the seed has no text left after removing page furniture")
    if forum:
        result = _forum_article(paragraphs, removed, forum)
    else:
        result = _news_article(paragraphs, removed)
    result.outlet = _outlet(text) or (FORUM_OUTLET if forum else "unknown")
    return result


def _strip_forum_header(lines: list[Line], removed: list[RemovedLine]) -> str | None:
    """A forum post collected as one line: '<user> Posted <date> Posted <date> <text>'."""
    first = next((line for line in lines if line.text.strip()), None)
    match = FORUM_HEADER.match(first.text) if first else None
    if not first or not match:
        return None
    removed.append(RemovedLine(first.number, match.group(0).strip(), "forum post header"))
    first.text = first.text[match.end() :]
    return match.group("date")


def _forum_article(paragraphs: list[Line], removed: list[RemovedLine], date: str) -> Imported:
    last = paragraphs[-1]
    count = REACTION_COUNT.search(last.text.rstrip())
    if count:
        removed.append(RemovedLine(last.number, count.group("count"), "forum reaction count"))
        removed.sort(key=lambda r: r.line)
        last.text = last.text.rstrip()[: count.start()]
    first_sentence = re.split(r"(?<=[.!?])\s", paragraphs[0].text.strip(), maxsplit=1)[0]
    title = (
        first_sentence.rstrip(".")
        if len(first_sentence) <= 120
        else first_sentence[:117].rsplit(" ", 1)[0] + "…"
    )
    published = dt.datetime.strptime(date, "%B %d, %Y").date().isoformat()
    return Imported(
        title=title,
        body=_join(paragraphs),
        published=published,
        date_note=f"Date of the forum post ('Posted {date}').",
        title_note="The forum post has no title: this is its first sentence.",
        removed=removed,
    )


def _news_article(paragraphs: list[Line], removed: list[RemovedLine]) -> Imported:
    title_line = paragraphs.pop(0)
    title = title_line.text.strip()
    if paragraphs and paragraphs[0].text.strip() == title:
        repeated = paragraphs.pop(0)
        removed.append(RemovedLine(repeated.number, title, "repeated title"))
        removed.sort(key=lambda r: r.line)
    result = Imported(title=title, body=_join(paragraphs), removed=removed)
    _dateline(paragraphs, result)
    return result


def _dateline(paragraphs: list[Line], result: Imported) -> None:
    for line in paragraphs[:6]:
        text = line.text.strip()
        match = TASS_DATELINE.match(text)
        if match:
            result.date_note = (
                f"The dateline '{match.group(0)}' gives the day but not the year; set the year."
            )
            return
        if PLACE_DATELINE.match(text):
            result.date_note = f"The dateline '{text[:40]}…' names a place but no date."
            return
    result.date_note = "No dateline: the date must be inferred from the text."


def _outlet(text: str) -> str | None:
    for pattern, outlet in SIGNATURES:
        if pattern.search(text):
            return outlet
    return None


def _join(paragraphs: list[Line]) -> str:
    """Each non-blank seed line is a paragraph; trailing white space is not evidence."""
    return "\n\n".join(line.text.strip() for line in paragraphs)


def render_article_file(article_id: str, seed_rel: str, digest: str, imported: Imported) -> str:
    """The text of a new article file: front matter, then the body."""
    data: dict = {"id": article_id, "title": imported.title}
    if imported.title_note:
        data["title_note"] = imported.title_note
    data.update(
        outlet=imported.outlet,
        published=imported.published or None,
        date_note=imported.date_note,
        language="en",
        url=None,
        seed=seed_rel,
        seed_sha256=digest,
        removed=[{"line": r.line, "text": r.text, "reason": r.reason} for r in imported.removed],
        summary="",
        tags=[],
    )
    front = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return f"---\n{front}---\n\n{imported.body}\n"


def existing_seeds(articles_dir: Path, root: Path) -> dict[str, tuple[Path, str | None]]:
    """seed path -> (article file, recorded sha256) for every article already there."""
    found: dict[str, tuple[Path, str | None]] = {}
    for path in sorted(articles_dir.glob("*.md")):
        try:
            data = load_yaml(split(path.read_text(encoding="utf-8"))[0], first_line=2)
        except (FrontMatterError, YamlProblem, UnicodeDecodeError):
            continue  # `dossier check` reports broken files; import only needs the seeds
        if isinstance(data, dict) and data.get("seed"):
            found[str(data["seed"])] = (path, data.get("seed_sha256"))
    return found


def previous_import(
    seed_rel: str, digest: str, known: dict[str, tuple[Path, str | None]], root: Path
) -> Outcome | None:
    """The outcome for a seed imported before (unchanged / seed changed), else None."""
    if seed_rel not in known:
        return None
    path, recorded = known[seed_rel]
    status = "unchanged" if recorded == digest else "seed changed"
    return Outcome(seed_rel, status, path.relative_to(root).as_posix())


def import_seeds(seeds: list[Path], root: Path, articles_dir: Path) -> list[Outcome]:
    """Import seed files as new articles; never touch an article that already exists."""
    articles_dir.mkdir(parents=True, exist_ok=True)
    known = existing_seeds(articles_dir, root)
    outcomes = []
    for seed in seeds:
        seed = seed.resolve()
        if not seed.is_relative_to(root):
            raise ValueError(
                f"{seed}: seeds must be inside the project (copy it into seeds/ first)"
            )
        seed_rel = seed.relative_to(root).as_posix()
        raw = seed.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        earlier = previous_import(seed_rel, digest, known, root)
        if earlier:
            outcomes.append(earlier)
            continue
        try:
            imported = clean_seed(raw.decode("utf-8"))
        except UnicodeDecodeError as error:
            raise ValueError(f"{seed_rel}: not valid UTF-8 (byte {error.start})") from None
        except ValueError as error:
            raise ValueError(f"{seed_rel}: {error}") from None
        path = _free_path(articles_dir, slugify(imported.title))
        write_atomic(path, render_article_file(path.stem, seed_rel, digest, imported))
        outcomes.append(Outcome(seed_rel, "new", path.relative_to(root).as_posix()))
    return outcomes


def _free_path(folder: Path, slug: str) -> Path:
    path, number = folder / f"{slug}.md", 2
    while path.exists():
        path, number = folder / f"{slug}-{number}.md", number + 1
    return path


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and rename: a failed write leaves the old file intact."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
